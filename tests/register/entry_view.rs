//! What the small entry windows look like while the cashier types: the quantity, the price
//! and the discount of a line, and the form for a new customer. Snapshots over ratatui's
//! `TestBackend` at 80×24, each opened on an order with a few lines, the value half typed.

use crate::register_support::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xsell::app::overlay::Overlay;
use xsell::app::{Key, Model};

fn render(model: &Model) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

fn order() -> Till {
    let mut till = Till::signed_in();
    till.scan(&barcode(LAPTOP));
    till.scan("2*CAB-2");
    till.scan("MOU-1");
    till
}

/// The window `key` opens on the selected line (the last one scanned), with `typed` in it.
fn entry(key: Key, typed: &str) -> Till {
    let mut till = order();
    till.key(key);
    assert!(
        matches!(till.model.overlays.last(), Some(Overlay::Entry(_))),
        "{key:?} opened no entry"
    );
    till.type_text(typed);
    till
}

#[test]
fn quantity_entry() {
    let till = entry(Key::F(5), "4");
    insta::assert_snapshot!("quantity_80x24", render(&till.model));
}

#[test]
fn price_entry() {
    let till = entry(Key::F(9), "19.9");
    insta::assert_snapshot!("price_80x24", render(&till.model));
}

#[test]
fn discount_entry() {
    let till = entry(Key::F(6), "15%");
    insta::assert_snapshot!("discount_80x24", render(&till.model));
}

#[test]
fn new_customer_form() {
    let mut till = order();
    till.key(Key::F(2));
    till.key(Key::Ctrl('n'));
    assert!(
        matches!(till.model.overlays.last(), Some(Overlay::Customer(_))),
        "Ctrl+N left the customer window"
    );
    till.type_text("Rosa Díaz");
    till.key(Key::Tab);
    till.type_text("555-01");
    insta::assert_snapshot!("new_customer_80x24", render(&till.model));
}
