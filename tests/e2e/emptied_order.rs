//! The sale that was lost, in the real binary in a pseudo-terminal on the demo shop, both
//! ways the issue found it: an order emptied after offers appeared (its laptop removed, or
//! its customer detached) once could be neither paid nor voided. Now each is paid, and the
//! store agrees (`xsell check`).

use crate::pty_support;

use std::path::Path;

use pty_support::{CTRL_Q, F2, F12, Tui};

const LAPTOP: &str = "8802037000013";
const UP: &[u8] = b"\x1b[A";
const DELETE: &[u8] = b"\x1b[3~";
const CTRL_D: &[u8] = b"\x04";

fn register(db: &Path) -> Tui {
    pty_support::register_without_holdout(db)
}

fn offers_on_screen(screen: &str) -> bool {
    screen.contains("ADD-ON") || screen.contains("UPGRADE") || screen.contains("BUNDLE")
}

fn pay(tui: &mut Tui) {
    tui.send(F12);
    tui.wait_for("Cash given");
    tui.send(b"\r");
    tui.wait_for("Sale complete");
    tui.send(b"\r");
    tui.wait_for("Scan an item to start");
}

#[test]
fn an_order_emptied_after_its_offers_appeared_is_paid_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let created = crate::run_support::xsell()
        .args(["--db".as_ref(), db.as_os_str(), "demo".as_ref()])
        .output()
        .unwrap();
    assert!(created.status.success(), "{created:?}");

    let mut tui = register(&db);
    tui.wait_for("Type your staff PIN");
    tui.send(b"1357\r");
    tui.wait_for("Ana Kovacs");
    tui.wait_until("the recommender", |s| !s.contains("offers loading"));

    // 1. The laptop brings offers, is removed, and another item is sold.
    tui.send(format!("{LAPTOP}\r").as_bytes());
    tui.wait_until("offers", offers_on_screen);
    tui.send(UP);
    tui.send(DELETE);
    tui.wait_for("Order · 0 items");
    tui.send(b"VC-AA12\r");
    tui.wait_for("Order · 1 item");
    let screen = tui.screen();
    assert!(!screen.contains("Order not saved"), "{screen}");
    pay(&mut tui);

    // 2. A customer's offers appear, the customer is detached, another item is sold.
    tui.send(F2);
    tui.wait_for("Name, phone, e-mail or id");
    // A customer whose history brings offers of their own (C0003 buys ink on most visits).
    tui.send(b"C0003\r");
    tui.wait_until("their offers", offers_on_screen);
    tui.send(F2);
    tui.wait_for("Name, phone, e-mail or id");
    tui.send(CTRL_D);
    let screen = tui.wait_for("detached");
    if screen.contains("Name, phone, e-mail or id") {
        tui.send(b"\x1b");
        // A letter right behind Esc would read as Alt+letter: the window closes first.
        tui.wait_until("the customer window closed", |s| {
            !s.contains("Name, phone, e-mail or id")
        });
    }
    tui.send(b"VC-AA12\r");
    tui.wait_for("Order · 1 item");
    let screen = tui.screen();
    assert!(
        !screen.contains("not recorded") && !screen.contains("Order not saved"),
        "{screen}"
    );
    pay(&mut tui);
    tui.send(CTRL_Q);
    assert!(tui.wait_exit());

    let conn = rusqlite::Connection::open(&db).unwrap();
    let paid: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE till = 'Till 1' AND status = 'paid'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(paid, 2);
    let checked = crate::run_support::xsell()
        .args(["--db".as_ref(), db.as_os_str(), "check".as_ref()])
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
}
