//! Headquarters' own schema, in versioned steps applied when a command connects. Steps
//! run one connection at a time (an advisory lock), so two stores pushing at once for the
//! first time do not both create the tables.

use postgres::Client;

use crate::hq::{HqError, HqResult};

const STEPS: &[&str] = &[include_str!("sql/001_chain.sql")];

/// Any fixed number: the lock only has to be the same for every xsell.
const LOCK: i64 = 0x0078_5365_6c6c_4851;

pub fn latest() -> usize {
    STEPS.len()
}

/// Brings headquarters' schema to this xsell's version, refusing one from a newer xsell.
pub fn migrate(client: &mut Client) -> HqResult<usize> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS hq_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    )?;
    let found: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM hq_schema", &[])?
        .get(0);
    let found = found.max(0) as usize;
    if found > latest() {
        return Err(HqError::TooNew {
            found,
            known: latest(),
        });
    }
    for (i, step) in STEPS.iter().enumerate().skip(found) {
        tx.batch_execute(step)?;
        tx.execute(
            "INSERT INTO hq_schema (version) VALUES ($1)",
            &[&(i as i32 + 1)],
        )?;
    }
    tx.commit()?;
    Ok(latest())
}
