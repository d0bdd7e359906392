//! Sending a store's journal to headquarters in batches. Each batch is one PostgreSQL
//! transaction that inserts every entry by its global id, ignoring one already there when
//! its hash is the same and refusing the batch when it differs; the store's mark moves
//! only after headquarters committed. So a push cut anywhere, then run again, re-sends at
//! most one batch, and headquarters keeps each entry once.

use std::collections::BTreeMap;

use postgres::Client;

use crate::hq::fault::{self, Point};
use crate::hq::{HqError, HqResult, redact};
use crate::store::Store;
use crate::store::journal::{HQ_MARK, Stored};

/// Entries per batch: chosen by measurement (`cargo bench --bench hq`; README, "Growing
/// past one shop"): larger batches gain little and hold a transaction longer.
pub const DEFAULT_BATCH: usize = 1_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pushed {
    pub batches: usize,
    pub sent: usize,
    /// Entries headquarters already had (a batch re-sent after a cut).
    pub already: usize,
}

/// Pushes everything after the store's headquarters mark; `now` stamps the mark.
pub fn push(
    store: &mut Store,
    client: &mut Client,
    url: &str,
    batch: usize,
    now: &str,
) -> HqResult<Pushed> {
    let me = store.identity()?;
    let Some(code) = me.code.clone() else {
        return Err(HqError::Refused(
            "this store has no code yet: give it one with `xsell init --store-code CODE` before pushing".into(),
        ));
    };
    register(client, &me.id, Some(&code))?;
    let mut done = Pushed::default();
    let mut mark = store.journal_mark(HQ_MARK)?;
    loop {
        let entries = store.journal_after(mark, batch.max(1))?;
        let Some(last) = entries.last().map(|s| s.seq) else {
            break;
        };
        done.batches += 1;
        let n = done.batches;
        let mut tx = client.transaction()?;
        // Entries a store forwards (a kiosk's) name their own store.
        let mut others: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for s in &entries {
            others
                .entry(&s.entry.store)
                .or_insert(s.entry.store_code.as_deref());
        }
        for (id, code) in &others {
            tx.execute(
                "INSERT INTO stores (id, code) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET code = coalesce(stores.code, excluded.code)",
                &[id, code],
            )?;
        }
        let added = insert(&mut tx, &entries)?;
        fault::at(Point::MidBatch, n);
        tx.execute(
            "UPDATE stores SET last_push = now() WHERE id = $1",
            &[&me.id],
        )?;
        tx.commit()?;
        fault::at(Point::AfterCommit, n);
        store.move_journal_mark(HQ_MARK, last, now, Some(&redact(url)))?;
        fault::at(Point::AfterMark, n);
        done.sent += added;
        done.already += entries.len() - added;
        mark = last;
    }
    if done.batches == 0 {
        // Nothing to send still says "this store reached headquarters" in its status.
        client.execute(
            "UPDATE stores SET last_push = now() WHERE id = $1",
            &[&me.id],
        )?;
        store.move_journal_mark(HQ_MARK, mark, now, Some(&redact(url)))?;
    }
    Ok(done)
}

/// Makes the store known at headquarters; a code another store already has is refused.
fn register(client: &mut Client, id: &str, code: Option<&str>) -> HqResult<()> {
    let taken: Option<String> = client
        .query_opt(
            "SELECT id FROM stores WHERE code = $1 AND id <> $2",
            &[&code, &id],
        )?
        .map(|r| r.get(0));
    if let Some(other) = taken {
        return Err(HqError::Refused(format!(
            "headquarters already has a store with code {} (id {other}); each store needs its own code",
            code.unwrap_or("")
        )));
    }
    client.execute(
        "INSERT INTO stores (id, code) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET code = excluded.code",
        &[&id, &code],
    )?;
    Ok(())
}

/// Inserts a batch; returns how many were new. A repeat with another hash fails the batch.
fn insert(tx: &mut postgres::Transaction<'_>, entries: &[Stored]) -> HqResult<usize> {
    let col = |f: &dyn Fn(&Stored) -> String| entries.iter().map(f).collect::<Vec<String>>();
    let ids = col(&|s| s.entry.id.clone());
    let stores = col(&|s| s.entry.store.clone());
    let tills = col(&|s| s.entry.till.clone());
    let seqs: Vec<i64> = entries.iter().map(|s| s.entry.seq).collect();
    let kinds = col(&|s| s.entry.kind.as_str().to_string());
    let ats = col(&|s| s.entry.at.clone());
    let bodies = col(&|s| s.entry.body.to_string());
    let hashes = col(&|s| s.entry.hash.clone());
    let inserted = tx.query(
        "INSERT INTO entries (id, store_id, till, seq, kind, at, body, hash)
         SELECT id, store_id, till, seq, kind, at, body::jsonb, hash
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::text[], $8::text[])
              AS t (id, store_id, till, seq, kind, at, body, hash)
         ON CONFLICT (id) DO NOTHING
         RETURNING id",
        &[&ids, &stores, &tills, &seqs, &kinds, &ats, &bodies, &hashes],
    )?;
    if inserted.len() < entries.len() {
        let differing = tx.query(
            "SELECT e.id FROM entries e JOIN unnest($1::text[], $2::text[]) AS t (id, hash) ON t.id = e.id
             WHERE e.hash <> t.hash LIMIT 5",
            &[&ids, &hashes],
        )?;
        if !differing.is_empty() {
            let ids: Vec<String> = differing.iter().map(|r| r.get(0)).collect();
            return Err(HqError::Refused(format!(
                "headquarters holds different content under the same id for {}: nothing of this batch was kept",
                ids.join(", ")
            )));
        }
    }
    Ok(inserted.len())
}
