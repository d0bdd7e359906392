//! A kiosk left alone starts over: after `idle_secs` without a key a countdown of
//! `warning_secs` shows (any key keeps the basket), then the basket and the customer are
//! cleared and recorded as abandoned, so the next shopper never sees the last one's.
//!
//! The timer is pure: it is told when keys come and asked what the time means, both with
//! the time passed in, so a fake clock tests it exactly.

use chrono::{NaiveDateTime, TimeDelta};

use crate::app::action::Effect;
use crate::app::model::{Busy, Mode, Model};
use crate::timing::KioskSettings;

/// What the time since the last key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idle {
    /// Someone is using the kiosk (or nothing would be lost by waiting).
    Active,
    /// The countdown is on screen: this many whole seconds are left (at least 1).
    Warning { secs_left: u32 },
    /// The countdown has run out: start over.
    Expired,
}

/// When the kiosk last saw a key, and its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTimer {
    pub settings: KioskSettings,
    last_key: NaiveDateTime,
    /// A basket left behind is being voided: its answer brings the welcome.
    pub(crate) resetting: bool,
}

impl IdleTimer {
    pub fn new(settings: KioskSettings, now: NaiveDateTime) -> IdleTimer {
        IdleTimer {
            settings,
            last_key: now,
            resetting: false,
        }
    }

    /// A key (or anything else the shopper did) at `now`: the wait starts again.
    pub fn touch(&mut self, now: NaiveDateTime) {
        self.last_key = now;
    }

    /// What `now` means. A clock set back (the machine's time corrected) counts as a key:
    /// a basket is never cleared because the clock jumped.
    pub fn at(&self, now: NaiveDateTime) -> Idle {
        let quiet = now - self.last_key;
        if quiet < TimeDelta::zero() {
            return Idle::Active;
        }
        let warn_at = TimeDelta::seconds(i64::from(self.settings.idle_secs));
        let reset_at = warn_at + TimeDelta::seconds(i64::from(self.settings.warning_secs));
        if quiet < warn_at {
            Idle::Active
        } else if quiet < reset_at {
            // Rounded up: the countdown shows 10 the moment it appears and 1 in its last second.
            let left_ms = (reset_at - quiet).num_milliseconds();
            Idle::Warning {
                secs_left: ((left_ms + 999) / 1000).max(1) as u32,
            }
        } else {
            Idle::Expired
        }
    }
}

/// Whether the kiosk has anything a shopper left behind: a basket, a customer, a screen
/// other than the welcome.
fn something_to_clear(model: &Model) -> bool {
    !model.cart().is_empty() || model.customer.is_some() || !model.overlays.is_empty()
}

/// Whether the countdown would say anything now. The card terminal's own timeout rules
/// while it is charging (`Busy::Charging`), and nothing the store is doing (a sale being
/// committed, an order parked) is ever interrupted.
fn watched(model: &Model) -> bool {
    model.mode == Mode::Kiosk
        && model.signed_in().is_some()
        && model.busy.is_none()
        && !model.payments_taken()
        && something_to_clear(model)
}

/// What the kiosk shows now: the countdown, or nothing.
pub fn state(model: &Model) -> Idle {
    if !watched(model) {
        return Idle::Active;
    }
    match model.idle.at(model.now) {
        // With no basket there is nothing to keep: a screen left open (the counter's
        // number, help) just goes when the time is up, without a countdown.
        Idle::Warning { .. } if !has_basket(model) => Idle::Active,
        idle => idle,
    }
}

fn has_basket(model: &Model) -> bool {
    !model.cart().is_empty() || model.customer.is_some()
}

/// A key at a kiosk. Returns true when the key only dismissed the countdown: it keeps the
/// basket and does nothing else, so a shopper hurrying back changes nothing by accident.
pub fn key(model: &mut Model) -> bool {
    let warned = matches!(state(model), Idle::Warning { .. });
    model.idle.touch(model.now);
    if warned {
        model.info("Welcome back: your basket is kept");
    }
    warned
}

/// Time passes at a kiosk: once the countdown has run out, start over.
pub fn tick(model: &mut Model) -> Vec<Effect> {
    if state(model) != Idle::Expired {
        if !watched(model) {
            // Nothing to lose yet: the wait starts when there is.
            model.idle.touch(model.now);
        }
        return Vec::new();
    }
    start_over(model)
}

/// Clears the kiosk for the next shopper. The basket left is voided as abandoned, which
/// closes its offers with it; an empty order is left as it is (a fresh one needs nothing).
fn start_over(model: &mut Model) -> Vec<Effect> {
    let mut effects = Vec::new();
    if !model.cart().is_empty() || model.order.customer.is_some() {
        effects.push(Effect::Void {
            draft: model.order.clone(),
            reason: "abandoned at the kiosk (nobody came back)".into(),
            approved_by: None,
            at: model.now,
        });
        model.busy = Some(Busy::Voiding);
        model.idle.resetting = true;
    } else {
        model.overlays.clear();
        model.customer = None;
        model.info("Scan an item to start");
    }
    model.input.clear();
    model.idle.touch(model.now);
    effects
}

/// The store has answered the void of a basket left behind: the next shopper is welcomed
/// rather than told of a void.
pub fn voided(model: &mut Model) {
    if std::mem::take(&mut model.idle.resetting) && model.busy.is_none() && model.cart().is_empty()
    {
        model.info("Your basket was cleared after a while without a key. Scan an item to start");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(s: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
            + TimeDelta::milliseconds(s)
    }

    fn timer() -> IdleTimer {
        IdleTimer::new(
            KioskSettings {
                idle_secs: 60,
                warning_secs: 10,
            },
            at(0),
        )
    }

    #[test]
    fn quiet_until_idle_secs_then_a_countdown_then_expired() {
        let t = timer();
        assert_eq!(t.at(at(0)), Idle::Active);
        assert_eq!(t.at(at(59_999)), Idle::Active);
        assert_eq!(t.at(at(60_000)), Idle::Warning { secs_left: 10 });
        assert_eq!(t.at(at(60_001)), Idle::Warning { secs_left: 10 });
        assert_eq!(t.at(at(61_000)), Idle::Warning { secs_left: 9 });
        assert_eq!(t.at(at(69_999)), Idle::Warning { secs_left: 1 });
        assert_eq!(t.at(at(70_000)), Idle::Expired);
        assert_eq!(t.at(at(3_600_000)), Idle::Expired);
    }

    #[test]
    fn a_key_starts_the_wait_again_even_during_the_countdown() {
        let mut t = timer();
        assert_eq!(t.at(at(65_000)), Idle::Warning { secs_left: 5 });
        t.touch(at(65_000));
        assert_eq!(t.at(at(70_000)), Idle::Active);
        assert_eq!(t.at(at(124_999)), Idle::Active);
        assert_eq!(t.at(at(125_000)), Idle::Warning { secs_left: 10 });
    }

    #[test]
    fn a_clock_set_back_never_clears_a_basket() {
        let mut t = timer();
        t.touch(at(100_000));
        assert_eq!(t.at(at(0)), Idle::Active);
    }

    #[test]
    fn the_settings_decide_the_moments() {
        let t = IdleTimer::new(
            KioskSettings {
                idle_secs: 2,
                warning_secs: 3,
            },
            at(0),
        );
        assert_eq!(t.at(at(1_999)), Idle::Active);
        assert_eq!(t.at(at(2_000)), Idle::Warning { secs_left: 3 });
        assert_eq!(t.at(at(4_500)), Idle::Warning { secs_left: 1 });
        assert_eq!(t.at(at(5_000)), Idle::Expired);
    }
}
