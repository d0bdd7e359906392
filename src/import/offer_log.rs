//! `xsell import order-context FILE` and `xsell import suggestions FILE`: the record of the
//! offers made on past orders, for a shop that brings its history (and for the demo shop).
//!
//! order-context: `order_id,staff_id,holdout,feedback`: who served the order, whether it was
//! in the control group, and the customer's answer to "was this suggestion helpful?"
//! (`helpful`, `not_helpful`, `skipped` or empty).
//!
//! suggestions: `order_id,sku,kind,source,rule,trigger,score,shown_at,outcome` and optionally
//! `answered_at,difference,saving,staff_id`, one row per prompt shown (or held out). An
//! accepted offer is linked to the order's line of that product, which becomes a line
//! that came from the suggestion. `order_id` is the one of the orders file. Import the
//! order context first: a control order's offers must all be `held_out`, and only its.

use std::collections::HashMap;
use std::io::Read;

use rusqlite::{OptionalExtension, params};

use crate::domain::money::Money;
use crate::import::order_rows::parse_timestamp;
use crate::import::table::{FirstSeen, ImportErrors, Row, Table, read_all};
use crate::import::{RowError, Summary};
use crate::report::{Feedback, Outcome};
use crate::store::{Store, ts};

struct OrderInfo {
    id: String,
    holdout: bool,
    staff_id: Option<i64>,
    customer_id: Option<i64>,
    till: String,
}

struct ProductInfo {
    id: i64,
    category: String,
    price: Money,
}

struct Known {
    orders: HashMap<String, OrderInfo>,
    products: HashMap<String, ProductInfo>,
    staff: HashMap<String, i64>,
}

fn known(store: &Store) -> rusqlite::Result<Known> {
    let conn = store.conn();
    let mut orders = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT coalesce(external_id, id), id, holdout, staff_id, customer_id, till FROM orders
         WHERE status = 'paid' AND kind = 'sale'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        orders.insert(
            r.get::<_, String>(0)?,
            OrderInfo {
                id: r.get(1)?,
                holdout: r.get(2)?,
                staff_id: r.get(3)?,
                customer_id: r.get(4)?,
                till: r.get(5)?,
            },
        );
    }
    let mut products = HashMap::new();
    let mut stmt = conn.prepare("SELECT sku, id, category, price_minor FROM products")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        products.insert(
            r.get::<_, String>(0)?,
            ProductInfo {
                id: r.get(1)?,
                category: r.get(2)?,
                price: Money::from_minor(r.get(3)?),
            },
        );
    }
    let mut stmt = conn.prepare("SELECT code, id FROM staff")?;
    let staff = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Known {
        orders,
        products,
        staff,
    })
}

fn load(store: &Store, file: &str) -> Result<Known, ImportErrors> {
    known(store).map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))
}

fn order<'k>(row: &Row<'_>, known: &'k Known) -> Result<&'k OrderInfo, RowError> {
    let id = row.required("order_id")?;
    known
        .orders
        .get(&id)
        .ok_or_else(|| row.err(format!("no paid order '{id}' in the store")))
}

fn staff(row: &Row<'_>, known: &Known) -> Result<Option<i64>, RowError> {
    row.opt("staff_id")
        .map(|code| {
            known
                .staff
                .get(&code)
                .copied()
                .ok_or_else(|| row.err(format!("unknown staff_id '{code}'")))
        })
        .transpose()
}

/// Sets who served each order, the control group and the feedback.
pub fn import_context<R: Read>(
    store: &mut Store,
    input: R,
    file: &str,
) -> Result<Summary, ImportErrors> {
    let table = Table::open(input, &["order_id", "staff_id", "holdout"], &["feedback"])
        .map_err(|e| ImportErrors::single(file, e))?;
    let known = load(store, file)?;
    let mut seen = FirstSeen::default();
    let rows = read_all(table, file, |row| {
        let o = order(row, &known)?;
        seen.check(row, "order_id", row.get("order_id"))?;
        let holdout = row
            .flag("holdout")?
            .ok_or_else(|| row.err("empty holdout"))?;
        let feedback = match row.opt("feedback") {
            None => None,
            Some(f) => Some(Feedback::parse(&f).ok_or_else(|| {
                row.err(format!(
                    "feedback '{f}' is not helpful, not_helpful or skipped"
                ))
            })?),
        };
        if holdout && feedback.is_some() {
            return Err(row.err("a control order was offered nothing to give feedback on"));
        }
        let feedback = feedback.map(|f| match f {
            Feedback::Helpful => "helpful",
            Feedback::NotHelpful => "not_helpful",
            Feedback::Skipped => "skipped",
        });
        Ok((o.id.clone(), staff(row, &known)?, holdout, feedback))
    })?;
    store
        .write(|tx| {
            let mut stmt = tx.prepare(
                "UPDATE orders SET staff_id = coalesce(?2, staff_id), holdout = ?3, feedback = ?4 WHERE id = ?1",
            )?;
            for (id, staff, holdout, feedback) in &rows {
                stmt.execute(params![id, staff, holdout, feedback])?;
            }
            Ok(())
        })
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?;
    Ok(Summary {
        updated: rows.len() as u64,
        ..Summary::default()
    })
}

struct Event {
    line: u64,
    order_id: String,
    till: String,
    staff_id: Option<i64>,
    customer_id: Option<i64>,
    product_id: i64,
    sku: String,
    category: String,
    kind: String,
    source: String,
    rule: String,
    trigger: String,
    score: f64,
    price: Money,
    difference: Option<Money>,
    saving: Option<Money>,
    shown_at: String,
    outcome: Outcome,
    answered_at: Option<String>,
}

fn one_of(row: &Row<'_>, column: &str, allowed: &[&str]) -> Result<String, RowError> {
    let v = row.required(column)?;
    if allowed.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(row.err(format!("{column} '{v}' is not {}", allowed.join(", "))))
    }
}

fn time(row: &Row<'_>, column: &str) -> Result<Option<String>, RowError> {
    row.opt(column)
        .map(|t| {
            let when = parse_timestamp(&t)
                .ok_or_else(|| row.err(format!("{column} '{t}' is not a date-time")))?;
            crate::import::check_year(column, &t, chrono::Datelike::year(&when))
                .map_err(|e| row.err(e))?;
            Ok(ts(when))
        })
        .transpose()
}

fn event(row: &Row<'_>, known: &Known) -> Result<Event, RowError> {
    let o = order(row, known)?;
    let sku = row.required("sku")?;
    let p = known
        .products
        .get(&sku)
        .ok_or_else(|| row.err(format!("unknown sku '{sku}'")))?;
    let outcome_text = row.required("outcome")?;
    let outcome = Outcome::parse(&outcome_text).ok_or_else(|| {
        row.err(format!(
            "outcome '{outcome_text}' is not accepted, dismissed, expired, ignored, open or held_out"
        ))
    })?;
    if o.holdout != (outcome == Outcome::HeldOut) {
        return Err(row.err(if o.holdout {
            "the order is in the control group: its offers are held_out"
        } else {
            "held_out is only for orders in the control group"
        }));
    }
    let score_text = row.required("score")?;
    let score: f64 = score_text
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite())
        .ok_or_else(|| row.err(format!("score '{score_text}' is not a number")))?;
    let kind = one_of(row, "kind", &["cross-sell", "upsell", "bundle"])?;
    let difference = row.money("difference")?;
    if kind == "upsell" && difference.is_none() {
        return Err(row.err("an upsell needs its price difference (difference)"));
    }
    Ok(Event {
        line: row.line,
        order_id: o.id.clone(),
        till: o.till.clone(),
        staff_id: staff(row, known)?.or(o.staff_id),
        customer_id: o.customer_id,
        product_id: p.id,
        category: p.category.clone(),
        price: p.price,
        sku,
        kind,
        source: one_of(
            row,
            "source",
            &["curated", "mined", "history", "ladder", "bundle"],
        )?,
        rule: row.required("rule")?,
        trigger: one_of(row, "trigger", &["item", "customer", "tender"])?,
        score,
        difference,
        saving: row.money("saving")?,
        shown_at: time(row, "shown_at")?.ok_or_else(|| row.err("empty shown_at"))?,
        outcome,
        answered_at: time(row, "answered_at")?,
    })
}

/// Imports the offers; all of them, or every bad row reported and nothing written.
pub fn import<R: Read>(store: &mut Store, input: R, file: &str) -> Result<Summary, ImportErrors> {
    let table = Table::open(
        input,
        &[
            "order_id", "sku", "kind", "source", "rule", "trigger", "score", "shown_at", "outcome",
        ],
        &["answered_at", "difference", "saving", "staff_id"],
    )
    .map_err(|e| ImportErrors::single(file, e))?;
    let known = load(store, file)?;
    let events = read_all(table, file, |row| event(row, &known))?;
    let mut errors = ImportErrors::new(file);
    let result = store.write(|tx| {
        let mut had_events = tx.prepare(
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
        for e in &events {
            let new = match fresh.get(e.order_id.as_str()) {
                Some(&n) => n,
                None => {
                    let n = !had_events.query_row([&e.order_id], |r| r.get::<_, bool>(0))?;
                    fresh.insert(&e.order_id, n);
                    n
                }
            };
            if !new {
                errors.push(RowError::new(
                    e.line,
                    "this order's offers are already in the store",
                ));
                continue;
            }
            let outcome = e.outcome.as_str();
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
                outcome,
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
                    None => errors.push(RowError::new(
                        e.line,
                        format!(
                            "accepted, but the order has no line of '{}' to link it to",
                            e.sku
                        ),
                    )),
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(crate::store::StoreError::Invalid(String::new()))
        }
    });
    match result {
        Ok(()) => Ok(Summary {
            added: events.len() as u64,
            ..Summary::default()
        }),
        Err(_) if !errors.is_empty() => Err(errors),
        Err(e) => Err(ImportErrors::single(file, RowError::new(0, e.to_string()))),
    }
}
