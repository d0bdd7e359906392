//! Replaying a register script: each step becomes the keys a cashier would press, fed
//! through `dispatch` exactly as the terminal loop feeds them, with the store (or any
//! backend) executing the effects. What the register says back decides whether a step
//! worked: an error on its message line is the step's error, word for word.

use chrono::NaiveDateTime;

use crate::app::Key;
use crate::app::backend::Backend;
use crate::app::model::{Model, Tone};
use crate::app::{Action, keymap::Context};
use crate::domain::money::Money;
use crate::domain::tender::TenderKind;
use crate::runtime::script::Step;
use crate::runtime::till::Till;

/// A sale the script completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sold {
    pub receipt_no: String,
    pub total: Money,
}

/// What one step did: a sale it completed, and an error that stops the script. Both can
/// happen at once (the sale is committed, then its receipt file cannot be written).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub sold: Option<Sold>,
    pub error: Option<String>,
}

pub struct Replay<'a, B> {
    till: &'a mut Till<B>,
    clock: Box<dyn FnMut() -> NaiveDateTime + 'a>,
    /// Time let pass by `wait` steps: the till's clock runs this far ahead of the real one.
    ahead: chrono::Duration,
    /// Messages said before the current step: only those said since are its answer.
    said_before: u64,
}

impl<'a, B: Backend> Replay<'a, B> {
    pub fn new(till: &'a mut Till<B>, clock: impl FnMut() -> NaiveDateTime + 'a) -> Replay<'a, B> {
        Replay {
            till,
            clock: Box::new(clock),
            ahead: chrono::Duration::zero(),
            said_before: 0,
        }
    }

    /// The register as the script left it.
    pub fn model(&self) -> &Model {
        &self.till.model
    }

    fn now(&mut self) -> NaiveDateTime {
        (self.clock)() + self.ahead
    }

    fn press(&mut self, key: Key) {
        self.act(Action::Key(key));
    }

    fn act(&mut self, action: Action) {
        let now = self.now();
        self.till.act(action, now);
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(Key::Char(c));
        }
    }

    /// What the register said during this step, last word first.
    fn answer(&self) -> Option<&crate::app::model::Message> {
        let model = &self.till.model;
        model
            .message
            .as_ref()
            .filter(|_| model.messages_said() > self.said_before)
    }

    /// The register's last word in this step, if it was an error.
    fn said_error(&self) -> Option<String> {
        self.answer()
            .filter(|m| m.tone == Tone::Error)
            .map(|m| m.text.clone())
    }

    fn said(&self) -> Option<String> {
        self.answer().map(|m| m.text.clone())
    }

    fn sold(&self) -> Option<Sold> {
        self.till
            .model
            .sale_receipt()
            .map(|(receipt_no, total)| Sold { receipt_no, total })
    }

    /// Carries out one step. `line` names the script line (it becomes the card reference).
    pub fn step(&mut self, step: &Step, line: usize) -> Outcome {
        // The receipt of the last sale is on screen until the cashier moves on.
        if self.till.model.context() == Context::Receipt {
            self.press(Key::Esc);
        }
        self.said_before = self.till.model.messages_said();
        let signed_in = self.till.model.signed_in().is_some();
        let result = match step {
            Step::Login { .. } if signed_in => Err("someone is already signed in".into()),
            Step::Login { pin } => self.login(pin),
            _ if !signed_in => Err("nobody is signed in: `login PIN` first".into()),
            Step::Logout => self.logout(),
            Step::Customer { id } => self.customer(id),
            Step::Detach => self.detach(),
            Step::Scan { code, qty } => self.scan(code, *qty),
            Step::Pay { kind, amount } => {
                return self.pay(*kind, amount.as_deref(), line);
            }
            Step::Void => self.void(),
            Step::Remove => self.simple(Key::Delete),
            Step::Hold => self.hold(),
            Step::Recall => self.recall(),
            Step::Discount { value, manager_pin } => self.discount(value, manager_pin.as_deref()),
            Step::Wait { ms } => {
                self.ahead += chrono::Duration::milliseconds(*ms);
                self.act(Action::Tick);
                Ok(())
            }
            Step::Accept { n } => self.accept(*n),
            Step::Decline => self.decline(),
        };
        Outcome {
            sold: None,
            error: result.err(),
        }
    }

    fn offers_on_screen(&self) -> usize {
        self.till.model.offers_on_screen()
    }

    fn accept(&mut self, n: u8) -> Result<(), String> {
        let on_screen = self.offers_on_screen();
        if usize::from(n) > on_screen {
            return Err(format!(
                "there is no offer {n} on screen ({on_screen} shown)"
            ));
        }
        let accepted = self.till.model.offers_accepted();
        self.press(Key::Alt(char::from(b'0' + n)));
        if self.till.model.offers_accepted() > accepted {
            return Ok(());
        }
        Err(self
            .said()
            .unwrap_or_else(|| format!("offer {n} was not added")))
    }

    fn decline(&mut self) -> Result<(), String> {
        if self.offers_on_screen() == 0 {
            return Err("there is no offer on screen".into());
        }
        let declined = self.till.model.offers_declined();
        self.press(Key::Alt('n'));
        if self.till.model.offers_declined() > declined {
            return Ok(());
        }
        Err(self
            .said()
            .unwrap_or_else(|| "the offer was not declined".into()))
    }

    fn login(&mut self, pin: &str) -> Result<(), String> {
        self.type_text(pin);
        self.press(Key::Enter);
        if self.till.model.signed_in().is_none() {
            return Err(self.said().unwrap_or_else(|| "not signed in".into()));
        }
        // Signed in, but the till's open order could not be restored.
        self.said_error().map_or(Ok(()), Err)
    }

    fn logout(&mut self) -> Result<(), String> {
        self.back_to_main()?;
        self.press(Key::F(10));
        match self.till.model.signed_in() {
            None => Ok(()),
            Some(_) => Err(self.said().unwrap_or_else(|| "not signed out".into())),
        }
    }

    /// Back to the main screen: a step starts where a cashier would.
    fn back_to_main(&mut self) -> Result<(), String> {
        for _ in 0..4 {
            match self.till.model.context() {
                Context::Main => return Ok(()),
                // A payment under way keeps its window; Esc leaves it without losing it.
                _ => self.press(Key::Esc),
            }
        }
        Err(format!(
            "the register is stuck at {:?}",
            self.till.model.context()
        ))
    }

    /// A key on the main screen whose only answer is a message.
    fn simple(&mut self, key: Key) -> Result<(), String> {
        self.back_to_main()?;
        self.press(key);
        self.said_error().map_or(Ok(()), Err)
    }

    fn customer(&mut self, id: &str) -> Result<(), String> {
        self.back_to_main()?;
        self.press(Key::F(2));
        self.type_text(id);
        let Some(index) = self.till.model.found_customer(id) else {
            return Err(self.said().unwrap_or_else(|| "no customer search".into()));
        };
        let Some(index) = index else {
            self.press(Key::Esc);
            return Err(format!("no customer {id}"));
        };
        for _ in 0..index {
            self.press(Key::Down);
        }
        self.press(Key::Enter);
        if let Some(e) = self.said_error() {
            return Err(e);
        }
        match self.till.model.customer_code() {
            Some(code) if code.eq_ignore_ascii_case(id) => Ok(()),
            _ => Err(self
                .said()
                .unwrap_or_else(|| format!("customer {id} not attached"))),
        }
    }

    fn detach(&mut self) -> Result<(), String> {
        self.back_to_main()?;
        if self.till.model.customer_code().is_none() {
            return Err("no customer on the order".into());
        }
        self.press(Key::F(2));
        self.press(Key::Ctrl('d'));
        if let Some(e) = self.said_error() {
            return Err(e);
        }
        self.back_to_main()?;
        match self.till.model.customer_code() {
            None => Ok(()),
            Some(_) => Err(self
                .said()
                .unwrap_or_else(|| "customer not detached".into())),
        }
    }

    fn scan(&mut self, code: &str, qty: i64) -> Result<(), String> {
        self.back_to_main()?;
        let before = self.till.model.cart().item_count();
        if qty == 1 {
            self.type_text(code);
        } else {
            self.type_text(&format!("{qty}*{code}"));
        }
        self.press(Key::Enter);
        if let Some(e) = self.said_error() {
            return Err(e);
        }
        if self.till.model.cart().item_count() == before {
            return Err(self.said().unwrap_or_else(|| format!("{code} not added")));
        }
        Ok(())
    }

    fn pay(&mut self, kind: TenderKind, amount: Option<&str>, line: usize) -> Outcome {
        let fail = |error: String| Outcome {
            sold: None,
            error: Some(error),
        };
        if self.till.model.paying_by().is_none() {
            if let Err(e) = self.back_to_main() {
                return fail(e);
            }
            self.press(Key::F(12));
        }
        // A draft restored fully paid completes as soon as the payment window opens.
        if let Some(sold) = self.sold() {
            return self.after_sale(sold);
        }
        let current = match self.till.model.paying_by() {
            Some(kind) => kind,
            None => {
                return fail(
                    self.said_error()
                        .or_else(|| self.said())
                        .unwrap_or_else(|| "the payment window did not open".into()),
                );
            }
        };
        if current != kind {
            self.press(Key::Tab);
        }
        if let Some(amount) = amount {
            self.type_text(amount);
        }
        self.press(Key::Enter);
        if kind == TenderKind::Card
            && self.said_error().is_none()
            && self.till.model.asks_card_reference()
        {
            self.type_text(&format!("SCRIPT-{line}"));
            self.press(Key::Enter);
        }
        if let Some(sold) = self.sold() {
            return self.after_sale(sold);
        }
        // Partly paid: the window stays open for the next tender.
        Outcome {
            sold: None,
            error: self.said_error(),
        }
    }

    fn after_sale(&mut self, sold: Sold) -> Outcome {
        Outcome {
            error: self.said_error(),
            sold: Some(sold),
        }
    }

    /// Void and hold start a new order when they worked; a different order id says so.
    fn replaces_order(&mut self, keys: &[Key]) -> Result<(), String> {
        self.back_to_main()?;
        let before = self.till.model.order_id().to_string();
        for &key in keys {
            self.press(key);
            if self.till.model.order_id() != before {
                return Ok(());
            }
        }
        let reason = self
            .said_error()
            .or_else(|| self.said())
            .unwrap_or_else(|| "nothing happened".into());
        // Leave no half-open window behind.
        let _ = self.back_to_main();
        Err(reason)
    }

    fn void(&mut self) -> Result<(), String> {
        self.replaces_order(&[Key::F(8), Key::Enter])
    }

    fn hold(&mut self) -> Result<(), String> {
        if self.till.model.cart().is_empty() {
            return Err("nothing to hold".into());
        }
        self.replaces_order(&[Key::F(4)])
    }

    fn recall(&mut self) -> Result<(), String> {
        if !self.till.model.cart().is_empty() {
            return Err("hold or finish the current order first".into());
        }
        self.back_to_main()?;
        self.press(Key::F(4));
        if self.till.model.context() != Context::Held {
            return Err(self.said().unwrap_or_else(|| "no held orders".into()));
        }
        self.press(Key::Enter);
        if let Some(e) = self.said_error() {
            return Err(e);
        }
        if self.till.model.cart().is_empty() {
            return Err(self.said().unwrap_or_else(|| "nothing recalled".into()));
        }
        Ok(())
    }

    fn discount(&mut self, value: &str, manager_pin: Option<&str>) -> Result<(), String> {
        self.back_to_main()?;
        self.press(Key::F(6));
        if let Some(e) = self.said_error() {
            return Err(e);
        }
        self.type_text(value);
        self.press(Key::Enter);
        if let Some(e) = self.said_error() {
            let _ = self.back_to_main();
            return Err(e);
        }
        if self.till.model.context() == Context::Approve {
            let Some(pin) = manager_pin else {
                let _ = self.back_to_main();
                return Err(
                    "that discount needs a manager's PIN: discount VALUE MANAGER_PIN".into(),
                );
            };
            self.type_text(pin);
            self.press(Key::Enter);
            if let Some(e) = self.said_error() {
                let _ = self.back_to_main();
                return Err(e);
            }
        }
        match self.till.model.context() {
            Context::Main => Ok(()),
            other => {
                let _ = self.back_to_main();
                Err(format!("the discount was not applied ({other:?})"))
            }
        }
    }
}
