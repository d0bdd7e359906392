//! Random key sequences through the register (the real `update` and effect executor over the
//! in-memory backend): no panic, and after every key the order keeps its invariants. The
//! normal run is short; for a long one:
//! `PROPTEST_CASES=100000 cargo test --release --test register fuzz::`.

use crate::register_support;

use proptest::prelude::*;
use register_support::*;
use xsell::app::Key;
use xsell::app::model::Session;
use xsell::domain::cart::{MAX_LINE_QTY, MAX_LINES};
use xsell::domain::money::Money;
use xsell::domain::people::{Role, Staff};

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Debug, Clone)]
enum Step {
    Key(Key),
    /// A whole PIN and Enter: random digits alone would almost never sign anyone in.
    Pin(&'static str),
    /// A whole code and Enter, as a scanner sends it.
    Scan(&'static str),
    /// Time passes (milliseconds), then the loop's tick.
    Wait(i64),
}

fn arb_step() -> impl Strategy<Value = Step> {
    let chars = vec![
        'H', 'U', 'B', '-', '7', '3', '*', 'M', 'O', '1', 'x', '0', '.', '%', '5', '9', ' ', 'é',
        '日', '🎒', 'C', '4', '2',
    ];
    prop_oneof![
        6 => proptest::sample::select(chars).prop_map(|c| Step::Key(Key::Char(c))),
        3 => Just(Step::Key(Key::Enter)),
        1 => Just(Step::Key(Key::Esc)),
        1 => Just(Step::Key(Key::Tab)),
        1 => Just(Step::Key(Key::BackTab)),
        1 => Just(Step::Key(Key::Up)),
        1 => Just(Step::Key(Key::Down)),
        1 => Just(Step::Key(Key::Left)),
        1 => Just(Step::Key(Key::Right)),
        1 => Just(Step::Key(Key::PageDown)),
        1 => Just(Step::Key(Key::Delete)),
        1 => Just(Step::Key(Key::Backspace)),
        4 => (1u8..=12).prop_map(|n| Step::Key(Key::F(n))),
        1 => proptest::sample::select(vec!['n', 'd', 'u', 'q']).prop_map(|c| Step::Key(Key::Ctrl(c))),
        1 => proptest::sample::select(vec![CASHIER_PIN, MANAGER_PIN, "0000", "MAX 9999"]).prop_map(Step::Pin),
        3 => proptest::sample::select(vec![
            "HUB-7", "LAP-15", "MOU-1", "SLV-JP", "3*CAB-2", "9999*MOU-1", "0*HUB-7",
            "400638133393", "4006381333938", "C0042", "10%", "99%", "1000000000000", "1.234",
            "50", "0.01", "TILL1-000001",
        ]).prop_map(Step::Scan),
    ]
}

/// What must hold after any key.
fn check(till: &Till) -> Result<(), TestCaseError> {
    let model = &till.model;
    prop_assert_eq!(
        model.busy,
        None,
        "every effect ran, so nothing is in flight"
    );
    let lines = model.cart().lines();
    prop_assert!(lines.len() <= MAX_LINES);
    for line in lines {
        prop_assert!((1..=MAX_LINE_QTY).contains(&line.qty), "qty {}", line.qty);
        prop_assert!(!line.unit_price.is_negative());
    }
    if let Some(s) = model.selected {
        prop_assert!(s < lines.len(), "selected {s} of {}", lines.len());
    }
    let t = &model.totals;
    prop_assert_eq!(t.lines.len(), lines.len());
    let gross: Money = t.lines.iter().map(|l| l.gross).sum();
    prop_assert_eq!(t.subtotal, gross);
    let discounts: Money = t
        .lines
        .iter()
        .map(|l| l.line_discount + l.bundle_discount + l.order_discount)
        .sum();
    prop_assert_eq!(t.discounts, discounts);
    for l in &t.lines {
        prop_assert!(!l.net.is_negative());
        prop_assert_eq!(
            l.net,
            l.gross - l.line_discount - l.bundle_discount - l.order_discount
        );
    }
    let net: Money = t.lines.iter().map(|l| l.net).sum();
    let tax: Money = t.lines.iter().map(|l| l.tax).sum();
    prop_assert_eq!(t.tax, tax);
    let expected = if model.settings.tax.inclusive {
        net
    } else {
        net + tax
    };
    prop_assert_eq!(t.total, expected);
    if let Some(tender) = &model.order.tender {
        prop_assert!(tender.paid() <= tender.due(), "paid beyond what is due");
        for p in tender.payments() {
            prop_assert!(p.amount > Money::ZERO);
            prop_assert!(p.tendered >= p.amount, "change is never negative");
        }
        if model.payments_taken() {
            prop_assert_eq!(tender.due(), t.total, "the lines are locked once paid into");
        }
    }
    if matches!(model.session, Session::SignedOut { .. }) {
        prop_assert!(model.cart().is_empty() && model.overlays.is_empty());
    }
    for sale in &till.backend.sales {
        let paid: Money = sale.payments.iter().map(|p| p.amount).sum();
        let lines: Money = sale.lines.iter().map(|l| l.paid).sum();
        prop_assert_eq!(paid, lines, "a sale is paid exactly");
    }
    Ok(())
}

/// The store agrees with the screen: the till's open draft is the order on screen, or the
/// order on screen is still empty and need not be on disk.
fn store_agrees(till: &Till) -> Result<(), TestCaseError> {
    let model = &till.model;
    if model.signed_in().is_none() || model.unsaved.is_some() {
        return Ok(());
    }
    match till.backend.open_draft_of(&model.till) {
        Some(saved) => {
            // The amount due of a payment window not yet paid into is worked out again.
            let mut shown = model.order.clone();
            if !model.payments_taken() {
                shown.tender = saved.tender.clone();
            }
            prop_assert_eq!(saved, &shown, "the saved draft is the order on screen");
        }
        None => prop_assert!(
            model.cart().is_empty() && model.order.customer.is_none(),
            "an order on screen with nothing on disk"
        ),
    }
    Ok(())
}

/// After any sequence: the order on screen is paid, or refused with a reason and then
/// cleared by a manager's void, and the store agrees with the screen at each step. (An
/// order emptied after an offer was once closed by the store while the till sold on: it
/// could be neither paid nor voided.)
fn pay_or_void(till: &mut Till) -> Result<(), TestCaseError> {
    if till.model.quit {
        return Ok(());
    }
    if !till.is_signed_in() {
        till.sign_in(CASHIER_PIN);
    }
    if !till.is_signed_in() {
        return Ok(()); // the PIN pad is locked: nothing is on screen to pay
    }
    store_agrees(till)?;
    for _ in 0..6 {
        if till.model.overlays.is_empty() {
            break;
        }
        till.key(Key::Esc);
    }
    prop_assert!(till.model.overlays.is_empty(), "{:?}", till.model.top());
    if till.model.cart().is_empty() {
        return Ok(());
    }
    let order_id = till.model.order.id.clone();
    let sales = till.backend.sales.len();
    till.key(Key::F(12));
    for _ in 0..24 {
        till.key(Key::Backspace);
    }
    till.key(Key::Enter);
    if till.backend.sales.len() == sales + 1 {
        prop_assert_eq!(&till.backend.sales[sales].order_id, &order_id);
        prop_assert!(till.model.cart().is_empty(), "a new order follows the sale");
        return store_agrees(till);
    }
    let reason = till.message();
    prop_assert!(
        till.is_error() && !reason.is_empty(),
        "refused without a reason"
    );
    for _ in 0..6 {
        if till.model.overlays.is_empty() {
            break;
        }
        till.key(Key::Esc);
    }
    till.key(Key::F(8));
    till.key(Key::Enter);
    if till.model.top().is_some() {
        till.sign_in(MANAGER_PIN); // a void after a payment asks a manager
    }
    prop_assert!(
        till.backend.voids.iter().any(|(id, _)| *id == order_id),
        "refused ({reason}) and not voided either: {}",
        till.message()
    );
    prop_assert!(till.model.cart().is_empty() && till.model.order.id != order_id);
    store_agrees(till)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(40)))]

    #[test]
    fn any_keys_keep_the_order_consistent(steps in proptest::collection::vec(arb_step(), 0..120)) {
        let mut till = Till::signed_in();
        for step in steps {
            match step {
                Step::Key(key) => till.key(key),
                Step::Pin(pin) => till.sign_in(pin),
                Step::Scan(code) => till.scan(code),
                Step::Wait(ms) => wait(&mut till, ms),
            }
            check(&till)?;
            store_agrees(&till)?;
            if till.model.quit {
                break;
            }
        }
        pay_or_void(&mut till)?;
    }
}

fn wait(till: &mut Till, ms: i64) {
    till.now += chrono::Duration::milliseconds(ms);
    till.act(xsell::app::Action::Tick);
}

/// The steps above, with the offers panel's keys and time passing.
fn arb_panel_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => arb_step(),
        3 => proptest::sample::select(vec![
            Key::Alt('1'), Key::Alt('2'), Key::Alt('3'), Key::Alt('n'), Key::Alt('l'),
            Key::Alt('y'), Key::Alt('s'), Key::F(11), Key::Tab,
        ]).prop_map(Step::Key),
        3 => (100i64..40_000).prop_map(Step::Wait),
    ]
}

/// What must hold of the offers after any key: the panel within its limits, and every line
/// from an offer backed by an offer of this order that was accepted.
fn check_offers(till: &Till) -> Result<(), TestCaseError> {
    let s = &till.model.offers;
    let settings = s.panel.settings();
    prop_assert!(s.panel.visible().count() <= settings.max_visible);
    prop_assert!(s.panel.shown() <= settings.per_order);
    if till.model.order.holdout {
        prop_assert_eq!(
            s.panel.visible().count(),
            0,
            "a control order shows nothing"
        );
    }
    for line in till.model.cart().lines() {
        if let xsell::domain::cart::LineOrigin::Suggestion(uid) = line.origin {
            let offer = till.backend.offers.iter().find(|o| o.uid == uid);
            prop_assert!(offer.is_some(), "a line names an offer not on record");
            let offer = offer.unwrap();
            prop_assert_eq!(&offer.order_id, &till.model.order.id);
            prop_assert_eq!(offer.outcome, Some(xsell::timing::Outcome::Accepted));
        }
    }
    for sale in &till.backend.sales {
        for offer in till
            .backend
            .offers
            .iter()
            .filter(|o| o.order_id == sale.order_id)
        {
            prop_assert!(
                offer.outcome.is_some(),
                "an offer left open on a paid order"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(40)))]

    #[test]
    fn any_keys_with_offers_on_screen_keep_the_order_and_its_offers_consistent(
        steps in proptest::collection::vec(arb_panel_step(), 0..120),
        holdout in prop_oneof![3 => Just(0u8), 1 => Just(100u8)],
    ) {
        let mut till = with_offers(holdout);
        for step in steps {
            take(&mut till, &step);
            check(&till)?;
            check_offers(&till)?;
            store_agrees(&till)?;
            if till.model.quit {
                break;
            }
        }
        pay_or_void(&mut till)?;
        check_offers(&till)?;
    }
}

fn with_offers(holdout: u8) -> Till {
    let mut till = Till::signed_in();
    let mut suggest = xsell::app::offers::Offers::new(xsell::timing::PromptSettings {
        holdout_percent: holdout,
        ..Default::default()
    });
    suggest.engine = Some(std::sync::Arc::new(offers_engine(
        till.model.catalog.clone(),
    )));
    till.model.offers = suggest;
    till
}

fn take(till: &mut Till, step: &Step) {
    match step {
        Step::Key(key) => till.key(*key),
        Step::Pin(pin) => till.sign_in(pin),
        Step::Scan(code) => till.scan(code),
        Step::Wait(ms) => wait(till, *ms),
    }
}

/// Answers that mean "not now". A key the status bar offers must never get one: the hints
/// once offered F11 after a payment had locked the lines.
const NOT_NOW: &[&str] = &[
    xsell::app::register::LOCKED,
    "Nothing to pay",
    "No line selected",
    "Nothing to discount",
    "Nothing to void",
    "No offer on screen",
    "There is no offer",
    "No customer on this order",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(10)))]

    #[test]
    fn every_hint_is_a_key_that_works_now(
        steps in proptest::collection::vec(arb_panel_step(), 0..60),
    ) {
        let replay = |upto: &[Step]| {
            let mut till = with_offers(0);
            for step in upto {
                take(&mut till, step);
            }
            till
        };
        let till = replay(&steps);
        if till.model.quit {
            return Ok(());
        }
        for (binding, label) in till.model.hints() {
            let mut tried = replay(&steps);
            tried.model.message = None;
            tried.key(binding.key);
            let said = tried.message();
            prop_assert!(
                !NOT_NOW.iter().any(|n| said.starts_with(n)),
                "'{} {label}' was offered in {:?} but answers: {said}",
                binding.key,
                till.model.context()
            );
        }
    }
}

fn kiosk() -> Till {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(24)))]

    /// A customer at a kiosk cannot discount, change a price or leave without a manager.
    #[test]
    fn any_keys_at_a_kiosk_stay_within_self_service(steps in proptest::collection::vec(arb_step(), 0..120)) {
        let mut till = kiosk();
        for step in steps {
            match step {
                Step::Key(key) => till.key(key),
                Step::Pin(pin) => till.sign_in(pin),
                Step::Scan(code) => till.scan(code),
                Step::Wait(ms) => wait(&mut till, ms),
            }
            check(&till)?;
            let left = till.backend.audit_log.iter().any(|e| e.action.ends_with("kiosk"));
            if !left {
                prop_assert!(till.model.mode == xsell::app::model::Mode::Kiosk && till.is_signed_in() && !till.model.quit);
                prop_assert!(till.model.cart().order_discount().is_none());
                for line in till.model.cart().lines() {
                    prop_assert!(line.discount.is_none());
                    prop_assert_eq!(line.unit_price, line.list_price);
                }
            }
            if till.model.quit {
                break;
            }
        }
    }
}
