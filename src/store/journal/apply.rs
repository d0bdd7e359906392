//! Applying another store's journal entries (a kiosk's sales into the shop's store): all of
//! a file in one transaction, each entry once. An entry already here with the same hash is
//! skipped; with another hash it is an error. Every bad line is reported with its number
//! and nothing is applied. A sale of stock this store thinks is gone is applied and flagged.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::journal::body::{FeedbackBody, OfferBody, SaleBody};
use crate::journal::{Entry, Kind};
use crate::store::journal::{hash_of, identity_on, insert};
use crate::store::{Store, StoreError, StoreResult};

/// What applying a file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub already: usize,
    /// (receipt or id, what to look at) for each sale applied with a doubt.
    pub flags: Vec<(String, String)>,
}

/// An entry with the line it came from, for the error messages.
pub struct Numbered {
    pub line: usize,
    pub entry: Entry,
}

impl Store {
    /// Applies `entries` (read from `source`) in one transaction. Errors name every bad
    /// line as `SOURCE:LINE: what is wrong`; then nothing was applied.
    pub fn apply_journal(
        &mut self,
        source: &str,
        entries: &[Numbered],
        at: &str,
    ) -> StoreResult<Applied> {
        self.write(|tx| {
            let me = identity_on(tx)?;
            let mut done = Applied::default();
            let mut bad = Vec::new();
            for n in entries {
                match apply_one(tx, &me.id, &n.entry, at, &mut done) {
                    Ok(()) => {}
                    Err(Problem::Line(msg)) => bad.push(format!("{source}:{}: {msg}", n.line)),
                    Err(Problem::Store(e)) => return Err(e),
                }
            }
            if bad.is_empty() {
                Ok(done)
            } else {
                Err(StoreError::Invalid(format!(
                    "{}\nnothing of {source} was applied",
                    bad.join("\n")
                )))
            }
        })
    }
}

enum Problem {
    Line(String),
    Store(StoreError),
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        Problem::Store(e)
    }
}

impl From<rusqlite::Error> for Problem {
    fn from(e: rusqlite::Error) -> Problem {
        Problem::Store(e.into())
    }
}

fn line<T>(msg: impl Into<String>) -> Result<T, Problem> {
    Err(Problem::Line(msg.into()))
}

fn apply_one(
    tx: &Transaction<'_>,
    me: &str,
    e: &Entry,
    at: &str,
    done: &mut Applied,
) -> Result<(), Problem> {
    match hash_of(tx, &e.id)? {
        Some(h) if h == e.hash => {
            done.already += 1;
            return Ok(());
        }
        Some(_) => {
            return line(format!(
                "entry {} ({}) is already in this store with different content",
                e.id,
                e.kind.as_str()
            ));
        }
        None => {}
    }
    if e.store == me {
        return line(format!(
            "entry {} was made by this store, which does not have it (was the store restored from a backup?)",
            e.id
        ));
    }
    let taken: bool = tx
        .prepare_cached(
            "SELECT 1 FROM journal WHERE store_id = ?1 AND till = ?2 AND till_seq = ?3",
        )?
        .exists(params![e.store, e.till, e.seq])?;
    if taken {
        return line(format!(
            "{} entry {} of that store is already here under another id",
            e.till, e.seq
        ));
    }
    match e.kind {
        Kind::Sale | Kind::Refund => sale(tx, e, at, done)?,
        Kind::Offer => offer(tx, e)?,
        Kind::Feedback => {
            let body: FeedbackBody = parse(e)?;
            tx.execute(
                "UPDATE orders SET feedback = ?2 WHERE id = ?1 AND status = 'paid'",
                params![body.order_id, body.feedback],
            )?;
        }
        // A void and a close of day change nothing here; they travel on to headquarters.
        Kind::Void | Kind::Close => {}
    }
    insert(tx, e, "import")?;
    done.added += 1;
    Ok(())
}

fn parse<T: serde::de::DeserializeOwned>(e: &Entry) -> Result<T, Problem> {
    serde_json::from_value(e.body.clone()).or_else(|err| {
        line(format!(
            "the {} entry {} is incomplete: {err}",
            e.kind.as_str(),
            e.id
        ))
    })
}

fn product(tx: &Transaction<'_>, sku: &str) -> Result<(i64, bool), Problem> {
    tx.prepare_cached("SELECT id, stock_tracked FROM products WHERE sku = ?1")?
        .query_row([sku], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))
        .optional()?
        .map_or_else(|| line(format!("unknown SKU {sku}")), Ok)
}

fn id_by_code(tx: &Transaction<'_>, table: &str, code: Option<&str>) -> StoreResult<Option<i64>> {
    let Some(code) = code else { return Ok(None) };
    Ok(tx
        .prepare_cached(&format!("SELECT id FROM {table} WHERE code = ?1"))?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

fn sale(tx: &Transaction<'_>, e: &Entry, at: &str, done: &mut Applied) -> Result<(), Problem> {
    let b: SaleBody = parse(e)?;
    if b.order_id != e.id {
        return line(format!("entry {} carries order {}", e.id, b.order_id));
    }
    let exists: bool = tx
        .prepare_cached("SELECT 1 FROM orders WHERE id = ?1")?
        .exists([&b.order_id])?;
    if exists {
        return line(format!(
            "order {} ({}) is already in this store",
            b.order_id, b.receipt_no
        ));
    }
    let receipt_taken: bool = tx
        .prepare_cached("SELECT 1 FROM orders WHERE receipt_no = ?1")?
        .exists([&b.receipt_no])?;
    if receipt_taken {
        return line(format!(
            "receipt {} is already used in this store",
            b.receipt_no
        ));
    }
    if let Some(orig) = &b.refund_of {
        let known: bool = tx
            .prepare_cached("SELECT 1 FROM orders WHERE id = ?1")?
            .exists([orig])?;
        if !known {
            return line(format!(
                "refund {} is of a sale this store does not have",
                b.receipt_no
            ));
        }
    }
    if b.lines.is_empty() {
        return line(format!("sale {} has no lines", b.receipt_no));
    }
    let mut products = Vec::with_capacity(b.lines.len());
    for l in &b.lines {
        products.push(product(tx, &l.sku)?);
    }
    let paid: i64 = b.payments.iter().map(|p| p.amount_minor).sum();
    if paid != b.total_minor {
        return line(format!(
            "{}: payments add up to {paid}, the total is {}",
            b.receipt_no, b.total_minor
        ));
    }
    let customer = id_by_code(tx, "customers", b.customer.as_deref())?;
    if b.customer.is_some() && customer.is_none() {
        done.flags.push((
            b.receipt_no.clone(),
            format!(
                "customer {} is not known here",
                b.customer.as_deref().unwrap_or("")
            ),
        ));
        flag(
            tx,
            &e.id,
            &format!(
                "customer {} is not known here",
                b.customer.as_deref().unwrap_or("")
            ),
            at,
        )?;
    }
    let refund = b.refund_of.is_some();
    tx.execute(
        "INSERT INTO orders (id, till, staff_id, customer_id, status, kind, refund_of, receipt_no, started_at, updated_at,
            completed_at, subtotal_minor, discount_minor, tax_minor, total_minor, approved_by, holdout)
         VALUES (?1, ?2, ?3, ?4, 'paid', ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            b.order_id,
            b.till,
            id_by_code(tx, "staff", b.staff.as_deref())?,
            customer,
            if refund { "refund" } else { "sale" },
            b.refund_of,
            b.receipt_no,
            b.started_at,
            b.completed_at,
            b.subtotal_minor,
            b.discount_minor,
            b.tax_minor,
            b.total_minor,
            id_by_code(tx, "staff", b.approved_by.as_deref())?,
            b.holdout,
        ],
    )?;
    for (l, &(product_id, tracked)) in b.lines.iter().zip(&products) {
        tx.prepare_cached(
            "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, category, qty, unit_price_minor,
                list_price_minor, tax_class, discount, discount_minor, net_minor, tax_minor, paid_minor, source, refund_of_line,
                suggestion_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                (SELECT id FROM suggestion_events WHERE uid = ?18))",
        )?
        .execute(params![
            b.order_id, l.line_no, product_id, l.sku, l.name, l.category, l.qty, l.unit_price_minor,
            l.list_price_minor, l.tax_class, l.discount, l.discount_minor, l.net_minor, l.tax_minor,
            l.paid_minor, l.source, l.refund_of_line, l.offer,
        ])?;
        let delta = if refund { l.qty } else { -l.qty };
        // Read after each move: a sale may list one product on two lines.
        let now: i64 = tx.query_row(
            "SELECT stock FROM products WHERE id = ?1",
            [product_id],
            |r| r.get(0),
        )?;
        if !refund && tracked && now < l.qty {
            let why = format!("sold {} of {}, this store had {now}", l.qty, l.sku);
            flag(tx, &e.id, &why, at)?;
            done.flags.push((b.receipt_no.clone(), why));
        }
        tx.prepare_cached("UPDATE products SET stock = stock + ?2 WHERE id = ?1")?
            .execute(params![product_id, delta])?;
        tx.prepare_cached(
            "INSERT INTO stock_moves (product_id, delta, reason, order_id, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![product_id, delta, if refund { "refund" } else { "sale" }, b.order_id, b.completed_at])?;
    }
    for p in &b.payments {
        tx.prepare_cached(
            "INSERT INTO payments (order_id, tender, amount_minor, tendered_minor, reference) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![b.order_id, p.tender, p.amount_minor, p.tendered_minor, p.reference])?;
    }
    for x in &b.bundles {
        tx.prepare_cached(
            "INSERT INTO order_bundles (order_id, bundle_id, name, sets, saving_minor) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![b.order_id, x.bundle_id, x.name, x.sets, x.saving_minor])?;
    }
    // The number is another store's: this store's counter for that prefix only has to be
    // past it, so that `xsell check` sees every issued number accounted for.
    if let Some((prefix, n)) = b
        .receipt_no
        .rsplit_once('-')
        .and_then(|(p, n)| Some((p, n.parse::<i64>().ok()?)))
    {
        tx.prepare_cached(
            "INSERT INTO receipt_counters (prefix, last_no) VALUES (?1, ?2)
             ON CONFLICT (prefix) DO UPDATE SET last_no = max(last_no, excluded.last_no)",
        )?
        .execute(params![prefix, n])?;
    }
    Ok(())
}

/// An offer is applied when its order is here (a voided order never travels), and the
/// lines it became are pointed at it.
fn offer(tx: &Transaction<'_>, e: &Entry) -> Result<(), Problem> {
    let b: OfferBody = parse(e)?;
    if b.uid != e.id {
        return line(format!("entry {} carries offer {}", e.id, b.uid));
    }
    let order_here: bool = tx
        .prepare_cached("SELECT 1 FROM orders WHERE id = ?1")?
        .exists([&b.order_id])?;
    if !order_here {
        return Ok(());
    }
    let (product_id, _) = product(tx, &b.sku)?;
    tx.prepare_cached(
        "INSERT INTO suggestion_events (order_id, till, staff_id, customer_id, product_id, sku, category,
            kind, source, rule, trigger, score, price_minor, difference_minor, saving_minor,
            shown_at, outcome, answered_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
         ON CONFLICT (uid) DO NOTHING",
    )?
    .execute(params![
        b.order_id,
        b.till,
        id_by_code(tx, "staff", b.staff.as_deref())?,
        id_by_code(tx, "customers", b.customer.as_deref())?,
        product_id,
        b.sku,
        b.category,
        b.kind,
        b.source,
        b.rule,
        b.trigger,
        b.score,
        b.price_minor,
        b.difference_minor,
        b.saving_minor,
        b.shown_at,
        b.outcome,
        b.answered_at,
        b.uid,
    ])
    .map_err(|err| Problem::Line(format!("offer {} cannot be applied: {err}", b.uid)))?;
    tx.prepare_cached(
        "UPDATE order_lines SET suggestion_id = (SELECT id FROM suggestion_events WHERE uid = ?2), source = 'suggestion'
         WHERE order_id = ?1 AND line_no IN (
            SELECT json_extract(l.value, '$.line_no') FROM journal j, json_each(j.body, '$.lines') l
            WHERE j.id = ?1 AND json_extract(l.value, '$.offer') = ?2)",
    )?
    .execute(params![b.order_id, b.uid])?;
    Ok(())
}

fn flag(tx: &Transaction<'_>, entry_id: &str, reason: &str, at: &str) -> StoreResult<()> {
    // The flag points at the entry, which is inserted after its effects: defer the check.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    tx.prepare_cached("INSERT INTO journal_flags (entry_id, reason, at) VALUES (?1, ?2, ?3)")?
        .execute(params![entry_id, reason, at])?;
    Ok(())
}
