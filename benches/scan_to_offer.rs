//! A scan's offers on screen: the real binary in a pseudo-terminal on a fresh copy of the
//! demo shop (no control group), timed from the laptop's barcode and Enter to its first offer
//! card, 10 runs. Most of it is the pause the panel keeps while keys still come (`quiet_ms`,
//! 0.6 s). Prints the median and the slowest.
//!   cargo bench --bench scan_to_offer

#[path = "../tests/support/pty.rs"]
mod pty_support;
#[path = "../tests/support/run.rs"]
mod run_support;

use std::path::Path;
use std::time::{Duration, Instant};

/// UltraBook 15 (16GB) in the demo shop.
const LAPTOP: &str = "8802037000013";
const RUNS: usize = 10;

fn has_offer(screen: &str) -> bool {
    screen.contains("ADD-ON") || screen.contains("UPGRADE") || screen.contains("BUNDLE")
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    let made = run_support::xsell()
        .arg("--db")
        .arg(&demo)
        .arg("demo")
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");

    let mut times: Vec<Duration> = Vec::new();
    for run in 0..RUNS {
        // A fresh copy each time: the previous run's order would come back as a draft.
        let db = dir.path().join(format!("run{run}.db"));
        copy_store(&demo, &db);
        let mut tui = pty_support::register_without_holdout(&db);
        tui.wait_for("Type your staff PIN");
        tui.send(b"1357\r");
        tui.wait_for("Ana Kovacs");
        tui.wait_until("the recommender", |s| !s.contains("offers loading"));
        let screen = tui.screen();
        assert!(!has_offer(&screen), "an offer before the scan:\n{screen}");
        let scanned = Instant::now();
        tui.send(format!("{LAPTOP}\r").as_bytes());
        tui.wait_until("an offer", has_offer);
        times.push(scanned.elapsed());
        tui.send(pty_support::CTRL_Q);
        tui.wait_exit();
    }
    times.sort();
    println!(
        "scan to its first offer on screen over {} runs: median {} ms, slowest {} ms",
        times.len(),
        times[times.len() / 2].as_millis(),
        times.last().unwrap().as_millis()
    );
}

/// A consistent copy (SQLite's backup API, so a WAL is taken along).
fn copy_store(from: &Path, to: &Path) {
    let source = rusqlite::Connection::open(from).unwrap();
    source.backup(rusqlite::MAIN_DB, to, None).unwrap();
}
