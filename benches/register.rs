//! How fast the register answers with 100,000 products: a keystroke in the product finder
//! (update + search + render at 120×40) and a scan (lookup + add + reprice + save + render).
//! Criterion reports medians; the p99 is measured separately over every keystroke position
//! of a typed query and printed, since one slow keystroke is what a cashier notices.

mod support;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xsell::app::Key;
use xsell::app::memory::MemoryBackend;
use xsell::domain::catalog::{Catalog, Product};
use xsell::domain::ean;
use xsell::domain::money::Money;
use xsell::runtime::Till;

const PRODUCTS: usize = 100_000;
const QUERY: &str = "usb c hub 7";

const BRANDS: [&str; 16] = [
    "Anker", "Belkin", "Logitech", "Sony", "Samsung", "Dell", "Lenovo", "Apple", "Ugreen", "Razer",
    "JBL", "Bose", "Asus", "HP", "Satechi", "Sandisk",
];
const KINDS: [&str; 24] = [
    "USB-C hub",
    "USB-C cable",
    "HDMI cable",
    "wireless mouse",
    "mechanical keyboard",
    "laptop sleeve",
    "phone case",
    "screen protector",
    "power bank",
    "wall charger",
    "headphones",
    "earbuds",
    "webcam",
    "monitor",
    "SSD",
    "memory card",
    "router",
    "smart plug",
    "desk lamp",
    "laptop stand",
    "docking station",
    "speaker",
    "microphone",
    "graphics tablet",
];
const TRAITS: [&str; 12] = [
    "7-in-1",
    "2 m braided",
    "65W",
    "4K",
    "wireless",
    "compact",
    "pro",
    "slim",
    "RGB",
    "noise-cancelling",
    "1TB",
    "gen 2",
];
const COLOURS: [&str; 6] = ["black", "white", "grey", "blue", "silver", "red"];

/// A deterministic catalog of electronics with realistic-looking, varied names.
fn catalog() -> Catalog {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let products = (0..PRODUCTS)
        .map(|i| {
            let name = format!(
                "{} {} {} ({}) {}",
                BRANDS[next(BRANDS.len())],
                KINDS[next(KINDS.len())],
                TRAITS[next(TRAITS.len())],
                COLOURS[next(COLOURS.len())],
                1000 + next(9000)
            );
            Product {
                sku: format!("SKU-{i:06}"),
                name,
                category: "Accessories".into(),
                brand: None,
                price: Money::from_minor(499 + next(200_000) as i64),
                cost: None,
                barcode: ean::complete(&format!("{:012}", 200_000_000_000u64 + i as u64)),
                tax_class: "standard".into(),
                stock: next(40) as i64,
                family: None,
                tier: None,
                durable: true,
                age_restricted: false,
                active: true,
                stock_tracked: true,
                consumable: None,
            }
        })
        .collect();
    Catalog::new(products)
}

struct Bench {
    till: Till<MemoryBackend>,
    terminal: Terminal<TestBackend>,
    now: chrono::NaiveDateTime,
}

impl Bench {
    fn new(catalog: Arc<Catalog>, index: Arc<xsell::app::search::SearchIndex>) -> Bench {
        let mut spec = support::spec(catalog);
        spec.search_index = Some(index);
        Bench {
            till: support::signed_in(spec),
            terminal: Terminal::new(TestBackend::new(120, 40)).unwrap(),
            now: support::bench_now(),
        }
    }

    fn key(&mut self, key: Key) {
        self.till.press(key, self.now);
    }

    fn render(&mut self) {
        let model = &self.till.model;
        self.terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort_unstable();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn report(what: &str, samples: &mut [Duration]) {
    let median = percentile(samples, 0.5);
    let p99 = percentile(samples, 0.99);
    let max = *samples.last().unwrap();
    println!(
        "{what}: n={} median={:.3} ms p99={:.3} ms max={:.3} ms",
        samples.len(),
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}

fn benches(c: &mut Criterion) {
    let catalog = Arc::new(catalog());
    let index = Arc::new(xsell::app::search::SearchIndex::new(&catalog));
    let mut bench = Bench::new(catalog.clone(), index.clone());

    // (a) One keystroke in the finder, at every position of a typed query: the first
    // character searches all 100,000 names, later ones only the previous matches.
    let chars: Vec<char> = QUERY.chars().collect();
    let mut samples = Vec::new();
    for _ in 0..60 {
        bench.key(Key::F(3));
        for &c in &chars {
            let start = Instant::now();
            bench.key(Key::Char(c));
            bench.render();
            samples.push(start.elapsed());
        }
        bench.key(Key::Esc);
    }
    // Per position too: the first character is the expensive one (a full scan).
    let per_position: Vec<String> = (0..chars.len())
        .map(|i| {
            let mut at: Vec<Duration> = samples
                .iter()
                .skip(i)
                .step_by(chars.len())
                .copied()
                .collect();
            format!(
                "{:?}={:.1}",
                chars[i],
                percentile(&mut at, 0.5).as_secs_f64() * 1e3
            )
        })
        .collect();
    println!(
        "finder keystroke median by position (ms): {}",
        per_position.join(" ")
    );
    report(
        "finder keystroke (update + search + render 120x40)",
        &mut samples,
    );

    let mut position = 0usize;
    bench.key(Key::F(3));
    c.bench_function("finder keystroke, 100k products", |b| {
        b.iter(|| {
            if position == chars.len() {
                bench.key(Key::Esc);
                bench.key(Key::F(3));
                position = 0;
            }
            bench.key(Key::Char(chars[position]));
            position += 1;
            bench.render();
            black_box(&bench.till.model);
        })
    });
    bench.key(Key::Esc);

    // (b) A scan: 13 barcode digits and Enter as a scanner types them, then one redraw.
    let codes: Vec<String> = (0..20)
        .map(|i| catalog.products()[i * 4_999].barcode.clone().unwrap())
        .collect();
    let scan = |bench: &mut Bench, n: usize| {
        for c in codes[n % codes.len()].chars() {
            bench.key(Key::Char(c));
        }
        bench.key(Key::Enter);
        bench.render();
    };
    let mut samples = Vec::new();
    for n in 0..2_000 {
        let start = Instant::now();
        scan(&mut bench, n);
        samples.push(start.elapsed());
    }
    report(
        "scan (lookup + add + reprice + save + render 120x40)",
        &mut samples,
    );
    assert_eq!(bench.till.model.cart().lines().len(), codes.len());

    let mut fresh = Bench::new(catalog.clone(), index.clone());
    let mut n = 0;
    c.bench_function("scan, 100k products", |b| {
        b.iter(|| {
            scan(&mut fresh, n);
            n += 1;
        })
    });
}

criterion_group! {
    name = register;
    config = Criterion::default().sample_size(60).measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(register);
