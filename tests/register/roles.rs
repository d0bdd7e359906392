//! Roles and PINs at the till: the wrong-PIN lockout, manager approvals at the moment of the
//! action (a void after payment, a price override), the self-service kiosk, and the audit
//! lines each of them leaves.

use crate::register_support;

use register_support::*;
use xsell::app::Key;
use xsell::app::model::Mode;
use xsell::app::overlay::Overlay;
use xsell::domain::lockout::PinSubject;
use xsell::domain::people::{Role, Staff};

fn actions(till: &Till) -> Vec<String> {
    till.backend
        .audit_log
        .iter()
        .map(|e| e.action.clone())
        .collect()
}

pub(crate) fn kiosk() -> Till {
    let mut till = Till::new();
    let staff = Staff {
        id: 99,
        code: "KIOSK".into(),
        name: "Self-service".into(),
        role: Role::SelfService,
    };
    till.act(xsell::app::Action::OpenKiosk(staff));
    till
}

#[test]
fn five_wrong_pins_lock_the_till_and_the_lock_outlives_a_restart() {
    let mut till = Till::new();
    for _ in 0..4 {
        till.sign_in("1111");
        assert!(
            till.message().starts_with("Wrong PIN"),
            "{}",
            till.message()
        );
    }
    till.sign_in("1111");
    assert_eq!(till.message(), "PIN locked until 14:10");
    // Even the right PIN is refused while the lock lasts, without being checked.
    till.sign_in(CASHIER_PIN);
    assert!(!till.is_signed_in());
    assert!(till.message().starts_with("PIN locked until 14:10"));
    assert_eq!(
        actions(&till),
        [
            "pin failed",
            "pin failed",
            "pin failed",
            "pin failed",
            "pin locked",
            "pin locked"
        ]
    );
    // The second lock is the shop's: a PIN alone counts against every till at once.
    assert_eq!(
        till.backend.pin_guards[&PinSubject::Shop].locked_until,
        Some(at(14, 10))
    );

    // A new process over the same store starts from the stored lock.
    let mut restarted = Till::new();
    restarted.backend = std::mem::take(&mut till.backend);
    restarted.model.pin_guards = restarted.backend.pin_guards.clone();
    restarted.sign_in(CASHIER_PIN);
    assert!(!restarted.is_signed_in());

    restarted.now = at(14, 10);
    restarted.sign_in(CASHIER_PIN);
    assert!(restarted.is_signed_in());
    let till_guard = &restarted.backend.pin_guards[&PinSubject::Till("Till 1".into())];
    assert_eq!(till_guard.failures, 0);
}

#[test]
fn a_pin_after_a_staff_code_counts_against_that_person() {
    let mut till = Till::new();
    for _ in 0..5 {
        till.sign_in("MAX 1111");
    }
    assert_eq!(till.message(), "PIN locked until 14:10");
    // Max is locked however the PIN is typed; Ana is not.
    till.sign_in(MANAGER_PIN);
    assert!(!till.is_signed_in());
    till.sign_in("ana 1234");
    assert!(till.is_signed_in());
    // ... and Max cannot approve anything either; his right PIN typed alone answers
    // exactly as a wrong one would, so it tells a guesser nothing.
    till.scan("HUB-7");
    till.key(Key::F(9));
    till.type_text("1.00\n");
    till.type_text(MANAGER_PIN);
    till.key(Key::Enter);
    assert!(
        till.message().starts_with("Wrong manager PIN"),
        "{}",
        till.message()
    );
    assert_eq!(till.model.cart().lines()[0].unit_price.minor(), 4_900);
    let locked = till
        .backend
        .audit_log
        .iter()
        .find(|e| e.action == "pin locked")
        .unwrap();
    assert_eq!(locked.staff_id, Some(2));
}

#[test]
fn wrong_manager_pins_count_too() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(9));
    till.type_text("1.00\n");
    for _ in 0..5 {
        till.type_text("5555\n");
    }
    assert_eq!(till.message(), "PIN locked until 14:10");
    assert!(matches!(till.model.top(), Some(Overlay::Approve(_))));
}

#[test]
fn a_price_override_is_audited_with_the_approving_manager() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(9));
    till.type_text("39.00\n");
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert_eq!(till.model.cart().lines()[0].unit_price.minor(), 3_900);
    let entry = till
        .backend
        .audit_log
        .iter()
        .find(|e| e.action == "price override")
        .expect("audited");
    assert_eq!((entry.staff_id, entry.approved_by), (Some(1), Some(2)));
    assert!(entry.detail.contains("49.00"), "{}", entry.detail);
    assert_eq!(entry.till.as_deref(), Some("Till 1"));
}

#[test]
fn voiding_after_a_payment_needs_a_manager_at_that_moment() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.type_text("20\n"); // part of 52.92 in cash
    till.key(Key::Esc);
    assert!(till.model.payments_taken());
    till.key(Key::F(8));
    till.key(Key::Enter);
    assert!(matches!(till.model.top(), Some(Overlay::Approve(_))));
    assert!(till.backend.voids.is_empty());
    till.type_text(&format!("{CASHIER_PIN}\n"));
    assert_eq!(till.message(), "Wrong manager PIN");
    assert!(till.backend.voids.is_empty());
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert_eq!(till.backend.voids.len(), 1);
    assert!(till.model.cart().is_empty());
    let void = till
        .backend
        .audit_log
        .iter()
        .find(|e| e.action == "void order")
        .unwrap();
    assert_eq!((void.staff_id, void.approved_by), (Some(1), Some(2)));
}

#[test]
fn a_void_before_any_payment_needs_no_manager() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(8));
    till.key(Key::Enter);
    assert_eq!(till.backend.voids.len(), 1);
}

#[test]
fn a_kiosk_sells_without_sign_in_and_hides_staff_keys() {
    let mut till = kiosk();
    assert!(till.is_signed_in());
    assert_eq!(till.backend.calls, ["open_draft"]);
    till.scan("HUB-7");
    for key in [Key::F(6), Key::F(9), Key::F(7), Key::F(2), Key::F(4)] {
        till.key(key);
        assert!(till.model.overlays.is_empty(), "{key:?} opened something");
    }
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
}

#[test]
fn the_kiosk_hints_enter_and_esc_by_what_they_do_with_nothing_typed() {
    let mut till = kiosk();
    let hinted = |till: &Till| -> Vec<(Key, &'static str)> {
        till.model
            .hints()
            .iter()
            .map(|(b, l)| (b.key, *l))
            .collect()
    };
    // An empty basket: Enter finds a product, Esc has nothing to do.
    assert!(hinted(&till).contains(&(Key::Enter, "find a product")));
    assert!(!hinted(&till).iter().any(|(k, _)| *k == Key::Esc));
    till.scan("HUB-7");
    assert!(hinted(&till).contains(&(Key::Esc, "start over")));
    assert!(
        hinted(&till).contains(&(Key::Left, "fewer / more")),
        "a line can still go"
    );
    assert!(hinted(&till).iter().any(|(k, _)| *k == Key::F(12)));
    // A kiosk takes no part payment (the card terminal charges the whole amount, see
    // kiosk_pay.rs), so its lines are never locked by one.
}

#[test]
fn leaving_the_kiosk_takes_a_managers_pin_and_is_audited() {
    let mut till = kiosk();
    till.key(Key::F(10));
    assert!(matches!(till.model.top(), Some(Overlay::Approve(_))));
    till.key(Key::Esc);
    assert!(till.is_signed_in() && till.model.mode == Mode::Kiosk);
    till.key(Key::Ctrl('q'));
    till.type_text(&format!("{CASHIER_PIN}\n"));
    assert!(!till.model.quit);
    till.key(Key::Esc);
    till.key(Key::F(10));
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert!(!till.is_signed_in());
    assert!(till.model.mode == Mode::Staffed);
    let entry = till
        .backend
        .audit_log
        .iter()
        .find(|e| e.action == "leave kiosk")
        .unwrap();
    assert_eq!((entry.staff_id, entry.approved_by), (Some(99), Some(2)));
}

#[test]
fn closing_the_kiosk_takes_a_managers_pin() {
    let mut till = kiosk();
    till.key(Key::Ctrl('q'));
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert!(till.model.quit);
    assert!(actions(&till).contains(&"close kiosk".to_string()));
}

#[test]
fn no_phone_or_email_reaches_a_receipt_or_the_audit_trail() {
    let mut till = Till::signed_in();
    till.key(Key::F(2));
    till.type_text("jordan\n");
    till.scan("HUB-7");
    till.key(Key::F(9));
    till.type_text("39.00\n");
    till.type_text(&format!("{MANAGER_PIN}\n"));
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
    assert_eq!(till.backend.sales[0].customer.as_deref(), Some("C0042"));
    let mut written = String::new();
    for file in std::fs::read_dir(till.receipts_dir()).unwrap() {
        written.push_str(&std::fs::read_to_string(file.unwrap().path()).unwrap());
    }
    assert!(written.contains("TOTAL"), "{written}");
    let trail = format!("{:?}", till.backend.audit_log);
    assert!(trail.contains("price override"));
    for secret in [
        "555-0142",
        "5550142",
        "jordan.lee@example.com",
        "example.com",
    ] {
        assert!(!written.contains(secret), "{secret} on the receipt");
        assert!(!trail.contains(secret), "{secret} in the audit trail");
    }
}

/// A till whose store pushes to a headquarters and holds `sales` not yet sent, as the
/// command line opens it (reading what is unsent from the store).
fn with_unsent(sales: u64, kiosk: bool) -> Till {
    Till::new_with(|spec, backend| {
        backend.unsent = xsell::app::backend::Unsent {
            tracked: true,
            sales,
            oldest: (sales > 0).then(|| at(9, 30)),
        };
        spec.unsent = backend.unsent;
        if kiosk {
            spec.mode = xsell::runtime::TillMode::Kiosk(Staff {
                id: 99,
                code: "KIOSK".into(),
                name: "Self-service".into(),
                role: Role::SelfService,
            });
        }
    })
}

fn kiosk_with_unsent(sales: u64) -> Till {
    with_unsent(sales, true)
}

#[test]
fn a_kiosk_with_unsent_sales_refuses_to_be_left_unless_a_manager_forces_it() {
    let mut till = kiosk_with_unsent(3);
    till.key(Key::F(10));
    assert!(
        till.model.top().is_none(),
        "no PIN is asked on the first try"
    );
    assert!(till.is_error());
    let said = till.message();
    assert!(
        said.contains("3 sales not yet sent to headquarters"),
        "{said}"
    );
    assert!(said.contains("09:30"), "{said}");
    assert!(till.model.mode == Mode::Kiosk && till.is_signed_in());
    // Asked again at once, a manager may force it; the trail says it was forced.
    till.key(Key::F(10));
    assert!(matches!(till.model.top(), Some(Overlay::Approve(_))));
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert!(till.model.mode == Mode::Staffed && !till.is_signed_in());
    let entry = till
        .backend
        .audit_log
        .iter()
        .find(|e| e.action == "leave kiosk")
        .unwrap();
    assert!(
        entry.detail.contains("3 sales not sent to headquarters"),
        "{entry:?}"
    );
    assert_eq!(entry.approved_by, Some(2));
}

#[test]
fn a_refusal_does_not_stand_for_long_and_closing_is_refused_the_same_way() {
    let mut till = kiosk_with_unsent(1);
    till.key(Key::Ctrl('q'));
    assert!(
        till.message().contains("1 sale not yet sent"),
        "{}",
        till.message()
    );
    till.now += chrono::Duration::minutes(5);
    till.key(Key::Ctrl('q'));
    assert!(till.model.top().is_none(), "refused again after a while");
    assert!(!till.model.quit);
    till.key(Key::Ctrl('q'));
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert!(till.model.quit);
}

#[test]
fn once_headquarters_has_the_sales_the_kiosk_is_left_as_always() {
    let mut till = kiosk_with_unsent(2);
    // A push from the back office: the till sees it on its next look.
    till.backend.unsent.sales = 0;
    till.backend.unsent.oldest = None;
    till.now += chrono::Duration::minutes(1);
    till.act(xsell::app::Action::Tick);
    till.key(Key::F(10));
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert!(till.model.mode == Mode::Staffed);
}

#[test]
fn a_sale_at_a_till_with_headquarters_is_counted_unsent_and_aged_in_the_header() {
    let mut till = with_unsent(0, false);
    till.sign_in(CASHIER_PIN);
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
    assert_eq!(till.model.unsent.sales, 1, "asked again after the sale");
    let header = |till: &Till| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        terminal.draw(|f| xsell::ui::view(&till.model, f)).unwrap();
        let buf = terminal.backend().buffer().clone();
        (0..100)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect::<String>()
    };
    assert!(!header(&till).contains("Unsent"), "{}", header(&till));
    // A day later nothing has been pushed: the header says how old the oldest sale is.
    till.now += chrono::Duration::hours(25);
    till.act(xsell::app::Action::Tick);
    let top = header(&till);
    assert!(top.contains("Unsent 1 day 1 h"), "{top}");
}

#[test]
fn a_shoppers_unfinished_basket_is_voided_as_abandoned_not_restored_for_the_next_cashier() {
    let mut till = kiosk();
    till.scan("HUB-7");
    let basket = till.model.order.id.clone();
    till.key(Key::F(10));
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert!(till.model.mode == Mode::Staffed && !till.is_signed_in());
    assert_eq!(
        till.backend.voids,
        vec![(basket, "abandoned at the kiosk".to_string())]
    );
    till.sign_in(CASHIER_PIN);
    assert!(till.is_signed_in());
    assert!(till.lines().is_empty(), "{:?}", till.lines());
    assert!(!till.message().contains("restored"), "{}", till.message());
}
