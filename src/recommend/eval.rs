//! Offline evaluation: hide one item of each test order, ask each recommender for its top k,
//! and count how often the hidden item comes back (hit@k) and how high (MRR@k).
//!
//! The engine and the baselines are measured in the same run on the same cases, so a
//! comparison never mixes splits. The engine is tuned on validation slices cut from the
//! training orders by the same rule as the test slice; the test orders are only scored.

use std::collections::HashMap;
use std::time::Instant;

use serde::Serialize;

use crate::recommend::baselines::{Cooccurrence, Popularity, Similarity};
use crate::recommend::baskets::Baskets;
use crate::recommend::model::{self, History, Model, Params, Query};
use crate::recommend::split::{self, Case};

/// Anything that can rank items for a query.
pub trait Recommender {
    /// Up to `k` items, best first, none of them in the cart.
    fn recommend(&self, q: &Query, k: usize) -> Vec<u32>;
}

impl Recommender for Model {
    fn recommend(&self, q: &Query, k: usize) -> Vec<u32> {
        self.query(q, k).into_iter().map(|s| s.item).collect()
    }
}

/// hit@1, hit@3, hit@k and MRR@k over a set of cases.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    pub cases: usize,
    pub k: usize,
    pub hit1: f64,
    pub hit3: f64,
    pub hitk: f64,
    pub mrr: f64,
}

/// Running sums behind `Metrics`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    cases: usize,
    hit1: usize,
    hit3: usize,
    hitk: usize,
    rr: f64,
}

impl Tally {
    /// Adds one case whose hidden item came back at 1-based `rank` (None: not in the top k).
    pub fn add(&mut self, rank: Option<usize>) {
        self.cases += 1;
        if let Some(r) = rank {
            self.hit1 += usize::from(r <= 1);
            self.hit3 += usize::from(r <= 3);
            self.hitk += 1;
            self.rr += 1.0 / r as f64;
        }
    }

    pub fn metrics(&self, k: usize) -> Metrics {
        let share = |n: usize| {
            if self.cases == 0 {
                0.0
            } else {
                n as f64 / self.cases as f64
            }
        };
        Metrics {
            cases: self.cases,
            k,
            hit1: share(self.hit1),
            hit3: share(self.hit3),
            hitk: share(self.hitk),
            mrr: if self.cases == 0 {
                0.0
            } else {
                self.rr / self.cases as f64
            },
        }
    }
}

/// 1-based rank of `hidden` within the first `k` of `ranked`.
pub fn rank_of(hidden: u32, ranked: &[u32], k: usize) -> Option<usize> {
    ranked
        .iter()
        .take(k)
        .position(|&i| i == hidden)
        .map(|p| p + 1)
}

/// The query a till would have sent for this case.
pub fn query_of<'a>(case: &'a Case, customers: &'a HashMap<String, History>) -> Query<'a> {
    Query {
        cart: &case.cart,
        history: case.customer.as_ref().and_then(|c| customers.get(c)),
        at: case.ts,
    }
}

/// Scores one recommender on the cases.
pub fn evaluate(
    r: &dyn Recommender,
    cases: &[Case],
    customers: &HashMap<String, History>,
    k: usize,
) -> Metrics {
    let mut t = Tally::default();
    for case in cases {
        let ranked = r.recommend(&query_of(case, customers), k);
        t.add(rank_of(case.hidden, &ranked, k));
    }
    t.metrics(k)
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    pub metrics: Metrics,
}

/// Everything `xsell eval` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub orders: usize,
    pub items: usize,
    pub train_orders: usize,
    pub test_orders: usize,
    pub cases: usize,
    /// Cases whose customer has orders in the training part.
    pub known_customer_cases: usize,
    pub rows: Vec<Row>,
    /// Parameters the engine ran with, and whether they came from tuning on validation.
    pub params: Params,
    pub tuned: bool,
    /// The engine on the validation folds of the training orders, with these parameters.
    pub validation: Metrics,
    pub tune_ms: f64,
    pub train_ms: f64,
    pub query_mean_us: f64,
    pub query_p99_us: f64,
}

/// Runs the whole evaluation. `tune` picks the engine's parameters on validation folds of
/// the training orders, starting from `params`; otherwise `params` are used as given.
pub fn run(baskets: &Baskets, k: usize, params: &Params, tune: bool) -> Report {
    run_with(baskets, k, params, tune, &crate::progress::Silent)
}

/// [`run`], telling `progress` how tuning goes (one model per validation fold per trial),
/// then the final training and the baselines.
pub fn run_with(
    baskets: &Baskets,
    k: usize,
    params: &Params,
    tune: bool,
    progress: &dyn crate::progress::Progress,
) -> Report {
    let s = split::split(baskets);
    let cases = split::cases(baskets, &s.test);
    let customers = model::histories(s.train.iter().map(|&i| &baskets.baskets[i]));

    let started = Instant::now();
    let tuned = if tune {
        model::tune::tune(baskets, &s.train, params, k, progress)
    } else {
        let v = model::tune::validation(baskets, &s.train);
        let m = model::tune::score(baskets, &v, params, k);
        model::tune::Tuned {
            validation: m,
            start_validation: m,
            params: params.clone(),
            trials: 1,
            stopped: false,
        }
    };
    let params = tuned.params;
    let tune_ms = started.elapsed().as_secs_f64() * 1e3;

    progress.begin(
        "training and scoring the engine and the baselines",
        None,
        crate::progress::Unit::Items("cases"),
    );
    let started = Instant::now();
    let engine = Model::train(baskets, &s.train, &params);
    let train_ms = started.elapsed().as_secs_f64() * 1e3;

    let mut engine_tally = Tally::default();
    let mut known_tally = Tally::default();
    let mut micros: Vec<f64> = Vec::with_capacity(cases.len());
    for case in &cases {
        let q = query_of(case, &customers);
        let started = Instant::now();
        let ranked = engine.recommend(&q, k);
        micros.push(started.elapsed().as_secs_f64() * 1e6);
        let rank = rank_of(case.hidden, &ranked, k);
        engine_tally.add(rank);
        if q.history.is_some() {
            known_tally.add(rank);
        }
    }
    micros.sort_by(f64::total_cmp);
    let p99 = micros
        .get((micros.len() * 99).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or(0.0);
    let mean = micros.iter().sum::<f64>() / micros.len().max(1) as f64;

    let mut rows = vec![Row {
        name: "model alone".into(),
        metrics: engine_tally.metrics(k),
    }];
    if known_tally.cases > 0 {
        rows.push(Row {
            name: "model alone, known customers only".into(),
            metrics: known_tally.metrics(k),
        });
    }
    let baselines: [(&str, Box<dyn Recommender>); 3] = [
        ("popularity", Box::new(Popularity::train(baskets, &s.train))),
        (
            "co-occurrence, conditional probability",
            Box::new(Cooccurrence::train(
                baskets,
                &s.train,
                Similarity::Conditional,
            )),
        ),
        (
            "co-occurrence, cosine",
            Box::new(Cooccurrence::train(baskets, &s.train, Similarity::Cosine)),
        ),
    ];
    for (name, r) in &baselines {
        rows.push(Row {
            name: (*name).into(),
            metrics: evaluate(r.as_ref(), &cases, &customers, k),
        });
    }
    Report {
        orders: baskets.len(),
        items: baskets.index.len(),
        train_orders: s.train.len(),
        test_orders: s.test.len(),
        cases: cases.len(),
        known_customer_cases: known_tally.cases,
        rows,
        params,
        tuned: tune,
        validation: tuned.validation,
        tune_ms,
        train_ms,
        query_mean_us: mean,
        query_p99_us: p99,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_is_one_based_and_limited_to_k() {
        assert_eq!(rank_of(7, &[7, 1, 2], 5), Some(1));
        assert_eq!(rank_of(2, &[7, 1, 2], 5), Some(3));
        assert_eq!(rank_of(2, &[7, 1, 2], 2), None);
        assert_eq!(rank_of(9, &[7, 1, 2], 5), None);
        assert_eq!(rank_of(9, &[], 5), None);
    }

    #[test]
    fn hits_and_reciprocal_ranks_over_hand_made_cases() {
        let mut t = Tally::default();
        for rank in [Some(1), Some(2), Some(3), Some(5), None] {
            t.add(rank);
        }
        let m = t.metrics(5);
        assert_eq!(m.cases, 5);
        assert_eq!(m.hit1, 0.2);
        assert_eq!(m.hit3, 0.6);
        assert_eq!(m.hitk, 0.8);
        let mrr = (1.0 + 0.5 + 1.0 / 3.0 + 0.2) / 5.0;
        assert!((m.mrr - mrr).abs() < 1e-12);
    }

    #[test]
    fn no_cases_give_zeros_not_nan() {
        let m = Tally::default().metrics(5);
        assert_eq!((m.hit1, m.hit3, m.hitk, m.mrr), (0.0, 0.0, 0.0, 0.0));
    }

    struct Fixed(Vec<u32>);
    impl Recommender for Fixed {
        fn recommend(&self, _: &Query, k: usize) -> Vec<u32> {
            self.0.iter().copied().take(k).collect()
        }
    }

    #[test]
    fn evaluate_counts_absent_hidden_items_as_misses() {
        let case = |hidden| Case {
            basket: 0,
            order_id: "1".into(),
            customer: None,
            ts: None,
            cart: vec![0],
            hidden,
        };
        let cases = [case(1), case(2), case(9)];
        let m = evaluate(&Fixed(vec![2, 3, 1]), &cases, &HashMap::new(), 5);
        assert!((m.hit1 - 1.0 / 3.0).abs() < 1e-12);
        assert!((m.hit3 - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.mrr - (1.0 / 3.0 + 1.0) / 3.0).abs() < 1e-12);
    }
}
