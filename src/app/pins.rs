//! Checking a PIN typed at the till, for signing in or for a manager's approval, with the
//! wrong-PIN lockout. A PIN may be typed alone, or after a staff code and a space
//! (`S02 1357`): a wrong PIN after a code counts against that staff member, a wrong PIN
//! alone against the till, so every guess is charged to someone. The model keeps a copy
//! of the counts for an immediate answer; the store keeps the real ones (`Effect::RecordPin`)
//! and its answer, which other tills may have moved, replaces the copy.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::model::Model;
use crate::domain::lockout::{Failure, PinAttempt, PinGuard, PinSubject, locked_message};
use crate::domain::people::Staff;
use crate::domain::pin;

/// Room for a staff code, a space and an 8-digit PIN.
pub const PIN_INPUT_MAX: usize = 24;

/// Characters a PIN field takes: digits, and the letters and space of a staff code.
pub fn takes(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')
}

fn guard(model: &Model, subject: &PinSubject) -> PinGuard {
    model.pin_guards.get(subject).copied().unwrap_or_default()
}

fn attempt(model: &Model, subject: PinSubject, ok: bool, purpose: &str) -> Effect {
    Effect::RecordPin(PinAttempt {
        subject,
        ok,
        till: model.till.clone(),
        purpose: purpose.to_string(),
        at: model.now,
        policy: model.settings.lockout(),
    })
}

fn failed(model: &mut Model, subject: PinSubject, purpose: &str, effects: &mut Vec<Effect>) {
    let mut g = guard(model, &subject);
    let wrong = if purpose.contains("approval") {
        "Wrong manager PIN"
    } else {
        "Wrong PIN"
    };
    let text = match g.fail(&model.settings.lockout(), model.now) {
        Failure::Counted { left } if left <= 2 => {
            format!("{wrong} — {left} more and it locks")
        }
        Failure::Counted { .. } => wrong.to_string(),
        Failure::LockedUntil(until) => locked_message(until),
    };
    model.pin_guards.insert(subject.clone(), g);
    model.error(text);
    effects.push(attempt(model, subject, false, purpose));
}

fn locked(model: &mut Model, subject: &PinSubject) -> bool {
    match guard(model, subject).locked_at(model.now) {
        Some(until) => {
            let hint = match subject {
                PinSubject::Till(_) => " — or type your staff code, a space, then your PIN",
                PinSubject::Staff(_) => "",
            };
            model.error(format!("{}{hint}", locked_message(until)));
            true
        }
        None => false,
    }
}

/// Checks `typed` (`PIN` or `CODE PIN`) for `purpose`. The staff member it names, if right
/// and not locked; otherwise the reason is already on screen. Effects to record the attempt
/// are appended to `effects`: run them after any others, so that a lock found by the store
/// meets a settled model.
pub fn check(
    model: &mut Model,
    typed: &str,
    purpose: &str,
    effects: &mut Vec<Effect>,
) -> Option<Staff> {
    let typed = typed.trim();
    let (code, digits) = match typed.rsplit_once(' ') {
        Some((code, digits)) => (Some(code.trim()), digits),
        None => (None, typed),
    };
    if !pin::is_well_formed(digits) {
        model.error("A PIN is 4 to 8 digits");
        return None;
    }
    let till = PinSubject::Till(model.till.clone());
    match code {
        Some(code) => {
            let Some(record) = model
                .staff
                .iter()
                .find(|r| r.staff.code.eq_ignore_ascii_case(code))
                .cloned()
            else {
                if !locked(model, &till) {
                    failed(model, till, purpose, effects);
                }
                return None;
            };
            let subject = PinSubject::Staff(record.staff.id);
            if locked(model, &subject) {
                return None;
            }
            if !pin::verify(digits, &record.pin_hash) {
                failed(model, subject, purpose, effects);
                return None;
            }
            succeeded(model, subject, purpose, effects);
            Some(record.staff)
        }
        None => {
            if locked(model, &till) {
                return None;
            }
            let Some(record) = model
                .staff
                .iter()
                .find(|r| pin::verify(digits, &r.pin_hash))
                .cloned()
            else {
                failed(model, till, purpose, effects);
                return None;
            };
            let subject = PinSubject::Staff(record.staff.id);
            if locked(model, &subject) {
                return None;
            }
            succeeded(model, subject, purpose, effects);
            if guard(model, &till) != PinGuard::default() {
                succeeded(model, till, purpose, effects);
            }
            Some(record.staff)
        }
    }
}

fn succeeded(model: &mut Model, subject: PinSubject, purpose: &str, effects: &mut Vec<Effect>) {
    let now = model.now;
    let mut g = guard(model, &subject);
    g.succeed(now);
    model.pin_guards.insert(subject.clone(), g);
    effects.push(attempt(model, subject, true, purpose));
}

/// The store's count after an attempt. A staff member locked by another till meanwhile
/// is signed out here, even though this till's copy let them in.
pub fn recorded(
    model: &mut Model,
    subject: PinSubject,
    ok: bool,
    result: BackendResult<PinGuard>,
) -> Vec<Effect> {
    match result {
        Ok(g) => {
            model.pin_guards.insert(subject.clone(), g);
            let signed_in = model.signed_in().map(|s| s.id);
            if let (PinSubject::Staff(id), Some(until)) = (&subject, g.locked_at(model.now))
                && ok
                && signed_in == Some(*id)
                && !model.kiosk
            {
                let effects = crate::app::session::sign_out(model);
                model.error(locked_message(until));
                return effects;
            }
        }
        Err(e) => model.error(format!("PIN attempt not recorded: {e}")),
    }
    Vec::new()
}
