//! The miner against mlxtend on real baskets: the first 300 orders of the groceries and
//! bakery data, with mlxtend's itemsets and rules committed beside them
//! (`scripts/mining-fixtures.py` wrote them).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use xsell::recommend::baskets::Baskets;
use xsell::recommend::fpgrowth;
use xsell::recommend::rules::{self, RuleParams};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mining")
        .join(name)
}

fn baskets(name: &str) -> Baskets {
    let file = std::fs::File::open(fixture(&format!("{name}.orders.csv"))).unwrap();
    Baskets::from_orders_csv(file).unwrap()
}

fn json_lines(file: &str) -> Vec<Value> {
    std::fs::read_to_string(fixture(file))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn labels(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

type Sets = BTreeMap<Vec<String>, u64>;

fn expected_itemsets(file: &str) -> Sets {
    let mut out = Sets::new();
    for v in json_lines(file) {
        let prev = out.insert(labels(&v["items"]), v["count"].as_u64().unwrap());
        assert!(prev.is_none(), "{file} lists an itemset twice");
    }
    out
}

fn mined(b: &Baskets, min_count: u32, max_len: Option<usize>) -> Sets {
    let itemsets = fpgrowth::mine_baskets(b, min_count, max_len);
    let mut out = Sets::new();
    for (items, count) in itemsets.iter() {
        let mut key: Vec<String> = items
            .iter()
            .map(|&i| b.index.label(i).to_string())
            .collect();
        key.sort();
        assert!(
            out.insert(key, u64::from(count)).is_none(),
            "itemset mined twice"
        );
    }
    out
}

fn assert_same(got: &Sets, want: &Sets) {
    let missing: Vec<_> = want
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(v))
        .take(5)
        .collect();
    let extra: Vec<_> = got
        .iter()
        .filter(|(k, v)| want.get(*k) != Some(v))
        .take(5)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{} expected, {} mined; expected but not mined as such: {missing:?}; mined but not expected: {extra:?}",
        want.len(),
        got.len()
    );
}

#[test]
fn groceries300_min_count_2_equals_mlxtend() {
    let b = baskets("groceries300");
    assert_eq!(b.len(), 300);
    assert_same(
        &mined(&b, 2, None),
        &expected_itemsets("groceries300.c2.jsonl"),
    );
}

#[test]
fn groceries300_min_count_3_equals_mlxtend() {
    let b = baskets("groceries300");
    assert_same(
        &mined(&b, 3, None),
        &expected_itemsets("groceries300.c3.jsonl"),
    );
}

#[test]
fn groceries300_min_count_2_max_len_2_equals_mlxtend() {
    let b = baskets("groceries300");
    assert_same(
        &mined(&b, 2, Some(2)),
        &expected_itemsets("groceries300.c2.len2.jsonl"),
    );
}

#[test]
fn bakery300_min_count_1_equals_mlxtend() {
    let b = baskets("bakery300");
    assert_eq!(b.len(), 300);
    assert_same(
        &mined(&b, 1, None),
        &expected_itemsets("bakery300.c1.jsonl"),
    );
}

#[test]
fn bakery300_min_count_2_equals_mlxtend() {
    let b = baskets("bakery300");
    assert_same(
        &mined(&b, 2, None),
        &expected_itemsets("bakery300.c2.jsonl"),
    );
}

#[test]
fn support_threshold_mines_what_its_count_mines() {
    let b = baskets("groceries300");
    let c = fpgrowth::Threshold::Support(0.01)
        .min_count(b.len())
        .unwrap();
    assert_eq!(c, 3);
    assert_same(
        &mined(&b, c, None),
        &expected_itemsets("groceries300.c3.jsonl"),
    );
    // 0.07 × 300 is 21 in decimal but 21.000000000000004 in binary: still 21.
    let c = fpgrowth::Threshold::Support(0.07)
        .min_count(b.len())
        .unwrap();
    assert_eq!(c, 21);
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn check_rules(name: &str, min_count: u32) {
    let b = baskets(name);
    let itemsets = fpgrowth::mine_baskets(&b, min_count, None);
    let params = RuleParams {
        min_confidence: 0.0,
        max_antecedent_len: None,
    };
    let got = rules::rules(&itemsets, b.len(), params).unwrap();
    let mut want: BTreeMap<(Vec<String>, String), Value> = BTreeMap::new();
    for v in json_lines(&format!("{name}.c{min_count}.rules.jsonl")) {
        let key = (
            labels(&v["antecedent"]),
            v["consequent"].as_str().unwrap().to_string(),
        );
        want.insert(key, v);
    }
    assert_eq!(got.len(), want.len(), "number of single-consequent rules");
    for r in &got {
        let mut antecedent: Vec<String> = r
            .antecedent
            .iter()
            .map(|&i| b.index.label(i).to_string())
            .collect();
        antecedent.sort();
        let key = (antecedent, b.index.label(r.consequent).to_string());
        let w = want
            .get(&key)
            .unwrap_or_else(|| panic!("rule {key:?} not in mlxtend's"));
        assert_eq!(
            u64::from(r.antecedent_count),
            w["antecedent_count"].as_u64().unwrap()
        );
        assert_eq!(
            u64::from(r.consequent_count),
            w["consequent_count"].as_u64().unwrap()
        );
        assert_eq!(u64::from(r.count), w["count"].as_u64().unwrap());
        assert!(
            close(r.confidence, w["confidence"].as_f64().unwrap()),
            "{key:?}"
        );
        assert!(close(r.lift, w["lift"].as_f64().unwrap()), "{key:?}");
        assert!(close(r.support, f64::from(r.count) / b.len() as f64));
    }
}

#[test]
fn groceries300_rules_equal_mlxtend_single_consequent_rules() {
    check_rules("groceries300", 3);
}

#[test]
fn bakery300_rules_equal_mlxtend_single_consequent_rules() {
    check_rules("bakery300", 1);
}
