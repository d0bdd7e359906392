//! The register's behaviour, driven key by key through `update` and the real effect
//! executor against the in-memory backend. No terminal is involved.

use crate::register_support;

use register_support::*;
use xsell::app::Key;
use xsell::app::model::{Busy, Summary};
use xsell::app::overlay::Overlay;
use xsell::app::{Action, Effect};
use xsell::domain::cart::Discount;
use xsell::domain::money::Money;
use xsell::domain::order::RefundTo;
use xsell::domain::tender::TenderKind;

fn m(minor: i64) -> Money {
    Money::from_minor(minor)
}

// --- signing in -------------------------------------------------------------------------

#[test]
fn right_pin_signs_in_and_opens_the_tills_draft() {
    let till = Till::signed_in();
    assert!(till.is_signed_in());
    assert_eq!(till.model.signed_in().unwrap().name, "Ana");
    // The right PIN is recorded after the draft opens (it clears any wrong-PIN count).
    assert_eq!(till.backend.calls, vec!["open_draft", "record_pin"]);
    assert_eq!(till.model.busy, None);
}

#[test]
fn wrong_pin_says_so_and_stays_signed_out() {
    let mut till = Till::new();
    till.sign_in("4321");
    assert!(!till.is_signed_in());
    assert_eq!(till.message(), "Wrong PIN");
    assert!(till.is_error());
    // The wrong PIN counts against the till and the shop; a malformed one tests nothing and
    // is not counted.
    assert_eq!(till.backend.calls, vec!["record_pin", "record_pin"]);
    till.sign_in("12");
    assert!(till.message().contains("4 to 8 digits"));
    assert_eq!(till.backend.calls, vec!["record_pin", "record_pin"]);
}

#[test]
fn sign_out_keeps_the_order_for_the_next_sign_in() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(10));
    assert!(!till.is_signed_in());
    assert!(till.model.cart().is_empty());
    till.sign_in(CASHIER_PIN);
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 1)]);
}

// --- scanning ---------------------------------------------------------------------------

#[test]
fn scanning_a_barcode_adds_one_unit() {
    let mut till = Till::signed_in();
    till.scan(&barcode(LAPTOP));
    assert_eq!(till.lines(), vec![("LAP-15".to_string(), 1)]);
    assert_eq!(till.model.totals.total, m(129_492));
    assert!(till.model.input.is_empty());
}

#[test]
fn quantity_star_code_adds_that_many() {
    let mut till = Till::signed_in();
    till.scan("3*CAB-2");
    till.scan(&format!("2*{}", barcode(CABLE)));
    assert_eq!(till.lines(), vec![("CAB-2".to_string(), 5)]);
}

#[test]
fn unknown_barcode_changes_nothing() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    let before = till.model.order.clone();
    let saves = till.backend.count("save_draft");
    till.scan("NOPE-1");
    assert_eq!(till.model.order, before);
    assert!(till.is_error());
    assert!(
        till.message().contains("Unknown code NOPE-1"),
        "{}",
        till.message()
    );
    assert_eq!(till.backend.count("save_draft"), saves);
}

#[test]
fn misread_barcode_says_misread_and_changes_nothing() {
    let mut till = Till::signed_in();
    let good = barcode(LAPTOP);
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    let bad = format!("{}{}", &good[..12], (last + 1) % 10);
    till.scan(&bad);
    assert!(till.model.cart().is_empty());
    assert!(till.message().contains("Misread"), "{}", till.message());
}

#[test]
fn impossible_quantities_get_a_clear_message() {
    let mut till = Till::signed_in();
    for bad in ["0*HUB-7", "-1*HUB-7", "99999999*HUB-7", "abc*HUB-7"] {
        till.scan(bad);
        assert!(till.is_error(), "{bad}");
        assert!(till.model.cart().is_empty(), "{bad}");
    }
    till.scan("0*HUB-7");
    assert_eq!(till.message(), "Quantity 0 is not possible (1 to 9999)");
    // Raising a line past the limit is refused too, and leaves it as it was.
    till.scan("9999*HUB-7");
    till.scan("HUB-7");
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 9999)]);
    assert!(till.is_error());
}

#[test]
fn scanner_burst_adds_every_item_in_order() {
    let mut till = Till::signed_in();
    let burst = format!(
        "{}\n{}\nMOU-1\n{}\n2*CAB-2\n",
        barcode(LAPTOP),
        barcode(HUB),
        barcode(CABLE)
    );
    till.type_text(&burst);
    assert_eq!(
        till.lines(),
        vec![
            ("LAP-15".to_string(), 1),
            ("HUB-7".to_string(), 1),
            ("MOU-1".to_string(), 1),
            ("CAB-2".to_string(), 3),
        ]
    );
}

#[test]
fn a_bad_code_in_a_burst_does_not_swallow_the_next_one() {
    let mut till = Till::signed_in();
    till.type_text("NOPE\nHUB-7\n");
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 1)]);
}

/// A till that has just sold a hub for exact cash, its receipt on screen.
fn after_a_cash_sale() -> Till {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Enter); // exact cash
    assert!(matches!(till.model.top(), Some(Overlay::Receipt(_))));
    till
}

#[test]
fn scan_after_a_sale_lands_in_the_new_order_not_in_the_receipt() {
    let mut till = after_a_cash_sale();
    // The scanner was already reading the next customer's item.
    till.scan("MOU-1");
    assert!(till.model.overlays.is_empty());
    assert_eq!(till.lines(), vec![("MOU-1".to_string(), 1)]);
}

#[test]
fn ctrl_q_on_the_receipt_or_help_quits_as_it_does_on_the_order_screen() {
    let mut till = after_a_cash_sale();
    till.key(Key::Ctrl('q'));
    assert!(till.model.overlays.is_empty());
    assert!(till.model.quit);

    let mut till = Till::signed_in();
    till.key(Key::F(1));
    assert!(matches!(till.model.top(), Some(Overlay::Help)));
    till.key(Key::Ctrl('q'));
    assert!(till.model.quit);
}

#[test]
fn letters_typed_into_the_scan_line_become_the_search_query() {
    let mut till = Till::signed_in();
    till.type_text("mouse");
    till.key(Key::F(3));
    let Some(Overlay::Search(s)) = till.model.top() else {
        panic!("no search")
    };
    assert_eq!(s.query.text(), "mouse");
    assert!(till.model.input.is_empty());
}

// --- drafts -----------------------------------------------------------------------------

#[test]
fn every_change_to_the_order_saves_the_draft() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.scan("MOU-1");
    till.key(Key::F(5));
    till.type_text("3\n");
    assert_eq!(till.backend.count("save_draft"), 3);
    let saved = till.backend.open_draft_of("Till 1").unwrap();
    assert_eq!(saved, &till.model.order);
    assert_eq!(saved.cart.lines()[1].qty, 3);
}

#[test]
fn removing_the_last_line_discards_the_draft() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::Delete);
    assert!(till.model.cart().is_empty());
    assert_eq!(till.backend.count("discard_draft"), 1);
    assert!(till.backend.open_draft_of("Till 1").is_none());
}

#[test]
fn open_draft_is_restored_exactly_after_sign_in() {
    let mut till = Till::signed_in();
    till.scan("2*HUB-7");
    till.scan("LAP-15");
    till.key(Key::F(2));
    till.type_text("jordan\n");
    till.key(Key::F(12));
    till.key(Key::Tab);
    till.type_text("100\nAUTH42\n");
    let before = till.model.order.clone();
    assert_eq!(before.tender.as_ref().unwrap().paid(), m(10_000));

    // A new process: same store, fresh model.
    let mut restarted = Till::new();
    restarted.backend = std::mem::take(&mut till.backend);
    restarted.sign_in(CASHIER_PIN);
    assert_eq!(restarted.model.order, before);
    let attached = restarted.model.customer.as_ref().unwrap();
    assert_eq!(attached.customer.name, "Jordan Lee");
    assert!(matches!(attached.summary, Summary::Loaded(_)));
    // The payment window waits for F12: a scan right after sign-in must not become cash.
    assert!(restarted.model.overlays.is_empty());
    assert!(
        restarted.message().contains("F12 to finish"),
        "{}",
        restarted.message()
    );
    restarted.key(Key::F(12));
    assert!(matches!(restarted.model.top(), Some(Overlay::Tender(_))));
    restarted.key(Key::Enter);
    assert_eq!(restarted.backend.sales.len(), 1);
    assert_eq!(restarted.backend.sales[0].payments.len(), 2);
}

#[test]
fn a_failed_save_is_shown_and_the_order_stays() {
    let mut till = Till::signed_in();
    till.backend.fail_with = Some("disk full".into());
    till.scan("HUB-7");
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 1)]);
    assert!(till.is_error());
    assert!(till.message().contains("disk full"));
}

// --- search -----------------------------------------------------------------------------

#[test]
fn search_finds_by_name_and_enter_adds() {
    let mut till = Till::signed_in();
    till.key(Key::F(3));
    till.type_text("wireles mous");
    let Some(Overlay::Search(s)) = till.model.top() else {
        panic!("no search")
    };
    assert_eq!(s.results.len(), 1);
    till.key(Key::Enter);
    assert!(till.model.overlays.is_empty());
    assert_eq!(till.lines(), vec![("MOU-1".to_string(), 1)]);
}

#[test]
fn search_moves_with_arrows_and_esc_adds_nothing() {
    let mut till = Till::signed_in();
    till.key(Key::F(3));
    till.type_text("usb");
    till.key(Key::Down);
    till.key(Key::Down);
    let Some(Overlay::Search(s)) = till.model.top() else {
        panic!("no search")
    };
    assert_eq!(s.results.len(), 2);
    assert_eq!(s.selected, 1, "stays on the last result");
    till.key(Key::Esc);
    assert!(till.model.overlays.is_empty());
    assert!(till.model.cart().is_empty());
}

// --- editing lines ----------------------------------------------------------------------

#[test]
fn quantity_of_the_selected_line_changes() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.scan("MOU-1");
    till.key(Key::Up);
    till.key(Key::F(5));
    till.type_text("4\n");
    assert_eq!(
        till.lines(),
        vec![("HUB-7".to_string(), 4), ("MOU-1".to_string(), 1)]
    );
    till.key(Key::F(5));
    till.type_text("0\n");
    assert!(till.is_error());
    assert!(
        matches!(till.model.top(), Some(Overlay::Entry(_))),
        "stays open to retype"
    );
}

#[test]
fn delete_removes_the_selected_line() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.scan("MOU-1");
    till.scan("CAB-2");
    till.key(Key::Up);
    till.key(Key::Delete);
    assert_eq!(
        till.lines(),
        vec![("HUB-7".to_string(), 1), ("CAB-2".to_string(), 1)]
    );
    assert_eq!(till.model.selected, Some(1));
}

#[test]
fn discount_within_the_threshold_needs_no_manager() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(6));
    till.type_text("10%\n");
    assert_eq!(
        till.model.cart().lines()[0].discount,
        Some(Discount::Percent(1_000))
    );
    assert!(till.model.order.approvals.is_empty());
    assert_eq!(till.model.totals.discounts, m(490));
}

#[test]
fn discount_over_threshold_needs_manager_pin() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(6));
    till.type_text("25%\n");
    assert!(matches!(till.model.top(), Some(Overlay::Approve(_))));
    assert_eq!(till.model.cart().lines()[0].discount, None);
    till.type_text(MANAGER_PIN);
    till.key(Key::Enter);
    assert_eq!(
        till.model.cart().lines()[0].discount,
        Some(Discount::Percent(2_500))
    );
    let approval = &till.model.order.approvals[0];
    assert_eq!(approval.manager_id, 2);
    assert!(approval.what.contains("25%"));
    // The approval is in the saved draft too.
    assert_eq!(
        till.backend
            .open_draft_of("Till 1")
            .unwrap()
            .approvals
            .len(),
        1
    );
}

#[test]
fn a_cashiers_pin_or_a_wrong_pin_approves_nothing() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(6));
    till.type_text("4.90\n"); // 10% as an amount: fine
    till.key(Key::F(6));
    till.type_text("4.91\n"); // just over
    assert!(matches!(till.model.top(), Some(Overlay::Approve(_))));
    till.sign_in(CASHIER_PIN);
    assert_eq!(till.message(), "Wrong manager PIN");
    till.sign_in("0000");
    assert_eq!(till.message(), "Wrong manager PIN");
    till.key(Key::Esc);
    assert_eq!(
        till.model.cart().lines()[0].discount,
        Some(Discount::Amount(m(490)))
    );
    assert!(till.model.order.approvals.is_empty());
}

#[test]
fn order_discount_is_chosen_with_tab() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.scan("MOU-1");
    till.key(Key::F(6));
    till.key(Key::Tab);
    till.type_text("5.00\n");
    assert_eq!(
        till.model.cart().order_discount(),
        Some(Discount::Amount(m(500)))
    );
    assert_eq!(till.model.cart().lines()[1].discount, None);
}

#[test]
fn price_override_needs_a_manager_and_records_who() {
    let mut till = Till::signed_in();
    till.scan("LAP-15");
    till.key(Key::F(9));
    till.type_text("999.00\n");
    assert_eq!(till.model.cart().lines()[0].unit_price, m(119_900));
    till.sign_in(MANAGER_PIN);
    assert_eq!(till.model.cart().lines()[0].unit_price, m(99_900));
    assert_eq!(till.model.order.approvals[0].manager_id, 2);
    assert!(till.message().contains("Approved by Max"));
}

// --- customers --------------------------------------------------------------------------

#[test]
fn customer_found_by_phone_is_attached_with_a_summary() {
    let mut till = Till::signed_in();
    till.key(Key::F(2));
    till.type_text("5550142\n");
    let attached = till.model.customer.as_ref().unwrap();
    assert_eq!(attached.customer.code, "C0042");
    let Summary::Loaded(summary) = &attached.summary else {
        panic!("{:?}", attached.summary)
    };
    assert_eq!(summary.visits, 14);
    assert_eq!(till.model.order.customer.as_deref(), Some("C0042"));
}

#[test]
fn a_summary_that_fails_to_load_is_marked_not_fatal() {
    let mut till = Till::signed_in();
    till.key(Key::F(2));
    till.type_text("mia");
    till.backend.fail_with = Some("store offline".into());
    till.key(Key::Enter);
    let attached = till.model.customer.as_ref().unwrap();
    assert_eq!(attached.summary, Summary::Failed("store offline".into()));
}

#[test]
fn customer_is_detached() {
    let mut till = Till::signed_in();
    till.key(Key::F(2));
    till.type_text("jordan\n");
    till.key(Key::F(2));
    till.key(Key::Ctrl('d'));
    assert!(till.model.customer.is_none());
    assert!(till.model.order.customer.is_none());
}

#[test]
fn a_new_customer_is_created_on_the_spot_and_attached() {
    let mut till = Till::signed_in();
    till.key(Key::F(2));
    till.type_text("Priya Shah");
    till.key(Key::Ctrl('n'));
    till.key(Key::Tab);
    till.type_text("555-0199");
    till.key(Key::Tab);
    till.type_text("priya@example");
    till.key(Key::Enter);
    assert_eq!(till.backend.count("create_customer"), 1);
    let attached = till.model.customer.as_ref().unwrap();
    assert_eq!(attached.customer.name, "Priya Shah");
    assert_eq!(attached.customer.phone.as_deref(), Some("555-0199"));
    assert!(till.model.customers.iter().any(|c| c.name == "Priya Shah"));
}

#[test]
fn a_failed_customer_creation_keeps_the_form_for_a_retry() {
    let mut till = Till::signed_in();
    till.key(Key::F(2));
    till.key(Key::Ctrl('n'));
    till.type_text("Sam Park");
    till.backend.fail_with = Some("store offline".into());
    till.key(Key::Enter);
    assert_eq!(till.message(), "Customer not created: store offline");
    assert!(till.model.customer.is_none());
    assert!(matches!(till.model.top(), Some(Overlay::Customer(_))));
    assert_eq!(till.model.busy, None);
    till.backend.fail_with = None;
    till.key(Key::Enter);
    assert_eq!(
        till.model.customer.as_ref().unwrap().customer.name,
        "Sam Park"
    );
}

#[test]
fn a_new_customer_needs_a_name() {
    let mut till = Till::signed_in();
    till.key(Key::F(2));
    till.key(Key::Ctrl('n'));
    till.key(Key::Enter);
    assert_eq!(till.message(), "A customer needs a name");
    assert_eq!(till.backend.count("create_customer"), 0);
}

// --- hold, recall, void -----------------------------------------------------------------

#[test]
fn held_order_comes_back_on_recall() {
    let mut till = Till::signed_in();
    till.scan("2*HUB-7");
    let held = till.model.order.clone();
    till.key(Key::F(4));
    assert!(till.model.cart().is_empty());
    till.scan("MOU-1");
    till.key(Key::F(12));
    till.key(Key::Enter);
    till.key(Key::Esc); // receipt
    till.key(Key::F(4));
    let Some(Overlay::Held(list)) = till.model.top() else {
        panic!("no list")
    };
    assert_eq!(list.orders.len(), 1);
    assert_eq!(list.orders[0].items, 2);
    till.key(Key::Enter);
    assert_eq!(till.model.order.id, held.id);
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 2)]);
}

#[test]
fn a_failed_hold_keeps_the_order_as_it_was() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    let before = till.model.order.clone();
    till.backend.fail_with = Some("locked".into());
    till.key(Key::F(4));
    assert_eq!(till.model.order, before);
    assert!(till.message().contains("Order not held: locked"));
    assert_eq!(till.model.busy, None);
}

#[test]
fn void_with_a_chosen_reason_clears_the_order() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(8));
    till.key(Key::Down);
    till.key(Key::Enter);
    assert!(till.model.cart().is_empty());
    assert_eq!(till.backend.voids[0].1, "Wrong items rung up");
}

#[test]
fn void_with_a_typed_reason() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(8));
    till.type_text("Customer left\n");
    assert_eq!(till.backend.voids[0].1, "Customer left");
}

#[test]
fn nothing_to_void_on_an_empty_order() {
    let mut till = Till::signed_in();
    till.key(Key::F(8));
    assert!(till.model.overlays.is_empty());
    assert_eq!(till.message(), "Nothing to void");
}

// --- tender -----------------------------------------------------------------------------

#[test]
fn cash_sale_gives_change_and_writes_the_receipt() {
    let mut till = Till::signed_in();
    till.scan("HUB-7"); // 49.00 + 3.92 tax = 52.92
    till.key(Key::F(12));
    till.type_text("60\n");
    assert_eq!(till.backend.count("complete_sale"), 1);
    let Some(Overlay::Receipt(r)) = till.model.top() else {
        panic!("no receipt")
    };
    assert_eq!(r.change, m(708));
    assert!(r.text.contains("USB-C hub 7-in-1"));
    let file = till.receipts_dir().join(format!("{}.txt", r.number));
    let written = std::fs::read_to_string(file).unwrap();
    assert_eq!(written, r.text);
    assert!(written.contains("Change"));
    assert!(till.model.cart().is_empty(), "a new order starts");
}

#[test]
fn split_card_then_cash_completes_only_when_fully_paid() {
    let mut till = Till::signed_in();
    till.scan("HUB-7"); // 52.92
    till.key(Key::F(12));
    till.key(Key::Tab); // card
    till.type_text("20\n");
    assert_eq!(till.backend.count("complete_sale"), 0);
    till.type_text("AUTH1\n");
    assert_eq!(
        till.model.order.tender.as_ref().unwrap().remaining(),
        m(3_292)
    );
    assert_eq!(till.backend.count("complete_sale"), 0);
    till.key(Key::Tab); // cash
    till.type_text("30\n");
    assert_eq!(till.backend.count("complete_sale"), 0, "2.92 still due");
    till.type_text("5\n");
    assert_eq!(till.backend.count("complete_sale"), 1);
    let payments = &till.backend.sales[0].payments;
    assert_eq!(payments.len(), 3);
    assert_eq!(payments[0].kind, TenderKind::Card);
    assert_eq!(payments[0].reference.as_deref(), Some("AUTH1"));
}

#[test]
fn a_barcode_typed_into_the_cash_field_is_refused() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.type_text("12345670\n");
    assert!(till.is_error());
    assert!(
        till.message().contains("Check the amount given"),
        "{}",
        till.message()
    );
    assert!(
        till.model
            .order
            .tender
            .as_ref()
            .unwrap()
            .payments()
            .is_empty()
    );
    assert_eq!(till.backend.count("complete_sale"), 0);
}

#[test]
fn a_card_cannot_be_charged_more_than_is_due() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Tab);
    till.type_text("100\n");
    assert!(till.is_error());
    assert!(
        till.model
            .order
            .tender
            .as_ref()
            .unwrap()
            .payments()
            .is_empty()
    );
}

#[test]
fn completing_twice_commits_once() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    // Drive update alone so the commit stays in flight, as it would on a slow store.
    let first = till.update_only(Action::Key(Key::Enter));
    let commits = |e: &Vec<Effect>| {
        e.iter()
            .filter(|e| matches!(e, Effect::CompleteSale { .. }))
            .count()
    };
    assert_eq!(commits(&first), 1);
    assert_eq!(till.model.busy, Some(Busy::Completing));
    for _ in 0..3 {
        let again = till.update_only(Action::Key(Key::Enter));
        assert_eq!(commits(&again), 0);
        let again = till.update_only(Action::Key(Key::F(12)));
        assert_eq!(commits(&again), 0);
    }
}

#[test]
fn a_failed_commit_keeps_the_payments_and_enter_retries() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.backend.fail_with = Some("database is locked".into());
    till.type_text("60\n");
    assert!(
        till.message()
            .contains("Sale not completed: database is locked")
    );
    assert!(till.model.order.tender.as_ref().unwrap().is_settled());
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 1)]);
    till.backend.fail_with = None;
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
    assert!(matches!(till.model.top(), Some(Overlay::Receipt(_))));
}

#[test]
fn after_a_payment_the_lines_are_locked() {
    let mut till = Till::signed_in();
    till.scan("LAP-15");
    till.key(Key::F(12));
    till.type_text("100\n");
    till.key(Key::Esc);
    let before = till.model.order.clone();
    till.scan("HUB-7");
    till.key(Key::Delete);
    till.key(Key::F(6));
    assert_eq!(till.model.order, before);
    assert!(till.message().contains("payment has been taken"));
}

#[test]
fn receipt_bytes_go_to_the_printer_when_one_is_configured() {
    let mut till = Till::signed_in();
    let device = till.receipts_dir().with_file_name("printer.bin");
    till.outputs.escpos_device = Some(device.clone());
    till.model.printer = true;
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Enter);
    let bytes = std::fs::read(device).unwrap();
    assert_eq!(&bytes[..2], &[0x1b, b'@']);
    assert!(bytes.ends_with(&[0x1d, b'V', 1]));
}

// --- returns ----------------------------------------------------------------------------

fn sell(till: &mut Till, codes: &[&str]) -> String {
    for c in codes {
        till.scan(c);
    }
    till.key(Key::F(12));
    till.key(Key::Enter);
    let Some(Overlay::Receipt(r)) = till.model.top() else {
        panic!("no receipt")
    };
    let number = r.number.clone();
    till.key(Key::Esc);
    number
}

#[test]
fn a_return_needs_a_manager_and_refunds_what_was_paid() {
    let mut till = Till::signed_in();
    let number = sell(&mut till, &["2*HUB-7", "MOU-1"]);
    till.key(Key::F(7));
    till.type_text(&format!("{number}\n"));
    assert!(matches!(
        till.model.top(),
        Some(Overlay::Returns(
            xsell::app::overlay::ReturnsOverlay::Lines(_)
        ))
    ));
    till.key(Key::Right);
    till.key(Key::Right);
    till.key(Key::Right); // only two were sold
    assert!(till.message().contains("Only 2"));
    till.key(Key::Enter);
    assert!(matches!(till.model.top(), Some(Overlay::Approve(_))));
    assert_eq!(till.backend.refunds.len(), 0);
    till.sign_in(MANAGER_PIN);
    let refund = &till.backend.refunds[0];
    assert_eq!(refund.lines, vec![(1, 2)]);
    assert_eq!(refund.approved_by, 2);
    assert_eq!(refund.tender, RefundTo::Original);
    let Some(Overlay::Receipt(r)) = till.model.top() else {
        panic!("no refund receipt")
    };
    assert!(r.refund);
    assert_eq!(r.total, m(10_584)); // 2 × 49.00 + 8% tax
    assert!(r.text.contains("REFUND"));
    assert!(r.text.contains(&format!("Refund of receipt {number}")));
}

#[test]
fn scanning_an_item_in_returns_marks_one_more_unit() {
    let mut till = Till::signed_in();
    let number = sell(&mut till, &["MOU-1", "2*HUB-7"]);
    till.key(Key::F(7));
    till.type_text(&format!("{number}\n"));
    till.scan(&barcode(HUB));
    till.scan("HUB-7");
    till.scan("HUB-7");
    assert!(
        till.message().contains("already coming back"),
        "{}",
        till.message()
    );
    till.scan("LAP-15");
    assert!(
        till.message().contains("not on this receipt"),
        "{}",
        till.message()
    );
    let Some(Overlay::Returns(xsell::app::overlay::ReturnsOverlay::Lines(plan))) = till.model.top()
    else {
        panic!("no return");
    };
    assert_eq!(plan.qty, vec![0, 2]);
    assert_eq!(plan.selected, 1);
    assert!(till.model.cart().is_empty(), "nothing reached the order");
}

#[test]
fn a_scan_into_the_held_list_goes_to_the_scan_line() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(4));
    till.key(Key::F(4));
    assert!(matches!(till.model.top(), Some(Overlay::Held(_))));
    till.scan("MOU-1");
    assert!(till.model.overlays.is_empty());
    assert_eq!(till.lines(), vec![("MOU-1".to_string(), 1)]);
    assert_eq!(
        till.backend.count("recall"),
        0,
        "Enter did not recall anything"
    );
}

#[test]
fn unknown_receipt_number_says_so() {
    let mut till = Till::signed_in();
    till.key(Key::F(7));
    till.type_text("TILL1-999999\n");
    assert!(
        till.message()
            .contains("No sale with receipt number TILL1-999999")
    );
}

#[test]
fn a_return_with_nothing_chosen_asks_for_lines() {
    let mut till = Till::signed_in();
    let number = sell(&mut till, &["HUB-7"]);
    till.key(Key::F(7));
    till.type_text(&format!("{number}\n"));
    till.key(Key::Enter);
    assert!(till.message().contains("Choose what comes back"));
    assert!(!matches!(till.model.top(), Some(Overlay::Approve(_))));
}

// --- keys and overlays ------------------------------------------------------------------

#[test]
fn the_topmost_overlay_gets_the_key_first() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(6));
    till.type_text("50%\n"); // opens the manager prompt over the order
    till.type_text("12");
    // Digits went to the PIN, not to the scan line or the discount entry.
    assert!(till.model.input.is_empty());
    let Some(Overlay::Approve(a)) = till.model.top() else {
        panic!()
    };
    assert_eq!(a.pin.text(), "12");
}

#[test]
fn reserved_keys_do_nothing_today() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    let before = till.model.order.clone();
    for key in [Key::F(11), Key::Alt('1'), Key::Alt('2'), Key::Alt('3')] {
        till.key(key);
    }
    assert_eq!(till.model.order, before);
    assert!(till.model.overlays.is_empty());
}

#[test]
fn status_bar_offers_only_keys_that_work_now() {
    let mut till = Till::signed_in();
    let labels = |t: &Till| t.model.hints().iter().map(|(_, l)| *l).collect::<Vec<_>>();
    let empty = labels(&till);
    assert!(empty.contains(&"recall") && !empty.contains(&"pay") && !empty.contains(&"remove"));
    till.scan("HUB-7");
    let one = labels(&till);
    assert!(one.contains(&"hold") && one.contains(&"pay") && one.contains(&"remove"));
    assert!(
        !one.contains(&"add"),
        "Enter adds only when something is typed"
    );
    till.type_text("MOU");
    assert!(labels(&till).contains(&"add"));
}
