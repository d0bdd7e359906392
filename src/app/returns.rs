//! Returns: find a past sale by its receipt number, choose the units that come back, and
//! refund them to a tender once a manager has typed their PIN. The refund amounts come from
//! what the customer actually paid per line (`PastLine::refund_for`), never from today's price.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::edit::ask_manager;
use crate::app::input::TextInput;
use crate::app::keymap::Command;
use crate::app::model::{Busy, Model};
use crate::app::overlay::{Overlay, ReceiptOverlay, RefundPlan, Request, ReturnsOverlay};
use crate::app::update::step;
use crate::domain::catalog::Lookup;
use crate::domain::money::Money;
use crate::domain::order::{Committed, PastOrder, Refund};
use crate::domain::receipt::{Receipt, RefundItem, refund_lines};
use crate::domain::tender::Payment;

pub fn open(model: &mut Model) -> Vec<Effect> {
    let typed = model.input.take();
    model
        .overlays
        .push(Overlay::Returns(ReturnsOverlay::Lookup {
            receipt: TextInput::with_text(32, &typed),
        }));
    Vec::new()
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Some(Overlay::Returns(overlay)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match overlay {
        ReturnsOverlay::Lookup { receipt } => match command {
            Command::Type(c) => {
                receipt.push(c);
            }
            Command::Erase => {
                receipt.pop();
            }
            Command::Close => {
                model.overlays.pop();
            }
            Command::Submit => {
                let receipt_no = receipt.text().trim().to_string();
                if receipt_no.is_empty() {
                    model.error("Type or scan the receipt number");
                    return Vec::new();
                }
                model.info(format!("Looking up receipt {receipt_no}…"));
                return vec![Effect::FindReceipt { receipt_no }];
            }
            _ => {}
        },
        ReturnsOverlay::Lines(plan) => match command {
            Command::Up => plan.selected = step(plan.selected, plan.qty.len(), -1),
            Command::Down => plan.selected = step(plan.selected, plan.qty.len(), 1),
            Command::More | Command::Less => {
                let Some(line) = plan.past.lines.get(plan.selected) else {
                    return Vec::new();
                };
                let left = line.qty - line.returned;
                let q = &mut plan.qty[plan.selected];
                if command == Command::More {
                    if *q < left {
                        *q += 1;
                    } else {
                        let name = line.name.clone();
                        model.error(format!("Only {left} of {name} can come back"));
                    }
                } else {
                    *q = (*q - 1).max(0);
                }
            }
            Command::NextField => plan.tender = plan.tender.next(),
            Command::Close => {
                model.overlays.pop();
            }
            Command::Type(c) => {
                plan.scan.push(c);
            }
            Command::Erase => {
                plan.scan.pop();
            }
            Command::Submit if !plan.scan.is_empty() => {
                let code = plan.scan.take();
                let catalog = model.catalog.clone();
                let sku = match catalog.lookup(&code) {
                    Lookup::Found(p) => p.sku.clone(),
                    _ => code.trim().to_string(),
                };
                let open = plan
                    .past
                    .lines
                    .iter()
                    .enumerate()
                    .find(|(i, l)| l.sku == sku && plan.qty[*i] < l.qty - l.returned);
                match open {
                    Some((i, line)) => {
                        plan.qty[i] += 1;
                        plan.selected = i;
                        let note = format!("{}: {} coming back", line.name, plan.qty[i]);
                        model.info(note);
                    }
                    None if plan.past.lines.iter().any(|l| l.sku == sku) => {
                        model.error(format!(
                            "Every {sku} on this receipt is already coming back"
                        ));
                    }
                    None => model.error(format!("{} is not on this receipt", code.trim())),
                }
            }
            Command::Submit => {
                if plan.units() == 0 {
                    model.error("Choose what comes back first: scan it, or → adds a unit");
                    return Vec::new();
                }
                let reason = format!(
                    "Refund of {} to {} on receipt {}",
                    plan.amount(),
                    plan.split_text(),
                    plan.past.receipt_no
                );
                let plan = plan.clone();
                ask_manager(model, Request::Refund(plan), reason);
            }
            _ => {}
        },
    }
    Vec::new()
}

pub fn receipt_found(model: &mut Model, result: BackendResult<Option<PastOrder>>) -> Vec<Effect> {
    let Some(Overlay::Returns(overlay)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match result {
        Ok(Some(past)) => {
            let number = past.receipt_no.clone();
            if past.lines.iter().all(|l| l.returned >= l.qty) {
                model.error(format!(
                    "Everything on receipt {number} has already come back"
                ));
                return Vec::new();
            }
            *overlay = ReturnsOverlay::Lines(RefundPlan::new(past));
            model.info(format!("Receipt {number}: choose what comes back"));
        }
        Ok(None) => {
            let typed = match overlay {
                ReturnsOverlay::Lookup { receipt } => receipt.text().trim().to_string(),
                ReturnsOverlay::Lines(_) => String::new(),
            };
            model.error(format!("No sale with receipt number {typed}"));
        }
        Err(e) => model.error(format!("Receipt lookup failed: {e}")),
    }
    Vec::new()
}

/// Sends the approved refund to the store.
pub fn submit(model: &mut Model, plan: RefundPlan, manager: i64) -> Vec<Effect> {
    if model.busy.is_some() {
        model.error("Still working — try again in a moment");
        return Vec::new();
    }
    let staff_id = model.signed_in().map_or(0, |s| s.id);
    let lines = plan
        .past
        .lines
        .iter()
        .zip(&plan.qty)
        .filter(|(_, q)| **q > 0)
        .map(|(l, q)| (l.line_no, *q))
        .collect();
    model.busy = Some(Busy::Refunding);
    model.info("Refunding…");
    vec![Effect::Refund(Refund {
        original_order_id: plan.past.order_id.clone(),
        till: model.till.clone(),
        staff_id,
        approved_by: manager,
        lines,
        tender: plan.tender,
        at: model.now,
    })]
}

pub fn refunded(model: &mut Model, result: BackendResult<Committed>) -> Vec<Effect> {
    if model.busy != Some(Busy::Refunding) {
        return Vec::new();
    }
    model.busy = None;
    let committed = match result {
        Ok(c) => c,
        Err(e) => {
            model.error(format!("Refund not made: {e}"));
            return Vec::new();
        }
    };
    let plan = model.overlays.iter().rev().find_map(|o| match o {
        Overlay::Returns(ReturnsOverlay::Lines(plan)) => Some(plan.clone()),
        _ => None,
    });
    model.overlays.clear();
    let Some(plan) = plan else {
        model.success(format!("Refund {} made", committed.receipt_no));
        return Vec::new();
    };
    let number =
        crate::app::training_mode::receipt_name(model, &committed.receipt_no, &committed.order_id);
    let text =
        crate::app::training_mode::mark_receipt(model, refund_receipt(model, &plan, &number));
    let amount = plan.amount();
    model.overlays.push(Overlay::Receipt(ReceiptOverlay {
        feedback_for: None,
        number: number.clone(),
        text: text.clone(),
        total: amount,
        change: Money::ZERO,
        refund: true,
        scroll: 0,
        payments: Vec::new(),
    }));
    model.success(format!(
        "Refund {number} made: {amount} to {}",
        plan.split_text()
    ));
    vec![Effect::WriteReceipt { number, text }]
}

/// A refund receipt: each returned line at what was paid for it, with the tax it held,
/// paid back to the tenders of the plan and naming the receipt it refunds.
fn refund_receipt(model: &Model, plan: &RefundPlan, number: &str) -> String {
    let items: Vec<RefundItem> = plan
        .past
        .lines
        .iter()
        .zip(&plan.qty)
        .filter(|(_, q)| **q > 0)
        .map(|(past, &q)| {
            let product = model.catalog.by_sku(&past.sku);
            RefundItem {
                sku: past.sku.clone(),
                name: past.name.clone(),
                category: product.map_or_else(String::new, |p| p.category.clone()),
                tax_class: product.map_or_else(|| "standard".to_string(), |p| p.tax_class.clone()),
                qty: q,
                amount: past.refund_for(q),
                tax: past.tax_for(q),
            }
        })
        .collect();
    let (lines, totals) = refund_lines(&items);
    let payments: Vec<Payment> = plan
        .split()
        .into_iter()
        .map(|(kind, amount)| Payment {
            kind,
            amount,
            tendered: amount,
            reference: None,
        })
        .collect();
    let staff = model
        .signed_in()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    Receipt {
        shop: &model.settings,
        till: &model.till,
        staff: &staff,
        number,
        at: model.now,
        lines: &lines,
        totals: &totals,
        payments: &payments,
        bundles: &[],
        refund_of: Some(&plan.past.receipt_no),
        copy: false,
    }
    .render()
}
