//! What a shopper reads at the kiosk, checked word by word: no staff words in any key hint
//! or on the screen, at most two function keys, and a loyalty card that shows only the
//! customer's first name. (The screens themselves are snapshots in kiosk_screens.rs.)

use xsell::app::Key;
use xsell::app::keymap::Context;

use crate::kiosk_screens::{kiosk_with_offers, pause, text};
use crate::register_support::*;

/// Words of the till that a shopper must never read.
const STAFF_WORDS: [&str; 11] = [
    "SKU",
    "qty",
    "Alt+",
    "customer",
    "recall",
    "trainee",
    "F5",
    "F2 ",
    "F4 ",
    "Change due",
    "helpful",
];

fn hints(till: &Till) -> Vec<String> {
    till.model
        .hints()
        .iter()
        .map(|(b, label)| format!("{} {label}", b.key))
        .collect()
}

fn assert_shoppers_words(till: &Till, when: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = text(&till.model, w, h);
        for word in STAFF_WORDS {
            assert!(
                !screen.contains(word),
                "{when}, {w}×{h}: {word:?} in\n{screen}"
            );
        }
    }
    let function_keys: Vec<String> = hints(till)
        .into_iter()
        .filter(|h| h.starts_with('F') && h.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
        .collect();
    assert!(function_keys.len() <= 2, "{when}: {function_keys:?}");
}

#[test]
fn every_kiosk_screen_is_in_the_shoppers_words() {
    let mut till = kiosk_with_offers();
    assert_shoppers_words(&till, "welcome");
    // The status line names neither the till nor the kiosk's pseudo staff member (the
    // receipt on paper still says who served: "Self-service").
    assert!(!text(&till.model, 80, 24).contains("Self-service"));
    till.scan(&barcode(LAPTOP));
    pause(&mut till);
    assert_shoppers_words(&till, "an offer");
    till.key(Key::F(11));
    till.key(Key::Enter);
    assert_shoppers_words(&till, "departments");
    till.key(Key::Enter);
    assert_shoppers_words(&till, "a department");
    till.key(Key::Esc);
    till.key(Key::Esc);
    till.key(Key::F(12));
    assert_shoppers_words(&till, "paying");
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    assert_shoppers_words(&till, "the finished sale");
}

#[test]
fn the_kiosk_binds_only_arrows_enter_esc_and_two_function_keys_for_shoppers() {
    let hinted_anywhere = [
        Context::KioskMain,
        Context::KioskFinder,
        Context::KioskStartOver,
    ]
    .iter()
    .flat_map(|c| c.bindings())
    .filter(|b| !b.label.is_empty())
    .map(|b| b.key)
    .collect::<Vec<_>>();
    for key in &hinted_anywhere {
        assert!(
            matches!(
                key,
                Key::Up | Key::Down | Key::Left | Key::Right | Key::Enter | Key::Esc
            ) || matches!(key, Key::F(11) | Key::F(12)),
            "{key:?}"
        );
    }
}

#[test]
fn a_loyalty_card_shows_only_the_first_name() {
    let mut till = kiosk_with_offers();
    till.scan("c0042");
    assert_eq!(till.message(), "Welcome back, Jordan");
    assert_eq!(till.model.order.customer.as_deref(), Some("C0042"));
    let screen = text(&till.model, 120, 40);
    assert!(screen.contains("Welcome back, Jordan"), "{screen}");
    for private in ["Lee", "C0042", "555-0142", "jordan.lee@", "visits", "spent"] {
        assert!(!screen.contains(private), "{private}: {screen}");
    }
    till.scan(&barcode(LAPTOP));
    let screen = text(&till.model, 80, 24);
    assert!(screen.contains("Welcome back, Jordan"), "{screen}");
    assert!(!screen.contains("Lee"), "{screen}");
}
