//! `xsell train --progress` in every format, with names no output may pass on as they are:
//! a terminal escape in a trainee's name, a spreadsheet formula as a scenario and a skill.

use std::path::Path;

use chrono::NaiveDateTime;
use xsell::report::training::{Part, SessionScore};
use xsell::store::Store;

use crate::till_support::{small_store, xsell};

const EVIL_NAME: &str = "Priya\u{1b}]0;owned\u{7}\u{1b}[2J";
const EVIL_SCENARIO: &str = "=HYPERLINK(\"http://x\")";
const EVIL_SKILL: &str = "@SUM(1+1)";

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
}

/// A small shop whose trainee (S04) has a hostile name (as a store written before names
/// were checked may hold) and three sessions; a cashier (S02) has one.
fn shop(dir: &Path) -> std::path::PathBuf {
    let db = small_store(dir, "store.db", 5);
    let mut store = Store::open(&db).unwrap();
    store
        .conn()
        .execute("UPDATE staff SET name = ?1 WHERE code = 'S04'", [EVIL_NAME])
        .unwrap();
    let id = |code: &str| -> i64 {
        store
            .conn()
            .query_row("SELECT id FROM staff WHERE code = ?1", [code], |r| r.get(0))
            .unwrap()
    };
    let (priya, ana) = (id("S04"), id("S02"));
    for (who, scenario, day, total, skill) in [
        (priya, EVIL_SCENARIO, 1, 40, 10),
        (priya, "phone-case", 2, 65, 20),
        (priya, EVIL_SCENARIO, 3, 80, 30),
        (ana, "phone-case", 2, 90, 35),
    ] {
        store
            .record_training(&SessionScore {
                staff_id: who,
                scenario: scenario.into(),
                seed: 7,
                exam: false,
                total,
                parts: vec![
                    Part {
                        name: EVIL_SKILL.into(),
                        points: skill,
                    },
                    Part {
                        name: "pressure".into(),
                        points: -5,
                    },
                ],
                feedback: Vec::new(),
                started_at: at(&format!("2026-11-0{day}T10:00:00")),
                finished_at: at(&format!("2026-11-0{day}T10:05:00")),
            })
            .unwrap();
    }
    db
}

fn progress(db: &Path, extra: &[&str]) -> std::process::Output {
    xsell(db)
        .args(["train", "--progress"])
        .args(extra)
        .output()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn the_table_shows_each_trainee_over_time_with_names_made_safe() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(dir.path());
    let text = stdout(&progress(&db, &[]));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(
        text.contains("Priya�]0;owned��[2J (S04): 3 sessions, best 80, latest 80"),
        "{text}"
    );
    assert!(
        text.contains("Ana Kovacs (S02): 1 session, best 90"),
        "{text}"
    );
    // Trainees by staff code: Ana (S02), then Priya (S04).
    let score_row = text
        .lines()
        .filter(|l| l.trim_start().starts_with("all scenarios"))
        .nth(1)
        .unwrap();
    assert!(score_row.ends_with("40 65 80"), "{score_row}");
    assert!(
        text.lines()
            .any(|l| l.contains("skill @SUM(1+1)") && l.ends_with("10 20 30")),
        "{text}"
    );
    let only = stdout(&progress(&db, &["--staff", "s02"]));
    assert!(
        only.contains("Ana Kovacs") && !only.contains("Priya"),
        "{only}"
    );
}

#[test]
fn csv_has_a_row_per_figure_and_no_cell_a_spreadsheet_would_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(dir.path());
    let text = stdout(&progress(&db, &["--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Four sessions, each its score and two parts.
    assert_eq!(rows.len(), 12);
    for row in &rows {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '@', '+']), "{row:?}");
            assert!(!cell.contains('\u{1b}'), "{row:?}");
        }
    }
    assert_eq!(&rows[0][6], "score");
    assert_eq!(&rows[0][3], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[1][6], "'@SUM(1+1)");
    assert_eq!(&rows[2][7], "-5", "a plain negative number stays a number");
}

#[test]
fn json_keeps_every_name_exactly_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(dir.path());
    let text = stdout(&progress(&db, &["--format", "json", "--staff", "S04"]));
    assert!(!text.contains('\u{1b}'), "JSON escapes it");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let priya = &v["trainees"][0];
    assert_eq!(priya["staff_name"], EVIL_NAME);
    assert_eq!(priya["sessions"], 3);
    let scores: Vec<i64> = priya["scores"]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_i64().unwrap())
        .collect();
    assert_eq!(scores, [40, 65, 80]);
    assert_eq!(priya["scenarios"][0]["name"], EVIL_SCENARIO);
    assert_eq!(priya["skills"][0]["name"], EVIL_SKILL);
    assert_eq!(v["sessions"].as_array().unwrap().len(), 3);
}

#[test]
fn an_unknown_trainee_or_a_misplaced_flag_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(dir.path());
    let out = progress(&db, &["--staff", "NOBODY"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("no staff member with code \"NOBODY\""),
        "{said}"
    );
    let out = xsell(&db)
        .args(["train", "--staff", "S04"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--staff is for --progress");
    let empty = small_store(dir.path(), "empty.db", 3);
    assert_eq!(
        stdout(&progress(&empty, &[])),
        "No training sessions recorded yet.\n"
    );
    let json = stdout(&progress(&empty, &["--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["trainees"].as_array().unwrap().len(), 0);
}
