//! The real `xsell` binary in a pseudo-terminal on a temporary store, used as a cashier
//! would, then checked in the database: a sale from first run to receipt, and an order
//! that survives `kill -9`.

use crate::pty_support;

use std::path::Path;

use pty_support::{CTRL_Q, F2, F12, Tui};
use xsell::store::Store;

fn register(db: &Path) -> Tui {
    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db").arg(db);
    Tui::spawn_process(&cmd, 30, 100)
}

/// The barcode of a demo product, read from the demo catalog the binary embeds.
fn barcode(sku: &str) -> String {
    let mut r = csv::Reader::from_reader(xsell::demo::CATALOG.as_bytes());
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    r.records()
        .map(Result::unwrap)
        .find(|rec| &rec[col("sku")] == sku)
        .map(|rec| rec[col("barcode")].to_string())
        .unwrap()
}

fn stock(store: &Store, sku: &str) -> i64 {
    store
        .conn()
        .query_row("SELECT stock FROM products WHERE sku = ?1", [sku], |r| {
            r.get(0)
        })
        .unwrap()
}

const SOLD: [&str; 3] = ["UB15-16", "CRY-METRO", "CLK-GLIDE"];

#[test]
fn first_run_sale_by_barcode_with_a_customer_paid_in_cash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let mut tui = register(&db);
    tui.wait_for("Type your staff PIN");
    let before = Store::open(&db).unwrap();
    let stock_before: Vec<i64> = SOLD.iter().map(|s| stock(&before, s)).collect();
    drop(before);

    tui.send(b"1357\r");
    tui.wait_for("Ana Kovacs");
    for sku in SOLD {
        tui.send(format!("{}\r", barcode(sku)).as_bytes());
    }
    tui.wait_for("Order · 3 items");
    tui.send(F2);
    tui.wait_for("Name, phone, e-mail or id");
    tui.send(b"C0042");
    tui.wait_for("Sofia Cooper");
    tui.send(b"\r");
    tui.wait_for("visits");
    tui.send(F12);
    tui.wait_for("Cash given");
    tui.send(b"1500\r");
    tui.wait_for("Change due");
    // The receipt, under the shop's address, names its number (a screen is painted in
    // pieces: wait for both).
    tui.wait_until("the receipt", |s| {
        s.contains("Receipt TILL1-000001") && s.contains("418 Harbor Avenue")
    });
    tui.send(b"\r");
    tui.send(CTRL_Q);
    assert!(tui.wait_exit(), "the register exits cleanly");

    let store = Store::open(&db).unwrap();
    let (count, total, customer): (i64, i64, String) = store
        .conn()
        .query_row(
            "SELECT count(*), sum(o.total_minor), max(c.code) FROM orders o JOIN customers c ON c.id = o.customer_id
             WHERE o.status = 'paid' AND o.kind = 'sale' AND o.import_batch IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    // 1,199.00 + 59.99 + 29.99 = 1,288.98; tax 8% per line: 95.92 + 4.80 + 2.40.
    assert_eq!(
        (count, total, customer.as_str()),
        (1, 128_898 + 9_592 + 480 + 240, "C0042")
    );
    for (sku, was) in SOLD.iter().zip(stock_before) {
        assert_eq!(stock(&store, sku), was - 1, "{sku}");
    }
    let paid: i64 = store.conn().query_row("SELECT sum(amount_minor) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.receipt_no = 'TILL1-000001'", [], |r| r.get(0)).unwrap();
    assert_eq!(paid, total);
    let receipt =
        std::fs::read_to_string(dir.path().join("shop-receipts").join("TILL1-000001.txt")).unwrap();
    assert!(
        receipt.contains("UltraBook 15 (16GB)")
            && receipt.contains("$1,392.10")
            && receipt.contains("Change"),
        "{receipt}"
    );
}

#[test]
fn an_order_killed_mid_sale_comes_back_on_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let mut tui = register(&db);
    tui.wait_for("Type your staff PIN");
    tui.send(b"1357\r");
    tui.wait_for("Ana Kovacs");
    tui.send(b"2*CLK-GLIDE\r");
    tui.send(format!("{}\r", barcode("UB15-16")).as_bytes());
    let before = tui.wait_for("Order · 3 items");
    tui.kill();

    let mut again = register(&db);
    again.wait_for("Type your staff PIN");
    again.send(b"2468\r");
    let after = again.wait_for("Open order restored: 3 items");
    for line in [
        "Clikk Glide Wireless Mouse",
        "UltraBook 15 (16GB)",
        "59.98",
        "1,199.00",
    ] {
        assert!(
            before.contains(line) && after.contains(line),
            "{line}\n{after}"
        );
    }
    again.send(CTRL_Q);
    assert!(again.wait_exit());
    let store = Store::open(&db).unwrap();
    let draft = store
        .open_draft("Till 1")
        .unwrap()
        .expect("still a draft after quitting");
    assert_eq!(draft.cart.item_count(), 3);
}
