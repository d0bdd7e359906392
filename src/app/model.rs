//! Everything the register knows at one moment. UI state is spelled as enums (which screen,
//! which overlay, what is in flight) rather than boolean flags, so impossible combinations
//! cannot be represented.

use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::app::input::TextInput;
use crate::app::keymap::Context;
use crate::app::overlay::Overlay;
use crate::app::search::SearchIndex;
use crate::app::suggest::Suggest;
use crate::domain::bundle::Bundle;
use crate::domain::cart::Cart;
use crate::domain::catalog::Catalog;
use crate::domain::lockout::{PinGuard, PinSubject};
use crate::domain::order::OrderDraft;
use crate::domain::people::{Customer, CustomerSummary, Staff};
use crate::domain::pricing::{Totals, price, price_with_bundles};
use crate::domain::settings::Settings;
use crate::prompts::PromptSettings;

/// Longest code the input line takes: a quantity, a star and a long SKU with room to spare.
pub const INPUT_MAX: usize = 64;

pub use crate::domain::people::StaffRecord;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    SignedOut { pin: TextInput },
    SignedIn { staff: Staff },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    /// Done, but the cashier should look (more sold than the stock shows).
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
    pub at: NaiveDateTime,
}

/// A customer on the order, with what the side panel shows about them once it has arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub customer: Customer,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Summary {
    Loading,
    Loaded(CustomerSummary),
    Failed(String),
}

/// A storage call whose answer has not come back yet. While one is in flight the keys that
/// would start it again are refused: a repeated Enter must never commit a sale twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    OpeningDraft,
    Completing,
    Holding,
    Voiding,
    Recalling,
    Refunding,
    CreatingCustomer,
}

pub struct Model {
    pub catalog: Arc<Catalog>,
    pub search_index: Arc<SearchIndex>,
    pub customers: Vec<Customer>,
    pub staff: Vec<StaffRecord>,
    pub settings: Settings,
    /// Bundles the shop sells: a complete one is priced automatically.
    pub bundles: Vec<Bundle>,
    pub till: String,
    pub session: Session,
    pub order: OrderDraft,
    /// Priced on every change of the order, so drawing never prices.
    pub totals: Totals,
    pub customer: Option<Attached>,
    /// The scan/SKU line: it has focus whenever no overlay is open.
    pub input: TextInput,
    pub selected: Option<usize>,
    /// Topmost last; the topmost overlay gets every key first.
    pub overlays: Vec<Overlay>,
    pub message: Option<Message>,
    pub busy: Option<Busy>,
    /// Whether a receipt printer is configured (then every receipt is also printed).
    pub printer: bool,
    /// The suggestion panel: its timing engine, the recommender, what was offered.
    pub suggest: Suggest,
    /// Wrong-PIN counts and locks as last known from the store, by subject.
    pub pin_guards: std::collections::BTreeMap<PinSubject, PinGuard>,
    /// A self-service till: nobody signs in, manager-only keys are absent, and leaving
    /// (sign out or quit) takes a manager's PIN.
    pub kiosk: bool,
    /// The time of the last action, for the header clock.
    pub now: NaiveDateTime,
    pub quit: bool,
    /// Why the order on screen could not be saved, until a save succeeds. The order stays
    /// on screen, and the till is not left (sign-out, quit) while it is the only copy.
    pub unsaved: Option<String>,
    /// With a headquarters: when the oldest sale not yet sent there was made.
    pub unsent_since: Option<NaiveDateTime>,
}

impl Model {
    pub fn new(
        catalog: Arc<Catalog>,
        customers: Vec<Customer>,
        staff: Vec<StaffRecord>,
        settings: Settings,
        till: &str,
        now: NaiveDateTime,
    ) -> Model {
        let search_index = Arc::new(SearchIndex::new(&catalog));
        let order = blank_order(till, 0, now);
        let totals = price(&order.cart, &settings.tax);
        Model {
            catalog,
            search_index,
            customers,
            staff,
            settings,
            bundles: Vec::new(),
            till: till.to_string(),
            session: Session::SignedOut {
                pin: TextInput::new(crate::app::pins::PIN_INPUT_MAX),
            },
            order,
            totals,
            customer: None,
            input: TextInput::new(INPUT_MAX),
            selected: None,
            overlays: Vec::new(),
            message: None,
            busy: None,
            printer: false,
            suggest: Suggest::new(PromptSettings::default()),
            pin_guards: Default::default(),
            kiosk: false,
            now,
            quit: false,
            unsaved: None,
            unsent_since: None,
        }
    }

    /// Reuses an index built elsewhere (a benchmark or a second till over the same catalog).
    pub fn with_search_index(mut self, index: Arc<SearchIndex>) -> Model {
        self.search_index = index;
        self
    }

    pub fn signed_in(&self) -> Option<&Staff> {
        match &self.session {
            Session::SignedIn { staff } => Some(staff),
            Session::SignedOut { .. } => None,
        }
    }

    /// Whether Enter now submits a PIN (the sign-in screen, or a manager's approval).
    pub fn awaits_pin(&self) -> bool {
        matches!(self.top(), Some(Overlay::Approve(_)))
            || (self.overlays.is_empty() && matches!(self.session, Session::SignedOut { .. }))
    }

    pub fn top(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// Where the next key goes.
    pub fn context(&self) -> Context {
        match (&self.session, self.overlays.last()) {
            (Session::SignedOut { .. }, _) => Context::SignIn,
            (_, None) if self.kiosk => Context::KioskMain,
            (_, None) => Context::Main,
            (_, Some(overlay)) => overlay.context(),
        }
    }

    pub fn cart(&self) -> &Cart {
        &self.order.cart
    }

    /// Once a payment is taken the amount due is fixed: the lines may no longer change.
    pub fn payments_taken(&self) -> bool {
        self.order
            .tender
            .as_ref()
            .is_some_and(|t| !t.payments().is_empty())
    }

    pub fn reprice(&mut self) {
        self.totals = price_with_bundles(&self.order.cart, &self.settings.tax, &self.bundles);
    }

    /// Puts in the catalog, customers and bundles loaded after the first screen.
    pub fn install(
        &mut self,
        catalog: Arc<Catalog>,
        customers: Vec<Customer>,
        bundles: Vec<Bundle>,
    ) {
        self.search_index = Arc::new(SearchIndex::new(&catalog));
        self.catalog = catalog;
        self.customers = customers;
        self.bundles = bundles;
        self.reprice();
    }

    /// Sets the shop's bundles and prices the order with them.
    pub fn with_bundles(mut self, bundles: Vec<Bundle>) -> Model {
        self.bundles = bundles;
        self.reprice();
        self
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            tone,
            at: self.now,
        });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(Tone::Info, text);
    }

    pub fn success(&mut self, text: impl Into<String>) {
        self.say(Tone::Success, text);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.say(Tone::Warning, text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Tone::Error, text);
    }
}

pub fn blank_order(till: &str, staff_id: i64, now: NaiveDateTime) -> OrderDraft {
    OrderDraft {
        id: uuid::Uuid::new_v4().to_string(),
        till: till.to_string(),
        staff_id,
        customer: None,
        cart: Cart::new(),
        tender: None,
        started_at: now,
        approvals: Vec::new(),
        holdout: false,
        offers: None,
    }
}
