//! The paper trail of money going out and of receipts: refunds to the tenders the customer
//! paid with, receipts that name bundles and the receipt they refund, reprints from the
//! store, receipt files that are never overwritten, and an audit trail people can read.

use crate::store_support;
use crate::till_support;

use store_support::{now, setup};
use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::money::Money;
use xsell::domain::order::{OrderDraft, Refund, RefundTo};
use xsell::domain::people::Role;
use xsell::domain::pricing::{TaxRates, price_with_bundles};
use xsell::domain::settings::Settings;
use xsell::domain::tender::Tendering;
use xsell::runtime::exec::{receipts_dir_for, write_receipt, write_receipt_with};
use xsell::store::Store;

fn m(minor: i64) -> Money {
    Money::from_minor(minor)
}

fn draft(store: &Store, staff: i64, items: &[(&str, i64)]) -> OrderDraft {
    let catalog = store.load_catalog().unwrap();
    let mut cart = Cart::new();
    for (sku, qty) in items {
        cart.add(catalog.by_sku(sku).unwrap(), *qty, LineOrigin::Manual)
            .unwrap();
    }
    OrderDraft {
        id: uuid::Uuid::new_v4().to_string(),
        till: "Till 1".into(),
        staff_id: staff,
        customer: None,
        cart,
        tender: None,
        started_at: now(),
        approvals: Vec::new(),
        holdout: false,
        offers: None,
    }
}

/// Pays `cash` in cash and the rest by card.
fn sell_split(store: &mut Store, d: &mut OrderDraft, cash: i64) -> String {
    let bundles = store.load_bundles().unwrap();
    let total = price_with_bundles(&d.cart, &TaxRates::default(), &bundles).total;
    let mut t = Tendering::new(total);
    if cash > 0 {
        t.pay_cash(m(cash)).unwrap();
    }
    if !t.is_settled() {
        t.pay_card(None, "AUTH77".into()).unwrap();
    }
    d.tender = Some(t);
    store
        .complete_sale(d, &TaxRates::default(), now())
        .unwrap()
        .receipt_no
}

fn payments(store: &Store, receipt: &str) -> Vec<(String, i64)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT p.tender, p.amount_minor FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.receipt_no = ?1 ORDER BY p.id")
        .unwrap();
    stmt.query_map([receipt], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn refund_defaulted_to_cash_after_a_split_sale() {
    let (mut store, staff) = setup();
    let manager = store
        .upsert_staff("M1", "Maria", Role::Manager, "9999")
        .unwrap();
    // 1,199.00 + 8% = 1,294.92: 500.00 in cash, 794.92 on a card.
    let mut d = draft(&store, staff, &[("LAP", 1)]);
    let sale = sell_split(&mut store, &mut d, 50_000);
    let past = store.find_receipt(&sale).unwrap().unwrap();
    let refund = Refund {
        original_order_id: past.order_id.clone(),
        till: "Till 1".into(),
        staff_id: staff,
        approved_by: manager,
        lines: vec![(1, 1)],
        tender: RefundTo::Original,
        at: now(),
    };
    let done = store.refund(&refund).unwrap();
    assert_eq!(
        payments(&store, &done.receipt_no),
        [("card".to_string(), -79_492), ("cash".to_string(), -50_000)]
    );
    let tax: i64 = store
        .conn()
        .query_row(
            "SELECT tax_minor FROM orders WHERE receipt_no = ?1",
            [&done.receipt_no],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tax, -9_592, "a refund gives back the tax it held");
    let record = store.receipt_record(&done.receipt_no).unwrap().unwrap();
    assert_eq!(record.refund_of.as_deref(), Some(sale.as_str()));
    let text = record.receipt(&Settings::default(), true).render();
    assert!(
        text.contains(&format!("Refund of receipt {sale}")),
        "{text}"
    );
    assert!(
        text.contains("REFUND TOTAL") && text.contains("$1,294.92"),
        "{text}"
    );
    assert!(text.contains("Card") && text.contains("$794.92"), "{text}");
}

#[test]
fn receipt_did_not_name_the_bundle_that_gave_a_discount() {
    let (mut store, staff) = setup();
    xsell::import::bundles::import(
        &mut store,
        "bundle_id,name,items,price,discount\nB1,Bag and mouse,BAG|MOUSE,,5.00\n".as_bytes(),
        "b.csv",
    )
    .unwrap();
    let mut d = draft(&store, staff, &[("BAG", 1), ("MOUSE", 1)]);
    let sale = sell_split(&mut store, &mut d, 0);
    let record = store.receipt_record(&sale).unwrap().unwrap();
    assert_eq!(record.bundles.len(), 1);
    assert_eq!(record.bundles[0].saving, m(500));
    let text = record.receipt(&Settings::default(), false).render();
    assert!(text.contains("Bundle: Bag and mouse"), "{text}");
    assert!(text.contains("-5.00"), "{text}");
    // 49.00 + 25.00 − 5.00 = 69.00, + 8% = 74.52
    assert!(text.contains("$74.52"), "{text}");
}

#[test]
fn a_reprint_is_the_receipt_as_printed_marked_as_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = till_support::small_store(dir.path(), "shop.db", 40);
    let items = till_support::items(&db, 2);
    let script = dir.path().join("s.txt");
    std::fs::write(
        &script,
        format!(
            "login {}\nscan {} 2\nscan {}\npay card 10\npay cash\n",
            till_support::CASHIER_PIN,
            items[0].sku,
            items[1].barcode
        ),
    )
    .unwrap();
    let out = till_support::run_ok(
        till_support::xsell(&db)
            .args(["sell", "--script"])
            .arg(&script),
    );
    let sold = till_support::receipts(&out.stdout);
    let number = &sold[0].0;
    let file = receipts_dir_for(&db).join(format!("{number}.txt"));
    assert_eq!(
        file,
        dir.path()
            .join("shop-receipts")
            .join(format!("{number}.txt"))
    );
    let printed = std::fs::read_to_string(&file).unwrap();
    let out =
        till_support::run_ok(till_support::xsell(&db).args(["receipt", &number.to_lowercase()]));
    let reprint = String::from_utf8(out.stdout).unwrap();
    let without_mark: String = reprint
        .lines()
        .filter(|l| !l.contains("*** COPY ***"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(reprint.contains("*** COPY ***"));
    assert_eq!(without_mark, printed);

    // Into the folder, the existing file is left as it is.
    let out = till_support::xsell(&db)
        .args(["receipt", number, "--save"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), printed);
    // Once gone (a full disk never wrote it), --save writes it.
    std::fs::remove_file(&file).unwrap();
    till_support::run_ok(till_support::xsell(&db).args(["receipt", number, "--save", "--quiet"]));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("*** COPY ***")
    );

    let out = till_support::xsell(&db)
        .args(["receipt", "TILL1-999999"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TILL1-999999"));
}

#[test]
fn two_stores_in_one_folder_overwrote_each_others_receipts() {
    let dir = tempfile::tempdir().unwrap();
    let a = receipts_dir_for(&dir.path().join("north.db"));
    let b = receipts_dir_for(&dir.path().join("south.db"));
    assert_ne!(a, b);
    let first = write_receipt(&a, "TILL1-000001", "north's sale\n").unwrap();
    write_receipt(&b, "TILL1-000001", "south's sale\n").unwrap();
    // Even pointed at one folder, the second receipt does not replace the first.
    let e = write_receipt(&a, "TILL1-000001", "south's sale\n").unwrap_err();
    let said = format!("{e:#}");
    assert!(said.contains("already exists"), "{said}");
    assert!(said.contains("xsell receipt TILL1-000001"), "{said}");
    assert_eq!(std::fs::read_to_string(first).unwrap(), "north's sale\n");
}

#[test]
fn a_receipt_on_a_full_disk_left_a_zero_byte_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = write_receipt_with(dir.path(), "TILL1-000007", "a receipt\n", |file, bytes| {
        use std::io::Write;
        file.write_all(&bytes[..3])?;
        Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
    })
    .unwrap_err();
    let said = format!("{e:#}");
    assert!(said.contains("No space left"), "{said}");
    assert!(said.contains("xsell receipt TILL1-000007"), "{said}");
    assert!(
        !dir.path().join("TILL1-000007.txt").exists(),
        "no partial file is left to clash with the reprint"
    );
}

#[test]
fn the_audit_trail_showed_order_uuids() {
    let (mut store, staff) = setup();
    let manager = store
        .upsert_staff("M1", "Maria", Role::Manager, "9999")
        .unwrap();
    // A price override on an order that is then paid, and a void of an unpaid one.
    let mut d = draft(&store, staff, &[("MOUSE", 1)]);
    store
        .audit(
            &xsell::domain::audit::AuditEntry::new(
                now(),
                "Till 1",
                Some(staff),
                "price override",
                "Mouse 25.00 → 20.00",
            )
            .approved_by(Some(manager))
            .order(&d.id),
        )
        .unwrap();
    let sale = sell_split(&mut store, &mut d, 0);
    let v = draft(&store, staff, &[("BAG", 2)]);
    store
        .void(&v, "customer left", Some(manager), now())
        .unwrap();
    let rows = store.audit_rows(None, None).unwrap();
    let text: Vec<String> = rows
        .iter()
        .map(|r| format!("{} | {}", r.action, r.detail))
        .collect();
    assert_eq!(
        text,
        [
            format!("price override | receipt {sale}: Mouse 25.00 → 20.00"),
            "void order | 2 items of $105.84 (customer left)".to_string(),
        ]
    );
    for row in rows {
        assert!(!row.detail.contains(&d.id) && !row.detail.contains(&v.id));
    }
}

use crate::register_support;

#[test]
fn a_receipt_that_could_not_be_written_told_the_cashier_nothing_useful() {
    use xsell::app::Key;
    let mut till = register_support::Till::signed_in();
    // A file where the folder should be: nothing can be written there.
    let blocked = till.receipts_dir();
    std::fs::create_dir_all(blocked.parent().unwrap()).unwrap();
    std::fs::write(&blocked, "not a folder").unwrap();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert!(till.is_error(), "{}", till.message());
    let said = till.message();
    assert!(said.contains("Receipt file not written"), "{said}");
    assert!(said.contains("the sale is saved"), "{said}");
    assert!(said.contains("xsell receipt TILL1-000001"), "{said}");
    assert!(
        matches!(
            till.model.top(),
            Some(xsell::app::overlay::Overlay::Receipt(_))
        ),
        "the receipt stays on screen"
    );
}

#[test]
fn a_line_taken_off_an_order_left_no_trace() {
    use xsell::app::Key;
    let mut till = register_support::Till::signed_in();
    till.scan("HUB-7");
    till.scan("MOU-1");
    till.key(Key::Delete);
    let removed: Vec<_> = till
        .backend
        .audit_log
        .iter()
        .filter(|e| e.action == "remove line")
        .collect();
    assert_eq!(removed.len(), 1);
    assert!(
        removed[0].detail.starts_with("1 × "),
        "{}",
        removed[0].detail
    );
    assert!(
        removed[0].detail.contains("(MOU-1)"),
        "{}",
        removed[0].detail
    );
    assert_eq!(
        removed[0].order_id.as_deref(),
        Some(till.model.order.id.as_str())
    );
    assert_eq!(removed[0].staff_id, Some(1));
}

#[test]
fn the_receipt_header_comes_from_the_shops_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = till_support::small_store(dir.path(), "shop.db", 3);
    let file = dir.path().join("shop.toml");
    std::fs::write(
        &file,
        "shop_name = \"Corner Tech\"\naddress = [\"1 High St\", \"Leeds LS1\"]\ntax_number = \"GB 123 4567 89\"\ncash_float = \"150.00\"\n",
    )
    .unwrap();
    // Changing them takes a manager; without one it is refused and nothing changes.
    let refused = till_support::xsell(&db)
        .arg("settings")
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("needs a manager"));
    till_support::run_with_stdin(
        till_support::xsell(&db)
            .arg("settings")
            .arg(&file)
            .args(["--manager", "S01"]),
        "4826\n",
    );
    let out = till_support::run_ok(till_support::xsell(&db).arg("settings"));
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("shop_name = \"Corner Tech\""), "{shown}");
    assert!(shown.contains("cash_float = \"150.00\""), "{shown}");
    let settings = Store::open(&db).unwrap().settings().unwrap();
    assert_eq!(settings.address, ["1 High St", "Leeds LS1"]);
    assert_eq!(settings.cash_float, m(15_000));
    let audit = till_support::run_ok(till_support::xsell(&db).arg("audit"));
    assert!(String::from_utf8_lossy(&audit.stdout).contains("shop settings"));

    // A mistake names the file and the key, and changes nothing.
    std::fs::write(&file, "shop_name = \"X\"\ncash_flaot = \"1.00\"\n").unwrap();
    let out = till_support::xsell(&db)
        .arg("settings")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("shop.toml") && err.contains("cash_flaot"),
        "{err}"
    );
    assert_eq!(Store::open(&db).unwrap().settings().unwrap(), settings);
}
