//! The record of every offer: a row when a prompt appears (or would have, on a held-out
//! order), its answer when it gets one, and the loose ends tied when the sale commits.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::offer::OfferId;
use crate::domain::order::{Feedback, OrderDraft};
use crate::store::sales::{customer_id, upsert_draft};
use crate::store::{Store, StoreError, StoreResult, ts};
use crate::timing::{Outcome, PanelMemory, Prompt};

impl Store {
    /// Records a prompt as it appears. The draft is saved in the same transaction, so the
    /// event always has its order. An offer already on record is left as it is.
    pub fn record_offer(&mut self, draft: &OrderDraft, prompt: &Prompt) -> StoreResult<()> {
        self.write(|tx| {
            upsert_draft(tx, draft, "draft", prompt.shown_at)?;
            insert_offer(tx, draft, prompt)
        })
    }

    /// The answer to an open prompt. An event already settled keeps its first answer.
    pub fn answer_offer(
        &mut self,
        offer: OfferId,
        outcome: Outcome,
        at: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE suggestion_events SET outcome = ?2, answered_at = ?3 WHERE uid = ?1 AND outcome = 'open'",
                params![offer.to_string(), outcome.as_str(), ts(at)],
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
            crate::store::journal::record::feedback(tx, order_id, feedback.as_str())
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

/// Writes one offer's row, unless an offer with its id is on record already.
fn insert_offer(tx: &Transaction<'_>, draft: &OrderDraft, prompt: &Prompt) -> StoreResult<()> {
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
            shown_at, outcome, answered_at, uid, channel)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            CASE WHEN EXISTS (SELECT 1 FROM staff WHERE id = ?3 AND code = ?20) THEN 'kiosk' ELSE 'till' END)
         ON CONFLICT (uid) DO NOTHING",
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
        prompt.uid.to_string(),
        // A kiosk's orders are its pseudo staff member's: an offer on one was shown to a
        // shopper.
        crate::store::staff::KIOSK_CODE,
    ])?;
    Ok(())
}

/// Inside the sale's transaction: every offer the order remembers is on record, even one
/// whose own recording failed, so that its line can name it.
pub(crate) fn record_remembered(tx: &Transaction<'_>, draft: &OrderDraft) -> StoreResult<()> {
    let Some(memory) = draft
        .offers
        .clone()
        .and_then(|v| serde_json::from_value::<PanelMemory>(v).ok())
    else {
        return Ok(());
    };
    for prompt in memory.open.iter().chain(&memory.accepted) {
        insert_offer(tx, draft, prompt)?;
    }
    Ok(())
}

/// The row id of the offer `offer`, for the line that came from it.
pub(crate) fn event_of(tx: &Transaction<'_>, offer: OfferId) -> StoreResult<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM suggestion_events WHERE uid = ?1")?
        .query_row([offer.to_string()], |r| r.get(0))
        .optional()?)
}
