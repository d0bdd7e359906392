use super::*;
use chrono::NaiveDate;

fn at(m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(14, m, 0)
        .unwrap()
}

fn person(id: i64, code: &str, role: Role, pin_text: &str) -> StaffRecord {
    StaffRecord {
        staff: Staff {
            id,
            code: code.into(),
            name: code.into(),
            role,
        },
        pin_hash: pin::hash(pin_text, &[id as u8; 16]),
    }
}

fn shop() -> Vec<StaffRecord> {
    vec![
        person(1, "M1", Role::Manager, "4826"),
        person(2, "S2", Role::Cashier, "1357"),
    ]
}

/// Applies a judgement's guard changes, as the store would.
fn apply(guards: &mut BTreeMap<PinSubject, PinGuard>, j: &Judgement) {
    for (s, g) in &j.guards {
        guards.insert(s.clone(), *g);
    }
}

fn check<'a>(
    staff: &'a [StaffRecord],
    guards: &'a BTreeMap<PinSubject, PinGuard>,
    till: &'a str,
    purpose: Purpose,
) -> PinCheck<'a> {
    PinCheck {
        staff,
        guards,
        till,
        policy: LockoutPolicy::default(),
        now: at(40),
        purpose,
    }
}

#[test]
fn a_locked_managers_right_pin_answers_like_a_wrong_one() {
    let staff = shop();
    let mut guards = BTreeMap::new();
    guards.insert(
        PinSubject::Staff(1),
        PinGuard {
            failures: 0,
            locked_until: Some(at(42)),
            locks: 0,
        },
    );
    let c = check(&staff, &guards, "T1", Purpose::SignIn);
    let right = c.judge("4826");
    let wrong = c.judge("4825");
    assert_eq!(right.outcome, wrong.outcome);
    assert_eq!(right.attempts, wrong.attempts);
    // With the code, both say the lock: still no difference between right and wrong.
    assert_eq!(c.judge("M1 4826").outcome, c.judge("M1 4825").outcome);
    assert_eq!(
        c.judge("M1 4826").outcome,
        Err("PIN locked until 14:42".into())
    );
}

#[test]
fn pins_typed_alone_lock_the_shop_not_only_the_till() {
    let staff = shop();
    let mut guards = BTreeMap::new();
    for till in ["T1", "T2", "T3", "T4", "T5"] {
        let j = check(&staff, &guards, till, Purpose::SignIn).judge("0000");
        apply(&mut guards, &j);
    }
    // A sixth till name brings no fresh try, even for the right PIN.
    let j = check(&staff, &guards, "T6", Purpose::SignIn).judge("1357");
    assert!(j.outcome.unwrap_err().starts_with("PIN locked until 14:45"));
    assert!(j.attempts.is_empty());
    // A staff code and PIN still sign in.
    let j = check(&staff, &guards, "T6", Purpose::SignIn).judge("S2 1357");
    assert_eq!(j.outcome.unwrap().code, "S2");
}

#[test]
fn an_unknown_code_counts_against_the_till_and_the_shop() {
    let staff = shop();
    let guards = BTreeMap::new();
    let j = check(&staff, &guards, "T1", Purpose::SignIn).judge("ZZ 1357");
    assert_eq!(j.outcome, Err("Wrong PIN".into()));
    assert_eq!(
        j.attempts,
        vec![
            (PinSubject::Till("T1".into()), false),
            (PinSubject::Shop, false)
        ]
    );
}

#[test]
fn an_approval_takes_only_a_managers_pin_and_a_cashiers_answers_as_wrong() {
    let staff = shop();
    let guards = BTreeMap::new();
    let c = check(&staff, &guards, "T1", Purpose::ManagerApproval);
    assert_eq!(c.judge("1357").outcome, c.judge("1358").outcome);
    assert_eq!(c.judge("1357").outcome, Err("Wrong manager PIN".into()));
    assert_eq!(c.judge("S2 1357").outcome, c.judge("S9 1357").outcome);
    assert_eq!(c.judge("4826").outcome.unwrap().code, "M1");
}

#[test]
fn a_right_pin_alone_clears_the_till_and_shop_counts() {
    let staff = shop();
    let mut guards = BTreeMap::new();
    let j = check(&staff, &guards, "T1", Purpose::SignIn).judge("0000");
    apply(&mut guards, &j);
    let j = check(&staff, &guards, "T1", Purpose::SignIn).judge("1357");
    assert!(j.outcome.is_ok());
    assert_eq!(
        j.attempts,
        vec![
            (PinSubject::Staff(2), true),
            (PinSubject::Till("T1".into()), true),
            (PinSubject::Shop, true)
        ]
    );
}

#[test]
fn the_warning_counts_the_fewest_tries_left() {
    let staff = shop();
    let mut guards = BTreeMap::new();
    let mut last = String::new();
    for _ in 0..3 {
        let j = check(&staff, &guards, "T1", Purpose::SignIn).judge("0000");
        apply(&mut guards, &j);
        last = j.outcome.unwrap_err();
    }
    assert_eq!(last, "Wrong PIN — 2 more and it locks");
}

#[test]
fn a_pin_already_in_use_is_found_whoever_has_it() {
    let staff = shop();
    assert!(taken_by_another(&staff, "4826", None));
    assert!(!taken_by_another(&staff, "4826", Some("M1")));
    assert!(!taken_by_another(&staff, "9999", None));
}

#[test]
fn pins_at_a_kiosk_count_against_the_kiosk_alone() {
    let staff = shop();
    let mut guards = BTreeMap::new();
    let kiosk = PinSubject::Kiosk("K1".into());
    for typed in ["9999", "M1 9999", "S2 0000", "NOPE 1111", "0001"] {
        let j = check(&staff, &guards, "K1", Purpose::ManagerApproval).judge_at_kiosk(typed);
        assert!(j.outcome.is_err(), "{typed}");
        assert_eq!(j.attempts, vec![(kiosk.clone(), false)], "{typed}");
        apply(&mut guards, &j);
    }
    // Locked after five, for a minute; nobody else is touched.
    assert_eq!(guards.len(), 1);
    assert_eq!(guards[&kiosk].locked_at(at(40)), Some(at(41)));
    let j = check(&staff, &guards, "K1", Purpose::ManagerApproval).judge_at_kiosk("4826");
    assert!(
        j.outcome
            .unwrap_err()
            .contains("this kiosk takes none until 14:41")
    );
    assert!(j.attempts.is_empty());
    // The manager signs in at a staff till at once, with their PIN alone.
    let j = check(&staff, &guards, "Till 1", Purpose::SignIn).judge("4826");
    assert_eq!(j.outcome.unwrap().code, "M1");
}

#[test]
fn a_right_pin_at_a_kiosk_clears_its_count_and_a_locked_managers_answers_as_wrong() {
    let staff = shop();
    let mut guards = BTreeMap::new();
    let kiosk = PinSubject::Kiosk("K1".into());
    let j = check(&staff, &guards, "K1", Purpose::ManagerApproval).judge_at_kiosk("1357");
    assert_eq!(j.outcome.clone().unwrap_err(), "Wrong manager PIN");
    apply(&mut guards, &j);
    let j = check(&staff, &guards, "K1", Purpose::ManagerApproval).judge_at_kiosk("M1 4826");
    assert_eq!(j.outcome.clone().unwrap().code, "M1");
    assert_eq!(j.attempts, vec![(kiosk.clone(), true)]);
    apply(&mut guards, &j);
    assert_eq!(guards[&kiosk], PinGuard::default());
    guards.insert(
        PinSubject::Staff(1),
        PinGuard {
            locked_until: Some(at(50)),
            ..PinGuard::default()
        },
    );
    let j = check(&staff, &guards, "K1", Purpose::ManagerApproval).judge_at_kiosk("4826");
    assert_eq!(j.outcome.unwrap_err(), "Wrong manager PIN");
    assert_eq!(j.attempts, vec![(kiosk, false)]);
}
