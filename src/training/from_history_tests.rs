use super::*;
use crate::training::scenario::tests::catalog;

fn order(id: &str, customer: Option<&str>, at: &str, skus: &[&str]) -> PastOrder {
    PastOrder {
        id: id.into(),
        customer: customer.map(String::from),
        at: at.into(),
        skus: skus.iter().map(|s| s.to_string()).collect(),
    }
}

fn history() -> Vec<PastOrder> {
    vec![
        order("O1", Some("C1"), "2025-01-01", &["CHARGER"]),
        order("O2", Some("C1"), "2025-02-01", &["CASE", "PHONE", "GLASS"]),
        order("O3", None, "2025-02-02", &["PHONE", "BANK"]),
        order("O4", Some("C2"), "2025-03-01", &["INK"]),
    ]
}

#[test]
fn an_order_becomes_a_scenario_with_its_real_add_ons() {
    let s = scenarios(&history(), &catalog(), 1, 10);
    assert_eq!(s.len(), 1, "only O2 has a customer and an add-on");
    let s = &s[0];
    assert_eq!(s.id, "history-o2");
    assert_eq!(s.buys[0].sku, "PHONE", "the dearest item");
    let good: Vec<&str> = s.good_offers.iter().map(|g| g.item.sku.as_str()).collect();
    assert_eq!(good, vec!["CASE", "GLASS"]);
    assert_eq!(s.level, Level::Medium);
    assert_eq!(s.persona.owns[0].sku, "CHARGER", "bought before");
    assert_eq!(s.persona.loyalty_card.as_deref(), Some("C1"));
    assert!(NAMES.contains(&s.persona.name.as_str()));
    // 699.00 + 29.99 + 24.99 = 753.98; a quarter more is 942.475, up to 943.00.
    assert_eq!(s.persona.budget, Money::from_minor(94_300));
    // Ink never went with a phone (a power bank did, in O3; the charger is owned).
    let bad: Vec<&str> = s.bad_offers.iter().map(|b| b.item.sku.as_str()).collect();
    assert_eq!(bad, vec!["INK"]);
}

#[test]
fn the_same_seed_draws_the_same_scenarios() {
    let mut orders = history();
    for i in 0..30 {
        orders.push(order(
            &format!("X{i:02}"),
            Some("C9"),
            "2025-04-01",
            &["PHONE", "CASE"],
        ));
    }
    let a = scenarios(&orders, &catalog(), 7, 5);
    let b = scenarios(&orders, &catalog(), 7, 5);
    assert_eq!(a, b);
    assert_eq!(a.len(), 5);
    let c = scenarios(&orders, &catalog(), 8, 5);
    assert_ne!(
        a.iter().map(|s| &s.id).collect::<Vec<_>>(),
        c.iter().map(|s| &s.id).collect::<Vec<_>>()
    );
}
