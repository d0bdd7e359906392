//! The journal entries the store's write paths add, each read back from the rows the same
//! transaction just wrote, so an entry says exactly what the store holds.

use rusqlite::{OptionalExtension, Transaction};

use crate::journal::Kind;
use crate::journal::body::{
    CloseBody, FeedbackBody, OfferBody, SaleBody, SaleBundle, SaleLine, SalePayment, VoidBody,
};
use crate::store::journal::{append, identity_on};
use crate::store::{StoreError, StoreResult};

fn staff_code(tx: &Transaction<'_>, id: Option<i64>) -> StoreResult<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(tx
        .prepare_cached("SELECT code FROM staff WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

fn json<T: serde::Serialize>(body: &T) -> serde_json::Value {
    serde_json::to_value(body).expect("a journal body serializes")
}

/// A paid sale or refund, with its lines, payments and bundles.
pub(crate) fn sale(tx: &Transaction<'_>, order_id: &str) -> StoreResult<()> {
    // A training sale is practice: it never leaves the store.
    let training: bool = tx
        .prepare_cached("SELECT training FROM orders WHERE id = ?1")?
        .query_row([order_id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if training {
        return Ok(());
    }
    let body = sale_body(tx, order_id)?;
    let kind = if body.refund_of.is_some() {
        Kind::Refund
    } else {
        Kind::Sale
    };
    let at = body.completed_at.clone();
    let till = body.till.clone();
    append(tx, order_id, kind, &till, &at, json(&body))
}

pub(crate) fn sale_body(tx: &Transaction<'_>, order_id: &str) -> StoreResult<SaleBody> {
    type Head = (
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<i64>,
        Option<String>,
        String,
        String,
        [i64; 4],
        bool,
    );
    let head: Head = tx
        .query_row(
            "SELECT o.receipt_no, o.till, o.staff_id, c.code, o.approved_by, o.refund_of, o.started_at, o.completed_at,
                    o.subtotal_minor, o.discount_minor, o.tax_minor, o.total_minor, o.holdout
             FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
             WHERE o.id = ?1 AND o.status IN ('paid', 'refunded')",
            [order_id],
            |r| {
                Ok((
                    r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?,
                    [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?],
                    r.get::<_, i64>(12)? != 0,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::Invalid(format!("no paid order {order_id} to journal")))?;
    let (
        receipt_no,
        till,
        staff,
        customer,
        approved,
        refund_of,
        started_at,
        completed_at,
        money,
        holdout,
    ) = head;
    let lines = tx
        .prepare_cached(
            "SELECT l.line_no, l.sku, l.name, l.category, l.qty, l.unit_price_minor, l.list_price_minor, l.tax_class,
                    l.discount, l.discount_minor, l.net_minor, l.tax_minor, l.paid_minor, l.source, e.uid, l.refund_of_line
             FROM order_lines l LEFT JOIN suggestion_events e ON e.id = l.suggestion_id
             WHERE l.order_id = ?1 ORDER BY l.line_no",
        )?
        .query_map([order_id], |r| {
            Ok(SaleLine {
                line_no: r.get(0)?,
                sku: r.get(1)?,
                name: r.get(2)?,
                category: r.get(3)?,
                qty: r.get(4)?,
                unit_price_minor: r.get(5)?,
                list_price_minor: r.get(6)?,
                tax_class: r.get(7)?,
                discount: r.get(8)?,
                discount_minor: r.get(9)?,
                net_minor: r.get(10)?,
                tax_minor: r.get(11)?,
                paid_minor: r.get(12)?,
                source: r.get(13)?,
                offer: r.get(14)?,
                refund_of_line: r.get(15)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let payments = tx
        .prepare_cached(
            "SELECT tender, amount_minor, tendered_minor, reference FROM payments WHERE order_id = ?1 ORDER BY id",
        )?
        .query_map([order_id], |r| {
            Ok(SalePayment {
                tender: r.get(0)?,
                amount_minor: r.get(1)?,
                tendered_minor: r.get(2)?,
                reference: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let bundles = tx
        .prepare_cached(
            "SELECT bundle_id, name, sets, saving_minor FROM order_bundles WHERE order_id = ?1 ORDER BY bundle_id",
        )?
        .query_map([order_id], |r| {
            Ok(SaleBundle {
                bundle_id: r.get(0)?,
                name: r.get(1)?,
                sets: r.get(2)?,
                saving_minor: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SaleBody {
        order_id: order_id.to_string(),
        receipt_no,
        till,
        staff: staff_code(tx, staff)?,
        customer,
        approved_by: staff_code(tx, approved)?,
        refund_of,
        started_at,
        completed_at,
        subtotal_minor: money[0],
        discount_minor: money[1],
        tax_minor: money[2],
        total_minor: money[3],
        holdout,
        lines,
        payments,
        bundles,
    })
}

/// The offers made on an order that just ended (paid or voided), with their final answer.
pub(crate) fn offers(tx: &Transaction<'_>, order_id: &str) -> StoreResult<()> {
    let rows = tx
        .prepare_cached(
            "SELECT e.uid, e.till, e.staff_id, c.code, e.sku, e.category, e.kind, e.source, e.rule, e.trigger,
                    e.score, e.price_minor, e.difference_minor, e.saving_minor, e.shown_at, e.outcome, e.answered_at
             FROM suggestion_events e LEFT JOIN customers c ON c.id = e.customer_id
             WHERE e.order_id = ?1 ORDER BY e.id",
        )?
        .query_map([order_id], |r| {
            Ok((
                r.get::<_, Option<i64>>(2)?,
                OfferBody {
                    uid: r.get(0)?,
                    order_id: order_id.to_string(),
                    till: r.get(1)?,
                    staff: None,
                    customer: r.get(3)?,
                    sku: r.get(4)?,
                    category: r.get(5)?,
                    kind: r.get(6)?,
                    source: r.get(7)?,
                    rule: r.get(8)?,
                    trigger: r.get(9)?,
                    score: r.get(10)?,
                    price_minor: r.get(11)?,
                    difference_minor: r.get(12)?,
                    saving_minor: r.get(13)?,
                    shown_at: r.get(14)?,
                    outcome: r.get(15)?,
                    answered_at: r.get(16)?,
                },
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (staff, mut body) in rows {
        body.staff = staff_code(tx, staff)?;
        let at = body
            .answered_at
            .clone()
            .unwrap_or_else(|| body.shown_at.clone());
        let (uid, till) = (body.uid.clone(), body.till.clone());
        append(tx, &uid, Kind::Offer, &till, &at, json(&body))?;
    }
    Ok(())
}

/// An order voided (by a manager, or closed as emptied), and the offers made on it.
pub(crate) fn void(tx: &Transaction<'_>, order_id: &str) -> StoreResult<()> {
    type Voided = (
        String,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Voided> = tx
        .query_row(
            "SELECT till, void_reason, staff_id, approved_by, completed_at, draft FROM orders WHERE id = ?1 AND status = 'voided'",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((till, reason, staff, approved, at, draft)) = row else {
        return Ok(());
    };
    let items = draft
        .and_then(|d| serde_json::from_str::<crate::domain::order::OrderDraft>(&d).ok())
        .map_or(0, |d| d.cart.item_count());
    let body = VoidBody {
        order_id: order_id.to_string(),
        reason: reason.unwrap_or_default(),
        staff: staff_code(tx, staff)?,
        approved_by: staff_code(tx, approved)?,
        items,
    };
    offers(tx, order_id)?;
    let id = derived_id(order_id, "void");
    append(
        tx,
        &id,
        Kind::Void,
        &till,
        &at.unwrap_or_default(),
        json(&body),
    )
}

/// A Z report just recorded.
pub(crate) fn close(tx: &Transaction<'_>, z_no: i64) -> StoreResult<()> {
    let (till, day, closed_at, staff, f, e, c, o, report): (String, String, String, Option<i64>, i64, i64, i64, i64, String) =
        tx.query_row(
            "SELECT till, day, closed_at, staff_id, float_minor, expected_cash_minor, counted_minor, over_short_minor, report
             FROM day_closes WHERE z_no = ?1",
            [z_no],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
        )?;
    let body = CloseBody {
        day: day.clone(),
        z_no,
        staff: staff_code(tx, staff)?,
        float_minor: f,
        expected_cash_minor: e,
        counted_minor: c,
        over_short_minor: o,
        report: serde_json::from_str(&report).unwrap_or(serde_json::Value::Null),
    };
    let me = identity_on(tx)?;
    let id = derived_id(&me.id, &format!("close:{till}:{day}"));
    append(tx, &id, Kind::Close, &till, &closed_at, json(&body))
}

/// The customer's word on a paid order's offers. Each word given is its own entry (the
/// first, the second, …), dated when the sale was.
pub(crate) fn feedback(tx: &Transaction<'_>, order_id: &str, feedback: &str) -> StoreResult<()> {
    let (till, at): (String, Option<String>) = tx.query_row(
        "SELECT till, completed_at FROM orders WHERE id = ?1",
        [order_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let earlier: i64 = tx.query_row(
        "SELECT count(*) FROM journal WHERE kind = 'feedback' AND json_extract(body, '$.order_id') = ?1",
        [order_id],
        |r| r.get(0),
    )?;
    let body = FeedbackBody {
        order_id: order_id.to_string(),
        feedback: feedback.to_string(),
    };
    let id = derived_id(order_id, &format!("feedback:{}", earlier + 1));
    append(
        tx,
        &id,
        Kind::Feedback,
        &till,
        &at.unwrap_or_default(),
        json(&body),
    )
}

/// A stable id for what follows from another id (an order's void, a till's close of a day).
fn derived_id(base: &str, what: &str) -> String {
    let ns = uuid::Uuid::parse_str(base)
        .unwrap_or_else(|_| uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, base.as_bytes()));
    uuid::Uuid::new_v5(&ns, what.as_bytes()).to_string()
}
