//! Fields that expect an amount or a quantity refuse what is not one, say why, and never
//! turn refused input into a default action; limits are stated with what is already on the
//! order; selling past the stock shown warns and sells on.

use crate::register_support;

use register_support::*;
use xsell::app::Key;
use xsell::app::model::Tone;
use xsell::domain::cart::Discount;
use xsell::domain::money::Money;

fn tone(till: &Till) -> Option<Tone> {
    till.model.message.as_ref().map(|m| m.tone)
}

fn paid(till: &Till) -> Money {
    till.model
        .order
        .tender
        .as_ref()
        .map_or(Money::ZERO, |t| t.paid())
}

fn amount_field(till: &Till) -> String {
    match till.model.top() {
        Some(xsell::app::overlay::Overlay::Tender(t)) => t.amount.text().to_string(),
        other => panic!("no payment window: {other:?}"),
    }
}

#[test]
fn a_letter_in_the_cash_field_is_refused_not_dropped() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.type_text("2o");
    assert_eq!(amount_field(&till), "2o", "what was typed shows");
    let enter = till
        .model
        .hints()
        .into_iter()
        .find(|(b, _)| b.key == Key::Enter);
    assert_eq!(
        enter.map(|(_, label)| label),
        Some("check amount"),
        "not 'take cash'"
    );
    for _ in 0..2 {
        till.key(Key::Enter);
        assert_eq!(paid(&till), Money::ZERO, "nothing taken");
        assert!(till.is_error());
        assert!(
            till.message().contains("'2o' is not an amount"),
            "{}",
            till.message()
        );
        assert_eq!(amount_field(&till), "2o", "kept to be corrected");
    }
    till.key(Key::Backspace);
    till.key(Key::Enter);
    assert_eq!(paid(&till), Money::from_minor(200));
}

#[test]
fn letters_then_enter_in_the_payment_window_never_complete_the_sale() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.type_text("abc\n\n");
    assert!(till.backend.sales.is_empty(), "{}", till.message());
    assert_eq!(paid(&till), Money::ZERO);
    assert!(till.message().contains("'abc' is not an amount"));
}

#[test]
fn a_refused_quantity_is_refused_again_on_the_second_enter() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(5));
    till.type_text("2x\n");
    assert!(
        till.message()
            .contains("'2x' is not a quantity: type a whole number, 1 to 9999"),
        "{}",
        till.message()
    );
    till.key(Key::Enter);
    assert!(till.message().contains("'2x' is not a quantity"));
    assert_eq!(till.lines(), [("HUB-7".to_string(), 1)]);
}

#[test]
fn a_refused_discount_is_not_taken_as_no_discount_on_the_second_enter() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(6));
    till.type_text("10%\n");
    let discounted = || Some(Discount::Percent(1_000));
    assert_eq!(till.model.cart().lines()[0].discount, discounted());
    till.key(Key::F(6));
    till.type_text("ten\n");
    assert!(till.is_error(), "{}", till.message());
    till.key(Key::Enter);
    assert!(till.is_error(), "{}", till.message());
    assert_eq!(
        till.model.cart().lines()[0].discount,
        discounted(),
        "the discount stays as it was"
    );
}

#[test]
fn the_quantity_limit_message_says_the_limit_and_what_is_already_there() {
    let mut till = Till::signed_in();
    till.scan("2*CAB-2");
    till.scan("9999*CAB-2");
    assert!(till.is_error());
    assert_eq!(
        till.message(),
        "9999 more would make 10001 on one line: 2 already there, at most 9999 a line (up to 9997 more)"
    );
    assert_eq!(till.lines(), [("CAB-2".to_string(), 2)]);
}

#[test]
fn selling_more_than_the_stock_shows_warns_and_sells_on() {
    let mut till = Till::signed_in();
    // Three headphones on the shelf, as the store counts them.
    till.scan("2*HP-1");
    assert_eq!(tone(&till), Some(Tone::Success), "{}", till.message());
    till.scan("2*HP-1");
    assert_eq!(tone(&till), Some(Tone::Warning));
    assert!(
        till.message().contains("only 3 in stock, 4 on this order"),
        "{}",
        till.message()
    );
    assert_eq!(
        till.lines()[0],
        ("HP-1".to_string(), 4),
        "added all the same"
    );

    till.key(Key::F(5));
    till.type_text("6\n");
    assert!(till.message().contains("only 3 in stock, 6 on this order"));

    till.scan("SLV-JP");
    assert!(
        till.message().contains("none in stock, 1 on this order"),
        "{}",
        till.message()
    );
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
}
