//! `xsell import catalog FILE`: products by SKU, upserted, all or nothing.

use std::collections::HashMap;
use std::io::Read;

use crate::domain::catalog::Product;
use crate::domain::ean;
use crate::import::table::{ImportErrors, Row, Table};
use crate::import::{RowError, Summary};
use crate::store::{Store, catalog};

const REQUIRED: &[&str] = &["sku", "name", "category", "price"];
const OPTIONAL: &[&str] = &[
    "barcode",
    "brand",
    "cost",
    "stock",
    "tax_class",
    "family",
    "tier",
    "durable",
    "age_restricted",
    "active",
];

/// Stock beyond a billion units is a typo, not a warehouse.
const STOCK_LIMIT: i64 = 1_000_000_000;

fn product(row: &Row<'_>) -> Result<Product, RowError> {
    let sku = row.required("sku")?;
    if sku.chars().any(char::is_whitespace) {
        return Err(row.err(format!("sku '{sku}' contains a space")));
    }
    let barcode = row.opt("barcode");
    if let Some(code) = &barcode {
        ean::validate_gtin(code).map_err(|e| row.err(format!("barcode '{code}': {e}")))?;
    }
    let tier = row.int("tier", 1..=99)?.map(|t| t as u32);
    let family = row.opt("family");
    if tier.is_some() && family.is_none() {
        return Err(row.err("a tier needs a family"));
    }
    Ok(Product {
        sku,
        name: row.required("name")?,
        category: row.get("category").to_string(),
        brand: row.opt("brand"),
        price: row.money("price")?.ok_or_else(|| row.err("empty price"))?,
        cost: row.money("cost")?,
        barcode,
        tax_class: row.opt("tax_class").unwrap_or_else(|| "standard".into()),
        stock: row.int("stock", -STOCK_LIMIT..=STOCK_LIMIT)?.unwrap_or(0),
        family,
        tier,
        durable: row.flag("durable")?.unwrap_or(false),
        age_restricted: row.flag("age_restricted")?.unwrap_or(false),
        active: row.flag("active")?.unwrap_or(true),
    })
}

/// Reads and validates every row first (a catalog fits in memory), then writes them in one
/// transaction. Any bad row: nothing is written and every bad row is reported.
pub fn import<R: Read>(
    store: &mut Store,
    input: R,
    file: &str,
    at: &str,
) -> Result<Summary, ImportErrors> {
    let mut table =
        Table::open(input, REQUIRED, OPTIONAL).map_err(|e| ImportErrors::single(file, e))?;
    let mut errors = ImportErrors::new(file);
    let mut products = Vec::new();
    let mut sku_line: HashMap<String, u64> = HashMap::new();
    let mut barcode_line: HashMap<String, (u64, String)> = HashMap::new();
    while let Some(row) = table.next_row() {
        let parsed = row.and_then(|row| {
            let p = product(&row)?;
            if let Some(first) = sku_line.insert(p.sku.clone(), row.line) {
                return Err(row.err(format!("duplicate sku '{}' (first on line {first})", p.sku)));
            }
            if let Some(code) = &p.barcode {
                if let Some((first, _)) =
                    barcode_line.insert(code.clone(), (row.line, p.sku.clone()))
                {
                    return Err(row.err(format!(
                        "duplicate barcode '{code}' (first on line {first})"
                    )));
                }
            }
            Ok(p)
        });
        match parsed {
            Ok(p) => products.push(p),
            Err(e) => errors.push(e),
        }
    }
    let existing = catalog::sku_index(store.conn())
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?;
    // A barcode that another product already holds, and that this file does not move away.
    let barcode_owner: HashMap<&str, &str> = existing
        .iter()
        .filter_map(|(sku, (_, code))| code.as_deref().map(|c| (c, sku.as_str())))
        .collect();
    for (code, (line, sku)) in &barcode_line {
        if let Some(owner) = barcode_owner.get(code.as_str()) {
            if owner != sku && !sku_line.contains_key(*owner) {
                errors.push(RowError::new(
                    *line,
                    format!("barcode '{code}' already belongs to {owner}"),
                ));
            }
        }
    }
    if !errors.is_empty() {
        errors.errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    let result = store.write(|tx| {
        // Clear barcodes that move between products in this file, so the UNIQUE index
        // does not trip over the order of the updates.
        for p in &products {
            if let Some(code) = &p.barcode {
                tx.execute(
                    "UPDATE products SET barcode = NULL WHERE barcode = ?1 AND sku <> ?2",
                    rusqlite::params![code, p.sku],
                )?;
            }
        }
        let mut summary = Summary::default();
        for p in &products {
            if catalog::upsert(tx, p, at)? {
                summary.added += 1;
            } else {
                summary.updated += 1;
            }
        }
        Ok(summary)
    });
    result.map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))
}
