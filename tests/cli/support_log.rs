//! The support log beside the store: written by every command and by the register (never
//! on the register's screen), rotated at its size cap, and free of PINs, phone numbers and
//! e-mail addresses after a session that signs in, types a PIN into the scan line by
//! mistake, attaches a customer by phone and fails a card payment.

use crate::cli_support;
use crate::pty_support;

use std::path::{Path, PathBuf};

use pty_support::{CTRL_Q, F2, F12, Tui};

/// Eight digits: no process id, count or time of this test can be mistaken for it.
const PIN: &str = "80468024";
/// Sofia Cooper in the demo shop.
const PHONE: &str = "469-555-0103";
const EMAIL: &str = "sofia.cooper@example.com";

fn xsell(db: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db").arg(db).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn logs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("xsell.log"))
        })
        .collect();
    files.sort();
    files
}

fn all_logs(dir: &Path) -> String {
    logs(dir)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn the_log_rotates_at_its_size_cap_and_keeps_four_old_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let cap = 1024;
    for _ in 0..20 {
        let o = xsell(
            &db,
            &["import", "orders", "/no/such/file.csv"],
            &[("XSELL_LOG_MAX_BYTES", "1024")],
        );
        assert!(!o.status.success());
    }
    let files = logs(dir.path());
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "xsell.log",
            "xsell.log.1",
            "xsell.log.2",
            "xsell.log.3",
            "xsell.log.4"
        ]
    );
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(
            text.len() <= cap + longest + 1,
            "{} holds {} bytes",
            file.display(),
            text.len()
        );
        // Rotation never cuts a line in two.
        assert!(text.is_empty() || text.ends_with('\n'));
    }
    let text = all_logs(dir.path());
    assert!(
        text.contains("ERROR") && text.contains("cannot open /no/such/file.csv: No such file"),
        "the error with its cause:\n{text}"
    );
}

#[test]
fn a_till_session_is_logged_without_pins_or_contact_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let o = xsell(&db, &["demo"], &[]);
    assert!(o.status.success(), "{}", cli_support::text(&o));
    // Adding staff takes a manager: the demo's, PIN on standard input.
    let o = cli_support::xsell(
        &db,
        &[
            "staff",
            "add",
            "S09",
            "--name",
            "Lena Test",
            "--role",
            "cashier",
            "--pin",
            PIN,
            "--manager",
            "S01",
        ],
        "4826\n",
    );
    assert!(o.status.success(), "{}", cli_support::text(&o));

    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db").arg(&db).arg("--verbose");
    let mut tui = Tui::spawn_process(&cmd, 30, 100);
    tui.wait_for("Type your staff PIN");
    tui.send(format!("{PIN}\r").as_bytes());
    tui.wait_for("Lena Test");
    // The PIN again, into the scan line, as a hurried cashier would.
    tui.send(format!("{PIN}\r").as_bytes());
    tui.wait_for("Misread barcode");
    tui.send(F2);
    tui.wait_for("Name, phone, e-mail or id");
    tui.send(PHONE.as_bytes());
    tui.wait_for("Sofia Cooper");
    tui.send(b"\r");
    tui.wait_for("visits");
    tui.send(b"UB15-16\r");
    tui.wait_for("Order · 1 item");
    tui.send(F12);
    tui.wait_for("Cash given");
    tui.send(b"\t");
    tui.wait_for("Charge");
    tui.send(b"99999\r");
    let screen = tui.wait_for("A card cannot be charged");
    assert!(
        !screen.contains("INFO") && !screen.contains("WARN"),
        "the log never reaches the register's screen:\n{screen}"
    );
    tui.send(b"\x1b");
    tui.wait_until("the order screen", |s| !s.contains("┌ Payment"));
    tui.send(CTRL_Q);
    assert!(tui.wait_exit(), "the register exits cleanly");

    let text = all_logs(dir.path());
    for expected in [
        "version=\"0.1.0\"",
        "xsell staff add",
        "demo shop created took=",
        "recommender built took=",
        "PIN accepted for staff #",
        "customer attached customer=C0042",
        "A card cannot be charged $99,999.00",
        "Misread barcode <number>",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let digits: String = PHONE.chars().filter(char::is_ascii_digit).collect();
    for secret in [PIN, PHONE, &digits, EMAIL, "sofia.cooper"] {
        assert!(!text.contains(secret), "{secret:?} in the log:\n{text}");
    }
}

#[test]
fn a_receipt_that_could_not_be_written_is_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let o = xsell(&db, &["demo"], &[]);
    assert!(o.status.success(), "{}", cli_support::text(&o));
    // A file where the receipts folder should be: the sale goes through, its receipt cannot.
    let blocked = dir.path().join("receipts-here");
    std::fs::write(&blocked, "not a folder").unwrap();
    let script = dir.path().join("sale.txt");
    std::fs::write(&script, "login 1357\nscan UB15-16\npay cash\n").unwrap();
    let o = xsell(
        &db,
        &[
            "--receipts",
            &blocked.display().to_string(),
            "sell",
            "--script",
            &script.display().to_string(),
        ],
        &[],
    );
    // The script stops there (the sale itself is committed).
    assert!(
        cli_support::text(&o).contains("TILL1-000001"),
        "{}",
        cli_support::text(&o)
    );
    let text = all_logs(dir.path());
    assert!(
        text.contains("WARN") && text.contains("receipt not written: creating"),
        "{text}"
    );
    assert!(
        text.contains("ERROR") && text.contains("File exists (os error 17)"),
        "the error with its cause:\n{text}"
    );
    assert!(text.contains("sale completed receipt=TILL1-"), "{text}");
    assert!(!text.contains("1357"), "{text}");
}
