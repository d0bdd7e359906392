//! `xsell import customers FILE`: customers by id, upserted, all or nothing.

use std::io::Read;

use crate::domain::people::Customer;
use crate::import::Summary;
use crate::import::table::{FirstSeen, ImportErrors, Table, read_all, written};
use crate::store::Store;

pub fn import<R: Read>(
    store: &mut Store,
    input: R,
    file: &str,
    at: &str,
) -> Result<Summary, ImportErrors> {
    let table = Table::open(
        input,
        &["customer_id", "name"],
        &["phone", "email", "opted_out"],
    )
    .map_err(|e| ImportErrors::single(file, e))?;
    let mut seen = FirstSeen::default();
    let rows = read_all(table, file, |row| {
        let code = row.required("customer_id")?;
        seen.check(row, "customer_id", &code)?;
        let email = row.opt("email");
        if let Some(e) = email.as_ref().filter(|e| !e.contains('@')) {
            return Err(row.err(format!("email '{e}' has no @")));
        }
        Ok(Customer {
            code,
            name: row.required("name")?,
            phone: row.opt("phone"),
            email,
            opted_out: row.flag("opted_out")?.unwrap_or(false),
        })
    })?;
    written(file, store.import_customers(&rows, at))
}
