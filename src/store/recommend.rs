//! Curated complements, bundles and mined rules in and out of the store.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::bundle::{Bundle, Deal};
use crate::domain::money::Money;
use crate::domain::target::{Target, TimeWindow};
use crate::recommend::curated::Complement;
use crate::store::{Store, StoreResult, Upserted};

impl Store {
    pub fn load_complements(&self) -> StoreResult<Vec<Complement>> {
        let mut stmt = self.conn.prepare(
            "SELECT from_target, to_target, reason, script, weight, starts, ends, days, hour_from, hour_to
             FROM complements WHERE active = 1 ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let date =
                |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
            let hours = match (r.get::<_, Option<u8>>(8)?, r.get::<_, Option<u8>>(9)?) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => None,
            };
            Ok(Complement {
                from: target(&r.get::<_, String>(0)?),
                to: target(&r.get::<_, String>(1)?),
                reason: r.get(2)?,
                script: r.get(3)?,
                weight: r.get(4)?,
                window: TimeWindow {
                    starts: date(r.get(5)?),
                    ends: date(r.get(6)?),
                    days: r.get(7)?,
                    hours,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Writes imported pairings, all or none.
    pub fn import_complements(&mut self, rows: &[Complement]) -> StoreResult<Upserted> {
        self.upsert_all(rows, upsert_complement)
    }

    /// Writes imported bundles, all or none.
    pub fn import_bundles(&mut self, rows: &[Bundle]) -> StoreResult<Upserted> {
        self.upsert_all(rows, upsert_bundle)
    }

    pub fn load_bundles(&self) -> StoreResult<Vec<Bundle>> {
        bundles_on(&self.conn)
    }
}

/// The active bundles, read on any connection (a transaction too).
pub(crate) fn bundles_on(conn: &Connection) -> StoreResult<Vec<Bundle>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, price_minor, discount_minor FROM bundles WHERE active = 1 ORDER BY id",
    )?;
    let heads = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut items =
        conn.prepare("SELECT target FROM bundle_items WHERE bundle_id = ?1 ORDER BY position")?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, name, price, discount) in heads {
        let targets = items
            .query_map([&id], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let deal = match (price, discount) {
            (Some(p), _) => Deal::Price(Money::from_minor(p)),
            (None, d) => Deal::Discount(Money::from_minor(d.unwrap_or(0))),
        };
        out.push(Bundle {
            id,
            name,
            items: targets.iter().map(|t| target(t)).collect(),
            deal,
        });
    }
    Ok(out)
}

/// Targets are validated on import; a stored one always parses.
fn target(text: &str) -> Target {
    Target::parse(text).unwrap_or_else(|_| Target::Sku(text.to_string()))
}

pub fn upsert_complement(conn: &Connection, c: &Complement) -> rusqlite::Result<bool> {
    let fmt = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let window_key = c.window.key();
    let existed: bool = conn.query_row(
        "SELECT count(*) > 0 FROM complements WHERE from_target = ?1 AND to_target = ?2 AND window_key = ?3",
        params![c.from.to_string(), c.to.to_string(), window_key],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO complements (from_target, to_target, reason, script, weight, starts, ends, days, hour_from, hour_to, window_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (from_target, to_target, window_key) DO UPDATE SET reason = excluded.reason, script = excluded.script,
            weight = excluded.weight, starts = excluded.starts, ends = excluded.ends, days = excluded.days,
            hour_from = excluded.hour_from, hour_to = excluded.hour_to, active = 1",
        params![
            c.from.to_string(),
            c.to.to_string(),
            c.reason,
            c.script,
            c.weight,
            fmt(c.window.starts),
            fmt(c.window.ends),
            c.window.days,
            c.window.hours.map(|h| h.0),
            c.window.hours.map(|h| h.1),
            window_key
        ],
    )?;
    Ok(!existed)
}

pub fn upsert_bundle(conn: &Connection, b: &Bundle) -> rusqlite::Result<bool> {
    let (price, discount) = match b.deal {
        Deal::Price(p) => (Some(p.minor()), None),
        Deal::Discount(d) => (None, Some(d.minor())),
    };
    let existed: bool = conn.query_row(
        "SELECT count(*) > 0 FROM bundles WHERE id = ?1",
        [&b.id],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO bundles (id, name, price_minor, discount_minor) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, price_minor = excluded.price_minor,
            discount_minor = excluded.discount_minor, active = 1",
        params![b.id, b.name, price, discount],
    )?;
    conn.execute("DELETE FROM bundle_items WHERE bundle_id = ?1", [&b.id])?;
    for (i, t) in b.items.iter().enumerate() {
        conn.execute(
            "INSERT INTO bundle_items (bundle_id, position, target) VALUES (?1, ?2, ?3)",
            params![b.id, i as i64, t.to_string()],
        )?;
    }
    Ok(!existed)
}
