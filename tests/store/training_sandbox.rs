//! A whole practice session at the real till (`xsell sell --script`, the register's own
//! assembly) leaves the shop's store as it was: every table's rows identical, but for the
//! one row that records how the session ended. The same script by a cashier does change
//! the store, so the comparison can see a sale.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::Connection;
use xsell::report::training::{Part, SessionScore};
use xsell::store::Store;

use crate::till_support::{demo_store, run_ok, run_with_stdin, xsell};

/// Every table's rows, each row as text, sorted: what "unchanged" is compared on.
fn dump(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .map(|cells| cells.join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (t, rows)
        })
        .collect()
}

fn changed(
    before: &BTreeMap<String, Vec<String>>,
    after: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(t, rows)| before.get(*t) != Some(*rows))
        .map(|(t, _)| t.clone())
        .collect()
}

/// Sign in, scan a phone, wait for the offers, take the first, pay by card.
const SESSION: &str = "scan NV9-128\nwait 3\naccept 1\npay card\n";

fn play(db: &Path, dir: &Path, pin: &str) -> String {
    let script = dir.join(format!("{pin}.txt"));
    std::fs::write(&script, format!("login {pin}\n{SESSION}")).unwrap();
    // No control group: the offer the script takes is always shown.
    let out = run_ok(
        xsell(db)
            .args(["--holdout", "0", "sell", "--script"])
            .arg(&script),
    );
    String::from_utf8(out.stdout).unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
}

#[test]
fn a_whole_training_session_changes_nothing_of_the_shop_but_its_progress_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path());
    let before = dump(&db);
    assert!(before.contains_key("training_sessions"));

    // Priya (S04) is a trainee: her sale is practice.
    let sold = play(&db, dir.path(), "9035");
    assert!(sold.starts_with("TRAINING-"), "{sold}");
    let folder = db.with_file_name("store-receipts");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].starts_with("TRAINING-"), "{files:?}");
    let text = std::fs::read_to_string(folder.join(&files[0])).unwrap();
    assert!(text.starts_with("     *** TRAINING"), "{text}");
    assert!(text.contains("Card TRAINING-"), "a simulated card: {text}");
    assert_eq!(changed(&before, &dump(&db)), Vec::<String>::new());

    // How the session ended is the one thing the shop keeps.
    let mut store = Store::open(&db).unwrap();
    let priya: i64 = store
        .conn()
        .query_row("SELECT id FROM staff WHERE code = 'S04'", [], |r| r.get(0))
        .unwrap();
    store
        .record_training(&SessionScore {
            staff_id: priya,
            scenario: "phone-case".into(),
            seed: u64::MAX,
            exam: false,
            total: 72,
            parts: vec![
                Part {
                    name: "relevant offers".into(),
                    points: 30,
                },
                Part {
                    name: "pressure".into(),
                    points: -5,
                },
            ],
            feedback: vec!["You offered the case with the phone: 2 of 3 take one".into()],
            started_at: at("2026-12-01T15:00:00"),
            finished_at: at("2026-12-01T15:04:10"),
        })
        .unwrap();
    drop(store);
    let after = dump(&db);
    assert_eq!(changed(&before, &after), ["training_sessions"]);
    assert_eq!(
        after["training_sessions"].len(),
        before["training_sessions"].len() + 1
    );
    let rows = Store::open(&db)
        .unwrap()
        .training_sessions(Some("s04"))
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].seed, rows[0].score), (u64::MAX, 72));
    assert_eq!(rows[0].parts[1].points, -5);

    // The same session by a cashier (S02) is a sale: the comparison sees it.
    let sold = play(&db, dir.path(), "1357");
    assert!(!sold.starts_with("TRAINING"), "{sold}");
    let real = changed(&after, &dump(&db));
    for table in [
        "orders",
        "order_lines",
        "payments",
        "stock_moves",
        "suggestion_events",
    ] {
        assert!(real.iter().any(|t| t == table), "{table} not in {real:?}");
    }
}

#[test]
fn a_trainee_the_shop_lets_sell_makes_a_real_sale() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path());
    let file = dir.path().join("shop.toml");
    std::fs::write(&file, "[training]\nsell_for_real = [\"S04\"]\n").unwrap();
    run_with_stdin(
        xsell(&db)
            .arg("settings")
            .arg(&file)
            .args(["--manager", "S01"]),
        "4826\n",
    );
    let before = dump(&db);
    let sold = play(&db, dir.path(), "9035");
    assert!(!sold.starts_with("TRAINING"), "{sold}");
    assert!(changed(&before, &dump(&db)).iter().any(|t| t == "orders"));
}
