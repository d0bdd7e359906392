use super::*;
use crate::training::scenario::parse;
use crate::training::scenario::tests::{GOOD, catalog};

fn session(seed: u64) -> Session {
    let s = parse(GOOD, "s.toml", &catalog()).expect("scenario");
    Session::new(&s, Model::fit(&[]), seed)
}

fn offer(sku: &str, price: i64) -> Input {
    Input::Offer {
        sku: sku.into(),
        name: sku.to_lowercase(),
        kind: Kind::CrossSell,
        price: Money::from_minor(price),
        evidence: 0.9,
        moment: Moment::Item,
    }
}

fn scan() -> Input {
    Input::Scan {
        sku: "PHONE".into(),
        price: Money::from_minor(69_900),
    }
}

fn play_well(seed: u64) -> (Score, Vec<Step>) {
    let mut s = session(seed);
    let steps = vec![
        s.step(scan()),
        s.step(Input::Move(Move::AskNeed)),
        s.step(Input::Move(Move::ExplainValue)),
        s.step(offer("CASE", 2_999)),
        s.step(offer("BANK", 3_999)),
        s.step(Input::Pay),
    ];
    (s.score(), steps)
}

fn play_nothing(seed: u64) -> Score {
    let mut s = session(seed);
    s.step(scan());
    s.step(Input::Pay);
    s.score()
}

#[test]
fn playing_well_beats_leaving_every_offer_out_whatever_the_seed() {
    for seed in 0..50 {
        let good = play_well(seed).0.total;
        let none = play_nothing(seed).total;
        assert!(good > none, "seed {seed}: {good} vs {none}");
    }
}

#[test]
fn a_seed_replays_a_session_exactly() {
    for seed in [0, 7, 99] {
        let (a, steps_a) = play_well(seed);
        let (b, steps_b) = play_well(seed);
        assert_eq!(a, b);
        assert_eq!(steps_a, steps_b);
    }
}

#[test]
fn a_taken_offer_adds_its_line_and_a_wrong_scan_is_noticed() {
    let mut s = session(4);
    let step = s.step(Input::Scan {
        sku: "INK".into(),
        price: Money::from_minor(1_999),
    });
    assert_eq!(step.said, vec!["That's not what I asked for.".to_string()]);
    s.step(scan());
    s.step(Input::Move(Move::AskNeed));
    // A revealed need's product with strong evidence, explained, at even odds: still a draw,
    // so look for a seed where it is taken rather than assume one.
    let mut taken = false;
    for seed in 0..20 {
        let mut s = session(seed);
        s.step(scan());
        s.step(Input::Move(Move::AskNeed));
        s.step(Input::Move(Move::ExplainValue));
        let step = s.step(offer("BANK", 3_999));
        if step.changes == vec![Change::Add { sku: "BANK".into() }] {
            taken = true;
            assert!(s.record().offers[0].explained);
        }
    }
    assert!(taken, "some customer takes a welcome, explained offer");
}

#[test]
fn an_objection_answered_settles_the_offer() {
    let mut s = session(2);
    s.step(scan());
    let step = s.step(offer("GLASS", 2_499));
    assert!(step.changes.is_empty());
    assert_eq!(
        s.record().offers[0].answer,
        Answer::Declines,
        "unanswered: a no"
    );
    s.step(Input::Move(Move::HandleObjection));
    let record = s.record();
    assert!(record.offers[0].explained);
    assert_ne!(record.offers[0].answer, Answer::Objects);
}

#[test]
fn pushing_makes_the_customer_leave_and_the_sale_end() {
    let mut s = session(1);
    s.step(scan());
    s.step(offer("INK", 1_999));
    s.step(offer("INK", 1_999));
    let step = s.step(offer("CASE", 2_999));
    assert!(step.changes.contains(&Change::Leave), "{step:?}");
    assert!(s.finished());
    assert_eq!(s.step(Input::Pay), Step::default(), "nothing after the end");
    let score = s.score();
    assert!(score.total < play_nothing(1).total);
}

#[test]
fn the_loyalty_card_counts_only_when_it_is_theirs() {
    let text = GOOD.replace("patience = 3", "patience = 3\nloyalty_card = \"C0007\"");
    let sc = parse(&text, "s.toml", &catalog()).expect("scenario");
    let mut s = Session::new(&sc, Model::fit(&[]), 1);
    let step = s.step(Input::Attach {
        customer: "C0001".into(),
    });
    assert_eq!(step.said[0], "That's not my card.");
    assert!(!s.record().loyalty_attached);
    s.step(Input::Attach {
        customer: "C0007".into(),
    });
    assert!(s.record().loyalty_attached);
}
