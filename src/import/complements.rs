//! `xsell import complements FILE`: the shop's curated pairings, all or nothing.
//! Columns `from,to,reason,script` and optionally `weight,starts,ends,days,hours`.

use std::collections::HashSet;
use std::io::Read;

use chrono::NaiveDate;

use crate::domain::target::{Target, TimeWindow};
use crate::import::table::{FirstSeen, ImportErrors, Row, Table, read_all, written};
use crate::import::{RowError, Summary};
use crate::recommend::curated::Complement;
use crate::store::Store;

/// SKUs and category names a target may name: a pairing with a typo would never fire.
pub struct Known {
    skus: HashSet<String>,
    categories: HashSet<String>,
}

impl Known {
    pub fn from_store(store: &Store) -> Result<Known, RowError> {
        let catalog = store
            .load_catalog()
            .map_err(|e| RowError::new(0, e.to_string()))?;
        Ok(Known {
            skus: catalog.products().iter().map(|p| p.sku.clone()).collect(),
            categories: catalog
                .products()
                .iter()
                .map(|p| p.category.to_lowercase())
                .collect(),
        })
    }

    pub fn target(&self, row: &Row<'_>, column: &str, text: &str) -> Result<Target, RowError> {
        let t = Target::parse(text).map_err(|e| row.err(format!("{column}: {e}")))?;
        match &t {
            Target::Sku(s) if !self.skus.contains(s) => {
                Err(row.err(format!("{column}: unknown sku '{s}'")))
            }
            Target::Category(c) if !self.categories.contains(&c.to_lowercase()) => {
                Err(row.err(format!("{column}: no product is in category '{c}'")))
            }
            _ => Ok(t),
        }
    }
}

fn complement(row: &Row<'_>, known: &Known) -> Result<Complement, RowError> {
    let from = known.target(row, "from", &row.required("from")?)?;
    let to = known.target(row, "to", &row.required("to")?)?;
    if from == to {
        return Err(row.err("from and to are the same"));
    }
    let weight = match row.opt("weight") {
        None => 1.0,
        Some(w) => w
            .parse::<f64>()
            .ok()
            .filter(|w| (0.0..=1.0).contains(w))
            .ok_or_else(|| row.err(format!("weight '{w}' is not a number from 0 to 1")))?,
    };
    let date = |name: &str| -> Result<Option<NaiveDate>, RowError> {
        row.opt(name)
            .map(|d| {
                let date = NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|_| row.err(format!("{name} '{d}' is not a date (YYYY-MM-DD)")))?;
                crate::import::check_year(name, &d, chrono::Datelike::year(&date))
                    .map_err(|e| row.err(e))?;
                Ok(date)
            })
            .transpose()
    };
    let window = TimeWindow {
        starts: date("starts")?,
        ends: date("ends")?,
        days: row
            .opt("days")
            .map(|d| TimeWindow::parse_days(&d))
            .transpose()
            .map_err(|e| row.err(format!("days: {e}")))?
            .unwrap_or(0),
        hours: row
            .opt("hours")
            .map(|h| TimeWindow::parse_hours(&h))
            .transpose()
            .map_err(|e| row.err(format!("hours: {e}")))?,
    };
    if let (Some(s), Some(e)) = (window.starts, window.ends)
        && s > e
    {
        return Err(row.err(format!("starts {s} is after ends {e}")));
    }
    Ok(Complement {
        from,
        to,
        reason: row.required("reason")?,
        script: row.required("script")?,
        weight,
        window,
    })
}

pub fn import<R: Read>(store: &mut Store, input: R, file: &str) -> Result<Summary, ImportErrors> {
    let table = Table::open(
        input,
        &["from", "to", "reason", "script"],
        &["weight", "starts", "ends", "days", "hours"],
    )
    .map_err(|e| ImportErrors::single(file, e))?;
    let known = Known::from_store(store).map_err(|e| ImportErrors::single(file, e))?;
    let mut seen = FirstSeen::default();
    let rows = read_all(table, file, |row| {
        let c = complement(row, &known)?;
        let window = if c.window.is_always() {
            String::new()
        } else {
            format!(" ({})", c.window.key())
        };
        seen.check(row, "pairing", &format!("{} → {}{window}", c.from, c.to))?;
        Ok(c)
    })?;
    written(file, store.import_complements(&rows))
}
