//! `xsell backup` copies in steps so that its progress bar moves, and must still copy one
//! snapshot: a till writing between two steps is not in the copy, and the copy is whole.

use std::sync::Mutex;

use rusqlite::Connection;
use xsell::progress::{Progress, Unit};
use xsell::store::Store;

/// Progress that writes a row through another connection the first time it hears of bytes
/// copied, as a till selling during the backup would.
struct WritesMidway {
    till: Mutex<Option<Connection>>,
    steps: Mutex<u32>,
    total: Mutex<Option<u64>>,
}

impl Progress for WritesMidway {
    fn begin(&self, _stage: &str, total: Option<u64>, unit: Unit) {
        assert_eq!(unit, Unit::Bytes);
        *self.total.lock().unwrap() = total;
    }

    fn advance(&self, _n: u64) {
        *self.steps.lock().unwrap() += 1;
        if let Some(till) = self.till.lock().unwrap().take() {
            till.execute("INSERT INTO filler(b) VALUES (zeroblob(10))", [])
                .unwrap();
        }
    }
}

#[test]
fn a_backup_in_steps_is_still_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let store = Store::open(&db).unwrap();
    // About 2,000 pages: more than one step of the copy.
    store
        .conn()
        .execute_batch(
            "CREATE TABLE filler(b BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO filler(b) SELECT zeroblob(4000) FROM n;",
        )
        .unwrap();
    let till = Connection::open(&db).unwrap();
    till.busy_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    let progress = WritesMidway {
        till: Mutex::new(Some(till)),
        steps: Mutex::new(0),
        total: Mutex::new(None),
    };
    let copy = dir.path().join("copy.db");
    let pages = store.backup_to(&copy, false, &progress).unwrap();

    assert!(
        *progress.steps.lock().unwrap() >= 2,
        "copied in several steps"
    );
    let page_size: i64 = store
        .conn()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        *progress.total.lock().unwrap(),
        Some(pages as u64 * page_size as u64)
    );
    let count = |c: &Connection| -> i64 {
        c.query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(store.conn()), 2001, "the till's row is in the store");
    let copied = Connection::open(&copy).unwrap();
    assert_eq!(count(&copied), 2000, "and not in the copy taken before it");
    let check: String = copied
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
