//! Which of the current context's keys work right now, and what to call them: the status
//! bar lists exactly these, so a key that would only answer "not now" is not offered.

use crate::app::keymap::{Binding, Command, Context};
use crate::app::model::Model;
use crate::app::overlay::{Overlay, TenderField};

impl Model {
    pub fn can(&self, command: Command) -> bool {
        let context = self.context();
        let lines = self.cart().lines().len();
        let line_selected = self.selected.is_some_and(|i| i < lines);
        match (context, command) {
            (Context::Main, Command::Submit | Command::ClearInput) => !self.input.is_empty(),
            (Context::Main, Command::Quantity | Command::PriceOverride | Command::RemoveLine) => {
                line_selected && !self.payments_taken()
            }
            (Context::Main, Command::Discount) => lines > 0 && !self.payments_taken(),
            (Context::Main, Command::Pay) => lines > 0,
            (Context::Main, Command::Void) => {
                lines > 0 || self.customer.is_some() || self.payments_taken()
            }
            (Context::Main, Command::HoldRecall) => !self.payments_taken(),
            (Context::Main, Command::Up | Command::Down) => lines > 1,
            (Context::CustomerFind, Command::Detach) => self.customer.is_some(),
            (Context::DiscountEntry, Command::NextField) => line_selected,
            (
                Context::Main | Context::KioskMain | Context::Tender,
                Command::AcceptOffer
                | Command::AcceptNth(_)
                | Command::DeclineOffer
                | Command::LaterOffer,
            ) => self.suggest.panel.visible().next().is_some(),
            (Context::Main | Context::KioskMain, Command::NextOffer) => {
                self.suggest.panel.visible().nth(1).is_some()
            }
            (Context::Receipt, Command::Helpful | Command::NotHelpful | Command::SkipFeedback) => {
                matches!(self.top(), Some(Overlay::Receipt(r)) if r.feedback_for.is_some())
            }
            _ => true,
        }
    }

    /// The bindings to show now, with their labels as they read in this state.
    pub fn hints(&self) -> Vec<(Binding, &'static str)> {
        self.context()
            .bindings()
            .iter()
            .filter(|b| !b.label.is_empty() && self.can(b.command))
            .map(|b| (*b, self.label(b)))
            .collect()
    }

    fn label(&self, binding: &Binding) -> &'static str {
        match (binding.command, self.top()) {
            (Command::HoldRecall, _) if self.cart().is_empty() => "recall",
            (Command::HoldRecall, _) => "hold",
            (Command::Submit, Some(Overlay::Tender(t))) => match (t.kind, t.field) {
                (crate::domain::tender::TenderKind::Cash, _) if t.amount.is_empty() => "exact cash",
                (crate::domain::tender::TenderKind::Cash, _) => "take cash",
                (_, TenderField::Amount) => "card amount",
                (_, TenderField::Reference) => "charge card",
            },
            _ => binding.label,
        }
    }
}
