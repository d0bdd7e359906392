//! When too many wrong PINs lock a staff member (or a till's PIN pad) out for a while.
//! Pure: the time is passed in, and the store keeps the state so a restart resets nothing.

use chrono::{NaiveDateTime, TimeDelta};

/// The shop's rule: `max_failures` wrong PINs in a row lock for `lock_minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    pub max_failures: u32,
    pub lock_minutes: i64,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            max_failures: 5,
            lock_minutes: 5,
        }
    }
}

/// Who a wrong PIN counts against. A PIN typed without a staff code names nobody, so it
/// counts against the till it was typed on and against the whole shop: every guess is
/// charged to someone, and naming a new till gives no fresh tries.
///
/// At a kiosk every PIN (its exit, an attendant's approval) counts against that kiosk
/// alone: a shopper at the keyboard must not be able to lock the shop's staff out, so the
/// kiosk carries the lock, and it lengthens with every lock in a row (`KioskLockout`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PinSubject {
    Staff(i64),
    Till(String),
    Shop,
    Kiosk(String),
}

/// The kiosk's lock: `max_failures` wrong PINs lock it for `first_lock`, and each lock that
/// follows another without a right PIN in between lasts twice as long, up to `longest`.
/// A patient guesser's tries per day fall towards `max_failures` a day, while a shopper
/// who tries a few PINs locks only the kiosk, and only for a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KioskLockout {
    pub max_failures: u32,
    pub first_lock: TimeDelta,
    pub longest: TimeDelta,
    /// A lock that ended this long ago without another failure is forgiven: the next one
    /// is short again.
    pub forgive_after: TimeDelta,
}

impl KioskLockout {
    /// The kiosk's rule for a shop whose staff lock after `policy.max_failures` wrong PINs.
    pub fn for_shop(policy: &LockoutPolicy) -> KioskLockout {
        KioskLockout {
            max_failures: policy.max_failures.max(1),
            first_lock: TimeDelta::minutes(1),
            longest: TimeDelta::hours(24),
            forgive_after: TimeDelta::hours(24),
        }
    }

    /// How long the lock after `locks` earlier ones in a row lasts.
    pub fn length(&self, locks: u32) -> TimeDelta {
        // 2^20 minutes is far beyond any `longest`: the shift never overflows.
        let factor = 1i32 << locks.min(20);
        self.first_lock
            .checked_mul(factor)
            .map_or(self.longest, |d| d.min(self.longest))
    }
}

/// One PIN typed at a till, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinAttempt {
    pub subject: PinSubject,
    pub ok: bool,
    pub till: String,
    /// What the PIN was for ("sign-in", "approval").
    pub purpose: String,
    pub at: NaiveDateTime,
    pub policy: LockoutPolicy,
}

/// The failures counted so far and the lock, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PinGuard {
    /// Wrong PINs in a row since the last success or lock.
    pub failures: u32,
    pub locked_until: Option<NaiveDateTime>,
    /// Locks in a row without a right PIN between them (a kiosk's lock grows with it).
    pub locks: u32,
}

/// What one wrong PIN did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Counted; this many tries remain before the lock.
    Counted { left: u32 },
    /// This failure set the lock.
    LockedUntil(NaiveDateTime),
}

impl PinGuard {
    /// The end of the lock, while it lasts.
    pub fn locked_at(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        self.locked_until.filter(|until| *until > now)
    }

    /// Counts a wrong PIN typed at `now`. A PIN typed while locked is refused unchecked and
    /// never reaches here, so a lock is not lengthened by someone still trying.
    pub fn fail(&mut self, policy: &LockoutPolicy, now: NaiveDateTime) -> Failure {
        if let Some(until) = self.locked_at(now) {
            return Failure::LockedUntil(until);
        }
        self.failures += 1;
        if self.failures >= policy.max_failures.max(1) {
            let until = now + TimeDelta::minutes(policy.lock_minutes.max(0));
            self.failures = 0;
            self.locked_until = Some(until);
            Failure::LockedUntil(until)
        } else {
            self.locked_until = None;
            Failure::Counted {
                left: policy.max_failures - self.failures,
            }
        }
    }

    /// Counts a wrong PIN against `subject` at `now`, by the rule that subject follows: a
    /// kiosk's lock escalates, everyone else's is the shop's `policy`.
    pub fn fail_for(
        &mut self,
        subject: &PinSubject,
        policy: &LockoutPolicy,
        now: NaiveDateTime,
    ) -> Failure {
        match subject {
            PinSubject::Kiosk(_) => self.fail_escalating(&KioskLockout::for_shop(policy), now),
            _ => self.fail(policy, now),
        }
    }

    /// Counts a wrong PIN at a kiosk: each lock in a row lasts twice the one before.
    pub fn fail_escalating(&mut self, rule: &KioskLockout, now: NaiveDateTime) -> Failure {
        if let Some(until) = self.locked_at(now) {
            return Failure::LockedUntil(until);
        }
        if self
            .locked_until
            .is_some_and(|ended| now - ended >= rule.forgive_after)
        {
            self.locks = 0;
        }
        self.failures += 1;
        if self.failures >= rule.max_failures.max(1) {
            let until = now + rule.length(self.locks);
            self.failures = 0;
            self.locks = self.locks.saturating_add(1);
            self.locked_until = Some(until);
            Failure::LockedUntil(until)
        } else {
            Failure::Counted {
                left: rule.max_failures - self.failures,
            }
        }
    }

    /// A right PIN clears the count (but not a lock still running: the caller refuses it).
    pub fn succeed(&mut self, now: NaiveDateTime) {
        if self.locked_at(now).is_none() {
            *self = PinGuard::default();
        }
    }
}

/// "PIN locked until 14:10": the wording the till and the reports share.
pub fn locked_message(until: NaiveDateTime) -> String {
    format!("PIN locked until {}", until.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(h, m, s)
            .unwrap()
    }

    #[test]
    fn five_wrong_pins_lock_for_five_minutes() {
        let policy = LockoutPolicy::default();
        let mut guard = PinGuard::default();
        for left in (1..=4).rev() {
            assert_eq!(guard.fail(&policy, at(9, 0, 0)), Failure::Counted { left });
        }
        assert_eq!(
            guard.fail(&policy, at(9, 0, 30)),
            Failure::LockedUntil(at(9, 5, 30))
        );
        assert_eq!(guard.locked_at(at(9, 5, 29)), Some(at(9, 5, 30)));
        assert_eq!(guard.locked_at(at(9, 5, 30)), None);
        assert_eq!(locked_message(at(9, 5, 30)), "PIN locked until 09:05");
    }

    #[test]
    fn tries_while_locked_do_not_extend_the_lock() {
        let policy = LockoutPolicy::default();
        let mut guard = PinGuard::default();
        for _ in 0..5 {
            guard.fail(&policy, at(9, 0, 0));
        }
        assert_eq!(
            guard.fail(&policy, at(9, 4, 0)),
            Failure::LockedUntil(at(9, 5, 0))
        );
        assert_eq!(guard.locked_until, Some(at(9, 5, 0)));
    }

    #[test]
    fn after_the_lock_the_count_starts_again() {
        let policy = LockoutPolicy::default();
        let mut guard = PinGuard::default();
        for _ in 0..5 {
            guard.fail(&policy, at(9, 0, 0));
        }
        assert_eq!(
            guard.fail(&policy, at(9, 6, 0)),
            Failure::Counted { left: 4 }
        );
    }

    #[test]
    fn a_right_pin_clears_the_count_but_not_a_running_lock() {
        let policy = LockoutPolicy::default();
        let mut guard = PinGuard::default();
        for _ in 0..4 {
            guard.fail(&policy, at(9, 0, 0));
        }
        guard.succeed(at(9, 1, 0));
        assert_eq!(guard, PinGuard::default());
        for _ in 0..5 {
            guard.fail(&policy, at(9, 2, 0));
        }
        guard.succeed(at(9, 3, 0));
        assert_eq!(guard.locked_at(at(9, 3, 0)), Some(at(9, 7, 0)));
    }

    fn kiosk() -> KioskLockout {
        KioskLockout::for_shop(&LockoutPolicy::default())
    }

    #[test]
    fn a_kiosks_lock_starts_at_a_minute_and_doubles() {
        let rule = kiosk();
        let mut guard = PinGuard::default();
        let mut now = at(9, 0, 0);
        let mut lengths = Vec::new();
        for _ in 0..8 {
            for left in (1..=4).rev() {
                assert_eq!(guard.fail_escalating(&rule, now), Failure::Counted { left });
            }
            let Failure::LockedUntil(until) = guard.fail_escalating(&rule, now) else {
                panic!("the fifth wrong PIN locks");
            };
            lengths.push((until - now).num_minutes());
            // Tries during the lock neither count nor lengthen it.
            assert_eq!(
                guard.fail_escalating(&rule, now),
                Failure::LockedUntil(until)
            );
            now = until;
        }
        assert_eq!(lengths, [1, 2, 4, 8, 16, 32, 64, 128]);
    }

    #[test]
    fn a_kiosks_lock_stops_growing_at_a_day_and_a_right_pin_makes_it_short_again() {
        let rule = kiosk();
        assert_eq!(rule.length(0), TimeDelta::minutes(1));
        assert_eq!(rule.length(11), TimeDelta::hours(24));
        assert_eq!(rule.length(u32::MAX), TimeDelta::hours(24));
        let mut guard = PinGuard {
            locks: 6,
            ..PinGuard::default()
        };
        guard.succeed(at(9, 0, 0));
        for _ in 0..5 {
            guard.fail_escalating(&rule, at(9, 0, 0));
        }
        assert_eq!(guard.locked_until, Some(at(9, 1, 0)));
    }

    #[test]
    fn a_quiet_day_after_a_kiosks_lock_forgives_it() {
        let rule = kiosk();
        let mut guard = PinGuard::default();
        for _ in 0..10 {
            guard.fail_escalating(&rule, at(9, 0, 0));
            guard.fail_escalating(&rule, at(9, 3, 0));
        }
        assert_eq!(guard.locks, 2);
        let next_day = at(9, 3, 0) + TimeDelta::hours(25);
        for _ in 0..5 {
            guard.fail_escalating(&rule, next_day);
        }
        assert_eq!(guard.locked_until, Some(next_day + TimeDelta::minutes(1)));
    }

    #[test]
    fn a_patient_guesser_gets_few_tries_a_day_at_a_kiosk() {
        // Guessing without a pause for a week: each lock is waited out, then five more tries.
        let rule = kiosk();
        let mut guard = PinGuard::default();
        let start = at(0, 0, 0);
        let mut now = start;
        let mut tries = 0u32;
        while now - start < TimeDelta::days(7) {
            tries += 1;
            if let Failure::LockedUntil(until) = guard.fail_escalating(&rule, now) {
                now = until;
            }
        }
        // About 90 (eleven locks in the first 17 hours, then one a day): against 10,000
        // four-digit PINs, under 1% of them tried in a week.
        assert!((80..120).contains(&tries), "{tries} tries in a week");
    }

    #[test]
    fn a_policy_of_zero_still_locks_after_one_failure() {
        let policy = LockoutPolicy {
            max_failures: 0,
            lock_minutes: 1,
        };
        let mut guard = PinGuard::default();
        assert_eq!(
            guard.fail(&policy, at(9, 0, 0)),
            Failure::LockedUntil(at(9, 1, 0))
        );
    }
}
