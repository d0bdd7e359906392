//! The `wholesale` profile as a new shop takes it: generated, imported without stock or
//! categories, mined with the defaults. Its long baskets made the default mining store
//! millions of itemsets and rules; the defaults now stay within their budget, and an
//! explicit threshold still means exactly what it says.

use std::collections::HashMap;
use std::path::Path;

use xsell::recommend::budget::{ITEMSET_BUDGET, RULES_PER_ANTECEDENT};
use xsell::store::Store;

fn xsell(db: &Path, args: &[&str]) -> String {
    crate::cli_support::succeeds(db, args)
}

#[test]
fn the_wholesale_profile_has_long_baskets_known_customers_and_no_stock_or_categories() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let db = dir.path().join("store.db");
    let said = xsell(
        &db,
        &[
            "demo",
            "generate",
            "--profile",
            "wholesale",
            "--orders",
            "600",
            "--products",
            "400",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        said.contains("400 products, 120 customers, 600 orders"),
        "{said}"
    );
    let catalog = std::fs::read_to_string(out.join("catalog.csv")).unwrap();
    assert!(
        catalog.starts_with("sku,name,category,price\n"),
        "no stock column"
    );
    assert!(
        catalog
            .lines()
            .skip(1)
            .all(|l| l.split(',').nth(2) == Some(""))
    );
    let mut baskets: HashMap<String, (usize, bool)> = HashMap::new();
    let orders = std::fs::read_to_string(out.join("orders.csv")).unwrap();
    for line in orders.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let b = baskets.entry(f[0].to_string()).or_default();
        b.0 += 1;
        b.1 = !f[1].is_empty();
    }
    let mean = baskets.values().map(|b| b.0).sum::<usize>() as f64 / baskets.len() as f64;
    let largest = baskets.values().map(|b| b.0).max().unwrap();
    let known = baskets.values().filter(|b| b.1).count() as f64 / baskets.len() as f64;
    assert!((20.0..30.0).contains(&mean), "mean basket {mean}");
    assert!(largest >= 100, "largest basket {largest}");
    assert!((0.75..0.85).contains(&known), "known customers on {known}");

    xsell(
        &db,
        &[
            "import",
            "catalog",
            out.join("catalog.csv").to_str().unwrap(),
        ],
    );
    xsell(
        &db,
        &[
            "import",
            "customers",
            out.join("customers.csv").to_str().unwrap(),
        ],
    );
    xsell(
        &db,
        &["import", "orders", out.join("orders.csv").to_str().unwrap()],
    );
    // Tuning is `mine_store.rs`'s subject; here, only the budget.
    let said = xsell(&db, &["mine", "--no-tune"]);
    assert!(said.contains("chosen for at most"), "{said}");
    let store = Store::open(&db).unwrap();
    let (min_count, itemsets): (u32, i64) = store
        .conn()
        .query_row("SELECT min_count, itemsets FROM mining_runs", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(itemsets as usize <= ITEMSET_BUDGET, "{itemsets} itemsets");
    // At the default support of one order in a thousand it would have been 2.
    assert!(min_count > 2, "{said}");
    let rules = store.load_rules().unwrap();
    let mut per_antecedent: HashMap<&[String], usize> = HashMap::new();
    for r in &rules {
        *per_antecedent.entry(r.antecedent.as_slice()).or_default() += 1;
    }
    assert!(per_antecedent.values().all(|&n| n <= RULES_PER_ANTECEDENT));
    // The till gets five offers for a cart even though nothing has a stock figure.
    let first: Vec<&str> = orders.lines().nth(1).unwrap().split(',').collect();
    let answer = xsell(&db, &["recommend", "--cart", first[2], "--json"]);
    let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 5, "{v}");
    // A threshold given by the shop is exact: no budget raises it.
    let said = xsell(&db, &["mine", "--no-tune", "--min-count", "40"]);
    assert!(said.contains("(min count 40)"), "{said}");
}
