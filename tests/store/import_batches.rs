//! A long history import runs in short transactions under a batch that becomes visible at
//! the end: killed half-way, nothing of it is seen, and the next import clears it away.

use crate::till_support;

use std::path::Path;

use till_support::{run_ok, small_store, xsell};
use xsell::recommend::model::Params;
use xsell::store::Store;

/// 3,000 orders of two lines each, for the first two products, by customers N0…N2999
/// that the store does not know yet.
fn history(dir: &Path, db: &Path) -> std::path::PathBuf {
    let skus: Vec<String> = Store::open(db)
        .unwrap()
        .load_catalog()
        .unwrap()
        .products()
        .iter()
        .take(2)
        .map(|p| p.sku.clone())
        .collect();
    let mut csv = String::from("order_id,customer_id,sku,qty,unit_price,ts\n");
    for o in 0..3_000 {
        for sku in &skus {
            csv += &format!("H{o},N{o},{sku},1,,2026-02-01T10:00:00\n");
        }
    }
    let file = dir.join("history.csv");
    std::fs::write(&file, csv).unwrap();
    file
}

fn seen(db: &Path) -> (usize, usize, i64) {
    let store = Store::open(db).unwrap();
    let customers = store
        .load_customers()
        .unwrap()
        .iter()
        .filter(|c| c.code.starts_with('N'))
        .count();
    let baskets = store.engine_input(Params::default()).unwrap().baskets.len();
    let visits = store.customer_summary("N10").map_or(0, |s| s.visits);
    (customers, baskets, visits)
}

#[test]
fn a_history_import_killed_half_way_shows_nothing_and_the_next_one_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path(), "store.db", 10);
    let file = history(dir.path(), &db);
    // Killed after a few thousand statements: several steps are committed, unpublished.
    let out = xsell(&db)
        .env("XSELL_FAULT_AFTER", "20000")
        .args(["import", "orders"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let written: i64 = Store::open(&db)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    assert!(written > 0, "the kill came before any step was committed");
    assert_eq!(seen(&db), (0, 0, 0), "a killed import is visible");
    let check = run_ok(xsell(&db).arg("check"));
    assert!(check.status.success());

    // The next import of the same file is not refused as a duplicate, and publishes it all.
    run_ok(xsell(&db).args(["import", "orders"]).arg(&file));
    assert_eq!(seen(&db), (3_000, 3_000, 1));
    let store = Store::open(&db).unwrap();
    let (orders, batches): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM import_batches)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((orders, batches), (3_000, 1));
}
