//! On the full reference data (when `../shared/basket-data` is present): the popularity
//! baseline must reproduce the first row of the README's table to the digit, which checks
//! the split and the metrics, and the engine must beat every peer's hit@3 in that table.
//! The engine runs with its built-in parameters here to keep the suite fast; the tuned run
//! is `scripts/eval-reference.sh`.

use std::fs::File;
use std::path::Path;

use xsell::recommend::baskets::Baskets;
use xsell::recommend::eval::{self, Metrics};
use xsell::recommend::model::Params;

/// (data set, README popularity row hit@1, hit@3, hit@5, MRR@5, best peer hit@3 in README)
const README: [(&str, [f64; 4], f64); 2] = [
    ("groceries", [0.071, 0.176, 0.253, 0.131], 0.197),
    ("bakery", [0.291, 0.505, 0.588, 0.402], 0.519),
];

fn rounded(m: &Metrics) -> [f64; 4] {
    [m.hit1, m.hit3, m.hitk, m.mrr].map(|x| (x * 1000.0).round() / 1000.0)
}

#[test]
fn popularity_reproduces_the_readme_and_the_engine_beats_every_peer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/basket-data");
    if !dir.is_dir() {
        eprintln!("note: {} not found, reference check skipped", dir.display());
        return;
    }
    for (name, popularity_row, best_peer_hit3) in README {
        let file = File::open(dir.join(format!("{name}.orders.csv"))).unwrap();
        let baskets = Baskets::from_orders_csv(file).unwrap();
        let report = eval::run(&baskets, 5, &Params::default(), false);
        let row = |n: &str| report.rows.iter().find(|r| r.name == n).unwrap().metrics;
        assert_eq!(rounded(&row("popularity")), popularity_row, "{name}");
        let engine = row("model alone");
        assert!(
            engine.hit3 > best_peer_hit3,
            "{name}: model hit@3 {:.3} does not beat {best_peer_hit3}",
            engine.hit3
        );
        for r in report
            .rows
            .iter()
            .filter(|r| !r.name.starts_with("model alone"))
        {
            assert!(engine.hit3 > r.metrics.hit3, "{name}: {} wins", r.name);
        }
    }
}
