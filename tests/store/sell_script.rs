//! `xsell sell --script`: what it prints, how it stops, and the order it leaves behind.

use crate::till_support;

use std::path::Path;

use till_support::*;
use xsell::store::Store;

fn sell(db: &Path, dir: &Path, name: &str, script: &str) -> std::process::Output {
    let path = dir.join(name);
    std::fs::write(&path, script).unwrap();
    xsell(db)
        .args(["--till", "Desk", "sell", "--script"])
        .arg(&path)
        .output()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_script_sells_stops_at_the_line_the_register_refuses_and_leaves_the_order_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path(), "store.db", 40);
    let items = items(&db, 2);
    let (a, b) = (&items[0], &items[1]);

    let out = sell(
        &db,
        dir.path(),
        "one.txt",
        &format!(
            "# a sale, then a second order that stops\nlogin {CASHIER_PIN}\nscan {}\npay cash\n\nscan {} 3\nscan NO-SUCH-THING\npay cash\n",
            a.sku, b.barcode
        ),
    );
    assert_eq!(out.status.code(), Some(1));
    let sold = receipts(&out.stdout);
    assert_eq!(sold.len(), 1);
    assert_eq!(sold[0].0, "DESK-000001");
    // The reason is the register's own message, at the script's line.
    assert!(
        stderr(&out).contains("one.txt:7: Unknown code NO-SUCH-THING — nothing added"),
        "{}",
        stderr(&out)
    );
    let draft = Store::open(&db)
        .unwrap()
        .open_draft("Desk")
        .unwrap()
        .unwrap();
    assert_eq!(draft.cart.item_count(), 3);
    assert!(
        Store::open(&db)
            .unwrap()
            .find_receipt("DESK-000001")
            .unwrap()
            .is_some()
    );

    // The next run of the same till signs in to that order, as the register does.
    let out = sell(
        &db,
        dir.path(),
        "two.txt",
        &format!(
            "login {CASHIER_PIN}\nscan {}\npay card 1\npay card\n",
            a.barcode
        ),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sold = receipts(&out.stdout);
    assert_eq!(sold.len(), 1);
    assert_eq!(sold[0].0, "DESK-000002");
    let order = Store::open(&db)
        .unwrap()
        .find_receipt("DESK-000002")
        .unwrap()
        .unwrap();
    let qty: Vec<i64> = order.lines.iter().map(|l| l.qty).collect();
    assert_eq!(qty, vec![3, 1]);
    assert_eq!(order.payments.len(), 2);
    let (ok, report) = check(&db);
    assert!(ok, "{report}");
}

#[test]
fn refusals_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path(), "store.db", 40);
    let sku = items(&db, 1)[0].sku.clone();
    let cases = [
        // A script that does not parse sells nothing at all.
        (
            format!("login {CASHIER_PIN}\nscan {sku}\npay cash\npay bitcoin\n"),
            "s.txt:4: 'bitcoin' is not a tender",
            0,
        ),
        (format!("scan {sku}\n"), "s.txt:1: nobody is signed in", 0),
        ("login 0000\n".to_string(), "s.txt:1: Wrong PIN", 0),
        (
            format!("login {CASHIER_PIN}\npay cash\n"),
            "s.txt:2: Nothing to pay",
            0,
        ),
        (
            format!("login {CASHIER_PIN}\ncustomer NOBODY\n"),
            "s.txt:2: no customer NOBODY",
            0,
        ),
        (
            format!("login {CASHIER_PIN}\nscan {sku}\npay cash 5000000\n"),
            "s.txt:3: $5,000,000.00 for",
            0,
        ),
        // The order the case before left open comes back at sign-in, and is voided.
        (
            format!("login {CASHIER_PIN}\nvoid\nrecall\n"),
            "s.txt:3: No held orders on this till",
            0,
        ),
    ];
    for (script, said, sales) in cases {
        let out = sell(&db, dir.path(), "s.txt", &script);
        assert_eq!(out.status.code(), Some(1), "{script}");
        assert!(stderr(&out).contains(said), "{script}: {}", stderr(&out));
        assert_eq!(receipts(&out.stdout).len(), sales);
    }
}

/// The register once lost a sale this way: an order emptied after offers appeared (its
/// item removed, or its customer detached) was closed by the store while the till went on
/// adding to it, so that it could be neither paid nor voided. Both ways, against the store.
#[test]
fn an_order_emptied_after_its_offers_appeared_is_still_sold_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path(), "store.db", 120);
    let items = items(&db, 4);
    let pairings = dir.path().join("pairings.csv");
    std::fs::write(
        &pairings,
        format!(
            "from,to,reason,script\n{a},{b},fits,Take one?\n{a},{c},fits,Take one?\n",
            a = items[0].sku,
            b = items[1].sku,
            c = items[2].sku
        ),
    )
    .unwrap();
    run_ok(xsell(&db).args(["import", "complements"]).arg(&pairings));
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "customer_id,name\nC0001,Harper Gomez\n").unwrap();
    run_ok(xsell(&db).args(["import", "customers"]).arg(&people));

    let (a, d) = (&items[0].sku, &items[3].sku);
    let scripts = [
        format!("login {CASHIER_PIN}\nscan {a}\nwait 5\nremove\nscan {d}\nwait 5\npay cash\n"),
        format!(
            "login {CASHIER_PIN}\nscan {a}\ncustomer C0001\nwait 5\nremove\ndetach\nscan {d}\npay cash\n"
        ),
    ];
    for (i, script) in scripts.iter().enumerate() {
        let out = sell(&db, dir.path(), "s.txt", script);
        assert!(out.status.success(), "{script}: {}", stderr(&out));
        let sold = receipts(&out.stdout);
        assert_eq!(sold.len(), 1, "{script}");
        let conn = rusqlite::Connection::open(&db).unwrap();
        let (offers, open): (i64, i64) = conn
            .query_row(
                "SELECT count(*), count(*) FILTER (WHERE e.outcome = 'open')
                 FROM suggestion_events e JOIN orders o ON o.id = e.order_id WHERE o.receipt_no = ?1",
                [&sold[0].0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(offers >= 2, "case {i}: the offers stay with the order sold");
        assert_eq!(open, 0, "case {i}: settled by the sale");
        let (ok, report) = check(&db);
        assert!(ok, "{report}");
    }
}
