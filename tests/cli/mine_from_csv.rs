//! `xsell mine --from-csv` as a user runs it: the itemsets file must compare line by line
//! with the reference miners' files, and bad input must fail with a message.

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mining")
        .join(name)
}

fn xsell(args: &[&str]) -> Output {
    crate::run_support::xsell().args(args).output().unwrap()
}

fn lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn itemsets_file_matches_mlxtend_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sets.jsonl");
    let csv = fixture("groceries300.orders.csv");
    let run = xsell(&[
        "mine",
        "--from-csv",
        csv.to_str().unwrap(),
        "--min-count",
        "2",
        "--itemsets-out",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Same lines in the same order: by length, then by the sorted SKUs.
    assert_eq!(lines(&out), lines(&fixture("groceries300.c2.jsonl")));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("{\"items\":[\""),
        "compact JSON: {}",
        &text[..40]
    );
    let summary = String::from_utf8_lossy(&run.stderr);
    assert!(summary.contains("300 baskets"), "{summary}");
    assert!(summary.contains("2523 itemsets"), "{summary}");
    assert!(summary.contains("mining"), "{summary}");
}

#[test]
fn support_and_confidence_give_the_same_sets_and_count_rules() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sets.jsonl");
    let rules = dir.path().join("rules.jsonl");
    let csv = fixture("bakery300.orders.csv");
    let run = xsell(&[
        "mine",
        "--from-csv",
        csv.to_str().unwrap(),
        "--min-support",
        "0.001",
        "--min-confidence",
        "0.5",
        "--itemsets-out",
        out.to_str().unwrap(),
        "--rules-out",
        rules.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(lines(&out), lines(&fixture("bakery300.c1.jsonl")));
    let expected_rules = lines(&fixture("bakery300.c1.rules.jsonl"))
        .iter()
        .filter(|r| r["confidence"].as_f64().unwrap() >= 0.5)
        .count();
    let written = lines(&rules);
    assert_eq!(written.len(), expected_rules);
    let summary = String::from_utf8_lossy(&run.stderr);
    assert!(
        summary.contains(&format!("{expected_rules} rules")),
        "{summary}"
    );
    let confidences: Vec<f64> = written
        .iter()
        .map(|r| r["confidence"].as_f64().unwrap())
        .collect();
    assert!(
        confidences.windows(2).all(|w| w[0] >= w[1]),
        "strongest rules first"
    );
}

#[test]
fn both_or_neither_threshold_is_a_usage_error() {
    let csv = fixture("bakery300.orders.csv");
    let csv = csv.to_str().unwrap();
    let both = xsell(&[
        "mine",
        "--from-csv",
        csv,
        "--min-count",
        "2",
        "--min-support",
        "0.1",
    ]);
    assert!(!both.status.success());
    let neither = xsell(&["mine", "--from-csv", csv]);
    assert!(!neither.status.success());
    let zero = xsell(&["mine", "--from-csv", csv, "--min-count", "0"]);
    assert!(!zero.status.success());
    let support = xsell(&["mine", "--from-csv", csv, "--min-support", "1.5"]);
    assert!(!support.status.success());
    assert!(String::from_utf8_lossy(&support.stderr).contains("not in (0, 1]"));
}

#[test]
fn bad_row_fails_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("orders.csv");
    std::fs::write(
        &csv,
        "order_id,customer_id,sku,qty,unit_price,ts\n1,,A,1,,\n2,,,1,,\n",
    )
    .unwrap();
    let run = xsell(&[
        "mine",
        "--from-csv",
        csv.to_str().unwrap(),
        "--min-count",
        "1",
    ]);
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("orders.csv:3:"), "{err}");
}
