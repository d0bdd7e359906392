//! `xsell train` in a real terminal: a trainee serves the same practice customer twice,
//! once well (asks, explains, offers from the panel) and once badly (offers whatever is on
//! the shelf), and the well-served one scores higher; the shop's store is left as it was
//! but for the two progress rows.

use std::collections::BTreeMap;
use std::path::Path;

use crate::pty_support;

use pty_support::{CTRL_Q, F12, Tui};
use xsell::store::Store;

const ALT_A: &[u8] = b"\x1ba";
const ALT_E: &[u8] = b"\x1be";
const ALT_1: &[u8] = b"\x1b1";

/// Every table's rows, each as text, sorted: what "unchanged" is checked against.
fn tables(db: &Path) -> BTreeMap<String, Vec<String>> {
    let store = Store::open(db).unwrap();
    let conn = store.conn();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names
        .into_iter()
        .map(|name| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..columns)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (name, rows)
        })
        .collect()
}

fn demo_shop(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("shop.db");
    let made = crate::run_support::xsell()
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    db
}

fn offers_on_screen(tui: &mut Tui) {
    tui.wait_until("the offers panel", |s| s.contains("F11 add"));
}

#[test]
fn a_customer_served_well_scores_higher_and_the_shop_keeps_only_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_shop(dir.path());
    let before = tables(&db);

    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db").arg(&db).args([
        "--holdout",
        "0",
        "train",
        "--scenario",
        "phone-first-case",
        "--seed",
        "3",
    ]);
    let mut tui = Tui::spawn_process(&cmd, 40, 120);
    tui.wait_for("PIN");
    tui.send(b"9035\r");
    tui.wait_for("How you are scored");

    // Served well: ask what it is for, explain, offer the panel's first two, then pay.
    tui.send(ALT_A);
    tui.wait_for("Maya: Hi");
    tui.send(b"PX7-128\r");
    offers_on_screen(&mut tui);
    tui.send(ALT_A);
    tui.wait_for("You: What will you be using it for?");
    tui.send(ALT_E);
    tui.send(ALT_1);
    tui.wait_for("You: How about the");
    tui.send(F12);
    tui.wait_for("Score: ");
    tui.send(b"\r");
    tui.wait_for("complete");
    tui.send(b"\r");

    // Served badly: the same customer, offered what she has no use for, from the shelf.
    tui.send(ALT_A);
    tui.wait_for("Maya: Hi");
    tui.send(b"PX7-128\r");
    tui.wait_for("Order · 1 item");
    for sku in ["IW-62BK", "TG-CARE-3000", "VC-AA4", "PT-30T"] {
        tui.send(format!("{sku}\r").as_bytes());
    }
    // Four offers in a row: she either leaves (her score is recorded then) or is paid.
    let screen = tui.wait_until("the customer's last word", |s| {
        s.contains("Void the order (F8)") || s.contains("Take the payment")
    });
    if screen.contains("Take the payment") {
        tui.send(F12);
        tui.send(b"\r");
        tui.wait_for("complete");
        tui.send(b"\r");
    }
    tui.send(CTRL_Q);
    tui.wait_exit();

    let after = tables(&db);
    for (name, rows) in &before {
        if name != "training_sessions" {
            assert_eq!(rows, &after[name], "the shop's table {name} changed");
        }
    }
    let store = Store::open(&db).unwrap();
    let scores: Vec<(String, i64)> = store
        .conn()
        .prepare("SELECT scenario, score FROM training_sessions ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(scores.len(), 2, "{scores:?}");
    assert!(scores.iter().all(|(s, _)| s == "phone-first-case"));
    assert!(
        scores[0].1 > scores[1].1,
        "well {} vs badly {}",
        scores[0].1,
        scores[1].1
    );
}
