//! The one decision on a typed PIN, shared by every way in: the register, the kiosk's exit,
//! `xsell sell --script` and the administration commands. It takes the staff list and the
//! lock state as the store last gave them, and says who (if anyone) the PIN names, what
//! the person at the keyboard is told, and which attempts the store must count.
//!
//! Three rules keep guessing unprofitable:
//! - the answer never depends on whether a locked person's PIN was right (no oracle);
//! - a PIN that names nobody counts against the till *and* the whole shop, so a new till
//!   name gives no fresh tries;
//! - an unknown staff code costs one hash verification like a known one, so timing does
//!   not tell which codes exist.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::domain::lockout::{Failure, LockoutPolicy, PinGuard, PinSubject, locked_message};
use crate::domain::people::{Role, Staff, StaffRecord};
use crate::domain::pin;

/// What a PIN is typed for; an approval takes only a manager's PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    ManagerApproval,
    /// A member of staff at a kiosk allows an age-restricted item (a cashier or a manager).
    Attendant,
}

impl Purpose {
    /// The words the audit trail uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign-in",
            Purpose::ManagerApproval => "manager approval",
            Purpose::Attendant => "age check",
        }
    }

    fn wrong(self) -> &'static str {
        match self {
            Purpose::SignIn => "Wrong PIN",
            Purpose::ManagerApproval => "Wrong manager PIN",
            Purpose::Attendant => "Wrong staff PIN",
        }
    }
}

/// Everything the decision reads.
pub struct PinCheck<'a> {
    pub staff: &'a [StaffRecord],
    pub guards: &'a BTreeMap<PinSubject, PinGuard>,
    pub till: &'a str,
    pub policy: LockoutPolicy,
    pub now: NaiveDateTime,
    pub purpose: Purpose,
}

/// The decision: who signed in or approved (or the message why not), the attempts to record
/// in the store, in order, and the lock state after them as far as this copy knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub outcome: Result<Staff, String>,
    pub attempts: Vec<(PinSubject, bool)>,
    pub guards: Vec<(PinSubject, PinGuard)>,
}

impl PinCheck<'_> {
    fn guard(&self, subject: &PinSubject) -> PinGuard {
        self.guards.get(subject).copied().unwrap_or_default()
    }

    /// The subjects a PIN naming nobody counts against.
    fn anonymous(&self) -> [PinSubject; 2] {
        [PinSubject::Till(self.till.to_string()), PinSubject::Shop]
    }

    fn eligible(&self, record: &StaffRecord) -> bool {
        match self.purpose {
            Purpose::SignIn => true,
            Purpose::ManagerApproval => record.staff.role == Role::Manager,
            Purpose::Attendant => matches!(record.staff.role, Role::Manager | Role::Cashier),
        }
    }

    /// Judges `typed`: a PIN alone, or a staff code, a space and a PIN.
    pub fn judge(&self, typed: &str) -> Judgement {
        let typed = typed.trim();
        let (code, digits) = match typed.rsplit_once(' ') {
            Some((code, digits)) => (Some(code.trim()), digits),
            None => (None, typed),
        };
        if !pin::is_well_formed(digits) {
            return self.refuse("A PIN is 4 to 8 digits".into());
        }
        match code {
            Some(code) => self.judge_coded(code, digits),
            None => self.judge_alone(digits),
        }
    }

    fn judge_coded(&self, code: &str, digits: &str) -> Judgement {
        let record = self
            .staff
            .iter()
            .find(|r| r.staff.code.eq_ignore_ascii_case(code) && self.eligible(r));
        let Some(record) = record else {
            // As slow as a known code's check, and charged like a PIN that names nobody.
            pin::verify_dummy(digits);
            return self.judge_nobody();
        };
        let subject = PinSubject::Staff(record.staff.id);
        if let Some(until) = self.guard(&subject).locked_at(self.now) {
            // Refused unchecked, so a right PIN and a wrong one answer alike.
            return self.refuse(locked_message(until));
        }
        if pin::verify(digits, &record.pin_hash) {
            self.accept(record, vec![subject])
        } else {
            self.fail(vec![subject])
        }
    }

    fn judge_alone(&self, digits: &str) -> Judgement {
        if let Some(refused) = self.anonymous_lock() {
            return refused;
        }
        let found = self
            .staff
            .iter()
            .filter(|r| self.eligible(r))
            .find(|r| pin::verify(digits, &r.pin_hash));
        match found {
            // A locked person's right PIN, typed alone, is answered exactly like a wrong one.
            Some(record)
                if self
                    .guard(&PinSubject::Staff(record.staff.id))
                    .locked_at(self.now)
                    .is_none() =>
            {
                let mut cleared = vec![PinSubject::Staff(record.staff.id)];
                cleared.extend(
                    self.anonymous()
                        .into_iter()
                        .filter(|s| self.guard(s) != PinGuard::default()),
                );
                self.accept(record, cleared)
            }
            _ => self.fail(self.anonymous().to_vec()),
        }
    }

    /// Judges `typed` at a kiosk, where whoever types may be a shopper: every try counts
    /// against the kiosk alone (`PinSubject::Kiosk`), never against a staff member, the
    /// till or the shop, so guessing there locks nobody but the kiosk. The locks others
    /// already hold still stand: a locked manager's right PIN answers like a wrong one.
    pub fn judge_at_kiosk(&self, typed: &str) -> Judgement {
        let kiosk = PinSubject::Kiosk(self.till.to_string());
        let typed = typed.trim();
        let (code, digits) = match typed.rsplit_once(' ') {
            Some((code, digits)) => (Some(code.trim()), digits),
            None => (None, typed),
        };
        if !pin::is_well_formed(digits) {
            return self.refuse("A PIN is 4 to 8 digits".into());
        }
        if let Some(until) = self.guard(&kiosk).locked_at(self.now) {
            return self.refuse(format!(
                "Too many wrong PINs: this kiosk takes none until {} (staff can still sign in at a till)",
                until.format("%H:%M")
            ));
        }
        if code.is_none()
            && let Some(refused) = self.anonymous_lock()
        {
            return refused;
        }
        let found = match code {
            Some(code) => {
                let record = self
                    .staff
                    .iter()
                    .find(|r| r.staff.code.eq_ignore_ascii_case(code) && self.eligible(r));
                match record {
                    // Refused unchecked, as at a till: a right PIN and a wrong one answer
                    // alike, and the staff member's lock is theirs, not the kiosk's.
                    Some(r) => {
                        if let Some(until) = self
                            .guard(&PinSubject::Staff(r.staff.id))
                            .locked_at(self.now)
                        {
                            return self.refuse(locked_message(until));
                        }
                        pin::verify(digits, &r.pin_hash).then_some(r)
                    }
                    None => {
                        pin::verify_dummy(digits);
                        None
                    }
                }
            }
            None => self
                .staff
                .iter()
                .filter(|r| self.eligible(r))
                .find(|r| pin::verify(digits, &r.pin_hash)),
        };
        match found {
            Some(record)
                if self
                    .guard(&PinSubject::Staff(record.staff.id))
                    .locked_at(self.now)
                    .is_none() =>
            {
                self.accept(record, vec![kiosk])
            }
            _ => self.fail(vec![kiosk]),
        }
    }

    fn judge_nobody(&self) -> Judgement {
        self.anonymous_lock()
            .unwrap_or_else(|| self.fail(self.anonymous().to_vec()))
    }

    /// The till's or the shop's lock on PINs that name nobody, while it lasts.
    fn anonymous_lock(&self) -> Option<Judgement> {
        let until = self
            .anonymous()
            .iter()
            .filter_map(|s| self.guard(s).locked_at(self.now))
            .max()?;
        Some(self.refuse(format!(
            "{} — or type your staff code, a space, then your PIN",
            locked_message(until)
        )))
    }

    fn refuse(&self, message: String) -> Judgement {
        Judgement {
            outcome: Err(message),
            attempts: Vec::new(),
            guards: Vec::new(),
        }
    }

    fn accept(&self, record: &StaffRecord, subjects: Vec<PinSubject>) -> Judgement {
        let guards = subjects
            .iter()
            .map(|s| {
                let mut g = self.guard(s);
                g.succeed(self.now);
                (s.clone(), g)
            })
            .collect();
        Judgement {
            outcome: Ok(record.staff.clone()),
            attempts: subjects.into_iter().map(|s| (s, true)).collect(),
            guards,
        }
    }

    fn fail(&self, subjects: Vec<PinSubject>) -> Judgement {
        let mut lock = None;
        let mut fewest_left = u32::MAX;
        let mut guards = Vec::new();
        for s in &subjects {
            let mut g = self.guard(s);
            match g.fail_for(s, &self.policy, self.now) {
                Failure::Counted { left } => fewest_left = fewest_left.min(left),
                Failure::LockedUntil(until) => lock = lock.max(Some(until)),
            }
            guards.push((s.clone(), g));
        }
        let wrong = self.purpose.wrong();
        let message = match lock {
            Some(until) => locked_message(until),
            None if fewest_left <= 2 => format!("{wrong} — {fewest_left} more and it locks"),
            None => wrong.to_string(),
        };
        Judgement {
            outcome: Err(message),
            attempts: subjects.into_iter().map(|s| (s, false)).collect(),
            guards,
        }
    }
}

/// Whether `pin_text` is already the PIN of an active staff member other than `except`
/// (a code): a PIN typed alone must name one person.
pub fn taken_by_another(staff: &[StaffRecord], pin_text: &str, except: Option<&str>) -> bool {
    staff
        .iter()
        .filter(|r| except.is_none_or(|code| !r.staff.code.eq_ignore_ascii_case(code)))
        .any(|r| pin::verify(pin_text, &r.pin_hash))
}

#[cfg(test)]
#[path = "pin_check_tests.rs"]
mod tests;
