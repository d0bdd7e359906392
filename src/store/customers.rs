//! Customers and what the register shows about them.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::money::Money;
use crate::domain::people::{Customer, CustomerSummary};
use crate::store::{Store, StoreError, StoreResult, Upserted, parse_ts};

/// Customers that an import in progress (or killed) created are not customers yet.
macro_rules! hidden_customers {
    () => {
        "id NOT IN (SELECT customer_id FROM import_customers
                    JOIN import_batches USING (batch) WHERE published = 0)"
    };
}

impl Store {
    pub fn load_customers(&self) -> StoreResult<Vec<Customer>> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT code, name, phone, email, opted_out FROM customers WHERE ",
            hidden_customers!(),
            " ORDER BY id"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(Customer {
                code: r.get(0)?,
                name: r.get(1)?,
                phone: r.get(2)?,
                email: r.get(3)?,
                opted_out: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every customer's code, to check an id without loading the customers.
    pub fn customer_codes(&self) -> StoreResult<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT code FROM customers WHERE ",
            hidden_customers!()
        ))?;
        let codes = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(codes)
    }

    /// The codes of up to `limit` customers with an order on record: who a benchmark of the
    /// recommender asks for, so that each query reads a real history.
    pub fn customers_with_orders(&self, limit: usize) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT DISTINCT c.code FROM customers c JOIN orders o ON o.customer_id = c.id WHERE ",
            crate::store::visible!("o"),
            " LIMIT ?1"
        ))?;
        let codes = stmt
            .query_map([limit as i64], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(codes)
    }

    /// Visits, lifetime spend, last visit and favourite categories, from paid sales.
    pub fn customer_summary(&self, code: &str) -> StoreResult<CustomerSummary> {
        let id: i64 = self
            .conn
            .query_row("SELECT id FROM customers WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("no customer {code}")))?;
        let (visits, spend, last): (i64, i64, Option<String>) = self.conn.query_row(
            concat!(
                "SELECT count(*), coalesce(sum(total_minor), 0), max(completed_at) FROM orders o
             WHERE customer_id = ?1 AND status = 'paid' AND kind = 'sale' AND training = 0 AND ",
                crate::store::visible!("o")
            ),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut stmt = self.conn.prepare_cached(
            concat!(
                "SELECT l.category FROM order_lines l JOIN orders o ON o.id = l.order_id
             WHERE o.customer_id = ?1 AND o.status = 'paid' AND o.kind = 'sale' AND l.category <> '' AND ",
                crate::store::visible!("o"),
                " GROUP BY l.category ORDER BY sum(l.qty) DESC, l.category LIMIT 3"
            ),
        )?;
        let favourite_categories = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(CustomerSummary {
            visits,
            lifetime_spend: Money::from_minor(spend),
            last_visit: last.as_deref().map(parse_ts),
            favourite_categories,
        })
    }

    /// A customer created at the counter; the code is the next free `C` number.
    pub fn create_customer(
        &mut self,
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
        at: &str,
    ) -> StoreResult<Customer> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a customer needs a name".into()));
        }
        self.write(|tx| {
            let next: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM customers", [], |r| {
                    r.get(0)
                })?;
            let mut n = next;
            let code = loop {
                let candidate = format!("C{n:05}");
                let taken: bool = tx.query_row(
                    "SELECT count(*) > 0 FROM customers WHERE code = ?1",
                    [&candidate],
                    |r| r.get(0),
                )?;
                if !taken {
                    break candidate;
                }
                n += 1;
            };
            let customer = Customer {
                code,
                name: name.to_string(),
                phone: phone
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
                email: email
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
                opted_out: false,
            };
            upsert(tx, &customer, at)?;
            Ok(customer)
        })
    }
}

impl Store {
    /// Writes imported customers, all or none; the file's `opted_out` is the customer's
    /// answer now, for a known customer too.
    pub fn import_customers(&mut self, rows: &[Customer], at: &str) -> StoreResult<Upserted> {
        self.upsert_all(rows, |conn, c| {
            let added = upsert(conn, c, at)?;
            conn.execute(
                "UPDATE customers SET opted_out = ?2 WHERE code = ?1",
                params![c.code, c.opted_out],
            )?;
            Ok(added)
        })
    }
}

/// Inserts or updates a customer by code; true when new.
pub fn upsert(conn: &Connection, c: &Customer, at: &str) -> rusqlite::Result<bool> {
    let changed = conn
        .prepare_cached("UPDATE customers SET name = ?2, phone = ?3, email = ?4 WHERE code = ?1")?
        .execute(params![c.code, c.name, c.phone, c.email])?;
    if changed > 0 {
        return Ok(false);
    }
    conn.prepare_cached("INSERT INTO customers (code, name, phone, email, opted_out, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![c.code, c.name, c.phone, c.email, c.opted_out, at])?;
    Ok(true)
}

/// The row id of a customer code, creating a bare record when the code is new
/// (an imported history names customers the shop never registered). Second value: created.
pub fn ensure(conn: &Connection, code: &str, at: &str) -> rusqlite::Result<(i64, bool)> {
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM customers WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?
    {
        return Ok((id, false));
    }
    conn.prepare_cached("INSERT INTO customers (code, name, created_at) VALUES (?1, ?1, ?2)")?
        .execute(params![code, at])?;
    Ok((conn.last_insert_rowid(), true))
}

pub fn id_of(conn: &Connection, code: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM customers WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()
}

/// What `forget_customer` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forgotten {
    /// The opaque code the customer's sales now point at.
    pub new_code: String,
    pub orders_kept: i64,
}

impl Store {
    /// Anonymizes a customer: name, phone and e-mail are gone, the code is replaced by an
    /// opaque one and nothing is offered again. Their orders stay (the shop's totals and the
    /// recommender's baskets do not change); they no longer lead to a person.
    pub fn forget_customer(
        &mut self,
        code: &str,
        entry: impl FnOnce(&str) -> crate::domain::audit::AuditEntry,
    ) -> StoreResult<Forgotten> {
        let code = code.trim();
        let new_code =
            format!("X{}", &uuid::Uuid::new_v4().simple().to_string()[..10]).to_uppercase();
        self.write(|tx| {
            let id = id_of(tx, code)?
                .ok_or_else(|| StoreError::Invalid(format!("no customer {code}")))?;
            tx.execute(
                "UPDATE customers SET code = ?2, name = 'Forgotten customer', phone = NULL, email = NULL, opted_out = 1 WHERE id = ?1",
                params![id, new_code],
            )?;
            // Drafts and held orders name the customer by code in their saved JSON.
            tx.execute(
                "UPDATE orders SET draft = json_set(draft, '$.customer', ?2)
                 WHERE customer_id = ?1 AND draft IS NOT NULL AND json_extract(draft, '$.customer') = ?3",
                params![id, new_code, code],
            )?;
            let orders_kept: i64 = tx.query_row(
                "SELECT count(*) FROM orders WHERE customer_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            crate::store::audit::append(tx, &entry(&new_code))?;
            Ok(Forgotten {
                new_code: new_code.clone(),
                orders_kept,
            })
        })
    }
}
