//! `xsell train --list`, `--model`, `--from-history` and `--script` on the demo shop: what
//! they print, that a script played well outscores one that offers nothing, that a seed
//! replays, and that bad scripts and scenario files are refused with their file and line.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::cli_support::{text, xsell};

/// One demo shop for the module, made once; the commands here only read it.
fn shop() -> &'static Path {
    static SHOP: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, db) = SHOP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shop.db");
        let made = xsell(&db, &["demo"], "");
        assert!(made.status.success(), "{}", text(&made));
        (dir, db)
    });
    db
}

fn ok(args: &[&str]) -> String {
    let out = xsell(shop(), args, "");
    assert!(out.status.success(), "{args:?}: {}", text(&out));
    String::from_utf8(out.stdout).unwrap()
}

fn script(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

#[test]
fn the_list_names_every_scenario_with_its_level_customer_and_skus() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["train", "--list", "--format", "json"])).unwrap();
    let rows = json.as_array().unwrap();
    assert!(rows.len() >= 15);
    let first = &rows[0];
    assert_eq!(first["level"], "easy");
    assert!(first["name"].is_string() && first["skus"].as_array().is_some_and(|s| !s.is_empty()));
    let table = ok(&["train", "--list"]);
    assert!(table.starts_with("ID"), "{table}");
    assert!(table.contains("phone-travel") && table.contains("Sofia") && table.contains("NV9-128"));
    let csv = ok(&["train", "--list", "--format", "csv"]);
    assert!(csv.starts_with("id,level,name,skus,title\n"), "{csv}");
}

#[test]
fn the_model_prints_its_figures_and_its_calibration() {
    let out = ok(&["train", "--model"]);
    assert!(out.contains("Acceptance model: "), "{out}");
    assert!(out.contains("Calibration on "), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["train", "--model", "--format", "json"])).unwrap();
    assert!(json["model"]["offers"].as_u64().unwrap() > 5_000);
    assert!(!json["calibration"].as_array().unwrap().is_empty());
}

#[test]
fn a_script_played_well_outscores_one_that_offers_nothing_and_a_seed_replays() {
    let dir = tempfile::tempdir().unwrap();
    let good = script(
        dir.path(),
        "good.txt",
        "scan PX7-128\nask\nexplain\naccept 1\nexplain\naccept 2\npay card\n",
    );
    let none = script(dir.path(), "none.txt", "scan PX7-128\npay card\n");
    for seed in ["1", "2", "3"] {
        let play = |file: &str| -> serde_json::Value {
            serde_json::from_str(&ok(&[
                "train",
                "--script",
                file,
                "--scenario",
                "phone-first-case",
                "--seed",
                seed,
                "--format",
                "json",
            ]))
            .unwrap()
        };
        let (g, n) = (play(&good), play(&none));
        assert!(
            g["score"].as_u64() > n["score"].as_u64(),
            "seed {seed}: {g} vs {n}"
        );
        assert_eq!(g, play(&good), "the same seed, the same session");
        assert!(g["parts"]["relevant_offers"].is_i64() && g["feedback"].is_array());
    }
}

#[test]
fn a_bad_script_or_scenario_is_refused_with_where() {
    let dir = tempfile::tempdir().unwrap();
    let bad = script(dir.path(), "bad.txt", "scan PX7-128\nwink\n");
    let out = xsell(
        shop(),
        &["train", "--script", &bad, "--scenario", "phone-first-case"],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("bad.txt:2: unknown action 'wink'"),
        "{}",
        text(&out)
    );
    let good = script(dir.path(), "good.txt", "scan PX7-128\npay cash\n");
    let out = xsell(
        shop(),
        &["train", "--script", &good, "--scenario", "no-such"],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("no scenario 'no-such'"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_shops_own_scenario_file_is_read_and_its_errors_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    std::fs::copy(shop(), &db).unwrap();
    std::fs::create_dir(dir.path().join("scenarios")).unwrap();
    let own = r#"id = "our-own"
level = "medium"
title = "A monitor for a gamer"
buys = ["VW-27Q"]

[persona]
name = "Ola"
came_for = "a monitor"
greeting = "The 27-inch, please."
budget = "400.00"
price_sensitivity = "low"
patience = 3

[[good_offers]]
sku = "ANV-DP2"
why = "the monitor's best input"
"#;
    std::fs::write(dir.path().join("scenarios/own.toml"), own).unwrap();
    let out = xsell(&db, &["train", "--list"], "");
    assert!(text(&out).contains("our-own"), "{}", text(&out));
    std::fs::write(
        dir.path().join("scenarios/own.toml"),
        own.replace("ANV-DP2", "ANV-DP9"),
    )
    .unwrap();
    let out = xsell(&db, &["train", "--list"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("own.toml:15: unknown SKU 'ANV-DP9'"),
        "{}",
        text(&out)
    );
}

#[test]
fn practice_from_history_is_drawn_the_same_for_a_seed_and_playable_by_its_id() {
    let a = ok(&["train", "--from-history", "--seed", "9", "--format", "json"]);
    assert_eq!(
        a,
        ok(&["train", "--from-history", "--seed", "9", "--format", "json"])
    );
    let drawn: serde_json::Value = serde_json::from_str(&a).unwrap();
    let id = drawn[0]["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("history-o"), "{id}");
    let sku = drawn[0]["buys"][0]["sku"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let play = script(
        dir.path(),
        "play.txt",
        &format!("scan {sku}\naccept 1\npay cash\n"),
    );
    let out = ok(&["train", "--script", &play, "--scenario", &id, "--seed", "9"]);
    assert!(out.contains("Score: "), "{out}");
}
