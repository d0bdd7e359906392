//! `xsell --kiosk` in a real terminal: it opens without a sign-in, sells (an offer taken
//! with one key, the card charged by the terminal, never cash), and closes only with a
//! manager's PIN, which the audit trail records.

use crate::pty_support;

use pty_support::{CTRL_Q, Tui};
use xsell::store::Store;

/// The demo shop at `dir/shop.db`.
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

#[test]
fn the_kiosk_opens_without_sign_in_and_closes_only_for_a_manager() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_shop(dir.path());

    let mut cmd = crate::run_support::xsell();
    cmd.args(["--kiosk", "--till", "Kiosk 1", "--db"]);
    cmd.arg(&db);
    let mut tui = Tui::spawn_process(&cmd, 30, 100);
    tui.wait_for("Self-service");
    tui.send(b"UB15-16\r");
    tui.wait_for("Order · 1 item");
    let screen = tui.screen();
    assert!(
        !screen.contains("discount") && !screen.contains("returns"),
        "{screen}"
    );

    tui.send(CTRL_Q);
    tui.wait_for("Manager approval");
    tui.send(b"1357\r");
    tui.wait_for("Wrong manager PIN");
    tui.send(b"4826\r");
    assert!(tui.wait_exit());

    let store = Store::open(&db).unwrap();
    let rows = store.audit_rows(None, None).unwrap();
    let closed = rows.iter().find(|r| r.action == "close kiosk").unwrap();
    assert_eq!(closed.till.as_deref(), Some("Kiosk 1"));
    assert_eq!(closed.staff.as_deref(), Some("KIOSK Self-service"));
    assert_eq!(closed.approved_by.as_deref(), Some("S01 Dana Whitfield"));
    // The unfinished order stays as the kiosk's draft, sold by nobody with a PIN.
    let drafts: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM orders WHERE till = 'Kiosk 1' AND status = 'draft'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(drafts, 1);
}

/// UltraBook 15: a laptop, whose offers include a sleeve or a bag.
const LAPTOP: &str = "8802037000013";

#[test]
fn a_shopper_buys_a_laptop_takes_an_offer_and_pays_by_card() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_shop(dir.path());

    let mut cmd = crate::run_support::xsell();
    cmd.args(["--kiosk", "--till", "Kiosk 1", "--holdout", "0", "--db"]);
    cmd.arg(&db);
    let mut tui = Tui::spawn_process(&cmd, 40, 120);
    tui.wait_for("Self-service");
    tui.wait_until("the recommender", |s| !s.contains("offers loading"));
    tui.send(format!("{LAPTOP}\r").as_bytes());
    // Its moment: the best add-on first, then the laptop's upgrade.
    let screen = tui.wait_until("an add-on offer", |s| s.contains("ADD-ON"));
    assert!(screen.contains("Order · 1 item"), "{screen}");
    // The first offer, taken with one key.
    tui.send(b"\x1b1");
    tui.wait_for("Order · 2 items");
    tui.send(pty_support::F12);
    let paying = tui.wait_for("Pay by card");
    assert!(!paying.contains("Cash"), "{paying}");
    tui.send(b"\r");
    tui.wait_for("Was the suggestion helpful?");
    tui.send(b"\x1b");
    tui.wait_for("Order · 0 items");
    tui.send(CTRL_Q);
    tui.wait_for("Manager approval");
    tui.send(b"4826\r");
    assert!(tui.wait_exit());

    let store = Store::open(&db).unwrap();
    let conn = store.conn();
    let (tender, reference, lines, from_offer): (String, String, i64, i64) = conn
        .query_row(
            "SELECT p.tender, p.reference,
                    (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id),
                    (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id
                       AND l.suggestion_id IS NOT NULL)
             FROM orders o JOIN payments p ON p.order_id = o.id
             WHERE o.till = 'Kiosk 1' AND o.status = 'paid'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(tender, "card");
    assert!(reference.starts_with("SIM-"), "{reference}");
    assert_eq!((lines, from_offer), (2, 1));
}
