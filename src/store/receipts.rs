//! Receipts rebuilt from what a sale or refund wrote: the order, its lines, payments and
//! bundles. A receipt file that could not be written (a full disk, a clash) is never lost:
//! `xsell receipt NO` prints it again from here, to the cent.

use rusqlite::{OptionalExtension, params};

use crate::domain::bundle::AppliedBundle;
use crate::domain::cart::{Discount, Line, LineOrigin};
use crate::domain::money::Money;
use crate::domain::pricing::{LineTotal, Totals};
use crate::domain::receipt::{ReceiptRecord, RefundItem, refund_lines};
use crate::domain::tender::{Payment, TenderKind};
use crate::store::{Store, StoreError, StoreResult, parse_ts};

struct Head {
    id: String,
    till: String,
    staff: String,
    number: String,
    at: String,
    refund_of: Option<String>,
    subtotal: i64,
    discounts: i64,
    tax: i64,
    total: i64,
}

impl Store {
    /// The receipt with this number (any case), as it was printed; `None` if no completed
    /// sale or refund has it.
    pub fn receipt_record(&self, receipt_no: &str) -> StoreResult<Option<ReceiptRecord>> {
        let head = self
            .conn
            .query_row(
                "SELECT o.id, o.till, coalesce(s.name, ''), o.receipt_no, o.completed_at,
                        CASE WHEN o.kind = 'refund' THEN coalesce(orig.receipt_no, '') END,
                        coalesce(o.subtotal_minor, 0), coalesce(o.discount_minor, 0),
                        coalesce(o.tax_minor, 0), coalesce(o.total_minor, 0)
                 FROM orders o
                 LEFT JOIN staff s ON s.id = o.staff_id
                 LEFT JOIN orders orig ON orig.id = o.refund_of
                 WHERE o.receipt_no = ?1 AND o.status IN ('paid', 'refunded')",
                [receipt_no.trim().to_uppercase()],
                |r| {
                    Ok(Head {
                        id: r.get(0)?,
                        till: r.get(1)?,
                        staff: r.get(2)?,
                        number: r.get(3)?,
                        at: r.get(4)?,
                        refund_of: r.get(5)?,
                        subtotal: r.get(6)?,
                        discounts: r.get(7)?,
                        tax: r.get(8)?,
                        total: r.get(9)?,
                    })
                },
            )
            .optional()?;
        let Some(head) = head else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT sku, name, category, qty, unit_price_minor, list_price_minor, tax_class, discount,
                    discount_minor, net_minor, tax_minor, paid_minor
             FROM order_lines WHERE order_id = ?1 ORDER BY line_no",
        )?;
        let rows = stmt
            .query_map([&head.id], |r| {
                Ok((
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                    ),
                    (r.get::<_, i64>(4)?, r.get::<_, i64>(5)?),
                    (r.get::<_, String>(6)?, r.get::<_, Option<String>>(7)?),
                    (
                        r.get::<_, i64>(8)?,
                        r.get::<_, i64>(9)?,
                        r.get::<_, i64>(10)?,
                        r.get::<_, i64>(11)?,
                    ),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let refund = head.refund_of.is_some();
        let (lines, totals) = if refund {
            let items: Vec<RefundItem> = rows
                .into_iter()
                .map(
                    |((sku, name, category, qty), _, (tax_class, _), (_, _, tax, paid))| {
                        RefundItem {
                            sku,
                            name,
                            category,
                            tax_class,
                            qty,
                            amount: Money::from_minor(-paid),
                            tax: Money::from_minor(-tax),
                        }
                    },
                )
                .collect();
            refund_lines(&items)
        } else {
            let mut lines = Vec::new();
            let mut line_totals = Vec::new();
            for (
                (sku, name, category, qty),
                (unit, list),
                (tax_class, discount),
                (all, net, tax, _),
            ) in rows
            {
                let discount: Option<Discount> = discount
                    .map(|d| serde_json::from_str(&d))
                    .transpose()
                    .map_err(|e| {
                        StoreError::Invalid(format!("a stored discount is damaged: {e}"))
                    })?;
                let gross = Money::from_minor(unit * qty);
                let line_discount = discount.map_or(Money::ZERO, |d| d.of(gross));
                line_totals.push(LineTotal {
                    gross,
                    line_discount,
                    bundle_discount: Money::ZERO,
                    // Bundle and order discounts are printed as totals, not per line.
                    order_discount: Money::from_minor(all) - line_discount,
                    net: Money::from_minor(net),
                    tax: Money::from_minor(tax),
                });
                lines.push(Line {
                    sku,
                    name,
                    category,
                    qty,
                    unit_price: Money::from_minor(unit),
                    list_price: Money::from_minor(list),
                    tax_class,
                    discount,
                    origin: LineOrigin::Manual,
                });
            }
            let bundles = self.order_bundles(&head.id)?;
            let totals = Totals {
                lines: line_totals,
                subtotal: Money::from_minor(head.subtotal),
                discounts: Money::from_minor(head.discounts),
                bundle_savings: bundles.iter().map(|b| b.saving).sum(),
                tax: Money::from_minor(head.tax),
                total: Money::from_minor(head.total),
            };
            (lines, totals)
        };
        let sign = if refund { -1 } else { 1 };
        let mut stmt = self.conn.prepare(
            "SELECT tender, amount_minor, tendered_minor, reference FROM payments WHERE order_id = ?1 ORDER BY id",
        )?;
        let payments = stmt
            .query_map([&head.id], |r| {
                let kind: String = r.get(0)?;
                Ok(Payment {
                    kind: TenderKind::parse(&kind).unwrap_or(TenderKind::Cash),
                    amount: Money::from_minor(sign * r.get::<_, i64>(1)?),
                    tendered: Money::from_minor(sign * r.get::<_, i64>(2)?),
                    reference: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let bundles = if refund {
            Vec::new()
        } else {
            self.order_bundles(&head.id)?
        };
        Ok(Some(ReceiptRecord {
            till: head.till,
            staff: head.staff,
            number: head.number,
            at: parse_ts(&head.at),
            lines,
            totals,
            payments,
            bundles,
            refund_of: head.refund_of,
        }))
    }

    fn order_bundles(&self, order_id: &str) -> StoreResult<Vec<AppliedBundle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT bundle_id, name, sets, saving_minor FROM order_bundles WHERE order_id = ?1 ORDER BY bundle_id",
        )?;
        let rows = stmt.query_map(params![order_id], |r| {
            Ok(AppliedBundle {
                id: r.get(0)?,
                name: r.get(1)?,
                sets: r.get(2)?,
                saving: Money::from_minor(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The prefix a till's receipt numbers carry: the store's code first when it has one
/// (`S042-TILL1-000001`), so two stores of a chain never print the same number. A store
/// without a code keeps the till's prefix alone, as before codes existed.
pub(crate) fn chain_prefix(conn: &rusqlite::Connection, till_prefix: &str) -> StoreResult<String> {
    Ok(match crate::store::journal::identity_on(conn)?.code {
        Some(code) => format!("{code}-{till_prefix}"),
        None => till_prefix.to_string(),
    })
}
