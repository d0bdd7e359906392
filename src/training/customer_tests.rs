use super::*;
use crate::training::scenario::parse;
use crate::training::scenario::tests::{GOOD, catalog};

fn scenario() -> Scenario {
    parse(GOOD, "s.toml", &catalog()).expect("scenario")
}

fn offer(sku: &str, price: i64, chance: f64) -> Offer {
    Offer {
        sku: sku.into(),
        name: sku.to_lowercase(),
        kind: Kind::CrossSell,
        price: Money::from_minor(price),
        cart: Money::from_minor(69_900),
        chance,
    }
}

fn answers(seed: u64) -> Vec<Answer> {
    let mut c = Customer::new(&scenario(), seed);
    let mut out = Vec::new();
    for sku in ["CASE", "BANK", "PHONE"] {
        out.push(c.offer(&offer(sku, 2_999, 0.4)).answer);
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_answers() {
    for seed in 0..20 {
        assert_eq!(answers(seed), answers(seed));
    }
    let all: Vec<Vec<Answer>> = (0..20).map(answers).collect();
    assert!(all.iter().any(|a| a != &all[0]), "seeds differ somewhere");
}

#[test]
fn irrelevant_and_repeated_offers_cost_patience_until_they_leave() {
    let mut c = Customer::new(&scenario(), 1);
    assert_eq!(c.patience(), 60);
    let r = c.offer(&offer("INK", 1_999, 0.4));
    assert_eq!((r.fit, r.answer), (Fit::Irrelevant, Answer::Declines));
    assert_eq!(c.patience(), 60 - IRRELEVANT_COST);
    let r = c.offer(&offer("INK", 1_999, 0.4));
    assert_eq!(r.fit, Fit::Repeated);
    assert_eq!(c.patience(), 60 - IRRELEVANT_COST - REPEAT_COST);
    let r = c.offer(&offer("CASE", 2_999, 0.9));
    assert_eq!(r.answer, Answer::Leaves, "{r:?}");
    assert!(c.gone());
    assert_eq!(c.offer(&offer("GLASS", 1, 0.9)).answer, Answer::Leaves);
}

#[test]
fn a_fourth_offer_is_pressure() {
    let mut c = Customer::new(&scenario(), 1);
    for sku in ["CASE", "GLASS", "BANK"] {
        c.offer(&offer(sku, 100, 0.4));
    }
    assert_eq!(c.patience(), 60 - 3 * OFFER_COST);
    let r = c.offer(&offer("PHONE", 100, 0.4));
    assert!(
        r.said.iter().any(|s| s.contains("a lot of extras")),
        "{r:?}"
    );
    assert_eq!(c.patience(), 45 - OFFER_COST - NEUTRAL_COST - PRESSURE_COST);
    assert_eq!(c.offer(&offer("CHARGER", 100, 0.4)).fit, Fit::Owned);
}

#[test]
fn a_good_offer_is_likelier_than_a_neutral_one_and_explaining_helps() {
    let c = Customer::new(&scenario(), 1);
    let case = offer("CASE", 2_999, 0.3);
    let good = c.chance(&case, Fit::Good, 1.0);
    let neutral = c.chance(&case, Fit::Neutral, 1.0);
    let explained = c.chance(&case, Fit::Good, 2.2);
    assert!(
        neutral < 0.3 && good > 0.3 && explained > good,
        "{neutral} {good} {explained}"
    );
    let mut over = offer("CASE", 20_000, 0.3);
    over.cart = Money::from_minor(69_900);
    assert!(
        c.chance(&over, Fit::Good, 1.0) < good,
        "over the 800.00 budget"
    );
}

#[test]
fn asking_reveals_the_hidden_need_and_makes_its_product_welcome() {
    let mut c = Customer::new(&scenario(), 3);
    let before = c.chance(&offer("BANK", 3_999, 0.3), Fit::NeedUnasked, 1.0);
    let (said, _) = c.converse(Move::AskNeed);
    assert_eq!(said, vec!["I'm flying to Lisbon next month.".to_string()]);
    assert!(c.revealed());
    let r = c.offer(&offer("BANK", 3_999, 0.3));
    assert_eq!(r.fit, Fit::NeedRevealed);
    assert!(r.chance > before * 2.0, "{} vs {before}", r.chance);
    let (said, _) = c.converse(Move::AskNeed);
    assert_eq!(said[0], "I told you already.");
}

#[test]
fn an_objection_waits_for_its_answer() {
    let mut c = Customer::new(&scenario(), 5);
    let r = c.offer(&offer("GLASS", 2_499, 0.4));
    assert_eq!(r.answer, Answer::Objects);
    assert!(c.objecting());
    assert!(c.answer_to_doubt().is_some_and(|a| a.contains("scratches")));
    let (said, answered) = c.converse(Move::HandleObjection);
    assert!(said.is_empty(), "{said:?}");
    let (o, reaction) = answered.expect("the offer is decided");
    assert_eq!(o.sku, "GLASS");
    assert!(matches!(reaction.answer, Answer::Takes | Answer::Declines));
    assert!(!c.objecting());
    let (said, answered) = c.converse(Move::HandleObjection);
    assert_eq!((said[0].as_str(), answered), ("What do you mean?", None));
}

#[test]
fn an_annoyed_customer_puts_back_the_last_extra() {
    let mut c = Customer::new(&scenario(), 1);
    let taken = vec!["CASE".to_string()];
    assert_eq!(c.second_thoughts(&taken), None);
    c.offer(&offer("INK", 1, 0.1));
    c.offer(&offer("INK", 1, 0.1));
    assert!(
        c.patience() * 100 < c.start_patience() * 35,
        "{}",
        c.patience()
    );
    assert_eq!(c.second_thoughts(&taken).map(|t| t.0), Some("CASE".into()));
}
