//! Crash points, for testing that a sale survives a power cut at any moment: with
//! `XSELL_FAULT_AFTER=N` in the environment, the process aborts right after the Nth SQL
//! statement run inside a write transaction (`Store::write`), BEGIN and COMMIT included.
//! Nothing is flushed or rolled back on the way out, as when the power goes. Unset, no
//! hook is installed and nothing is counted.

use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

pub const VAR: &str = "XSELL_FAULT_AFTER";

/// Statements still allowed before the abort; read once per process.
static LEFT: AtomicU64 = AtomicU64::new(0);
static IN_WRITE: AtomicBool = AtomicBool::new(false);

/// Hooks `conn` when the environment asks for a crash point.
pub fn install(conn: &Connection) {
    let Some(n) = std::env::var(VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    else {
        return;
    };
    if n == 0 {
        return;
    }
    // Several connections of one process share one count: the Nth statement of the process.
    let _ = LEFT.compare_exchange(0, n, Ordering::SeqCst, Ordering::SeqCst);
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(statement_done));
}

/// Marks the span of a write transaction; statements outside it are not counted.
pub fn writing(on: bool) {
    IN_WRITE.store(on, Ordering::SeqCst);
}

fn statement_done(event: TraceEvent<'_>) {
    if matches!(event, TraceEvent::Profile(..))
        && IN_WRITE.load(Ordering::SeqCst)
        && LEFT.fetch_sub(1, Ordering::SeqCst) == 1
    {
        std::process::abort();
    }
}
