//! Where the engine's load time goes, on a store given by XSELL_BENCH_DB: reading the
//! catalog and the sales, training the relevance model, building the rest.

use std::time::Instant;

use xsell::recommend::engine::Engine;
use xsell::recommend::model::{Model, Params};
use xsell::store::Store;

fn main() {
    let Some(db) = std::env::var_os("XSELL_BENCH_DB") else {
        eprintln!("engine_load: set XSELL_BENCH_DB to a store (see README, Speed); skipped");
        return;
    };
    let store = Store::open(std::path::Path::new(&db)).unwrap();
    let t = Instant::now();
    let catalog = store.load_catalog().unwrap();
    println!(
        "catalog ({} products): {:.2} s",
        catalog.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let baskets = store.sale_baskets().unwrap();
    println!(
        "sales as baskets ({} orders, catalog included): {:.2} s",
        baskets.len(),
        t.elapsed().as_secs_f64()
    );
    drop(baskets);
    let t = Instant::now();
    let rules = store.load_rules().unwrap();
    println!(
        "rules ({}): {:.2} s",
        rules.len(),
        t.elapsed().as_secs_f64()
    );
    drop(rules);
    let t = Instant::now();
    let input = store.engine_input(Params::default()).unwrap();
    println!(
        "engine input (catalog, sales as baskets and purchases, rules): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let all: Vec<usize> = (0..input.baskets.len()).collect();
    let model = Model::train(&input.baskets, &all, &Params::default());
    println!(
        "model training alone ({} orders): {:.2} s",
        input.baskets.len(),
        t.elapsed().as_secs_f64()
    );
    drop(model);
    let t = Instant::now();
    let histories = xsell::recommend::model::histories(input.baskets.baskets.iter());
    println!(
        "customer histories ({}): {:.2} s",
        histories.len(),
        t.elapsed().as_secs_f64()
    );
    drop(histories);
    let t = Instant::now();
    let intervals = xsell::recommend::profile::intervals(
        input.purchases.values().map(Vec::as_slice),
        &input.catalog,
    );
    println!(
        "repurchase intervals ({} categories): {:.2} s",
        intervals.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let engine = Engine::build(input);
    println!(
        "engine build (training included): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    drop(engine);
    // What the till does: the model `xsell mine` kept when it is current, against reading the
    // sales and training, in the same run.
    let params = store.engine_params().unwrap();
    let t = Instant::now();
    let input = store.engine_input_per_request(params.clone()).unwrap();
    let kept = input.trained.is_some();
    let engine = Engine::build(input);
    let from_kept = t.elapsed().as_secs_f64();
    drop(engine);
    let t = Instant::now();
    let mut input = store.engine_input_per_request(params).unwrap();
    input.trained = None;
    input.baskets = store.sale_baskets().unwrap();
    let engine = Engine::build(input);
    let trained = t.elapsed().as_secs_f64();
    drop(engine);
    if kept {
        println!(
            "the till's engine from the kept model: {from_kept:.2} s; reading and training: {trained:.2} s ({:.1}x)",
            trained / from_kept.max(1e-9)
        );
    } else {
        println!(
            "the till's engine: {from_kept:.2} s (no current kept model: run xsell mine); reading and training: {trained:.2} s"
        );
    }
}
