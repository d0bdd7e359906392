//! The kiosk's desk in a real terminal: an order parked at the kiosk and paid at a staffed
//! till by its number, a shopper who walks away (the countdown, the reset, the abandoned
//! record), and an attacker at the keyboard (Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-D, five wrong
//! PINs) who locks nobody but the kiosk.

use crate::pty_support;

use pty_support::{CTRL_Q, F12, Tui};
use xsell::store::Store;

const F10: &[u8] = b"\x1b[21~";
const DOWN: &[u8] = b"\x1b[B";
/// F11, the kiosk's key that takes the offer on screen.
const F11: &[u8] = b"\x1b[23~";
/// UltraBook 15: a laptop, whose offers include a sleeve or a bag.
const LAPTOP: &str = "8802037000013";
const MANAGER_PIN: &[u8] = b"4826\r";
const CASHIER_PIN: &[u8] = b"1357\r";

fn demo_shop(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("shop.db");
    let made = crate::run_support::xsell()
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    db
}

fn kiosk(db: &std::path::Path) -> Tui {
    let mut cmd = crate::run_support::xsell();
    cmd.args(["--kiosk", "--till", "Kiosk 1", "--holdout", "0", "--db"]);
    cmd.arg(db);
    let mut tui = Tui::spawn_process(&cmd, 40, 120);
    tui.wait_for("SCAN AN ITEM TO START");
    tui
}

fn staffed_till(db: &std::path::Path) -> Tui {
    let mut cmd = crate::run_support::xsell();
    cmd.args(["--till", "Till 1", "--db"]);
    cmd.arg(db);
    Tui::spawn_process(&cmd, 40, 120)
}

fn close_kiosk(tui: &mut Tui) {
    tui.send(CTRL_Q);
    tui.wait_for("Manager approval");
    tui.send(MANAGER_PIN);
    assert!(tui.wait_exit());
}

#[test]
fn an_order_parked_at_the_kiosk_is_paid_at_a_till_by_its_number_with_its_offer() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_shop(dir.path());

    let mut tui = kiosk(&db);
    tui.send(format!("{LAPTOP}\r").as_bytes());
    tui.wait_for("Something for you");
    tui.send(F11);
    tui.wait_for("Your basket · 2 items");
    tui.send(F12);
    tui.wait_for("Pay at the counter");
    tui.send(DOWN);
    tui.send(b"\r");
    // The status line says it too, and is drawn last.
    let said = |s: &str| {
        s.find("give the number ")
            .and_then(|at| s.get(at + 16..at + 20))
            .and_then(|n| n.parse::<u32>().ok())
    };
    let screen = tui.wait_until("the number said", |s| said(s).is_some());
    let number = said(&screen).unwrap();
    tui.send(b"\r");
    tui.wait_until("the number put away", |s| !s.contains("Your number"));
    close_kiosk(&mut tui);

    let mut till = staffed_till(&db);
    till.wait_for("Type your staff PIN");
    till.send(CASHIER_PIN);
    till.wait_for("Ana Kovacs");
    till.send(format!("{number}").as_bytes());
    till.send(b"\x1bOS"); // F4
    till.wait_for("Order · 2 items");
    till.send(F12);
    till.wait_for("Payment");
    till.send(b"\r");
    till.wait_for("Sale complete");
    till.send(b"\x1bs");
    till.wait_until("the answer noted", |s| {
        !s.contains("Was the suggestion helpful?")
    });
    till.send(b"\r");
    till.wait_until("the receipt put away", |s| !s.contains("Sale complete"));
    till.send(CTRL_Q);
    assert!(till.wait_exit());

    let store = Store::open(&db).unwrap();
    let conn = store.conn();
    let (order, status, paid_at): (String, String, String) = conn
        .query_row(
            "SELECT id, status, till FROM orders WHERE park_no = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), paid_at.as_str()), ("paid", "Till 1"));
    // One sale between the kiosk and the till (the demo's history has no receipts of theirs).
    let sales: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE status = 'paid'
               AND (receipt_no LIKE 'TILL1-%' OR receipt_no LIKE 'KIOSK1-%')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sales, 1);
    let order = &order;
    let (lines, from_offer, cash): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM order_lines WHERE order_id = ?1),
                    (SELECT count(*) FROM order_lines WHERE order_id = ?1 AND suggestion_id IS NOT NULL),
                    (SELECT count(*) FROM payments WHERE order_id = ?1 AND tender = 'cash')",
            [order],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((lines, from_offer, cash), (2, 1, 1));
    // The offer taken at the kiosk is on record as accepted, shown at the kiosk.
    let (accepted, shown_at_kiosk): (i64, i64) = conn
        .query_row(
            "SELECT count(*) FILTER (WHERE outcome = 'accepted'),
                    count(*) FILTER (WHERE till = 'Kiosk 1')
             FROM suggestion_events WHERE order_id = ?1",
            [order],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(accepted, 1);
    assert!(shown_at_kiosk >= 1);
    let channel: String = conn
        .query_row(
            "SELECT channel FROM suggestion_events WHERE order_id = ?1 AND outcome = 'accepted'",
            [order],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(channel, "kiosk");
    let no_other: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE status IN ('held', 'draft') AND park_no IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(no_other, 0);
}

#[test]
fn a_shopper_who_walks_away_gets_a_countdown_then_the_basket_is_recorded_as_abandoned() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_shop(dir.path());
    std::fs::write(
        dir.path().join("xsell.toml"),
        "[kiosk]\nidle_secs = 2\nwarning_secs = 3\n",
    )
    .unwrap();

    let mut tui = kiosk(&db);
    tui.send(format!("{LAPTOP}\r").as_bytes());
    tui.wait_for("Your basket · 1 item");
    let warned = tui.wait_for("Are you still there?");
    assert!(
        warned.contains("Press any key to keep your basket"),
        "{warned}"
    );
    // A key keeps the basket; left alone again, it goes.
    tui.send(b"\x1b[A");
    tui.wait_until("the countdown gone", |s| {
        !s.contains("Are you still there?")
    });
    assert!(tui.screen().contains("Your basket · 1 item"));
    tui.wait_for("Are you still there?");
    let reset = tui.wait_for("SCAN AN ITEM TO START");
    assert!(!reset.contains("Your basket ·"), "{reset}");
    // A staff member signs in at the kiosk: nothing of the shopper's comes back.
    tui.send(F10);
    tui.wait_for("Manager approval");
    tui.send(MANAGER_PIN);
    tui.wait_for("Self-service mode ended");
    tui.send(CASHIER_PIN);
    let signed_in = tui.wait_for("Welcome, Ana");
    assert!(!signed_in.contains("restored"), "{signed_in}");
    tui.send(CTRL_Q);
    assert!(tui.wait_exit());

    let store = Store::open(&db).unwrap();
    let conn = store.conn();
    let (order, reason): (String, String) = conn
        .query_row(
            "SELECT id, void_reason FROM orders WHERE till = 'Kiosk 1' AND status = 'voided'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(reason.starts_with("abandoned at the kiosk"), "{reason}");
    let open_offers: i64 = conn
        .query_row(
            "SELECT count(*) FROM suggestion_events WHERE order_id = ?1 AND outcome = 'open'",
            [&order],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open_offers, 0, "the abandoned basket's offers are closed");
    let drafts_with_items: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE status = 'draft' AND draft LIKE '%UB15%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(drafts_with_items, 0);
}

#[test]
fn control_keys_and_five_wrong_pins_at_the_kiosk_lock_out_no_staff() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_shop(dir.path());

    let mut tui = kiosk(&db);
    // Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-D: no signal, no end of input, nothing on screen.
    for key in [b"\x03", b"\x1a", b"\x1c", b"\x04"] {
        tui.send(key);
    }
    tui.send(format!("{LAPTOP}\r").as_bytes());
    tui.wait_for("Your basket · 1 item");
    tui.send(F10);
    tui.wait_for("Manager approval");
    for _ in 0..5 {
        tui.send(b"0000\r");
    }
    tui.wait_for("PIN locked until");
    // The manager's right PIN is refused at the kiosk while it is locked...
    tui.send(MANAGER_PIN);
    tui.wait_for("this kiosk takes none");
    tui.kill();

    // ...but not at a staffed till: neither the cashier nor the manager is locked.
    let mut till = staffed_till(&db);
    till.wait_for("Type your staff PIN");
    till.send(CASHIER_PIN);
    till.wait_for("Welcome, Ana");
    till.send(CTRL_Q);
    assert!(till.wait_exit());

    let store = Store::open(&db).unwrap();
    let guards = store.pin_guards().unwrap();
    let subjects: Vec<_> = guards.keys().cloned().collect();
    assert_eq!(
        subjects,
        vec![xsell::domain::lockout::PinSubject::Kiosk("Kiosk 1".into())]
    );
}
