//! `xsell backup` while a till is selling: the copy is one consistent moment of the store.

use crate::till_support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use rusqlite::Connection;
use till_support::*;

const SALES: usize = 120;

#[test]
fn a_backup_taken_during_sales_passes_check_and_holds_whole_sales() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path(), "store.db", 40);
    let items = items(&db, 3);
    let mut script = format!("login {CASHIER_PIN}\n");
    for s in 0..SALES {
        script.push_str(&format!(
            "scan {}\nscan {} 2\npay cash\n",
            items[s % 3].sku,
            items[(s + 1) % 3].barcode
        ));
    }
    let path = dir.path().join("sales.txt");
    std::fs::write(&path, script).unwrap();
    let mut seller = xsell(&db)
        .args(["--till", "Busy", "sell", "--script"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until selling is under way, then copy while it goes on.
    let mut stdout = BufReader::new(seller.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("BUSY-000001 "), "{first:?}");
    let copy = dir.path().join("copy.db");
    let out = run_ok(xsell(&db).arg("backup").arg(&copy));
    assert!(String::from_utf8_lossy(&out.stdout).contains("copied to"));
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let status = seller.wait().unwrap();
    assert!(status.success());
    assert_eq!(rest.lines().count() + 1, SALES);

    let (ok, report) = check(&copy);
    assert!(ok, "{report}");
    let conn = Connection::open(&copy).unwrap();
    let copied: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE till = 'Busy' AND status = 'paid'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        (1..=SALES as i64).contains(&copied),
        "{copied} sales in the copy"
    );

    // The copy is never written over by accident.
    let before = std::fs::read(&copy).unwrap();
    let out = xsell(&db).arg("backup").arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    run_ok(xsell(&db).arg("backup").arg(&copy).arg("--force"));
    let (ok, report) = check(&copy);
    assert!(ok, "{report}");
    let all: i64 = Connection::open(&copy)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM orders WHERE till = 'Busy' AND status = 'paid'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(all, SALES as i64);
}
