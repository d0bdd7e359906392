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

use std::io::Read;

use crate::domain::timestamp::parse_timestamp;
use crate::import::table::{FirstSeen, ImportErrors, Row, Table, read_all};
use crate::import::{RowError, Summary};
use crate::report::{Feedback, Outcome};
use crate::store::offer_log_import::{ImportedOffer, OfferLogContext, OrderContext, SaleRef};
use crate::store::{Store, ts};

fn load(store: &Store, file: &str) -> Result<OfferLogContext, ImportErrors> {
    store
        .offer_log_context()
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))
}

fn order<'k>(row: &Row<'_>, known: &'k OfferLogContext) -> Result<&'k SaleRef, RowError> {
    let id = row.required("order_id")?;
    known
        .sales
        .get(&id)
        .ok_or_else(|| row.err(format!("no paid order '{id}' in the store")))
}

fn staff(row: &Row<'_>, known: &OfferLogContext) -> Result<Option<i64>, RowError> {
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
        Ok(OrderContext {
            order_id: o.id.clone(),
            staff_id: staff(row, &known)?,
            holdout,
            feedback,
        })
    })?;
    store
        .set_order_context(&rows)
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?;
    Ok(Summary {
        updated: rows.len() as u64,
        ..Summary::default()
    })
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

fn offer(row: &Row<'_>, known: &OfferLogContext) -> Result<ImportedOffer, RowError> {
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
    Ok(ImportedOffer {
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
    let offers = read_all(table, file, |row| offer(row, &known))?;
    match store.import_offers(&offers) {
        Ok(Ok(())) => Ok(Summary {
            added: offers.len() as u64,
            ..Summary::default()
        }),
        Ok(Err(refused)) => {
            let mut errors = ImportErrors::new(file);
            for e in refused {
                errors.push(e);
            }
            Err(errors)
        }
        Err(e) => Err(ImportErrors::single(file, RowError::new(0, e.to_string()))),
    }
}
