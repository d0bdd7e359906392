//! What the suggestion panel looks like: snapshots over ratatui's `TestBackend` with each
//! kind of offer (add-on, upgrade, bundle), with none, on a held-out order, and the
//! feedback question after a sale; and no panic at any size.

use crate::register_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use register_support::*;
use xsell::app::offers::Offers;
use xsell::app::overlay::Overlay;
use xsell::app::{Action, Key, Model};
use xsell::domain::money::Money;
use xsell::recommend::engine::{Kind, Recommendation, Source};
use xsell::timing::{PromptSettings, Trigger};

fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

fn offer(sku: &str, name: &str, kind: Kind, source: Source) -> Recommendation {
    Recommendation {
        sku: sku.into(),
        name: name.into(),
        price: Money::from_minor(2_900),
        kind,
        source,
        score: 0.9,
        reason: "Cut for 15-inch laptops like this one, snug and padded".into(),
        script: "This sleeve is made for the 15-inch: no sliding around in the bag.".into(),
        replaces: None,
        price_difference: None,
        bundle_id: None,
        saving: None,
        rule_id: None,
        rule: format!("curated:LAP-15>{sku}"),
    }
}

fn all_kinds() -> Vec<Recommendation> {
    let add_on = offer(
        "SLV-15",
        "Laptop sleeve 15\"",
        Kind::CrossSell,
        Source::Curated,
    );
    let upgrade = Recommendation {
        price: Money::from_minor(139_900),
        price_difference: Some(Money::from_minor(20_000)),
        replaces: Some("LAP-15".into()),
        reason: "Twice the memory for big spreadsheets and many tabs".into(),
        script: "For $200 more it has 32GB: it will stay fast for years.".into(),
        ..offer(
            "LAP-15-32",
            "UltraBook 15 (32GB)",
            Kind::Upsell,
            Source::Ladder,
        )
    };
    let bundle = Recommendation {
        saving: Some(Money::from_minor(1_500)),
        bundle_id: Some("WFH".into()),
        reason: "Completes the Work-from-home kit and saves $15.00".into(),
        script: "Add the hub and the kit price applies: $15 off.".into(),
        ..offer("HUB-7", "USB-C hub 7-in-1", Kind::Bundle, Source::Bundle)
    };
    vec![add_on, upgrade, bundle]
}

/// A till with a laptop on the order and `offers` on the panel.
fn till_with_offers(offers: Vec<Recommendation>, holdout: u8) -> Till {
    let mut till = Till::signed_in();
    till.model.offers = Offers::new(PromptSettings {
        per_trigger: 3,
        holdout_percent: holdout,
        ..PromptSettings::default()
    });
    till.act(Action::Tick);
    till.scan(&barcode(LAPTOP));
    till.now += chrono::Duration::seconds(4);
    let now = till.now;
    till.model.offers.panel.offer(Trigger::Item, offers, now);
    till.now += chrono::Duration::seconds(3);
    till.act(Action::Tick);
    till
}

#[test]
fn each_kind_of_offer() {
    let till = till_with_offers(all_kinds(), 0);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("offers_{w}x{h}"), render(&till.model, w, h));
    }
    let screen = render(&till.model, 120, 40).to_string();
    for text in [
        "ADD-ON",
        "UPGRADE",
        "BUNDLE",
        "+$200.00",
        "save $15.00",
        "27s",
    ] {
        assert!(screen.contains(text), "{text} missing:\n{screen}");
    }
}

#[test]
fn a_narrow_screen_shows_the_selected_offer_on_one_line() {
    let till = till_with_offers(all_kinds(), 0);
    let screen = render(&till.model, 60, 20).to_string();
    insta::assert_snapshot!("offers_narrow_60x20", screen.clone());
    assert!(
        screen.contains("1/3 ADD-ON") && screen.contains("$29.00"),
        "{screen}"
    );
}

#[test]
fn the_second_offer_selected() {
    let mut till = till_with_offers(all_kinds(), 0);
    till.key(Key::Tab);
    insta::assert_snapshot!(
        "offers_second_selected_120x40",
        render(&till.model, 120, 40)
    );
}

#[test]
fn no_offers_no_panel() {
    let mut till = Till::signed_in();
    till.scan(&barcode(LAPTOP));
    let screen = render(&till.model, 120, 40).to_string();
    insta::assert_snapshot!("offers_none_120x40", screen.clone());
    assert!(!screen.contains("Offers"));
}

#[test]
fn a_control_group_order_says_there_is_nothing_to_offer_instead_of_looking_broken() {
    let till = till_with_offers(all_kinds(), 100);
    assert_eq!(
        till.model.offers.panel.open().len(),
        3,
        "recorded, not shown"
    );
    let screen = render(&till.model, 120, 40).to_string();
    assert!(!screen.contains("ADD-ON"), "{screen}");
    // Not a blank where a panel should be: it says, neutrally, that there is nothing.
    assert!(
        screen.contains("Offers") && screen.contains("Nothing to offer on this order"),
        "{screen}"
    );
    insta::assert_snapshot!("offers_control_group_80x24", render(&till.model, 80, 24));
}

#[test]
fn the_receipt_asks_whether_the_suggestion_helped() {
    let mut till = Till::signed_in();
    till.scan(&barcode(LAPTOP));
    till.key(Key::F(12));
    till.type_text("1400\n");
    let Some(Overlay::Receipt(receipt)) = till.model.overlays.last_mut() else {
        panic!("no receipt on screen");
    };
    receipt.feedback_for = Some("order-1".into());
    insta::assert_snapshot!("receipt_feedback_120x40", render(&till.model, 120, 40));
}

#[test]
fn offers_at_any_size_never_panic() {
    let till = till_with_offers(all_kinds(), 0);
    for w in [1, 2, 5, 20, 40, 71, 72, 73, 99, 100, 101, 160] {
        for h in [1, 2, 3, 5, 8, 13, 24, 50] {
            render(&till.model, w, h);
        }
    }
}

#[test]
fn the_offers_panel_still_said_f11_add_after_a_payment_locked_the_lines() {
    let mut till = till_with_offers(all_kinds(), 0);
    // A card pays part of the order: no line can be added any more.
    till.key(Key::F(12));
    till.key(Key::Tab);
    till.type_text("100\nA1\n");
    till.key(Key::Esc);
    assert!(till.model.payments_taken());
    for (w, h) in [(120, 40), (60, 20)] {
        let screen = render(&till.model, w, h).to_string();
        assert!(screen.contains("Alt+N no"), "{w}x{h}:\n{screen}");
        assert!(!screen.contains("F11"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn an_escape_sequence_in_an_offers_reason_cut_off_the_rest_of_the_line() {
    let evil = Recommendation {
        reason: "1 of 3 who bought Evil\u{1b}]0;pwned\u{7}\u{1b}[2J lamp also took this".into(),
        ..offer("SLV-15", "Sleeve", Kind::CrossSell, Source::Mined)
    };
    let till = till_with_offers(vec![evil], 0);
    let screen = render(&till.model, 120, 40).to_string();
    // Shown, not obeyed, and nothing after it lost to a miscounted width.
    assert!(screen.contains("Evil\u{FFFD}]0;pwned"), "{screen}");
    assert!(screen.contains("lamp also took"), "{screen}");
    // The status bar wraps its message the same way.
    let mut till = till;
    till.model.info(format!(
        "Added Evil\u{1b}]0;pwned\u{7} lamp {}",
        "x".repeat(60)
    ));
    let screen = render(&till.model, 80, 24).to_string();
    assert!(
        screen.contains("Evil\u{FFFD}]0;pwned\u{FFFD} lamp"),
        "{screen}"
    );
}

#[test]
fn the_kiosk_shows_each_offer_in_the_shoppers_words() {
    let mut till = crate::roles::kiosk();
    till.model.offers = Offers::new(PromptSettings {
        per_trigger: 3,
        holdout_percent: 0,
        ..PromptSettings::default()
    });
    till.act(Action::Tick);
    till.scan(&barcode(LAPTOP));
    till.now += chrono::Duration::seconds(4);
    let now = till.now;
    till.model
        .offers
        .panel
        .offer(Trigger::Item, all_kinds(), now);
    till.now += chrono::Duration::seconds(3);
    till.act(Action::Tick);
    let screen = render(&till.model, 120, 40).to_string();
    insta::assert_snapshot!("offers_kiosk_120x40", screen.clone());
    // A shopper sees one offer at a time: each "no thanks" (Esc) brings the next.
    let mut seen = String::new();
    for text in [
        "Goes well with your UltraBook 15",
        "A step up from your UltraBook 15",
        "Complete the set and save $15.00",
    ] {
        let screen = render(&till.model, 120, 40).to_string();
        assert!(screen.contains(text), "{text} missing:\n{screen}");
        seen.push_str(&screen);
        till.key(xsell::app::Key::Esc);
    }
    let screen = seen;
    // Neither the evidence nor the line a clerk would say.
    for text in ["Cut for 15-inch", "This sleeve is made", "For $200 more"] {
        assert!(!screen.contains(text), "{text} shown:\n{screen}");
    }
}
