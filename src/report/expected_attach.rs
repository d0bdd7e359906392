//! Coaching from real sales: each person's attach rate beside the rate expected for the
//! offers they actually made, so a cashier is compared with a fair baseline (the baskets
//! and offers they had) instead of a flat quota. The chance of each offer comes from an
//! acceptance model passed in (the one fitted on the shop's offer log); this file only
//! adds the chances up. Pure.
//!
//! An order attaches when at least one of its offers is taken; with each offer's chance
//! `p`, taken independently, that is `1 − Π(1 − p)`. The expected attach rate is the mean
//! of that over the person's prompted orders (an order with no offer expects nothing, as
//! it can attach nothing), beside the real rate over the same orders.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::report::{EventRow, Outcome, Rows};

/// The chance that an offer is taken, as a model predicts it.
pub trait AcceptanceChance {
    fn chance(&self, offer: &EventRow) -> f64;
}

/// One person's real and expected attach rates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    pub staff: String,
    /// Prompted (not control) paid orders they served.
    pub orders: u64,
    /// Of those, the orders with an offer taken.
    pub attached: u64,
    pub attach_rate: Option<f64>,
    pub expected_attach_rate: Option<f64>,
    /// Offers shown on their orders, and how many the model expected to be taken.
    pub offers: u64,
    pub expected_accepted: f64,
}

/// A chance as a probability: out-of-range figures are held to 0..=1, and a missing
/// one (NaN) counts as no chance.
fn probability(p: f64) -> f64 {
    if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) }
}

/// The chance that an order with offers of these chances attaches.
pub fn order_attach_chance(chances: &[f64]) -> f64 {
    1.0 - chances
        .iter()
        .map(|p| 1.0 - probability(*p))
        .product::<f64>()
}

/// Everyone's baseline, by name, from the period's rows.
pub fn by_staff(rows: &Rows, model: &dyn AcceptanceChance) -> Vec<Baseline> {
    let mut offers: HashMap<&str, Vec<&EventRow>> = HashMap::new();
    for e in &rows.events {
        if e.outcome != Outcome::HeldOut {
            offers.entry(e.order_id.as_str()).or_default().push(e);
        }
    }
    let accepted: HashSet<&str> = rows
        .events
        .iter()
        .filter(|e| e.outcome == Outcome::Accepted)
        .map(|e| e.order_id.as_str())
        .collect();
    let mut out: BTreeMap<&str, (u64, u64, f64, u64, f64)> = BTreeMap::new();
    for o in rows.orders.iter().filter(|o| !o.holdout) {
        let staff = o.staff.as_deref().unwrap_or("(nobody)");
        let made = offers.get(o.id.as_str()).map_or(&[][..], Vec::as_slice);
        let chances: Vec<f64> = made.iter().map(|e| probability(model.chance(e))).collect();
        let entry = out.entry(staff).or_default();
        entry.0 += 1;
        entry.1 += u64::from(accepted.contains(o.id.as_str()));
        entry.2 += order_attach_chance(&chances);
        entry.3 += chances.len() as u64;
        entry.4 += chances.iter().sum::<f64>();
    }
    out.into_iter()
        .map(
            |(staff, (orders, attached, expected, offers, expected_accepted))| {
                let rate = |x: f64| (orders > 0).then(|| x / orders as f64);
                Baseline {
                    staff: staff.to_string(),
                    orders,
                    attached,
                    attach_rate: rate(attached as f64),
                    expected_attach_rate: rate(expected),
                    offers,
                    expected_accepted,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::money::Money;
    use crate::report::OrderRow;

    /// A model that knows each product's chance.
    struct BySku(Vec<(&'static str, f64)>);

    impl AcceptanceChance for BySku {
        fn chance(&self, offer: &EventRow) -> f64 {
            self.0
                .iter()
                .find(|(sku, _)| *sku == offer.sku)
                .map_or(0.0, |(_, p)| *p)
        }
    }

    fn order(id: &str, staff: &str, holdout: bool) -> OrderRow {
        OrderRow {
            id: id.into(),
            day: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            total: Money::from_minor(10_000),
            holdout,
            feedback: None,
            staff: Some(staff.into()),
        }
    }

    fn offer(order_id: &str, sku: &str, outcome: Outcome) -> EventRow {
        EventRow {
            id: 0,
            order_id: order_id.into(),
            staff: None,
            sku: sku.into(),
            category: "c".into(),
            kind: "cross-sell".into(),
            source: "curated".into(),
            rule: "r".into(),
            outcome,
            bought: false,
            difference: None,
        }
    }

    #[test]
    fn an_orders_chance_is_that_of_at_least_one_offer_taken() {
        assert_eq!(order_attach_chance(&[]), 0.0);
        assert!((order_attach_chance(&[0.5, 0.5]) - 0.75).abs() < 1e-12);
        assert!((order_attach_chance(&[0.2]) - 0.2).abs() < 1e-12);
        // Nonsense from a model is held to a probability.
        assert_eq!(order_attach_chance(&[1.7]), 1.0);
        assert_eq!(order_attach_chance(&[-0.3, f64::NAN]), 0.0);
    }

    #[test]
    fn each_person_is_compared_with_the_offers_they_made() {
        // Ana: two offers of 50% on one order (it attached), nothing on the other.
        // Ben: one offer of 20% (not taken); his control order and its held-out offer
        // count for nothing.
        let rows = Rows {
            orders: vec![
                order("A1", "Ana", false),
                order("A2", "Ana", false),
                order("B1", "Ben", false),
                order("B2", "Ben", true),
            ],
            events: vec![
                offer("A1", "CASE", Outcome::Accepted),
                offer("A1", "GLASS", Outcome::Dismissed),
                offer("B1", "INK", Outcome::Ignored),
                offer("B2", "CASE", Outcome::HeldOut),
            ],
            lines: Vec::new(),
        };
        let model = BySku(vec![("CASE", 0.5), ("GLASS", 0.5), ("INK", 0.2)]);
        let b = by_staff(&rows, &model);
        assert_eq!(b.len(), 2);
        let ana = &b[0];
        assert_eq!(
            (ana.staff.as_str(), ana.orders, ana.attached),
            ("Ana", 2, 1)
        );
        assert_eq!(ana.attach_rate, Some(0.5));
        assert!((ana.expected_attach_rate.unwrap() - 0.375).abs() < 1e-12);
        assert_eq!(ana.offers, 2);
        assert!((ana.expected_accepted - 1.0).abs() < 1e-12);
        let ben = &b[1];
        assert_eq!((ben.orders, ben.attached, ben.offers), (1, 0, 1));
        assert_eq!(ben.attach_rate, Some(0.0));
        assert!((ben.expected_attach_rate.unwrap() - 0.2).abs() < 1e-12);
    }
}
