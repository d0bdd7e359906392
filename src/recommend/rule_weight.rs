//! How much the stored rules' own relevance counts at the till, chosen on the shop's history.
//!
//! The model already weighs every pair a rule comes from, shrunk and over the whole cart; a
//! rule's fixed relevance on top of it reorders the model's list. Through the till path that
//! helped on Ta-Feng (hit@3 .0830 at full weight, .0806 without) and cost on the bakery (.513
//! against .547) and on groceries (.207 against .215 at 0.3). So `xsell mine` tries a few
//! weights on its own history as the till would run: rules mined from the older orders of a
//! recent window, the model trained on them with the tuned parameters, the window's newest
//! fifth as cases.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::domain::catalog::Catalog;
use crate::recommend::baskets::Baskets;
use crate::recommend::budget;
use crate::recommend::engine::{Engine, EngineInput, Request};
use crate::recommend::eval::{Metrics, Tally};
use crate::recommend::mined::MinedRule;
use crate::recommend::model::{Model, Params};
use crate::recommend::profile::Purchase;
use crate::recommend::rules::RuleParams;
use crate::recommend::split::{self, Case};

/// The weights tried, the built-in one first: a tie keeps it.
pub const WEIGHTS: [f64; 4] = [1.0, 0.6, 0.3, 0.0];
/// The newest orders the check learns from and is scored on, as the model's tuning does in
/// `xsell mine`: enough for a steady choice, few enough that its own mining stays a fraction
/// of the run's on a long history.
pub const WINDOW: usize = 40_000;
/// And at most this many lines: what the check and tuning cost is the lines they learn from,
/// and 40,000 orders of 25-item wholesale baskets would take twice as long as 20,000 of them
/// (the size of history tuning's one-minute budget is set for) and say no more.
pub const WINDOW_LINES: usize = 600_000;

/// The window tuning and the check learn from and are scored on: the newest orders of
/// `ordered` (the history in split order), at most [`WINDOW`] of them holding at most
/// [`WINDOW_LINES`] lines.
pub fn window<'a>(baskets: &Baskets, ordered: &'a [usize]) -> &'a [usize] {
    split::newest_within(&baskets.baskets, ordered, WINDOW, WINDOW_LINES)
}
/// The newest cases of the window scored per weight.
pub const MAX_CASES: usize = 2_000;
/// Fewer cases than this say nothing: the built-in weight stays.
pub const MIN_CASES: usize = 100;

/// What the check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub weight: f64,
    /// Each weight tried and how the engine scored with it.
    pub tried: Vec<(f64, Metrics)>,
}

/// What mining needs to be done again on the window as the run does it.
pub struct Mining {
    /// The run's minimum count on the orders it mined; scaled to the window's orders.
    pub min_count: u32,
    /// The orders the run mined.
    pub orders: usize,
    pub max_len: usize,
    pub rules: RuleParams,
}

/// The weight of the rules the engine scores best with on `window`, the newest orders of
/// `baskets` in split order ([`window`]); `None` when they
/// hold too few cases to tell, or `stop` says time is up before a weight was scored.
pub fn choose(
    baskets: &Baskets,
    window: &[usize],
    catalog: Arc<Catalog>,
    params: &Params,
    mining: &Mining,
    stop: &dyn Fn() -> bool,
) -> Option<Choice> {
    let cut = window.len() - split::test_count(window.len());
    let (learn, newest) = window.split_at(cut);
    let mut cases = split::cases(baskets, newest);
    if cases.len() < MIN_CASES {
        return None;
    }
    cases.drain(..cases.len().saturating_sub(MAX_CASES));

    let tx: Vec<&[u32]> = learn
        .iter()
        .map(|&i| baskets.baskets[i].items.as_slice())
        .collect();
    let scaled = u64::from(mining.min_count) * tx.len() as u64 / mining.orders.max(1) as u64;
    let floor = (scaled as u32).max(2);
    let mined = budget::mine_rules(&tx, floor, None, mining.max_len, mining.rules).ok()?;
    let rules: Vec<MinedRule> = mined
        .rules
        .iter()
        .map(|r| MinedRule::of(r, &baskets.index))
        .collect();
    let engine = Engine::build(EngineInput {
        catalog,
        complements: Vec::new(),
        bundles: Vec::new(),
        rules,
        baskets: Baskets {
            index: baskets.index.clone(),
            baskets: Vec::new(),
        },
        trained: Some(Model::train(baskets, learn, params)),
        purchases: HashMap::new(),
        intervals: None,
        opted_out: HashSet::new(),
        params: params.clone(),
    });

    let carts: Vec<Vec<String>> = cases
        .iter()
        .map(|c| {
            c.cart
                .iter()
                .map(|&i| baskets.index.label(i).to_string())
                .collect()
        })
        .collect();
    // The till asks with the customer's past purchases when it knows them: so does the check.
    let mut purchases: HashMap<&str, Vec<Purchase>> = HashMap::new();
    for basket in learn.iter().map(|&i| &baskets.baskets[i]) {
        let Some(customer) = basket.customer.as_deref() else {
            continue;
        };
        let bought = purchases.entry(customer).or_default();
        for &item in &basket.items {
            if let Some(product) = engine.catalog().index_of(baskets.index.label(item)) {
                bought.push(Purchase {
                    product: product as u32,
                    at: basket.ts.unwrap_or_default(),
                    qty: 1,
                });
            }
        }
    }
    if stop() {
        return None;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let engine = &engine;
    // Each case is asked once, and ranked under every weight: the place of its hidden item
    // under each.
    let ask = |(case, cart): (&Case, &Vec<String>)| -> Vec<Option<usize>> {
        let customer = case.customer.as_deref();
        let request = Request {
            cart,
            customer,
            purchases: customer.map(|c| purchases.get(c).map_or(&[][..], Vec::as_slice)),
            now: case.ts.unwrap_or_default(),
            k: 3,
            ..Request::default()
        };
        let hidden = baskets.index.label(case.hidden);
        engine
            .recommend_per_rule_weight(&request, &WEIGHTS)
            .iter()
            .map(|offers| offers.iter().position(|o| o.sku == hidden).map(|p| p + 1))
            .collect()
    };
    // A wholesale cart is a millisecond's question: the cases are shared out over the cores.
    let share = cases.len().div_ceil(threads);
    let ranks: Vec<Vec<Option<usize>>> = std::thread::scope(|scope| {
        let parts: Vec<_> = cases
            .chunks(share)
            .zip(carts.chunks(share))
            .map(|(cases, carts)| {
                scope.spawn(move || cases.iter().zip(carts).map(ask).collect::<Vec<_>>())
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("a question to the engine does not panic"))
            .collect()
    });
    let tried: Vec<(f64, Metrics)> = WEIGHTS
        .iter()
        .enumerate()
        .map(|(at, &w)| {
            let mut tally = Tally::default();
            for case in &ranks {
                tally.add(case[at]);
            }
            (w, tally.metrics(3))
        })
        .collect();
    // The most hits, as the model's tuning chooses; a tie keeps the higher weight, so the
    // built-in one stays unless another does better on these cases.
    let best = tried
        .iter()
        .fold(None, |best: Option<&(f64, Metrics)>, t| match best {
            Some(b) if b.1.hit3 >= t.1.hit3 => best,
            _ => Some(t),
        })?
        .0;
    Some(Choice {
        weight: best,
        tried,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixtures::product;

    fn choose_on(
        baskets: &Baskets,
        catalog: Arc<Catalog>,
        mining: &Mining,
        stop: &dyn Fn() -> bool,
    ) -> Option<Choice> {
        let all: Vec<usize> = (0..baskets.len()).collect();
        let ordered = split::in_split_order(&baskets.baskets, &all);
        choose(
            baskets,
            window(baskets, &ordered),
            catalog,
            &Params::default(),
            mining,
            stop,
        )
    }

    fn history(orders: usize) -> (Baskets, Arc<Catalog>) {
        let sets: Vec<Vec<String>> = (0..orders)
            .map(|i| {
                let a = i % 7;
                vec![format!("P{a}"), format!("P{}", (a + 1 + i % 3) % 7)]
            })
            .collect();
        let products = (0..7)
            .map(|p| product(&format!("P{p}"), &format!("Thing {p}"), 500))
            .collect();
        (
            Baskets::from_label_sets(&sets),
            Arc::new(Catalog::new(products)),
        )
    }

    fn mining(min_confidence: f64, orders: usize) -> Mining {
        Mining {
            min_count: 2,
            orders,
            max_len: 3,
            rules: RuleParams {
                min_confidence,
                max_antecedent_len: None,
            },
        }
    }

    #[test]
    fn too_few_recent_cases_keep_the_built_in_weight() {
        let (baskets, catalog) = history(400);
        let chosen = choose_on(&baskets, catalog, &mining(0.1, baskets.len()), &|| false);
        assert_eq!(chosen, None, "80 cases cannot tell the weights apart");
    }

    #[test]
    fn weights_that_change_nothing_keep_the_built_in_one() {
        // No pair is certain, so no rule passes a confidence of 1: every weight ranks alike.
        let (baskets, catalog) = history(3_000);
        let chosen = choose_on(&baskets, catalog, &mining(1.0, baskets.len()), &|| false)
            .expect("600 cases are enough");
        assert_eq!(chosen.weight, WEIGHTS[0]);
        assert_eq!(chosen.tried.len(), WEIGHTS.len());
        assert!(chosen.tried.iter().all(|(_, m)| m == &chosen.tried[0].1));
        assert_eq!(chosen.tried[0].1.cases, 600);
    }

    #[test]
    fn the_time_limit_ends_the_check_before_any_weight_is_scored() {
        let (baskets, catalog) = history(3_000);
        let chosen = choose_on(&baskets, catalog, &mining(0.1, baskets.len()), &|| true);
        assert_eq!(chosen, None);
    }
}
