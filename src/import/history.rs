//! `xsell import orders FILE`: a sales history from another system, streamed row by row
//! into an import batch that becomes visible only when complete, written in short
//! transactions so that tills keep selling meanwhile; a million-line file neither sits in
//! memory nor half-imports.
//!
//! Imported orders are history: they feed the customer summaries and the recommender,
//! but they do not move stock (the catalog import carries today's stock).

use std::collections::HashMap;
use std::io::Read;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::money::Money;
use crate::domain::pricing::TaxRates;
use crate::import::table::ImportErrors;
use crate::import::{RowError, Summary, order_rows};
use crate::store::import_batches as batches;
use crate::store::{Store, StoreError, customers, ts};

struct ProductInfo {
    id: i64,
    name: String,
    category: String,
    tax_class: String,
    price: Money,
}

fn products(store: &Store) -> rusqlite::Result<HashMap<String, ProductInfo>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT sku, id, name, category, tax_class, price_minor FROM products")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            ProductInfo {
                id: r.get(1)?,
                name: r.get(2)?,
                category: r.get(3)?,
                tax_class: r.get(4)?,
                price: Money::from_minor(r.get(5)?),
            },
        ))
    })?;
    rows.collect()
}

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
    fn disagrees(&self, row: &order_rows::OrderRow, at: chrono::NaiveDateTime) -> Option<RowError> {
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
    let catalog = products(store).map_err(|e| fail(RowError::new(0, e.to_string())))?;
    let rates = store.settings().map_err(store_err)?.tax;
    let mut rows = order_rows::read(input).map_err(fail)?;
    let _one_at_a_time = batches::ImportLock::take(store).map_err(store_err)?;
    batches::remove_unpublished(store).map_err(store_err)?;
    let batch = batches::open(store, file, at).map_err(store_err)?;
    let mut errors = ImportErrors::new(file);
    let mut summary = Summary::default();
    let mut current: Option<Current> = None;
    let mut count = 0u64;
    let result = loop {
        let step = store.write(|tx| {
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
                    settle(tx, &touched)?;
                    return Ok(false);
                }
            }
            if errors.is_empty() {
                settle(tx, &touched)?;
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
    tx: &Transaction<'_>,
    row: &order_rows::OrderRow,
    batch: i64,
    at: &str,
    summary: &mut Summary,
) -> Result<Result<Current, RowError>, StoreError> {
    let found: Option<(String, Option<i64>)> = tx
        .prepare_cached("SELECT id, import_batch FROM orders WHERE external_id = ?1")?
        .query_row([&row.order_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, b)) = found {
        if b != Some(batch) {
            return Ok(Err(RowError::new(
                row.line,
                format!(
                    "duplicate order_id '{}': already in the store",
                    row.order_id
                ),
            )));
        }
        let (next_line, when, customer): (i64, String, Option<String>) = tx.query_row(
            "SELECT (SELECT coalesce(max(line_no), 0) + 1 FROM order_lines WHERE order_id = ?1), started_at,
                    (SELECT code FROM customers WHERE id = orders.customer_id)
             FROM orders WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        return Ok(Ok(Current {
            external_id: row.order_id.clone(),
            id,
            next_line,
            customer,
            earliest: crate::store::parse_ts(&when),
        }));
    }
    let customer = match &row.customer_id {
        None => None,
        Some(code) => {
            let (id, created) = customers::ensure(tx, code, at)?;
            if created {
                summary.customers_created += 1;
                batches::created_customer(tx, batch, id)?;
            }
            Some(id)
        }
    };
    let id = format!("import:{}", row.order_id);
    let when = row.ts.map(ts).unwrap_or_else(|| at.to_string());
    tx.prepare_cached(
        "INSERT INTO orders (id, external_id, till, customer_id, status, kind, started_at, updated_at, completed_at, import_batch)
         VALUES (?1, ?2, 'import', ?3, 'paid', 'sale', ?4, ?4, ?4, ?5)",
    )?
    .execute(params![id, row.order_id, customer, when, batch])?;
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
    tx: &Transaction<'_>,
    order: &mut Current,
    row: &order_rows::OrderRow,
    p: &ProductInfo,
    rates: &TaxRates,
) -> Result<(), StoreError> {
    let unit = row.unit_price.unwrap_or(p.price);
    let net = unit
        .checked_mul_qty(row.qty)
        .ok_or_else(|| StoreError::Invalid(format!("line {}: amount overflow", row.line)))?;
    let tax = rates.tax_on(&p.tax_class, net);
    let paid = if rates.inclusive { net } else { net + tax };
    tx.prepare_cached(
        "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, category, qty, unit_price_minor, list_price_minor,
            tax_class, net_minor, tax_minor, paid_minor, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, 'import')",
    )?
    .execute(params![order.id, order.next_line, p.id, row.sku, p.name, p.category, row.qty, unit.minor(), p.tax_class, net.minor(), tax.minor(), paid.minor()])?;
    order.next_line += 1;
    if let Some(t) = row.ts.filter(|t| *t < order.earliest) {
        // An order's time is its earliest row's.
        tx.prepare_cached(
            "UPDATE orders SET started_at = ?2, updated_at = ?2, completed_at = ?2 WHERE id = ?1",
        )?
        .execute(params![order.id, ts(t)])?;
        order.earliest = t;
    }
    Ok(())
}

/// Totals and the cash payment of the orders a step wrote to (an order whose rows are not
/// adjacent in the file is settled again by each step that adds to it).
fn settle(tx: &Transaction<'_>, orders: &[String]) -> Result<(), StoreError> {
    let mut totals = tx.prepare_cached(
        "UPDATE orders SET (subtotal_minor, discount_minor, tax_minor, total_minor) =
            (SELECT sum(l.net_minor), 0, sum(l.tax_minor), sum(l.paid_minor) FROM order_lines l WHERE l.order_id = orders.id)
         WHERE id = ?1",
    )?;
    let mut unpay = tx.prepare_cached("DELETE FROM payments WHERE order_id = ?1")?;
    let mut pay = tx.prepare_cached(
        "INSERT INTO payments (order_id, tender, amount_minor, tendered_minor, reference)
         SELECT id, 'cash', total_minor, total_minor, 'imported' FROM orders WHERE id = ?1",
    )?;
    for id in orders {
        totals.execute([id])?;
        unpay.execute([id])?;
        pay.execute([id])?;
    }
    Ok(())
}
