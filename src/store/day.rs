//! The rows of a till's day for the X and Z reports (`crate::report::day`), the Z report
//! itself (numbered, once per till and day, read and recorded in one transaction so that
//! no sale can slip between the figures and the close), and cash paid out of a drawer.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::cart::Discount;
use crate::domain::money::Money;
use crate::domain::order::OrderDraft;
use crate::domain::pricing::price_with_bundles;
use crate::domain::tender::TenderKind;
use crate::report::day::{
    Closed, DayClose, DayLine, DayOrder, DayPayout, DayReport, DayRows, DayVoid, compute,
    over_short_label,
};
use crate::store::{Store, StoreError, StoreResult, parse_ts, ts};

/// `[day, day + 1)` as text bounds that compare with stored times.
fn bounds(day: NaiveDate) -> (String, String) {
    let next = day + Duration::days(1);
    (day.to_string(), next.to_string())
}

fn orders(conn: &Connection, till: &str, day: NaiveDate) -> StoreResult<Vec<(String, DayOrder)>> {
    let (from, to) = bounds(day);
    let mut stmt = conn.prepare(
        "SELECT o.id, o.receipt_no, o.kind, coalesce(o.total_minor, 0), coalesce(o.discount_minor, 0),
                coalesce((SELECT sum(b.saving_minor) FROM order_bundles b WHERE b.order_id = o.id), 0)
         FROM orders o
         WHERE o.till = ?1 AND o.status = 'paid' AND o.training = 0 AND o.import_batch IS NULL
           AND o.completed_at >= ?2 AND o.completed_at < ?3
         ORDER BY o.completed_at, o.receipt_no",
    )?;
    let heads = stmt
        .query_map(params![till, from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut lines = conn.prepare(
        "SELECT tax_class, qty, unit_price_minor, list_price_minor, discount, net_minor, tax_minor
         FROM order_lines WHERE order_id = ?1 ORDER BY line_no",
    )?;
    let mut payments =
        conn.prepare("SELECT tender, amount_minor FROM payments WHERE order_id = ?1 ORDER BY id")?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, receipt_no, kind, total, discounts, bundles) in heads {
        let rows = lines
            .query_map([&id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut day_lines = Vec::with_capacity(rows.len());
        for (tax_class, qty, unit, list, discount, net, tax) in rows {
            let discount: Option<Discount> = discount
                .map(|d| serde_json::from_str(&d))
                .transpose()
                .map_err(|e| StoreError::Invalid(format!("a stored discount is damaged: {e}")))?;
            let gross = Money::from_minor(unit * qty);
            day_lines.push(DayLine {
                tax_class,
                qty,
                unit_price: Money::from_minor(unit),
                list_price: Money::from_minor(list),
                line_discount: discount.map_or(Money::ZERO, |d| d.of(gross)),
                net: Money::from_minor(net),
                tax: Money::from_minor(tax),
            });
        }
        let paid = payments
            .query_map([&id], |r| {
                let kind: String = r.get(0)?;
                Ok((
                    TenderKind::parse(&kind).unwrap_or(TenderKind::Cash),
                    Money::from_minor(r.get(1)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        out.push((
            id,
            DayOrder {
                receipt_no: receipt_no.unwrap_or_default(),
                refund: kind == "refund",
                total: Money::from_minor(total),
                payments: paid,
                lines: day_lines,
                discounts: Money::from_minor(discounts),
                bundle_savings: Money::from_minor(bundles),
            },
        ));
    }
    Ok(out)
}

fn voids(conn: &Connection, till: &str, day: NaiveDate) -> StoreResult<Vec<DayVoid>> {
    let (from, to) = bounds(day);
    let settings = crate::store::settings_on(conn)?;
    let bundles = crate::store::recommend::bundles_on(conn)?;
    let mut stmt = conn.prepare(
        "SELECT o.draft, o.completed_at, coalesce(o.void_reason, ''), s.code || ' ' || s.name, m.code || ' ' || m.name
         FROM orders o
         LEFT JOIN staff s ON s.id = o.staff_id
         LEFT JOIN staff m ON m.id = o.approved_by
         WHERE o.till = ?1 AND o.status = 'voided' AND o.training = 0
           AND coalesce(o.void_reason, '') <> 'emptied'
           AND o.completed_at >= ?2 AND o.completed_at < ?3
         ORDER BY o.completed_at",
    )?;
    let rows = stmt
        .query_map(params![till, from, to], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (draft, at, reason, staff, approved_by) in rows {
        let draft: Option<OrderDraft> = draft
            .map(|d| serde_json::from_str(&d))
            .transpose()
            .map_err(|e| StoreError::Invalid(format!("a voided order is damaged: {e}")))?;
        let (items, value, paid) = draft.map_or((0, Money::ZERO, Money::ZERO), |d| {
            let totals = price_with_bundles(&d.cart, &settings.tax, &bundles);
            let paid = d.tender.as_ref().map_or(Money::ZERO, |t| t.paid());
            (d.cart.item_count(), totals.total, paid)
        });
        out.push(DayVoid {
            at: parse_ts(&at),
            items,
            value,
            paid,
            reason,
            staff,
            approved_by,
        });
    }
    Ok(out)
}

fn payouts(conn: &Connection, till: &str, day: NaiveDate) -> StoreResult<Vec<DayPayout>> {
    let (from, to) = bounds(day);
    let mut stmt = conn.prepare(
        "SELECT at, amount_minor, reason FROM payouts WHERE till = ?1 AND at >= ?2 AND at < ?3 ORDER BY at, id",
    )?;
    let rows = stmt.query_map(params![till, from, to], |r| {
        Ok(DayPayout {
            at: parse_ts(&r.get::<_, String>(0)?),
            amount: Money::from_minor(r.get(1)?),
            reason: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The shop's offers of the day, narrowed to this till's.
fn offers(
    conn: &Connection,
    till: &str,
    day: NaiveDate,
    orders: &HashSet<&str>,
) -> StoreResult<crate::report::Rows> {
    let mut rows = crate::store::report::report_rows(
        conn,
        crate::report::Period {
            from: Some(day),
            to: Some(day),
        },
    )?;
    let (from, to) = bounds(day);
    let mut stmt = conn.prepare(
        "SELECT id FROM suggestion_events WHERE till = ?1 AND shown_at >= ?2 AND shown_at < ?3",
    )?;
    let ids: HashSet<i64> = stmt
        .query_map(params![till, from, to], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    rows.orders.retain(|o| orders.contains(o.id.as_str()));
    rows.events.retain(|e| ids.contains(&e.id));
    rows.lines.retain(|l| ids.contains(&l.suggestion_id));
    Ok(rows)
}

fn closed(conn: &Connection, till: &str, day: NaiveDate) -> StoreResult<Option<Closed>> {
    Ok(conn
        .query_row(
            "SELECT z.z_no, z.closed_at, s.code || ' ' || s.name, z.counted_minor, z.over_short_minor
             FROM day_closes z LEFT JOIN staff s ON s.id = z.staff_id
             WHERE z.till = ?1 AND z.day = ?2",
            params![till, day.to_string()],
            |r| {
                Ok(Closed {
                    z_no: r.get(0)?,
                    closed_at: parse_ts(&r.get::<_, String>(1)?),
                    closed_by: r.get(2)?,
                    counted: Money::from_minor(r.get(3)?),
                    over_short: Money::from_minor(r.get(4)?),
                })
            },
        )
        .optional()?)
}

/// The X report of a till's day, on any connection.
fn day_report_on(conn: &Connection, till: &str, day: NaiveDate) -> StoreResult<DayReport> {
    let settings = crate::store::settings_on(conn)?;
    let sold = orders(conn, till, day)?;
    let ids: HashSet<&str> = sold.iter().map(|(id, _)| id.as_str()).collect();
    let rows = DayRows {
        offers: offers(conn, till, day, &ids)?,
        orders: sold.iter().map(|(_, o)| o.clone()).collect(),
        voids: voids(conn, till, day)?,
        payouts: payouts(conn, till, day)?,
    };
    let report = compute(till, day, &rows, &settings.tax, settings.cash_float);
    let Some(z) = closed(conn, till, day)? else {
        return Ok(report);
    };
    // A closed day reads as it was closed, and says what came after.
    let text: String = conn.query_row(
        "SELECT report FROM day_closes WHERE z_no = ?1",
        [z.z_no],
        |r| r.get(0),
    )?;
    let recorded: DayReport = serde_json::from_str(&text)
        .map_err(|e| StoreError::Invalid(format!("Z report {} is damaged: {e}", z.z_no)))?;
    Ok(recorded.as_closed(z, &report))
}

/// Orders of the till still open with money taken: the drawer holds it, the day does not.
fn open_with_payments(conn: &Connection, till: &str) -> StoreResult<usize> {
    let mut stmt = conn.prepare(
        "SELECT draft FROM orders WHERE till = ?1 AND status IN ('draft', 'held') AND draft IS NOT NULL",
    )?;
    let drafts = stmt
        .query_map([till], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(drafts
        .iter()
        .filter_map(|d| serde_json::from_str::<OrderDraft>(d).ok())
        .filter(|d| d.tender.as_ref().is_some_and(|t| !t.payments().is_empty()))
        .count())
}

impl Store {
    /// The X report: a till's figures for a day so far. Changes nothing.
    pub fn day_report(&self, till: &str, day: NaiveDate) -> StoreResult<DayReport> {
        day_report_on(self.conn(), till, day)
    }

    /// The Z report: closes a till's day with the cash counted, once. The figures are read
    /// in the transaction that records them, with the close and its audit line.
    pub fn close_day(
        &mut self,
        till: &str,
        day: NaiveDate,
        counted: Money,
        staff_id: Option<i64>,
        by: &str,
        at: NaiveDateTime,
    ) -> StoreResult<DayClose> {
        if counted < Money::ZERO {
            return Err(StoreError::Invalid(
                "the counted cash cannot be negative".into(),
            ));
        }
        self.write(|tx| {
            if let Some(z) = closed(tx, till, day)? {
                return Err(StoreError::Invalid(format!(
                    "{till} is already closed for {day} (Z {} at {}); a day closes once",
                    z.z_no,
                    z.closed_at.format("%H:%M")
                )));
            }
            let open = open_with_payments(tx, till)?;
            if open > 0 {
                return Err(StoreError::Invalid(format!(
                    "{till} has {open} order{} in progress with a payment taken: finish or void it before the close",
                    if open == 1 { "" } else { "s" }
                )));
            }
            let report = day_report_on(tx, till, day)?;
            let expected = report.cash.expected;
            let over_short = counted - expected;
            tx.execute(
                "INSERT INTO day_closes (till, day, closed_at, staff_id, float_minor, expected_cash_minor,
                    counted_minor, over_short_minor, report)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    till,
                    day.to_string(),
                    ts(at),
                    staff_id,
                    report.cash.float.minor(),
                    expected.minor(),
                    counted.minor(),
                    over_short.minor(),
                    serde_json::to_string(&report).expect("a report serializes"),
                ],
            )?;
            let z_no = tx.last_insert_rowid();
            crate::store::audit::append(
                tx,
                &crate::domain::audit::AuditEntry {
                    approved_by: staff_id,
                    ..crate::domain::audit::AuditEntry::new(
                        at,
                        till,
                        staff_id,
                        "close day",
                        format!(
                            "Z {z_no} for {day} by {by}: {} sales {}, cash expected {expected}, counted {counted}, {} {over_short}",
                            report.sales.count,
                            report.sales.amount,
                            over_short_label(over_short)
                        ),
                    )
                },
            )?;
            crate::store::journal::record::close(tx, z_no)?;
            let mut report = report;
            report.closed = Some(Closed {
                z_no,
                closed_at: at,
                closed_by: None,
                counted,
                over_short,
            });
            Ok(DayClose {
                z_no,
                closed_at: at,
                counted,
                over_short,
                report,
            })
        })
    }

    /// Cash taken out of a till's drawer (a supplier paid at the door): it lowers the cash
    /// expected at the close, and is audited.
    pub fn record_payout(
        &mut self,
        till: &str,
        amount: Money,
        reason: &str,
        manager: Option<i64>,
        by: &str,
        at: NaiveDateTime,
    ) -> StoreResult<()> {
        if amount <= Money::ZERO {
            return Err(StoreError::Invalid(
                "a payout must be more than zero".into(),
            ));
        }
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().any(char::is_control) {
            return Err(StoreError::Invalid(
                "say what the payout was for (--reason, one line)".into(),
            ));
        }
        self.write(|tx| {
            // Read in the transaction that records it: no sale or refund falls in between.
            let expected = day_report_on(tx, till, at.date())?.cash.expected;
            if amount > expected {
                return Err(StoreError::Invalid(format!(
                    "a payout of {amount} is more than the {expected} expected in the drawer of {till}"
                )));
            }
            tx.execute(
                "INSERT INTO payouts (till, at, amount_minor, reason) VALUES (?1, ?2, ?3, ?4)",
                params![till, ts(at), amount.minor(), reason],
            )?;
            crate::store::audit::append(
                tx,
                // The manager who allowed it is in the trail's columns, not only its text,
                // as for a close: the trail is searched and exported by them.
                &crate::domain::audit::AuditEntry::new(
                    at,
                    till,
                    manager,
                    "payout",
                    format!("{amount} by {by}: {reason}"),
                )
                .approved_by(manager),
            )
        })
    }
}
