//! The screen tells the truth: every hint is a key that works now and every key is in the
//! help; the payment window leaves answerable offers in view; at 80×24 variants stay apart
//! and figures are never cut; a long message wraps instead of being cut mid-word.

use crate::register_support;

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use register_support::*;
use xsell::app::keymap::{Command, Context};
use xsell::app::offers::Offers;
use xsell::app::{Action, Key, Model};
use xsell::domain::catalog::Catalog;
use xsell::timing::PromptSettings;

fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

fn rows(screen: &TestBackend) -> Vec<String> {
    let buffer = screen.buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

fn with_offers() -> Till {
    let mut till = Till::signed_in();
    let mut suggest = Offers::new(PromptSettings {
        holdout_percent: 0,
        ..PromptSettings::default()
    });
    suggest.engine = Some(Arc::new(offers_engine(till.model.catalog.clone())));
    till.model.offers = suggest;
    till.scan(&barcode(LAPTOP));
    till.now += chrono::Duration::seconds(1);
    till.act(Action::Tick);
    assert!(till.model.offers.panel.visible().next().is_some());
    till
}

fn hinted(till: &Till) -> Vec<Command> {
    till.model.hints().iter().map(|(b, _)| b.command).collect()
}

#[test]
fn after_a_partial_payment_the_hints_no_longer_offer_to_add_an_offer() {
    let mut till = with_offers();
    assert!(hinted(&till).contains(&Command::AcceptOffer));
    till.key(Key::F(12));
    assert!(
        hinted(&till).contains(&Command::AcceptOffer),
        "before paying"
    );
    till.type_text("100\n");
    assert!(till.model.payments_taken());
    assert!(!hinted(&till).contains(&Command::AcceptOffer));
    till.key(Key::Esc);
    let hints = hinted(&till);
    assert!(
        !hints.contains(&Command::AcceptOffer),
        "F11 would only say the order is locked"
    );
    assert!(
        hints.contains(&Command::DeclineOffer),
        "no thanks still works"
    );
    till.key(Key::F(11));
    assert!(till.is_error(), "{}", till.message());
}

#[test]
fn ctrl_r_and_every_key_of_the_order_screen_are_in_the_help() {
    for kiosk in [false, true] {
        let mut till = Till::signed_in();
        if kiosk {
            till.model.mode = xsell::app::model::Mode::Kiosk;
        }
        let help = till.model.help_rows();
        let context = if kiosk {
            Context::KioskMain
        } else {
            Context::Main
        };
        for binding in context.bindings() {
            let key = match binding.command {
                Command::AcceptNth(_) => "Alt+1-3".to_string(),
                // Talking to a practice customer: in the help of a training till only.
                Command::Converse(_) => continue,
                _ => binding.key.to_string(),
            };
            assert!(
                help.iter().any(|(keys, _)| keys.contains(&key)),
                "{key} ({:?}) is not in the help: {help:?}",
                binding.command
            );
        }
    }
    let till = Till::signed_in();
    assert!(hinted(&till).contains(&Command::Reports), "in the hint bar");
    let mut till = Till::signed_in();
    till.key(Key::F(1));
    let screen = rows(&render(&till.model, 80, 24)).join("\n");
    assert!(screen.contains("^R      reports"), "{screen}");
}

#[test]
fn the_payment_window_leaves_answerable_offers_in_view() {
    let mut till = with_offers();
    let before = rows(&render(&till.model, 120, 40));
    till.key(Key::F(12));
    let screen = render(&till.model, 120, 40);
    let after = rows(&screen);
    assert!(after.iter().any(|r| r.contains("Payment")));
    // The offers panel (the right 40 columns) is drawn exactly as before.
    for (b, a) in before.iter().zip(&after).skip(1).take(20) {
        let right = |r: &str| r.chars().skip(80).collect::<String>();
        assert_eq!(right(b), right(a));
    }
    insta::assert_snapshot!("payment_beside_offers_120x40", screen);
}

fn with_variants() -> Till {
    let mut till = Till::signed_in();
    let mut products = catalog().products().to_vec();
    let mut bigger = product("LAP-15-32", "UltraBook 15 (32GB)", 139_900, None, 3);
    bigger.category = "Laptops".into();
    products.push(bigger);
    till.model
        .install(Arc::new(Catalog::new(products)), customers(), Vec::new());
    till
}

#[test]
fn variants_stay_apart_and_figures_whole_at_80x24() {
    let mut till = with_variants();
    till.scan("LAP-15");
    till.scan("LAP-15-32");
    till.scan("9001*CAB-2");
    let screen = render(&till.model, 80, 24);
    let text = rows(&screen);
    let find = |needle: &str| text.iter().find(|r| r.contains(needle)).cloned();
    assert!(find("(16GB)").is_some(), "{text:#?}");
    assert!(find("(32GB)").is_some(), "{text:#?}");
    let cable = find("9001").expect("the quantity whole");
    assert!(
        cable.contains(" 12.99 ") && cable.contains(" 116,922.99"),
        "price and total whole and apart: {cable}"
    );
    insta::assert_snapshot!("variants_and_big_quantity_80x24", screen);
}

#[test]
fn a_long_message_wraps_instead_of_being_cut_mid_word() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    let message = "Order not saved: database or disk is full. It is still on screen and stays until it is saved";
    till.model.error(message);
    let screen = render(&till.model, 80, 24);
    let text = rows(&screen);
    let status: String = text
        .iter()
        .skip_while(|r| !r.contains("Till 1 · Ana"))
        .take(2)
        .map(|r| r.trim().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    for w in message.split_whitespace() {
        assert!(status.contains(w), "'{w}' is not whole in: {status}");
    }
    insta::assert_snapshot!("long_message_80x24", screen);
}

#[test]
fn leaving_the_kiosk_says_so_on_the_sign_in_screen_in_whole_words() {
    let mut till = Till::new();
    till.model
        .info("Self-service mode ended: staff sign in with their PIN");
    let text = rows(&render(&till.model, 80, 24)).join(" ");
    for w in [
        "Self-service",
        "mode",
        "ended:",
        "staff",
        "sign",
        "in",
        "with",
        "their",
        "PIN",
    ] {
        assert!(text.contains(w), "{w}: {text}");
    }
    assert!(!text.contains("wit "), "{text}");
}
