use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::money::Money;
use crate::domain::offer::{Kind, Source};

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn at(ms: i64) -> NaiveDateTime {
    t0() + Duration::milliseconds(ms)
}

fn rec(sku: &str, score: f64) -> Recommendation {
    Recommendation {
        sku: sku.into(),
        name: format!("{sku} name"),
        price: Money::from_minor(1999),
        kind: Kind::CrossSell,
        source: Source::Curated,
        score,
        reason: "it helps".into(),
        script: "say it".into(),
        replaces: None,
        price_difference: None,
        bundle_id: None,
        saving: None,
        rule_id: None,
        rule: format!("curated:X>{sku}"),
    }
}

fn upsell(sku: &str, replaces: &str) -> Recommendation {
    Recommendation {
        kind: Kind::Upsell,
        source: Source::Ladder,
        replaces: Some(replaces.into()),
        ..rec(sku, 0.9)
    }
}

fn panel() -> Panel {
    Panel::new(PromptSettings::default(), false)
}

fn shown(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Shown(p) => Some(p.offer.sku.clone()),
            Change::Closed { .. } => None,
        })
        .collect()
}

fn closed(changes: &[Change]) -> Vec<(String, Outcome)> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Closed {
                prompt, outcome, ..
            } => Some((prompt.offer.sku.clone(), *outcome)),
            Change::Shown(_) => None,
        })
        .collect()
}

fn visible(p: &Panel) -> Vec<String> {
    p.visible().map(|p| p.offer.sku.clone()).collect()
}

/// An item scanned at `ms`, its offers back at once, as the register does it.
fn scan(p: &mut Panel, sku: &str, offers: Vec<Recommendation>, ms: i64) -> Vec<Change> {
    let r = p.on(Event::ItemAdded(sku.into()), at(ms));
    assert_eq!(r.ask, Some(Trigger::Item));
    let mut changes = r.changes;
    changes.extend(p.offer(Trigger::Item, offers, at(ms)));
    changes
}

#[test]
fn an_item_added_asks_for_its_complements_shown_once_the_input_pauses() {
    let mut p = panel();
    let changes = scan(
        &mut p,
        "LAPTOP",
        vec![rec("SLEEVE", 0.9), rec("MOUSE", 0.8)],
        0,
    );
    assert!(
        shown(&changes).is_empty(),
        "the scan's own keys just arrived"
    );
    assert!(p.tick(at(500)).is_empty(), "still within the quiet time");
    let changes = p.tick(at(700));
    assert_eq!(shown(&changes), ["SLEEVE", "MOUSE"]);
    assert_eq!(visible(&p), ["SLEEVE", "MOUSE"]);
}

#[test]
fn keys_faster_than_the_threshold_hold_prompts_back() {
    let mut p = panel();
    scan(&mut p, "LAPTOP", vec![rec("SLEEVE", 0.9)], 0);
    // The cashier keeps scanning: a key every 200 ms for two seconds.
    for ms in (200..=2_000).step_by(200) {
        let r = p.on(Event::Key, at(ms));
        assert!(
            shown(&r.changes).is_empty(),
            "shown at {ms} ms under the cashier's hands"
        );
        assert!(shown(&p.tick(at(ms + 100))).is_empty());
    }
    assert_eq!(shown(&p.tick(at(2_000 + 700))), ["SLEEVE"]);
}

#[test]
fn a_customer_attached_asks_for_personal_offers() {
    let mut p = panel();
    let r = p.on(Event::CustomerAttached, at(0));
    assert_eq!(r.ask, Some(Trigger::Customer));
    let changes = p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    assert_eq!(
        shown(&changes),
        ["INK"],
        "no key was typed: nothing to wait for"
    );
    assert_eq!(p.open()[0].trigger, Trigger::Customer);
}

#[test]
fn the_tender_brings_one_last_offer_only_when_nothing_was_accepted() {
    let mut p = panel();
    let r = p.on(Event::TenderStarted, at(0));
    assert_eq!(r.ask, Some(Trigger::Tender));
    let changes = p.offer(
        Trigger::Tender,
        vec![rec("CARE", 0.9), rec("BAG", 0.8)],
        at(1_000),
    );
    assert_eq!(shown(&changes), ["CARE"], "one last, best offer");

    let mut p = panel();
    p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    let id = p.visible().next().unwrap().id;
    p.accept(id, at(100)).unwrap();
    assert_eq!(p.on(Event::TenderStarted, at(200)).ask, None);
}

#[test]
fn a_prompt_expires_after_its_lifetime() {
    let mut p = panel();
    p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    assert!(p.tick(at(29_999)).is_empty());
    assert_eq!(p.visible().next().unwrap().seconds_left(at(29_001)), 1);
    let changes = p.tick(at(30_000));
    assert_eq!(closed(&changes), [("INK".to_string(), Outcome::Expired)]);
    assert!(visible(&p).is_empty());
}

#[test]
fn a_dismissed_product_never_comes_back_in_the_order() {
    let mut p = panel();
    p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    let id = p.visible().next().unwrap().id;
    let change = p.dismiss(id, at(1_000)).unwrap();
    assert_eq!(closed(&[change]), [("INK".to_string(), Outcome::Dismissed)]);
    assert_eq!(p.declined(), ["INK"]);
    let changes = scan(
        &mut p,
        "PRINTER",
        vec![rec("INK", 0.95), rec("PAPER", 0.7)],
        60_000,
    );
    let later = p.tick(at(61_000));
    assert!(shown(&changes).is_empty());
    assert_eq!(shown(&later), ["PAPER"]);
}

#[test]
fn after_a_dismissal_the_panel_cools_down() {
    let mut p = panel();
    p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    let id = p.visible().next().unwrap().id;
    p.dismiss(id, at(1_000)).unwrap();
    scan(&mut p, "LAPTOP", vec![rec("SLEEVE", 0.9)], 2_000);
    assert!(
        shown(&p.tick(at(5_000))).is_empty(),
        "quiet, but still cooling down"
    );
    assert!(shown(&p.tick(at(10_999))).is_empty());
    assert_eq!(shown(&p.tick(at(11_000))), ["SLEEVE"]);
}

#[test]
fn at_most_three_in_the_whole_order() {
    let mut p = panel();
    scan(
        &mut p,
        "LAPTOP",
        vec![rec("SLEEVE", 0.9), rec("MOUSE", 0.8)],
        0,
    );
    assert_eq!(shown(&p.tick(at(1_000))).len(), 2);
    scan(
        &mut p,
        "PHONE",
        vec![rec("CASE", 0.9), rec("GLASS", 0.8)],
        2_000,
    );
    assert_eq!(shown(&p.tick(at(3_000))), ["CASE"], "the third and last");
    assert_eq!(p.shown(), 3);
    // Once the cap is reached, nothing more is asked for.
    assert_eq!(p.on(Event::ItemAdded("TV".into()), at(4_000)).ask, None);
    assert_eq!(p.on(Event::CustomerAttached, at(4_000)).ask, None);
    assert_eq!(p.on(Event::TenderStarted, at(4_000)).ask, None);
    assert!(shown(&p.tick(at(90_000))).is_empty());
}

#[test]
fn at_most_three_on_screen_and_two_per_moment() {
    let settings = PromptSettings {
        per_order: 10,
        ..PromptSettings::default()
    };
    let mut p = Panel::new(settings, false);
    let offers = vec![rec("A", 0.9), rec("B", 0.8), rec("C", 0.7), rec("D", 0.6)];
    p.offer(Trigger::Customer, offers, at(0));
    assert_eq!(visible(&p), ["A", "B"], "two per moment");
    p.offer(
        Trigger::Customer,
        vec![rec("E", 0.9), rec("F", 0.9)],
        at(1_000),
    );
    assert_eq!(visible(&p), ["A", "B", "E"], "three on screen");
    let a = p.visible().next().unwrap().id;
    p.accept(a, at(2_000)).unwrap();
    p.tick(at(2_000));
    assert_eq!(
        visible(&p),
        ["B", "E", "F"],
        "a freed place takes the next waiting offer"
    );
}

#[test]
fn below_the_relevance_floor_the_panel_stays_silent() {
    let mut p = panel();
    let changes = p.offer(
        Trigger::Customer,
        vec![rec("MEH", 0.44), rec("NO", 0.1)],
        at(0),
    );
    assert!(changes.is_empty());
    assert!(p.tick(at(10_000)).is_empty());
    assert!(visible(&p).is_empty());
}

#[test]
fn snoozed_prompts_come_back_with_a_fresh_countdown() {
    let mut p = panel();
    p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    let id = p.visible().next().unwrap().id;
    assert!(p.snooze(id, at(20_000)));
    assert!(visible(&p).is_empty());
    assert!(
        p.tick(at(50_000)).is_empty(),
        "not expired while out of sight"
    );
    p.tick(at(65_000));
    assert_eq!(visible(&p), ["INK"]);
    assert_eq!(p.visible().next().unwrap().seconds_left(at(65_000)), 30);
}

#[test]
fn scanning_an_offered_product_by_hand_accepts_the_offer() {
    let mut p = panel();
    p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    let r = p.on(Event::ItemAdded("INK".into()), at(3_000));
    assert_eq!(closed(&r.changes), [("INK".to_string(), Outcome::Accepted)]);
    assert_eq!(p.accepted(), 1);
}

#[test]
fn the_upgrade_of_the_item_just_added_takes_one_place_of_its_moment() {
    let add_ons = || {
        vec![
            rec("CASE", 0.9),
            rec("GLASS", 0.8),
            rec("CHARGER", 0.7),
            upsell("PHONE-128", "PHONE-64"),
        ]
    };
    let mut p = panel();
    scan(&mut p, "PHONE-64", add_ons(), 0);
    assert_eq!(
        shown(&p.tick(at(1_000))),
        ["CASE", "PHONE-128"],
        "the best add-on first, then the step up"
    );
    // Another item's upgrade is an offer like any other: it waits its turn by score.
    let mut p = panel();
    scan(&mut p, "CABLE", add_ons(), 0);
    assert_eq!(shown(&p.tick(at(1_000))), ["CASE", "GLASS"]);
    // A moment of one place keeps it for the best add-on.
    let mut p = Panel::new(
        PromptSettings {
            per_trigger: 1,
            ..PromptSettings::default()
        },
        false,
    );
    scan(&mut p, "PHONE-64", add_ons(), 0);
    assert_eq!(shown(&p.tick(at(1_000))), ["CASE"]);
}

#[test]
fn removing_an_item_withdraws_its_upgrade_and_what_was_waiting() {
    let mut p = panel();
    scan(&mut p, "PHONE-64", vec![upsell("PHONE-128", "PHONE-64")], 0);
    p.tick(at(1_000));
    scan(&mut p, "CABLE", vec![rec("PLUG", 0.9)], 1_500);
    let r = p.on(Event::ItemRemoved("PHONE-64".into()), at(1_600));
    assert_eq!(
        closed(&r.changes),
        [("PHONE-128".to_string(), Outcome::Expired)]
    );
    assert!(
        shown(&p.tick(at(5_000))).is_empty(),
        "the waiting offer went with it"
    );
}

#[test]
fn a_held_out_order_records_but_never_shows() {
    let mut p = Panel::new(PromptSettings::default(), true);
    let changes = p.offer(
        Trigger::Customer,
        vec![rec("INK", 0.8), rec("PEN", 0.7)],
        at(0),
    );
    let recorded: Vec<bool> = changes
        .iter()
        .map(|c| matches!(c, Change::Shown(p) if p.held_out))
        .collect();
    assert_eq!(recorded, [true, true]);
    assert!(visible(&p).is_empty());
    let id = p.open()[0].id;
    assert!(p.accept(id, at(1)).is_none(), "nothing on screen to accept");
    assert!(p.dismiss(id, at(1)).is_none());
    assert!(
        p.tick(at(31_000)).is_empty(),
        "held out is final: no expiry recorded"
    );
    assert_eq!(p.shown(), 2, "the same cap applies as if shown");
}

#[test]
fn offers_already_made_are_not_repeated() {
    let mut p = panel();
    p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(0));
    p.tick(at(30_000));
    let changes = p.offer(Trigger::Customer, vec![rec("INK", 0.8)], at(31_000));
    assert!(changes.is_empty(), "expired once, not offered again");
}

#[test]
fn the_panel_says_when_waiting_offers_are_due() {
    let mut p = panel();
    assert_eq!(p.next_due(), None);
    scan(&mut p, "LAPTOP", vec![rec("SLEEVE", 0.9)], 0);
    assert_eq!(p.next_due(), Some(at(600)));
    p.tick(at(700));
    assert_eq!(p.next_due(), None, "nothing left waiting");
}
