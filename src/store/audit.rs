//! The audit trail: append-only (triggers refuse UPDATE and DELETE), written in the same
//! transaction as what it records where there is one, and read back for `xsell audit`.

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

use crate::domain::audit::AuditEntry;
use crate::store::{Store, StoreResult, parse_ts, ts};

pub use crate::domain::audit::AuditRow;

pub(crate) fn append(conn: &Connection, e: &AuditEntry) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, till, staff_id, action, detail, approved_by, order_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        ts(e.at),
        e.till,
        e.staff_id,
        e.action,
        e.detail,
        e.approved_by,
        e.order_id
    ])?;
    Ok(())
}

impl Store {
    pub fn audit(&mut self, entry: &AuditEntry) -> StoreResult<()> {
        self.write(|tx| append(tx, entry))
    }

    /// The trail between two times (inclusive, either open), oldest first. A line about an
    /// order names it as a person can look it up: by its receipt number, or as an order
    /// that never got one.
    pub fn audit_rows(
        &self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    ) -> StoreResult<Vec<AuditRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.at, a.till, s.code || ' ' || s.name, a.action, coalesce(a.detail, ''),
                    m.code || ' ' || m.name, o.receipt_no, o.status
             FROM audit_log a
             LEFT JOIN staff s ON s.id = a.staff_id
             LEFT JOIN staff m ON m.id = a.approved_by
             LEFT JOIN orders o ON o.id = a.order_id
             WHERE (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.at <= ?2)
             ORDER BY a.at, a.id",
        )?;
        let rows = stmt.query_map(params![from.map(ts), to.map(ts)], |r| {
            let action: String = r.get(4)?;
            let detail: String = r.get(5)?;
            let receipt: Option<String> = r.get(7)?;
            let status: Option<String> = r.get(8)?;
            Ok(AuditRow {
                id: r.get(0)?,
                at: parse_ts(&r.get::<_, String>(1)?),
                till: r.get(2)?,
                staff: r.get(3)?,
                detail: about_order(&action, detail, receipt, status.as_deref()),
                action,
                approved_by: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The detail of a line about an order, with the order named the way staff know it.
fn about_order(
    action: &str,
    detail: String,
    receipt: Option<String>,
    status: Option<&str>,
) -> String {
    match (receipt, status) {
        (Some(no), _) if detail.contains(&no) => detail,
        (Some(no), _) => format!("receipt {no}: {detail}"),
        (None, Some("voided")) if action == "void order" => detail,
        (None, Some("voided")) => format!("order later voided: {detail}"),
        (None, Some(_)) => format!("order not yet paid: {detail}"),
        (None, None) => detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::Role;

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 5, 4)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_trail_cannot_be_rewritten_or_deleted() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .audit(&AuditEntry::new(
                at(9),
                "T1",
                None,
                "sign-in failed",
                "wrong PIN",
            ))
            .unwrap();
        for sql in [
            "UPDATE audit_log SET detail = 'nothing happened'",
            "DELETE FROM audit_log",
        ] {
            let err = store.conn().execute(sql, []).unwrap_err();
            assert!(err.to_string().contains("append-only"), "{err}");
        }
        assert_eq!(store.audit_rows(None, None).unwrap().len(), 1);
    }

    #[test]
    fn rows_name_people_and_filter_by_time() {
        let mut store = Store::open_in_memory().unwrap();
        let ana = store
            .upsert_staff("S2", "Ana", Role::Cashier, "1357")
            .unwrap();
        let dana = store
            .upsert_staff("S1", "Dana", Role::Manager, "4826")
            .unwrap();
        for h in [9, 11, 13] {
            store
                .audit(
                    &AuditEntry::new(at(h), "T1", Some(ana), "void order", format!("at {h}"))
                        .approved_by(Some(dana)),
                )
                .unwrap();
        }
        let rows = store.audit_rows(Some(at(10)), Some(at(13))).unwrap();
        let details: Vec<_> = rows.iter().map(|r| r.detail.as_str()).collect();
        assert_eq!(details, ["at 11", "at 13"]);
        assert_eq!(rows[0].staff.as_deref(), Some("S2 Ana"));
        assert_eq!(rows[0].approved_by.as_deref(), Some("S1 Dana"));
    }
}
