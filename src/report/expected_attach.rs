//! Coaching from real sales: each person's attach rate beside the rate expected for the
//! offers they actually made, so a cashier is compared with a fair baseline (the baskets
//! and offers they had) instead of a flat quota. The chance of each offer comes from an
//! acceptance model (the one fitted on the shop's offer log), given here per order as the
//! predicted chances of its offers; this file only adds them up. Pure.
//!
//! An order attaches when at least one of its offers is taken; with each offer's chance
//! `p`, taken independently, that is `1 − Π(1 − p)`. The expected attach rate is the mean
//! of that over the person's prompted orders (an order with no offer expects nothing, as
//! it can attach nothing), beside the real rate over the same orders.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::report::{Outcome, Rows};

/// The predicted chance of each offer an order was shown, by order id.
pub type Chances = HashMap<String, Vec<f64>>;

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

/// Everyone's baseline, by name, from the period's rows and the chances of their orders'
/// offers (an order missing from `chances` had none).
pub fn by_staff(rows: &Rows, chances: &Chances) -> Vec<Baseline> {
    let accepted: HashSet<&str> = rows
        .events
        .iter()
        .filter(|e| e.outcome == Outcome::Accepted)
        .map(|e| e.order_id.as_str())
        .collect();
    let mut out: BTreeMap<&str, (u64, u64, f64, u64, f64)> = BTreeMap::new();
    for o in rows.orders.iter().filter(|o| !o.holdout) {
        let staff = o.staff.as_deref().unwrap_or("(nobody)");
        let chances: Vec<f64> = chances
            .get(&o.id)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|p| probability(*p))
            .collect();
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

/// The baselines as a section under the staff breakdown: each person's real attach rate
/// beside the rate expected for their offers, and the difference in points.
pub fn table(baselines: &[Baseline]) -> String {
    use unicode_width::UnicodeWidthStr;
    let title = "fair baseline";
    let width = baselines
        .iter()
        .map(|b| b.staff.width())
        .max()
        .unwrap_or(0)
        .clamp(title.len(), 60);
    let mut out = format!(
        "{title:<width$}  {:>6}  {:>6}  {:>8}  {:>8}  {:>10}\n",
        "orders", "offers", "attach", "expected", "difference"
    );
    for b in baselines {
        let name: String = b.staff.chars().take(width).collect();
        let pad = width.saturating_sub(name.width());
        let difference = match (b.attach_rate, b.expected_attach_rate) {
            (Some(real), Some(expected)) => format!("{:+.1} pts", (real - expected) * 100.0),
            _ => "–".into(),
        };
        out.push_str(&format!(
            "{name}{}  {:>6}  {:>6}  {:>8}  {:>8}  {:>10}\n",
            " ".repeat(pad),
            b.orders,
            b.offers,
            crate::report::text::pct(b.attach_rate),
            crate::report::text::pct(b.expected_attach_rate),
            difference
        ));
    }
    out.push_str(
        "(expected: the chance that at least one of each order's offers is taken, from the acceptance model)\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::money::Money;
    use crate::report::{EventRow, OrderRow};

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
        // Ben: one offer of 20% (not taken); his control order counts for nothing.
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
        let chances: Chances = [
            ("A1".to_string(), vec![0.5, 0.5]),
            ("B1".to_string(), vec![0.2]),
            ("B2".to_string(), vec![0.9]),
        ]
        .into();
        let b = by_staff(&rows, &chances);
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
        assert_eq!(
            table(&b),
            "fair baseline  orders  offers    attach  expected  difference\n\
             Ana                 2       2     50.0%     37.5%   +12.5 pts\n\
             Ben                 1       1      0.0%     20.0%   -20.0 pts\n\
             (expected: the chance that at least one of each order's offers is taken, from the acceptance model)\n"
        );
    }
}
