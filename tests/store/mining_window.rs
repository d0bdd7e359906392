//! A default mining run learns from the newest orders of a long history; a threshold the
//! shop gives mines every order.

use xsell::import;
use xsell::progress::Silent;
use xsell::store::Store;
use xsell::store::mining::MineOptions;

const AT: &str = "2026-04-01T10:00:00";

/// Tea went with biscuits in January; since March it goes with lemons. A third of the
/// orders are coffee alone. Each month: 150 orders, 250 lines.
fn shop() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let catalog = "sku,name,category,price\nTEA,Tea,,3.00\nBIS,Biscuits,,2.00\nLEM,Lemons,,1.50\nCOF,Coffee,,4.00\n";
    import::catalog::import(&mut store, catalog.as_bytes(), "catalog.csv", AT).unwrap();
    let mut orders = String::from("order_id,customer_id,sku,qty,unit_price,ts\n");
    for i in 0..300 {
        let (month, other) = if i < 150 { (1, "BIS") } else { (3, "LEM") };
        let (id, ts) = (
            format!("O{i:03}"),
            format!("2026-{month:02}-{:02}T10:00:00", 1 + i % 28),
        );
        if i % 3 == 2 {
            orders.push_str(&format!("{id},,COF,1,4.00,{ts}\n"));
        } else {
            orders.push_str(&format!(
                "{id},,TEA,1,3.00,{ts}\n{id},,{other},1,1.00,{ts}\n"
            ));
        }
    }
    import::history::import(&mut store, orders.as_bytes(), "orders.csv", AT, &mut |_| {}).unwrap();
    store
}

fn consequents_of_tea(store: &Store) -> Vec<String> {
    let mut found: Vec<String> = store
        .load_rules()
        .unwrap()
        .into_iter()
        .filter(|r| r.antecedent == ["TEA"])
        .map(|r| r.consequent)
        .collect();
    found.sort();
    found
}

#[test]
fn a_default_run_mines_the_newest_orders_within_its_lines() {
    let mut store = shop();
    let options = MineOptions {
        max_lines: Some(250),
        tune: false,
        ..MineOptions::default()
    };
    let outcome = store.mine(options, AT, &Silent).unwrap();
    assert_eq!(outcome.report.orders, 300);
    assert_eq!(outcome.report.mined, Some(150));
    assert_eq!(consequents_of_tea(&store), ["LEM"]);
    // A rule's support is its share of the orders mined.
    let support: f64 = store
        .conn()
        .query_row(
            "SELECT support FROM mined_rules WHERE consequent = 'LEM'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(support, 100.0 / 150.0);
}

#[test]
fn a_run_within_its_lines_or_with_a_threshold_mines_every_order() {
    for max_lines in [Some(500), None] {
        let mut store = shop();
        let options = MineOptions {
            max_lines,
            tune: false,
            ..MineOptions::default()
        };
        let outcome = store.mine(options, AT, &Silent).unwrap();
        assert_eq!(outcome.report.mined, None, "{max_lines:?}");
        assert_eq!(consequents_of_tea(&store), ["BIS", "LEM"], "{max_lines:?}");
    }
}
