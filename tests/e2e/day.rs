//! The close of day in the real binary, in a pseudo-terminal at 80×24: a cash sale, then a
//! manager opens the X report from the reports screen and closes the day with the cash
//! counted; the store holds the Z report.

use crate::pty_support;
use crate::till_support;

use pty_support::{CTRL_Q, F12, Tui};
use xsell::store::Store;

#[test]
fn a_manager_closes_the_day_on_the_real_register() {
    let dir = tempfile::tempdir().unwrap();
    let db = till_support::small_store(dir.path(), "shop.db", 40);
    let item = till_support::items(&db, 1).remove(0);
    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db").arg(&db);
    let mut tui = Tui::spawn_process(&cmd, 24, 80);
    tui.wait_for("Type your staff PIN");
    tui.send(format!("{}\r", till_support::CASHIER_PIN).as_bytes());
    tui.wait_for("Ana Kovacs");
    tui.send(format!("{}\r", item.barcode).as_bytes());
    tui.wait_for("Order · 1 item");
    tui.send(F12);
    tui.wait_for("Cash given");
    tui.send(b"\r");
    tui.wait_for("Receipt TILL1-000001");
    tui.send(b"\r");
    tui.send(b"\x12"); // Ctrl+R
    tui.wait_for("Manager approval");
    tui.send(b"4826\r");
    tui.wait_for("close of day");
    tui.send(b"d");
    // A screen is painted in pieces: wait for all of what is checked.
    tui.wait_until("the X report", |s| {
        s.contains("X report · Till 1") && s.contains("c closes the day")
    });
    tui.send(b"c");
    tui.wait_for("Cash counted");
    tui.send(b"1000\r");
    tui.wait_until("the Z report", |s| {
        s.contains("Day closed: Z 1") && s.contains("Z report 1 · Till 1")
    });
    // Esc alone, each time: an Esc followed at once by a key reads as Alt and that key.
    tui.send(b"\x1b");
    tui.wait_until("the reports", |s| !s.contains("Z report 1"));
    tui.send(b"\x1b");
    tui.wait_until("the order", |s| !s.contains("Reports"));
    tui.send(CTRL_Q);
    assert!(tui.wait_exit(), "the register exits cleanly");

    let store = Store::open(&db).unwrap();
    let (counted, expected, by): (i64, i64, String) = store
        .conn()
        .query_row(
            "SELECT z.counted_minor, z.expected_cash_minor, s.code FROM day_closes z JOIN staff s ON s.id = z.staff_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let sold: i64 = store
        .conn()
        .query_row(
            "SELECT total_minor FROM orders WHERE receipt_no = 'TILL1-000001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // No float set: the drawer holds exactly the cash sale.
    assert_eq!((counted, expected), (100_000, sold));
    assert_eq!(by, "S01", "closed under the manager who typed the PIN");
}
