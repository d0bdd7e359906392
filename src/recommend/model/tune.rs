//! Picks the blend weights and shrinkage on a validation slice of the training orders: the
//! training part is split again by the evaluation rule (its last fifth, hashed or in time
//! order), the model learns from the rest and is scored on the slice's cases. The test
//! orders are never looked at.
//!
//! Steepest ascent over coarse grids, one knob changed per step, a move taken only when it
//! improves the objective. Coarse grids and a strict improvement rule keep it from chasing
//! the noise of a few hundred cases.

use std::collections::HashMap;

use super::{History, Model, Params, histories};
use crate::recommend::baskets::Baskets;
use crate::recommend::eval::{Metrics, evaluate};
use crate::recommend::split::{self, Case};

/// What tuning maximises: hit@3, with MRR to separate settings that hit equally often.
pub fn objective(m: &Metrics) -> f64 {
    m.hit3 + 0.5 * m.mrr
}

/// Moves at most; each costs one model per grid value of every knob.
const MAX_STEPS: usize = 12;

struct Knob {
    name: &'static str,
    field: fn(&mut Params) -> &mut f64,
    grid: &'static [f64],
}

const KNOBS: &[Knob] = &[
    Knob {
        name: "shrink",
        field: |p| &mut p.shrink,
        grid: &[0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0],
    },
    Knob {
        name: "w_assoc",
        field: |p| &mut p.w_assoc,
        grid: &[0.0, 0.25, 0.5, 0.75, 1.0, 1.5],
    },
    Knob {
        name: "w_cond",
        field: |p| &mut p.w_cond,
        grid: &[0.0, 0.5, 1.0, 2.0, 4.0, 8.0],
    },
    Knob {
        name: "w_cosine",
        field: |p| &mut p.w_cosine,
        grid: &[0.0, 0.5, 1.0, 2.0, 4.0],
    },
    Knob {
        name: "cart_norm",
        field: |p| &mut p.cart_norm,
        grid: &[0.0, 0.25, 0.5, 0.75, 1.0],
    },
    Knob {
        name: "size_weight",
        field: |p| &mut p.size_weight,
        grid: &[0.0, 0.5, 1.0],
    },
    Knob {
        name: "w_time",
        field: |p| &mut p.w_time,
        grid: &[0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0],
    },
    Knob {
        name: "w_weekday",
        field: |p| &mut p.w_weekday,
        grid: &[0.0, 0.25, 0.5, 1.0, 1.5, 2.0],
    },
    Knob {
        name: "time_shrink",
        field: |p| &mut p.time_shrink,
        grid: &[2.0, 8.0, 32.0, 128.0],
    },
    Knob {
        name: "w_size",
        field: |p| &mut p.w_size,
        grid: &[0.0, 0.25, 0.5, 1.0, 2.0],
    },
    Knob {
        name: "half_life_days",
        field: |p| &mut p.half_life_days,
        grid: &[0.0, 7.0, 14.0, 28.0, 56.0, 112.0],
    },
    Knob {
        name: "w_history",
        field: |p| &mut p.w_history,
        grid: &[0.0, 0.25, 0.5, 1.0, 2.0, 4.0],
    },
];

/// The validation slice of `train`: what the model may learn from, and the cases to score.
pub struct Validation {
    pub learn: Vec<usize>,
    pub cases: Vec<Case>,
    pub customers: HashMap<String, History>,
}

pub fn validation(baskets: &Baskets, train: &[usize]) -> Validation {
    let s = split::split_subset(&baskets.baskets, train);
    Validation {
        cases: split::cases(baskets, &s.test),
        customers: histories(s.train.iter().map(|&i| &baskets.baskets[i])),
        learn: s.train,
    }
}

/// Scores `params` on the validation slice.
pub fn score(baskets: &Baskets, v: &Validation, params: &Params, k: usize) -> Metrics {
    let model = Model::train(baskets, &v.learn, params);
    evaluate(&model, &v.cases, &v.customers, k)
}

/// The outcome of tuning: the parameters and how they scored on the validation slice.
#[derive(Debug, Clone)]
pub struct Tuned {
    pub params: Params,
    pub validation: Metrics,
    /// Settings tried.
    pub trials: usize,
}

/// The best parameters found from `start`; `start` itself when there is nothing to tune on.
pub fn tune(baskets: &Baskets, train: &[usize], start: &Params, k: usize) -> Tuned {
    let v = validation(baskets, train);
    if v.cases.is_empty() {
        return Tuned {
            params: start.clone(),
            validation: score(baskets, &v, start, k),
            trials: 1,
        };
    }
    let has_time = v.cases.iter().any(|c| c.ts.is_some());
    let has_customers = v.cases.iter().any(|c| {
        c.customer
            .as_ref()
            .is_some_and(|c| v.customers.contains_key(c))
    });
    let knobs: Vec<&Knob> = KNOBS
        .iter()
        .filter(|k| {
            has_time
                || !matches!(
                    k.name,
                    "w_time" | "w_weekday" | "time_shrink" | "half_life_days"
                )
        })
        .filter(|k| has_customers || k.name != "w_history")
        .collect();

    let mut best = start.clone();
    let mut best_metrics = score(baskets, &v, &best, k);
    let mut best_score = objective(&best_metrics);
    let mut trials = 1;
    // Steepest ascent: each step takes the single best move over all knobs, so the result
    // does not hinge on the order the knobs are listed in.
    for _step in 0..MAX_STEPS {
        let mut step: Option<(Params, Metrics, f64)> = None;
        for knob in &knobs {
            let current = *(knob.field)(&mut best.clone());
            for &value in knob.grid {
                if value == current {
                    continue;
                }
                let mut trial = best.clone();
                *(knob.field)(&mut trial) = value;
                let m = score(baskets, &v, &trial, k);
                trials += 1;
                let s = objective(&m);
                if s > best_score + 1e-9 && step.as_ref().is_none_or(|b| s > b.2) {
                    step = Some((trial, m, s));
                }
            }
        }
        let Some((params, metrics, s)) = step else {
            break;
        };
        best = params;
        best_metrics = metrics;
        best_score = s;
    }
    Tuned {
        params: best,
        validation: best_metrics,
        trials,
    }
}
