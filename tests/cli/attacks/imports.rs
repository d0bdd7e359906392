//! Bad input that every importer took before: control characters and NUL, names of
//! megabytes, a tax class the shop has no rate for, dates of year 1 or 9999, a bundle
//! discount that makes a sale free, two sales under one order id, a decimal comma. Each is
//! refused at its FILE:LINE and nothing is written.

use xsell::import;
use xsell::store::Store;
use xsell::store::staff::ChangedBy;

const AT: &str = "2026-11-23T10:00:00";

fn base() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let catalog =
        "sku,name,category,price,stock\nA1,Laptop,Laptops,999.00,4\nA2,Bag,Bags,49.00,9\n";
    import::catalog::import(&mut store, catalog.as_bytes(), "base.csv", AT).unwrap();
    let customers = "customer_id,name\nC1,Sam\nC2,Kim\n";
    import::customers::import(&mut store, customers.as_bytes(), "base.csv", AT).unwrap();
    store
}

/// Imports `body` as `kind` into a fresh base store: the error text, and whether the store
/// is exactly as it was.
fn refused(kind: &str, body: &str) -> String {
    let mut store = base();
    let before = dump(&store);
    let file = format!("{kind}.csv");
    let by = ChangedBy {
        till: "test".into(),
        at: xsell::store::parse_ts(AT),
        manager: None,
    };
    let input = body.as_bytes();
    let result = match kind {
        "catalog" => import::catalog::import(&mut store, input, &file, AT).map(|_| ()),
        "customers" => import::customers::import(&mut store, input, &file, AT).map(|_| ()),
        "orders" => import::history::import(&mut store, input, &file, AT, &mut |_| {}).map(|_| ()),
        "complements" => import::complements::import(&mut store, input, &file).map(|_| ()),
        "bundles" => import::bundles::import(&mut store, input, &file).map(|_| ()),
        "staff" => import::staff::import(&mut store, input, &file, &by).map(|_| ()),
        _ => unreachable!(),
    };
    let err = result.expect_err(kind).to_string();
    assert_eq!(dump(&store), before, "{kind} wrote something: {err}");
    err
}

fn dump(store: &Store) -> String {
    let conn = store.conn();
    let mut out = String::new();
    for table in [
        "products",
        "customers",
        "orders",
        "order_lines",
        "complements",
        "bundles",
        "staff",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        out += &format!("{table}={n} ");
    }
    out
}

fn expect(kind: &str, body: &str, line: u32, says: &str) {
    let err = refused(kind, body);
    let at = format!("{kind}.csv:{line}: ");
    assert!(
        err.lines().any(|l| l.starts_with(&at) && l.contains(says)),
        "{kind}: expected {at}…{says}…, got:\n{err}"
    );
}

/// One row per importer, with `{}` where the hostile value goes, and the column it is in.
fn rows() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            "catalog",
            "name",
            "sku,name,category,price\nB1,{},Bags,1.00\n",
        ),
        (
            "catalog",
            "sku",
            "sku,name,category,price\n{},Pen,Bags,1.00\n",
        ),
        ("customers", "name", "customer_id,name\nC9,{}\n"),
        ("customers", "customer_id", "customer_id,name\n{},Jo\n"),
        (
            "orders",
            "order_id",
            "order_id,customer_id,sku,qty,unit_price,ts\n{},C1,A1,1,,2026-01-01\n",
        ),
        (
            "complements",
            "reason",
            "from,to,reason,script\nA1,A2,{},Say it\n",
        ),
        (
            "bundles",
            "name",
            "bundle_id,name,items,price\nK1,{},A1|A2,900.00\n",
        ),
        (
            "staff",
            "name",
            "staff_id,name,role,pin\nS9,{},cashier,1234\n",
        ),
    ]
}

#[test]
fn control_characters_and_nul_in_names_skus_and_ids_are_refused_in_every_importer() {
    for (kind, column, row) in rows() {
        for bad in ["Ev\x1b]0;x\x07il", "nul\0byte", "\"two\nlines\""] {
            let body = row.replace("{}", bad);
            expect(
                kind,
                &body,
                2,
                &format!("{column} holds a control character"),
            );
        }
    }
}

#[test]
fn a_ten_megabyte_name_is_refused_in_every_importer() {
    let huge = "x".repeat(10 << 20);
    for (kind, column, row) in rows() {
        let err = refused(kind, &row.replace("{}", &huge));
        assert!(
            err.contains(&format!("{column} is 10485760 characters long")),
            "{kind}"
        );
        assert!(err.len() < 2_000, "{kind}: the error echoes the value");
    }
}

#[test]
fn an_unknown_tax_class_is_refused_not_taxed_at_the_default() {
    expect(
        "catalog",
        "sku,name,category,price,tax_class\nB1,Pen,Office,1.00,reduced\n",
        2,
        "unknown tax_class 'reduced'",
    );
}

#[test]
fn dates_of_year_one_or_nine_thousand_nine_hundred_ninety_nine_are_refused() {
    for ts in [
        "0001-01-01",
        "9999-12-31T23:59:59",
        "+10000-01-01T00:00:00Z",
    ] {
        let body = format!("order_id,customer_id,sku,qty,unit_price,ts\n7,C1,A1,1,,{ts}\n");
        let err = refused("orders", &body);
        assert!(err.starts_with("orders.csv:2: ts"), "{ts}: {err}");
    }
    expect(
        "complements",
        "from,to,reason,script,starts\nA1,A2,fits,Say it,0001-01-01\n",
        2,
        "outside the years 1970 to 2100",
    );
}

#[test]
fn a_bundle_discount_larger_than_its_items_is_refused() {
    // Laptop 999.00 + bag 49.00: a discount of 1,048.00 or more makes the set free.
    expect(
        "bundles",
        "bundle_id,name,items,discount\nK1,Kit,A1|A2,1048.00\n",
        2,
        "not less than the cheapest set of its items ($1,048.00)",
    );
    expect(
        "bundles",
        "bundle_id,name,items,discount\nK1,Kit,category:Bags|A1,5000.00\n",
        2,
        "not less than the cheapest set",
    );
}

#[test]
fn two_sales_under_one_order_id_are_refused_not_merged() {
    expect(
        "orders",
        "order_id,customer_id,sku,qty,unit_price,ts\n7,C1,A1,1,,2026-01-01T10:00\n7,C2,A2,1,,2026-01-01T10:00\n",
        3,
        "has another customer than its first row",
    );
    expect(
        "orders",
        "order_id,customer_id,sku,qty,unit_price,ts\n7,C1,A1,1,,2026-01-01T10:00\n8,C1,A2,1,,2026-01-01T10:00\n7,C1,A2,1,,2026-03-05T10:00\n",
        4,
        "minutes from its first row's",
    );
}

#[test]
fn a_decimal_comma_is_refused_with_the_fix_instead_of_a_price_a_hundred_times_higher() {
    expect(
        "catalog",
        "sku,name,category,price\nB1,Pen,Office,\"1,50\"\n",
        2,
        "decimal comma: write 1.50",
    );
    expect(
        "orders",
        "order_id,customer_id,sku,qty,unit_price,ts\n7,C1,A1,1,\"12,5\",2026-01-01\n",
        2,
        "decimal comma: write 12.5",
    );
    expect(
        "catalog",
        "sku,name,category,price\nB1,Pen,Office,\"1,2,3.4\"\n",
        2,
        "comma out of place",
    );
}
