//! `xsell import customers FILE`: customers by id, upserted, all or nothing.

use std::collections::HashMap;
use std::io::Read;

use crate::domain::people::Customer;
use crate::import::table::{ImportErrors, Table};
use crate::import::{RowError, Summary};
use crate::store::{Store, customers};

pub fn import<R: Read>(
    store: &mut Store,
    input: R,
    file: &str,
    at: &str,
) -> Result<Summary, ImportErrors> {
    let mut table = Table::open(
        input,
        &["customer_id", "name"],
        &["phone", "email", "opted_out"],
    )
    .map_err(|e| ImportErrors::single(file, e))?;
    let mut errors = ImportErrors::new(file);
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(row) = table.next_row() {
        let parsed = row.and_then(|row| {
            let code = row.required("customer_id")?;
            if let Some(first) = seen.insert(code.clone(), row.line) {
                return Err(row.err(format!(
                    "duplicate customer_id '{code}' (first on line {first})"
                )));
            }
            let email = row.opt("email");
            if let Some(e) = &email {
                if !e.contains('@') {
                    return Err(row.err(format!("email '{e}' has no @")));
                }
            }
            Ok(Customer {
                code,
                name: row.required("name")?,
                phone: row.opt("phone"),
                email,
                opted_out: row.flag("opted_out")?.unwrap_or(false),
            })
        });
        match parsed {
            Ok(c) => rows.push(c),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    store
        .write(|tx| {
            let mut summary = Summary::default();
            for c in &rows {
                if customers::upsert(tx, c, at)? {
                    summary.added += 1;
                } else {
                    summary.updated += 1;
                }
                tx.execute(
                    "UPDATE customers SET opted_out = ?2 WHERE code = ?1",
                    rusqlite::params![c.code, c.opted_out],
                )?;
            }
            Ok(summary)
        })
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))
}
