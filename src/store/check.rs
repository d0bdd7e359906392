//! `xsell check`: the store verified against SQLite's own integrity check and against the
//! business invariants every sale keeps (ARCHITECTURE.md). Every violation is reported,
//! not just the first, so that one run says everything that is wrong.

use rusqlite::Connection;

use crate::store::{Store, StoreResult};

/// The rules, in the order they are checked and reported.
pub const RULES: &[&str] = &[
    "integrity",
    "foreign keys",
    "payments",
    "lines",
    "stock",
    "stock moves",
    "receipts",
    "suggestions",
    "drafts",
    "journal",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// One of `RULES`.
    pub rule: &'static str,
    pub detail: String,
}

impl Store {
    /// Every violation found; empty when the store is sound.
    pub fn check(&self) -> StoreResult<Vec<Violation>> {
        let conn = self.conn();
        let mut out = Vec::new();
        integrity(conn, &mut out)?;
        foreign_keys(conn, &mut out)?;
        payments(conn, &mut out)?;
        lines(conn, &mut out)?;
        stock(conn, &mut out)?;
        stock_moves(conn, &mut out)?;
        receipts(conn, &mut out)?;
        suggestions(conn, &mut out)?;
        drafts(conn, &mut out)?;
        journal(conn, &mut out)?;
        Ok(out)
    }
}

/// How an order is named in a report: its receipt number, else its imported id, else its id.
const ORDER_NAME: &str = "coalesce(o.receipt_no, o.external_id, o.id)";

/// Runs `sql` and turns each row's text into a violation of `rule`.
fn collect(
    conn: &Connection,
    rule: &'static str,
    sql: &str,
    out: &mut Vec<Violation>,
) -> StoreResult<()> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for detail in rows {
        out.push(Violation {
            rule,
            detail: detail?,
        });
    }
    Ok(())
}

fn integrity(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for row in rows {
        let row = row?;
        if row != "ok" {
            out.push(Violation {
                rule: "integrity",
                detail: row,
            });
        }
    }
    Ok(())
}

fn foreign_keys(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (table, rowid, parent) = row?;
        let row = rowid.map_or_else(String::new, |id| format!(" row {id}"));
        out.push(Violation {
            rule: "foreign keys",
            detail: format!("{table}{row} points at a missing row of {parent}"),
        });
    }
    Ok(())
}

fn payments(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "payments",
        &format!(
            "SELECT {ORDER_NAME} || ': payments add up to ' || coalesce(p.paid, 0) || ' cents, the total is '
                    || coalesce(o.total_minor, 'missing')
             FROM orders o LEFT JOIN (SELECT order_id, sum(amount_minor) AS paid FROM payments GROUP BY order_id) p
                  ON p.order_id = o.id
             WHERE o.status = 'paid' AND (o.total_minor IS NULL OR coalesce(p.paid, 0) <> o.total_minor)
             UNION ALL
             SELECT {ORDER_NAME} || ' is ' || o.status || ' but has ' || count(*) || ' payment row(s)'
             FROM payments p JOIN orders o ON o.id = p.order_id
             WHERE o.status NOT IN ('paid', 'refunded') GROUP BY o.id"
        ),
        out,
    )
}

fn lines(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "lines",
        &format!(
            "SELECT {ORDER_NAME} || CASE WHEN count(l.line_no) = 0 THEN ': a paid order without lines'
                    ELSE ': lines add up to ' || sum(l.paid_minor) || ' cents, the total is '
                         || coalesce(o.total_minor, 'missing') END
             FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
             WHERE o.status = 'paid'
             GROUP BY o.id
             HAVING count(l.line_no) = 0 OR o.total_minor IS NULL OR sum(l.paid_minor) <> o.total_minor
             UNION ALL
             SELECT {ORDER_NAME} || ' is ' || o.status || ' but has ' || count(*) || ' line row(s)'
             FROM order_lines l JOIN orders o ON o.id = l.order_id
             WHERE o.status NOT IN ('paid', 'refunded') GROUP BY o.id"
        ),
        out,
    )
}

fn stock(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "stock",
        "SELECT p.sku || ': stock ' || p.stock || ', its moves add up to ' || coalesce(m.total, 0)
         FROM products p LEFT JOIN (SELECT product_id, sum(delta) AS total FROM stock_moves GROUP BY product_id) m
              ON m.product_id = p.id
         WHERE p.stock <> coalesce(m.total, 0)",
        out,
    )
}

/// Each sale takes its lines' quantities off the shelf and each refund puts them back, in
/// moves naming the order; imported history moves nothing (ARCHITECTURE.md).
fn stock_moves(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "stock moves",
        "WITH expected AS (
             SELECT l.order_id, l.product_id,
                    sum(CASE o.kind WHEN 'refund' THEN l.qty ELSE -l.qty END) AS delta
             FROM order_lines l JOIN orders o ON o.id = l.order_id
             WHERE o.status = 'paid' AND o.import_batch IS NULL
             GROUP BY l.order_id, l.product_id),
         actual AS (
             SELECT order_id, product_id, sum(delta) AS delta FROM stock_moves
             WHERE reason IN ('sale', 'refund') GROUP BY order_id, product_id),
         diff AS (
             SELECT e.order_id, e.product_id, e.delta AS want, coalesce(a.delta, 0) AS got
             FROM expected e LEFT JOIN actual a ON a.order_id = e.order_id AND a.product_id = e.product_id
             WHERE coalesce(a.delta, 0) <> e.delta
             UNION ALL
             SELECT a.order_id, a.product_id, 0, a.delta FROM actual a
             WHERE NOT EXISTS (SELECT 1 FROM expected e WHERE e.order_id = a.order_id AND e.product_id = a.product_id))
         SELECT coalesce(o.receipt_no, o.external_id, d.order_id, 'no order') || ', ' || coalesce(p.sku, 'product ' || d.product_id)
                || ': the lines move stock by ' || d.want || ', the stock moves by ' || d.got
         FROM diff d LEFT JOIN orders o ON o.id = d.order_id LEFT JOIN products p ON p.id = d.product_id",
        out,
    )
}

fn receipts(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "receipts",
        &format!(
            "SELECT receipt_no || ' is on ' || count(*) || ' orders'
             FROM orders WHERE receipt_no IS NOT NULL GROUP BY receipt_no HAVING count(*) > 1
             UNION ALL
             SELECT {ORDER_NAME} || ': paid at a till without a receipt number'
             FROM orders o WHERE o.status = 'paid' AND o.import_batch IS NULL AND o.receipt_no IS NULL
             UNION ALL
             SELECT n.prefix || ': receipt ' || n.top || ' was issued but the counter is at '
                    || coalesce(c.last_no, 'nothing') || ', so numbers would be reused'
             FROM (SELECT substr(head, 1, length(head) - 1) AS prefix,
                          max(CAST(substr(receipt_no, length(head) + 1) AS INTEGER)) AS top
                   -- The number is the digits after the last '-': a store's code may come first.
                   FROM (SELECT receipt_no, rtrim(receipt_no, '0123456789') AS head FROM orders
                         WHERE receipt_no IS NOT NULL)
                   GROUP BY 1) n
             LEFT JOIN receipt_counters c ON c.prefix = n.prefix
             WHERE c.last_no IS NULL OR c.last_no < n.top"
        ),
        out,
    )
}

/// An accepted suggestion became a line of its order, and a line from a suggestion names
/// the accepted offer it came from.
fn suggestions(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "suggestions",
        &format!(
            "SELECT {ORDER_NAME} || ': accepted suggestion ' || e.id || ' (' || e.sku || ') is on no line of the order'
             FROM suggestion_events e JOIN orders o ON o.id = e.order_id
             WHERE e.outcome = 'accepted' AND o.status = 'paid'
               AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = e.order_id AND l.suggestion_id = e.id)
             UNION ALL
             SELECT {ORDER_NAME} || ' line ' || l.line_no || ' (' || l.sku || '): '
                    || CASE WHEN l.suggestion_id IS NULL THEN 'from a suggestion but names none'
                            WHEN e.id IS NULL THEN 'names suggestion ' || l.suggestion_id || ', which does not exist'
                            WHEN e.order_id <> l.order_id THEN 'names suggestion ' || e.id || ' of another order'
                            ELSE 'names suggestion ' || e.id || ', which was ' || e.outcome || ', not accepted' END
             FROM order_lines l JOIN orders o ON o.id = l.order_id
                  LEFT JOIN suggestion_events e ON e.id = l.suggestion_id
             WHERE (l.source = 'suggestion' OR l.suggestion_id IS NOT NULL)
               AND (e.id IS NULL OR e.outcome <> 'accepted' OR e.order_id <> l.order_id)"
        ),
        out,
    )
}

/// The order a till shows is its saved draft: an open or held order whose draft is missing
/// or names another order, a paid order that still holds one, an order closed as emptied
/// whose draft has lines (a till may still be selling it), or a second open order on one
/// till (only the newest comes back on screen) is a sale that can be lost without a trace.
/// (A voided order keeps its draft: it is the record of what was voided.)
fn drafts(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "drafts",
        &format!(
            "SELECT {ORDER_NAME} || ' is ' || o.status || CASE
                    WHEN o.draft IS NULL THEN ' but has no saved draft'
                    WHEN json_valid(o.draft) = 0 THEN ' but its saved draft is damaged'
                    ELSE ' but its saved draft is order ' || coalesce(json_extract(o.draft, '$.id'), 'without an id') END
             FROM orders o
             WHERE o.status IN ('draft', 'held')
               AND (o.draft IS NULL OR json_valid(o.draft) = 0 OR json_extract(o.draft, '$.id') IS NOT o.id)
             UNION ALL
             SELECT {ORDER_NAME} || ' is paid but still holds a draft'
             FROM orders o WHERE o.status = 'paid' AND o.draft IS NOT NULL
             UNION ALL
             SELECT {ORDER_NAME} || ' was closed as emptied but its draft holds '
                    || json_array_length(o.draft, '$.cart.lines') || ' line(s): a till may still be selling it'
             FROM orders o
             WHERE o.status = 'voided' AND o.void_reason = 'emptied' AND json_valid(o.draft)
               AND json_array_length(o.draft, '$.cart.lines') > 0
             UNION ALL
             SELECT 'till ' || till || ' has ' || count(*) || ' open orders; only the newest comes back on screen'
             FROM orders WHERE status = 'draft' GROUP BY till HAVING count(*) > 1"
        ),
        out,
    )
}

/// Every sale and refund a till paid is in the journal with the total the order has; each
/// till's own entries are numbered 1, 2, 3… without a gap; every entry still matches its
/// hash; no mark is past the journal's end.
fn journal(conn: &Connection, out: &mut Vec<Violation>) -> StoreResult<()> {
    collect(
        conn,
        "journal",
        &format!(
            "SELECT {ORDER_NAME} || ': paid at a till but not in the journal'
             FROM orders o
             WHERE o.status = 'paid' AND o.import_batch IS NULL AND o.training = 0
               AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.id = o.id)
               AND NOT EXISTS (SELECT 1 FROM unjournaled_orders u WHERE u.order_id = o.id)
             UNION ALL
             SELECT {ORDER_NAME} || ': the journal says a total of ' || coalesce(json_extract(j.body, '$.total_minor'), 'nothing')
                    || ' cents, the order ' || coalesce(o.total_minor, 'nothing')
             FROM journal j JOIN orders o ON o.id = j.id
             WHERE j.kind IN ('sale', 'refund') AND json_extract(j.body, '$.total_minor') IS NOT o.total_minor
             UNION ALL
             SELECT till || ': ' || count(*) || ' journal entries numbered up to ' || max(till_seq)
             FROM journal WHERE origin = 'local' GROUP BY store_id, till HAVING count(*) <> max(till_seq)
             UNION ALL
             SELECT 'the ' || name || ' mark is at ' || seq || ', past the journal''s end'
             FROM journal_marks WHERE seq > (SELECT coalesce(max(seq), 0) FROM journal)"
        ),
        out,
    )?;
    let mut stmt = conn.prepare(
        "SELECT id, store_id, store_code, till, till_seq, kind, at, body, hash FROM journal ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(5)?;
        let body: String = r.get(7)?;
        let entry = crate::journal::Entry {
            v: crate::journal::FORMAT,
            id: r.get(0)?,
            store: r.get(1)?,
            store_code: r.get(2)?,
            till: r.get(3)?,
            seq: r.get(4)?,
            kind: crate::journal::Kind::parse(&kind).unwrap_or(crate::journal::Kind::Sale),
            at: r.get(6)?,
            body: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
            hash: r.get(8)?,
        };
        if entry.digest() != entry.hash {
            out.push(Violation {
                rule: "journal",
                detail: format!("entry {} ({kind}) does not match its hash", entry.id),
            });
        }
    }
    Ok(())
}
