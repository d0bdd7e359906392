//! Speed of the relevance model at shop-chain scale: training on a synthetic history of
//! 1,000,000 orders over 100,000 items, and per-query latency (mean from criterion, p50/p99
//! printed from a plain loop, since a till cares about the slow tail).
//!
//! `cargo bench --bench model` (add `-- --quick` for a short run).

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use xsell::recommend::baskets::{Basket, Baskets};
use xsell::recommend::model::{History, Model, Params};

const ITEMS: u32 = 100_000;
const ORDERS: usize = 1_000_000;

/// A deterministic pseudo-random stream (64-bit LCG, high bits), so runs compare.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Skewed popularity (a few items in many orders, a long tail) and complements: an item is
/// often bought with its neighbour id.
fn history() -> Baskets {
    let mut b = Baskets::default();
    for i in 0..ITEMS {
        b.index.intern(&format!("SKU{i:06}"));
    }
    let mut r = Lcg(42);
    for o in 0..ORDERS {
        let len = 1 + (r.next() * r.next() * 10.0) as usize;
        let mut items: Vec<u32> = Vec::with_capacity(len + 1);
        for _ in 0..len {
            let item = ((r.next().powi(3)) * f64::from(ITEMS)) as u32;
            items.push(item);
            if r.next() < 0.3 {
                items.push((item ^ 1).min(ITEMS - 1));
            }
        }
        items.sort_unstable();
        items.dedup();
        b.baskets.push(Basket {
            order_id: o.to_string(),
            customer: None,
            ts: None,
            items,
        });
    }
    b
}

fn carts(n: usize) -> Vec<Vec<u32>> {
    let mut r = Lcg(7);
    (0..n)
        .map(|_| {
            (0..5)
                .map(|_| (r.next().powi(3) * f64::from(ITEMS)) as u32)
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let data = history();
    let all: Vec<usize> = (0..data.len()).collect();
    let params = Params::default();

    let started = Instant::now();
    let model = Model::train(&data, &all, &params);
    eprintln!(
        "train: {} orders, {} items in {:.2} s",
        ORDERS,
        ITEMS,
        started.elapsed().as_secs_f64()
    );

    let queries = carts(20_000);
    let history = History::from_items(12, &queries[0]);
    let mut micros: Vec<f64> = queries
        .iter()
        .map(|cart| {
            let started = Instant::now();
            std::hint::black_box(model.score(cart, Some(&history), 5));
            started.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    micros.sort_by(f64::total_cmp);
    eprintln!(
        "query (5-item cart, known customer): p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        micros[micros.len() / 2],
        micros[micros.len() * 99 / 100],
        micros[micros.len() - 1]
    );

    let mut at = 0;
    c.bench_function("score 5-item cart, 100k items", |b| {
        b.iter(|| {
            at = (at + 1) % queries.len();
            model.score(&queries[at], None, 5)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
