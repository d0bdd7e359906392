//! `xsell import orders FILE`: a sales history from another system, streamed row by row
//! into an import batch that becomes visible only when complete, written in short
//! transactions so that tills keep selling meanwhile; a million-line file neither sits in
//! memory nor half-imports.
//!
//! Imported orders are history: they feed the customer summaries and the recommender,
//! but they do not move stock (the catalog import carries today's stock).

use std::io::Read;

use crate::domain::history_rows::{self, OrderRow};
use crate::domain::pricing::TaxRates;
use crate::import::table::ImportErrors;
use crate::import::{RowError, Summary};
use crate::store::history::{HistoryLine, HistoryProduct, HistoryWriter};
use crate::store::import_batches as batches;
use crate::store::{Store, StoreError, ts};

/// How far apart the rows of one order may be timed: the items of one checkout, scanned
/// over a few minutes. Rows further apart are two sales sharing an id.
const ONE_CHECKOUT: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

/// The order being filled: rows of one order are usually adjacent, so the last one is kept.
struct Current {
    external_id: String,
    id: String,
    next_line: i64,
    /// Its customer, which every row of the order must repeat.
    customer: Option<String>,
    /// The order's time so far (its earliest row's), to update the row only when it moves.
    earliest: chrono::NaiveDateTime,
}

impl Current {
    /// A row of this order that names another customer, or a time beyond one checkout,
    /// would merge two sales.
    fn disagrees(&self, row: &OrderRow, at: chrono::NaiveDateTime) -> Option<RowError> {
        let when = row.ts.unwrap_or(at);
        let what = if row.customer_id != self.customer {
            "another customer than its first row".to_string()
        } else if (when - self.earliest).abs() > ONE_CHECKOUT {
            format!(
                "a time {} minutes from its first row's (at most {})",
                (when - self.earliest).num_minutes().abs(),
                ONE_CHECKOUT.num_minutes()
            )
        } else {
            return None;
        };
        Some(RowError::new(
            row.line,
            format!(
                "order_id '{}' has {what}: rows of one order are one sale",
                row.order_id
            ),
        ))
    }
}

/// How long one step may hold the write lock before the tills' waiting sales go first, and
/// the most orders it writes.
const STEP: std::time::Duration = std::time::Duration::from_millis(20);
const ORDERS_PER_STEP: usize = 500;
/// The pause between two steps, in which a waiting till takes the lock.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(3);

/// Imports an orders CSV. `progress` is called with the number of rows read so far.
///
/// The orders are written in short transactions under a new import batch, which readers do
/// not see (`store::visible!`) until the last step publishes it: a failed import removes
/// its batch, and a killed one leaves a batch nobody sees, which the next import removes.
pub fn import<R: Read>(
    store: &mut Store,
    input: R,
    file: &str,
    at: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary, ImportErrors> {
    let fail = |e: RowError| ImportErrors::single(file, e);
    let store_err = |e: StoreError| ImportErrors::single(file, RowError::new(0, e.to_string()));
    let catalog = store.history_products().map_err(store_err)?;
    let rates = store.settings().map_err(store_err)?.tax;
    let mut rows = history_rows::read(input).map_err(fail)?;
    let _one_at_a_time = batches::ImportLock::take(store).map_err(store_err)?;
    batches::remove_unpublished(store).map_err(store_err)?;
    let batch = batches::open(store, file, at).map_err(store_err)?;
    let mut errors = ImportErrors::new(file);
    let mut summary = Summary::default();
    let mut current: Option<Current> = None;
    let mut count = 0u64;
    let result = loop {
        let step = store.write_history(|tx| {
            let began = std::time::Instant::now();
            let mut touched: Vec<String> = Vec::new();
            for row in rows.by_ref() {
                count += 1;
                if count.is_multiple_of(10_000) {
                    progress(count);
                }
                let row = match row {
                    Ok(r) => r,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                let Some(product) = catalog.get(&row.sku) else {
                    errors.push(RowError::new(
                        row.line,
                        format!("unknown sku '{}'", row.sku),
                    ));
                    continue;
                };
                if !errors.is_empty() {
                    // Keep reading to report every bad row, but stop writing: the batch goes.
                    continue;
                }
                let same = current
                    .as_ref()
                    .is_some_and(|c| c.external_id == row.order_id);
                if !same {
                    match open_order(tx, &row, batch, at, &mut summary)? {
                        Ok(order) => current = Some(order),
                        Err(e) => {
                            errors.push(e);
                            continue;
                        }
                    }
                }
                let order = current.as_mut().expect("an order is open");
                if let Some(e) = order.disagrees(&row, crate::store::parse_ts(at)) {
                    errors.push(e);
                    continue;
                }
                add_line(tx, order, &row, product, &rates)?;
                if touched.last() != Some(&order.id) {
                    touched.push(order.id.clone());
                }
                let full = touched.len() >= ORDERS_PER_STEP || began.elapsed() >= STEP;
                if full && errors.is_empty() {
                    tx.settle(&touched)?;
                    return Ok(false);
                }
            }
            if errors.is_empty() {
                tx.settle(&touched)?;
            }
            Ok(true)
        });
        match step {
            Ok(false) => std::thread::sleep(PAUSE),
            Ok(true) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    progress(count);
    let result = result.and_then(|()| {
        if errors.is_empty() {
            batches::publish(store, batch)
        } else {
            Err(StoreError::Invalid(String::new()))
        }
    });
    match result {
        Ok(()) => Ok(summary),
        Err(e) => {
            // Nobody saw the batch; it goes now rather than at the next import.
            let _ = batches::remove(store, batch);
            if errors.is_empty() {
                Err(store_err(e))
            } else {
                errors.errors.sort_by_key(|e| e.line);
                Err(errors)
            }
        }
    }
}

/// Finds or creates the order of a row. The outer error is the database's; the inner one is
/// the row's (its order id was imported before).
fn open_order(
    tx: &HistoryWriter<'_>,
    row: &OrderRow,
    batch: i64,
    at: &str,
    summary: &mut Summary,
) -> Result<Result<Current, RowError>, StoreError> {
    if let Some(found) = tx.find_order(&row.order_id)? {
        if found.batch != Some(batch) {
            return Ok(Err(RowError::new(
                row.line,
                format!(
                    "duplicate order_id '{}': already in the store",
                    row.order_id
                ),
            )));
        }
        let so_far = tx.order_so_far(&found.id)?;
        return Ok(Ok(Current {
            external_id: row.order_id.clone(),
            id: found.id,
            next_line: so_far.next_line,
            customer: so_far.customer,
            earliest: crate::store::parse_ts(&so_far.started_at),
        }));
    }
    let customer = match &row.customer_id {
        None => None,
        Some(code) => {
            let (id, created) = tx.customer(code, at, batch)?;
            if created {
                summary.customers_created += 1;
            }
            Some(id)
        }
    };
    let id = format!("import:{}", row.order_id);
    let when = row.ts.map(ts).unwrap_or_else(|| at.to_string());
    tx.insert_order(&id, &row.order_id, customer, &when, batch)?;
    summary.added += 1;
    Ok(Ok(Current {
        external_id: row.order_id.clone(),
        id,
        next_line: 1,
        customer: row.customer_id.clone(),
        earliest: crate::store::parse_ts(&when),
    }))
}

fn add_line(
    tx: &HistoryWriter<'_>,
    order: &mut Current,
    row: &OrderRow,
    p: &HistoryProduct,
    rates: &TaxRates,
) -> Result<(), StoreError> {
    let unit = row.unit_price.unwrap_or(p.price);
    let net = unit
        .checked_mul_qty(row.qty)
        .ok_or_else(|| StoreError::Invalid(format!("line {}: amount overflow", row.line)))?;
    let tax = rates.tax_on(&p.tax_class, net);
    let paid = if rates.inclusive { net } else { net + tax };
    tx.add_line(&HistoryLine {
        order_id: &order.id,
        line_no: order.next_line,
        product: p,
        sku: &row.sku,
        qty: row.qty,
        unit,
        net,
        tax,
        paid,
    })?;
    order.next_line += 1;
    if let Some(t) = row.ts.filter(|t| *t < order.earliest) {
        // An order's time is its earliest row's.
        tx.retime_order(&order.id, t)?;
        order.earliest = t;
    }
    Ok(())
}
