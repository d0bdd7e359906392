//! `xsell import bundles FILE`: `bundle_id,name,items,price,discount`, where items are SKUs
//! or `category:NAME` separated by `|`, and exactly one of price and discount is given.

use std::io::Read;

use crate::domain::bundle::{Bundle, Deal};
use crate::import::Summary;
use crate::import::complements::Known;
use crate::import::table::{FirstSeen, ImportErrors, Table, read_all, upsert_all};
use crate::store::{Store, recommend};

pub fn import<R: Read>(store: &mut Store, input: R, file: &str) -> Result<Summary, ImportErrors> {
    let table = Table::open(
        input,
        &["bundle_id", "name", "items"],
        &["price", "discount"],
    )
    .map_err(|e| ImportErrors::single(file, e))?;
    let known = Known::from_store(store).map_err(|e| ImportErrors::single(file, e))?;
    let mut seen = FirstSeen::default();
    let rows = read_all(table, file, |row| {
        let id = row.required("bundle_id")?;
        seen.check(row, "bundle_id", &id)?;
        let items = row
            .required("items")?
            .split('|')
            .map(|t| known.target(row, "items", t))
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
    })?;
    upsert_all(store, file, &rows, recommend::upsert_bundle)
}
