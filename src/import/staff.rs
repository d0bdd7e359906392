//! Staff from a CSV (`staff_id,name,role,pin`): how the demo shop gets its people.
//! PINs are hashed on the way in; the file itself is never stored. A PIN typed alone must
//! name one person, so two rows with one PIN, or a PIN another active staff member keeps,
//! are refused at their line. Every row is audited with the manager who allowed the import.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use crate::domain::people::Role;
use crate::domain::{pin, pin_check};
use crate::import::table::{FirstSeen, ImportErrors, Table, read_all};
use crate::import::{RowError, Summary};
use crate::store::Store;
use crate::store::staff::{ChangedBy, PIN_IN_USE, StaffRow};

pub fn import<R: Read>(
    store: &mut Store,
    input: R,
    file: &str,
    by: &ChangedBy,
) -> Result<Summary, ImportErrors> {
    let table = Table::open(input, &["staff_id", "name", "role", "pin"], &[])
        .map_err(|e| ImportErrors::single(file, e))?;
    let mut seen = FirstSeen::default();
    let mut pins: HashMap<String, u64> = HashMap::new();
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
        if let Some(first) = pins.get(&pin_text) {
            return Err(row.err(format!(
                "this PIN is also the PIN of line {first}: a PIN must name one person"
            )));
        }
        pins.insert(pin_text.clone(), row.line);
        let name = row.required("name")?;
        Ok((
            row.line,
            StaffRow {
                code,
                name,
                role,
                pin: pin_text,
            },
        ))
    })?;
    // Staff the file does not replace keep their PINs: a row may not take one of them.
    let codes: HashSet<String> = rows.iter().map(|(_, r)| r.code.to_lowercase()).collect();
    let kept: Vec<_> = store
        .load_staff()
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?
        .into_iter()
        .filter(|r| !codes.contains(&r.staff.code.to_lowercase()))
        .collect();
    let mut errors = ImportErrors::new(file);
    if !kept.is_empty() {
        for (line, row) in &rows {
            if pin_check::taken_by_another(&kept, &row.pin, None) {
                errors.push(RowError::new(*line, PIN_IN_USE));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let rows: Vec<StaffRow> = rows.into_iter().map(|(_, r)| r).collect();
    store
        .import_staff(&rows, by)
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))?;
    Ok(Summary {
        added: rows.len() as u64,
        ..Summary::default()
    })
}
