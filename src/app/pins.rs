//! Checking a PIN typed at the till, for signing in or for a manager's approval, with the
//! wrong-PIN lockout. A PIN may be typed alone, or after a staff code and a space
//! (`S02 1357`): a wrong PIN after a code counts against that staff member, a wrong PIN
//! alone against the till and the shop, so every guess is charged to someone. The model keeps a copy
//! of the counts for an immediate answer; the store keeps the real ones (`Effect::RecordPin`)
//! and its answer, which other tills may have moved, replaces the copy.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::model::Model;
use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject, locked_message};
use crate::domain::people::Staff;
use crate::domain::pin_check::{PinCheck, Purpose};

/// Room for a staff code, a space and an 8-digit PIN.
pub const PIN_INPUT_MAX: usize = 24;

/// Characters a PIN field takes: digits, and the letters and space of a staff code.
pub fn takes(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')
}

fn attempt(model: &Model, subject: PinSubject, ok: bool, purpose: Purpose) -> Effect {
    Effect::RecordPin(PinAttempt {
        subject,
        ok,
        till: model.till.clone(),
        purpose: purpose.as_str().to_string(),
        at: model.now,
        policy: model.settings.lockout(),
    })
}

/// Checks `typed` (`PIN` or `CODE PIN`) for `purpose` through the shop's one PIN decision
/// (`domain::pin_check`). The staff member it names, if right and not locked; otherwise the
/// reason is already on screen. Effects to record the attempt are appended to `effects`:
/// run them after any others, so that a lock found by the store meets a settled model.
pub fn check(
    model: &mut Model,
    typed: &str,
    purpose: Purpose,
    effects: &mut Vec<Effect>,
) -> Option<Staff> {
    let check = PinCheck {
        staff: &model.staff,
        guards: &model.pin_guards,
        till: &model.till,
        policy: model.settings.lockout(),
        now: model.now,
        purpose,
    };
    // Whoever types at a kiosk may be a shopper: their tries lock the kiosk, nobody else.
    let judgement = if model.mode == crate::app::model::Mode::Kiosk {
        check.judge_at_kiosk(typed)
    } else {
        check.judge(typed)
    };
    for (subject, guard) in judgement.guards {
        model.pin_guards.insert(subject, guard);
    }
    for (subject, ok) in judgement.attempts {
        effects.push(attempt(model, subject, ok, purpose));
    }
    match judgement.outcome {
        Ok(staff) => Some(staff),
        Err(message) => {
            model.error(message);
            None
        }
    }
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
                && model.mode != crate::app::model::Mode::Kiosk
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
