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
        if let Some(own) = self.path() {
            check_target(own, dest)?;
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
        publish(&partial, dest, |from, to| std::fs::rename(from, to))?;
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

/// Moves the finished copy into place; if that fails, the partial copy goes too, so no
/// file that looks like a backup is left behind.
fn publish(
    partial: &Path,
    dest: &Path,
    rename: impl FnOnce(&Path, &Path) -> std::io::Result<()>,
) -> StoreResult<()> {
    rename(partial, dest).map_err(|e| {
        remove_with_companions(partial);
        StoreError::Invalid(format!("cannot move the copy to {}: {e}", dest.display()))
    })
}

/// The files a backup writes or removes: the target, its partial copy, and their journals.
fn touched(dest: &Path) -> Vec<PathBuf> {
    let partial = partial_path(dest);
    [dest.to_path_buf(), partial]
        .into_iter()
        .flat_map(|p| {
            std::iter::once(p.clone()).chain(COMPANIONS.iter().map(move |s| with_suffix(&p, s)))
        })
        .collect()
}

const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Where `path` really is: its folder resolved (`..`, symbolic links), its own name kept,
/// so a file that does not exist yet still has one spelling.
fn real(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

/// Refuses a target that a backup must never write over: anything but a regular file (a
/// device such as /dev/null, a folder, a symbolic link), and the store itself or its WAL,
/// shared-memory or journal file, however the path is spelled (`..`, a symbolic link to its
/// folder, a hard link).
fn check_target(store: &Path, dest: &Path) -> StoreResult<()> {
    let refuse = |why: &str| {
        Err(StoreError::Invalid(format!(
            "{} {why}: back up to a new file in another place",
            dest.display()
        )))
    };
    if let Ok(meta) = std::fs::symlink_metadata(dest) {
        if meta.file_type().is_symlink() {
            return refuse("is a symbolic link");
        }
        if !meta.file_type().is_file() {
            return refuse("is not a regular file");
        }
    }
    let Some(store_real) = real(store) else {
        return Ok(());
    };
    let protected: Vec<PathBuf> = std::iter::once(store_real.clone())
        .chain(COMPANIONS.iter().map(|s| with_suffix(&store_real, s)))
        .collect();
    for path in touched(dest) {
        let Some(p) = real(&path) else { continue };
        if protected.contains(&p) || same_file(&path, store) {
            return refuse(if path == dest {
                "is the store itself (or its journal)"
            } else {
                "would overwrite the store's own files"
            });
        }
    }
    Ok(())
}

/// The same file under two names (a hard link).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
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
    for suffix in COMPANIONS {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_rename_removes_the_partial_copy() {
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join("copy.db.partial");
        std::fs::write(&partial, b"pages").unwrap();
        std::fs::write(with_suffix(&partial, "-journal"), b"j").unwrap();
        let err = publish(&partial, &dir.path().join("copy.db"), |_, _| {
            Err(std::io::Error::other("disk gone"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk gone"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
