//! `xsell import catalog FILE`: products by SKU, upserted, all or nothing.

use std::collections::HashMap;
use std::io::Read;

use crate::domain::catalog::Product;
use crate::domain::ean;
use crate::domain::pricing::TaxRates;
use crate::import::table::{FirstSeen, ImportErrors, Row, Table, read_all, written};
use crate::import::{RowError, Summary};
use crate::store::Store;

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
    "consumable",
];

/// Stock beyond a billion units is a typo, not a warehouse.
const STOCK_LIMIT: i64 = 1_000_000_000;

/// The tax classes a product may name: `standard` and those the shop's settings give a
/// rate. Any other would silently be taxed at the default rate.
fn tax_class(row: &Row<'_>, rates: &TaxRates) -> Result<String, RowError> {
    let class = row.opt("tax_class").unwrap_or_else(|| "standard".into());
    if class == "standard" || rates.by_class.contains_key(&class) {
        return Ok(class);
    }
    let known: Vec<&str> = std::iter::once("standard")
        .chain(rates.by_class.keys().map(String::as_str))
        .collect();
    Err(row.err(format!(
        "unknown tax_class '{class}' (the shop has {}): give it a rate first with `xsell tax-class {class} PERCENT`",
        known.join(", ")
    )))
}

fn product(row: &Row<'_>, rates: &TaxRates) -> Result<Product, RowError> {
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
    let stock = row.int("stock", -STOCK_LIMIT..=STOCK_LIMIT)?;
    Ok(Product {
        sku,
        name: row.required("name")?,
        category: row.get("category").to_string(),
        brand: row.opt("brand"),
        price: row.money("price")?.ok_or_else(|| row.err("empty price"))?,
        cost: row.money("cost")?,
        barcode,
        tax_class: tax_class(row, rates)?,
        // No figure (no column, or an empty cell) means the shop does not count it.
        stock: stock.unwrap_or(0),
        stock_tracked: stock.is_some(),
        family,
        tier,
        durable: row.flag("durable")?.unwrap_or(false),
        age_restricted: row.flag("age_restricted")?.unwrap_or(false),
        active: row.flag("active")?.unwrap_or(true),
        consumable: row.flag("consumable")?,
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
    let table =
        Table::open(input, REQUIRED, OPTIONAL).map_err(|e| ImportErrors::single(file, e))?;
    let rates = store
        .settings()
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?
        .tax;
    let mut skus = FirstSeen::default();
    let mut barcodes = FirstSeen::default();
    let mut barcode_rows: Vec<(u64, String, String)> = Vec::new();
    let products = read_all(table, file, |row| {
        let p = product(row, &rates)?;
        skus.check(row, "sku", &p.sku)?;
        if let Some(code) = &p.barcode {
            barcodes.check(row, "barcode", code)?;
            barcode_rows.push((row.line, code.clone(), p.sku.clone()));
        }
        Ok(p)
    })?;
    let existing = store
        .sku_index()
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?;
    // A barcode that another product already holds, and that this file does not move away.
    let owner_of: HashMap<&str, &str> = existing
        .iter()
        .filter_map(|(sku, (_, code))| code.as_deref().map(|c| (c, sku.as_str())))
        .collect();
    let mut errors = ImportErrors::new(file);
    for (line, code, sku) in &barcode_rows {
        if let Some(owner) = owner_of
            .get(code.as_str())
            .filter(|o| **o != sku && !skus.contains(o))
        {
            errors.push(RowError::new(
                *line,
                format!("barcode '{code}' already belongs to {owner}"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    written(file, store.import_products(&products, at))
}
