//! Mining time alone, baskets already in memory: the full groceries and bakery data when
//! they are beside the repo (`../shared/basket-data`), else the 300-basket test fixtures.
//! `scripts/mining-vs-pyfim.sh` puts these numbers next to pyfim's.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use xsell::recommend::baskets::Baskets;
use xsell::recommend::fpgrowth;

fn load(path: &Path) -> Vec<Vec<u32>> {
    let file = std::fs::File::open(path).unwrap();
    let baskets = Baskets::from_orders_csv(std::io::BufReader::new(file)).unwrap();
    baskets.baskets.into_iter().map(|b| b.items).collect()
}

fn mining(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/basket-data");
    let cases: Vec<(&str, PathBuf, u32)> = if data.join("groceries.orders.csv").exists() {
        vec![
            ("groceries", data.join("groceries.orders.csv"), 10),
            ("groceries", data.join("groceries.orders.csv"), 3),
            ("groceries", data.join("groceries.orders.csv"), 2),
            ("bakery", data.join("bakery.orders.csv"), 1),
        ]
    } else {
        let fixtures = root.join("tests/fixtures/mining");
        vec![
            ("groceries300", fixtures.join("groceries300.orders.csv"), 2),
            ("bakery300", fixtures.join("bakery300.orders.csv"), 1),
        ]
    };
    let mut group = c.benchmark_group("fpgrowth");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (name, path, count) in cases {
        let baskets = load(&path);
        group.bench_function(format!("{name}/c{count}/collect"), |b| {
            b.iter(|| fpgrowth::mine(&baskets, count, None).len())
        });
        group.bench_function(format!("{name}/c{count}/count-only"), |b| {
            b.iter(|| {
                let mut n = 0usize;
                fpgrowth::mine_with(&baskets, count, None, |_, _| n += 1);
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, mining);
criterion_main!(benches);
