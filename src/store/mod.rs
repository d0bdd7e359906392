//! All SQL lives here. One SQLite file per shop (WAL, so tills read while one writes),
//! schema created and upgraded by versioned migrations when the store opens.

/// The SQL condition that an order (under the alias given) is visible: a till's, or from an
/// import batch that was published. Readers of the sales history use it, so nothing of an
/// import in progress, failed or killed is ever seen.
macro_rules! visible {
    ($o:literal) => {
        concat!(
            "(",
            $o,
            ".import_batch IS NULL OR ",
            $o,
            ".import_batch IN (SELECT batch FROM import_batches WHERE published = 1))"
        )
    };
}
pub(crate) use visible;

pub mod audit;
mod backend;
mod backup;
pub mod catalog;
pub mod chain;
pub mod check;
pub mod customers;
pub mod day;
pub mod engine_data;
pub mod fault;
pub mod history;
pub mod import_batches;
pub mod journal;
pub mod lockout;
pub mod migrations;
pub mod mining;
pub mod model_snapshot;
pub mod offer_log;
pub mod offer_log_import;
pub mod parked;
pub mod receipts;
pub mod recommend;
pub mod report;
pub mod sales;
mod sandbox;
pub mod staff;
pub mod training_data;
pub mod training_progress;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::domain::settings::Settings;

/// How long a writer waits for another till's transaction before giving up.
/// Sales transactions take milliseconds, so a wait this long means something is stuck.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// While another connection writes, retry every millisecond (for `BUSY_TIMEOUT` in all).
/// SQLite's own busy timeout backs off to 100 ms sleeps, so a till waiting behind a long
/// import's short transactions would keep waking up inside the next one; a retry this
/// often takes the lock in the first pause between them.
fn wait_briefly(attempt: i32) -> bool {
    let limit = BUSY_TIMEOUT.as_millis() as i32;
    if attempt >= limit {
        return false;
    }
    std::thread::sleep(Duration::from_millis(1));
    true
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not an xsell database (or is damaged): {detail}")]
    NotADatabase { path: String, detail: String },
    #[error(
        "{path} was written by a newer xsell (schema {found}, this program knows {known}); upgrade xsell"
    )]
    TooNew {
        path: String,
        found: usize,
        known: usize,
    },
    #[error("the database is busy (another till holds it); try again")]
    Busy,
    #[error("cannot write to {path}: the file or its folder is read-only (nothing was changed)")]
    ReadOnly { path: String },
    #[error(
        "the disk holding {path} is full (or the store reached its size limit): nothing was written"
    )]
    Full { path: String },
    #[error("{0}")]
    Invalid(String),
    /// What was asked for is not (or no longer) there: a held order another till took.
    #[error("{0}")]
    NotFound(String),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(String),
}

impl StoreError {
    fn from_sql(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sql(e),
        }
    }

    /// Says what a full disk or a read-only file means, instead of SQLite's bare words.
    fn explained(self, path: &str) -> StoreError {
        let code = match &self {
            StoreError::Sql(e) => e.sqlite_error_code(),
            _ => None,
        };
        let text = self.to_string();
        let path = path.to_string();
        match code {
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::Full { path },
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            _ if matches!(self, StoreError::Migration(_)) && text.contains("readonly") => {
                StoreError::ReadOnly { path }
            }
            _ if matches!(self, StoreError::Migration(_)) && text.contains("full") => {
                StoreError::Full { path }
            }
            _ => self,
        }
    }
}

/// Fault injection for the tests of a full disk and a read-only store, which cannot be
/// produced for real in a test (no small file system to fill; root writes through
/// permissions): `XSELL_TEST_MAX_PAGES=N` caps the file at N pages as a full disk would,
/// `XSELL_TEST_READ_ONLY=1` opens it read-only as a read-only file would be.
fn test_fault(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The shop's settings, read on any connection (a transaction too).
pub(crate) fn settings_on(conn: &Connection) -> StoreResult<Settings> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = 'shop'", [], |r| {
            r.get(0)
        })
        .optional()?;
    match text {
        None => Ok(Settings::default()),
        Some(t) => serde_json::from_str(&t)
            .map_err(|e| StoreError::Invalid(format!("settings are damaged: {e}"))),
    }
}

/// How many rows a bulk write (an import) added, and how many it updated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Upserted {
    pub added: u64,
    pub updated: u64,
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// Where the database lives: `--db`, else `XSELL_DB`, else the platform data directory.
pub fn resolve_path(flag: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("XSELL_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "xsell")
        .ok_or_else(|| anyhow::anyhow!("no home directory to keep the store in; pass --db PATH"))?;
    Ok(dirs.data_dir().join("store.db"))
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> StoreResult<Store> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Invalid(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        // A connection is used by one thread at a time (rusqlite's `Connection` is not
        // `Sync`), so SQLite need not lock a mutex around every call: reading a million
        // orders spent a sixth of its time on those locks.
        let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX
            | if test_fault("XSELL_TEST_READ_ONLY").is_some() {
                OpenFlags::SQLITE_OPEN_READ_ONLY
            } else {
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            };
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::NotADatabase {
                path: shown.clone(),
                detail: e.to_string(),
            })?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure().map_err(|e| match e {
            StoreError::Sql(inner)
                if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) =>
            {
                StoreError::NotADatabase {
                    path: shown.clone(),
                    detail: inner.to_string(),
                }
            }
            other => other.explained(&shown),
        })?;
        migrations::apply(&mut store.conn, &shown).map_err(|e| e.explained(&shown))?;
        if let Some(pages) = test_fault("XSELL_TEST_MAX_PAGES") {
            let pages: i64 = pages.parse().unwrap_or(1);
            let _: i64 =
                store
                    .conn
                    .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                        r.get(0)
                    })?;
        }
        Ok(store)
    }

    /// A private in-memory store with the same migrations, for tests.
    pub fn open_in_memory() -> StoreResult<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.configure()?;
        migrations::apply(&mut store.conn, ":memory:")?;
        Ok(store)
    }

    fn configure(&mut self) -> StoreResult<()> {
        self.conn.busy_handler(Some(wait_briefly))?;
        fault::install(&self.conn);
        // journal_mode returns a row, so it is read rather than executed.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The raw connection, for the store's own modules: every other layer asks the store a
    /// question in its own words. The tests, which check what the tables hold, see it
    /// through the `inspect` feature (turned on for them only, in Cargo.toml).
    #[cfg(not(feature = "inspect"))]
    pub(in crate::store) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The raw connection, for tests that check what the tables hold (`inspect` feature).
    #[cfg(feature = "inspect")]
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in an IMMEDIATE transaction: the write lock is taken up front, so two tills
    /// never deadlock upgrading read locks, and a busy database waits `BUSY_TIMEOUT`.
    pub(in crate::store) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        struct Writing;
        impl Drop for Writing {
            fn drop(&mut self) {
                fault::writing(false);
            }
        }
        fault::writing(true);
        let _writing = Writing;
        let shown = self
            .path
            .as_deref()
            .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sql(e).explained(&shown))?;
        let value = f(&tx).map_err(|e| e.explained(&shown))?;
        tx.commit()
            .map_err(|e| StoreError::from_sql(e).explained(&shown))?;
        Ok(value)
    }

    /// Writes `rows` with `upsert` in one transaction, all or none; `upsert` says whether
    /// each row was new.
    fn upsert_all<T>(
        &mut self,
        rows: &[T],
        mut upsert: impl FnMut(&Connection, &T) -> rusqlite::Result<bool>,
    ) -> StoreResult<Upserted> {
        self.write(|tx| {
            let mut done = Upserted::default();
            for row in rows {
                if upsert(tx, row)? {
                    done.added += 1;
                } else {
                    done.updated += 1;
                }
            }
            Ok(done)
        })
    }

    pub fn settings(&self) -> StoreResult<Settings> {
        settings_on(&self.conn)
    }

    pub fn save_settings(&mut self, settings: &Settings) -> StoreResult<()> {
        let text = serde_json::to_string(settings).expect("settings serialize");
        self.conn.execute("INSERT INTO settings (key, value) VALUES ('shop', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [text])?;
        Ok(())
    }

    /// True when the store holds no products: a fresh file that wants the demo shop.
    pub fn is_empty(&self) -> StoreResult<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM products", [], |r| r.get(0))?;
        Ok(n == 0)
    }
}

/// Times are stored as the shop's wall-clock time in ISO 8601 text, which sorts correctly as text.
pub fn ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Reads a stored time. The store writes exactly `YYYY-MM-DDTHH:MM:SS`, read here digit by
/// digit (loading a million orders parses a million of them); anything else goes through
/// the general ISO 8601 parser.
pub fn parse_ts(s: &str) -> NaiveDateTime {
    fast_ts(s.as_bytes())
        .or_else(|| crate::domain::timestamp::parse_timestamp(s))
        .unwrap_or_default()
}

fn fast_ts(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?.and_hms_opt(
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_store_has_the_schema() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.is_empty().unwrap());
        assert_eq!(store.settings().unwrap(), Settings::default());
    }

    #[test]
    fn file_store_uses_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.db")).unwrap();
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let fk: i64 = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = store
            .conn()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), fk, sync), ("wal", 1, 2));
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "these are my shopping notes, not a database at all....................................................").unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("these are my shopping notes")
        );
    }

    #[test]
    fn stored_times_read_back_exactly() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 2, 28)
            .unwrap()
            .and_hms_opt(23, 59, 7)
            .unwrap();
        assert_eq!(parse_ts(&ts(t)), t);
        assert_eq!(
            parse_ts("2026-02-28"),
            t.date().and_hms_opt(0, 0, 0).unwrap()
        );
        assert_eq!(parse_ts("2026-02-30T00:00:00"), NaiveDateTime::default());
    }

    #[test]
    fn settings_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let mut s = Settings::default();
        s.tax.inclusive = true;
        s.shop_name = "Corner Shop".into();
        store.save_settings(&s).unwrap();
        assert_eq!(store.settings().unwrap(), s);
    }
}
