//! `xsell import bundles FILE`: `bundle_id,name,items,price,discount`, where items are SKUs
//! or `category:NAME` separated by `|`, and exactly one of price and discount is given.

use std::collections::HashMap;
use std::io::Read;

use crate::domain::bundle::{Bundle, Deal};
use crate::import::complements::Known;
use crate::import::table::{ImportErrors, Table};
use crate::import::{RowError, Summary};
use crate::store::{Store, recommend};

pub fn import<R: Read>(store: &mut Store, input: R, file: &str) -> Result<Summary, ImportErrors> {
    let mut table = Table::open(
        input,
        &["bundle_id", "name", "items"],
        &["price", "discount"],
    )
    .map_err(|e| ImportErrors::single(file, e))?;
    let known = Known::from_store(store).map_err(|e| ImportErrors::single(file, e))?;
    let mut errors = ImportErrors::new(file);
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(row) = table.next_row() {
        let parsed = row.and_then(|row| {
            let id = row.required("bundle_id")?;
            if let Some(first) = seen.insert(id.clone(), row.line) {
                return Err(row.err(format!(
                    "duplicate bundle_id '{id}' (first on line {first})"
                )));
            }
            let items = row
                .required("items")?
                .split('|')
                .map(|t| known.target(&row, "items", t))
                .collect::<Result<Vec<_>, _>>()?;
            if items.len() < 2 {
                return Err(row.err("a bundle needs at least two items"));
            }
            let deal = match (row.money("price")?, row.money("discount")?) {
                (Some(p), None) => Deal::Price(p),
                (None, Some(d)) if d.minor() > 0 => Deal::Discount(d),
                (None, Some(_)) => return Err(row.err("a discount must be more than zero")),
                _ => return Err(row.err("give either a price or a discount")),
            };
            Ok(Bundle {
                id,
                name: row.required("name")?,
                items,
                deal,
            })
        });
        match parsed {
            Ok(b) => rows.push(b),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    store
        .write(|tx| {
            let mut s = Summary::default();
            for b in &rows {
                if recommend::upsert_bundle(tx, b)? {
                    s.added += 1;
                } else {
                    s.updated += 1;
                }
            }
            Ok(s)
        })
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))
}
