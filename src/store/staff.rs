//! Staff records: who may sign in, with which role. PINs only as argon2 hashes.

use rusqlite::params;

use crate::domain::people::{Role, Staff};
use crate::domain::pin;
use crate::store::{Store, StoreError, StoreResult};

pub use crate::domain::people::StaffRecord;

impl Store {
    pub fn load_staff(&self) -> StoreResult<Vec<StaffRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, code, name, role, pin_hash FROM staff WHERE active = 1 ORDER BY id",
        )?;
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

    /// Adds a staff member (or replaces the name, role and PIN of an existing code).
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
}
