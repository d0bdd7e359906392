//! FP-growth against brute force and the textbook, and the same itemsets on any number of threads.

use super::*;
use std::collections::BTreeMap;

fn sets(itemsets: &Itemsets) -> BTreeMap<Vec<u32>, u32> {
    itemsets.iter().map(|(i, c)| (i.to_vec(), c)).collect()
}

#[test]
fn support_fraction_that_multiplies_to_a_whole_count_is_not_rounded_up() {
    assert_eq!(min_count_for_support(0.07, 100), Ok(7));
    assert_eq!(min_count_for_support(0.07, 300), Ok(21));
    assert_eq!(min_count_for_support(0.0003, 10_000), Ok(3));
    assert_eq!(min_count_for_support(0.001, 9835), Ok(10));
    assert_eq!(min_count_for_support(0.0002, 9835), Ok(2));
    assert_eq!(min_count_for_support(0.0001, 9465), Ok(1));
    assert_eq!(min_count_for_support(0.1, 30), Ok(3));
    assert_eq!(min_count_for_support(0.7, 10), Ok(7));
    assert_eq!(min_count_for_support(1.0, 9835), Ok(9835));
}

#[test]
fn set_with_support_equal_to_a_decimal_threshold_is_frequent_at_any_length() {
    // 100 baskets: {0,1} ×7, {1,2} ×8, {0,2} ×8. At 0.07, {0,1} (count 7) is frequent.
    let mut baskets = vec![vec![0u32, 1]; 7];
    baskets.extend(vec![vec![1u32, 2]; 8]);
    baskets.extend(vec![vec![0u32, 2]; 8]);
    baskets.extend(vec![Vec::<u32>::new(); 77]);
    let c = Threshold::Support(0.07).min_count(baskets.len()).unwrap();
    let got = sets(&mine(&baskets, c, None));
    assert_eq!(got.get(&vec![0, 1]), Some(&7));
    assert_eq!(got.len(), 6);
}

#[test]
fn support_fraction_between_counts_rounds_up() {
    assert_eq!(min_count_for_support(0.25, 10), Ok(3));
    assert_eq!(min_count_for_support(0.0001, 5), Ok(1));
}

#[test]
fn support_outside_zero_to_one_is_rejected() {
    assert!(min_count_for_support(0.0, 10).is_err());
    assert!(min_count_for_support(-0.1, 10).is_err());
    assert!(min_count_for_support(1.5, 10).is_err());
    assert!(min_count_for_support(f64::NAN, 10).is_err());
    assert_eq!(
        Threshold::Count(0).min_count(10),
        Err(ThresholdError::ZeroCount)
    );
}

#[test]
fn textbook_example_gives_all_frequent_sets_with_counts() {
    // a b c d e as 0..5
    let baskets = vec![
        vec![0, 1, 2],
        vec![0, 1],
        vec![0, 2, 3],
        vec![1, 2, 4],
        vec![0, 1, 2, 4],
    ];
    let got = sets(&mine(&baskets, 2, None));
    let want: BTreeMap<Vec<u32>, u32> = [
        (vec![0], 4),
        (vec![1], 4),
        (vec![2], 4),
        (vec![4], 2),
        (vec![0, 1], 3),
        (vec![0, 2], 3),
        (vec![1, 2], 3),
        (vec![1, 4], 2),
        (vec![2, 4], 2),
        (vec![0, 1, 2], 2),
        (vec![1, 2, 4], 2),
    ]
    .into_iter()
    .collect();
    assert_eq!(got, want);
}

#[test]
fn max_len_cuts_longer_sets_only() {
    let baskets = vec![vec![0, 1, 2, 3]; 3];
    let all = mine(&baskets, 1, None);
    assert_eq!(all.len(), 15);
    let two = mine(&baskets, 1, Some(2));
    assert_eq!(two.len(), 4 + 6);
    assert!(two.iter().all(|(i, c)| i.len() <= 2 && c == 3));
    assert!(mine(&baskets, 1, Some(0)).is_empty());
}

#[test]
fn repeated_item_in_a_basket_counts_once() {
    let baskets = vec![vec![1, 1, 2], vec![2, 1]];
    let got = sets(&mine(&baskets, 2, None));
    assert_eq!(got.get(&vec![1]), Some(&2));
    assert_eq!(got.get(&vec![1, 2]), Some(&2));
    assert_eq!(got.len(), 3);
}

#[test]
fn no_baskets_or_threshold_above_all_counts_gives_nothing() {
    let empty: Vec<Vec<u32>> = Vec::new();
    assert!(mine(&empty, 1, None).is_empty());
    assert!(mine(&[vec![0u32, 1], vec![1]], 3, None).is_empty());
    assert!(mine(&[Vec::<u32>::new(), Vec::new()], 1, None).is_empty());
}

#[test]
fn items_in_every_basket_of_a_branch_combine_with_everything_below() {
    // 5 and 6 are in every basket holding 0: perfect extensions of {0}.
    let baskets = vec![
        vec![0, 1, 5, 6],
        vec![0, 2, 5, 6],
        vec![0, 1, 2, 5, 6],
        vec![1, 2],
        vec![1, 3],
        vec![2, 3],
    ];
    let got = sets(&mine(&baskets, 2, None));
    assert_eq!(got.get(&vec![0, 1, 2, 5, 6]), None);
    assert_eq!(got.get(&vec![0, 1, 5, 6]), Some(&2));
    assert_eq!(got.get(&vec![0, 2, 6]), Some(&2));
    assert_eq!(got.get(&vec![0, 5]), Some(&3));
    assert_eq!(got.get(&vec![5, 6]), Some(&3));
    assert_eq!(got.get(&vec![1, 2]), Some(&2));
    let brute = brute_force(&baskets, 2);
    assert_eq!(got, brute);
}

fn brute_force(baskets: &[Vec<u32>], min_count: u32) -> BTreeMap<Vec<u32>, u32> {
    let items: Vec<u32> = {
        let mut v: Vec<u32> = baskets.iter().flatten().copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut out = BTreeMap::new();
    for mask in 1u64..(1 << items.len()) {
        let set: Vec<u32> = (0..items.len())
            .filter(|b| mask >> b & 1 == 1)
            .map(|b| items[b])
            .collect();
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

#[test]
fn items_shared_out_over_threads_give_the_same_itemsets_in_the_same_order() {
    // Enough long, overlapping baskets for a first tree of many branches.
    let mut next = crate::recommend::seeded(7);
    let baskets: Vec<Vec<u32>> = (0..3_000)
        .map(|_| {
            let len = 2 + next(12) as usize;
            (0..len)
                .map(|_| (next(40) * next(40) / 40) as u32)
                .collect()
        })
        .collect();
    let run = |threads, cap| {
        let mut out: Vec<(Vec<u32>, u32)> = Vec::new();
        // An itemset's items come in no particular order; the itemsets' order is kept.
        mine_on(&baskets, 15, Some(3), cap, Some(threads), |items, count| {
            let mut items = items.to_vec();
            items.sort_unstable();
            out.push((items, count))
        });
        out
    };
    let one = run(1, usize::MAX);
    assert!(one.len() > 200, "{} itemsets", one.len());
    for threads in [2, 3, 8] {
        assert_eq!(run(threads, usize::MAX), one, "{threads} threads");
        // Past a cap, one more than it is handed on, whatever the threads found.
        assert_eq!(run(threads, 50).len(), 51);
    }
}

#[test]
fn conditional_trees_that_merge_branches_count_right() {
    // Dropping infrequent 1 under 0 makes the branches 0-1-2-3 and 0-2-3 merge.
    let baskets = vec![
        vec![0, 1, 2, 3, 4],
        vec![0, 2, 3, 4],
        vec![0, 2, 4],
        vec![0, 3, 4],
        vec![0, 2, 3],
        vec![0, 1],
        vec![5, 6],
        vec![1, 5, 6],
    ];
    for c in 1..=4 {
        assert_eq!(
            sets(&mine(&baskets, c, None)),
            brute_force(&baskets, c),
            "c={c}"
        );
    }
}
