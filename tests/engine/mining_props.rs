//! The miner and the rules against direct counting on small random baskets: every subset
//! of the item universe is counted in every basket, so nothing clever can hide an error.

use std::collections::BTreeMap;

use proptest::prelude::*;
use xsell::recommend::fpgrowth;
use xsell::recommend::rules::{self, RuleParams};

fn brute_force(
    baskets: &[Vec<u32>],
    universe: u32,
    min_count: u32,
    max_len: usize,
) -> BTreeMap<Vec<u32>, u32> {
    let mut out = BTreeMap::new();
    for mask in 1u32..(1 << universe) {
        if mask.count_ones() as usize > max_len {
            continue;
        }
        let set: Vec<u32> = (0..universe).filter(|b| mask >> b & 1 == 1).collect();
        let count = baskets
            .iter()
            .filter(|b| set.iter().all(|i| b.contains(i)))
            .count() as u32;
        if count >= min_count {
            out.insert(set, count);
        }
    }
    out
}

/// Baskets of distinct sorted ids below `universe`, as `Baskets` gives them.
fn baskets(universe: u32) -> impl Strategy<Value = Vec<Vec<u32>>> {
    let basket = proptest::collection::btree_set(0..universe, 0..=universe as usize)
        .prop_map(|s| s.into_iter().collect::<Vec<u32>>());
    proptest::collection::vec(basket, 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mined_itemsets_equal_direct_counts(
        b in baskets(9),
        min_count in 1u32..6,
        max_len in proptest::option::of(1usize..5),
    ) {
        let itemsets = fpgrowth::mine(&b, min_count, max_len);
        let got: BTreeMap<Vec<u32>, u32> = itemsets.iter().map(|(i, c)| (i.to_vec(), c)).collect();
        prop_assert_eq!(got.len(), itemsets.len(), "an itemset was reported twice");
        prop_assert_eq!(got, brute_force(&b, 9, min_count, max_len.unwrap_or(usize::MAX)));
    }

    /// Dense baskets: long shared paths, perfect extensions and single-path trees.
    #[test]
    fn mined_itemsets_equal_direct_counts_on_dense_baskets(
        b in proptest::collection::vec(
            proptest::collection::btree_set(0u32..7, 4..=7).prop_map(|s| s.into_iter().collect::<Vec<u32>>()),
            1..25,
        ),
        min_count in 1u32..8,
    ) {
        let itemsets = fpgrowth::mine(&b, min_count, None);
        let got: BTreeMap<Vec<u32>, u32> = itemsets.iter().map(|(i, c)| (i.to_vec(), c)).collect();
        prop_assert_eq!(got.len(), itemsets.len(), "an itemset was reported twice");
        prop_assert_eq!(got, brute_force(&b, 7, min_count, usize::MAX));
    }

    #[test]
    fn rules_are_exactly_the_confident_splits_of_itemsets(
        b in baskets(6),
        min_count in 1u32..4,
        min_confidence in 0.0f64..=1.0,
        max_antecedent in proptest::option::of(1usize..4),
    ) {
        let itemsets = fpgrowth::mine(&b, min_count, None);
        let params = RuleParams { min_confidence, max_antecedent_len: max_antecedent };
        let got = rules::rules(&itemsets, b.len(), params).unwrap();
        let counts = brute_force(&b, 6, min_count, usize::MAX);
        let mut want = Vec::new();
        for (set, &count) in &counts {
            if set.len() < 2 || set.len() - 1 > max_antecedent.unwrap_or(usize::MAX) {
                continue;
            }
            for (k, &consequent) in set.iter().enumerate() {
                let mut antecedent = set.clone();
                antecedent.remove(k);
                let a = counts[&antecedent];
                if f64::from(count) / f64::from(a) >= min_confidence {
                    want.push((antecedent, consequent, a, counts[&vec![consequent]], count));
                }
            }
        }
        let mut got_keys: Vec<_> = got
            .iter()
            .map(|r| (r.antecedent.clone(), r.consequent, r.antecedent_count, r.consequent_count, r.count))
            .collect();
        got_keys.sort();
        want.sort();
        prop_assert_eq!(got_keys, want);
        for r in &got {
            let n = b.len() as f64;
            prop_assert_eq!(r.lift, r.confidence / (f64::from(r.consequent_count) / n));
            prop_assert_eq!(r.support, f64::from(r.count) / n);
        }
    }

    #[test]
    fn emitting_through_the_callback_reports_what_collecting_stores(
        b in baskets(8),
        min_count in 1u32..4,
    ) {
        let mut streamed: Vec<(Vec<u32>, u32)> = Vec::new();
        fpgrowth::mine_with(&b, min_count, None, |items, count| {
            let mut items = items.to_vec();
            items.sort_unstable();
            streamed.push((items, count));
        });
        let mut collected: Vec<(Vec<u32>, u32)> =
            fpgrowth::mine(&b, min_count, None).iter().map(|(i, c)| (i.to_vec(), c)).collect();
        streamed.sort();
        collected.sort();
        prop_assert_eq!(streamed, collected);
    }
}
