//! The sales journal in a store and in files: store codes on receipts, an entry for each
//! thing that happens, export and import applied once, all or nothing, and `xsell check`.

use crate::journal_support;

use journal_support::{CATALOG, Shop, assert_check_clean, at, shop, text, xsell};
use xsell::domain::offer::Feedback;
use xsell::domain::order::{Refund, RefundTo};
use xsell::domain::tender::TenderKind;
use xsell::journal::Entry;
use xsell::store::Store;

fn kinds(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn()
        .prepare("SELECT kind FROM journal ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn receipt_numbers_carry_the_store_code_and_the_code_never_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = shop(dir.path(), "S1", CATALOG);
    assert_eq!(
        a.sell("Till 1", &[("LAP", 1)], 0).receipt_no,
        "S1-TILL1-000001"
    );
    let err = a.store.set_store_code("S2").unwrap_err().to_string();
    assert!(err.contains("keeps its code"), "{err}");
    // A store without a code numbers as before.
    let mut plain = Store::open_in_memory().unwrap();
    assert_eq!(plain.identity().unwrap().code, None);
    assert!(plain.set_store_code("not a code!").is_err());
    assert_check_clean(&a.path);
}

#[test]
fn init_creates_an_empty_shop_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let out = xsell(&db, &["init", "--store-code", "n7"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("Created empty store N7"),
        "{}",
        text(&out)
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.identity().unwrap().code.as_deref(), Some("N7"));
    assert!(store.is_empty().unwrap());
    let again = xsell(&db, &["init", "--store-code", "N8"], &[]);
    assert!(
        !again.status.success() && text(&again).contains("keeps its code"),
        "{}",
        text(&again)
    );
}

#[test]
fn every_sale_refund_void_close_and_feedback_has_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop(dir.path(), "S1", CATALOG);
    let sale = s.sell("Till 1", &[("LAP", 1), ("BAG", 2)], 0);
    s.store
        .record_feedback(&sale.order_id, Feedback::Helpful)
        .unwrap();
    s.store
        .refund(&Refund {
            original_order_id: sale.order_id.clone(),
            till: "Till 1".into(),
            staff_id: s.cashier,
            approved_by: s.manager,
            lines: vec![(2, 1)],
            tender: RefundTo::Only(TenderKind::Cash),
            at: at(5),
        })
        .unwrap();
    let catalog = s.store.load_catalog().unwrap();
    let mut cart = xsell::domain::cart::Cart::new();
    cart.add(
        catalog.by_sku("MOUSE").unwrap(),
        1,
        xsell::domain::cart::LineOrigin::Manual,
    )
    .unwrap();
    let draft = xsell::domain::order::OrderDraft {
        id: uuid::Uuid::new_v4().to_string(),
        till: "Till 1".into(),
        staff_id: s.cashier,
        customer: None,
        cart,
        tender: None,
        started_at: at(6),
        approvals: Vec::new(),
        holdout: false,
        offers: None,
    };
    s.store.save_draft(&draft, at(6)).unwrap();
    s.store
        .void(&draft, "changed mind", Some(s.manager), at(7))
        .unwrap();
    s.store
        .close_day(
            "Till 1",
            at(0).date(),
            xsell::domain::money::Money::from_minor(0),
            Some(s.manager),
            "M1",
            at(30),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        kinds(&s.store),
        ["sale", "feedback", "refund", "void", "close"]
    );
    let seqs: Vec<i64> = {
        let mut stmt = s
            .store
            .conn()
            .prepare("SELECT till_seq FROM journal ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    assert_check_clean(&s.path);
}

#[test]
fn the_journal_cannot_be_rewritten_and_check_catches_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop(dir.path(), "S1", CATALOG);
    s.sell("Till 1", &[("LAP", 1)], 0);
    let conn = s.store.conn();
    assert!(conn.execute("UPDATE journal SET body = '{}'", []).is_err());
    assert!(conn.execute("DELETE FROM journal", []).is_err());
    // Past the triggers (as a hand edit of the file would be), check says what is wrong.
    conn.execute_batch(
        "DROP TRIGGER journal_no_update; UPDATE journal SET body = json_set(body, '$.total_minor', 1);",
    )
    .unwrap();
    let found: Vec<String> = s
        .store
        .check()
        .unwrap()
        .into_iter()
        .filter(|v| v.rule == "journal")
        .map(|v| v.detail)
        .collect();
    assert!(
        found.iter().any(|d| d.contains("does not match its hash")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|d| d.contains("the journal says a total of 1 cents")),
        "{found:?}"
    );
    s.store
        .conn()
        .execute_batch("DROP TRIGGER journal_no_delete; DELETE FROM journal;")
        .unwrap();
    let found: Vec<String> = s
        .store
        .check()
        .unwrap()
        .into_iter()
        .filter(|v| v.rule == "journal")
        .map(|v| v.detail)
        .collect();
    assert_eq!(
        found,
        ["S1-TILL1-000001: paid at a till but not in the journal"]
    );
}

fn export(db: &std::path::Path, file: &std::path::Path, since: Option<&str>) {
    let mut args = vec!["journal", "export"];
    if let Some(s) = since {
        args.extend(["--since", s]);
    }
    args.push(file.to_str().unwrap());
    let out = xsell(db, &args, &[]);
    assert!(out.status.success(), "{}", text(&out));
}

fn import(db: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    xsell(db, &["journal", "import", file.to_str().unwrap()], &[])
}

fn kiosk_and_shop(dir: &std::path::Path) -> (Shop, Shop) {
    (shop(dir, "K1", CATALOG), shop(dir, "S1", CATALOG))
}

#[test]
fn overlapping_files_and_a_file_imported_twice_add_each_entry_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut kiosk, shop_) = kiosk_and_shop(dir.path());
    kiosk.sell_many("Kiosk", 3);
    let f1 = dir.path().join("f1.jsonl");
    export(&kiosk.path, &f1, None);
    kiosk.sell_many("Kiosk", 2);
    let f2 = dir.path().join("f2.jsonl");
    let f3 = dir.path().join("f3.jsonl");
    export(&kiosk.path, &f2, None);
    export(&kiosk.path, &f3, Some("0"));
    assert_eq!(std::fs::read_to_string(&f1).unwrap().lines().count(), 3);
    assert_eq!(std::fs::read_to_string(&f2).unwrap().lines().count(), 2);
    assert_eq!(std::fs::read_to_string(&f3).unwrap().lines().count(), 5);
    for f in [&f1, &f3, &f1, &f2] {
        let out = import(&shop_.path, f);
        assert!(out.status.success(), "{}", text(&out));
    }
    let store = Store::open(&shop_.path).unwrap();
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM journal WHERE origin = 'import'"
        ),
        5
    );
    assert_eq!(
        count(&store, "SELECT count(*) FROM orders WHERE status = 'paid'"),
        5
    );
    // Three sales took a laptop each from this store's stock too.
    assert_eq!(
        count(&store, "SELECT stock FROM products WHERE sku = 'LAP'"),
        997
    );
    assert_check_clean(&shop_.path);
    assert_check_clean(&kiosk.path);
}

#[test]
fn a_bad_line_is_reported_by_number_and_nothing_of_the_file_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let (mut kiosk, shop_) = kiosk_and_shop(dir.path());
    kiosk.sell_many("Kiosk", 4);
    let good = dir.path().join("good.jsonl");
    export(&kiosk.path, &good, None);
    let lines: Vec<String> = std::fs::read_to_string(&good)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let edited = lines[1].replacen("\"qty\":2", "\"qty\":1", 1);
    assert_ne!(edited, lines[1]);
    let cut = &lines[2][..lines[2].len() / 2];
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        format!("{}\n{edited}\n{cut}\n{}\n", lines[0], lines[3]),
    )
    .unwrap();
    let out = import(&shop_.path, &bad);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("bad.jsonl:2: entry") && said.contains("does not match its hash"),
        "{said}"
    );
    assert!(
        said.contains("bad.jsonl:3: the line is cut short"),
        "{said}"
    );
    assert!(
        !said.contains("bad.jsonl:1:") && !said.contains("bad.jsonl:4:"),
        "{said}"
    );
    let store = Store::open(&shop_.path).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM journal"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM orders"), 0);
}

#[test]
fn an_unknown_sku_names_its_line_and_nothing_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut kiosk = shop(
        dir.path(),
        "K1",
        &format!("{CATALOG}CABLE,USB cable,Cables,9.00,50\n"),
    );
    let shop_ = shop(dir.path(), "S1", CATALOG);
    kiosk.sell_many("Kiosk", 2);
    kiosk.sell("Kiosk", &[("CABLE", 1)], 3);
    let f = dir.path().join("k.jsonl");
    export(&kiosk.path, &f, None);
    let out = import(&shop_.path, &f);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("k.jsonl:3: unknown SKU CABLE"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("nothing of"), "{}", text(&out));
    let store = Store::open(&shop_.path).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM orders"), 0);
}

#[test]
fn the_same_id_with_other_content_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (mut kiosk, shop_) = kiosk_and_shop(dir.path());
    kiosk.sell_many("Kiosk", 1);
    let f = dir.path().join("k.jsonl");
    export(&kiosk.path, &f, None);
    assert!(import(&shop_.path, &f).status.success());
    // The same entry rewritten with another total, its hash recomputed so it reads as valid.
    let e = Entry::parse_line(std::fs::read_to_string(&f).unwrap().trim()).unwrap();
    let mut body = e.body.clone();
    body["subtotal_minor"] = serde_json::json!(1);
    let forged = Entry::new(
        e.id.clone(),
        e.store.clone(),
        e.store_code.clone(),
        e.till.clone(),
        e.seq,
        e.kind,
        e.at.clone(),
        body,
    );
    let g = dir.path().join("forged.jsonl");
    std::fs::write(&g, forged.to_line() + "\n").unwrap();
    let out = import(&shop_.path, &g);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("forged.jsonl:1: entry") && text(&out).contains("different content"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_sale_of_stock_the_store_thinks_is_gone_is_applied_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let kiosk_catalog = CATALOG.replace("Mice,25.00,1000", "Mice,25.00,10");
    let mut kiosk = shop(dir.path(), "K1", &kiosk_catalog);
    let shop_ = shop(
        dir.path(),
        "S1",
        &CATALOG.replace("Mice,25.00,1000", "Mice,25.00,1"),
    );
    kiosk.sell("Kiosk", &[("MOUSE", 3)], 0);
    let f = dir.path().join("k.jsonl");
    export(&kiosk.path, &f, None);
    let out = import(&shop_.path, &f);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("flagged K1-KIOSK-000001: sold 3 of MOUSE, this store had 1"),
        "{}",
        text(&out)
    );
    let store = Store::open(&shop_.path).unwrap();
    assert_eq!(
        count(&store, "SELECT stock FROM products WHERE sku = 'MOUSE'"),
        -2
    );
    assert_eq!(count(&store, "SELECT count(*) FROM journal_flags"), 1);
    assert_check_clean(&shop_.path);
}

#[test]
fn a_file_of_another_format_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut kiosk, shop_) = kiosk_and_shop(dir.path());
    kiosk.sell_many("Kiosk", 1);
    let f = dir.path().join("k.jsonl");
    export(&kiosk.path, &f, None);
    let line = std::fs::read_to_string(&f)
        .unwrap()
        .replacen("{\"v\":1,", "{\"v\":9,", 1);
    std::fs::write(&f, line).unwrap();
    let out = import(&shop_.path, &f);
    assert!(
        text(&out).contains("k.jsonl:1: format version 9; this xsell reads version 1"),
        "{}",
        text(&out)
    );
}
