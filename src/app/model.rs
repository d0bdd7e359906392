//! Everything the register knows at one moment. UI state is spelled as enums (which screen,
//! which overlay, what is in flight) rather than boolean flags, so impossible combinations
//! cannot be represented.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::app::backend::Unsent;
use crate::app::input::TextInput;
use crate::app::keymap::Context;
use crate::app::offers::Offers;
use crate::app::overlay::Overlay;
use crate::app::search::SearchIndex;
use crate::domain::bundle::Bundle;
use crate::domain::cart::Cart;
use crate::domain::catalog::Catalog;
use crate::domain::lockout::{PinGuard, PinSubject};
use crate::domain::order::OrderDraft;
use crate::domain::people::{Customer, CustomerSummary, Staff};
use crate::domain::pricing::{Totals, price, price_with_bundles};
use crate::domain::settings::Settings;
use crate::recommend::engine::Engine;
use crate::timing::PromptSettings;

/// Longest code the input line takes: a quantity, a star and a long SKU with room to spare.
pub const INPUT_MAX: usize = 64;

pub use crate::domain::people::StaffRecord;

/// Who works the till. Everything that differs between a staffed till and a customer's
/// kiosk asks this one value, so a new mode cannot be half-applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Staff sign in with their PIN and have every key their role allows.
    #[default]
    Staffed,
    /// A self-service till: nobody signs in, staff-only keys are absent, nothing that needs
    /// an age check is offered, and leaving (sign out or quit) takes a manager's PIN.
    Kiosk,
    /// Practice at the till (`app::training_mode`): a staffed till whose sales, offers and
    /// customers go to a sandbox, with receipts marked and never printed and a simulated
    /// card terminal. A trainee's sign-in, or a till opened for practice.
    Training,
}

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
    /// The card terminal is charging the customer's card (a kiosk).
    Charging,
    Holding,
    /// A kiosk's order is being parked for the counter.
    Parking,
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
    /// The offers panel: its timing engine, the recommender, what was offered.
    pub offers: Offers,
    /// Wrong-PIN counts and locks as last known from the store, by subject.
    pub pin_guards: BTreeMap<PinSubject, PinGuard>,
    pub mode: Mode,
    /// Who trains on this till, and what a scenario asks of its card terminal.
    pub training: crate::app::training_mode::Training,
    /// The practice customers served in training, when a practice runs.
    pub practice: Option<crate::app::training_session::Practice>,
    /// The time of the last action, for the header clock.
    pub now: NaiveDateTime,
    pub quit: bool,
    /// Why the order on screen could not be saved, until a save succeeds. The order stays
    /// on screen, and the till is not left (sign-out, quit) while it is the only copy.
    pub unsaved: Option<String>,
    /// Why the store takes no writes (a full disk, a read-only file), until one succeeds:
    /// meanwhile no payment is started (`app::store_health`).
    pub store_down: Option<String>,
    /// The id the next new order takes: `update` draws it from the source it is given
    /// before each action that may need it, so a handler never draws one itself.
    pub(crate) next_order_id: Option<uuid::Uuid>,
    /// How many messages have been said, so a reader can tell a new one from the last one
    /// said again (a script step's answer).
    said: u64,
    /// What of the store's sales headquarters has not confirmed (`app::unsent`).
    pub unsent: Unsent,
    /// When the store was last asked about them.
    pub(crate) unsent_checked: Option<NaiveDateTime>,
    /// When leaving the kiosk was last refused for them: a second try soon after may force it.
    pub(crate) leave_refused_at: Option<NaiveDateTime>,
    /// A kiosk's wait for keys before it starts over (`app::idle`).
    pub idle: crate::app::idle::IdleTimer,
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
        // Signed out there is no order yet: this one only holds the place, and signing in
        // replaces it with an order of its own id.
        let order = blank_order(uuid::Uuid::nil(), till, 0, now);
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
            offers: Offers::new(PromptSettings::default()),
            pin_guards: Default::default(),
            mode: Mode::Staffed,
            training: Default::default(),
            practice: None,
            now,
            quit: false,
            unsaved: None,
            store_down: None,
            next_order_id: None,
            said: 0,
            unsent: Unsent::default(),
            unsent_checked: None,
            leave_refused_at: None,
            idle: crate::app::idle::IdleTimer::new(Default::default(), now),
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
            (_, None) if self.mode == Mode::Kiosk => Context::KioskMain,
            (_, None) => Context::Main,
            (_, Some(Overlay::Tender(_))) if self.mode == Mode::Kiosk => Context::KioskTender,
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

    /// A new, empty order for `staff_id` on this till, with the id drawn for it. Should one
    /// action start two, the second's id comes from the first's: still unique, still the
    /// same on a replay.
    pub fn new_order(&mut self, staff_id: i64) -> OrderDraft {
        let id = self.next_order_id.take().unwrap_or_else(|| {
            let last = uuid::Uuid::parse_str(&self.order.id).unwrap_or_default();
            uuid::Uuid::new_v5(&last, b"next order")
        });
        blank_order(id, &self.till, staff_id, self.now)
    }

    /// The panel's timing, and the recommender if it is already built (`building` when it
    /// is on its way: the panel says so rather than look broken).
    pub fn with_offers(
        mut self,
        settings: PromptSettings,
        engine: Option<Arc<Engine>>,
        building: bool,
    ) -> Model {
        self.offers = Offers::new(settings);
        self.offers.engine = engine;
        self.offers.loading = building;
        self
    }

    /// Whether every receipt is also printed.
    pub fn with_printer(mut self, printer: bool) -> Model {
        self.printer = printer;
        self
    }

    /// Wrong-PIN counts and locks as the store holds them, so a restart gives no fresh tries.
    pub fn with_pin_guards(mut self, guards: BTreeMap<PinSubject, PinGuard>) -> Model {
        self.pin_guards = guards;
        self
    }

    /// A till that is not staffed the usual way (a kiosk opens with `Action::OpenKiosk`).
    pub fn with_mode(mut self, mode: Mode) -> Model {
        self.mode = mode;
        self
    }

    /// How long a kiosk waits for a key before its countdown, and how long that lasts.
    pub fn with_kiosk_settings(mut self, settings: crate::timing::KioskSettings) -> Model {
        self.idle = crate::app::idle::IdleTimer::new(settings, self.now);
        self
    }

    /// Practice customers for a training till: the first arrives once someone signs in.
    pub fn with_practice(mut self, practice: crate::app::training_session::Practice) -> Model {
        self.practice = Some(practice);
        self
    }

    /// A first line for the status bar (that the demo shop was just created).
    pub fn with_notice(mut self, notice: Option<String>) -> Model {
        if let Some(notice) = notice {
            self.info(notice);
        }
        self
    }

    /// What of the store's sales headquarters has not confirmed, as the till opens.
    pub fn with_unsent(mut self, unsent: Unsent) -> Model {
        self.unsent = unsent;
        self
    }

    /// Sets the shop's bundles and prices the order with them.
    pub fn with_bundles(mut self, bundles: Vec<Bundle>) -> Model {
        self.bundles = bundles;
        self.reprice();
        self
    }

    /// Messages said so far (a count that only grows).
    pub fn messages_said(&self) -> u64 {
        self.said
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.said += 1;
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

pub fn blank_order(id: uuid::Uuid, till: &str, staff_id: i64, now: NaiveDateTime) -> OrderDraft {
    OrderDraft {
        id: id.to_string(),
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
