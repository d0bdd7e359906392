//! The in-memory backend's sales port: drafts, held orders, voids, sales and refunds,
//! kept as the store keeps them (the same refusals, the same pricing check).

use super::*;

impl SalesPort for MemoryBackend {
    fn save_draft(&mut self, draft: &OrderDraft, _at: NaiveDateTime) -> BackendResult<()> {
        self.enter("save_draft")?;
        self.still_open(&draft.id)?;
        self.drafts
            .insert(draft.id.clone(), (draft.clone(), DraftState::Open));
        Ok(())
    }

    fn open_draft(&mut self, till: &str) -> BackendResult<Option<OrderDraft>> {
        self.enter("open_draft")?;
        Ok(self.open_draft_of(till).cloned())
    }

    fn discard_draft(&mut self, draft: &OrderDraft, _at: NaiveDateTime) -> BackendResult<()> {
        self.enter("discard_draft")?;
        self.still_open(&draft.id)?;
        if self.offers.iter().any(|o| o.order_id == draft.id) {
            self.drafts
                .insert(draft.id.clone(), (draft.clone(), DraftState::Open));
        } else {
            self.drafts.remove(&draft.id);
        }
        Ok(())
    }

    fn abandon_draft(&mut self, order_id: &str, _at: NaiveDateTime) -> BackendResult<()> {
        self.enter("abandon_draft")?;
        if self.drafts.remove(order_id).is_some()
            && self.offers.iter().any(|o| o.order_id == order_id)
        {
            // As the store does: the offers made on it stay on record, with their order.
            self.closed.insert(order_id.to_string(), "emptied");
            for offer in self.offers.iter_mut().filter(|o| o.order_id == order_id) {
                offer.outcome.get_or_insert(Outcome::Ignored);
            }
        }
        Ok(())
    }

    fn hold(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()> {
        self.enter("hold")?;
        self.still_open(&draft.id)?;
        self.next_hold += 1;
        self.drafts.insert(
            draft.id.clone(),
            (draft.clone(), DraftState::Held(at, self.next_hold)),
        );
        Ok(())
    }

    fn held_orders(&mut self, till: &str) -> BackendResult<Vec<HeldOrder>> {
        self.enter("held_orders")?;
        let mut held = self
            .drafts
            .values()
            .filter(|(d, _)| d.till == till)
            .filter_map(|(d, s)| match s {
                DraftState::Held(at, seq) => Some((
                    *seq,
                    HeldOrder {
                        id: d.id.clone(),
                        customer_name: d.customer.as_ref().map(|code| {
                            self.customers
                                .iter()
                                .find(|c| &c.code == code)
                                .map_or_else(|| code.clone(), |c| c.name.clone())
                        }),
                        items: d.cart.item_count(),
                        total: price_with_bundles(&d.cart, &self.settings.tax, &self.bundles).total,
                        held_at: *at,
                    },
                )),
                DraftState::Open => None,
            })
            .collect::<Vec<_>>();
        held.sort_by_key(|(seq, _)| *seq);
        Ok(held.into_iter().map(|(_, h)| h).collect())
    }

    fn recall(
        &mut self,
        order_id: &str,
        till: &str,
        _at: NaiveDateTime,
    ) -> BackendResult<OrderDraft> {
        self.enter("recall")?;
        match self.drafts.get_mut(order_id) {
            Some((draft, state @ DraftState::Held(..))) if draft.till == till => {
                *state = DraftState::Open;
                Ok(draft.clone())
            }
            _ => Err(BackendError::NotFound(format!("no held order {order_id}"))),
        }
    }

    fn park(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<u32> {
        self.enter("park")?;
        self.still_open(&draft.id)?;
        let open =
            |b: &MemoryBackend, id: &str| b.drafts.contains_key(id) && !b.closed.contains_key(id);
        if let Some(&n) = self.parked.get(&draft.id)
            && matches!(self.drafts.get(&draft.id), Some((_, DraftState::Held(..))))
        {
            return Ok(n);
        }
        let taken: Vec<u32> = self
            .parked
            .iter()
            .filter(|(id, _)| open(self, id))
            .map(|(_, n)| *n)
            .collect();
        let number = crate::domain::park::number_for(&draft.id, |n| taken.contains(&n))
            .ok_or_else(|| BackendError::Invalid("every counter number is in use".into()))?;
        self.next_hold += 1;
        self.drafts.insert(
            draft.id.clone(),
            (draft.clone(), DraftState::Held(at, self.next_hold)),
        );
        self.parked.insert(draft.id.clone(), number);
        Ok(number)
    }

    fn recall_parked(
        &mut self,
        number: u32,
        till: &str,
        _staff_id: Option<i64>,
        _at: NaiveDateTime,
    ) -> BackendResult<OrderDraft> {
        self.enter("recall_parked")?;
        let id = self
            .parked
            .iter()
            .find(|(id, n)| {
                **n == number && self.drafts.contains_key(*id) && !self.closed.contains_key(*id)
            })
            .map(|(id, _)| id.clone())
            .ok_or_else(|| {
                BackendError::NotFound(format!("no order waits under number {number}"))
            })?;
        let Some((draft, state)) = self.drafts.get_mut(&id) else {
            return Err(BackendError::NotFound(format!(
                "no order waits under number {number}"
            )));
        };
        match state {
            DraftState::Held(..) => {
                *state = DraftState::Open;
                draft.till = till.to_string();
                Ok(draft.clone())
            }
            DraftState::Open if draft.till == till => Ok(draft.clone()),
            DraftState::Open => Err(BackendError::Invalid(format!(
                "order {number} is already being paid at {}",
                draft.till
            ))),
        }
    }

    fn void(
        &mut self,
        draft: &OrderDraft,
        reason: &str,
        approved_by: Option<i64>,
        at: NaiveDateTime,
    ) -> BackendResult<()> {
        self.enter("void")?;
        self.still_open(&draft.id)?;
        self.drafts.remove(&draft.id);
        self.closed.insert(draft.id.clone(), "voided");
        for offer in self.offers.iter_mut().filter(|o| o.order_id == draft.id) {
            offer.outcome.get_or_insert(Outcome::Ignored);
        }
        self.voids.push((draft.id.clone(), reason.to_string()));
        self.audit_log.push(
            AuditEntry::new(
                at,
                &draft.till,
                Some(draft.staff_id),
                "void order",
                format!("{} ({reason})", draft.id),
            )
            .approved_by(approved_by),
        );
        Ok(())
    }

    fn complete_sale(&mut self, sale: &Sale<'_>) -> BackendResult<Committed> {
        self.enter("complete_sale")?;
        self.still_open(&sale.draft.id)?;
        // As the store does in the sale's transaction: the offers the order remembers are
        // on record, and each line from an offer names one.
        if let Some(memory) = sale
            .draft
            .offers
            .clone()
            .and_then(|v| serde_json::from_value::<crate::timing::PanelMemory>(v).ok())
        {
            for prompt in memory.open.iter().chain(&memory.accepted) {
                self.insert_offer(&sale.draft.id, prompt);
            }
        }
        for line in sale.draft.cart.lines() {
            if let crate::domain::cart::LineOrigin::Suggestion(uid) = line.origin
                && !self.offers.iter().any(|o| o.uid == uid)
            {
                return Err(BackendError::Invalid(format!(
                    "the offer behind {} is not on record",
                    line.sku
                )));
            }
        }
        // The one totals rule, as in the store: the lines are priced again, and a sale
        // priced differently by the register is refused.
        let priced = price_with_bundles(&sale.draft.cart, &self.settings.tax, &self.bundles);
        if priced != *sale.totals {
            return Err(BackendError::Invalid(format!(
                "the till priced this sale at {}, the shop's prices give {}: nothing was saved",
                sale.totals.total, priced.total
            )));
        }
        if sale.draft.cart.is_empty() {
            return Err(BackendError::Invalid(
                "an empty order cannot be sold".into(),
            ));
        }
        let settled = sale.draft.tender.as_ref().is_some_and(|t| t.is_settled());
        if !settled {
            return Err(BackendError::Invalid("the sale is not fully paid".into()));
        }
        if self.sales.iter().any(|s| s.order_id == sale.draft.id) {
            return Err(BackendError::Invalid(
                "this sale is already committed".into(),
            ));
        }
        let net: crate::domain::money::Money = sale.totals.lines.iter().map(|l| l.net).sum();
        let inclusive = sale.totals.total == net;
        let lines = sale
            .draft
            .cart
            .lines()
            .iter()
            .zip(&sale.totals.lines)
            .enumerate()
            .map(|(i, (line, t))| PastLine {
                line_no: i as i64 + 1,
                sku: line.sku.clone(),
                name: line.name.clone(),
                qty: line.qty,
                returned: 0,
                paid: if inclusive { t.net } else { t.net + t.tax },
                tax: t.tax,
            })
            .collect();
        let receipt_no = self.number(&sale.draft.till);
        // As the store does in the sale's transaction: an offer with a line was accepted,
        // and unanswered offers were ignored.
        for line in sale.draft.cart.lines() {
            if let crate::domain::cart::LineOrigin::Suggestion(uid) = line.origin
                && let Some(offer) = self.offers.iter_mut().find(|o| o.uid == uid)
            {
                offer.outcome = Some(Outcome::Accepted);
            }
        }
        for offer in self
            .offers
            .iter_mut()
            .filter(|o| o.order_id == sale.draft.id)
        {
            offer.outcome.get_or_insert(Outcome::Ignored);
        }
        self.sales.push(PastOrder {
            order_id: sale.draft.id.clone(),
            receipt_no: receipt_no.clone(),
            paid_at: sale.at,
            customer: sale.draft.customer.clone(),
            lines,
            payments: sale
                .draft
                .tender
                .as_ref()
                .map(|t| t.payments().to_vec())
                .unwrap_or_default(),
            refunded: Vec::new(),
        });
        self.drafts.remove(&sale.draft.id);
        self.closed.insert(sale.draft.id.clone(), "paid");
        if self.unsent.tracked {
            self.unsent.sales += 1;
            self.unsent.oldest.get_or_insert(sale.at);
        }
        Ok(Committed {
            order_id: sale.draft.id.clone(),
            receipt_no,
        })
    }

    fn unsent(&mut self) -> BackendResult<Unsent> {
        self.enter("unsent")?;
        Ok(self.unsent)
    }

    fn find_receipt(&mut self, receipt_no: &str) -> BackendResult<Option<PastOrder>> {
        self.enter("find_receipt")?;
        Ok(self
            .sales
            .iter()
            .find(|s| s.receipt_no.eq_ignore_ascii_case(receipt_no.trim()))
            .cloned())
    }

    fn refund(&mut self, refund: &Refund) -> BackendResult<Committed> {
        self.enter("refund")?;
        let Some(sale) = self
            .sales
            .iter_mut()
            .find(|s| s.order_id == refund.original_order_id)
        else {
            return Err(BackendError::NotFound("no such sale".into()));
        };
        if refund.lines.is_empty() {
            return Err(BackendError::Invalid(
                "choose at least one line to return".into(),
            ));
        }
        for &(line_no, qty) in &refund.lines {
            let line = sale
                .lines
                .iter()
                .find(|l| l.line_no == line_no)
                .ok_or_else(|| BackendError::Invalid(format!("no line {line_no}")))?;
            if qty < 1 || line.returned + qty > line.qty {
                return Err(BackendError::Invalid(format!(
                    "line {line_no}: only {} left to return",
                    line.qty - line.returned
                )));
            }
        }
        let mut total = crate::domain::money::Money::ZERO;
        for &(line_no, qty) in &refund.lines {
            if let Some(line) = sale.lines.iter_mut().find(|l| l.line_no == line_no) {
                total += line.refund_for(qty);
                line.returned += qty;
            }
        }
        let split = sale.refund_split(total, refund.tender);
        sale.refunded.extend(split);
        let till = refund.till.clone();
        self.audit_log.push(
            AuditEntry::new(
                refund.at,
                &till,
                Some(refund.staff_id),
                "refund",
                format!("refunds {}", sale.receipt_no),
            )
            .approved_by(Some(refund.approved_by)),
        );
        self.refunds.push(refund.clone());
        Ok(Committed {
            order_id: format!("refund-{}", self.refunds.len()),
            receipt_no: self.number(&till),
        })
    }
}
