//! The evaluation split must reproduce the peers' cases exactly, or no figure compares.
//! The committed fixtures (expected files written by an independent script,
//! `tests/fixtures/eval/make_expected.py`) run everywhere; the full reference data in
//! `../shared/basket-data` is checked when present.

use std::fs::File;
use std::path::{Path, PathBuf};

use serde_json::Value;
use xsell::recommend::baskets::Baskets;
use xsell::recommend::split::{self, Case};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval")
}

fn reference() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/basket-data");
    if dir.join("reference").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} not found, reference checks skipped",
            dir.display()
        );
        None
    }
}

fn load(path: &Path) -> Baskets {
    Baskets::from_orders_csv(File::open(path).unwrap()).unwrap()
}

/// A case as the reference files write it.
fn as_json(b: &Baskets, c: &Case) -> Value {
    let labels = |ids: &[u32]| -> Vec<String> {
        ids.iter().map(|&i| b.index.label(i).to_string()).collect()
    };
    serde_json::json!({
        "order_id": c.order_id,
        "customer": c.customer,
        "ts": c.ts.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()),
        "cart": labels(&c.cart),
        "hidden": b.index.label(c.hidden),
    })
}

fn check(orders: &Path, cases_file: &Path, test_orders_file: &Path) {
    let b = load(orders);
    let s = split::split(&b);
    let ours: Vec<Value> = split::cases(&b, &s.test)
        .iter()
        .map(|c| as_json(&b, c))
        .collect();
    let expected: Vec<Value> = std::fs::read_to_string(cases_file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ours.len(), expected.len(), "number of cases");
    for (o, e) in ours.iter().zip(&expected) {
        assert_eq!(o, e);
    }
    let mut test_ids: Vec<&str> = s
        .test
        .iter()
        .map(|&i| b.baskets[i].order_id.as_str())
        .collect();
    let text = std::fs::read_to_string(test_orders_file).unwrap();
    let mut expected_ids: Vec<&str> = text.lines().collect();
    test_ids.sort_unstable();
    expected_ids.sort_unstable();
    assert_eq!(test_ids, expected_ids);
}

#[test]
fn fixture_in_time_order_reproduces_the_independent_cases() {
    let f = fixtures();
    check(
        &f.join("bakery400.orders.csv"),
        &f.join("bakery400.cases.jsonl"),
        &f.join("bakery400.test_orders.txt"),
    );
}

#[test]
fn fixture_without_times_reproduces_the_independent_cases() {
    let f = fixtures();
    check(
        &f.join("groceries300.orders.csv"),
        &f.join("groceries300.cases.jsonl"),
        &f.join("groceries300.test_orders.txt"),
    );
}

#[test]
fn reference_cases_and_test_orders_are_reproduced_exactly() {
    let Some(dir) = reference() else { return };
    for name in ["groceries", "bakery"] {
        check(
            &dir.join(format!("{name}.orders.csv")),
            &dir.join(format!("reference/{name}.cases.jsonl")),
            &dir.join(format!("reference/{name}.test_orders.txt")),
        );
    }
}

#[test]
fn validation_slice_is_cut_from_the_training_orders_only() {
    let b = load(&fixtures().join("bakery400.orders.csv"));
    let s = split::split(&b);
    let v = split::split_subset(&b.baskets, &s.train);
    assert_eq!(v.train.len() + v.test.len(), s.train.len());
    assert_eq!(v.test.len(), split::test_count(s.train.len()));
    assert!(v.test.iter().all(|i| !s.test.contains(i)));
    // Time order: the validation orders are the latest of the training part.
    let last_learn = v.train.iter().map(|&i| b.baskets[i].ts).max().unwrap();
    let first_valid = v.test.iter().map(|&i| b.baskets[i].ts).min().unwrap();
    assert!(last_learn <= first_valid);
}
