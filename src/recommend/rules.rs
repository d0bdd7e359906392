//! Association rules "buyers of these items also take that one", read off the frequent
//! itemsets. The recommender stores them and explains a prompt with their counts ("3 of 4
//! buyers of X take Y"), so each rule keeps the counts its statistics come from.

use std::collections::HashMap;

use crate::recommend::fpgrowth::Itemsets;

/// `antecedent → consequent`, measured on `baskets` baskets.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Item ids, sorted ascending, never empty.
    pub antecedent: Vec<u32>,
    pub consequent: u32,
    /// Baskets holding the whole antecedent.
    pub antecedent_count: u32,
    /// Baskets holding the consequent.
    pub consequent_count: u32,
    /// Baskets holding the antecedent and the consequent.
    pub count: u32,
    /// `count / baskets`.
    pub support: f64,
    /// `count / antecedent_count`: the share of antecedent buyers who take the consequent.
    pub confidence: f64,
    /// `confidence / (consequent_count / baskets)`: how much likelier the consequent is
    /// with the antecedent than without knowing anything.
    pub lift: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleParams {
    /// Keep rules with `confidence >= min_confidence`.
    pub min_confidence: f64,
    /// Longest antecedent kept; `None` for no limit beyond the itemsets' own.
    pub max_antecedent_len: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RulesError {
    #[error("minimum confidence {0} is not in [0, 1]")]
    ConfidenceOutOfRange(f64),
    #[error("itemset {0:?} is listed but its subset {1:?} is not: rules need every subset")]
    MissingSubset(Vec<u32>, Vec<u32>),
    #[error("itemsets are given but the number of baskets they were counted over is 0")]
    NoBaskets,
}

/// Every rule with a single consequent that the itemsets support and that passes
/// `params`, in itemset order, consequents ascending within an itemset.
///
/// `itemsets` must hold every subset of each of its sets (as any miner's complete output
/// does); `baskets` is the number of baskets they were counted over.
pub fn rules(
    itemsets: &Itemsets,
    baskets: usize,
    params: RuleParams,
) -> Result<Vec<Rule>, RulesError> {
    if !(0.0..=1.0).contains(&params.min_confidence) {
        return Err(RulesError::ConfidenceOutOfRange(params.min_confidence));
    }
    if baskets == 0 && !itemsets.is_empty() {
        return Err(RulesError::NoBaskets);
    }
    let max_antecedent = params.max_antecedent_len.unwrap_or(usize::MAX);
    let counts: HashMap<&[u32], u32> = itemsets.iter().collect();
    let n = baskets as f64;
    let mut out = Vec::new();
    let mut antecedent: Vec<u32> = Vec::new();
    for (items, count) in itemsets.iter() {
        if items.len() < 2 || items.len() - 1 > max_antecedent {
            continue;
        }
        for (k, &consequent) in items.iter().enumerate() {
            antecedent.clear();
            antecedent.extend_from_slice(&items[..k]);
            antecedent.extend_from_slice(&items[k + 1..]);
            let missing =
                |subset: &[u32]| RulesError::MissingSubset(items.to_vec(), subset.to_vec());
            let antecedent_count = *counts
                .get(antecedent.as_slice())
                .ok_or_else(|| missing(&antecedent))?;
            let consequent_count = *counts
                .get(&[consequent][..])
                .ok_or_else(|| missing(&[consequent]))?;
            // Division rounds once, so a ratio equal to the decimal threshold (3/10 vs 0.3)
            // compares equal to it; `count >= min × antecedent_count` would not.
            let confidence = f64::from(count) / f64::from(antecedent_count);
            if confidence < params.min_confidence {
                continue;
            }
            out.push(Rule {
                antecedent: antecedent.clone(),
                consequent,
                antecedent_count,
                consequent_count,
                count,
                support: f64::from(count) / n,
                confidence,
                lift: confidence / (f64::from(consequent_count) / n),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommend::fpgrowth::mine;

    fn params(min_confidence: f64) -> RuleParams {
        RuleParams {
            min_confidence,
            max_antecedent_len: None,
        }
    }

    #[test]
    fn rule_keeps_counts_and_derives_statistics_from_them() {
        // 4 baskets with 0, 3 of them with 1; 1 in 5 of 8.
        let baskets = vec![
            vec![0, 1],
            vec![0, 1],
            vec![0, 1],
            vec![0],
            vec![1],
            vec![1],
            vec![2],
            vec![2],
        ];
        let itemsets = mine(&baskets, 1, None);
        let all = rules(&itemsets, baskets.len(), params(0.0)).unwrap();
        let r = all
            .iter()
            .find(|r| r.antecedent == [0] && r.consequent == 1)
            .unwrap();
        assert_eq!((r.antecedent_count, r.consequent_count, r.count), (4, 5, 3));
        assert_eq!(r.support, 3.0 / 8.0);
        assert_eq!(r.confidence, 0.75);
        assert_eq!(r.lift, 0.75 / (5.0 / 8.0));
        assert_eq!(all.len(), 2); // 0→1 and 1→0
    }

    #[test]
    fn confidence_equal_to_a_decimal_threshold_passes() {
        // 3 of 10 buyers of 0 take 1: confidence 0.3 exactly.
        let mut baskets = vec![vec![0u32, 1]; 3];
        baskets.extend(vec![vec![0u32]; 7]);
        let itemsets = mine(&baskets, 1, None);
        let kept = rules(&itemsets, baskets.len(), params(0.3)).unwrap();
        assert!(
            kept.iter()
                .any(|r| r.antecedent == [0] && r.consequent == 1)
        );
        let stricter = rules(&itemsets, baskets.len(), params(0.30001)).unwrap();
        assert!(!stricter.iter().any(|r| r.antecedent == [0]));
    }

    #[test]
    fn max_antecedent_len_drops_longer_antecedents() {
        let baskets = vec![vec![0, 1, 2, 3]; 2];
        let itemsets = mine(&baskets, 1, None);
        let all = rules(&itemsets, 2, params(0.0)).unwrap();
        // each k-set gives k rules: 6×2 + 4×3 + 1×4
        assert_eq!(all.len(), 12 + 12 + 4);
        let short = rules(
            &itemsets,
            2,
            RuleParams {
                min_confidence: 0.0,
                max_antecedent_len: Some(1),
            },
        )
        .unwrap();
        assert_eq!(short.len(), 12);
        assert!(short.iter().all(|r| r.antecedent.len() == 1));
    }

    #[test]
    fn itemsets_missing_a_subset_are_an_error() {
        let mut itemsets = Itemsets::default();
        itemsets.push(&[0], 2);
        itemsets.push(&[0, 1], 2);
        assert!(matches!(
            rules(&itemsets, 2, params(0.0)),
            Err(RulesError::MissingSubset(_, _))
        ));
        assert!(matches!(
            rules(&itemsets, 2, params(1.5)),
            Err(RulesError::ConfidenceOutOfRange(_))
        ));
    }
}
