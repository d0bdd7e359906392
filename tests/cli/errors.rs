//! The command line as a user meets it on a bad day: an existing store, a reset asked and
//! refused, a malformed file, a store that is not a database, no terminal. Each gets a clear
//! message and exit code 1, and nothing is lost.

use crate::cli_support;

use std::path::Path;

use cli_support::{text, xsell};

fn products(db: &Path) -> i64 {
    let store = xsell::store::Store::open(db).unwrap();
    store
        .conn()
        .query_row("SELECT count(*) FROM products", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn demo_is_created_once_and_reset_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let made = xsell(&db, &["demo"], "");
    assert!(made.status.success(), "{}", text(&made));
    assert!(
        text(&made).starts_with("Demo shop created: 276 products"),
        "{}",
        text(&made)
    );

    let again = xsell(&db, &["demo"], "");
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again).contains("already exists") && text(&again).contains("--reset"),
        "{}",
        text(&again)
    );

    // A sale-like change, then a reset that is refused at the prompt keeps it.
    let extra = dir.path().join("extra.csv");
    std::fs::write(&extra, "sku,name,category,price\nEXTRA-1,Extra,Misc,1.00\n").unwrap();
    assert!(
        xsell(&db, &["import", "catalog", extra.to_str().unwrap()], "")
            .status
            .success()
    );
    assert_eq!(products(&db), 277);
    let refused = xsell(&db, &["demo", "--reset"], "n\n");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("nothing was changed"),
        "{}",
        text(&refused)
    );
    assert_eq!(products(&db), 277);

    let confirmed = xsell(&db, &["demo", "--reset"], "y\n");
    assert!(confirmed.status.success(), "{}", text(&confirmed));
    assert_eq!(products(&db), 276);
    assert!(
        xsell(&db, &["demo", "--reset", "--yes"], "")
            .status
            .success()
    );
    assert_eq!(products(&db), 276);
}

#[test]
fn a_malformed_file_names_its_lines_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    assert!(xsell(&db, &["demo"], "").status.success());
    let bad = dir.path().join("bad orders.csv");
    std::fs::write(&bad, "order_id,customer_id,sku,qty,unit_price,ts\nX1,,UB15-16,1,,2026-11-01\nX2,,NO-SUCH,1,,2026-11-01\nX3,,UB15-16,lots,,2026-11-01\n").unwrap();
    let before: i64 = xsell::store::Store::open(&db)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    let out = xsell(&db, &["import", "orders", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out);
    let file = bad.display().to_string();
    assert!(
        said.contains(&format!("{file}:3: unknown sku 'NO-SUCH'")),
        "{said}"
    );
    assert!(
        said.contains(&format!("{file}:4: qty 'lots' is not a whole number")),
        "{said}"
    );
    assert!(said.contains("nothing was imported"), "{said}");
    let after: i64 = xsell::store::Store::open(&db)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);

    let missing = xsell(&db, &["import", "catalog", "/no/such/file.csv"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing).contains("cannot open /no/such/file.csv"),
        "{}",
        text(&missing)
    );
}

#[test]
fn a_file_that_is_not_a_store_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    let notes =
        "my shopping notes: milk, bread, and a very long line so that it is larger than a header";
    std::fs::write(&db, notes).unwrap();
    let out = xsell(&db, &["recommend", "--cart", "X"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("is not an xsell database"),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read_to_string(&db).unwrap(), notes);
}

#[test]
fn the_register_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let out = xsell(&db, &[], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("the register needs a terminal"),
        "{}",
        text(&out)
    );
    assert!(
        !db.exists(),
        "nothing is created for a register that cannot open"
    );
}

#[test]
fn a_mistake_in_the_settings_file_is_named_before_anything_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    std::fs::write(dir.path().join("xsell.toml"), "[prompts]\nlifetime = 12\n").unwrap();
    let out = crate::run_support::xsell()
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("xsell.toml") && err.contains("lifetime"),
        "{err}"
    );
    let out = crate::run_support::xsell()
        .arg("--db")
        .arg(&db)
        .args(["--holdout", "140"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a share above 100% is a wrong command line"
    );
}
