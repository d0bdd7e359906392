//! `xsell check` passes on a sound store, and finds each kind of damage when a copy of the
//! store is broken on purpose, naming only the rule that was broken.

use crate::till_support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use till_support::*;
use xsell::domain::order::Refund;
use xsell::domain::tender::TenderKind;
use xsell::store::Store;

/// The demo shop after two sales (a discount, a split tender) and a refund, all through the
/// real paths, and a third order left open; returns the store and the first sale's order id.
fn sold_store(dir: &Path) -> (PathBuf, String) {
    let db = demo_store(dir);
    let items = items(&db, 3);
    let script = dir.join("s.txt");
    std::fs::write(
        &script,
        format!(
            "login {CASHIER_PIN}\ncustomer C0042\nscan {} 2\nscan {}\ndiscount 10%\npay card 5\npay cash\n\
             scan {}\ndiscount 25% 4826\npay card\nscan {}\n",
            items[0].sku, items[1].barcode, items[2].sku, items[0].sku
        ),
    )
    .unwrap();
    let out = run_ok(
        xsell(&db)
            .args(["--till", "Front", "sell", "--script"])
            .arg(&script),
    );
    assert_eq!(receipts(&out.stdout).len(), 2);
    let mut store = Store::open(&db).unwrap();
    let order_id: String = store
        .conn()
        .query_row(
            "SELECT id FROM orders WHERE receipt_no = 'FRONT-000001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    store
        .refund(&Refund {
            original_order_id: order_id.clone(),
            till: "Front".into(),
            staff_id: 2,
            approved_by: 1,
            lines: vec![(1, 1)],
            tender: xsell::domain::order::RefundTo::Only(TenderKind::Cash),
            at: chrono::Local::now().naive_local(),
        })
        .unwrap();
    (db, order_id)
}

/// The rules `xsell check` reports on `db`, and its whole output.
fn broken_rules(db: &Path) -> (BTreeSet<String>, String) {
    let (ok, report) = check(db);
    let rules: BTreeSet<String> = report
        .lines()
        .filter_map(|l| l.split_once(": ").map(|(rule, _)| rule.to_string()))
        .filter(|r| xsell::store::check::RULES.contains(&r.as_str()))
        .collect();
    assert_eq!(ok, rules.is_empty(), "{report}");
    (rules, report)
}

/// A copy of `db` changed by `sql` (foreign keys off, as a careless hand would).
fn damaged(db: &Path, name: &str, sql: &str) -> PathBuf {
    let copy = db.with_file_name(format!("{name}.db"));
    let source = Connection::open(db).unwrap();
    source.backup(rusqlite::MAIN_DB, &copy, None).unwrap();
    let conn = Connection::open(&copy).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    copy
}

#[test]
fn each_broken_invariant_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, order) = sold_store(dir.path());
    let (rules, report) = broken_rules(&db);
    assert!(rules.is_empty(), "a sound store passes:\n{report}");
    assert!(report.contains("no violation"), "{report}");

    let cases: &[(&str, String, &str)] = &[
        (
            "payments",
            format!("UPDATE payments SET amount_minor = amount_minor + 1 WHERE id = (SELECT min(id) FROM payments WHERE order_id = '{order}')"),
            "payments add up to",
        ),
        (
            "lines",
            format!("UPDATE order_lines SET paid_minor = paid_minor - 1 WHERE order_id = '{order}' AND line_no = 2"),
            "lines add up to",
        ),
        (
            "stock",
            format!("UPDATE products SET stock = stock + 3 WHERE id = (SELECT product_id FROM order_lines WHERE order_id = '{order}' AND line_no = 1)"),
            "its moves add up to",
        ),
        (
            "stock moves",
            // The shelf still adds up (an adjustment hides it), but the sale's move is short.
            format!(
                "UPDATE stock_moves SET delta = delta + 1 WHERE id = (SELECT min(id) FROM stock_moves WHERE order_id = '{order}');
                 INSERT INTO stock_moves (product_id, delta, reason, at)
                   SELECT product_id, -1, 'adjust', at FROM stock_moves WHERE id = (SELECT min(id) FROM stock_moves WHERE order_id = '{order}');"
            ),
            "the stock moves by",
        ),
        (
            "receipts",
            "UPDATE receipt_counters SET last_no = 1 WHERE prefix = 'FRONT'".to_string(),
            "numbers would be reused",
        ),
        (
            "suggestions",
            format!(
                "INSERT INTO suggestion_events (order_id, till, product_id, sku, category, kind, source, rule, trigger, score, price_minor, shown_at, outcome)
                   SELECT '{order}', 'Front', id, sku, category, 'cross-sell', 'mined', 'mined:1', 'item', 0.5, price_minor, '2026-01-01T00:00:00', 'accepted'
                   FROM products LIMIT 1"
            ),
            "is on no line of the order",
        ),
        (
            "suggestions",
            format!("UPDATE order_lines SET source = 'suggestion' WHERE order_id = '{order}' AND line_no = 1"),
            "from a suggestion but names none",
        ),
        (
            "drafts",
            // As the store once left an order emptied after an offer while the till sold on.
            "UPDATE orders SET status = 'voided', void_reason = 'emptied' WHERE status = 'draft'".to_string(),
            "was closed as emptied but its draft holds 1 line(s)",
        ),
        (
            "drafts",
            "UPDATE orders SET draft = NULL WHERE status = 'draft'".to_string(),
            "but has no saved draft",
        ),
        (
            "drafts",
            "INSERT INTO orders (id, till, staff_id, status, draft, started_at, updated_at)
               SELECT 'second', till, staff_id, 'draft', json_set(draft, '$.id', 'second'), started_at, updated_at
               FROM orders WHERE status = 'draft'".to_string(),
            "has 2 open orders",
        ),
        (
            "foreign keys",
            "PRAGMA foreign_keys = OFF; INSERT INTO stock_moves (product_id, delta, reason, at) VALUES (999999, 0, 'adjust', '2026-01-01T00:00:00')".to_string(),
            "points at a missing row of products",
        ),
    ];
    for (i, (rule, sql, words)) in cases.iter().enumerate() {
        let copy = damaged(&db, &format!("case{i}"), sql);
        let (rules, report) = broken_rules(&copy);
        assert_eq!(
            rules,
            BTreeSet::from([rule.to_string()]),
            "{rule}: {report}"
        );
        assert!(report.contains(words), "{rule}: {report}");
    }
}

#[test]
fn damage_below_the_tables_and_a_reused_receipt_number_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = sold_store(dir.path());
    // An index that no longer matches its table, as a torn write could leave it.
    let copy = damaged(
        &db,
        "index",
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX stock_moves_product ON stock_moves (delta)'
           WHERE name = 'stock_moves_product';",
    );
    let (rules, report) = broken_rules(&copy);
    assert!(rules.contains("integrity"), "{report}");

    // Two orders with one receipt number: only possible once the schema's own guard is gone.
    let copy = damaged(
        &db,
        "receipt",
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(sql, 'receipt_no     TEXT UNIQUE', 'receipt_no     TEXT')
           WHERE name = 'orders';
         DELETE FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NULL
           AND name = (SELECT name FROM pragma_index_list('orders') WHERE origin = 'u'
                       AND name IN (SELECT name FROM pragma_index_list('orders') i
                                    WHERE EXISTS (SELECT 1 FROM pragma_index_info(i.name) WHERE name = 'receipt_no')));",
    );
    let conn = Connection::open(&copy).unwrap();
    conn.execute(
        "UPDATE orders SET receipt_no = 'FRONT-000001' WHERE receipt_no = 'FRONT-000002'",
        [],
    )
    .unwrap();
    drop(conn);
    let (rules, report) = broken_rules(&copy);
    assert!(rules.contains("receipts"), "{report}");
    assert!(report.contains("FRONT-000001 is on 2 orders"), "{report}");
}
