//! Association rules as the engine uses them: mined from the shop's sales, stored, and
//! matched against the cart ("3 of 4 buyers of X take Y").

use std::collections::{HashMap, HashSet};

use crate::recommend::baskets::ItemIndex;
use crate::recommend::rules::Rule;

/// A stored rule, by SKU.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MinedRule {
    /// The rule's row id: reports count offers and conversions per rule.
    pub id: i64,
    /// SKUs, sorted.
    pub antecedent: Vec<String>,
    pub consequent: String,
    pub antecedent_count: u32,
    pub count: u32,
    pub confidence: f64,
    pub lift: f64,
}

impl MinedRule {
    /// A mined rule by SKU, not yet stored (id 0).
    pub fn of(rule: &Rule, index: &ItemIndex) -> MinedRule {
        let mut antecedent: Vec<String> = rule
            .antecedent
            .iter()
            .map(|&i| index.label(i).to_string())
            .collect();
        antecedent.sort();
        MinedRule {
            id: 0,
            antecedent,
            consequent: index.label(rule.consequent).to_string(),
            antecedent_count: rule.antecedent_count,
            count: rule.count,
            confidence: rule.confidence,
            lift: rule.lift,
        }
    }
}

/// Rules indexed by the first SKU of their antecedent, so a cart finds the rules whose
/// whole antecedent it holds without scanning them all.
#[derive(Debug, Default)]
pub struct RuleIndex {
    rules: Vec<MinedRule>,
    by_first: HashMap<String, Vec<usize>>,
}

impl RuleIndex {
    pub fn new(rules: Vec<MinedRule>) -> RuleIndex {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            if let Some(first) = r.antecedent.first() {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        RuleIndex { rules, by_first }
    }

    /// Rules whose antecedent the cart holds entirely and whose consequent it does not.
    pub fn matching<'a>(&'a self, cart: &'a [String]) -> impl Iterator<Item = &'a MinedRule> + 'a {
        // A wholesale cart holds up to a hundred SKUs, each the first of dozens of rules:
        // looking each rule's SKUs up in a scan of the cart cost a tenth of `mine`.
        let held: HashSet<&str> = cart.iter().map(String::as_str).collect();
        cart.iter()
            .flat_map(|sku| self.by_first.get(sku).into_iter().flatten())
            .map(|&i| &self.rules[i])
            .filter(move |r| {
                r.antecedent.iter().all(|a| held.contains(a.as_str()))
                    && !held.contains(r.consequent.as_str())
            })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: i64, ante: &[&str], cons: &str) -> MinedRule {
        MinedRule {
            id,
            antecedent: ante.iter().map(|s| s.to_string()).collect(),
            consequent: cons.into(),
            antecedent_count: 4,
            count: 3,
            confidence: 0.75,
            lift: 2.0,
        }
    }

    #[test]
    fn a_rule_fires_only_when_its_whole_antecedent_is_in_the_cart() {
        let idx = RuleIndex::new(vec![
            rule(1, &["A"], "X"),
            rule(2, &["A", "B"], "Y"),
            rule(3, &["A"], "B"),
        ]);
        let cart = vec!["A".to_string()];
        let ids: Vec<i64> = idx.matching(&cart).map(|r| r.id).collect();
        assert_eq!(ids, [1, 3]);
        let cart = vec!["B".to_string(), "A".to_string()];
        let ids: Vec<i64> = idx.matching(&cart).map(|r| r.id).collect();
        assert_eq!(ids, [1, 2], "B is in the cart, so A → B is not offered");
    }
}
