//! Picks the blend weights and shrinkage on validation slices of the training orders: the
//! training part is put in split order (hashed, or in time) and cut into fifths; the last
//! fifths are scored in turn by a model that learns from the rest. The test orders are never
//! looked at.
//!
//! Steepest ascent over coarse grids, one knob changed per step, a move taken only when it
//! improves the objective. Coarse grids and a strict improvement rule keep it from chasing
//! the noise of a few hundred cases.

use std::collections::HashMap;

use super::{Counts, History, Model, Params, histories};
use crate::progress::{Progress, Unit};
use crate::recommend::baskets::Baskets;
use crate::recommend::eval::{Metrics, evaluate};
use crate::recommend::split::{self, Case};

mod budget;
pub use budget::{Budget, SMALL_ORDERS, SMALL_PAIRS};

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
        name: "w_absent",
        field: |p| &mut p.w_absent,
        grid: &[0.0, 0.1, 0.25, 0.5, 1.0],
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

/// Validation folds cut from the training orders. The first is the slice the evaluation rule
/// gives (the last fifth of the training part, in split order); the others are the fifths
/// before it, each scored by a model that learns from the remaining training orders. More
/// folds mean more cases and less noise in the choice.
pub const FOLDS: usize = 3;

/// One fold: what the model may learn from, and the cases to score.
pub struct Fold {
    pub learn: Vec<usize>,
    pub cases: Vec<Case>,
    pub customers: HashMap<String, History>,
}

pub struct Validation {
    pub folds: Vec<Fold>,
}

impl Validation {
    pub fn cases(&self) -> impl Iterator<Item = &Case> {
        self.folds.iter().flat_map(|f| f.cases.iter())
    }
}

pub fn validation(baskets: &Baskets, train: &[usize]) -> Validation {
    let ordered = split::in_split_order(&baskets.baskets, train);
    let size = split::test_count(ordered.len());
    let folds = (0..FOLDS)
        .map_while(|f| {
            let end = ordered.len().checked_sub(f * size)?;
            let start = end.checked_sub(size).filter(|_| size > 0)?;
            let learn: Vec<usize> = ordered[..start]
                .iter()
                .chain(&ordered[end..])
                .copied()
                .collect();
            Some(Fold {
                cases: split::cases(baskets, &ordered[start..end]),
                customers: histories(learn.iter().map(|&i| &baskets.baskets[i])),
                learn,
            })
        })
        .collect();
    Validation { folds }
}

/// Scores `params` on all validation folds, pooling their cases.
pub fn score(baskets: &Baskets, v: &Validation, params: &Params, k: usize) -> Metrics {
    score_counted(baskets, v, params, k, &crate::progress::Silent, &[])
}

/// [`score`], advancing `progress` by one as each fold's model is trained and scored. A
/// fold's model is blended from `counts` (one per fold) when they were made with the same
/// order weights, which spares counting the pairs again.
fn score_counted(
    baskets: &Baskets,
    v: &Validation,
    params: &Params,
    k: usize,
    progress: &dyn Progress,
    counts: &[Counts],
) -> Metrics {
    let mut pooled = Metrics {
        cases: 0,
        k,
        hit1: 0.0,
        hit3: 0.0,
        hitk: 0.0,
        mrr: 0.0,
    };
    for (f, fold) in v.folds.iter().enumerate() {
        let model = counts
            .get(f)
            .and_then(|c| Model::train_counted(params, c))
            .unwrap_or_else(|| Model::train(baskets, &fold.learn, params));
        let m = evaluate(&model, &fold.cases, &fold.customers, k);
        progress.advance(1);
        let n = m.cases as f64;
        pooled.hit1 += m.hit1 * n;
        pooled.hit3 += m.hit3 * n;
        pooled.hitk += m.hitk * n;
        pooled.mrr += m.mrr * n;
        pooled.cases += m.cases;
    }
    let n = pooled.cases.max(1) as f64;
    pooled.hit1 /= n;
    pooled.hit3 /= n;
    pooled.hitk /= n;
    pooled.mrr /= n;
    pooled
}

/// The outcome of tuning: the parameters and how they scored on the validation folds.
#[derive(Debug, Clone)]
pub struct Tuned {
    pub params: Params,
    pub validation: Metrics,
    /// How the starting parameters scored on the same folds.
    pub start_validation: Metrics,
    /// Settings tried.
    pub trials: usize,
    /// Tuning ended because `stop` said so, not because no move improved.
    pub stopped: bool,
}

/// [`tune_within`] with the thorough budget and no stop.
pub fn tune(
    baskets: &Baskets,
    train: &[usize],
    start: &Params,
    k: usize,
    progress: &dyn Progress,
) -> Tuned {
    tune_within(
        baskets,
        train,
        start,
        k,
        Budget::THOROUGH,
        &|| false,
        progress,
    )
}

/// The validation folds a budget allows: the first `folds`, each cut to `max_cases`.
fn budgeted(mut v: Validation, budget: Budget) -> Validation {
    v.folds.truncate(budget.folds.max(1));
    for fold in &mut v.folds {
        let every = fold.cases.len().div_ceil(budget.max_cases.max(1)).max(1);
        if every > 1 {
            let cases = std::mem::take(&mut fold.cases);
            fold.cases = cases.into_iter().step_by(every).collect();
        }
    }
    v
}

/// The best parameters found from `start` within `budget`; `start` itself when there is
/// nothing to tune on. `stop` is asked before each batch of settings (a caller's deadline:
/// this module never reads the clock); when it says so, the best found so far is kept.
/// `progress` hears each step of the ascent as a stage of models trained, one per
/// validation fold of every setting tried, with the best score so far.
pub fn tune_within(
    baskets: &Baskets,
    train: &[usize],
    start: &Params,
    k: usize,
    budget: Budget,
    stop: &(dyn Fn() -> bool + Sync),
    progress: &dyn Progress,
) -> Tuned {
    let v = budgeted(validation(baskets, train), budget);
    if v.cases().next().is_none() {
        let m = score(baskets, &v, start, k);
        return Tuned {
            params: start.clone(),
            validation: m,
            start_validation: m,
            trials: 1,
            stopped: false,
        };
    }
    let has_time = v.cases().any(|c| c.ts.is_some());
    let has_customers = v.folds.iter().any(|f| {
        f.cases.iter().any(|c| {
            c.customer
                .as_ref()
                .is_some_and(|c| f.customers.contains_key(c))
        })
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
    let start_validation = best_metrics;
    let mut trials = 1;
    let mut stopped = false;
    // Steepest ascent: each step takes the single best move over all knobs, so the result
    // does not hinge on the order the knobs are listed in.
    let folds = v.folds.len() as u64;
    let threads = budget.threads.max(1);
    // Most moves change only the blend: the pairs are counted once for the order weights of
    // the best setting so far, and again only when a move changes those.
    // A fold's cases only ask about carts of their own items: only those items' pairs are
    // kept and blended (on a shop of 100,000 products, a few thousand rows).
    let wanted: Vec<Vec<bool>> = v
        .folds
        .iter()
        .map(|f| {
            let mut wanted = vec![false; baskets.index.len()];
            for &i in f.cases.iter().flat_map(|c| &c.cart) {
                wanted[i as usize] = true;
            }
            wanted
        })
        .collect();
    let count = |p: &Params| -> Vec<Counts> {
        v.folds
            .iter()
            .zip(&wanted)
            .map(|(f, wanted)| Model::count(baskets, &f.learn, p, Some(wanted)))
            .collect()
    };
    let mut counts = count(&best);
    let mut spent = false;
    for c in &mut counts {
        c.keep_blend(&best);
    }
    for n in 0..budget.max_steps {
        let settings: Vec<Params> = knobs
            .iter()
            .flat_map(|knob| {
                let current = *(knob.field)(&mut best.clone());
                let best = &best;
                knob.grid
                    .iter()
                    .filter(move |&&v| v != current)
                    .map(move |&value| {
                        let mut trial = best.clone();
                        *(knob.field)(&mut trial) = value;
                        trial
                    })
            })
            .collect();
        progress.begin(
            &format!("tuning, step {} of at most {}", n + 1, budget.max_steps),
            Some(settings.len() as u64 * folds),
            Unit::Items("models"),
        );
        progress.note(&format!(
            "· best hit@3 {:.3}, MRR {:.3}",
            best_metrics.hit3, best_metrics.mrr
        ));
        let mut step: Option<(Params, Metrics, f64)> = None;
        for batch in settings.chunks(threads) {
            if stop() {
                stopped = true;
                break;
            }
            if trials >= budget.max_trials {
                spent = true;
                break;
            }
            let scored: Vec<Metrics> = std::thread::scope(|scope| {
                let v = &v;
                let handles: Vec<_> = batch
                    .iter()
                    .map(|trial| {
                        let counts = &counts;
                        scope.spawn(move || score_counted(baskets, v, trial, k, progress, counts))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("scoring a setting does not panic"))
                    .collect()
            });
            // Taken in list order, so threads never change which of two equal moves wins.
            for (trial, m) in batch.iter().zip(scored) {
                trials += 1;
                let s = objective(&m);
                if s > best_score + 1e-9 && step.as_ref().is_none_or(|b| s > b.2) {
                    step = Some((trial.clone(), m, s));
                }
            }
        }
        let Some((params, metrics, s)) = step else {
            break;
        };
        let recount =
            params.size_weight != best.size_weight || params.half_life_days != best.half_life_days;
        best = params;
        if !stopped && !spent {
            if recount {
                counts = count(&best);
            }
            for c in &mut counts {
                c.keep_blend(&best);
            }
        }
        best_metrics = metrics;
        best_score = s;
        if stopped || spent {
            break;
        }
    }
    Tuned {
        params: best,
        validation: best_metrics,
        start_validation,
        trials,
        stopped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Baskets {
        let sets: Vec<Vec<String>> = (0..200)
            .map(|i| {
                let a = format!("a{}", i % 7);
                let b = format!("b{}", i % 7);
                let c = format!("c{}", i % 3);
                vec![a, b, c]
            })
            .collect();
        Baskets::from_label_sets(&sets)
    }

    /// Each stage's total and what was advanced in it.
    #[derive(Default)]
    struct Stages(std::sync::Mutex<Vec<(Option<u64>, u64)>>);

    impl Progress for Stages {
        fn begin(&self, _stage: &str, total: Option<u64>, _unit: Unit) {
            self.0.lock().unwrap().push((total, 0));
        }
        fn advance(&self, n: u64) {
            self.0.lock().unwrap().last_mut().expect("a stage").1 += n;
        }
    }

    #[test]
    fn tuning_reports_one_model_per_fold_of_every_setting_tried() {
        let b = data();
        let train: Vec<usize> = (0..160).collect();
        let stages = Stages::default();
        let tuned = tune(&b, &train, &Params::default(), 5, &stages);
        let stages = stages.0.into_inner().unwrap();
        assert!(!stages.is_empty());
        for (total, done) in &stages {
            assert_eq!(*total, Some(*done), "a stage ends where it said it would");
        }
        let models: u64 = stages.iter().map(|s| s.1).sum();
        assert_eq!(models, (tuned.trials as u64 - 1) * FOLDS as u64);
    }

    #[test]
    fn a_quick_budget_scores_one_fold_of_few_cases_and_stops_when_told() {
        let b = data();
        let train: Vec<usize> = (0..160).collect();
        let small = Budget {
            folds: 1,
            max_cases: 10,
            max_steps: 2,
            max_trials: usize::MAX,
            threads: 2,
        };
        let v = budgeted(validation(&b, &train), small);
        assert_eq!(v.folds.len(), 1);
        assert!(v.folds[0].cases.len() <= 10 && !v.folds[0].cases.is_empty());
        let stages = Stages::default();
        let tuned = tune_within(&b, &train, &Params::default(), 5, small, &|| false, &stages);
        let models: u64 = stages.0.into_inner().unwrap().iter().map(|s| s.1).sum();
        assert_eq!(
            models,
            tuned.trials as u64 - 1,
            "one model per setting: one fold"
        );
        let run = |budget: Budget, stop: &(dyn Fn() -> bool + Sync)| {
            tune_within(
                &b,
                &train,
                &Params::default(),
                5,
                budget,
                stop,
                &Stages::default(),
            )
        };
        let told = run(small, &|| true);
        assert!(told.stopped);
        assert_eq!((told.trials, told.params), (1, Params::default()));
        let capped = Budget {
            max_trials: 5,
            ..small
        };
        let once = run(capped, &|| false);
        let again = run(capped, &|| false);
        assert!(
            once.trials <= 5 + capped.threads && !once.stopped,
            "a spent budget is not a deadline"
        );
        assert_eq!(
            once.params, again.params,
            "a count of settings ends the same way every time"
        );
    }

    #[test]
    fn folds_use_only_the_given_training_orders() {
        let b = data();
        let train: Vec<usize> = (0..150).collect();
        let v = validation(&b, &train);
        assert_eq!(v.folds.len(), FOLDS);
        for fold in &v.folds {
            let scored: Vec<usize> = fold.cases.iter().map(|c| c.basket).collect();
            assert_eq!(scored.len(), split::test_count(150));
            assert!(
                scored
                    .iter()
                    .all(|i| train.contains(i) && !fold.learn.contains(i))
            );
            assert!(fold.learn.iter().all(|i| train.contains(i)));
            assert_eq!(fold.learn.len() + scored.len(), train.len());
        }
    }

    #[test]
    fn tuning_never_scores_worse_than_where_it_starts() {
        let b = data();
        let train: Vec<usize> = (0..160).collect();
        let start = Params {
            w_assoc: 0.0,
            w_cond: 0.0,
            ..Params::default()
        };
        let v = validation(&b, &train);
        let before = objective(&score(&b, &v, &start, 5));
        let tuned = tune(&b, &train, &start, 5, &crate::progress::Silent);
        assert!(objective(&tuned.validation) >= before);
        assert!(tuned.trials > 1);
        assert!(!tuned.stopped);
        // Pairs are what this data is about: tuning must switch a pair signal back on.
        assert!(
            tuned.params.w_assoc > 0.0 || tuned.params.w_cond > 0.0 || tuned.params.w_cosine > 0.0
        );
    }
}
