//! Imports into an in-memory store: round trips, and every kind of bad row reported with its
//! line while nothing is written.

use xsell::import::{self, Summary};
use xsell::store::Store;

const AT: &str = "2026-11-23T10:00:00";

const CATALOG: &str = "\
sku,name,category,price,barcode,brand,cost,stock,tax_class,family,tier,durable
LAP-15-16,UltraBook 15 (16GB),Laptops,1199.00,4006381333931,Nimbus,900.00,5,standard,ultrabook-15,1,true
LAP-15-32,UltraBook 15 (32GB),Laptops,1399.00,,Nimbus,,3,standard,ultrabook-15,2,true
BAG-15,Laptop bag 15\",Laptop Bags,49.00,,,,20,,,,true
INK-BK,Black ink,Ink,19.99,,,,100,,,,false
";

fn store_with_catalog() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let s = import::catalog::import(&mut store, CATALOG.as_bytes(), "catalog.csv", AT).unwrap();
    assert_eq!(
        s,
        Summary {
            added: 4,
            updated: 0,
            customers_created: 0
        }
    );
    store
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn catalog_round_trip_and_upsert_by_sku() {
    let mut store = store_with_catalog();
    let catalog = store.load_catalog().unwrap();
    let lap = catalog.by_sku("LAP-15-16").unwrap();
    assert_eq!(lap.price.minor(), 119_900);
    assert_eq!(lap.family.as_deref(), Some("ultrabook-15"));
    assert!(lap.durable);
    assert!(!catalog.by_sku("INK-BK").unwrap().durable);
    assert_eq!(catalog.by_sku("BAG-15").unwrap().name, "Laptop bag 15\"");

    let update = "sku,name,category,price,stock\nLAP-15-16,UltraBook 15 (16GB),Laptops,1099.00,7\nNEW-1,Stand,Laptop Stands,39.00,4\n";
    let s = import::catalog::import(&mut store, update.as_bytes(), "update.csv", AT).unwrap();
    assert_eq!((s.added, s.updated), (1, 1));
    let catalog = store.load_catalog().unwrap();
    assert_eq!(catalog.len(), 5);
    assert_eq!(catalog.by_sku("LAP-15-16").unwrap().price.minor(), 109_900);
    // Stock equals the sum of its moves.
    let moves: i64 = store.conn().query_row("SELECT sum(delta) FROM stock_moves m JOIN products p ON p.id = m.product_id WHERE p.sku = 'LAP-15-16'", [], |r| r.get(0)).unwrap();
    assert_eq!(moves, 7);
}

#[test]
fn bad_catalog_rows_are_all_reported_and_nothing_is_written() {
    let mut store = store_with_catalog();
    let bad = "\
sku,name,category,price,barcode,stock
OK-1,Fine,Misc,1.00,,1
BAD-PRICE,Price,Misc,12.345,,1
BAD-NUM,Stock,Misc,1.00,,lots
,No sku,Misc,1.00,,1
BAD-EAN,Barcode,Misc,1.00,4006381333932,1
OK-1,Again,Misc,1.00,,1
NEG,Negative,Misc,-1.00,,1
SHORT,Short row
";
    let err = import::catalog::import(&mut store, bad.as_bytes(), "bad.csv", AT).unwrap_err();
    let text = err.to_string();
    let expected = [
        "bad.csv:3: price: '12.345' has more than 2 decimals",
        "bad.csv:4: stock 'lots' is not a whole number",
        "bad.csv:5: empty sku",
        "bad.csv:6: barcode '4006381333932': wrong check digit: expected 1, found 2",
        "bad.csv:7: duplicate sku 'OK-1' (first on line 2)",
        "bad.csv:8: price '-1.00' is negative",
        "bad.csv:9: expected 6 columns, found 2",
        "nothing was imported",
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    assert_eq!(count(&store, "products"), 4);
    assert!(store.load_catalog().unwrap().by_sku("OK-1").is_none());
}

#[test]
fn missing_or_unknown_columns_fail_on_the_header() {
    let mut store = Store::open_in_memory().unwrap();
    let err = import::catalog::import(
        &mut store,
        "sku,name,price\nA,B,1\n".as_bytes(),
        "c.csv",
        AT,
    )
    .unwrap_err();
    assert_eq!(
        err.errors[0].in_file("c.csv"),
        "c.csv:1: missing column 'category'"
    );
    let err = import::catalog::import(
        &mut store,
        "sku,name,category,price,colour\n".as_bytes(),
        "c.csv",
        AT,
    )
    .unwrap_err();
    assert!(err.errors[0].message.starts_with("unknown column 'colour'"));
}

#[test]
fn a_barcode_held_by_another_product_is_refused() {
    let mut store = store_with_catalog();
    let clash = "sku,name,category,price,barcode\nNEW,New,Misc,1.00,4006381333931\n";
    let err = import::catalog::import(&mut store, clash.as_bytes(), "c.csv", AT).unwrap_err();
    assert_eq!(
        err.errors[0].to_string(),
        "line 2: barcode '4006381333931' already belongs to LAP-15-16"
    );
}

#[test]
fn customers_import_and_upsert() {
    let mut store = Store::open_in_memory().unwrap();
    let csv =
        "customer_id,name,phone,email\nC1,Jordan Lee,555-0142,jordan@example.com\nC2,Sam Roe,,\n";
    let s = import::customers::import(&mut store, csv.as_bytes(), "cust.csv", AT).unwrap();
    assert_eq!(s.added, 2);
    let again = "customer_id,name\nC1,Jordan A. Lee\n";
    assert_eq!(
        import::customers::import(&mut store, again.as_bytes(), "c.csv", AT)
            .unwrap()
            .updated,
        1
    );
    let all = store.load_customers().unwrap();
    assert_eq!(all[0].name, "Jordan A. Lee");
    let bad = "customer_id,name,email\nC3,X,not-an-email\nC3,Y,\n";
    let err = import::customers::import(&mut store, bad.as_bytes(), "c.csv", AT).unwrap_err();
    assert_eq!(err.errors.len(), 2);
    assert_eq!(count(&store, "customers"), 2);
}

const ORDERS: &str = "\
order_id,customer_id,sku,qty,unit_price,ts
1001,C1,LAP-15-16,1,1199.00,2026-03-01T10:00:00
1001,C1,BAG-15,1,49.00,2026-03-01T10:00:00
1002,,INK-BK,2,,2026-03-02
1003,NEWCUST,INK-BK,1,19.99,2026-05-01T09:00:00
1001,C1,INK-BK,1,19.99,2026-03-01T09:59:00
";

#[test]
fn orders_import_builds_paid_orders_and_bare_customers() {
    let mut store = store_with_catalog();
    import::customers::import(
        &mut store,
        "customer_id,name\nC1,Jordan\n".as_bytes(),
        "c.csv",
        AT,
    )
    .unwrap();
    let mut seen = Vec::new();
    let s = import::history::import(&mut store, ORDERS.as_bytes(), "orders.csv", AT, &mut |n| {
        seen.push(n)
    })
    .unwrap();
    assert_eq!((s.added, s.customers_created), (3, 1));
    assert_eq!(seen.last(), Some(&5));
    let (lines, total, at): (i64, i64, String) = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM order_lines WHERE order_id = o.id), total_minor, completed_at FROM orders o WHERE external_id = '1001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    // 1199 + 49 + 19.99 = 1267.99, plus 8% per line: 95.92 + 3.92 + 1.60.
    assert_eq!(
        (lines, total, at.as_str()),
        (3, 126_799 + 9_592 + 392 + 160, "2026-03-01T09:59:00")
    );
    // An empty unit price takes the catalog price.
    let t: i64 = store
        .conn()
        .query_row(
            "SELECT total_minor FROM orders WHERE external_id = '1002'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(t, 3_998 + 320);
    let summary = store.customer_summary("C1").unwrap();
    assert_eq!(summary.visits, 1);
    assert_eq!(summary.favourite_categories.len(), 3);
    assert_eq!(store.customer_summary("NEWCUST").unwrap().visits, 1);
}

#[test]
fn bad_order_rows_roll_everything_back() {
    let mut store = store_with_catalog();
    let bad = "\
order_id,customer_id,sku,qty,unit_price,ts
1,,LAP-15-16,1,,2026-01-01
2,,NOPE,1,,2026-01-01
3,,INK-BK,0,,2026-01-01
4,,INK-BK,1,,someday
";
    let err =
        import::history::import(&mut store, bad.as_bytes(), "o.csv", AT, &mut |_| {}).unwrap_err();
    let lines: Vec<String> = err.errors.iter().map(|e| e.in_file("o.csv")).collect();
    assert_eq!(
        lines,
        [
            "o.csv:3: unknown sku 'NOPE'",
            "o.csv:4: qty 0 is out of range (1 to 1000000)",
            "o.csv:5: ts 'someday' is not an ISO 8601 date or date-time"
        ]
    );
    assert_eq!(count(&store, "orders"), 0);
    assert_eq!(count(&store, "order_lines"), 0);
    assert_eq!(count(&store, "customers"), 0);
}

#[test]
fn importing_the_same_orders_twice_is_a_duplicate_key() {
    let mut store = store_with_catalog();
    import::history::import(&mut store, ORDERS.as_bytes(), "o.csv", AT, &mut |_| {}).unwrap();
    let err = import::history::import(&mut store, ORDERS.as_bytes(), "o.csv", AT, &mut |_| {})
        .unwrap_err();
    assert_eq!(
        err.errors[0].to_string(),
        "line 2: duplicate order_id '1001': already in the store"
    );
    assert_eq!(count(&store, "orders"), 3);
}

#[test]
fn a_catalog_without_a_stock_column_leaves_stock_untracked_and_unmoved() {
    let mut store = store_with_catalog();
    let moves = count(&store, "stock_moves");
    let plain = "sku,name,category,price\nLAP-15-16,UltraBook 15 (16GB),Laptops,1199.00\nNEW,New thing,,5.00\n";
    import::catalog::import(&mut store, plain.as_bytes(), "plain.csv", AT).unwrap();
    let catalog = store.load_catalog().unwrap();
    let lap = catalog.by_sku("LAP-15-16").unwrap();
    let new = catalog.by_sku("NEW").unwrap();
    assert!(!lap.stock_tracked() && !new.stock_tracked());
    assert!(lap.in_stock() && new.in_stock());
    // Not counting stock is no reason to write it off: the figure stays, and no move is made.
    assert_eq!((lap.stock, new.stock), (5, 0));
    assert_eq!(count(&store, "stock_moves"), moves);
    assert!(catalog.by_sku("BAG-15").unwrap().stock_tracked());
    import::catalog::import(&mut store, CATALOG.as_bytes(), "catalog.csv", AT).unwrap();
    assert!(
        store
            .load_catalog()
            .unwrap()
            .by_sku("LAP-15-16")
            .unwrap()
            .stock_tracked()
    );
}
