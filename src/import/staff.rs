//! Staff from a CSV (`staff_id,name,role,pin`): how the demo shop gets its people.
//! PINs are hashed on the way in; the file itself is never stored.

use std::io::Read;

use crate::domain::people::Role;
use crate::domain::pin;
use crate::import::table::{FirstSeen, ImportErrors, Table, read_all};
use crate::import::{RowError, Summary};
use crate::store::Store;

pub fn import<R: Read>(store: &mut Store, input: R, file: &str) -> Result<Summary, ImportErrors> {
    let table = Table::open(input, &["staff_id", "name", "role", "pin"], &[])
        .map_err(|e| ImportErrors::single(file, e))?;
    let mut seen = FirstSeen::default();
    let rows = read_all(table, file, |row| {
        let code = row.required("staff_id")?;
        seen.check(row, "staff_id", &code)?;
        let role_text = row.required("role")?;
        let role = Role::parse(&role_text).ok_or_else(|| {
            row.err(format!(
                "role '{role_text}' is not cashier, manager or trainee"
            ))
        })?;
        let pin_text = row.required("pin")?;
        if !pin::is_well_formed(&pin_text) {
            return Err(row.err("a PIN is 4 to 8 digits"));
        }
        Ok((code, row.required("name")?, role, pin_text))
    })?;
    let mut summary = Summary::default();
    for (code, name, role, pin_text) in rows {
        store
            .upsert_staff(&code, &name, role, &pin_text)
            .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?;
        summary.added += 1;
    }
    Ok(summary)
}
