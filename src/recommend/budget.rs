//! Mining that stays bounded: when the shop gives no threshold, the minimum count is chosen
//! for a budget of itemsets, and only the best few rules of each antecedent are kept.
//!
//! A fixed support suits small baskets and fails on large ones: a wholesale history of
//! 26-item baskets (up to 1,100) has millions of itemsets at one order in a thousand, and a
//! store of them outgrows the engine that reads it. The engine only offers the strongest
//! rules of what is in the cart, so a budget loses nothing it would have used.

use crate::recommend::fpgrowth::{self, Itemsets};
use crate::recommend::rules::{self, Rule, RuleParams, RulesError};

/// Itemsets a default run may find: enough for every pair and triple that is frequent on a
/// small shop's history, small enough to store and load in a moment on a large one.
pub const ITEMSET_BUDGET: usize = 100_000;
/// Rules kept per antecedent: the engine offers at most a handful per cart item.
pub const RULES_PER_ANTECEDENT: usize = 10;
/// Basket lines a default run mines: the newest orders holding at most this many items, the
/// orders the model learns from (`model::LEARN_LINES`). What sells together now is in a
/// shop's recent sales, and mining costs by the lines: a million 25-item wholesale orders
/// (24.6 million lines) took 21 s and their newest 4 million take 4, where a million orders of
/// an electronics shop (1.9 million lines) are mined whole.
pub const MINING_LINES: usize = crate::recommend::model::LEARN_LINES;

/// One mining run as the shop's store and headquarters both make it.
pub struct MinedRules {
    /// The minimum count used: `floor`, or raised to fit the budget.
    pub min_count: u32,
    pub itemsets: Itemsets,
    /// Rules that say more than popularity does (lift above 1), the best
    /// `RULES_PER_ANTECEDENT` of each antecedent.
    pub rules: Vec<Rule>,
}

/// Mines `baskets` from `floor` (raised until at most `budget` itemsets are found, when
/// there is a budget) to itemsets of at most `max_len` items and the rules worth offering.
pub fn mine_rules<B: AsRef<[u32]>>(
    baskets: &[B],
    floor: u32,
    budget: Option<usize>,
    max_len: usize,
    params: RuleParams,
) -> Result<MinedRules, RulesError> {
    let (min_count, itemsets) = match budget {
        Some(b) => itemsets_within_budget(baskets, floor, max_len, b, SEARCH_SAMPLE),
        None => (floor, fpgrowth::mine(baskets, floor, Some(max_len))),
    };
    let found = rules::rules(&itemsets, baskets.len(), params)?;
    let found: Vec<Rule> = found.into_iter().filter(|r| r.lift > 1.0).collect();
    Ok(MinedRules {
        min_count,
        itemsets,
        rules: best_per_antecedent(found, RULES_PER_ANTECEDENT),
    })
}

/// Orders a long history's minimum count is first searched on: every n-th order, this many.
/// Each count tried on the whole of a million 25-item baskets is a pass of tens of seconds;
/// on the sample it is a fraction of one, and the sample's itemsets at a count scaled to it
/// number about the same as the history's.
pub const SEARCH_SAMPLE: usize = 50_000;

/// The itemsets of `baskets` at a minimum count chosen for `budget`, with that count.
///
/// Up to `sample` orders, the count is the lowest within the budget
/// ([`min_count_for_budget`]). Beyond, that search runs on an even sample of `sample` orders
/// and its count, scaled to the whole history, is where the whole is mined, raised by half
/// while the itemsets would still pass the budget. Either way the itemsets and their counts
/// are exact for the whole history at the count returned.
fn itemsets_within_budget<B: AsRef<[u32]>>(
    baskets: &[B],
    floor: u32,
    max_len: usize,
    budget: usize,
    sample: usize,
) -> (u32, fpgrowth::Itemsets) {
    let floor = floor.max(2);
    let mut count = if baskets.len() <= sample {
        min_count_for_budget(baskets, floor, Some(max_len), budget).0
    } else {
        let step = baskets.len().div_ceil(sample);
        let picked: Vec<&[u32]> = baskets.iter().step_by(step).map(AsRef::as_ref).collect();
        let scale = |c: u32, from: usize, to: usize| {
            u32::try_from((u64::from(c) * to as u64).div_ceil(from as u64)).unwrap_or(u32::MAX)
        };
        let floor_there = scale(floor, baskets.len(), picked.len());
        let (there, _) = min_count_for_budget(&picked, floor_there, Some(max_len), budget);
        scale(there, picked.len(), baskets.len()).max(floor)
    };
    loop {
        if let Some(itemsets) = fpgrowth::mine_up_to(baskets, count, Some(max_len), budget) {
            return (count, itemsets);
        }
        count = count.saturating_mul(3).div_ceil(2).max(count + 1);
    }
}

/// The lowest minimum count, not below `floor` (and never below 2), at which `baskets`
/// hold at most `budget` itemsets, with the number of itemsets found there.
///
/// Counts are tried from high to low, each about two thirds of the last, and each count
/// stops as soon as it passes the budget, so a count that would explode costs no more
/// than the budget: the search stops there and keeps the previous one.
pub fn min_count_for_budget<B: AsRef<[u32]>>(
    baskets: &[B],
    floor: u32,
    max_len: Option<usize>,
    budget: usize,
) -> (u32, usize) {
    let floor = floor.max(2);
    let count_at = |min_count: u32| fpgrowth::count_up_to(baskets, min_count, max_len, budget);
    // One basket in fifty is where even a busy shop's strongest pairs live.
    let mut count = floor.max((baskets.len() / 50) as u32);
    let mut found = count_at(count);
    if found > budget {
        // Rare: single items alone exceed the budget at the starting count. Go up instead.
        while found > budget {
            count = count.saturating_mul(3).div_ceil(2).max(count + 1);
            found = count_at(count);
        }
        return (count, found);
    }
    while count > floor {
        let next = (count * 2 / 3).max(floor).min(count - 1);
        let at_next = count_at(next);
        if at_next > budget {
            break;
        }
        count = next;
        found = at_next;
    }
    (count, found)
}

/// The Wilson lower bound (95%) of the share `hits / trials`: how large the share surely
/// is, given how few trials there were. 2 of 115 is not evidence; 20 of 40 is.
pub fn lower_bound(hits: u32, trials: u32) -> f64 {
    if trials == 0 {
        return 0.0;
    }
    let z = 1.96_f64;
    let n = f64::from(trials);
    let p = f64::from(hits) / n;
    let centre = p + z * z / (2.0 * n);
    let spread = z * ((p * (1.0 - p) + z * z / (4.0 * n)) / n).sqrt();
    ((centre - spread) / (1.0 + z * z / n)).max(0.0)
}

/// Keeps the best `per_antecedent` rules of each antecedent (by the lower bound of their
/// confidence, then lift), in their original order otherwise.
pub fn best_per_antecedent(rules: Vec<Rule>, per_antecedent: usize) -> Vec<Rule> {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    let key = |r: &Rule| lower_bound(r.count, r.antecedent_count);
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&rules[a], &rules[b]);
        ra.antecedent
            .cmp(&rb.antecedent)
            .then(key(rb).total_cmp(&key(ra)))
            .then(rb.lift.total_cmp(&ra.lift))
            .then(ra.consequent.cmp(&rb.consequent))
    });
    let mut keep = vec![false; rules.len()];
    let mut run = 0usize;
    for (n, &i) in order.iter().enumerate() {
        run = if n > 0 && rules[order[n - 1]].antecedent == rules[i].antecedent {
            run + 1
        } else {
            0
        };
        keep[i] = run < per_antecedent;
    }
    rules
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(antecedent: &[u32], consequent: u32, count: u32, of: u32) -> Rule {
        Rule {
            antecedent: antecedent.to_vec(),
            consequent,
            antecedent_count: of,
            consequent_count: 10,
            count,
            support: 0.0,
            confidence: f64::from(count) / f64::from(of),
            lift: 2.0,
        }
    }

    #[test]
    fn the_chosen_count_is_the_lowest_within_the_budget() {
        // 40 baskets of 6 items out of 12: many pairs and triples at low counts.
        let baskets: Vec<Vec<u32>> = (0..200u32)
            .map(|i| (0..6).map(|j| (i * 7 + j * j * 3) % 12).collect())
            .collect();
        let all = |mc| fpgrowth::mine(&baskets, mc, Some(3)).len();
        let budget = all(10) + 1;
        let (mc, found) = min_count_for_budget(&baskets, 2, Some(3), budget);
        assert!(found <= budget && found == all(mc), "{mc} {found}");
        assert!(all(mc - 1) > budget || mc == 2, "{mc} is not the lowest");
        // A generous budget stops at the floor.
        assert_eq!(min_count_for_budget(&baskets, 5, Some(3), usize::MAX).0, 5);
    }

    #[test]
    fn a_long_history_is_mined_exactly_at_the_count_its_sample_chose() {
        // 3,000 baskets of 5 items over 40, each item's share its own.
        let baskets: Vec<Vec<u32>> = (0..3_000u32)
            .map(|i| {
                (0..5)
                    .map(|j| (i * (j + 3) + j * j * 7 + i / 13) % 40)
                    .collect()
            })
            .collect();
        let budget = 150;
        let (exact, _) = min_count_for_budget(&baskets, 2, Some(3), budget);
        let (count, itemsets) = itemsets_within_budget(&baskets, 2, 3, budget, 300);
        assert!(itemsets.len() <= budget, "{}", itemsets.len());
        assert_eq!(itemsets, fpgrowth::mine(&baskets, count, Some(3)));
        // Near the exact search's count, not at either end.
        assert!(
            count >= exact && count <= exact * 2,
            "{count} against {exact}"
        );
        // A short history is searched whole: the lowest count within the budget.
        let whole = itemsets_within_budget(&baskets, 2, 3, budget, 3_000);
        assert_eq!(whole.0, exact);
        assert_eq!(whole.1, fpgrowth::mine(&baskets, exact, Some(3)));
        // A count given as a floor is never gone below.
        assert!(itemsets_within_budget(&baskets, 400, 3, budget, 300).0 >= 400);
    }

    #[test]
    fn counting_stops_one_past_the_cap() {
        let baskets: Vec<Vec<u32>> = (0..50u32)
            .map(|i| (0..8).map(|j| (i + j) % 10).collect())
            .collect();
        let all = fpgrowth::mine(&baskets, 2, None).len();
        assert!(all > 100);
        assert_eq!(fpgrowth::count_up_to(&baskets, 2, None, 100), 101);
        assert_eq!(fpgrowth::count_up_to(&baskets, 2, None, all), all);
        assert_eq!(fpgrowth::count_up_to(&baskets, 2, None, usize::MAX), all);
        assert_eq!(fpgrowth::mine_up_to(&baskets, 2, None, 100), None);
        assert_eq!(
            fpgrowth::mine_up_to(&baskets, 2, None, all),
            Some(fpgrowth::mine(&baskets, 2, None))
        );
    }

    #[test]
    fn lower_bound_wants_evidence() {
        assert!(lower_bound(2, 115) < 0.01 + 0.05);
        assert!(lower_bound(20, 40) > 0.34);
        assert!(lower_bound(5, 5) > lower_bound(1, 1));
        assert_eq!(lower_bound(0, 0), 0.0);
        assert!(lower_bound(30, 40) < 0.75);
    }

    #[test]
    fn only_the_best_rules_of_each_antecedent_are_kept() {
        let rules = vec![
            rule(&[1], 2, 2, 115),
            rule(&[1], 3, 20, 40),
            rule(&[1], 4, 10, 40),
            rule(&[5], 2, 1, 2),
        ];
        let kept = best_per_antecedent(rules, 2);
        let ids: Vec<(u32, u32)> = kept
            .iter()
            .map(|r| (r.antecedent[0], r.consequent))
            .collect();
        assert_eq!(ids, vec![(1, 3), (1, 4), (5, 2)]);
    }
}
