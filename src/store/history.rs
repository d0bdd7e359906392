//! The store's side of a sales history import (`import::history` decides what to write):
//! what a history line copies from the catalog, and a writer that adds orders and lines to
//! an import batch inside one short transaction (`Store::write_history`).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::money::Money;
use crate::store::import_batches as batches;
use crate::store::{Store, StoreResult, customers, ts};

/// What a line of imported history copies from its product.
pub struct HistoryProduct {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub tax_class: String,
    pub price: Money,
}

/// An order already in the store under an external id.
pub struct KnownOrder {
    pub id: String,
    /// The import batch that wrote it; `None` for a till's own sale.
    pub batch: Option<i64>,
}

/// What an order of the batch holds so far, to carry on filling it.
pub struct OrderSoFar {
    pub next_line: i64,
    pub started_at: String,
    /// The code of its customer.
    pub customer: Option<String>,
}

/// One line of imported history, priced by the importer.
pub struct HistoryLine<'a> {
    pub order_id: &'a str,
    pub line_no: i64,
    pub product: &'a HistoryProduct,
    pub sku: &'a str,
    pub qty: i64,
    pub unit: Money,
    pub net: Money,
    pub tax: Money,
    pub paid: Money,
}

impl Store {
    /// Every product by SKU, with what a history line copies from it.
    pub fn history_products(&self) -> StoreResult<HashMap<String, HistoryProduct>> {
        let mut stmt = self
            .conn
            .prepare("SELECT sku, id, name, category, tax_class, price_minor FROM products")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                HistoryProduct {
                    id: r.get(1)?,
                    name: r.get(2)?,
                    category: r.get(3)?,
                    tax_class: r.get(4)?,
                    price: Money::from_minor(r.get(5)?),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs `f` in one write transaction: one step of a history import, all of it or none.
    pub fn write_history<T>(
        &mut self,
        f: impl FnOnce(&HistoryWriter<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.write(|tx| f(&HistoryWriter { conn: tx }))
    }
}

/// Writes the orders of one import batch, inside the transaction of `Store::write_history`.
pub struct HistoryWriter<'t> {
    conn: &'t Connection,
}

impl HistoryWriter<'_> {
    pub fn find_order(&self, external_id: &str) -> StoreResult<Option<KnownOrder>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, import_batch FROM orders WHERE external_id = ?1")?
            .query_row([external_id], |r| {
                Ok(KnownOrder {
                    id: r.get(0)?,
                    batch: r.get(1)?,
                })
            })
            .optional()?)
    }

    pub fn order_so_far(&self, id: &str) -> StoreResult<OrderSoFar> {
        Ok(self.conn.query_row(
            "SELECT (SELECT coalesce(max(line_no), 0) + 1 FROM order_lines WHERE order_id = ?1), started_at,
                    (SELECT code FROM customers WHERE id = orders.customer_id)
             FROM orders WHERE id = ?1",
            [id],
            |r| {
                Ok(OrderSoFar {
                    next_line: r.get(0)?,
                    started_at: r.get(1)?,
                    customer: r.get(2)?,
                })
            },
        )?)
    }

    /// The row id of a customer code; a code the store does not know becomes a bare
    /// customer of the batch, hidden and removed with it. Second value: created.
    pub fn customer(&self, code: &str, at: &str, batch: i64) -> StoreResult<(i64, bool)> {
        let (id, created) = customers::ensure(self.conn, code, at)?;
        if created {
            batches::created_customer(self.conn, batch, id)?;
        }
        Ok((id, created))
    }

    /// A paid sale of the batch, timed `when`, without lines yet.
    pub fn insert_order(
        &self,
        id: &str,
        external_id: &str,
        customer: Option<i64>,
        when: &str,
        batch: i64,
    ) -> StoreResult<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO orders (id, external_id, till, customer_id, status, kind, started_at, updated_at, completed_at, import_batch)
                 VALUES (?1, ?2, 'import', ?3, 'paid', 'sale', ?4, ?4, ?4, ?5)",
            )?
            .execute(params![id, external_id, customer, when, batch])?;
        Ok(())
    }

    pub fn add_line(&self, l: &HistoryLine<'_>) -> StoreResult<()> {
        let p = l.product;
        self.conn
            .prepare_cached(
                "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, category, qty, unit_price_minor, list_price_minor,
                    tax_class, net_minor, tax_minor, paid_minor, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, 'import')",
            )?
            .execute(params![
                l.order_id,
                l.line_no,
                p.id,
                l.sku,
                p.name,
                p.category,
                l.qty,
                l.unit.minor(),
                p.tax_class,
                l.net.minor(),
                l.tax.minor(),
                l.paid.minor()
            ])?;
        Ok(())
    }

    /// Moves an order to an earlier time (its earliest row's).
    pub fn retime_order(&self, id: &str, at: chrono::NaiveDateTime) -> StoreResult<()> {
        self.conn
            .prepare_cached(
                "UPDATE orders SET started_at = ?2, updated_at = ?2, completed_at = ?2 WHERE id = ?1",
            )?
            .execute(params![id, ts(at)])?;
        Ok(())
    }

    /// Totals and the cash payment of the orders a step wrote to (an order whose rows are
    /// not adjacent in the file is settled again by each step that adds to it).
    pub fn settle(&self, orders: &[String]) -> StoreResult<()> {
        let mut totals = self.conn.prepare_cached(
            "UPDATE orders SET (subtotal_minor, discount_minor, tax_minor, total_minor) =
                (SELECT sum(l.net_minor), 0, sum(l.tax_minor), sum(l.paid_minor) FROM order_lines l WHERE l.order_id = orders.id)
             WHERE id = ?1",
        )?;
        let mut unpay = self
            .conn
            .prepare_cached("DELETE FROM payments WHERE order_id = ?1")?;
        let mut pay = self.conn.prepare_cached(
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
}
