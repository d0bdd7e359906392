//! What the register looks like: snapshots of whole screens over ratatui's `TestBackend` at
//! 80×24 and 120×40, and renders at tiny and random sizes that must never panic.

use crate::register_support;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use register_support::*;
use xsell::app::{Key, Model};

fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

fn snap(name: &str, model: &Model) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(model, w, h));
    }
}

fn order_with_customer() -> Till {
    let mut till = Till::signed_in();
    till.scan(&barcode(LAPTOP));
    till.scan("3*CAB-2");
    till.scan("SLV-JP");
    till.scan("HP-1");
    till.key(Key::Up);
    till.key(Key::F(6));
    till.type_text("10%\n");
    till.key(Key::F(2));
    till.type_text("jordan\n");
    till
}

#[test]
fn sign_in_screen() {
    let mut till = Till::new();
    till.type_text("12");
    snap("sign_in", &till.model);
    let screen = render(&till.model, 80, 24).to_string();
    assert!(
        screen.contains("••") && !screen.contains("12"),
        "the PIN is masked"
    );
}

#[test]
fn wrong_pin_screen() {
    let mut till = Till::new();
    till.sign_in("5555");
    insta::assert_snapshot!("wrong_pin_80x24", render(&till.model, 80, 24));
}

#[test]
fn empty_order() {
    let till = Till::signed_in();
    snap("empty_order", &till.model);
}

#[test]
fn order_with_a_customer_attached() {
    let till = order_with_customer();
    snap("order_with_customer", &till.model);
}

#[test]
fn search_overlay() {
    let mut till = order_with_customer();
    till.key(Key::F(3));
    till.type_text("usb");
    snap("search", &till.model);
    // The letters that matched are highlighted, the others are not.
    let backend = render(&till.model, 80, 24);
    let buffer = backend.buffer();
    let (x, y) = (0..24u16)
        .flat_map(|y| (0..80u16).map(move |x| (x, y)))
        .find(|&(x, y)| {
            (x..(x + 9).min(80))
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                == "USB-C hub"
        })
        .expect("a result row");
    let cyan = |x: u16| buffer[(x, y)].fg == ratatui::style::Color::Cyan;
    assert!(cyan(x) && cyan(x + 1) && cyan(x + 2), "u, s, b matched");
    assert!(!cyan(x + 4), "the C did not match");
}

#[test]
fn tender_screen() {
    let mut till = order_with_customer();
    till.key(Key::F(12));
    till.key(Key::Tab);
    till.type_text("500\nAUTH-7731\n");
    till.key(Key::Tab);
    till.type_text("20");
    snap("tender", &till.model);
}

#[test]
fn receipt_after_a_cash_sale() {
    let mut till = Till::signed_in();
    till.scan(&barcode(LAPTOP));
    till.scan("2*MOU-1");
    till.key(Key::F(12));
    till.type_text("1400\n");
    snap("receipt", &till.model);
}

#[test]
fn manager_approval_prompt() {
    let mut till = order_with_customer();
    till.key(Key::F(9));
    till.type_text("999\n");
    till.type_text("99");
    insta::assert_snapshot!("manager_approval_80x24", render(&till.model, 80, 24));
}

#[test]
fn error_message_in_the_status_bar() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.scan("NOPE-42");
    let backend = render(&till.model, 80, 24);
    insta::assert_snapshot!("unknown_code_80x24", backend);
    // The message is drawn in red.
    let buffer = backend.buffer();
    let row = (0..24)
        .find(|&y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("Unknown code")
        })
        .expect("message on screen");
    let red = (0..80).any(|x| {
        buffer[(x, row)].symbol() == "U" && buffer[(x, row)].fg == ratatui::style::Color::Red
    });
    assert!(red);
}

/// Every screen the fixture can reach, for the size tests.
fn every_screen() -> Vec<Till> {
    let signed_out = Till::new();
    let order = order_with_customer();
    let mut search = order_with_customer();
    search.key(Key::F(3));
    search.type_text("usb");
    let mut tender = order_with_customer();
    tender.key(Key::F(12));
    let mut receipt = Till::signed_in();
    receipt.scan("HUB-7");
    receipt.key(Key::F(12));
    receipt.key(Key::Enter);
    let mut help = Till::signed_in();
    help.key(Key::F(1));
    let mut void = order_with_customer();
    void.key(Key::F(8));
    let mut customer_new = Till::signed_in();
    customer_new.key(Key::F(2));
    customer_new.key(Key::Ctrl('n'));
    vec![
        signed_out,
        order,
        search,
        tender,
        receipt,
        help,
        void,
        customer_new,
    ]
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    for till in every_screen() {
        for (w, h) in [
            (1, 1),
            (2, 1),
            (1, 2),
            (3, 3),
            (7, 5),
            (13, 4),
            (20, 9),
            (41, 13),
            (79, 23),
            (81, 25),
            (200, 3),
            (3, 200),
        ] {
            render(&till.model, w, h);
        }
    }
}

#[test]
fn one_by_one_renders() {
    let till = order_with_customer();
    let backend = render(&till.model, 1, 1);
    assert_eq!(backend.buffer().area.area(), 1);
}

#[test]
fn wide_names_keep_the_columns_aligned() {
    let till = order_with_customer();
    let screen = render(&till.model, 80, 24);
    let buffer = screen.buffer();
    // Cells are terminal columns: a double-width name takes two cells per character.
    let line_total_end = |y: u16| {
        let border = (1..80).find(|&x| buffer[(x, y)].symbol() == "│")?;
        (1..border).rev().find(|&x| {
            buffer[(x, y)].symbol().chars().all(|c| c.is_ascii_digit())
                && !buffer[(x, y)].symbol().is_empty()
                && buffer[(x, y)].symbol() != " "
        })
    };
    let row_text = |y: u16| {
        (0..80)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect::<String>()
    };
    let item_rows: Vec<u16> = (0..24)
        .filter(|&y| {
            ["UltraBook", "USB-C cable", "29.00", "Noise"]
                .iter()
                .any(|n| row_text(y).contains(n))
        })
        .collect();
    assert_eq!(item_rows.len(), 4, "every line is on screen");
    let ends: Vec<Option<u16>> = item_rows.iter().map(|&y| line_total_end(y)).collect();
    assert!(
        ends[0].is_some() && ends.iter().all(|e| *e == ends[0]),
        "{ends:?}"
    );
}

fn arb_key() -> impl Strategy<Value = Key> {
    prop_oneof![
        4 => proptest::sample::select(vec!['H', 'U', 'B', '-', '7', '3', '*', 'M', 'O', '1', 'x', '0', '.', '%', '5']).prop_map(Key::Char),
        3 => Just(Key::Enter),
        1 => Just(Key::Esc),
        1 => Just(Key::Tab),
        1 => Just(Key::Up),
        1 => Just(Key::Down),
        1 => Just(Key::Delete),
        1 => Just(Key::Backspace),
        1 => Just(Key::Right),
        2 => (1u8..=12).prop_filter("sign out would need slow PIN checks", |n| *n != 10).prop_map(Key::F),
        1 => proptest::sample::select(vec!['n', 'd', 'u']).prop_map(Key::Ctrl),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        keys in proptest::collection::vec(arb_key(), 0..60),
        sizes in proptest::collection::vec((1u16..140, 1u16..50), 1..4),
    ) {
        let mut till = Till::signed_in();
        till.scan("HUB-7");
        for key in keys {
            till.key(key);
            if till.model.quit { break; }
        }
        for (w, h) in sizes {
            render(&till.model, w, h);
        }
        // The order is always consistent with its totals.
        prop_assert_eq!(till.model.totals.lines.len(), till.model.cart().lines().len());
    }
}

#[test]
fn smaller_overlays() {
    let mut help = Till::signed_in();
    help.key(Key::F(1));
    insta::assert_snapshot!("help_80x24", render(&help.model, 80, 24));

    let mut customer = Till::signed_in();
    customer.key(Key::F(2));
    customer.type_text("555");
    insta::assert_snapshot!("customer_find_80x24", render(&customer.model, 80, 24));

    let mut void = order_with_customer();
    void.key(Key::F(8));
    insta::assert_snapshot!("void_80x24", render(&void.model, 80, 24));

    let mut held = Till::signed_in();
    held.scan("2*HUB-7");
    held.key(Key::F(4));
    held.key(Key::F(2));
    held.type_text("mia\n");
    held.scan("LAP-15");
    held.key(Key::F(4));
    held.key(Key::F(4));
    insta::assert_snapshot!("held_80x24", render(&held.model, 80, 24));

    let mut returns = Till::signed_in();
    returns.scan("2*HUB-7");
    returns.scan("SLV-JP");
    returns.key(Key::F(12));
    returns.key(Key::Enter);
    returns.key(Key::Esc);
    returns.key(Key::F(7));
    returns.type_text("TILL1-000001\n");
    returns.key(Key::Right);
    insta::assert_snapshot!("returns_80x24", render(&returns.model, 80, 24));
}
