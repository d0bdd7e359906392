//! The record of every offer: a row when a prompt appears (or would have, on a held-out
//! order), its answer when it gets one, and the loose ends tied when the sale commits.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::order::{Feedback, OrderDraft};
use crate::prompts::{Outcome, Prompt};
use crate::store::orders::{customer_id, upsert_draft};
use crate::store::{Store, StoreError, StoreResult, ts};

impl Store {
    /// Records a prompt as it appears; returns its event id. The draft is saved in the same
    /// transaction, so the event always has its order.
    pub fn record_offer(&mut self, draft: &OrderDraft, prompt: &Prompt) -> StoreResult<i64> {
        self.write(|tx| {
            upsert_draft(tx, draft, "draft")?;
            let customer = customer_id(tx, draft)?;
            let offer = &prompt.offer;
            let (product_id, category): (i64, String) = tx
                .query_row(
                    "SELECT id, category FROM products WHERE sku = ?1",
                    [&offer.sku],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::Invalid(format!("{} is not in the catalog", offer.sku)))?;
            let (outcome, answered) = if prompt.held_out {
                (Outcome::HeldOut.as_str(), Some(ts(prompt.shown_at)))
            } else {
                ("open", None)
            };
            tx.prepare_cached(
                "INSERT INTO suggestion_events (order_id, till, staff_id, customer_id, product_id, sku, category,
                    kind, source, rule, trigger, score, price_minor, difference_minor, saving_minor,
                    shown_at, outcome, answered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?
            .execute(params![
                draft.id,
                draft.till,
                (draft.staff_id > 0).then_some(draft.staff_id),
                customer,
                product_id,
                offer.sku,
                category,
                offer.kind.as_str(),
                offer.source.as_str(),
                offer.rule,
                prompt.trigger.as_str(),
                offer.score,
                offer.price.minor(),
                offer.price_difference.map(|m| m.minor()),
                offer.saving.map(|m| m.minor()),
                ts(prompt.shown_at),
                outcome,
                answered,
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The answer to an open prompt. An event already settled keeps its first answer.
    pub fn answer_offer(
        &mut self,
        event: i64,
        outcome: Outcome,
        at: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE suggestion_events SET outcome = ?2, answered_at = ?3 WHERE id = ?1 AND outcome = 'open'",
                params![event, outcome.as_str(), ts(at)],
            )?;
            Ok(())
        })
    }

    /// The customer's word on the suggestions of a paid order.
    pub fn record_feedback(&mut self, order_id: &str, feedback: Feedback) -> StoreResult<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE orders SET feedback = ?2 WHERE id = ?1 AND status = 'paid'",
                params![order_id, feedback.as_str()],
            )?;
            if changed == 0 {
                return Err(StoreError::Invalid(format!("no paid order {order_id}")));
            }
            Ok(())
        })
    }
}

/// Ties the record to the order as committed, inside the sale's transaction: every line
/// from a prompt makes its event accepted, an accepted offer whose line was taken off again
/// counts as declined, and what is still open was ignored.
pub(crate) fn settle(tx: &Transaction<'_>, order_id: &str, at: NaiveDateTime) -> StoreResult<()> {
    let at = ts(at);
    tx.prepare_cached(
        "UPDATE suggestion_events SET outcome = 'accepted', answered_at = COALESCE(answered_at, ?2)
         WHERE order_id = ?1 AND outcome <> 'accepted' AND outcome <> 'held_out'
           AND id IN (SELECT suggestion_id FROM order_lines WHERE order_id = ?1 AND suggestion_id IS NOT NULL)",
    )?
    .execute(params![order_id, at])?;
    tx.prepare_cached(
        "UPDATE suggestion_events SET outcome = 'dismissed', answered_at = ?2
         WHERE order_id = ?1 AND outcome = 'accepted'
           AND id NOT IN (SELECT suggestion_id FROM order_lines WHERE order_id = ?1 AND suggestion_id IS NOT NULL)",
    )?
    .execute(params![order_id, at])?;
    close_open(tx, order_id, &at)
}

/// Offers nobody answered on an order that ends without a sale (voided) or with one.
pub(crate) fn close_open(tx: &Transaction<'_>, order_id: &str, at: &str) -> StoreResult<()> {
    tx.prepare_cached(
        "UPDATE suggestion_events SET outcome = 'ignored', answered_at = ?2 WHERE order_id = ?1 AND outcome = 'open'",
    )?
    .execute(params![order_id, at])?;
    Ok(())
}

/// Whether an order has any recorded offer (then it is kept, never deleted).
pub(crate) fn has_offers(tx: &Transaction<'_>, order_id: &str) -> StoreResult<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM suggestion_events WHERE order_id = ?1 LIMIT 1")?
        .exists([order_id])?)
}
