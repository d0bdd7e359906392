//! The rows the reports are computed from (`crate::report`): paid sales, the offers made,
//! and the lines that came from accepted offers, over whole shop-local days. Training
//! orders are left out everywhere.

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use crate::domain::money::Money;
use crate::report::{
    Breakdown, EventRow, Feedback, OrderRow, Outcome, Period, Report, Rows, SuggestionLine,
};
use crate::store::{Store, StoreError, StoreResult};

/// `[from, to)` as text bounds that compare with stored `YYYY-MM-DDTHH:MM:SS` times.
fn bounds(period: Period) -> (String, String) {
    let from = period.from.map_or(String::new(), |d| d.to_string());
    let to = period
        .to
        .and_then(|d| d.checked_add_signed(Duration::days(1)))
        .map_or_else(|| "9999-99-99".to_string(), |d| d.to_string());
    (from, to)
}

fn day(text: &str) -> NaiveDate {
    crate::store::parse_ts(text).date()
}

fn bad(what: &str, value: &str) -> StoreError {
    StoreError::Invalid(format!("a stored {what} is damaged: '{value}'"))
}

impl Store {
    pub fn report_rows(&self, period: Period) -> StoreResult<Rows> {
        report_rows(self.conn(), period)
    }
}

/// The report's rows on any connection (a transaction too: the close of day reads them
/// inside the transaction that records it).
pub(crate) fn report_rows(conn: &rusqlite::Connection, period: Period) -> StoreResult<Rows> {
    let (from, to) = bounds(period);
    let mut stmt = conn.prepare(concat!(
        "SELECT o.id, o.completed_at, o.total_minor, o.holdout, o.feedback, s.name
             FROM orders o LEFT JOIN staff s ON s.id = o.staff_id
             WHERE o.completed_at >= ?1 AND o.completed_at < ?2
               AND o.status = 'paid' AND o.kind = 'sale' AND o.training = 0 AND ",
        crate::store::visible!("o")
    ))?;
    let mut orders = Vec::new();
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let feedback: Option<String> = r.get(4)?;
        orders.push(OrderRow {
            id: r.get(0)?,
            day: day(&r.get::<_, String>(1)?),
            total: Money::from_minor(r.get::<_, Option<i64>>(2)?.unwrap_or(0)),
            holdout: r.get(3)?,
            feedback: match feedback {
                None => None,
                Some(f) => Some(Feedback::parse(&f).ok_or_else(|| bad("feedback", &f))?),
            },
            staff: r.get(5)?,
        });
    }

    let mut stmt = conn.prepare(
            concat!("SELECT e.id, e.order_id, s.name, e.sku, e.category, e.kind, e.source, e.rule, e.outcome,
                    EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = e.order_id AND l.product_id = e.product_id),
                    e.difference_minor
             FROM suggestion_events e
             JOIN orders o ON o.id = e.order_id
             LEFT JOIN staff s ON s.id = e.staff_id
             WHERE e.shown_at >= ?1 AND e.shown_at < ?2 AND o.training = 0 AND ", crate::store::visible!("o")),
        )?;
    let mut events = Vec::new();
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let outcome: String = r.get(8)?;
        events.push(EventRow {
            id: r.get(0)?,
            order_id: r.get(1)?,
            staff: r.get(2)?,
            sku: r.get(3)?,
            category: r.get(4)?,
            kind: r.get(5)?,
            source: r.get(6)?,
            rule: r.get(7)?,
            outcome: Outcome::parse(&outcome).ok_or_else(|| bad("outcome", &outcome))?,
            bought: r.get(9)?,
            difference: r.get::<_, Option<i64>>(10)?.map(Money::from_minor),
        });
    }

    let mut stmt = conn.prepare(concat!(
        "SELECT l.suggestion_id, l.paid_minor
             FROM orders o JOIN order_lines l ON l.order_id = o.id
             WHERE o.completed_at >= ?1 AND o.completed_at < ?2
               AND o.status = 'paid' AND o.kind = 'sale' AND o.training = 0
               AND l.suggestion_id IS NOT NULL AND ",
        crate::store::visible!("o")
    ))?;
    let lines = stmt
        .query_map(params![from, to], |r| {
            Ok(SuggestionLine {
                suggestion_id: r.get(0)?,
                paid: Money::from_minor(r.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Rows {
        orders,
        events,
        lines,
    })
}

impl Store {
    pub fn report(&self, period: Period, by: Breakdown) -> StoreResult<Report> {
        Ok(crate::report::compute(
            &self.report_rows(period)?,
            period,
            by,
        ))
    }
}
