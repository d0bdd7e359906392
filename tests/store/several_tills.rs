//! Several tills on one store file, as separate processes selling at the same time: every
//! sale is committed once, receipt numbers run on per till, and stock moves exactly.

use crate::till_support;

use std::collections::{BTreeMap, HashSet};
use std::process::Stdio;

use rusqlite::Connection;
use till_support::*;

const TILLS: usize = 4;
const SALES: usize = 50;

#[test]
fn four_tills_sell_at_once_without_losing_or_doubling_a_sale() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path());
    let items = items(&db, 6);
    assert_eq!(items.len(), 6);
    let mut sold: BTreeMap<i64, i64> = BTreeMap::new();
    let mut children = Vec::new();
    for t in 0..TILLS {
        let mut script = format!("# till {t}\nlogin {CASHIER_PIN}\n");
        for s in 0..SALES {
            let a = &items[(t + s) % items.len()];
            let b = &items[(t + 2 * s + 1) % items.len()];
            let qty = 1 + (s % 3) as i64;
            script.push_str(&format!("scan {}\nscan {} {qty}\n", a.sku, b.barcode));
            *sold.entry(a.id).or_default() += 1;
            *sold.entry(b.id).or_default() += qty;
            script.push_str(if s % 2 == 0 {
                "pay cash\n"
            } else {
                "pay card\n"
            });
        }
        let path = dir.path().join(format!("till{t}.txt"));
        std::fs::write(&path, script).unwrap();
        let child = xsell(&db)
            .args(["--till", &format!("T{t}"), "sell", "--script"])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        children.push(child);
    }
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();

    let mut printed_total = 0;
    let mut all_receipts = HashSet::new();
    for (t, out) in outputs.iter().enumerate() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            !stderr.contains("locked") && !stdout.contains("locked") && !stderr.contains("busy"),
            "till {t}: {stderr}"
        );
        assert!(out.status.success(), "till {t}: {stderr}");
        let receipts = receipts(&out.stdout);
        let numbers: Vec<String> = receipts.iter().map(|r| r.0.clone()).collect();
        let expected: Vec<String> = (1..=SALES).map(|n| format!("T{t}-{n:06}")).collect();
        assert_eq!(numbers, expected, "till {t}");
        for (no, total) in receipts {
            assert!(all_receipts.insert(no));
            printed_total += total;
        }
    }

    let conn = Connection::open(&db).unwrap();
    let (paid, stored_total): (i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(total_minor), 0) FROM orders
             WHERE status = 'paid' AND till LIKE 'T_' AND import_batch IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(paid as usize, TILLS * SALES);
    assert_eq!(stored_total, printed_total);
    let drafts: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE status <> 'paid' AND till LIKE 'T_'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(drafts, 0, "every order was paid, none left open");
    for item in &items {
        assert_eq!(
            stock_of(&db, item.id),
            item.stock - sold[&item.id],
            "stock of {}",
            item.sku
        );
    }
    let (ok, report) = check(&db);
    assert!(ok, "{report}");
}
