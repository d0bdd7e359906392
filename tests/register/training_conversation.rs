//! A practice customer at the register: called with Alt+A, spoken to with the conversation
//! keys, offered to from the real panel (accepting proposes; the customer takes or
//! declines), scored at the payment window, and recorded when the sale completes.

use std::sync::Arc;

use chrono::Duration;
use xsell::app::action::Action;
use xsell::app::key::Key;
use xsell::app::training_session::{Practice, Who};
use xsell::runtime::TillMode;
use xsell::timing::PromptSettings;
use xsell::training::acceptance;
use xsell::training::scenario::parse;

use crate::register_support;
use register_support::*;

const SCENARIO: &str = r#"id = "laptop-ports"
level = "easy"
title = "A laptop and its ports"
buys = ["LAP-15"]

[persona]
name = "Rae"
came_for = "a laptop for work"
greeting = "Hi, the UltraBook, please."
budget = "1400.00"
price_sensitivity = "low"
patience = 5

[persona.hidden_need]
need = "presenting at clients' offices"
reveal = "I present at clients' offices all the time."
skus = ["CAB-2"]

[[good_offers]]
sku = "HUB-7"
why = "the laptop has only USB-C ports"

[[good_offers]]
sku = "MOU-1"
why = "long days of spreadsheets"

[[bad_offers]]
sku = "HP-1"
why = "she came for a work laptop"
"#;

fn till(seed: u64) -> Till {
    let catalog = Arc::new(catalog());
    let scenario = parse(SCENARIO, "t.toml", &catalog).expect("scenario");
    let practice = Practice::new(vec![scenario], acceptance::Model::fit(&[]), seed);
    let mut till = Till::new_with(|spec, _| {
        spec.mode = TillMode::Training;
        spec.engine = Some(Arc::new(offers_engine(catalog.clone())));
        spec.prompts = PromptSettings {
            holdout_percent: 0,
            ..PromptSettings::default()
        };
        spec.practice = Some(practice);
    });
    till.sign_in(CASHIER_PIN);
    till
}

fn later(till: &mut Till, ms: i64) {
    till.now += Duration::milliseconds(ms);
    till.act(Action::Tick);
}

fn said(till: &Till, who: Who) -> Vec<String> {
    till.model
        .practice
        .as_ref()
        .expect("a practice")
        .transcript
        .iter()
        .filter(|s| s.who == who)
        .map(|s| s.text.clone())
        .collect()
}

/// Plays the laptop well: asks, explains, offers the panel's first two, pays cash.
fn play_well(seed: u64) -> Till {
    let mut till = till(seed);
    till.key(Key::Alt('a'));
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Alt('a'));
    till.key(Key::Alt('e'));
    till.key(Key::Alt('1'));
    later(&mut till, 1_000);
    till.key(Key::Alt('e'));
    till.key(Key::Alt('1'));
    till.key(Key::F(12));
    till.key(Key::Enter);
    till
}

#[test]
fn the_rubric_and_the_menu_come_before_the_first_customer() {
    let mut till = till(1);
    let p = till.model.practice.as_ref().unwrap();
    assert!(p.session.is_none());
    assert_eq!(p.menu(), vec!["easy: 1 laptop-ports".to_string()]);
    assert!(
        till.model
            .hints()
            .iter()
            .any(|(_, label)| *label == "next customer")
    );
    till.key(Key::Alt('a'));
    assert_eq!(
        said(&till, Who::Customer),
        vec!["Hi, the UltraBook, please."]
    );
    assert!(till.model.practice.as_ref().unwrap().serving());
    assert!(
        till.model
            .hints()
            .iter()
            .any(|(_, label)| *label == "explain")
    );
    let help = till.model.help_rows();
    for key in ["Alt+A", "Alt+E", "Alt+S", "Alt+O", "Alt+X"] {
        assert!(help.iter().any(|(k, _)| k == key), "{key}: {help:?}");
    }
}

#[test]
fn accepting_an_offer_proposes_it_and_the_customer_answers() {
    for seed in 0..6 {
        let mut till = till(seed);
        till.key(Key::Alt('a'));
        till.scan(&barcode(LAPTOP));
        later(&mut till, 1_000);
        let first = till
            .model
            .offers
            .panel
            .visible()
            .next()
            .expect("an offer")
            .offer
            .sku
            .clone();
        till.key(Key::Alt('1'));
        let record = till
            .model
            .practice
            .as_ref()
            .unwrap()
            .session
            .as_ref()
            .unwrap()
            .record();
        let answer = record.offers[0].answer;
        let added = till.lines().iter().any(|(sku, _)| *sku == first);
        assert_eq!(
            added,
            answer == xsell::training::customer::Answer::Takes,
            "seed {seed}: the line follows the customer's answer"
        );
        assert!(said(&till, Who::Trainee)[0].starts_with("How about the"));
    }
}

#[test]
fn a_practice_sale_is_scored_at_the_payment_window_and_recorded_when_paid() {
    let till = play_well(3);
    let p = till.model.practice.as_ref().unwrap();
    let score = p.score.as_ref().expect("scored");
    assert!(
        till.model
            .practice
            .as_ref()
            .unwrap()
            .transcript
            .iter()
            .any(|s| s.text.starts_with("Score: "))
    );
    let recorded = &till.backend.training.recorded;
    assert_eq!(recorded.len(), 1, "{:?}", till.message());
    assert_eq!(recorded[0].scenario, "laptop-ports");
    assert_eq!(recorded[0].seed, 3);
    assert_eq!(u32::from(recorded[0].total), score.total);
    assert_eq!(recorded[0].parts.len(), 5);
}

#[test]
fn the_same_seed_replays_the_same_conversation() {
    let a = play_well(11);
    let b = play_well(11);
    let text = |t: &Till| {
        t.model
            .practice
            .as_ref()
            .unwrap()
            .transcript
            .iter()
            .map(|s| s.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(text(&a), text(&b));
}

#[test]
fn playing_well_scores_higher_than_offering_nothing() {
    for seed in 0..4 {
        let good = play_well(seed);
        let mut none = till(seed);
        none.key(Key::Alt('a'));
        none.scan(&barcode(LAPTOP));
        none.key(Key::F(12));
        none.key(Key::Enter);
        let total = |t: &Till| t.backend.training.recorded[0].total;
        assert!(
            total(&good) > total(&none),
            "seed {seed}: {} vs {}",
            total(&good),
            total(&none)
        );
    }
}

fn render(till: &Till, width: u16, height: u16) -> ratatui::backend::TestBackend {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(&till.model, f)).unwrap();
    terminal.backend().clone()
}

#[test]
fn the_conversation_pane_on_screen() {
    let mut till = till(3);
    insta::assert_snapshot!("practice_menu_120x40", render(&till, 120, 40));
    till.key(Key::Alt('a'));
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Alt('a'));
    till.key(Key::Alt('1'));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("practice_talk_{w}x{h}"), render(&till, w, h));
    }
    // Any size at all draws without a panic.
    for (w, h) in [(1, 1), (8, 3), (20, 6), (40, 10), (72, 14)] {
        render(&till, w, h);
    }
}

#[test]
fn a_declined_card_is_armed_for_its_customer_only() {
    let text = SCENARIO.replace(
        "buys = [\"LAP-15\"]",
        "buys = [\"LAP-15\"]\ncard = \"declined\"",
    );
    let catalog = Arc::new(catalog());
    let declined = parse(&text, "t.toml", &catalog).expect("scenario");
    let mut easy = parse(SCENARIO, "t.toml", &catalog).expect("scenario");
    easy.id = "laptop-easy".into();
    let practice = Practice::new(vec![declined, easy], acceptance::Model::fit(&[]), 1);
    let mut till = Till::new_with(|spec, _| {
        spec.mode = TillMode::Training;
        spec.practice = Some(practice);
    });
    till.sign_in(CASHIER_PIN);
    till.key(Key::Alt('a'));
    assert!(till.model.training.decline_card.is_some());
    // The trainee voids the order and moves on to the second customer unserved.
    till.scan(&barcode(LAPTOP));
    till.key(Key::F(8));
    till.key(Key::Enter);
    assert!(
        !till.model.practice.as_ref().unwrap().serving(),
        "{}",
        till.message()
    );
    assert!(
        till.backend.training.recorded.is_empty(),
        "a voided practice is not scored"
    );
    till.type_text("2");
    till.key(Key::Alt('a'));
    assert_eq!(till.model.training.decline_card, None);
    assert_eq!(till.model.practice.as_ref().unwrap().at, 1);
}

fn exam_till(pass_mark: u8) -> Till {
    let catalog = Arc::new(catalog());
    let first = parse(SCENARIO, "a.toml", &catalog).expect("scenario");
    let second = parse(
        &SCENARIO.replace("id = \"laptop-ports\"", "id = \"laptop-again\""),
        "b.toml",
        &catalog,
    )
    .expect("scenario");
    let practice = Practice::exam(
        vec![first, second],
        acceptance::Model::fit(&[]),
        3,
        pass_mark,
    );
    let mut till = Till::new_with(|spec, _| {
        spec.mode = TillMode::Training;
        spec.engine = Some(Arc::new(offers_engine(catalog.clone())));
        spec.prompts = PromptSettings {
            holdout_percent: 0,
            ..PromptSettings::default()
        };
        spec.practice = Some(practice);
    });
    till.sign_in(CASHIER_PIN);
    till
}

fn serve_well(till: &mut Till) {
    till.key(Key::Alt('a'));
    till.scan(&barcode(LAPTOP));
    later(till, 1_000);
    till.key(Key::Alt('a'));
    till.key(Key::Alt('e'));
    till.key(Key::Alt('1'));
    later(till, 1_000);
    till.key(Key::Alt('e'));
    till.key(Key::Alt('1'));
    till.key(Key::F(12));
    till.key(Key::Enter);
    // The receipt put away, as a cashier does before the next customer.
    till.key(Key::Enter);
}

#[test]
fn an_exam_serves_its_customers_in_order_once_and_gives_a_verdict_on_the_mean() {
    let mut till = exam_till(1);
    let menu = till.model.practice.as_ref().unwrap().menu();
    assert!(
        menu[0].starts_with("Exam: 2 customers in this order, pass mark 1"),
        "{menu:?}"
    );
    // A customer cannot be picked out of order.
    till.type_text("2");
    till.key(Key::Alt('a'));
    assert!(till.model.practice.as_ref().unwrap().session.is_none());
    till.key(Key::Esc);
    serve_well(&mut till);
    serve_well(&mut till);
    let p = till.model.practice.as_ref().unwrap();
    assert_eq!(p.queue[p.at].id, "laptop-again");
    let recorded = &till.backend.training.recorded;
    assert_eq!(recorded.len(), 2, "{:?}", till.message());
    assert!(recorded.iter().all(|r| r.exam));
    assert_eq!(recorded[0].scenario, "laptop-ports");
    assert_eq!(recorded[1].scenario, "laptop-again");
    let mean = (u32::from(recorded[0].total) + u32::from(recorded[1].total)) / 2;
    let verdict = p.transcript.last().unwrap().text.clone();
    assert_eq!(
        verdict,
        format!("Exam over: {mean}/100 on average over 2 customers, passed (pass mark 1)")
    );
    // Nothing after the last customer.
    till.key(Key::Alt('a'));
    assert!(
        till.message().contains("The exam is over"),
        "{}",
        till.message()
    );
}

#[test]
fn an_exam_customer_put_aside_counts_as_nothing_and_a_mean_under_the_mark_fails() {
    let mut till = exam_till(80);
    till.key(Key::Alt('a'));
    till.scan(&barcode(LAPTOP));
    // Voided unserved: the exam moves on with a 0 for them.
    till.key(Key::F(8));
    till.key(Key::Enter);
    serve_well(&mut till);
    let p = till.model.practice.as_ref().unwrap();
    let exam = p.exam.as_ref().unwrap();
    assert_eq!(exam.scores.len(), 2);
    assert_eq!(exam.scores[0], 0);
    let last = p.transcript.last().unwrap().text.clone();
    assert!(last.contains("not passed (pass mark 80)"), "{last}");
}
