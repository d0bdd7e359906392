//! Crash points for the tests of a push that dies, as a power cut or a killed process
//! would: `XSELL_HQ_FAULT=mid-batch:N` aborts after the Nth batch is written at
//! headquarters but before it commits; `after-commit:N` after headquarters committed it
//! but before the store's mark moved; `after-mark:N` after both. `XSELL_HQ_PAUSE=POINT:N:FILE`
//! stops at that point of the Nth batch instead, creates FILE.ready and waits for FILE, so
//! a test can stop the server in the middle of a push. Unset, nothing happens.

use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    MidBatch,
    AfterCommit,
    AfterMark,
}

impl Point {
    fn name(self) -> &'static str {
        match self {
            Point::MidBatch => "mid-batch",
            Point::AfterCommit => "after-commit",
            Point::AfterMark => "after-mark",
        }
    }
}

/// Aborts the process (or pauses it) when the environment names this point and batch.
pub fn at(point: Point, batch: usize) {
    pause(point, batch);
    let Ok(v) = std::env::var("XSELL_HQ_FAULT") else {
        return;
    };
    let Some((name, n)) = v.split_once(':') else {
        return;
    };
    if name == point.name() && n.trim().parse() == Ok(batch) {
        std::process::abort();
    }
}

/// Waits at the point the environment names, until its go-ahead file appears.
fn pause(point: Point, batch: usize) {
    let Ok(v) = std::env::var("XSELL_HQ_PAUSE") else {
        return;
    };
    let mut parts = v.splitn(3, ':');
    let (Some(name), Some(n), Some(file)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    if name != point.name() || n.trim().parse() != Ok(batch) {
        return;
    }
    let go = PathBuf::from(file);
    let mut ready = go.clone().into_os_string();
    ready.push(".ready");
    let _ = std::fs::write(&ready, b"");
    let started = Instant::now();
    while !go.exists() && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(10));
    }
}
