//! What tuning may spend: validation folds, cases, steps and settings, and the budget
//! `xsell mine` picks from the size of the history it tunes on.

use super::{FOLDS, MAX_STEPS};
use crate::recommend::baskets::Baskets;

/// What tuning may spend. `xsell eval` spends [`Budget::THOROUGH`]; `xsell mine` spends
/// [`Budget::for_window`] on every run, so a shop's own history tunes the till in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Validation folds scored (at most [`FOLDS`]).
    pub folds: usize,
    /// Cases scored per fold at most, taken evenly across the fold.
    pub max_cases: usize,
    /// Steps of the ascent at most.
    pub max_steps: usize,
    /// Settings scored at most. A count, not a clock, ends the ascent, so the same history
    /// tunes to the same parameters on any machine (a caller's deadline stays a safety net).
    pub max_trials: usize,
    /// Settings scored at once, one thread each.
    pub threads: usize,
}

impl Budget {
    pub const THOROUGH: Budget = Budget {
        folds: FOLDS,
        max_cases: usize::MAX,
        max_steps: MAX_STEPS,
        max_trials: usize::MAX,
        threads: 1,
    };
    /// One fold of at most 1,500 cases, four steps and 120 settings (two steps over every
    /// knob), two settings at a time: what `xsell mine` spends on a large history, where one
    /// fold already holds 1,500 cases and a setting costs tens of milliseconds.
    pub const QUICK: Budget = Budget {
        folds: 1,
        max_cases: 1_500,
        max_steps: 4,
        max_trials: 120,
        threads: 2,
    };
    /// Three folds of every case (at most 2,000 each), up to 360 settings: what `xsell mine`
    /// spends on a small history ([`Budget::for_window`]). Its single fold of QUICK holds
    /// only a few hundred to 1,500 cases there, too few to tell settings apart, and this
    /// costs seconds where QUICK costs one or two.
    pub const SMALL: Budget = Budget {
        folds: FOLDS,
        max_cases: 2_000,
        max_steps: MAX_STEPS,
        max_trials: 360,
        threads: 2,
    };

    /// The budget `xsell mine` tunes with on `window` (the orders tuning learns from and
    /// is scored on): [`Budget::SMALL`] when it holds at most [`SMALL_ORDERS`] orders and
    /// [`SMALL_PAIRS`] ordered pairs of items (Σ |B|(|B|−1), what counting a model's pairs
    /// costs), else [`Budget::QUICK`]. Sizes, not a clock, decide, so a history tunes to
    /// the same parameters on any machine.
    pub fn for_window(baskets: &Baskets, window: &[usize]) -> Budget {
        let mut pairs = 0u64;
        for &i in window {
            let n = baskets.baskets[i].items.len() as u64;
            pairs += n * n.saturating_sub(1);
        }
        if window.len() <= SMALL_ORDERS && pairs <= SMALL_PAIRS {
            Budget::SMALL
        } else {
            Budget::QUICK
        }
    }
}

/// The most orders a window tuned with [`Budget::SMALL`] holds: each fold's cases are a fifth
/// of them, and scoring them for every setting is most of tuning on short baskets.
pub const SMALL_ORDERS: usize = 10_000;
/// The most ordered item pairs (Σ |B|(|B|−1)) such a window holds: on long baskets, counting
/// and blending the pairs is most of tuning.
pub const SMALL_PAIRS: u64 = 8_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_history_is_tuned_on_three_folds_and_a_large_one_quickly() {
        let baskets = |orders: usize, size: usize| {
            let sets: Vec<Vec<String>> = (0..orders)
                .map(|o| (0..size).map(|i| format!("i{}", (o + i) % 500)).collect())
                .collect();
            Baskets::from_label_sets(&sets)
        };
        let budget = |b: &Baskets| Budget::for_window(b, &(0..b.len()).collect::<Vec<_>>());
        assert_eq!(budget(&baskets(SMALL_ORDERS, 4)), Budget::SMALL);
        assert_eq!(
            budget(&baskets(SMALL_ORDERS + 1, 4)),
            Budget::QUICK,
            "orders"
        );
        // 2,000 orders of 63 items: 7,812,000 pairs; of 64 items: 8,064,000.
        assert_eq!(budget(&baskets(2_000, 63)), Budget::SMALL);
        assert_eq!(budget(&baskets(2_000, 64)), Budget::QUICK, "pairs");
        let b = baskets(SMALL_ORDERS + 1, 4);
        let window: Vec<usize> = (0..100).collect();
        assert_eq!(
            Budget::for_window(&b, &window),
            Budget::SMALL,
            "only the window counts"
        );
        assert_eq!(Budget::SMALL.folds, FOLDS);
    }
}
