//! What the register shows, read without knowing how the model holds it: for a script that
//! replays keys and must tell whether a step worked, and for tests. Only reading here.

use crate::app::model::Model;
use crate::app::overlay::{CustomerOverlay, Overlay, TenderField};
use crate::domain::money::Money;
use crate::domain::tender::TenderKind;

impl Model {
    /// Offers the panel shows now.
    pub fn offers_on_screen(&self) -> usize {
        self.offers.panel.visible().count()
    }

    /// Offers accepted on this order so far.
    pub fn offers_accepted(&self) -> usize {
        self.offers.panel.accepted()
    }

    /// Offers declined on this order so far.
    pub fn offers_declined(&self) -> usize {
        self.offers.panel.declined().len()
    }

    /// The receipt number and total of a sale on screen (not of a refund).
    pub fn sale_receipt(&self) -> Option<(String, Money)> {
        match self.top() {
            Some(Overlay::Receipt(r)) if !r.refund => Some((r.number.clone(), r.total)),
            _ => None,
        }
    }

    /// Where the customer with this code is in the finder's list: `None` when the finder
    /// is not open, `Some(None)` when it does not list them.
    pub fn found_customer(&self, code: &str) -> Option<Option<usize>> {
        match self.top() {
            Some(Overlay::Customer(CustomerOverlay::Find { matches, .. })) => Some(
                matches
                    .iter()
                    .position(|&i| self.customers[i].code.eq_ignore_ascii_case(code)),
            ),
            _ => None,
        }
    }

    /// The code of the customer on the order.
    pub fn customer_code(&self) -> Option<&str> {
        self.order.customer.as_deref()
    }

    pub fn order_id(&self) -> &str {
        &self.order.id
    }

    /// The tender the payment window is taking, while it is open.
    pub fn paying_by(&self) -> Option<TenderKind> {
        match self.top() {
            Some(Overlay::Tender(t)) => Some(t.kind),
            _ => None,
        }
    }

    /// The payment window waits for the card terminal's reference.
    pub fn asks_card_reference(&self) -> bool {
        matches!(self.top(), Some(Overlay::Tender(t)) if t.field == TenderField::Reference)
    }
}
