//! A till killed at every point of a sale: after the Nth SQL statement of the store's write
//! transactions the process aborts (XSELL_FAULT_AFTER=N), for every N up to past the end of
//! the sale. After each crash the store passes `xsell check`, the sale is there whole or not
//! at all, and an unfinished order comes back at the next sign-in and can be completed.

use crate::till_support;

use std::path::Path;

use rusqlite::Connection;
use till_support::*;
use xsell::store::Store;

const TILL: &str = "Crash";

/// What the store holds for the till after a crash.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum State {
    Nothing,
    Draft,
    DraftPaying,
    Sold,
}

fn paid_sales(db: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, total_minor FROM orders WHERE till = ?1 AND status = 'paid'")
        .unwrap();
    stmt.query_map([TILL], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// (sku, qty) of a paid order's lines.
fn sold_lines(db: &Path, order: &str) -> Vec<(String, i64)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT sku, qty FROM order_lines WHERE order_id = ?1 ORDER BY line_no")
        .unwrap();
    stmt.query_map([order], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn assert_sound(db: &Path, n: u64) {
    let (ok, report) = check(db);
    assert!(ok, "after a crash at statement {n}:\n{report}");
}

/// Runs `script` on a copy of a store set to abort after its Nth statement. None when the
/// script finished (the crash point was past it); otherwise checks that the run was killed
/// (not failed) and that the store is sound.
fn crash(db: &Path, n: u64, flags: &[&str], script: &Path) -> Option<()> {
    let out = xsell(db)
        .env("XSELL_FAULT_AFTER", n.to_string())
        .args(["--till", TILL])
        .args(flags)
        .args(["sell", "--script"])
        .arg(script)
        .output()
        .unwrap();
    if out.status.success() {
        assert_eq!(receipts(&out.stdout).len(), 1, "n={n}");
        return None;
    }
    // Killed, not failed: no exit code, and nothing said about the database.
    assert_eq!(
        out.status.code(),
        None,
        "n={n}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_sound(db, n);
    Some(())
}

#[test]
fn a_sale_killed_at_any_statement_is_whole_or_absent_and_its_draft_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_store(dir.path(), "base.db", 40);
    let items = items(&base, 2);
    let (a, b) = (&items[0], &items[1]);
    let want = vec![(a.sku.clone(), 1), (b.sku.clone(), 2)];
    let sale = dir.path().join("sale.txt");
    std::fs::write(
        &sale,
        format!(
            "login {CASHIER_PIN}\nscan {}\nscan {} 2\npay card 10\npay cash\n",
            a.sku, b.barcode
        ),
    )
    .unwrap();
    let resume = dir.path().join("resume.txt");
    std::fs::write(&resume, format!("login {CASHIER_PIN}\npay cash\n")).unwrap();

    let mut seen = std::collections::BTreeSet::new();
    let mut finished_at = None;
    for n in 1..=80u64 {
        let db = dir.path().join(format!("n{n}.db"));
        copy_store(&base, &db);
        if crash(&db, n, &[], &sale).is_none() {
            finished_at = Some(n);
            break;
        }

        let sales = paid_sales(&db);
        let draft = Store::open(&db).unwrap().open_draft(TILL).unwrap();
        let state = match (&sales[..], &draft) {
            ([], None) => State::Nothing,
            ([], Some(d)) if d.tender.as_ref().is_some_and(|t| !t.payments().is_empty()) => {
                State::DraftPaying
            }
            ([], Some(_)) => State::Draft,
            ([_], None) => State::Sold,
            other => panic!("n={n}: {other:?}"),
        };
        seen.insert(state);
        let shelf = (stock_of(&db, a.id), stock_of(&db, b.id));
        if state == State::Sold {
            assert_eq!(sold_lines(&db, &sales[0].0), want, "n={n}");
            assert_eq!(shelf, (a.stock - 1, b.stock - 2), "n={n}");
            continue;
        }
        assert_eq!(
            shelf,
            (a.stock, b.stock),
            "n={n}: stock moved without a sale"
        );
        let Some(draft) = draft else { continue };
        // The saved order is what had been scanned so far, and it can be finished.
        let lines: Vec<(String, i64)> = draft
            .cart
            .lines()
            .iter()
            .map(|l| (l.sku.clone(), l.qty))
            .collect();
        assert!(
            !lines.is_empty() && want.starts_with(&lines),
            "n={n}: {lines:?}"
        );
        let out = run_ok(
            xsell(&db)
                .args(["--till", TILL, "sell", "--script"])
                .arg(&resume),
        );
        assert_eq!(receipts(&out.stdout).len(), 1, "n={n}");
        let sales = paid_sales(&db);
        assert_eq!(sales.len(), 1, "n={n}");
        assert_eq!(sold_lines(&db, &sales[0].0), lines, "n={n}");
        assert_sound(&db, n);
    }
    let finished_at = finished_at.expect("the sale finished once the crash point was past it");
    eprintln!("crashed at each of {} statements", finished_at - 1);
    assert!(
        finished_at > 15,
        "a sale is more than {finished_at} statements"
    );
    for state in [
        State::Nothing,
        State::Draft,
        State::DraftPaying,
        State::Sold,
    ] {
        assert!(seen.contains(&state), "no crash left {state:?}: {seen:?}");
    }
}

/// The offers of the order: (sku, outcome).
fn offers_of(db: &Path, order: &str) -> Vec<(String, String)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT sku, outcome FROM suggestion_events WHERE order_id = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([order], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// On a paid order: the products of its accepted offers, after checking that no offer was
/// left open.
fn settled(db: &Path, order: &str) -> Vec<String> {
    let offers = offers_of(db, order);
    assert!(offers.iter().all(|(_, o)| o != "open"), "{offers:?}");
    offers
        .into_iter()
        .filter(|(_, o)| o == "accepted")
        .map(|(sku, _)| sku)
        .collect()
}

#[test]
fn a_sale_with_an_accepted_offer_killed_at_any_statement_keeps_offers_and_lines_together() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_store(dir.path(), "base.db", 40);
    let items = items(&base, 2);
    let (a, b) = (&items[0], &items[1]);
    let pairing = dir.path().join("complements.csv");
    std::fs::write(
        &pairing,
        format!(
            "from,to,reason,script\n{},{},Goes with it,Would you like one?\n",
            a.sku, b.sku
        ),
    )
    .unwrap();
    run_ok(xsell(&base).args(["import", "complements"]).arg(&pairing));
    let sale = dir.path().join("sale.txt");
    std::fs::write(
        &sale,
        format!(
            "login {CASHIER_PIN}\nscan {}\nwait 1\naccept 1\npay cash\n",
            a.sku
        ),
    )
    .unwrap();

    let mut finished_at = None;
    let mut crashed_with_an_open_offer = false;
    for n in 1..=80u64 {
        let db = dir.path().join(format!("offer{n}.db"));
        copy_store(&base, &db);
        if crash(&db, n, &["--holdout", "0"], &sale).is_none() {
            finished_at = Some(n);
            let sales = paid_sales(&db);
            assert_eq!(settled(&db, &sales[0].0), vec![b.sku.clone()], "n={n}");
            break;
        }
        let sales = paid_sales(&db);
        match &sales[..] {
            // Committed: the line from the offer and its accepted event came together.
            [(order, _)] => {
                assert_eq!(
                    sold_lines(&db, order),
                    [(a.sku.clone(), 1), (b.sku.clone(), 1)],
                    "n={n}"
                );
                assert_eq!(settled(&db, order), vec![b.sku.clone()], "n={n}");
            }
            [] => {
                let draft = Store::open(&db).unwrap().open_draft(TILL).unwrap();
                if let Some(d) = draft {
                    let offers = offers_of(&db, &d.id);
                    crashed_with_an_open_offer |= offers.iter().any(|(_, o)| o == "open");
                    assert!(
                        offers.iter().all(|(_, o)| o == "open" || o == "accepted"),
                        "n={n}: {offers:?}"
                    );
                }
            }
            other => panic!("n={n}: {other:?}"),
        }
    }
    let finished_at = finished_at.expect("the sale finished once the crash point was past it");
    eprintln!(
        "crashed at each of {} statements of a sale with an offer",
        finished_at - 1
    );
    assert!(
        crashed_with_an_open_offer,
        "no crash fell between the offer and its answer"
    );
}
