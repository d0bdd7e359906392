//! Start to the sign-in screen: the release binary in a pseudo-terminal on a store given by
//! XSELL_BENCH_DB (the scaled shop: 100,000 products), timed until the PIN prompt is on
//! screen, 20 runs. Prints the median and the slowest.
//!   XSELL_BENCH_DB=/tmp/xsell-scale/store.db cargo bench --bench startup

#[path = "../tests/support/pty.rs"]
mod pty_support;
#[path = "../tests/support/run.rs"]
mod run_support;

use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty_support::{CTRL_Q, Tui};

fn main() {
    let Some(db) = std::env::var_os("XSELL_BENCH_DB") else {
        eprintln!("startup: set XSELL_BENCH_DB to a store (see README, Speed); skipped");
        return;
    };
    // The binary cargo built for this benchmark, wherever the target folder is.
    let exe = env!("CARGO_BIN_EXE_xsell");
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..20 {
        let mut cmd = CommandBuilder::new(exe);
        cmd.arg("--db");
        cmd.arg(&db);
        cmd.env("TERM", "xterm-256color");
        let start = Instant::now();
        let mut tui = Tui::spawn(cmd, 40, 120);
        tui.wait_for("Type your staff PIN");
        times.push(start.elapsed());
        tui.send(CTRL_Q);
        tui.wait_exit();
    }
    times.sort();
    println!(
        "start to sign-in screen over {} runs: median {} ms, slowest {} ms",
        times.len(),
        times[times.len() / 2].as_millis(),
        times.last().unwrap().as_millis()
    );
}
