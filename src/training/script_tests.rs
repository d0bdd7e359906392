use super::*;
use crate::domain::catalog::Catalog;
use crate::training::acceptance::Model;
use crate::training::scenario::parse as parse_scenario;
use crate::training::scenario::tests::{GOOD, catalog};

struct Fake(Catalog);

impl Shop for Fake {
    fn product(&self, code: &str) -> Option<(String, String, Money)> {
        self.0
            .by_sku(code)
            .map(|p| (p.sku.clone(), p.name.clone(), p.price))
    }

    fn panel(&self, cart: &[String], _: Option<&str>, leave_out: &[String]) -> Vec<PanelOffer> {
        if !cart.iter().any(|s| s == "PHONE") {
            return Vec::new();
        }
        ["CASE", "GLASS", "BANK", "INK"]
            .iter()
            .filter(|s| !leave_out.iter().any(|l| l == *s) && !cart.iter().any(|c| c == *s))
            .filter_map(|s| self.0.by_sku(s))
            .map(|p| PanelOffer {
                sku: p.sku.clone(),
                name: p.name.clone(),
                kind: Kind::CrossSell,
                price: p.price,
                score: 0.9,
            })
            .take(3)
            .collect()
    }
}

fn run(script: &str, seed: u64) -> (u32, Vec<String>) {
    let scenario = parse_scenario(GOOD, "s.toml", &catalog()).expect("scenario");
    let mut session = Session::new(&scenario, Model::fit(&[]), seed);
    let steps = parse(script, "play.txt").expect("script");
    let transcript = play(&mut session, &steps, &Fake(catalog()), "play.txt").expect("played");
    (session.score().total, transcript)
}

#[test]
fn every_action_reads_and_a_bad_line_is_named() {
    let steps = parse("# a sale\nscan PHONE\ncustomer C1\nwait 3\naccept 2\ndecline\nask\nexplain\nscript\nobjection\nstop\npay card 10.00\n", "f").expect("ok");
    assert_eq!(steps.len(), 11);
    assert_eq!(steps[3], (5, Action::Accept(2)));
    assert_eq!(steps[5], (7, Action::Move(Move::AskNeed)));
    let errors = parse("scan PHONE\nflirt\naccept 4\nask now\n", "f").expect_err("bad");
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 3, 4]);
    assert!(
        errors[0]
            .to_string()
            .starts_with("f:2: unknown action 'flirt'")
    );
}

#[test]
fn a_script_played_well_beats_one_that_offers_nothing() {
    for seed in 0..10 {
        let (good, transcript) = run(
            "scan PHONE\nask\nexplain\naccept 1\naccept 2\naccept 1\npay card\n",
            seed,
        );
        let (none, _) = run("scan PHONE\npay card\n", seed);
        assert!(
            good > none,
            "seed {seed}: {good} vs {none}\n{}",
            transcript.join("\n")
        );
    }
}

#[test]
fn an_offer_not_on_the_panel_is_an_error_with_its_line() {
    let scenario = parse_scenario(GOOD, "s.toml", &catalog()).expect("scenario");
    let mut session = Session::new(&scenario, Model::fit(&[]), 1);
    let steps = parse("accept 1\n", "f").expect("script");
    let e = play(&mut session, &steps, &Fake(catalog()), "f").expect_err("empty panel");
    assert_eq!(e.line, 1);
    assert!(e.reason.contains("no offer 1"), "{e}");
}

#[test]
fn a_declined_card_asks_for_another_way_to_pay() {
    let text = GOOD.replace(
        "buys = [\"PHONE\"]",
        "buys = [\"PHONE\"]\ncard = \"declined\"",
    );
    let scenario = parse_scenario(&text, "s.toml", &catalog()).expect("scenario");
    let mut session = Session::new(&scenario, Model::fit(&[]), 1);
    let steps = parse("scan PHONE\npay card\n", "f").expect("script");
    let t = play(&mut session, &steps, &Fake(catalog()), "f").expect("played");
    assert!(t.iter().any(|l| l.contains("declined")), "{t:?}");
    assert!(!session.finished());
    let steps = parse("pay cash\n", "f").expect("script");
    play(&mut session, &steps, &Fake(catalog()), "f").expect("played");
    assert!(session.finished());
}
