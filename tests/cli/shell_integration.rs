//! What a shop's IT person reaches for first: `xsell --version` (with the schema of the
//! store it would open), shell completions and the manual page, all generated from the
//! command-line definitions.

use crate::cli_support;

use std::path::Path;
use std::process::Command;

fn xsell(args: &[&str]) -> std::process::Output {
    crate::run_support::xsell().args(args).output().unwrap()
}

fn stdout(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", cli_support::text(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn version_of(db: &Path) -> String {
    stdout(&xsell(&["--db", &db.display().to_string(), "--version"]))
}

#[test]
fn version_names_the_program_and_the_schema_of_the_store_it_would_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let known = xsell::store::migrations::latest();
    let first = format!("xsell {} (schema {known})", env!("CARGO_PKG_VERSION"));

    let none = version_of(&db);
    assert_eq!(none.lines().next(), Some(first.as_str()));
    assert!(none.contains("not created yet"), "{none}");
    assert!(!db.exists(), "--version creates nothing");
    assert!(
        !dir.path().join("xsell.log").exists(),
        "--version writes no log"
    );

    drop(xsell::store::Store::open(&db).unwrap());
    let current = version_of(&db);
    assert!(
        current.contains(&format!("schema {known}, up to date")),
        "{current}"
    );
    assert_eq!(
        stdout(&xsell(&["--db", &db.display().to_string(), "-V"])),
        current
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {}", known + 2))
        .unwrap();
    drop(conn);
    let newer = version_of(&db);
    assert!(newer.contains("from a newer xsell"), "{newer}");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database, just text").unwrap();
    let text = version_of(&junk);
    assert!(text.contains("not an xsell store"), "{text}");
}

#[test]
fn completions_generate_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&xsell(&["completions", shell]));
        for word in [
            "import",
            "backup",
            "completions",
            "manpage",
            "db",
            "verbose",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    // The bash script must at least parse.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("xsell.bash");
    std::fs::write(&file, stdout(&xsell(&["completions", "bash"]))).unwrap();
    let parsed = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let wrong = xsell(&["completions", "tcsh"]);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn the_manual_page_generates_whole_and_per_command() {
    let page = stdout(&xsell(&["manpage"]));
    assert!(page.contains(".TH xsell 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(page.contains("xsell\\-import(1)"), "subcommands are listed");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let o = xsell(&["manpage", "--dir", &out.display().to_string()]);
    assert!(o.status.success(), "{}", cli_support::text(&o));
    for name in [
        "xsell.1",
        "xsell-import.1",
        "xsell-import-orders.1",
        "xsell-backup.1",
    ] {
        let text = std::fs::read_to_string(out.join(name)).unwrap_or_default();
        assert!(text.starts_with(".ie"), "{name}: {text}");
    }
}
