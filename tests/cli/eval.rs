//! `xsell eval` end to end on committed fixtures: the output has the promised shape and the
//! popularity figures equal those of an independent script
//! (`tests/fixtures/eval/make_expected.py`, written to `*.expected.json`).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eval")
        .join(name)
}

fn eval(args: &[&str]) -> (bool, String, String) {
    let out = crate::run_support::xsell()
        .arg("eval")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn row<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn json_report_matches_the_independent_popularity_figures() {
    for stem in ["bakery400", "groceries300"] {
        let orders = fixture(&format!("{stem}.orders.csv"));
        let (ok, stdout, stderr) = eval(&["--orders", orders.to_str().unwrap(), "--json"]);
        assert!(ok, "{stderr}");
        let report: Value = serde_json::from_str(&stdout).unwrap();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("{stem}.expected.json"))).unwrap(),
        )
        .unwrap();
        for key in ["orders", "train_orders", "test_orders"] {
            assert_eq!(report[key], expected[key], "{stem} {key}");
        }
        let pop = &row(&report, "popularity")["metrics"];
        let want = &expected["popularity"];
        assert_eq!(pop["cases"], want["cases"]);
        for (ours, theirs) in [
            ("hit1", "hit1"),
            ("hit3", "hit3"),
            ("hitk", "hit5"),
            ("mrr", "mrr"),
        ] {
            let (a, b) = (pop[ours].as_f64().unwrap(), want[theirs].as_f64().unwrap());
            assert!((a - b).abs() < 1e-12, "{stem} {ours}: {a} vs {b}");
        }
        for name in [
            "model alone",
            "engine at the till",
            "co-occurrence, conditional probability",
            "co-occurrence, cosine",
        ] {
            let m = &row(&report, name)["metrics"];
            assert_eq!(m["cases"], want["cases"]);
            let (h1, h3, h5) = (
                m["hit1"].as_f64().unwrap(),
                m["hit3"].as_f64().unwrap(),
                m["hitk"].as_f64().unwrap(),
            );
            assert!(0.0 <= h1 && h1 <= h3 && h3 <= h5 && h5 <= 1.0, "{name}");
        }
        assert_eq!(report["tuned"], true);
        assert!(report["params"]["shrink"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn table_lists_every_recommender_and_metric() {
    let orders = fixture("bakery400.orders.csv");
    let (ok, stdout, _) = eval(&[
        "--orders",
        orders.to_str().unwrap(),
        "--k",
        "5",
        "--no-tune",
    ]);
    assert!(ok);
    let header = stdout
        .lines()
        .find(|l| l.starts_with("recommender"))
        .unwrap();
    let cols: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(cols, ["recommender", "hit@1", "hit@3", "hit@5", "MRR@5"]);
    // popularity on the fixture: .208 / .396 / .458, .297 (independent script)
    let pop = stdout
        .lines()
        .find(|l| l.starts_with("popularity"))
        .unwrap();
    assert_eq!(
        pop.split_whitespace().skip(1).collect::<Vec<_>>(),
        ["0.208", "0.396", "0.458", "0.297"]
    );
    for name in [
        "model alone",
        "engine at the till",
        "co-occurrence, conditional probability",
        "co-occurrence, cosine",
    ] {
        assert!(stdout.lines().any(|l| l.starts_with(name)), "{name}");
    }
    assert!(stdout.contains("engine parameters (built-in)"));
    assert!(stdout.contains("`mine` with its defaults"));
}

#[test]
fn known_customers_get_their_own_row() {
    // Ten customers, each buying the same odd item on every visit: only history reveals it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.orders.csv");
    let mut csv = String::from("order_id,customer_id,sku,qty,unit_price,ts\n");
    for visit in 0..20 {
        for c in 0..10 {
            let id = visit * 10 + c;
            let ts = format!("2025-01-{:02}T{:02}:00:00", 1 + visit, 8 + c);
            csv += &format!("{id},C{c},bread,1,,{ts}\n{id},C{c},habit{c},1,,{ts}\n");
        }
    }
    std::fs::write(&path, csv).unwrap();
    let (ok, stdout, stderr) = eval(&["--orders", path.to_str().unwrap(), "--json"]);
    assert!(ok, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["known_customer_cases"], 40);
    let known = &row(&report, "model alone, known customers only")["metrics"];
    let popular = &row(&report, "popularity")["metrics"];
    assert!(known["hit1"].as_f64().unwrap() > popular["hit1"].as_f64().unwrap());
    // At the till too, with the same cases asked again without the customer beside them.
    let till = &row(&report, "engine at the till, known customers only")["metrics"];
    let blind = &row(
        &report,
        "engine at the till, known customers without their history",
    )["metrics"];
    assert_eq!(till["cases"], 40);
    assert_eq!(blind["cases"], 40);
    assert!(till["hit1"].as_f64().unwrap() > popular["hit1"].as_f64().unwrap());
}

#[test]
fn a_bad_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "order_id,customer_id,sku,qty,unit_price,ts\n1,,A,x,,\n",
    )
    .unwrap();
    let (ok, _, stderr) = eval(&["--orders", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("bad.csv:2:"), "{stderr}");
}
