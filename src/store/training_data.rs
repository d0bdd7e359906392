//! What training learns from: the answered offers of the offer log (for the acceptance
//! model) and the paid orders with their customers (for scenarios drawn from history).

use std::collections::HashMap;

use crate::domain::money::Money;
use crate::domain::offer::Kind;
use crate::store::{Store, StoreError, StoreResult};
use crate::training::acceptance::{Features, Moment, OfferRow};
use crate::training::from_history::PastOrder;

impl Store {
    /// Every offer that was shown and answered (held-out offers were never shown, open ones
    /// have no answer yet), with its features as they were when it was made: the cart is
    /// what the order held besides lines taken from offers, the offers before it are those
    /// shown earlier on the same order.
    pub fn offer_rows(&self) -> StoreResult<Vec<OfferRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(concat!(
            "SELECT e.order_id, e.kind, e.score, e.price_minor, e.trigger, e.outcome = 'accepted',
                    (SELECT COUNT(*) FROM suggestion_events p
                      WHERE p.order_id = e.order_id AND p.outcome <> 'held_out'
                        AND (p.shown_at < e.shown_at OR (p.shown_at = e.shown_at AND p.id < e.id))),
                    (SELECT COALESCE(SUM(l.unit_price_minor * l.qty), 0) FROM order_lines l
                      WHERE l.order_id = e.order_id AND l.suggestion_id IS NULL)
             FROM suggestion_events e JOIN orders o ON o.id = e.order_id
             WHERE e.outcome IN ('accepted', 'dismissed', 'expired', 'ignored') AND ",
            visible!("o"),
            " ORDER BY e.id"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (order, kind, score, price, trigger, accepted, prior, cart) = row?;
            let kind = match kind.as_str() {
                "cross-sell" => Kind::CrossSell,
                "upsell" => Kind::Upsell,
                "bundle" => Kind::Bundle,
                other => return Err(StoreError::Invalid(format!("offer kind '{other}'"))),
            };
            out.push(OfferRow {
                order,
                features: Features {
                    kind,
                    evidence: score,
                    price: Money::from_minor(price),
                    cart: Money::from_minor(cart),
                    prior_offers: u32::try_from(prior).unwrap_or(u32::MAX),
                    moment: if trigger == "tender" {
                        Moment::Payment
                    } else {
                        Moment::Item
                    },
                },
                accepted,
            });
        }
        Ok(out)
    }

    /// Paid sales with their customer's id and SKUs, oldest first.
    pub fn past_orders(&self) -> StoreResult<Vec<PastOrder>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(concat!(
            "SELECT o.id, c.code, o.started_at, l.sku
             FROM orders o JOIN order_lines l ON l.order_id = o.id
             LEFT JOIN customers c ON c.id = o.customer_id
             WHERE o.status = 'paid' AND o.kind = 'sale' AND ",
            visible!("o"),
            " ORDER BY o.started_at, o.id, l.line_no"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out: Vec<PastOrder> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let (id, customer, started, sku) = row?;
            let i = *at.entry(id.clone()).or_insert_with(|| {
                out.push(PastOrder {
                    id: id.trim_start_matches("import:").to_string(),
                    customer,
                    at: started,
                    skus: Vec::new(),
                });
                out.len() - 1
            });
            out[i].skus.push(sku);
        }
        Ok(out)
    }
}
