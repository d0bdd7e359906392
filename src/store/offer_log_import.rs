//! The store's side of importing a record of offers (`import::offer_log` validates the
//! files): what the rows may refer to, who served each order, and the offers themselves,
//! written all or none.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::domain::input_rows::RowError;
use crate::domain::money::Money;
use crate::domain::offer::{Feedback, Outcome};
use crate::store::{Store, StoreError, StoreResult};

/// A paid sale that offers can be recorded against.
pub struct SaleRef {
    pub id: String,
    pub holdout: bool,
    pub staff_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub till: String,
}

/// What an offer copies from its product.
pub struct ProductRef {
    pub id: i64,
    pub category: String,
    pub price: Money,
}

/// Everything an offer-log row may name, read once before the rows are checked.
pub struct OfferLogContext {
    /// Paid sales by the id the history file gave them (or their own id).
    pub sales: HashMap<String, SaleRef>,
    pub products: HashMap<String, ProductRef>,
    /// Staff row ids by code.
    pub staff: HashMap<String, i64>,
}

/// Who served an order, whether it was in the control group, and the customer's word.
pub struct OrderContext {
    pub order_id: String,
    /// `None` keeps who the store already has.
    pub staff_id: Option<i64>,
    pub holdout: bool,
    pub feedback: Option<Feedback>,
}

/// One offer of the record, validated.
pub struct ImportedOffer {
    /// The line of the file it came from, to name it in a refusal.
    pub line: u64,
    pub order_id: String,
    pub till: String,
    pub staff_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub product_id: i64,
    pub sku: String,
    pub category: String,
    pub kind: String,
    pub source: String,
    pub rule: String,
    pub trigger: String,
    pub score: f64,
    pub price: Money,
    pub difference: Option<Money>,
    pub saving: Option<Money>,
    pub shown_at: String,
    pub outcome: Outcome,
    pub answered_at: Option<String>,
}

impl Store {
    pub fn offer_log_context(&self) -> StoreResult<OfferLogContext> {
        let mut sales = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(external_id, id), id, holdout, staff_id, customer_id, till FROM orders
             WHERE status = 'paid' AND kind = 'sale'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            sales.insert(
                r.get::<_, String>(0)?,
                SaleRef {
                    id: r.get(1)?,
                    holdout: r.get(2)?,
                    staff_id: r.get(3)?,
                    customer_id: r.get(4)?,
                    till: r.get(5)?,
                },
            );
        }
        let mut products = HashMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT sku, id, category, price_minor FROM products")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            products.insert(
                r.get::<_, String>(0)?,
                ProductRef {
                    id: r.get(1)?,
                    category: r.get(2)?,
                    price: Money::from_minor(r.get(3)?),
                },
            );
        }
        let mut stmt = self.conn.prepare("SELECT code, id FROM staff")?;
        let staff = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(OfferLogContext {
            sales,
            products,
            staff,
        })
    }

    /// Sets who served each order, the control group and the feedback, in one transaction.
    pub fn set_order_context(&mut self, rows: &[OrderContext]) -> StoreResult<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "UPDATE orders SET staff_id = coalesce(?2, staff_id), holdout = ?3, feedback = ?4 WHERE id = ?1",
            )?;
            for c in rows {
                stmt.execute(params![
                    c.order_id,
                    c.staff_id,
                    c.holdout,
                    c.feedback.map(Feedback::as_str)
                ])?;
            }
            Ok(())
        })
    }

    /// Records the offers, all or none. An accepted offer is linked to its order's first
    /// line of that product not yet linked, which becomes a line that came from the offer.
    /// The inner error lists the offers refused: an order whose offers are already on
    /// record, an accepted offer with no line to link it to.
    pub fn import_offers(
        &mut self,
        offers: &[ImportedOffer],
    ) -> StoreResult<Result<(), Vec<RowError>>> {
        let mut refused = Vec::new();
        let result = self.write(|tx| {
            let mut had_offers = tx.prepare(
                "SELECT EXISTS (SELECT 1 FROM suggestion_events WHERE order_id = ?1)",
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO suggestion_events (order_id, till, staff_id, customer_id, product_id, sku, category,
                    kind, source, rule, trigger, score, price_minor, difference_minor, saving_minor, shown_at,
                    outcome, answered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?;
            let mut line_of = tx.prepare(
                "SELECT line_no FROM order_lines WHERE order_id = ?1 AND product_id = ?2 AND suggestion_id IS NULL
                 ORDER BY line_no LIMIT 1",
            )?;
            let mut link = tx.prepare(
                "UPDATE order_lines SET source = 'suggestion', suggestion_id = ?3 WHERE order_id = ?1 AND line_no = ?2",
            )?;
            let mut fresh: HashMap<&str, bool> = HashMap::new();
            for e in offers {
                let new = match fresh.get(e.order_id.as_str()) {
                    Some(&n) => n,
                    None => {
                        let n = !had_offers.query_row([&e.order_id], |r| r.get::<_, bool>(0))?;
                        fresh.insert(&e.order_id, n);
                        n
                    }
                };
                if !new {
                    refused.push(RowError::new(
                        e.line,
                        "this order's offers are already in the store",
                    ));
                    continue;
                }
                insert.execute(params![
                    e.order_id,
                    e.till,
                    e.staff_id,
                    e.customer_id,
                    e.product_id,
                    e.sku,
                    e.category,
                    e.kind,
                    e.source,
                    e.rule,
                    e.trigger,
                    e.score,
                    e.price.minor(),
                    e.difference.map(Money::minor),
                    e.saving.map(Money::minor),
                    e.shown_at,
                    e.outcome.as_str(),
                    e.answered_at
                ])?;
                if e.outcome == Outcome::Accepted {
                    let id = tx.last_insert_rowid();
                    let line: Option<i64> = line_of
                        .query_row(params![e.order_id, e.product_id], |r| r.get(0))
                        .optional()?;
                    match line {
                        Some(n) => {
                            link.execute(params![e.order_id, n, id])?;
                        }
                        None => refused.push(RowError::new(
                            e.line,
                            format!(
                                "accepted, but the order has no line of '{}' to link it to",
                                e.sku
                            ),
                        )),
                    }
                }
            }
            if refused.is_empty() {
                Ok(())
            } else {
                // Rolls the whole file back.
                Err(StoreError::Invalid(String::new()))
            }
        });
        match result {
            Ok(()) => Ok(Ok(())),
            Err(_) if !refused.is_empty() => Ok(Err(refused)),
            Err(e) => Err(e),
        }
    }
}
