//! Import batches: a long history import is written in many short transactions and becomes
//! visible in one (`publish`), so tills keep selling while it runs and nobody ever sees half
//! of it. Readers of the history take only the orders of published batches
//! (`store::visible!`); the customers a batch created stay hidden with it.

use std::path::PathBuf;

use rusqlite::{Connection, params};

use crate::store::{Store, StoreError, StoreResult};

/// Rows removed per transaction when a batch goes.
const REMOVE_PER_STEP: i64 = 2_000;

/// Opens a new, unpublished batch.
pub fn open(store: &mut Store, file: &str, at: &str) -> StoreResult<i64> {
    store.write(|tx| {
        tx.execute(
            "INSERT INTO import_batches (file, started) VALUES (?1, ?2)",
            params![file, at],
        )?;
        Ok(tx.last_insert_rowid())
    })
}

/// Makes a batch visible to every reader at once.
pub fn publish(store: &mut Store, batch: i64) -> StoreResult<()> {
    store.write(|tx| {
        tx.execute(
            "UPDATE import_batches SET published = 1 WHERE batch = ?1",
            [batch],
        )?;
        Ok(())
    })
}

/// Notes a customer the batch created, so that it is hidden and removed with it.
pub fn created_customer(conn: &Connection, batch: i64, customer: i64) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO import_customers (batch, customer_id) VALUES (?1, ?2)")?
        .execute(params![batch, customer])?;
    Ok(())
}

/// Removes an unpublished batch, a few thousand rows per transaction.
pub fn remove(store: &mut Store, batch: i64) -> StoreResult<()> {
    loop {
        let left = store.write(|tx| {
            let ids: Vec<String> = tx
                .prepare_cached("SELECT id FROM orders WHERE import_batch = ?1 LIMIT ?2")?
                .query_map(params![batch, REMOVE_PER_STEP], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for id in &ids {
                for sql in [
                    "DELETE FROM payments WHERE order_id = ?1",
                    "DELETE FROM order_lines WHERE order_id = ?1",
                    "DELETE FROM orders WHERE id = ?1",
                ] {
                    tx.prepare_cached(sql)?.execute([id])?;
                }
            }
            Ok(!ids.is_empty())
        })?;
        if !left {
            break;
        }
    }
    store.write(|tx| {
        let created: Vec<i64> = tx
            .prepare("SELECT customer_id FROM import_customers WHERE batch = ?1")?
            .query_map([batch], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        tx.execute("DELETE FROM import_customers WHERE batch = ?1", [batch])?;
        let mut forget = tx.prepare(
            "DELETE FROM customers WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM orders WHERE customer_id = ?1)",
        )?;
        for id in created {
            forget.execute([id])?;
        }
        tx.execute(
            "DELETE FROM import_batches WHERE batch = ?1 AND published = 0",
            [batch],
        )?;
        Ok(())
    })
}

/// Removes every batch left unpublished by an import that failed or was killed. Only
/// called under the `ImportLock`, so no running import's batch is taken for one.
pub fn remove_unpublished(store: &mut Store) -> StoreResult<()> {
    let batches: Vec<i64> = store
        .conn()
        .prepare("SELECT batch FROM import_batches WHERE published = 0")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for batch in batches {
        remove(store, batch)?;
    }
    Ok(())
}

/// One history import at a time per store: an advisory lock on `STORE-import.lock`, which
/// the system releases when the process ends, however it ends.
pub struct ImportLock {
    _file: Option<std::fs::File>,
    _path: Option<PathBuf>,
}

impl ImportLock {
    pub fn take(store: &Store) -> StoreResult<ImportLock> {
        let Some(db) = store.path() else {
            return Ok(ImportLock {
                _file: None,
                _path: None,
            });
        };
        let mut name = db.as_os_str().to_owned();
        name.push("-import.lock");
        let path = PathBuf::from(name);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::Invalid(format!("cannot open {}: {e}", path.display())))?;
        lock_exclusively(&file).map_err(|_| {
            StoreError::Invalid(
                "another import is running on this store: try again when it ends".into(),
            )
        })?;
        Ok(ImportLock {
            _file: Some(file),
            _path: Some(path),
        })
    }
}

#[cfg(unix)]
fn lock_exclusively(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a descriptor this process owns; it has no memory effects.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn lock_exclusively(file: &std::fs::File) -> std::io::Result<()> {
    file.try_lock().map_err(|_| std::io::Error::other("locked"))
}
