//! Products in and out of the store.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::catalog::{Catalog, Product};
use crate::domain::money::Money;
use crate::store::{Store, StoreResult, Upserted};

const COLUMNS: &str = "sku, name, category, brand, price_minor, cost_minor, barcode, tax_class, stock, family, tier, durable, age_restricted, active, stock_tracked, consumable";

fn product_from(row: &Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        sku: row.get(0)?,
        name: row.get(1)?,
        category: row.get(2)?,
        brand: row.get(3)?,
        price: Money::from_minor(row.get(4)?),
        cost: row.get::<_, Option<i64>>(5)?.map(Money::from_minor),
        barcode: row.get(6)?,
        tax_class: row.get(7)?,
        stock: row.get(8)?,
        family: row.get(9)?,
        tier: row.get(10)?,
        durable: row.get(11)?,
        age_restricted: row.get(12)?,
        active: row.get(13)?,
        stock_tracked: row.get(14)?,
        consumable: row.get(15)?,
    })
}

impl Store {
    /// The whole catalog, indexed in memory for the register.
    pub fn load_catalog(&self) -> StoreResult<Catalog> {
        Ok(load(&self.conn)?)
    }
}

impl Store {
    /// SKU → (row id, barcode) of every product: what an import checks its barcodes against.
    pub fn sku_index(&self) -> StoreResult<HashMap<String, (i64, Option<String>)>> {
        Ok(sku_index(&self.conn)?)
    }

    /// Writes an imported catalog, all or none. A barcode moving between products of the
    /// file is cleared from its old owner first, so the UNIQUE index does not trip over the
    /// order of the updates.
    pub fn import_products(&mut self, products: &[Product], at: &str) -> StoreResult<Upserted> {
        self.upsert_all(products, |conn, p| {
            if let Some(code) = &p.barcode {
                conn.execute(
                    "UPDATE products SET barcode = NULL WHERE barcode = ?1 AND sku <> ?2",
                    params![code, p.sku],
                )?;
            }
            upsert(conn, p, at)
        })
    }
}

/// The catalog with products in row-id order: a product's position in it is its rank by
/// row id, which readers of the sales history rely on.
pub fn load(conn: &Connection) -> rusqlite::Result<Catalog> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM products ORDER BY id"))?;
    let products = stmt
        .query_map([], product_from)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Catalog::new(products))
}

/// SKU → (row id, barcode) of every product, for validating imports without a query per row.
pub fn sku_index(conn: &Connection) -> rusqlite::Result<HashMap<String, (i64, Option<String>)>> {
    let mut stmt = conn.prepare("SELECT sku, id, barcode FROM products")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            (r.get::<_, i64>(1)?, r.get::<_, Option<String>>(2)?),
        ))
    })?;
    rows.collect()
}

/// Inserts or updates a product by SKU. Returns true when it was new. A change of stock is
/// written as a stock move, so that stock always equals the sum of its moves; a product
/// whose stock is not tracked keeps the figure it had (its sales still move it).
pub fn upsert(conn: &Connection, p: &Product, at: &str) -> rusqlite::Result<bool> {
    let existing: Option<(i64, i64)> = conn
        .prepare_cached("SELECT id, stock FROM products WHERE sku = ?1")?
        .query_row([&p.sku], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let mut p = std::borrow::Cow::Borrowed(p);
    if !p.stock_tracked {
        p.to_mut().stock = existing.map_or(0, |(_, old)| old);
    }
    let (id, delta, new) = match existing {
        Some((id, old_stock)) => {
            conn.prepare_cached(
                "UPDATE products SET name = ?2, category = ?3, brand = ?4, price_minor = ?5, cost_minor = ?6,
                 barcode = ?7, tax_class = ?8, stock = ?9, family = ?10, tier = ?11, durable = ?12,
                 age_restricted = ?13, active = ?14, stock_tracked = ?15, consumable = ?16 WHERE sku = ?1",
            )?
            .execute(product_params(&p))?;
            (id, p.stock - old_stock, false)
        }
        None => {
            conn.prepare_cached(&format!(
                "INSERT INTO products ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
            ))?
            .execute(product_params(&p))?;
            (conn.last_insert_rowid(), p.stock, true)
        }
    };
    if delta != 0 {
        conn.prepare_cached(
            "INSERT INTO stock_moves (product_id, delta, reason, at) VALUES (?1, ?2, 'import', ?3)",
        )?
        .execute(params![id, delta, at])?;
    }
    Ok(new)
}

fn product_params(p: &Product) -> impl rusqlite::Params + '_ {
    (
        p.sku.as_str(),
        p.name.as_str(),
        p.category.as_str(),
        p.brand.as_deref(),
        p.price.minor(),
        p.cost.map(Money::minor),
        p.barcode.as_deref(),
        p.tax_class.as_str(),
        p.stock,
        p.family.as_deref(),
        p.tier,
        p.durable,
        p.age_restricted,
        p.active,
        p.stock_tracked,
        p.consumable,
    )
}
