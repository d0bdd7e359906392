//! What the offers panel costs a scan: the same scans through the register with and without
//! the recommender, in the same run, on the demo shop (or the store in XSELL_BENCH_DB, e.g.
//! the 100,000-product shop of scripts/bench-scale.sh). A scan with the panel asks the
//! engine for the new item's offers inside `update`; this measures that it stays far below
//! what a cashier could notice.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use xsell::app::Key;
use xsell::app::memory::MemoryBackend;
use xsell::app::model::blank_order;
use xsell::domain::catalog::Catalog;
use xsell::recommend::engine::Engine;
use xsell::recommend::model::Params;
use xsell::runtime::Till;
use xsell::store::Store;
use xsell::timing::PromptSettings;

const SCANS: usize = 3_000;
/// Items per order before the next order starts, as at a real counter.
const PER_ORDER: usize = 5;

fn till(catalog: Arc<Catalog>, engine: Option<Arc<Engine>>) -> Till<MemoryBackend> {
    let mut spec = support::spec(catalog);
    spec.prompts = PromptSettings {
        holdout_percent: 0,
        ..PromptSettings::default()
    };
    spec.engine = engine;
    support::signed_in(spec)
}

/// Times every scan (the SKU typed as a scanner does, then Enter) through the till.
fn scans(till: &mut Till<MemoryBackend>, skus: &[String]) -> Vec<Duration> {
    let now = support::bench_now();
    let mut samples = Vec::with_capacity(skus.len());
    for (i, sku) in skus.iter().enumerate() {
        if i % PER_ORDER == 0 {
            // The next customer: a fresh order without the keys of a payment, which this
            // benchmark does not time.
            till.model.order = blank_order(uuid::Uuid::new_v4(), "Till 1", 1, now);
            till.model.reprice();
        }
        let start = Instant::now();
        for c in sku.chars() {
            till.press(Key::Char(c), now);
        }
        till.press(Key::Enter, now);
        samples.push(start.elapsed());
    }
    samples
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn summary(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort_unstable();
    let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.99))
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = match std::env::var_os("XSELL_BENCH_DB") {
        Some(db) => std::path::PathBuf::from(db),
        None => {
            let db = dir.path().join("demo.db");
            xsell::demo::create(&db, "2026-11-23T09:00:00").unwrap();
            db
        }
    };
    let store = Store::open(&db).unwrap();
    let t = Instant::now();
    let engine = Arc::new(Engine::build(
        store.engine_input_per_request(Params::default()).unwrap(),
    ));
    let catalog = engine.catalog().clone();
    println!(
        "store {} · {} products · engine built in {:.2} s",
        db.display(),
        catalog.len(),
        t.elapsed().as_secs_f64()
    );
    // Products people buy, in stock, spread over the catalog.
    let step = (catalog.len() / 997).max(1);
    let skus: Vec<String> = catalog
        .products()
        .iter()
        .step_by(step)
        .filter(|p| p.active && p.in_stock())
        .map(|p| p.sku.clone())
        .cycle()
        .take(SCANS)
        .collect();

    let mut plain = till(catalog.clone(), None);
    let mut with_offers = till(catalog, Some(engine));
    // Interleaved rounds, so that both see the same machine.
    let (mut base, mut offers) = (Vec::new(), Vec::new());
    for round in skus.chunks(SCANS / 6) {
        base.extend(scans(&mut plain, round));
        offers.extend(scans(&mut with_offers, round));
    }
    let (b50, b99) = summary(&mut base);
    let (o50, o99) = summary(&mut offers);
    println!(
        "scan without the panel: n={} median={:.3} ms p99={:.3} ms",
        base.len(),
        ms(b50),
        ms(b99)
    );
    println!(
        "scan with the panel:    n={} median={:.3} ms p99={:.3} ms",
        offers.len(),
        ms(o50),
        ms(o99)
    );
    println!(
        "ratio with/without: median {:.2}x, p99 {:.2}x",
        o50.as_secs_f64() / b50.as_secs_f64(),
        o99.as_secs_f64() / b99.as_secs_f64()
    );
}
