//! Orders a kiosk parks for the counter ("pay at the counter"): held under a four-digit
//! number (`domain::park`) that any till recalls. The number stays on the order until it
//! is paid or voided, so a till asking twice gets the same order back, and a second till
//! asking is told where it went, inside one write transaction each.

use rusqlite::{OptionalExtension, params};

use crate::domain::order::OrderDraft;
use crate::store::sales::{audit, parse_draft, upsert_draft};
use crate::store::{Store, StoreError, StoreResult};

impl Store {
    /// Parks `draft` for the counter and returns its number; parking it again returns the
    /// same number.
    pub fn park(&mut self, draft: &OrderDraft, at: chrono::NaiveDateTime) -> StoreResult<u32> {
        self.write(|tx| {
            let current: Option<Option<u32>> = tx
                .query_row(
                    "SELECT park_no FROM orders WHERE id = ?1 AND status = 'held'",
                    [&draft.id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(Some(number)) = current {
                return Ok(number);
            }
            upsert_draft(tx, draft, "held", at)?;
            let mut taken = tx.prepare(
                "SELECT 1 FROM orders WHERE park_no = ?1 AND status IN ('held', 'draft')",
            )?;
            let mut failed = None;
            let number = crate::domain::park::number_for(&draft.id, |n| {
                taken.exists([n]).unwrap_or_else(|e| {
                    failed.get_or_insert(e);
                    true
                })
            });
            if let Some(e) = failed {
                return Err(e.into());
            }
            let number = number.ok_or_else(|| {
                StoreError::Invalid(
                    "every counter number is in use: pay by card or ask at the counter".into(),
                )
            })?;
            tx.execute(
                "UPDATE orders SET park_no = ?2 WHERE id = ?1",
                params![draft.id, number],
            )?;
            let items = draft.cart.item_count();
            let detail = format!(
                "parked for the counter as {number}: {items} item{}",
                if items == 1 { "" } else { "s" }
            );
            audit(
                tx,
                at,
                &draft.till,
                Some(draft.staff_id),
                "park order",
                &detail,
                None,
                Some(&draft.id),
            )?;
            Ok(number)
        })
    }

    /// Takes the order parked under `number` to `till`, where it becomes the open draft.
    /// `NotFound` when no open order has that number; asked again by the same till, the
    /// same order; asked by another till once one has it, `Invalid` saying which has it.
    pub fn recall_parked(
        &mut self,
        number: u32,
        till: &str,
        staff_id: Option<i64>,
        at: chrono::NaiveDateTime,
    ) -> StoreResult<OrderDraft> {
        self.write(|tx| {
            let row: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT status, till, draft FROM orders WHERE park_no = ?1 AND status IN ('held', 'draft')",
                    [number],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((status, at_till, text)) = row else {
                return Err(StoreError::NotFound(format!(
                    "no order waits under number {number}: check the number the shopper was given"
                )));
            };
            let mut draft = parse_draft(&text)?;
            if status == "draft" {
                return if at_till == till {
                    Ok(draft)
                } else {
                    Err(StoreError::Invalid(format!(
                        "order {number} is already being paid at {at_till}"
                    )))
                };
            }
            let from = draft.till.clone();
            draft.till = till.to_string();
            upsert_draft(tx, &draft, "draft", at)?;
            audit(
                tx,
                at,
                till,
                staff_id,
                "recall parked order",
                &format!("order {number} from {from}"),
                None,
                Some(&draft.id),
            )?;
            Ok(draft)
        })
    }
}
