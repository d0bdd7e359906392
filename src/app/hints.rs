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
        if let Some(can) = self.kiosk_can(context, command, line_selected) {
            return can;
        }
        match (context, command) {
            // The kiosk's order screen runs on the same keys as the till's (`main_key`), so
            // what they can do now is judged alike.
            (Context::Main | Context::KioskMain, Command::Submit | Command::ClearInput) => {
                !self.input.is_empty()
            }
            (
                Context::Main | Context::KioskMain,
                Command::Quantity | Command::PriceOverride | Command::RemoveLine,
            ) => line_selected && !self.payments_taken(),
            (Context::Main | Context::KioskMain, Command::Discount) => {
                lines > 0 && !self.payments_taken()
            }
            (Context::Main | Context::KioskMain, Command::Pay) => lines > 0,
            (Context::Main | Context::KioskMain, Command::Void) => {
                lines > 0 || self.customer.is_some() || self.payments_taken()
            }
            (Context::Main | Context::KioskMain, Command::HoldRecall) => !self.payments_taken(),
            (Context::Main | Context::KioskMain, Command::Up | Command::Down) => lines > 1,
            (Context::CustomerFind, Command::Detach) => self.customer.is_some(),
            (Context::DiscountEntry, Command::NextField) => line_selected,
            // Once a payment is taken the lines are locked: an offer can no longer be added.
            (
                Context::Main | Context::KioskMain | Context::Tender | Context::KioskTender,
                Command::AcceptOffer | Command::AcceptNth(_),
            ) => self.offers.panel.visible().next().is_some() && !self.payments_taken(),
            (
                Context::Main | Context::KioskMain | Context::Tender,
                Command::DeclineOffer | Command::LaterOffer,
            ) => self.offers.panel.visible().next().is_some(),
            // Talking to a practice customer: only while one is at the counter.
            (_, Command::Converse(m)) => self.practice.as_ref().is_some_and(|p| {
                p.serving()
                    || (m == crate::training::customer::Move::AskNeed && self.cart().is_empty())
            }),
            (Context::Main | Context::KioskMain, Command::NextOffer) => {
                self.offers.panel.visible().nth(1).is_some()
            }
            // A day is closed once: after that `c` would only answer "already closed".
            (Context::Day, Command::CloseDay) => matches!(
                self.top(),
                Some(Overlay::Day(d)) if d.report.as_ref().is_some_and(|r| r.closed.is_none())
            ),
            // A kiosk's payment is the card terminal's whole amount: nothing to type or switch.
            (Context::Tender, Command::NextField | Command::Erase)
                if self.mode == crate::app::model::Mode::Kiosk =>
            {
                false
            }
            (Context::Tender | Context::KioskTender, _)
                if matches!(
                    self.busy,
                    Some(crate::app::model::Busy::Charging | crate::app::model::Busy::Parking)
                ) =>
            {
                false
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

    /// Every key of the order screen with what it does, keys doing the same thing merged
    /// (`↑↓ line`, `Alt+1/Alt+2/Alt+3`): the help screen lists exactly these, so no key
    /// that works is hidden from it.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let context = if self.mode == crate::app::model::Mode::Kiosk {
            Context::KioskMain
        } else {
            Context::Main
        };
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for b in context.bindings() {
            let label = b.help_label();
            if label.is_empty() {
                continue;
            }
            let key = match b.command {
                Command::AcceptNth(0) => "Alt+1-3".to_string(),
                Command::AcceptNth(_) => continue,
                // The conversation keys exist only where practice customers do.
                Command::Converse(_) if self.practice.is_none() => continue,
                _ => b.key.to_string(),
            };
            match rows.iter_mut().find(|(_, l)| *l == label) {
                Some((keys, _)) => {
                    // Arrows read as one (`↑↓`); names are set apart (`Esc/^U`).
                    if keys.chars().count() > 1 || key.chars().count() > 1 {
                        keys.push('/');
                    }
                    keys.push_str(&key);
                }
                None => rows.push((key, label)),
            }
        }
        rows
    }

    /// What a shopper's keys can do now (None: judged as on the till).
    fn kiosk_can(&self, context: Context, command: Command, line_selected: bool) -> Option<bool> {
        use crate::app::kiosk_basket::{Escape, escape};
        use crate::app::kiosk_finder::Choice;
        if self.mode != crate::app::model::Mode::Kiosk {
            return None;
        }
        Some(match (context, command) {
            // Paying, Esc goes back to the basket, where Esc says "no thanks": no chord here.
            (
                Context::Tender | Context::KioskTender,
                Command::DeclineOffer | Command::LaterOffer,
            ) => false,
            // With nothing typed Enter opens the finder, so it always does something.
            (Context::KioskMain, Command::Submit) => true,
            (Context::KioskMain, Command::ClearInput) => escape(self) != Escape::Nothing,
            (Context::KioskMain, Command::More | Command::Less) => {
                line_selected && !self.payments_taken()
            }
            (Context::KioskFinder, Command::Submit) => match self.top() {
                Some(Overlay::KioskFinder(f)) => f.choice() != Choice::Nothing,
                _ => false,
            },
            (Context::KioskFinder, Command::Up | Command::Down) => match self.top() {
                Some(Overlay::KioskFinder(f)) => f.rows() > 1,
                _ => false,
            },
            _ => return None,
        })
    }

    /// A shopper's hint for a key whose meaning changes with the moment (None: the
    /// binding's own label).
    fn kiosk_label(&self, binding: &Binding) -> Option<&'static str> {
        use crate::app::kiosk_basket::{Escape, escape};
        use crate::app::kiosk_finder::{Choice, Place};
        if self.mode != crate::app::model::Mode::Kiosk {
            return None;
        }
        Some(match (binding.command, self.top()) {
            (Command::Submit, None) if crate::app::kiosk_basket::enter_finds(self) => {
                "find a product"
            }
            (Command::ClearInput, None) => match escape(self) {
                Escape::NoThanks => "no thanks",
                Escape::StartOver => "start over",
                Escape::Clear | Escape::Nothing => "clear",
            },
            (Command::Submit, Some(Overlay::KioskFinder(f))) => match f.choice() {
                Choice::Product(_) => "add to basket",
                _ => "open",
            },
            (Command::Close, Some(Overlay::KioskFinder(f))) => match f.place {
                Place::Departments { .. } => "back to basket",
                Place::Aisle { .. } => "all departments",
                Place::Search { .. } => "clear the name",
            },
            (Command::Close, Some(Overlay::Receipt(_))) => "done",
            (Command::Submit, Some(Overlay::Tender(t))) if t.at_counter => "get my number",
            (Command::Up | Command::Down, Some(Overlay::Tender(_))) => "card or counter",
            (Command::AcceptOffer, _) => "yes, add the offer",
            (Command::Up | Command::Down, Some(Overlay::Receipt(_))) => "read the receipt",
            _ => return None,
        })
    }

    fn label(&self, binding: &Binding) -> &'static str {
        if let Some(label) = self.kiosk_label(binding) {
            return label;
        }
        match (binding.command, self.top()) {
            (Command::Converse(_), _) if self.practice.as_ref().is_some_and(|p| !p.serving()) => {
                "next customer"
            }
            (Command::HoldRecall, _) if self.cart().is_empty() => "recall",
            (Command::HoldRecall, _) => "hold",
            (Command::Submit, Some(Overlay::Tender(_)))
                if self.mode == crate::app::model::Mode::Kiosk =>
            {
                "pay by card"
            }
            (Command::Close, Some(Overlay::Tender(_)))
                if self.mode == crate::app::model::Mode::Kiosk =>
            {
                "back to basket"
            }
            (Command::Submit, Some(Overlay::Tender(t))) => match (t.kind, t.field) {
                (crate::domain::tender::TenderKind::Cash, _) if t.amount.is_empty() => "exact cash",
                // Enter would refuse it: the hint says what Enter does with it.
                (_, TenderField::Amount)
                    if !t.amount.is_empty()
                        && crate::domain::money::Money::parse(t.amount.text()).is_err() =>
                {
                    "check amount"
                }
                (crate::domain::tender::TenderKind::Cash, _) => "take cash",
                (_, TenderField::Amount) => "card amount",
                (_, TenderField::Reference) => "charge card",
            },
            _ => binding.label,
        }
    }
}
