//! Orders from draft to paid: drafts saved on every change, held and recalled, voided,
//! completed in one transaction with receipt number, lines, payments and stock; refunds.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::cart::LineOrigin;
use crate::domain::money::Money;
use crate::domain::order::{Committed, HeldOrder, OrderDraft, PastLine, PastOrder, Refund};
use crate::domain::pricing::{TaxRates, Totals, price_with_bundles};
use crate::domain::tender::{Payment, TenderKind};
use crate::store::{Store, StoreError, StoreResult, customers, offer_log, parse_ts, ts};

fn draft_json(draft: &OrderDraft) -> String {
    serde_json::to_string(draft).expect("a draft serializes")
}

pub(crate) fn parse_draft(text: &str) -> StoreResult<OrderDraft> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Invalid(format!("a saved order is damaged: {e}")))
}

pub(crate) fn customer_id(tx: &Transaction<'_>, draft: &OrderDraft) -> StoreResult<Option<i64>> {
    match &draft.customer {
        None => Ok(None),
        Some(code) => customers::id_of(tx, code)?
            .map(Some)
            .ok_or_else(|| StoreError::Invalid(format!("no customer {code}"))),
    }
}

/// `Till 1` → `TILL1`: receipt numbers read well and survive a till being renamed in case only.
pub fn receipt_prefix(till: &str) -> String {
    let p: String = till
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if p.is_empty() { "TILL".into() } else { p }
}

fn next_receipt_no(tx: &Transaction<'_>, till: &str) -> StoreResult<String> {
    let prefix = crate::store::receipts::chain_prefix(tx, &receipt_prefix(till))?;
    let n: i64 = tx.query_row(
        "INSERT INTO receipt_counters (prefix, last_no) VALUES (?1, 1)
         ON CONFLICT (prefix) DO UPDATE SET last_no = last_no + 1 RETURNING last_no",
        [&prefix],
        |r| r.get(0),
    )?;
    Ok(format!("{prefix}-{n:06}"))
}

/// Saves `draft` with `status` as of `at` (the caller's time: for a held order, when it
/// was held).
pub(crate) fn upsert_draft(
    tx: &Transaction<'_>,
    draft: &OrderDraft,
    status: &str,
    at: chrono::NaiveDateTime,
) -> StoreResult<()> {
    let customer = customer_id(tx, draft)?;
    let changed = tx.execute(
        "INSERT INTO orders (id, till, staff_id, customer_id, status, draft, started_at, updated_at, holdout)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET till = excluded.till, staff_id = excluded.staff_id,
            customer_id = excluded.customer_id, status = excluded.status, draft = excluded.draft,
            updated_at = excluded.updated_at, holdout = excluded.holdout
         WHERE orders.status IN ('draft', 'held')",
        params![draft.id, draft.till, draft.staff_id, customer, status, draft_json(draft), ts(draft.started_at), ts(at), draft.holdout],
    )?;
    if changed == 0 {
        return Err(StoreError::Invalid(
            "this order is already completed or voided".into(),
        ));
    }
    Ok(())
}

impl Store {
    pub fn save_draft(&mut self, draft: &OrderDraft, at: chrono::NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| upsert_draft(tx, draft, "draft", at))
    }

    pub fn open_draft(&self, till: &str) -> StoreResult<Option<OrderDraft>> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT draft FROM orders WHERE till = ?1 AND status = 'draft' ORDER BY updated_at DESC, started_at DESC, id LIMIT 1",
                [till],
                |r| r.get(0),
            )
            .optional()?;
        text.as_deref().map(parse_draft).transpose()
    }

    /// The order on screen became empty. An order with offers on record keeps its row,
    /// saved empty, since the till carries on with it (closing it here while the till goes
    /// on adding to it once made a sale that could be neither paid nor voided).
    pub fn discard_draft(
        &mut self,
        draft: &OrderDraft,
        at: chrono::NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            if offer_log::has_offers(tx, &draft.id)? {
                upsert_draft(tx, draft, "draft", at)
            } else {
                tx.execute(
                    "DELETE FROM orders WHERE id = ?1 AND status = 'draft'",
                    [&draft.id],
                )?;
                Ok(())
            }
        })
    }

    /// An empty draft the till leaves behind: forgotten, or voided ("emptied") when offers
    /// on record point at it.
    pub fn abandon_draft(&mut self, order_id: &str, at: chrono::NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| {
            if offer_log::has_offers(tx, order_id)? {
                // The offers made on it stay on record, with the order they were made on.
                let changed = tx.execute(
                    "UPDATE orders SET status = 'voided', void_reason = 'emptied', draft = NULL, completed_at = ?2 WHERE id = ?1 AND status = 'draft'",
                    params![order_id, ts(at)],
                )?;
                if changed > 0 {
                    offer_log::close_open(tx, order_id, &ts(at))?;
                    crate::store::journal::record::void(tx, order_id)?;
                }
            } else {
                tx.execute(
                    "DELETE FROM orders WHERE id = ?1 AND status = 'draft'",
                    [order_id],
                )?;
            }
            Ok(())
        })
    }

    /// Parks `draft`; `at` is when it was held, which the list of held orders shows.
    pub fn hold(&mut self, draft: &OrderDraft, at: chrono::NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| upsert_draft(tx, draft, "held", at))
    }

    pub fn held_orders(&self, till: &str, rates: &TaxRates) -> StoreResult<Vec<HeldOrder>> {
        let mut stmt = self.conn.prepare(
            "SELECT o.draft, c.name, o.updated_at FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
             WHERE o.till = ?1 AND o.status = 'held' ORDER BY o.updated_at",
        )?;
        let rows = stmt.query_map([till], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let bundles = self.load_bundles()?;
        let mut out = Vec::new();
        for row in rows {
            let (text, customer_name, at) = row?;
            let draft = parse_draft(&text)?;
            out.push(HeldOrder {
                id: draft.id.clone(),
                customer_name,
                items: draft.cart.item_count(),
                total: price_with_bundles(&draft.cart, rates, &bundles).total,
                held_at: parse_ts(&at),
            });
        }
        Ok(out)
    }

    pub fn recall(
        &mut self,
        order_id: &str,
        till: &str,
        at: chrono::NaiveDateTime,
    ) -> StoreResult<OrderDraft> {
        self.write(|tx| {
            let text: String = tx
                .query_row(
                    "SELECT draft FROM orders WHERE id = ?1 AND status = 'held'",
                    [order_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound("that order is no longer held".into()))?;
            let mut draft = parse_draft(&text)?;
            draft.till = till.to_string();
            upsert_draft(tx, &draft, "draft", at)?;
            Ok(draft)
        })
    }

    pub fn void(
        &mut self,
        draft: &OrderDraft,
        reason: &str,
        approved_by: Option<i64>,
        at: chrono::NaiveDateTime,
    ) -> StoreResult<()> {
        // The audit line says what was voided as a person reads it: an unpaid order has no
        // receipt number, so its size and value stand for it.
        let totals = price_with_bundles(&draft.cart, &self.settings()?.tax, &self.load_bundles()?);
        self.write(|tx| {
            upsert_draft(tx, draft, "draft", at)?;
            tx.execute(
                "UPDATE orders SET status = 'voided', void_reason = ?2, approved_by = ?3, completed_at = ?4 WHERE id = ?1",
                params![draft.id, reason, approved_by, ts(at)],
            )?;
            let paid: Money = draft.tender.as_ref().map_or(Money::ZERO, |t| t.paid());
            let items = draft.cart.item_count();
            let mut detail = format!(
                "{items} item{} of {} ({reason})",
                if items == 1 { "" } else { "s" },
                totals.total
            );
            if paid > Money::ZERO {
                detail.push_str(&format!("; {paid} had been paid"));
            }
            audit(tx, at, &draft.till, Some(draft.staff_id), "void order", &detail, approved_by, Some(&draft.id))?;
            offer_log::close_open(tx, &draft.id, &ts(at))?;
            crate::store::journal::record::void(tx, &draft.id)?;
            Ok(())
        })
    }

    /// Commits a paid sale: the order, its lines with their share of discounts and tax, the
    /// payments, the stock, and the receipt number, all or nothing. The store prices the
    /// lines itself (with the shop's bundles).
    pub fn complete_sale(
        &mut self,
        draft: &OrderDraft,
        rates: &TaxRates,
        at: chrono::NaiveDateTime,
    ) -> StoreResult<Committed> {
        self.commit_sale(draft, None, rates, at)
    }

    /// `complete_sale` for a sale the register priced: the store's own pricing of the lines
    /// must give exactly `shown` (what the customer saw and paid), or nothing is written.
    pub fn complete_priced_sale(
        &mut self,
        draft: &OrderDraft,
        shown: &Totals,
        rates: &TaxRates,
        at: chrono::NaiveDateTime,
    ) -> StoreResult<Committed> {
        self.commit_sale(draft, Some(shown), rates, at)
    }

    fn commit_sale(
        &mut self,
        draft: &OrderDraft,
        shown: Option<&Totals>,
        rates: &TaxRates,
        at: chrono::NaiveDateTime,
    ) -> StoreResult<Committed> {
        // The same bundles the register priced with: a complete bundle is part of the price.
        let bundles = self.load_bundles()?;
        let totals = price_with_bundles(&draft.cart, rates, &bundles);
        if let Some(shown) = shown
            && *shown != totals
        {
            return Err(StoreError::Invalid(totals_mismatch(shown, &totals)));
        }
        if draft.cart.is_empty() {
            return Err(StoreError::Invalid("an empty order cannot be sold".into()));
        }
        let payments = draft
            .tender
            .as_ref()
            .map(|t| t.payments().to_vec())
            .unwrap_or_default();
        let paid: Money = payments.iter().map(|p| p.amount).sum();
        if paid != totals.total {
            return Err(StoreError::Invalid(format!(
                "paid {paid} of {}: the sale is not settled",
                totals.total
            )));
        }
        self.write(|tx| {
            upsert_draft(tx, draft, "draft", at)?;
            offer_log::record_remembered(tx, draft)?;
            let receipt_no = next_receipt_no(tx, &draft.till)?;
            tx.execute(
                "UPDATE orders SET status = 'paid', receipt_no = ?2, completed_at = ?3, draft = NULL,
                    subtotal_minor = ?4, discount_minor = ?5, tax_minor = ?6, total_minor = ?7
                 WHERE id = ?1",
                params![
                    draft.id,
                    receipt_no,
                    ts(at),
                    totals.subtotal.minor(),
                    totals.discounts.minor(),
                    totals.tax.minor(),
                    totals.total.minor()
                ],
            )?;
            for (i, (line, t)) in draft.cart.lines().iter().zip(&totals.lines).enumerate() {
                let product_id: i64 = tx
                    .query_row("SELECT id FROM products WHERE sku = ?1", [&line.sku], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| StoreError::Invalid(format!("{} is no longer in the catalog", line.sku)))?;
                let (source, suggestion) = match line.origin {
                    LineOrigin::Manual => ("manual", None),
                    LineOrigin::Suggestion(offer) => (
                        "suggestion",
                        Some(offer_log::event_of(tx, offer)?.ok_or_else(|| {
                            StoreError::Invalid(format!("the offer behind {} is not on record", line.sku))
                        })?),
                    ),
                };
                let paid_line = if rates.inclusive { t.net } else { t.net + t.tax };
                tx.prepare_cached(
                    "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, category, qty, unit_price_minor,
                        list_price_minor, tax_class, discount, discount_minor, net_minor, tax_minor, paid_minor, source, suggestion_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                )?
                .execute(params![
                    draft.id,
                    i as i64 + 1,
                    product_id,
                    line.sku,
                    line.name,
                    line.category,
                    line.qty,
                    line.unit_price.minor(),
                    line.list_price.minor(),
                    line.tax_class,
                    line.discount.map(|d| serde_json::to_string(&d).expect("discount serializes")),
                    (t.line_discount + t.bundle_discount + t.order_discount).minor(),
                    t.net.minor(),
                    t.tax.minor(),
                    paid_line.minor(),
                    source,
                    suggestion,
                ])?;
                move_stock(tx, product_id, -line.qty, "sale", &draft.id, at)?;
            }
            insert_payments(tx, &draft.id, &payments)?;
            for b in crate::domain::bundle::applied(&draft.cart, &bundles) {
                tx.prepare_cached(
                    "INSERT INTO order_bundles (order_id, bundle_id, name, sets, saving_minor) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![draft.id, b.id, b.name, b.sets, b.saving.minor()])?;
            }
            offer_log::settle(tx, &draft.id, at)?;
            crate::store::journal::record::sale(tx, &draft.id)?;
            crate::store::journal::record::offers(tx, &draft.id)?;
            Ok(Committed { order_id: draft.id.clone(), receipt_no })
        })
    }

    pub fn find_receipt(&self, receipt_no: &str) -> StoreResult<Option<PastOrder>> {
        let head: Option<(String, String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT o.id, o.receipt_no, o.completed_at, c.code FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
                 WHERE o.receipt_no = ?1 AND o.kind = 'sale' AND o.status = 'paid'",
                [receipt_no.trim().to_uppercase()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((order_id, receipt_no, paid_at, customer)) = head else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT l.line_no, l.sku, l.name, l.qty, l.paid_minor, l.tax_minor,
                coalesce((SELECT sum(r.qty) FROM order_lines r JOIN orders ro ON ro.id = r.order_id
                          WHERE ro.refund_of = l.order_id AND r.refund_of_line = l.line_no), 0)
             FROM order_lines l WHERE l.order_id = ?1 ORDER BY l.line_no",
        )?;
        let lines = stmt
            .query_map([&order_id], |r| {
                Ok(PastLine {
                    line_no: r.get(0)?,
                    sku: r.get(1)?,
                    name: r.get(2)?,
                    qty: r.get(3)?,
                    paid: Money::from_minor(r.get(4)?),
                    tax: Money::from_minor(r.get(5)?),
                    returned: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare("SELECT tender, amount_minor, tendered_minor, reference FROM payments WHERE order_id = ?1 ORDER BY id")?;
        let payments = stmt
            .query_map([&order_id], |r| {
                let kind: String = r.get(0)?;
                Ok(Payment {
                    kind: TenderKind::parse(&kind).unwrap_or(TenderKind::Cash),
                    amount: Money::from_minor(r.get(1)?),
                    tendered: Money::from_minor(r.get(2)?),
                    reference: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT p.tender, -sum(p.amount_minor) FROM payments p JOIN orders r ON r.id = p.order_id
             WHERE r.refund_of = ?1 GROUP BY p.tender ORDER BY p.tender",
        )?;
        let refunded = stmt
            .query_map([&order_id], |r| {
                let kind: String = r.get(0)?;
                Ok((
                    TenderKind::parse(&kind).unwrap_or(TenderKind::Cash),
                    Money::from_minor(r.get(1)?),
                ))
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(PastOrder {
            order_id,
            receipt_no,
            paid_at: parse_ts(&paid_at),
            customer,
            lines,
            payments,
            refunded,
        }))
    }

    /// Commits a refund: a refund order pointing at the sale, its lines, a negative payment,
    /// stock back on the shelf, and an audit entry naming the approving manager.
    pub fn refund(&mut self, refund: &Refund) -> StoreResult<Committed> {
        let receipt: Option<String> = self
            .conn
            .query_row(
                "SELECT receipt_no FROM orders WHERE id = ?1",
                [&refund.original_order_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let past = receipt
            .as_deref()
            .map(|no| self.find_receipt(no))
            .transpose()?
            .flatten()
            .ok_or_else(|| StoreError::NotFound("no paid sale to refund".into()))?;
        let mut amounts = Vec::new();
        for &(line_no, qty) in &refund.lines {
            let line = past
                .lines
                .iter()
                .find(|l| l.line_no == line_no)
                .ok_or_else(|| StoreError::Invalid(format!("no line {line_no}")))?;
            if qty < 1 || qty > line.qty - line.returned {
                return Err(StoreError::Invalid(format!(
                    "{}: {} of {} can still be returned",
                    line.name,
                    line.qty - line.returned,
                    line.qty
                )));
            }
            amounts.push((line.clone(), qty, line.refund_for(qty), line.tax_for(qty)));
        }
        if amounts.is_empty() {
            return Err(StoreError::Invalid(
                "choose at least one line to return".into(),
            ));
        }
        let total: Money = amounts.iter().map(|a| a.2).sum();
        let tax: Money = amounts.iter().map(|a| a.3).sum();
        let split = past.refund_split(total, refund.tender);
        let id = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            let receipt_no = next_receipt_no(tx, &refund.till)?;
            tx.execute(
                "INSERT INTO orders (id, till, staff_id, customer_id, status, kind, refund_of, receipt_no, started_at, updated_at,
                    completed_at, subtotal_minor, discount_minor, tax_minor, total_minor, approved_by)
                 SELECT ?1, ?2, ?3, customer_id, 'paid', 'refund', id, ?4, ?5, ?5, ?5, ?6, 0, ?9, ?10, ?7 FROM orders WHERE id = ?8",
                params![id, refund.till, refund.staff_id, receipt_no, ts(refund.at), -(total - tax).minor(), refund.approved_by, refund.original_order_id, -tax.minor(), -total.minor()],
            )?;
            for (i, (line, qty, amount, line_tax)) in amounts.iter().enumerate() {
                tx.execute(
                    "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, category, qty, unit_price_minor, list_price_minor,
                        tax_class, net_minor, tax_minor, paid_minor, source, refund_of_line)
                     SELECT ?1, ?2, product_id, sku, name, category, ?3, unit_price_minor, list_price_minor, tax_class, ?7, ?8, ?4, 'refund', line_no
                     FROM order_lines WHERE order_id = ?5 AND line_no = ?6",
                    params![id, i as i64 + 1, qty, -amount.minor(), refund.original_order_id, line.line_no,
                        -(*amount - *line_tax).minor(), -line_tax.minor()],
                )?;
                let product_id: i64 = tx.query_row(
                    "SELECT product_id FROM order_lines WHERE order_id = ?1 AND line_no = ?2",
                    params![refund.original_order_id, line.line_no],
                    |r| r.get(0),
                )?;
                move_stock(tx, product_id, *qty, "refund", &id, refund.at)?;
            }
            let payments: Vec<Payment> = split
                .iter()
                .map(|&(kind, amount)| Payment { kind, amount: -amount, tendered: -amount, reference: None })
                .collect();
            insert_payments(tx, &id, &payments)?;
            let to = split
                .iter()
                .map(|(kind, amount)| format!("{amount} to {}", kind.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            audit(
                tx,
                refund.at,
                &refund.till,
                Some(refund.staff_id),
                "refund",
                &format!("{receipt_no} refunds {} ({total}: {to})", past.receipt_no),
                Some(refund.approved_by),
                Some(&id),
            )?;
            crate::store::journal::record::sale(tx, &id)?;
            Ok(Committed { order_id: id.clone(), receipt_no })
        })
    }
}

/// Why a sale priced by the register is refused: the figures on both sides, so that a till
/// whose prices or bundles went stale is found.
pub fn totals_mismatch(shown: &Totals, priced: &Totals) -> String {
    format!(
        "the till priced this sale at {} (tax {}), the shop's prices give {} (tax {}): nothing was saved; start the register again to load the current prices",
        shown.total, shown.tax, priced.total, priced.tax
    )
}

fn move_stock(
    tx: &Transaction<'_>,
    product_id: i64,
    delta: i64,
    reason: &str,
    order_id: &str,
    at: chrono::NaiveDateTime,
) -> StoreResult<()> {
    tx.prepare_cached("UPDATE products SET stock = stock + ?2 WHERE id = ?1")?
        .execute(params![product_id, delta])?;
    tx.prepare_cached("INSERT INTO stock_moves (product_id, delta, reason, order_id, at) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![product_id, delta, reason, order_id, ts(at)])?;
    Ok(())
}

fn insert_payments(tx: &Transaction<'_>, order_id: &str, payments: &[Payment]) -> StoreResult<()> {
    for p in payments {
        tx.prepare_cached("INSERT INTO payments (order_id, tender, amount_minor, tendered_minor, reference) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![order_id, p.kind.as_str(), p.amount.minor(), p.tendered.minor(), p.reference])?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn audit(
    tx: &Transaction<'_>,
    at: chrono::NaiveDateTime,
    till: &str,
    staff_id: Option<i64>,
    action: &str,
    detail: &str,
    approved_by: Option<i64>,
    order_id: Option<&str>,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit_log (at, till, staff_id, action, detail, approved_by, order_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ts(at), till, staff_id, action, detail, approved_by, order_id],
    )?;
    Ok(())
}
