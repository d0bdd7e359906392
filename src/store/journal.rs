//! The store's side of the sales journal: who this store is, the append-only entries its
//! write paths add inside their own transactions (`record`), the marks of what was sent,
//! and applying another store's entries (`apply`).

pub mod apply;
pub mod record;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::journal::{Entry, Kind};
use crate::store::{Store, StoreError, StoreResult};

/// The mark a journal file export advances.
pub const EXPORT_MARK: &str = "export";
/// The mark advanced once headquarters confirmed it holds everything up to it.
pub const HQ_MARK: &str = "hq";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: String,
    pub code: Option<String>,
}

/// A store code: 1 to 8 capital letters or digits (it goes on every receipt).
pub fn valid_code(code: &str) -> Result<String, String> {
    let c = code.trim().to_ascii_uppercase();
    if c.is_empty() || c.len() > 8 || !c.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return Err(format!(
            "a store code is 1 to 8 letters or digits (it is printed on every receipt), not {code:?}"
        ));
    }
    Ok(c)
}

pub(crate) fn identity_on(conn: &Connection) -> StoreResult<Identity> {
    Ok(conn.query_row(
        "SELECT id, code FROM store_identity WHERE one = 1",
        [],
        |r| {
            Ok(Identity {
                id: r.get(0)?,
                code: r.get(1)?,
            })
        },
    )?)
}

/// One stored entry, with its place in this store's journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub seq: i64,
    pub entry: Entry,
}

const ENTRY_COLUMNS: &str = "seq, id, store_id, store_code, till, till_seq, kind, at, body, hash";

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Entry)> {
    let kind: String = r.get(6)?;
    let body: String = r.get(8)?;
    Ok((
        r.get(0)?,
        Entry {
            v: crate::journal::FORMAT,
            id: r.get(1)?,
            store: r.get(2)?,
            store_code: r.get(3)?,
            till: r.get(4)?,
            seq: r.get(5)?,
            kind: Kind::parse(&kind).unwrap_or(Kind::Sale),
            at: r.get(7)?,
            body: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
            hash: r.get(9)?,
        },
    ))
}

/// Adds an entry this store made, inside the caller's transaction, numbered next on its
/// till. An id already in the journal is left as it is (a retried write records nothing twice).
pub(crate) fn append(
    tx: &Transaction<'_>,
    id: &str,
    kind: Kind,
    till: &str,
    at: &str,
    body: serde_json::Value,
) -> StoreResult<()> {
    if has_entry(tx, id)? {
        return Ok(());
    }
    let me = identity_on(tx)?;
    let seq: i64 = tx
        .prepare_cached(
            "SELECT coalesce(max(till_seq), 0) + 1 FROM journal WHERE store_id = ?1 AND till = ?2",
        )?
        .query_row(params![me.id, till], |r| r.get(0))?;
    let entry = Entry::new(
        id.to_string(),
        me.id,
        me.code,
        till.to_string(),
        seq,
        kind,
        at.to_string(),
        body,
    );
    insert(tx, &entry, "local")
}

pub(crate) fn insert(tx: &Transaction<'_>, e: &Entry, origin: &str) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO journal (id, store_id, store_code, till, till_seq, kind, at, body, hash, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        e.id,
        e.store,
        e.store_code,
        e.till,
        e.seq,
        e.kind.as_str(),
        e.at,
        e.body.to_string(),
        e.hash,
        origin
    ])?;
    Ok(())
}

pub(crate) fn has_entry(conn: &Connection, id: &str) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM journal WHERE id = ?1")?
        .exists([id])?)
}

pub(crate) fn hash_of(conn: &Connection, id: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT hash FROM journal WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

pub(crate) fn mark_on(conn: &Connection, name: &str) -> StoreResult<i64> {
    Ok(conn
        .query_row(
            "SELECT seq FROM journal_marks WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// What a reader of the journal still has to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub entries: i64,
    pub sales: i64,
    /// When the oldest sale not yet sent was made (the shop's clock).
    pub oldest_sale: Option<String>,
}

impl Store {
    pub fn identity(&self) -> StoreResult<Identity> {
        identity_on(self.conn())
    }

    /// Gives the store its code. A code once set never changes: receipts carry it.
    pub fn set_store_code(&mut self, code: &str) -> StoreResult<Identity> {
        let code = valid_code(code).map_err(StoreError::Invalid)?;
        self.write(|tx| {
            let me = identity_on(tx)?;
            match me.code.as_deref() {
                Some(c) if c == code => {}
                Some(c) => {
                    return Err(StoreError::Invalid(format!(
                        "this store's code is {c}; a store keeps its code (its receipts carry it)"
                    )));
                }
                None => {
                    tx.execute("UPDATE store_identity SET code = ?1 WHERE one = 1", [&code])?;
                }
            }
            identity_on(tx)
        })
    }

    /// Entries after `after` in this store's journal order, at most `limit`.
    pub fn journal_after(&self, after: i64, limit: usize) -> StoreResult<Vec<Stored>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM journal WHERE seq > ?1 ORDER BY seq LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![after, limit as i64], stored)?;
        rows.map(|r| {
            r.map(|(seq, entry)| Stored { seq, entry })
                .map_err(StoreError::from)
        })
        .collect()
    }

    pub fn journal_mark(&self, name: &str) -> StoreResult<i64> {
        mark_on(self.conn(), name)
    }

    /// The last entry in the journal (0 when it is empty).
    pub fn journal_end(&self) -> StoreResult<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(seq), 0) FROM journal", [], |r| {
                r.get(0)
            })?)
    }

    /// Moves a mark forward to `seq` (never back: the schema refuses it).
    pub fn move_journal_mark(
        &mut self,
        name: &str,
        seq: i64,
        at: &str,
        detail: Option<&str>,
    ) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO journal_marks (name, seq, moved_at, detail) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name) DO UPDATE SET seq = max(seq, excluded.seq), moved_at = excluded.moved_at,
                    detail = coalesce(excluded.detail, detail)",
                params![name, seq, at, detail],
            )?;
            Ok(())
        })
    }

    /// When a mark last moved and what it noted (headquarters: where it was sent).
    pub fn journal_mark_note(&self, name: &str) -> StoreResult<Option<(String, Option<String>)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT moved_at, detail FROM journal_marks WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The sales headquarters has not confirmed: none, untracked, when the store has never
    /// pushed (no headquarters).
    pub fn unsent(&self) -> StoreResult<crate::app::backend::Unsent> {
        if self.journal_mark_note(HQ_MARK)?.is_none() {
            return Ok(Default::default());
        }
        let waiting = self.journal_waiting(HQ_MARK)?;
        Ok(crate::app::backend::Unsent {
            tracked: true,
            sales: waiting.sales.max(0) as u64,
            oldest: waiting.oldest_sale.map(|at| crate::store::parse_ts(&at)),
        })
    }

    /// What is after the mark `name`: entries, sales among them, the oldest such sale.
    pub fn journal_waiting(&self, name: &str) -> StoreResult<Waiting> {
        let mark = self.journal_mark(name)?;
        Ok(self.conn().query_row(
            "SELECT count(*), coalesce(sum(kind = 'sale'), 0), min(CASE WHEN kind = 'sale' THEN at END)
             FROM journal WHERE seq > ?1",
            [mark],
            |r| {
                Ok(Waiting {
                    entries: r.get(0)?,
                    sales: r.get(1)?,
                    oldest_sale: r.get(2)?,
                })
            },
        )?)
    }
}
