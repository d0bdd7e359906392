//! The engine on data as shops have it: a catalog without stock figures or categories, and
//! the tally of what each guardrail kept off a short list.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use xsell::domain::catalog::{Catalog, Product};
use xsell::domain::money::Money;
use xsell::recommend::baskets::Baskets;
use xsell::recommend::engine::{Engine, EngineInput, Explained, Guardrail, Request};
use xsell::recommend::model::Params;

fn product(sku: &str, category: &str) -> Product {
    // Durables: the per-category limit is about them (a consumable's kind may repeat).
    Product {
        sku: sku.into(),
        name: format!("{sku} name"),
        category: category.into(),
        brand: None,
        price: Money::from_minor(500),
        cost: None,
        barcode: None,
        tax_class: "standard".into(),
        stock: 0,
        family: None,
        tier: None,
        durable: true,
        age_restricted: false,
        active: true,
        stock_tracked: false,
        consumable: None,
    }
}

/// Ten products bought with A, in every order that holds A, and a few orders without it.
fn engine(products: Vec<Product>) -> Engine {
    let mut history: Vec<Vec<String>> = Vec::new();
    for i in 0..40 {
        let mut order = vec!["A".to_string()];
        order.extend(
            (0..10)
                .filter(|j| (i + j) % 3 == 0)
                .map(|j| format!("P{j}")),
        );
        history.push(order);
        history.push(vec![format!("P{}", i % 10), format!("P{}", (i + 1) % 10)]);
    }
    engine_of(&history, products)
}

/// An engine of these products trained on this history, with nothing curated.
fn engine_of(history: &[Vec<String>], products: Vec<Product>) -> Engine {
    Engine::build(EngineInput {
        catalog: Arc::new(Catalog::new(products)),
        complements: Vec::new(),
        bundles: Vec::new(),
        rules: Vec::new(),
        baskets: Baskets::from_label_sets(history),
        trained: None,
        purchases: HashMap::new(),
        intervals: None,
        opted_out: HashSet::new(),
        params: Params::default(),
    })
}

fn shop(category: impl Fn(usize) -> String) -> Vec<Product> {
    // What brings the offers is not a durable, so none of them is its alternative.
    let mut a = product("A", &category(99));
    a.durable = false;
    let mut products = vec![a];
    products.extend((0..10).map(|j| product(&format!("P{j}"), &category(j))));
    products
}

fn ask(e: &Engine, cart: &[&str], k: usize, declined: &[&str]) -> Explained {
    let cart: Vec<String> = cart.iter().map(|s| s.to_string()).collect();
    let declined: Vec<String> = declined.iter().map(|s| s.to_string()).collect();
    e.recommend_explained(&Request {
        cart: &cart,
        declined: &declined,
        now: NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
        k,
        ..Request::default()
    })
}

#[test]
fn a_catalog_without_stock_figures_still_gets_offers() {
    // Imported without a stock column, every product had stock 0 and no cart got an offer.
    let e = engine(shop(|_| String::new()));
    let r = ask(&e, &["A"], 5, &[]);
    assert_eq!(r.items.len(), 5, "{:?}", r.removals);
    assert_eq!(r.removals.removed.get(&Guardrail::OutOfStock), None);
}

#[test]
fn tracked_stock_at_zero_is_still_out_of_stock() {
    let mut products = shop(|_| String::new());
    for p in &mut products[1..4] {
        p.stock_tracked = true;
    }
    let e = engine(products);
    let r = ask(&e, &["A"], 10, &[]);
    let skus: Vec<&str> = r.items.iter().map(|i| i.sku.as_str()).collect();
    for gone in ["P0", "P1", "P2"] {
        assert!(!skus.contains(&gone), "{gone} in {skus:?}");
    }
    assert_eq!(r.removals.removed[&Guardrail::OutOfStock], 3);
}

#[test]
fn five_asked_five_given_when_every_product_has_the_same_empty_category() {
    // The two-per-category rule gave at most 2 offers to a shop without categories.
    let e = engine(shop(|_| String::new()));
    assert_eq!(ask(&e, &["A"], 5, &[]).items.len(), 5);
    let one = engine(shop(|_| "Everything".into()));
    let r = ask(&one, &["A"], 5, &[]);
    assert_eq!(r.items.len(), 5);
    assert_eq!(r.removals.held_back_by_category, 0);
}

#[test]
fn diversity_puts_a_third_of_a_category_after_the_others_but_keeps_it() {
    // P0..P4 share a category; the rest have one each.
    let e = engine(shop(|j| {
        if j < 5 {
            "Same".into()
        } else {
            format!("C{j}")
        }
    }));
    let r = ask(&e, &["A"], 10, &[]);
    assert_eq!(r.items.len(), 10);
    let same: Vec<usize> = r
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.sku.as_str() < "P5")
        .map(|(n, _)| n)
        .collect();
    // Two of them among the first places, the other three only after every other category.
    assert!(same[2] >= 7, "{same:?}");
    let k3 = ask(&e, &["A"], 3, &[]);
    let in_same = k3.items.iter().filter(|i| i.sku.as_str() < "P5").count();
    assert!(in_same <= 2, "{:?}", k3.items);
}

#[test]
fn each_guardrail_counts_the_distinct_products_it_removed() {
    let mut products = shop(|_| String::new());
    products[2].active = false;
    products[3].stock_tracked = true;
    let e = engine(products);
    let r = ask(&e, &["A", "P4"], 10, &["P5", "P6"]);
    let removed = &r.removals.removed;
    assert_eq!(removed[&Guardrail::Inactive], 1);
    assert_eq!(removed[&Guardrail::OutOfStock], 1);
    assert_eq!(removed[&Guardrail::Declined], 2);
    assert_eq!(
        removed.get(&Guardrail::InCart),
        None,
        "the model skips the cart"
    );
    assert_eq!(r.removals.total(), 4);
    assert_eq!(r.items.len(), 5);
    let json = serde_json::to_value(&r.removals).unwrap();
    assert_eq!(json["removed"]["out-of-stock"], 1);
    assert_eq!(json["removed"]["declined"], 2);
}

#[test]
fn consumables_of_one_kind_are_not_moved_down() {
    // Groceries of one subclass are bought together: the limit cost hit@3 on Ta-Feng.
    let mut products = shop(|_| "Dairy".into());
    for p in &mut products {
        p.durable = false;
    }
    let e = engine(products);
    let r = ask(&e, &["A"], 5, &[]);
    assert_eq!(r.items.len(), 5);
    assert_eq!(r.removals.held_back_by_category, 0);
}

#[test]
fn a_rarely_bought_item_still_gets_k_offers_from_the_best_sellers() {
    // Ten best sellers (30 orders each) and 120 products of 10 orders each.
    let mut history: Vec<Vec<String>> = Vec::new();
    for _ in 0..15 {
        history.extend((0..10).map(|i| vec![format!("P{i}"), format!("P{}", (i + 1) % 10)]));
    }
    for _ in 0..5 {
        history.extend((0..120).map(|j| vec![format!("Q{j}"), format!("Q{}", (j + 1) % 120)]));
    }
    // Bought twice, with the same sixty each time: more pairs than the model proposes, each
    // seen twice, every one too weak to offer.
    for _ in 0..2 {
        let mut order = vec!["RARE".to_string()];
        order.extend((0..60).map(|j| format!("Q{j}")));
        history.push(order);
    }
    let mut products = vec![product("RARE", "")];
    products.extend((0..10).map(|j| product(&format!("P{j}"), "")));
    products.extend((0..120).map(|j| product(&format!("Q{j}"), "")));
    let e = engine_of(&history, products);
    let got = ask(&e, &["RARE"], 5, &[]);
    assert_eq!(got.items.len(), 5, "{got:?}");
    assert!(
        got.removals.removed.get(&Guardrail::WeakEvidence) >= Some(&1),
        "the weak pair was taken off: {got:?}"
    );
    for offer in &got.items {
        assert!(offer.sku.starts_with('P'), "a best seller: {offer:?}");
        assert!(offer.reason.contains(" of 752 orders"), "{offer:?}");
    }
}
