//! Headquarters' server stopped in the middle of a push and started again: the push fails
//! with a clear message, and the next one leaves every entry there exactly once. Alone in
//! its own test program, since it stops the server the other tests use.

#[path = "support/journal.rs"]
mod journal_support;
#[path = "support/run.rs"]
mod run_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use journal_support::{CATALOG, assert_chain_matches, fresh_hq, pg, shop, text, xsell};

/// The server's control script and data folder, from .ci/run.
fn server_control() -> Option<(PathBuf, PathBuf)> {
    match (
        std::env::var_os("XSELL_TEST_PG_CTL"),
        std::env::var_os("XSELL_TEST_PG_DIR"),
    ) {
        (Some(ctl), Some(dir)) => Some((ctl.into(), dir.into())),
        _ if std::env::var_os("CI").is_some() => {
            panic!("XSELL_TEST_PG_CTL and XSELL_TEST_PG_DIR must be set under CI")
        }
        _ => {
            eprintln!(
                "\n*** SKIPPED: no XSELL_TEST_PG_CTL/XSELL_TEST_PG_DIR to stop and start the server ***\n"
            );
            None
        }
    }
}

fn server(ctl: &Path, dir: &Path, what: &str) {
    let out = Command::new(ctl).arg(what).arg(dir).output().unwrap();
    assert!(out.status.success(), "{what}: {}", text(&out));
}

fn wait_for(file: &Path) {
    let started = Instant::now();
    while !file.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the push never reached its pause"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_server_stopped_mid_push_and_restarted_then_a_push_again_leaves_each_entry_once() {
    let Some(base) = pg() else { return };
    let Some((ctl, data)) = server_control() else {
        return;
    };
    let url = fresh_hq(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut stores = Vec::new();
    // Stopped after a batch committed, and stopped with a batch written but not committed.
    for (point, code) in [("after-mark", "R1"), ("mid-batch", "R2")] {
        let mut s = shop(dir.path(), code, CATALOG);
        s.sell_many("Till 1", 40);
        let go = dir.path().join(format!("go-{code}"));
        let pause = format!("{point}:2:{}", go.display());
        let child = Command::new(env!("CARGO_BIN_EXE_xsell"))
            .arg("--db")
            .arg(&s.path)
            .args(["hq", "push", "--url", &url, "--batch", "10"])
            .env("XSELL_HQ_PAUSE", &pause)
            .env_remove("XSELL_HQ_FAULT")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for(&go.with_file_name(format!("go-{code}.ready")));
        server(&ctl, &data, "stop");
        std::fs::write(&go, b"").unwrap();
        let out = child.wait_with_output().unwrap();
        server(&ctl, &data, "start");
        assert!(
            !out.status.success(),
            "{point}: the push went on without its server: {}",
            text(&out)
        );
        assert!(text(&out).contains("headquarters"), "{}", text(&out));
        let again = xsell(
            &s.path,
            &["hq", "push", "--url", &url, "--batch", "10"],
            &[],
        );
        assert!(again.status.success(), "{}", text(&again));
        stores.push(s.path.clone());
    }
    let refs: Vec<&Path> = stores.iter().map(PathBuf::as_path).collect();
    assert_chain_matches(&url, &refs);
}
