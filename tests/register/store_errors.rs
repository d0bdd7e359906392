//! What the register does about each kind of storage failure: a full disk or a read-only
//! store stops selling (no payment is started) until a write goes through again; a busy
//! store is said as busy and retried on Enter; a refused sale is said as refused.

use crate::register_support;

use register_support::*;
use xsell::app::Key;
use xsell::app::backend::BackendError;
use xsell::app::overlay::Overlay;

const FULL: &str =
    "the disk holding shop.db is full (or the store reached its size limit): nothing was written";

fn tendering(till: &Till) -> bool {
    matches!(till.model.top(), Some(Overlay::Tender(_)))
}

#[test]
fn a_full_disk_stops_selling_until_an_order_saves_again() {
    let mut till = Till::signed_in();
    till.backend.fail_with = Some(BackendError::Full(FULL.into()));
    till.scan("HUB-7");
    assert!(
        till.message().contains("Order not saved"),
        "{}",
        till.message()
    );
    till.key(Key::F(12));
    assert!(!tendering(&till), "no payment is started");
    assert!(till.is_error());
    assert!(
        till.message()
            .starts_with("Selling is stopped: the disk holding shop.db is full"),
        "{}",
        till.message()
    );
    assert!(till.model.order.tender.is_none(), "no money taken");
    // Space is freed: the next change saves, and selling resumes.
    till.backend.fail_with = None;
    till.scan("MOU-1");
    assert_eq!(till.model.store_down, None);
    till.key(Key::F(12));
    assert!(tendering(&till));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
}

#[test]
fn a_read_only_store_stops_selling_too() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.backend.fail_with = Some(BackendError::ReadOnly(
        "cannot write to shop.db: the file or its folder is read-only (nothing was changed)".into(),
    ));
    till.scan("MOU-1");
    till.key(Key::F(12));
    assert!(!tendering(&till));
    assert!(till.message().contains("read-only"), "{}", till.message());
    assert_eq!(till.backend.count("complete_sale"), 0);
}

#[test]
fn other_failures_do_not_stop_selling() {
    let mut till = Till::signed_in();
    till.backend.fail_with = Some(BackendError::Other("database error: disk I/O error".into()));
    till.scan("HUB-7");
    assert_eq!(till.model.store_down, None);
    till.key(Key::F(12));
    assert!(tendering(&till));
}

#[test]
fn a_full_disk_at_the_commit_keeps_the_payment_and_enter_retries_once_freed() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.backend.fail_with = Some(BackendError::Full(FULL.into()));
    till.type_text("60\n");
    assert!(till.message().contains("free space"), "{}", till.message());
    assert!(till.model.order.tender.as_ref().unwrap().is_settled());
    assert!(till.model.store_down.is_some());
    till.backend.fail_with = None;
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
    assert_eq!(
        till.model.store_down, None,
        "the sale went through: the stop is lifted"
    );
}

#[test]
fn a_busy_store_is_said_as_busy_and_enter_tries_again() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.backend.fail_with = Some(BackendError::Busy(
        "the database is busy (another till holds it); try again".into(),
    ));
    till.type_text("60\n");
    assert!(till.message().contains("busy"), "{}", till.message());
    assert!(
        till.message().contains("Enter tries again"),
        "{}",
        till.message()
    );
    assert_eq!(till.model.store_down, None, "busy is not a stop");
    till.backend.fail_with = None;
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
}

#[test]
fn a_refused_sale_is_said_as_refused_with_its_payments_kept() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.backend.fail_with = Some(BackendError::Invalid(
        "the till priced this sale at 49.00, the shop's prices give 59.00".into(),
    ));
    till.type_text("60\n");
    assert!(
        till.message().starts_with("Sale refused:"),
        "{}",
        till.message()
    );
    assert!(
        till.message().contains("void the order"),
        "{}",
        till.message()
    );
    assert!(till.model.order.tender.as_ref().unwrap().is_settled());
    assert_eq!(till.model.store_down, None);
}

#[test]
fn a_sale_the_backend_prices_differently_is_refused_and_not_recorded() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    // The shop's prices changed behind the till's back: the backend prices with 7% tax.
    let mut settings = xsell::domain::settings::Settings::default();
    settings.tax.by_class.insert("standard".into(), 700);
    let customers = till.backend.customers.clone();
    till.backend = xsell::app::memory::MemoryBackend::with_settings(settings);
    till.backend.customers = customers;
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert!(
        till.message().starts_with("Sale refused:"),
        "{}",
        till.message()
    );
    assert!(till.backend.sales.is_empty());
}
