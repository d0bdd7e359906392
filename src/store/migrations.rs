//! Versioned schema migrations, applied in order when a store opens. A new version of
//! xsell adds a file here; it never edits one that has shipped.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations, SchemaVersion};

use crate::store::{StoreError, StoreResult};

const STEPS: &[&str] = &[
    include_str!("sql/001_foundation.sql"),
    include_str!("sql/002_recommendations.sql"),
    include_str!("sql/003_repurchase_intervals.sql"),
    include_str!("sql/004_suggestions.sql"),
    include_str!("sql/005_safety.sql"),
    include_str!("sql/006_close_of_day.sql"),
    include_str!("sql/007_import_batches.sql"),
    include_str!("sql/008_offer_ids.sql"),
    include_str!("sql/009_stock_tracked.sql"),
    include_str!("sql/010_mined_params.sql"),
    include_str!("sql/011_journal.sql"),
    include_str!("sql/012_kiosk.sql"),
    include_str!("sql/013_training_progress.sql"),
    include_str!("sql/014_offer_channel.sql"),
    include_str!("sql/015_model_snapshot.sql"),
    include_str!("sql/016_customer_index_covers_sales.sql"),
];

pub fn latest() -> usize {
    STEPS.len()
}

fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version of the store at `path`, read without changing it: `None` when there
/// is no file yet.
pub fn version_at(path: &std::path::Path) -> StoreResult<Option<usize>> {
    if !path.exists() {
        return Ok(None);
    }
    let shown = path.display().to_string();
    let not_a_store = |e: rusqlite::Error| StoreError::NotADatabase {
        path: shown.clone(),
        detail: e.to_string(),
    };
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(not_a_store)?;
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_a_store)?;
    Ok(Some(v.max(0) as usize))
}

/// Brings the schema to the latest version, refusing a database from a newer xsell
/// (which this program would misread) with a message that says so.
pub fn apply(conn: &mut Connection, shown: &str) -> StoreResult<()> {
    let m = migrations();
    let current = m
        .current_version(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    if let SchemaVersion::Outside(v) = current {
        return Err(StoreError::TooNew {
            path: shown.to_string(),
            found: v.get(),
            known: latest(),
        });
    }
    m.to_latest(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn reopening_keeps_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let v: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v as usize, latest());
    }

    #[test]
    fn a_database_from_a_newer_xsell_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", latest() + 5))
            .unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer xsell"));
    }
}
