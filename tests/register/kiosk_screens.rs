//! Every screen a shopper sees at the kiosk, at 80×24 and 120×40, over ratatui's
//! `TestBackend`: the welcome, the basket, an offer, the finder (departments, one
//! department, a name searched), starting over, paying, the finished sale, and a loyalty
//! card's greeting. (The age check and the idle countdown are drawn by their own overlays.)

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xsell::app::{Action, Key, Model};
use xsell::domain::people::{Role, Staff};
use xsell::runtime::TillMode;
use xsell::timing::PromptSettings;

use crate::register_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

pub(crate) fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

pub(crate) fn text(model: &Model, width: u16, height: u16) -> String {
    let backend = render(model, width, height);
    let buf = backend.buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A kiosk whose recommender knows the fixture shop's pairings, and whose orders are never
/// in the control group, so that an offer comes when a laptop is scanned.
pub(crate) fn kiosk_with_offers() -> Till {
    Till::new_with(|spec, _| {
        spec.prompts = PromptSettings {
            holdout_percent: 0,
            ..PromptSettings::default()
        };
        spec.engine = Some(Arc::new(offers_engine(spec.catalog.clone())));
        spec.mode = TillMode::Kiosk(Staff {
            id: 99,
            code: "KIOSK".into(),
            name: "Self-service".into(),
            role: Role::SelfService,
        });
    })
}

/// Lets the scanner's pause pass, so that a waiting offer appears.
pub(crate) fn pause(till: &mut Till) {
    till.now += chrono::Duration::seconds(1);
    till.act(Action::Tick);
}

fn snapshot(name: &str, model: &Model) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("kiosk_{name}_{w}x{h}"), render(model, w, h));
    }
}

fn basket() -> Till {
    let mut till = crate::roles::kiosk();
    till.scan(&barcode(LAPTOP));
    till.scan("HUB-7");
    till.key(Key::Right);
    till
}

#[test]
fn welcome() {
    snapshot("welcome", &crate::roles::kiosk().model);
}

#[test]
fn basket_with_the_total_in_big_figures() {
    snapshot("basket", &basket().model);
}

#[test]
fn one_offer_in_the_shoppers_words() {
    let mut till = kiosk_with_offers();
    till.scan(&barcode(LAPTOP));
    pause(&mut till);
    assert!(till.model.offers.panel.visible().next().is_some());
    snapshot("offer", &till.model);
}

#[test]
fn the_departments() {
    let mut till = basket();
    till.key(Key::Enter);
    snapshot("departments", &till.model);
}

#[test]
fn one_departments_products() {
    let mut till = basket();
    till.key(Key::Enter);
    till.key(Key::Down);
    till.key(Key::Enter);
    snapshot("department", &till.model);
}

#[test]
fn a_name_searched() {
    let mut till = crate::roles::kiosk();
    till.type_text("usb\n");
    snapshot("search", &till.model);
}

#[test]
fn starting_over() {
    let mut till = basket();
    till.key(Key::Esc);
    snapshot("start_over", &till.model);
}

#[test]
fn paying() {
    let mut till = basket();
    till.key(Key::F(12));
    snapshot("payment", &till.model);
}

#[test]
fn the_finished_sale() {
    let mut till = basket();
    till.key(Key::F(12));
    till.key(Key::Enter);
    snapshot("finished", &till.model);
}

#[test]
fn a_loyalty_card_greets_by_first_name() {
    let mut till = crate::roles::kiosk();
    till.scan("C0042");
    snapshot("loyalty", &till.model);
}

#[test]
fn no_kiosk_screen_panics_on_a_small_terminal() {
    let mut screens: Vec<Till> = Vec::new();
    screens.push(crate::roles::kiosk());
    screens.push(basket());
    let mut offer = kiosk_with_offers();
    offer.scan(&barcode(LAPTOP));
    pause(&mut offer);
    screens.push(offer);
    for keys in [
        vec![Key::Enter],
        vec![Key::Enter, Key::Down, Key::Enter],
        vec![Key::Esc],
        vec![Key::F(12)],
        vec![Key::F(12), Key::Enter],
    ] {
        let mut till = basket();
        for key in keys {
            till.key(key);
        }
        screens.push(till);
    }
    let mut search = crate::roles::kiosk();
    search.type_text("usb\n");
    screens.push(search);
    for till in &screens {
        for (w, h) in [
            (1, 1),
            (20, 6),
            (30, 8),
            (40, 10),
            (60, 12),
            (80, 5),
            (200, 3),
        ] {
            render(&till.model, w, h);
        }
    }
}
