//! Staff records: who may sign in, with which role. PINs only as argon2 hashes.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use crate::domain::audit::AuditEntry;
use crate::domain::people::{Role, Staff};
use crate::domain::{pin, pin_check};
use crate::store::{Store, StoreError, StoreResult, audit};

/// The code of the pseudo staff member a self-service kiosk sells as. It is never active, so
/// no PIN signs in as it.
pub const KIOSK_CODE: &str = "KIOSK";

/// Where and when staff records change, and the manager who allowed it (none only while
/// the store has no manager yet: the shop's first set-up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedBy {
    pub till: String,
    pub at: NaiveDateTime,
    pub manager: Option<i64>,
}

impl ChangedBy {
    pub fn entry(&self, action: &str, detail: String) -> AuditEntry {
        let detail = match self.manager {
            Some(_) => detail,
            None => format!("{detail}; first set-up, no manager yet"),
        };
        AuditEntry::new(self.at, &self.till, self.manager, action, detail).approved_by(self.manager)
    }
}

/// A PIN typed alone must name one person, so a PIN already used by another active staff
/// member is refused; the message does not say whose it is.
pub const PIN_IN_USE: &str = "that PIN is already in use: choose another";

fn check_pin(pin_text: &str) -> StoreResult<String> {
    if !pin::is_well_formed(pin_text) {
        return Err(StoreError::Invalid("a PIN must be 4 to 8 digits".into()));
    }
    Ok(pin::hash(pin_text, uuid::Uuid::new_v4().as_bytes()))
}

fn active_staff(conn: &rusqlite::Connection) -> StoreResult<Vec<StaffRecord>> {
    let mut stmt = conn
        .prepare("SELECT id, code, name, role, pin_hash FROM staff WHERE active = 1 ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let role: String = r.get(3)?;
        Ok(StaffRecord {
            staff: Staff {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                role: Role::parse(&role).unwrap_or(Role::Trainee),
            },
            pin_hash: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn refuse_pin_in_use(
    conn: &rusqlite::Connection,
    pin_text: &str,
    except: Option<&str>,
) -> StoreResult<()> {
    if pin_check::taken_by_another(&active_staff(conn)?, pin_text, except) {
        return Err(StoreError::Invalid(PIN_IN_USE.into()));
    }
    Ok(())
}

pub use crate::domain::people::StaffRecord;

/// One checked row of a staff import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub code: String,
    pub name: String,
    pub role: Role,
    pub pin: String,
}

impl Store {
    pub fn load_staff(&self) -> StoreResult<Vec<StaffRecord>> {
        active_staff(&self.conn)
    }

    /// Adds a staff member (or replaces the name, role and PIN of an existing code), without
    /// an audit line or a check of the PIN against the others: for tests and the demo shop's
    /// own people. Imports go through `import_staff`.
    pub fn upsert_staff(
        &mut self,
        code: &str,
        name: &str,
        role: Role,
        pin_text: &str,
    ) -> StoreResult<i64> {
        if !pin::is_well_formed(pin_text) {
            return Err(StoreError::Invalid(format!(
                "the PIN of {name} must be 4 to 8 digits"
            )));
        }
        let hash = pin::hash(pin_text, uuid::Uuid::new_v4().as_bytes());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO staff (code, name, role, pin_hash) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = 1",
                params![code, name, role.as_str(), hash],
            )?;
            Ok(tx.query_row("SELECT id FROM staff WHERE code = ?1", [code], |r| r.get(0))?)
        })
    }
}

impl Store {
    /// A new staff member; an existing code is refused (use `set_pin`, or `disable`).
    pub fn add_staff(
        &mut self,
        code: &str,
        name: &str,
        role: Role,
        pin_text: &str,
        by: &ChangedBy,
    ) -> StoreResult<i64> {
        let (code, name) = (code.trim(), name.trim());
        if code.is_empty() || name.is_empty() {
            return Err(StoreError::Invalid(
                "a staff member needs a code and a name".into(),
            ));
        }
        if code.eq_ignore_ascii_case(KIOSK_CODE) {
            return Err(StoreError::Invalid(format!(
                "{KIOSK_CODE} is reserved for the self-service kiosk"
            )));
        }
        let hash = check_pin(pin_text)?;
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM staff WHERE code = ?1",
                [code],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::Invalid(format!(
                    "staff {code} already exists; use `xsell staff set-pin {code}`"
                )));
            }
            refuse_pin_in_use(tx, pin_text, None)?;
            tx.execute(
                "INSERT INTO staff (code, name, role, pin_hash) VALUES (?1, ?2, ?3, ?4)",
                params![code, name, role.as_str(), hash],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                &by.entry("staff added", format!("{code} {name} as {}", role.as_str())),
            )?;
            Ok(id)
        })
    }

    /// A new PIN; it also lifts a lock and clears the wrong-PIN count.
    pub fn set_pin(&mut self, code: &str, pin_text: &str, by: &ChangedBy) -> StoreResult<()> {
        let hash = check_pin(pin_text)?;
        self.write(|tx| {
            let id = staff_id(tx, code)?;
            refuse_pin_in_use(tx, pin_text, Some(code.trim()))?;
            tx.execute(
                "UPDATE staff SET pin_hash = ?2, failed_pins = 0, locked_until = NULL WHERE id = ?1",
                params![id, hash],
            )?;
            audit::append(tx, &by.entry("staff pin set", code.trim().to_string()))?;
            Ok(())
        })
    }

    /// Disables a staff member: their PIN no longer signs in or approves. Their past
    /// sales and audit lines keep naming them.
    pub fn disable_staff(&mut self, code: &str, by: &ChangedBy) -> StoreResult<()> {
        self.write(|tx| {
            let id = staff_id(tx, code)?;
            let managers_before = active_managers(tx)?;
            tx.execute("UPDATE staff SET active = 0 WHERE id = ?1", [id])?;
            keep_a_manager(tx, managers_before)?;
            audit::append(tx, &by.entry("staff disabled", code.trim().to_string()))?;
            Ok(())
        })
    }

    /// Staff from an import, in one transaction, each row audited with the manager who
    /// allowed it. The caller has checked the rows (`import::staff`).
    pub fn import_staff(&mut self, rows: &[StaffRow], by: &ChangedBy) -> StoreResult<()> {
        let hashed: Vec<String> = rows
            .iter()
            .map(|r| check_pin(&r.pin))
            .collect::<StoreResult<_>>()?;
        self.write(|tx| {
            let managers_before = active_managers(tx)?;
            for (row, hash) in rows.iter().zip(&hashed) {
                if row.code.eq_ignore_ascii_case(KIOSK_CODE) {
                    return Err(StoreError::Invalid(format!(
                        "{KIOSK_CODE} is reserved for the self-service kiosk"
                    )));
                }
                let before: Option<String> = tx
                    .query_row("SELECT role FROM staff WHERE code = ?1", [&row.code], |r| {
                        r.get(0)
                    })
                    .optional()?;
                tx.execute(
                    "INSERT INTO staff (code, name, role, pin_hash) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash,
                         active = 1, failed_pins = 0, locked_until = NULL",
                    params![row.code, row.name, row.role.as_str(), hash],
                )?;
                let (action, detail) = match before {
                    None => (
                        "staff added",
                        format!("{} {} as {}; by import", row.code, row.name, row.role.as_str()),
                    ),
                    Some(old) => (
                        "staff imported",
                        format!(
                            "{} {}: role {old} -> {}, PIN replaced; by import",
                            row.code,
                            row.name,
                            row.role.as_str()
                        ),
                    ),
                };
                audit::append(tx, &by.entry(action, detail))?;
            }
            keep_a_manager(tx, managers_before)?;
            Ok(())
        })
    }

    /// The kiosk's pseudo staff member, created on first use (orders need someone to name).
    /// Its row says 'trainee' because the schema's CHECK allows no other role; the row is
    /// never active, so only this function reads it, as the kiosk's own role.
    pub fn kiosk_staff(&mut self) -> StoreResult<Staff> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO staff (code, name, role, pin_hash, active) VALUES (?1, 'Self-service', 'trainee', '!', 0)
                 ON CONFLICT (code) DO NOTHING",
                [KIOSK_CODE],
            )?;
            let id = tx.query_row("SELECT id FROM staff WHERE code = ?1", [KIOSK_CODE], |r| r.get(0))?;
            Ok(Staff { id, code: KIOSK_CODE.into(), name: "Self-service".into(), role: Role::SelfService })
        })
    }
}

fn active_managers(tx: &rusqlite::Transaction<'_>) -> StoreResult<i64> {
    Ok(tx.query_row(
        "SELECT count(*) FROM staff WHERE active = 1 AND role = 'manager'",
        [],
        |r| r.get(0),
    )?)
}

/// A store that had a manager keeps one: with none, administration would be open to anyone
/// (the first set-up's rule), so the last manager cannot be disabled or demoted.
fn keep_a_manager(tx: &rusqlite::Transaction<'_>, before: i64) -> StoreResult<()> {
    if before > 0 && active_managers(tx)? == 0 {
        return Err(StoreError::Invalid(
            "that would leave the shop without a manager: add another manager first".into(),
        ));
    }
    Ok(())
}

fn staff_id(tx: &rusqlite::Transaction<'_>, code: &str) -> StoreResult<i64> {
    tx.query_row(
        "SELECT id FROM staff WHERE code = ?1 AND code <> ?2",
        params![code.trim(), KIOSK_CODE],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::Invalid(format!("no staff member {}", code.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_pins_are_stored_hashed() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .upsert_staff("S1", "Ana", Role::Cashier, "2468")
            .unwrap();
        let all = store.load_staff().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].staff.role, Role::Cashier);
        assert!(!all[0].pin_hash.contains("2468"));
        assert!(pin::verify("2468", &all[0].pin_hash));
        assert!(store.upsert_staff("S2", "Bo", Role::Manager, "12").is_err());
    }

    #[test]
    fn staff_changes_are_audited_and_disable_stops_sign_in() {
        let mut store = Store::open_in_memory().unwrap();
        let by = ChangedBy {
            manager: None,
            till: "Back office".into(),
            at: chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap(),
        };
        store
            .add_staff("S7", "Lee", Role::Cashier, "2580", &by)
            .unwrap();
        assert!(
            store
                .add_staff("S7", "Lee", Role::Cashier, "2580", &by)
                .is_err()
        );
        assert!(
            store
                .add_staff("KIOSK", "X", Role::Cashier, "2580", &by)
                .is_err()
        );
        store.set_pin("S7", "8520", &by).unwrap();
        assert!(pin::verify(
            "8520",
            &store.load_staff().unwrap()[0].pin_hash
        ));
        store.disable_staff("S7", &by).unwrap();
        assert!(store.load_staff().unwrap().is_empty());
        assert!(store.set_pin("NOPE", "8520", &by).is_err());
        let actions: Vec<_> = store
            .audit_rows(None, None)
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(actions, ["staff added", "staff pin set", "staff disabled"]);
        let kiosk = store.kiosk_staff().unwrap();
        assert_eq!(store.kiosk_staff().unwrap(), kiosk);
        assert!(store.load_staff().unwrap().is_empty());
    }
}
