//! An online copy of the store, taken while tills keep selling.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::progress::{Progress, Unit};
use crate::store::{BUSY_TIMEOUT, Store, StoreError, StoreResult};

/// Pages copied per step: small enough for the bar to move on a large store, large enough
/// that the steps cost nothing next to the copying.
const PAGES_PER_STEP: i32 = 1024;

impl Store {
    /// Copies the whole store into `dest` with SQLite's backup API: the copy is one
    /// snapshot, read inside a single read transaction held across all the steps, so a sale
    /// is in it whole or not at all, and writers on other tills are not held up (WAL). The
    /// copy is written beside `dest` and renamed into place at the end, so a failed backup
    /// never leaves a file that looks complete. Returns the number of pages copied;
    /// `progress` hears the bytes copied.
    pub fn backup_to(
        &self,
        dest: &Path,
        replace: bool,
        progress: &dyn Progress,
    ) -> StoreResult<i32> {
        if !replace && dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists; pass --force to replace it",
                dest.display()
            )));
        }
        let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
        if self.path().is_some_and(|own| same(own, dest)) {
            return Err(StoreError::Invalid(format!(
                "{} is the store itself; back it up to another file",
                dest.display()
            )));
        }
        let partial = partial_path(dest);
        remove_with_companions(&partial);
        let result = self.copy_into(&partial, progress);
        let pages = match result {
            Ok(pages) => pages,
            Err(e) => {
                remove_with_companions(&partial);
                return Err(e);
            }
        };
        // A journal left beside an old copy would be replayed into the new one.
        remove_companions(dest);
        std::fs::rename(&partial, dest).map_err(|e| {
            StoreError::Invalid(format!("cannot move the copy to {}: {e}", dest.display()))
        })?;
        Ok(pages)
    }

    fn copy_into(&self, path: &Path, progress: &dyn Progress) -> StoreResult<i32> {
        let mut to = Connection::open(path)
            .map_err(|e| StoreError::Invalid(format!("cannot create {}: {e}", path.display())))?;
        let page_size: i64 = self
            .conn()
            .query_row("PRAGMA page_size", [], |r| r.get(0))?;
        // The backup steps read inside this transaction instead of opening one each, so every
        // step sees the same snapshot however many sales are written meanwhile.
        let snapshot = self.conn().unchecked_transaction()?;
        let _tables: i64 =
            snapshot.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let pages = {
            let backup = Backup::new(self.conn(), &mut to)?;
            let started = Instant::now();
            let mut copied = 0;
            let mut begun = false;
            loop {
                let step = backup.step(PAGES_PER_STEP)?;
                let p = backup.progress();
                if !begun {
                    begun = true;
                    progress.begin(
                        "copying the store",
                        Some((p.pagecount as u64) * page_size as u64),
                        Unit::Bytes,
                    );
                }
                let done = p.pagecount - p.remaining;
                progress.advance((done - copied).max(0) as u64 * page_size as u64);
                copied = done.max(copied);
                match step {
                    StepResult::Done => break,
                    StepResult::More => {}
                    StepResult::Busy | StepResult::Locked => {
                        if started.elapsed() > BUSY_TIMEOUT {
                            return Err(StoreError::Busy);
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    _ => {}
                }
            }
            backup.progress().pagecount
        };
        progress.end();
        snapshot.commit()?;
        // The copy is one self-contained file, whatever journal the store uses.
        let _mode: String = to.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        to.close().map_err(|(_, e)| StoreError::Sql(e))?;
        Ok(pages)
    }
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

fn remove_with_companions(path: &Path) {
    let _ = std::fs::remove_file(path);
    remove_companions(path);
}

fn remove_companions(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}
