use super::*;
use crate::training::scenario::parse;
use crate::training::scenario::tests::{GOOD, catalog};

fn scenario() -> Scenario {
    parse(GOOD, "s.toml", &catalog()).expect("scenario")
}

fn made(sku: &str, price: i64, fit: Fit, answer: Answer) -> OfferMade {
    OfferMade {
        sku: sku.into(),
        name: sku.to_lowercase(),
        kind: Kind::CrossSell,
        price: Money::from_minor(price),
        moment: Moment::Item,
        cart: Money::from_minor(69_900),
        fit,
        answer,
        base_chance: 0.3,
        explained: false,
    }
}

fn points(score: &Score) -> Vec<i32> {
    score.parts.iter().map(|p| p.points).collect()
}

#[test]
fn a_well_played_sale_worked_by_hand() {
    let mut case = made("CASE", 2_999, Fit::Good, Answer::Takes);
    case.explained = true;
    let record = Record {
        offers: vec![
            case,
            made("GLASS", 2_499, Fit::Good, Answer::Declines),
            made("BANK", 3_999, Fit::NeedRevealed, Answer::Takes),
        ],
        asked: true,
        paid: true,
        ..Record::default()
    };
    let s = score(&scenario(), &record);
    // Relevant 3 of 3: 35. Value 69.98 of 94.97: 20 × 6998 / 9497 = 14.7 → 15. Timing 3 of
    // 3: 15. Asked and offered for the need (2 of 2): 15. No penalty: 15.
    assert_eq!(points(&s), vec![35, 15, 15, 15, 15]);
    assert_eq!(s.total, 95);
    assert_eq!(s.value_added, Money::from_minor(6_998));
    assert!(s.missed.is_empty());
    assert!(
        s.feedback
            .iter()
            .any(|f| f.contains("took the case once you explained")),
        "{:?}",
        s.feedback
    );
}

#[test]
fn leaving_every_offer_out_scores_only_restraint() {
    let record = Record {
        paid: true,
        missed_chances: vec![
            ("CASE".into(), 0.31),
            ("GLASS".into(), 0.25),
            ("BANK".into(), 0.2),
        ],
        ..Record::default()
    };
    let s = score(&scenario(), &record);
    assert_eq!(points(&s), vec![0, 0, 0, 0, 15]);
    assert_eq!(s.total, 15);
    assert_eq!(s.missed, vec!["CASE", "GLASS", "BANK"]);
    assert!(
        s.feedback.iter().any(|f| f == "You did not offer the Slim case: A new phone without a case breaks. (offers like it are taken 31% of the time here)"),
        "{:?}",
        s.feedback
    );
    assert!(
        s.feedback
            .iter()
            .any(|f| f.contains("never asked what it was for: Maya is travelling next month"))
    );
}

#[test]
fn pressure_costs_more_than_it_earns() {
    let record = Record {
        offers: vec![
            made("INK", 1_999, Fit::Irrelevant, Answer::Declines),
            made("CASE", 2_999, Fit::Good, Answer::Takes),
            made("GLASS", 2_499, Fit::Good, Answer::Declines),
            made("BANK", 3_999, Fit::NeedUnasked, Answer::Declines),
        ],
        put_back: Some("CASE".into()),
        paid: true,
        ..Record::default()
    };
    let s = score(&scenario(), &record);
    // Restraint: 15 − 8 (ink) − 5 (a fourth offer) − 5 (the case put back) = −3; nothing kept.
    assert_eq!(points(&s), vec![35, 0, 15, 0, -3]);
    assert_eq!(s.total, 47);
    assert!(
        s.feedback
            .iter()
            .any(|f| f == "4 offers before payment: Maya put the case back."),
        "{:?}",
        s.feedback
    );
    assert!(
        s.feedback
            .iter()
            .any(|f| f.starts_with("The ink was the wrong offer"))
    );
}

#[test]
fn a_customer_who_leaves_takes_the_restraint_below_zero() {
    let record = Record {
        offers: vec![
            made("INK", 1_999, Fit::Irrelevant, Answer::Declines),
            made("INK", 1_999, Fit::Repeated, Answer::Declines),
            made("PHONE", 1_999, Fit::Neutral, Answer::Leaves),
        ],
        left: true,
        ..Record::default()
    };
    let s = score(&scenario(), &record);
    // 15 − 8 − 8 − 15 = −16; timing 3 of 3; nothing relevant.
    assert_eq!(points(&s), vec![0, 0, 15, 0, -16]);
    assert_eq!(s.total, 0, "clamped at zero");
}

#[test]
fn late_and_early_offers_lose_timing() {
    let mut late = made("CASE", 2_999, Fit::Good, Answer::Declines);
    late.moment = Moment::Payment;
    late.kind = Kind::Upsell;
    let mut early = made("GLASS", 2_499, Fit::Good, Answer::Declines);
    early.cart = Money::default();
    let mut small = made("BANK", 3_999, Fit::NeedUnasked, Answer::Declines);
    small.moment = Moment::Payment;
    let record = Record {
        offers: vec![late, early, small],
        ..Record::default()
    };
    let s = score(&scenario(), &record);
    assert_eq!(s.parts[2].points, 5, "one of three well timed: 15 / 3");
    assert!(
        s.feedback
            .iter()
            .any(|f| f.contains("before anything was in the cart"))
    );
    assert!(
        s.feedback
            .iter()
            .any(|f| f.contains("too late, at payment"))
    );
}

#[test]
fn the_json_has_score_parts_and_feedback() {
    let s = score(&scenario(), &Record::default());
    let j = s.json();
    assert_eq!(j["score"], 15);
    assert_eq!(j["parts"]["restraint"], 15);
    assert_eq!(j["parts"]["relevant_offers"], 0);
    assert!(j["feedback"].as_array().is_some_and(|f| !f.is_empty()));
}
