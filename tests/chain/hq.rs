//! Headquarters on a real PostgreSQL server (`XSELL_TEST_PG_URL`; .ci/run starts one):
//! every entry of every store arrives exactly once whatever happens to a push, and the
//! chain's catalog and rules come back without touching a store's unsent sales.

use crate::journal_support;

use std::process::Output;

use journal_support::{
    CATALOG, assert_chain_matches, at_hq, fresh_hq, own_journal, pg, shop, text, xsell,
};
use xsell::store::Store;
use xsell::store::journal::HQ_MARK;

fn push(db: &std::path::Path, url: &str, batch: &str, env: &[(&str, &str)]) -> Output {
    xsell(db, &["hq", "push", "--url", url, "--batch", batch], env)
}

fn pushed_ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(out));
    text(out)
}

#[test]
fn two_stores_pushing_at_once_each_arrive_whole() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut a = shop(dir.path(), "A1", CATALOG);
    let mut b = shop(dir.path(), "B1", CATALOG);
    a.sell_many("Till 1", 60);
    b.sell_many("Till 1", 45);
    b.sell_many("Till 2", 15);
    let (pa, pb) = (a.path.clone(), b.path.clone());
    let (ua, ub) = (url.clone(), url.clone());
    let ta = std::thread::spawn(move || push(&pa, &ua, "7", &[]));
    let tb = std::thread::spawn(move || push(&pb, &ub, "7", &[]));
    pushed_ok(&ta.join().unwrap());
    pushed_ok(&tb.join().unwrap());
    assert_chain_matches(&url, &[&a.path, &b.path]);
    assert_eq!(own_journal(&a.path).1, 60);
}

#[test]
fn a_double_push_of_one_store_keeps_each_entry_once() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut a = shop(dir.path(), "A1", CATALOG);
    a.sell_many("Till 1", 80);
    // Two pushes of the same store at the same moment (a retry while the first still runs).
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (p, u) = (a.path.clone(), url.clone());
            std::thread::spawn(move || push(&p, &u, "5", &[]))
        })
        .collect();
    for h in handles {
        pushed_ok(&h.join().unwrap());
    }
    // And once more after both: nothing new.
    let again = pushed_ok(&push(&a.path, &url, "5", &[]));
    assert!(again.contains("Pushed 0 new entries"), "{again}");
    assert_chain_matches(&url, &[&a.path]);
}

#[test]
fn a_push_killed_at_each_batch_boundary_or_mid_batch_then_pushed_again_arrives_once() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut stores = Vec::new();
    // 25 entries in batches of 10: three batches, the last one short.
    for (point, prefix) in [
        ("mid-batch", "MB"),
        ("after-commit", "AC"),
        ("after-mark", "AM"),
    ] {
        for n in 1..=3 {
            let code = format!("{prefix}{n}");
            let mut s = shop(dir.path(), &code, CATALOG);
            s.sell_many("Till 1", 25);
            let fault = format!("{point}:{n}");
            let killed = push(&s.path, &url, "10", &[("XSELL_HQ_FAULT", &fault)]);
            assert!(
                !killed.status.success(),
                "{fault}: the push was not cut: {}",
                text(&killed)
            );
            let id = s.store.identity().unwrap().id;
            let at_hq_now = at_hq(&url, &id).0;
            let expected = match point {
                "mid-batch" => 10 * (n as i64 - 1),
                _ => (10 * n as i64).min(25),
            };
            assert_eq!(
                at_hq_now, expected,
                "{fault}: entries at headquarters after the cut"
            );
            let mark = Store::open(&s.path).unwrap().journal_mark(HQ_MARK).unwrap();
            let marked = if point == "after-mark" {
                expected
            } else {
                10 * (n as i64 - 1)
            };
            assert_eq!(mark, marked, "{fault}: the store's mark after the cut");
            pushed_ok(&push(&s.path, &url, "10", &[]));
            stores.push(s.path.clone());
        }
    }
    let refs: Vec<&std::path::Path> = stores.iter().map(|p| p.as_path()).collect();
    assert_chain_matches(&url, &refs);
}

#[test]
fn a_kiosk_carried_by_file_reaches_headquarters_once_through_the_shop() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut kiosk = shop(dir.path(), "K1", CATALOG);
    let mut s = shop(dir.path(), "S1", CATALOG);
    kiosk.sell_many("Kiosk", 6);
    s.sell_many("Till 1", 4);
    let f = dir.path().join("k.jsonl");
    let out = xsell(
        &kiosk.path,
        &["journal", "export", f.to_str().unwrap()],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        xsell(&s.path, &["journal", "import", f.to_str().unwrap()], &[])
            .status
            .success()
    );
    pushed_ok(&push(&s.path, &url, "3", &[]));
    // The kiosk pushing its own later (it got a connection) adds nothing twice.
    pushed_ok(&push(&kiosk.path, &url, "3", &[]));
    assert_chain_matches(&url, &[&kiosk.path, &s.path]);
}

#[test]
fn chain_mining_then_a_pull_brings_rules_and_catalog_but_leaves_unsent_sales() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let head = format!("{CATALOG}STAND,Laptop stand,Stands,39.00,100\n");
    let mut a = shop(dir.path(), "A1", &head);
    let mut b = shop(dir.path(), "B1", CATALOG);
    a.sell_many("Till 1", 30);
    b.sell_many("Till 1", 30);
    pushed_ok(&push(&a.path, &url, "1000", &[]));
    pushed_ok(&push(&b.path, &url, "1000", &[]));
    let out = xsell(&a.path, &["hq", "publish", "--url", &url], &[]);
    assert!(
        out.status.success() && text(&out).contains("4 products"),
        "{}",
        text(&out)
    );
    let out = xsell(&a.path, &["hq", "mine", "--url", &url], &[]);
    assert!(
        out.status.success() && text(&out).contains("Mined 60 sales"),
        "{}",
        text(&out)
    );
    // A sale B has not sent yet: the pull must leave it waiting.
    b.sell("Till 1", &[("LAP", 1)], 700);
    drop(b.store);
    let out = xsell(&b.path, &["hq", "pull", "--url", &url], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("4 products (1 new)"), "{}", text(&out));
    let store = Store::open(&b.path).unwrap();
    let rules = store.load_rules().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r.antecedent == ["BAG"] && r.consequent == "LAP"),
        "{rules:?}"
    );
    assert_eq!(store.journal_waiting(HQ_MARK).unwrap().sales, 1);
    let stand: i64 = store
        .conn()
        .query_row("SELECT stock FROM products WHERE sku = 'STAND'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stand, 0, "stock is the store's own");
    pushed_ok(&push(&b.path, &url, "1000", &[]));
    assert_chain_matches(&url, &[&a.path, &b.path]);
    let report = xsell(
        &a.path,
        &["hq", "report", "--url", &url, "--format", "json"],
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(v["chain"]["sales"], 61);
}

#[test]
fn status_says_what_waits_and_what_headquarters_holds() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut a = shop(dir.path(), "A1", CATALOG);
    a.sell_many("Till 1", 3);
    let out = xsell(&a.path, &["hq", "status", "--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["waiting"]["sales"], 3);
    assert_eq!(v["last_push"], serde_json::Value::Null);
    // What the register is told: nothing, before the store has ever pushed.
    assert_eq!(a.store.unsent().unwrap(), Default::default());
    // The test server trusts local connections, so any password is accepted: what matters
    // is that it is never shown nor kept.
    let with_password = url.replacen("://postgres@", "://postgres:s3cret@", 1);
    assert_ne!(with_password, url, "the test URL names the user postgres");
    pushed_ok(&push(&a.path, &with_password, "2", &[]));
    let out = xsell(
        &a.path,
        &["hq", "status", "--url", &with_password, "--format", "json"],
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["waiting"]["entries"], 0);
    assert_eq!(v["stores"][0]["code"], "A1");
    assert_eq!(v["stores"][0]["sales"], 3);
    // Once it has, every sale waits until the next push, with its time.
    let unsent = a.store.unsent().unwrap();
    assert!(
        unsent.tracked && unsent.sales == 0 && unsent.oldest.is_none(),
        "{unsent:?}"
    );
    a.sell("Till 1", &[("BAG", 1)], 300);
    let unsent = a.store.unsent().unwrap();
    assert_eq!(
        (unsent.sales, unsent.oldest),
        (1, Some(journal_support::at(300))),
        "{unsent:?}"
    );
    assert!(v["headquarters"].as_str().unwrap().contains(":***@"), "{v}");
    let table = text(&xsell(&a.path, &["hq", "status"], &[]));
    assert!(
        !text(&out).contains("s3cret") && !table.contains("s3cret"),
        "{table}"
    );
}

#[test]
fn a_store_code_taken_by_another_store_is_refused() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let mut a = shop(one.path(), "A1", CATALOG);
    let mut b = shop(two.path(), "A1", CATALOG);
    a.sell_many("Till 1", 1);
    b.sell_many("Till 1", 1);
    pushed_ok(&push(&a.path, &url, "10", &[]));
    let out = push(&b.path, &url, "10", &[]);
    assert!(
        !out.status.success() && text(&out).contains("already has a store with code A1"),
        "{}",
        text(&out)
    );
}

#[test]
fn resetting_a_store_with_unsent_sales_is_refused_unless_a_manager_approves() {
    let Some(base) = pg() else { return };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut a = shop(dir.path(), "A1", CATALOG);
    a.sell_many("Till 1", 1);
    pushed_ok(&push(&a.path, &url, "10", &[]));
    a.sell_many("Till 1", 1);
    drop(a.store);
    let out = xsell(&a.path, &["demo", "--reset", "--yes"], &[]);
    assert!(
        !out.status.success() && text(&out).contains("1 sale (the oldest from"),
        "{}",
        text(&out)
    );
    assert_eq!(own_journal(&a.path).1, 2, "nothing was removed");
    let wrong = journal_support::xsell_with_input(
        &a.path,
        &[
            "demo",
            "--reset",
            "--yes",
            "--discard-unsent",
            "--manager",
            "M1",
        ],
        "1234\n",
    );
    assert!(!wrong.status.success(), "{}", text(&wrong));
    assert_eq!(own_journal(&a.path).1, 2, "a wrong PIN discards nothing");
    let approved = journal_support::xsell_with_input(
        &a.path,
        &[
            "demo",
            "--reset",
            "--yes",
            "--discard-unsent",
            "--manager",
            "M1",
        ],
        "9999\n",
    );
    assert!(approved.status.success(), "{}", text(&approved));
    let store = Store::open(&a.path).unwrap();
    assert_eq!(
        store.journal_waiting(HQ_MARK).unwrap().sales,
        0,
        "a fresh demo shop"
    );
    let log = std::fs::read_to_string(dir.path().join("xsell.log")).unwrap();
    assert!(
        log.contains("sales not at headquarters discarded") && log.contains("M1 Dana"),
        "{log}"
    );
}
