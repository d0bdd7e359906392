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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PinSubject {
    Staff(i64),
    Till(String),
    Shop,
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
