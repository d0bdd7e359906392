//! Long commands show a progress bar to a person at a terminal, and nothing to a pipe or a
//! CI log: the real binary in a pseudo-terminal, then the same commands with stderr piped.

use crate::cli_support;
use crate::pty_support;

use std::path::Path;

use pty_support::Tui;

const ORDERS: &str = "10000";

fn in_pty(args: &[&str], env: &[(&str, &str)]) -> Tui {
    let mut cmd = crate::run_support::xsell();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    Tui::spawn_process(&cmd, 24, 120)
}

fn piped(args: &[&str]) -> std::process::Output {
    crate::run_support::xsell().args(args).output().unwrap()
}

/// The generated catalog names the food and services tax classes: they get rates first.
fn give_rates(db: &str) {
    for class in ["food", "services"] {
        assert!(
            piped(&["--db", db, "tax-class", class, "8"])
                .status
                .success()
        );
    }
}

fn generate(out: &Path) -> Vec<String> {
    ["demo", "generate", "--out", &out.display().to_string()]
        .into_iter()
        .map(String::from)
        .chain(["--orders".into(), ORDERS.into()])
        .collect()
}

#[test]
fn progress_bars_appear_on_a_terminal_and_never_on_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen");
    let args = generate(&out);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // A person watching: the bar says what is done, of how much, how fast, and what is left.
    let mut tui = in_pty(&args, &[]);
    let screen = tui.wait_until("the orders bar", |s| {
        s.contains("simulating the orders [") && s.contains(" orders · ") && s.contains("left")
    });
    assert!(screen.contains("/10,000 orders"), "{screen}");
    assert!(tui.wait_exit(), "generate failed:\n{}", tui.screen());
    let after = tui.screen();
    assert!(after.contains("wrote "), "{after}");
    assert!(
        !after.contains("simulating"),
        "the bar is cleared before the result line:\n{after}"
    );

    // Import by bytes read, every kind through the same reader.
    let db = dir.path().join("store.db");
    let db_arg = db.display().to_string();
    let catalog = out.join("catalog.csv").display().to_string();
    let orders = out.join("orders.csv").display().to_string();
    give_rates(&db_arg);
    assert!(
        piped(&["--db", &db_arg, "import", "catalog", &catalog])
            .status
            .success()
    );
    let mut tui = in_pty(&["--db", &db_arg, "import", "orders", &orders], &[]);
    let total = indicatif::HumanBytes(std::fs::metadata(&orders).unwrap().len()).to_string();
    let screen = tui.wait_until("the import bar", |s| {
        s.contains("importing orders [")
            && s.contains(&format!("/{total} · "))
            && s.contains("iB/s")
            && s.contains("left")
    });
    assert!(
        !screen.contains(" 0 B/"),
        "bytes read move the bar:\n{screen}"
    );
    assert!(tui.wait_exit(), "import failed:\n{}", tui.screen());

    // A pipe: only the result, on stdout; stderr stays empty.
    let other = dir.path().join("gen2");
    let args = generate(&other);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = piped(&args);
    assert!(o.status.success(), "{}", cli_support::text(&o));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
    let db2 = dir.path().join("piped.db").display().to_string();
    give_rates(&db2);
    assert!(
        piped(&["--db", &db2, "import", "catalog", &catalog])
            .status
            .success()
    );
    let copy = dir.path().join("copy.db").display().to_string();
    let commands: [&[&str]; 4] = [
        &["--db", &db2, "import", "orders", &orders],
        &["--db", &db2, "mine", "--no-tune"],
        &["--db", &db2, "backup", &copy],
        &["eval", "--orders", &orders, "--no-tune"],
    ];
    for args in commands {
        let o = piped(args);
        assert!(o.status.success(), "{args:?}: {}", cli_support::text(&o));
        assert!(
            o.stderr.is_empty(),
            "{args:?} wrote to stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!o.stdout.is_empty(), "{args:?} printed its result");
    }
}

#[test]
fn no_progress_in_ci_even_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen");
    let args = generate(&out);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut tui = in_pty(&args, &[("CI", "true")]);
    let drawn = std::cell::Cell::new(false);
    tui.wait_until("the result line", |s| {
        drawn.set(drawn.get() || s.contains("simulating"));
        s.contains("wrote ")
    });
    assert!(tui.wait_exit());
    assert!(!drawn.get(), "a bar was drawn in CI:\n{}", tui.screen());
}
