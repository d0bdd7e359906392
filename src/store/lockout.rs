//! Wrong-PIN counts and locks, kept in the store so that neither a restart nor a second till
//! gives a guesser fresh tries. The policy itself is `domain::lockout`; here it is applied
//! to the stored state inside one transaction, with the audit line it calls for.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::audit::AuditEntry;
use crate::domain::lockout::{Failure, PinAttempt, PinGuard, PinSubject, locked_message};
use crate::store::{Store, StoreResult, audit, parse_ts, ts};

/// The `till_pin_guards` key of the shop-wide count of PINs that name nobody. A till name
/// starts with a letter or a digit (`cli::names`), so no till can be called this.
pub const SHOP_KEY: &str = "*";

fn till_key(subject: &PinSubject) -> Option<&str> {
    match subject {
        PinSubject::Staff(_) | PinSubject::Kiosk(_) => None,
        PinSubject::Till(till) => Some(till),
        PinSubject::Shop => Some(SHOP_KEY),
    }
}

fn guard_of(failures: i64, until: Option<String>, locks: i64) -> PinGuard {
    PinGuard {
        failures: failures.clamp(0, i64::from(u32::MAX)) as u32,
        locked_until: until.as_deref().map(parse_ts),
        locks: locks.clamp(0, i64::from(u32::MAX)) as u32,
    }
}

fn read(tx: &Transaction<'_>, subject: &PinSubject) -> StoreResult<PinGuard> {
    let row: Option<(i64, Option<String>, i64)> = match (subject, till_key(subject)) {
        (PinSubject::Staff(id), _) => tx
            .query_row(
                "SELECT failed_pins, locked_until, 0 FROM staff WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
        (PinSubject::Kiosk(kiosk), _) => tx
            .query_row(
                "SELECT failed_pins, locked_until, locks FROM kiosk_pin_guards WHERE kiosk = ?1",
                [kiosk],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
        (_, till) => tx
            .query_row(
                "SELECT failed_pins, locked_until, 0 FROM till_pin_guards WHERE till = ?1",
                [till],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
    };
    Ok(
        row.map_or_else(PinGuard::default, |(failures, until, locks)| {
            guard_of(failures, until, locks)
        }),
    )
}

fn write(tx: &Transaction<'_>, subject: &PinSubject, guard: &PinGuard) -> StoreResult<()> {
    let until = guard.locked_until.map(ts);
    match (subject, till_key(subject)) {
        (PinSubject::Staff(id), _) => tx.execute(
            "UPDATE staff SET failed_pins = ?2, locked_until = ?3 WHERE id = ?1",
            params![id, guard.failures, until],
        )?,
        (PinSubject::Kiosk(kiosk), _) => tx.execute(
            "INSERT INTO kiosk_pin_guards (kiosk, failed_pins, locked_until, locks) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kiosk) DO UPDATE SET failed_pins = excluded.failed_pins,
                locked_until = excluded.locked_until, locks = excluded.locks",
            params![kiosk, guard.failures, until, guard.locks],
        )?,
        (_, till) => tx.execute(
            "INSERT INTO till_pin_guards (till, failed_pins, locked_until) VALUES (?1, ?2, ?3)
             ON CONFLICT (till) DO UPDATE SET failed_pins = excluded.failed_pins, locked_until = excluded.locked_until",
            params![till, guard.failures, until],
        )?,
    };
    Ok(())
}

impl Store {
    /// Every guard with something on it, for a till starting up.
    pub fn pin_guards(&self) -> StoreResult<BTreeMap<PinSubject, PinGuard>> {
        let mut out = BTreeMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT 's', id, NULL, failed_pins, locked_until, 0 FROM staff WHERE failed_pins > 0 OR locked_until IS NOT NULL
             UNION ALL SELECT 't', NULL, till, failed_pins, locked_until, 0 FROM till_pin_guards
             UNION ALL SELECT 'k', NULL, kiosk, failed_pins, locked_until, locks FROM kiosk_pin_guards",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(0)?;
            let subject = match kind.as_str() {
                "s" => PinSubject::Staff(r.get(1)?),
                "k" => PinSubject::Kiosk(r.get(2)?),
                _ => {
                    let till: String = r.get(2)?;
                    if till == SHOP_KEY {
                        PinSubject::Shop
                    } else {
                        PinSubject::Till(till)
                    }
                }
            };
            Ok((subject, guard_of(r.get(3)?, r.get(4)?, r.get(5)?)))
        })?;
        for row in rows {
            let (subject, guard) = row?;
            out.insert(subject, guard);
        }
        Ok(out)
    }

    /// Records a PIN attempt against the stored state (which another till may have moved)
    /// and returns the state after it. A right PIN for a subject locked meanwhile is
    /// refused here too: the answer still carries the lock.
    pub fn record_pin(&mut self, attempt: &PinAttempt) -> StoreResult<PinGuard> {
        self.write(|tx| {
            let mut guard = read(tx, &attempt.subject)?;
            let staff_id = match attempt.subject {
                PinSubject::Staff(id) => Some(id),
                PinSubject::Till(_) | PinSubject::Shop | PinSubject::Kiosk(_) => None,
            };
            if attempt.ok {
                guard.succeed(attempt.at);
            } else {
                let was_locked = guard.locked_at(attempt.at).is_some();
                let whose = match &attempt.subject {
                    PinSubject::Staff(_) | PinSubject::Till(_) => "",
                    PinSubject::Shop => " (shop-wide count)",
                    PinSubject::Kiosk(_) => " at the kiosk (the kiosk's own count)",
                };
                let detail = match guard.fail_for(&attempt.subject, &attempt.policy, attempt.at) {
                    Failure::Counted { left } => {
                        format!(
                            "wrong PIN for {}{whose}; {left} left before a lock",
                            attempt.purpose
                        )
                    }
                    Failure::LockedUntil(until) => {
                        format!(
                            "wrong PIN for {}{whose}; {}",
                            attempt.purpose,
                            locked_message(until)
                        )
                    }
                };
                let action = if !was_locked && guard.locked_at(attempt.at).is_some() {
                    "pin locked"
                } else {
                    "pin failed"
                };
                // A PIN alone counts against the till and the shop: one line says it, unless
                // the shop's count is the one that locks.
                if attempt.subject != PinSubject::Shop || action == "pin locked" {
                    audit::append(
                        tx,
                        &AuditEntry::new(attempt.at, &attempt.till, staff_id, action, detail),
                    )?;
                }
            }
            write(tx, &attempt.subject, &guard)?;
            Ok(guard)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lockout::LockoutPolicy;
    use crate::domain::people::Role;
    use chrono::NaiveDateTime;

    fn at(m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 5, 4)
            .unwrap()
            .and_hms_opt(10, m, 0)
            .unwrap()
    }

    fn attempt(subject: PinSubject, ok: bool, m: u32) -> PinAttempt {
        PinAttempt {
            subject,
            ok,
            till: "T1".into(),
            purpose: "sign-in".into(),
            at: at(m),
            policy: LockoutPolicy::default(),
        }
    }

    #[test]
    fn a_lock_survives_reopening_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        let ana = store
            .upsert_staff("S2", "Ana", Role::Cashier, "1357")
            .unwrap();
        for _ in 0..5 {
            store
                .record_pin(&attempt(PinSubject::Staff(ana), false, 0))
                .unwrap();
        }
        drop(store);
        let mut store = Store::open(&path).unwrap();
        let guards = store.pin_guards().unwrap();
        assert_eq!(
            guards[&PinSubject::Staff(ana)].locked_at(at(4)),
            Some(at(5))
        );
        // The right PIN during the lock is still refused.
        let after = store
            .record_pin(&attempt(PinSubject::Staff(ana), true, 1))
            .unwrap();
        assert_eq!(after.locked_at(at(1)), Some(at(5)));
        let actions: Vec<_> = store
            .audit_rows(None, None)
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(actions.iter().filter(|a| *a == "pin failed").count(), 4);
        assert_eq!(actions.iter().filter(|a| *a == "pin locked").count(), 1);
    }

    #[test]
    fn till_guards_count_pins_that_name_nobody() {
        let mut store = Store::open_in_memory().unwrap();
        let till = PinSubject::Till("T1".into());
        for _ in 0..3 {
            store.record_pin(&attempt(till.clone(), false, 0)).unwrap();
        }
        assert_eq!(store.pin_guards().unwrap()[&till].failures, 3);
        store.record_pin(&attempt(till.clone(), true, 1)).unwrap();
        assert_eq!(store.pin_guards().unwrap()[&till], PinGuard::default());
    }
}

#[cfg(test)]
mod kiosk_tests {
    use super::*;
    use crate::domain::lockout::LockoutPolicy;
    use chrono::NaiveDateTime;

    fn at(m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 5, 4)
            .unwrap()
            .and_hms_opt(10, m, 0)
            .unwrap()
    }

    #[test]
    fn a_kiosks_lock_and_its_growth_survive_reopening_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        let kiosk = PinSubject::Kiosk("Kiosk".into());
        let attempt = |m| PinAttempt {
            subject: kiosk.clone(),
            ok: false,
            till: "Kiosk".into(),
            purpose: "manager approval".into(),
            at: at(m),
            policy: LockoutPolicy::default(),
        };
        for _ in 0..5 {
            store.record_pin(&attempt(0)).unwrap();
        }
        for _ in 0..5 {
            store.record_pin(&attempt(1)).unwrap();
        }
        drop(store);
        let store = Store::open(&path).unwrap();
        let guards = store.pin_guards().unwrap();
        // The second lock in a row lasts two minutes; no other subject was touched.
        assert_eq!(guards[&kiosk].locked_at(at(1)), Some(at(3)));
        assert_eq!(guards[&kiosk].locks, 2);
        assert_eq!(guards.len(), 1);
        let audit = store.audit_rows(None, None).unwrap();
        assert_eq!(audit.iter().filter(|r| r.action == "pin locked").count(), 2);
        assert!(audit.iter().all(|r| r.detail.contains("at the kiosk")));
    }
}
