//! `xsell --kiosk` in a real terminal: it opens without a sign-in, sells, and closes only
//! with a manager's PIN, which the audit trail records.

use crate::pty_support;

use pty_support::{CTRL_Q, Tui};
use xsell::store::Store;

#[test]
fn the_kiosk_opens_without_sign_in_and_closes_only_for_a_manager() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let made = crate::run_support::xsell()
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .output()
        .unwrap();
    assert!(made.status.success());

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
