//! `xsell report --by staff` sets each person's attach rate beside the rate the acceptance
//! model expects for the offers they made, in every format, on the demo shop.

use crate::till_support::{demo_store, xsell};

fn report(db: &std::path::Path, format: &str) -> String {
    let out = xsell(db)
        .args(["report", "--by", "staff", "--format", format])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_person_has_a_fair_baseline_beside_their_attach_rate() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path());

    let json: serde_json::Value = serde_json::from_str(&report(&db, "json")).unwrap();
    let baselines = json["baselines"].as_array().unwrap();
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(baselines.len(), groups.len(), "{json}");
    for b in baselines {
        let real = b["attach_rate"].as_f64().unwrap();
        let expected = b["expected_attach_rate"].as_f64().unwrap();
        assert!(
            (0.0..=1.0).contains(&real) && (0.0..=1.0).contains(&expected),
            "{b}"
        );
        assert!(b["orders"].as_u64().unwrap() > 0);
        // Each person's expected offers taken are the sum of their offers' chances.
        let offers = b["offers"].as_f64().unwrap();
        let taken = b["expected_accepted"].as_f64().unwrap();
        assert!(taken > 0.0 && taken < offers, "{b}");
    }

    let csv = report(&db, "csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",attach_rate,expected_attach_rate"),
        "{header}"
    );
    let people: Vec<&str> = csv.lines().skip(2).collect();
    assert_eq!(people.len(), baselines.len());
    assert!(people.iter().all(|l| !l.ends_with(",,")), "{csv}");

    let table = report(&db, "table");
    assert!(
        table.contains("fair baseline   orders  offers    attach  expected  difference"),
        "{table}"
    );

    // Other breakdowns are as they were.
    let out = xsell(&db)
        .args(["report", "--by", "kind", "--format", "json"])
        .output()
        .unwrap();
    let kind: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(kind.get("baselines").is_none());
}
