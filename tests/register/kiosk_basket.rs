//! A shopper's few keys at the kiosk, driven through the real register: Enter finds a
//! product (by department or by name) or adds what is scanned, the arrows choose an item
//! and change how many, Esc clears, says "no thanks" or asks to start over, F11 takes the
//! one offer on screen.

use xsell::app::Key;
use xsell::app::overlay::Overlay;
use xsell::domain::cart::LineOrigin;

use crate::kiosk_screens::{kiosk_with_offers, pause};
use crate::register_support::*;

#[test]
fn enter_with_nothing_typed_opens_the_departments_and_adds_the_product_chosen() {
    let mut till = crate::roles::kiosk();
    till.key(Key::Enter);
    assert!(matches!(till.model.top(), Some(Overlay::KioskFinder(_))));
    // The fixture shop's departments: Accessories, Laptops.
    till.key(Key::Down);
    till.key(Key::Enter);
    till.key(Key::Enter);
    assert_eq!(till.lines(), [("LAP-15".to_string(), 1)]);
    assert!(till.model.top().is_none(), "back at the basket");
    assert_eq!(till.message(), "Added UltraBook 15 (16GB)");
}

#[test]
fn a_name_typed_is_searched_and_esc_walks_back_one_step_at_a_time() {
    let mut till = crate::roles::kiosk();
    till.type_text("mouse\n");
    let Some(Overlay::KioskFinder(finder)) = till.model.top() else {
        panic!("no finder: {}", till.message());
    };
    assert_eq!(finder.search.query.text(), "mouse");
    till.key(Key::Esc);
    till.key(Key::Enter);
    till.key(Key::Esc);
    till.key(Key::Esc);
    assert!(till.model.top().is_none());
    assert!(till.lines().is_empty());
    till.type_text("wireless mouse\n");
    till.key(Key::Enter);
    assert_eq!(till.lines(), [("MOU-1".to_string(), 1)]);
}

#[test]
fn a_barcode_scanned_while_the_finder_is_open_is_added() {
    let mut till = crate::roles::kiosk();
    till.key(Key::Enter);
    till.scan(&barcode(HUB));
    assert_eq!(till.lines(), [("HUB-7".to_string(), 1)]);
    assert!(till.model.top().is_none());
}

#[test]
fn an_unknown_code_is_said_in_the_shoppers_words() {
    let mut till = crate::roles::kiosk();
    till.scan("12345");
    assert!(till.is_error());
    assert!(
        till.message().starts_with("We do not know the code 12345"),
        "{}",
        till.message()
    );
    assert!(till.model.input.is_empty());
}

#[test]
fn the_arrows_change_how_many_and_one_fewer_than_one_takes_it_out() {
    let mut till = crate::roles::kiosk();
    till.scan("HUB-7");
    till.scan("MOU-1");
    till.key(Key::Up);
    till.key(Key::Right);
    till.key(Key::Right);
    assert_eq!(
        till.lines(),
        [("HUB-7".to_string(), 3), ("MOU-1".to_string(), 1)]
    );
    assert_eq!(till.message(), "3 × USB-C hub 7-in-1");
    till.key(Key::Down);
    till.key(Key::Left);
    assert_eq!(till.lines(), [("HUB-7".to_string(), 3)]);
    assert!(till.message().starts_with("Removed Wireless mouse"));
    // The trail keeps a line taken off, at a kiosk as at the till.
    assert!(
        till.backend
            .audit_log
            .iter()
            .any(|e| e.action == "remove line")
    );
}

#[test]
fn esc_clears_then_asks_before_emptying_the_basket() {
    let mut till = crate::roles::kiosk();
    till.scan("HUB-7");
    till.type_text("12");
    till.key(Key::Esc);
    assert!(till.model.input.is_empty());
    assert!(till.model.top().is_none(), "clearing asks nothing");
    till.key(Key::Esc);
    assert!(matches!(till.model.top(), Some(Overlay::StartOver)));
    till.key(Key::Esc);
    assert_eq!(till.lines().len(), 1, "kept");
    till.key(Key::Esc);
    let basket = till.model.order.id.clone();
    till.key(Key::Enter);
    assert!(till.lines().is_empty());
    assert_eq!(
        till.backend.voids,
        vec![(basket, "shopper started over at the kiosk".to_string())]
    );
    assert_eq!(
        till.message(),
        "Your basket is empty: scan an item to start again"
    );
}

#[test]
fn a_scan_while_asked_to_start_over_keeps_the_basket_and_adds_the_item() {
    let mut till = crate::roles::kiosk();
    till.scan("HUB-7");
    till.key(Key::Esc);
    till.scan("MOU-1");
    assert!(till.model.top().is_none());
    assert_eq!(till.lines().len(), 2);
}

#[test]
fn one_offer_at_a_time_never_stops_the_scanning_and_f11_takes_it() {
    let mut till = kiosk_with_offers();
    till.scan(&barcode(LAPTOP));
    pause(&mut till);
    // The engine has two offers for the laptop; a shopper is shown one.
    assert_eq!(till.model.offers.panel.visible().count(), 1);
    let offer = till.model.offers.panel.visible().next().cloned().unwrap();
    till.scan("HP-1");
    assert_eq!(till.lines().len(), 2, "scanning goes on");
    assert_eq!(
        till.model.offers.panel.visible().next().map(|p| p.uid),
        Some(offer.uid)
    );
    till.key(Key::F(11));
    let line = till.model.cart().lines().last().unwrap();
    assert_eq!(line.sku, offer.offer.sku);
    assert_eq!(line.origin, LineOrigin::Suggestion(offer.uid));
}

#[test]
fn esc_says_no_thanks_to_the_offer_and_it_is_not_offered_again() {
    let mut till = kiosk_with_offers();
    till.scan(&barcode(LAPTOP));
    pause(&mut till);
    let offer = till.model.offers.panel.visible().next().cloned().unwrap();
    till.key(Key::Esc);
    assert_eq!(till.message(), "No problem: we will not offer it again");
    assert!(
        till.model
            .offers
            .panel
            .declined()
            .contains(&offer.offer.sku)
    );
    assert!(till.model.offers.panel.visible().next().is_none());
    assert!(till.model.top().is_none(), "no question asked");
    assert_eq!(till.lines().len(), 1);
}

#[test]
fn the_finished_sale_asks_no_question_about_the_offers() {
    let mut till = kiosk_with_offers();
    till.scan(&barcode(LAPTOP));
    pause(&mut till);
    till.key(Key::F(11));
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    let Some(Overlay::Receipt(receipt)) = till.model.top() else {
        panic!("no finish screen");
    };
    assert!(receipt.feedback_for.is_none());
    assert!(
        receipt.payments[0]
            .reference
            .as_deref()
            .is_some_and(|r| r.starts_with("SIM-"))
    );
    let hinted: Vec<&str> = till.model.hints().iter().map(|(_, l)| *l).collect();
    assert!(hinted.contains(&"done"), "{hinted:?}");
    till.key(Key::Enter);
    assert!(till.model.top().is_none() && till.lines().is_empty());
}
