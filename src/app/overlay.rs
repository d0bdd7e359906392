//! The layers that can open over the register. They form a stack; the topmost gets the
//! key first, and each declares the keymap context its keys are read in.

use crate::app::input::TextInput;
use crate::app::keymap::Context;
use crate::app::search::SearchState;
use crate::domain::cart::Discount;
use crate::domain::money::Money;
use crate::domain::order::{HeldOrder, PastOrder, RefundTo};
use crate::domain::tender::TenderKind;

#[derive(Debug)]
pub enum Overlay {
    Help,
    Search(SearchState),
    Customer(CustomerOverlay),
    Tender(TenderOverlay),
    Entry(Entry),
    Approve(Approve),
    Void(VoidOverlay),
    Held(HeldOverlay),
    Returns(ReturnsOverlay),
    Receipt(ReceiptOverlay),
    Reports(Box<crate::app::reports::ReportsState>),
    Audit(crate::app::audit::AuditState),
    Day(Box<crate::app::day::DayState>),
    /// A shopper finding a product by department or by name (a kiosk's F3 or Enter).
    KioskFinder(Box<crate::app::kiosk_finder::Finder>),
    /// A shopper asked to empty the basket: yes, or keep it.
    StartOver,
    /// A kiosk waits for staff to allow an age-restricted item (`app::age_check`).
    AgeCheck(crate::app::age_check::AgeCheck),
    /// A kiosk's order is parked: the number to give at the counter (`app::kiosk_park`).
    Parked(crate::app::kiosk_park::ParkSlip),
    /// Trainees' progress, over the reports.
    Training(Box<crate::app::training_progress::ProgressState>),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help => Context::Help,
            Overlay::Search(_) => Context::Search,
            Overlay::Customer(CustomerOverlay::Find { .. }) => Context::CustomerFind,
            Overlay::Customer(CustomerOverlay::New(_)) => Context::CustomerNew,
            Overlay::Tender(_) => Context::Tender,
            Overlay::Entry(Entry {
                kind: EntryKind::Discount(_),
                ..
            }) => Context::DiscountEntry,
            Overlay::Entry(_) => Context::Entry,
            Overlay::Approve(_) => Context::Approve,
            Overlay::Void(_) => Context::Void,
            Overlay::Held(_) => Context::Held,
            Overlay::Returns(ReturnsOverlay::Lookup { .. }) => Context::ReturnsLookup,
            Overlay::Returns(ReturnsOverlay::Lines(_)) => Context::ReturnsLines,
            Overlay::Receipt(_) => Context::Receipt,
            Overlay::Reports(_) => Context::Reports,
            Overlay::Audit(_) => Context::Audit,
            Overlay::Day(d) if d.is_counting() => Context::DayCount,
            Overlay::Day(_) => Context::Day,
            Overlay::KioskFinder(_) => Context::KioskFinder,
            Overlay::StartOver => Context::KioskStartOver,
            Overlay::AgeCheck(_) => Context::AgeCheck,
            Overlay::Parked(_) => Context::Parked,
            Overlay::Training(_) => Context::Training,
        }
    }

    /// Overlays without a text field must not swallow a scan. A receipt opens by itself
    /// when a sale completes, possibly while the scanner is already reading the next
    /// customer's item; help and the held-orders list only show things. Printable keys go
    /// through them to the scan line (closing them) instead of being lost.
    pub fn passes_scans(&self) -> bool {
        matches!(
            self,
            Overlay::Receipt(_)
                | Overlay::Help
                | Overlay::Held(_)
                | Overlay::StartOver
                | Overlay::Parked(_)
        )
    }
}

#[derive(Debug)]
pub enum CustomerOverlay {
    Find {
        query: TextInput,
        /// Indexes into `Model::customers`.
        matches: Vec<usize>,
        selected: usize,
    },
    New(NewCustomer),
}

#[derive(Debug, Default)]
pub struct NewCustomer {
    /// name, phone, email
    pub fields: [TextInput; 3],
    pub focus: usize,
}

impl NewCustomer {
    pub const LABELS: [&'static str; 3] = ["Name", "Phone", "E-mail"];

    pub fn new() -> NewCustomer {
        NewCustomer {
            fields: [TextInput::new(60), TextInput::new(24), TextInput::new(80)],
            focus: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenderField {
    Amount,
    /// A card's authorisation reference, asked after its amount.
    Reference,
}

#[derive(Debug)]
pub struct TenderOverlay {
    pub kind: TenderKind,
    pub field: TenderField,
    pub amount: TextInput,
    pub reference: TextInput,
    /// At a kiosk: "pay at the counter" is chosen instead of the card.
    pub at_counter: bool,
}

impl Default for TenderOverlay {
    fn default() -> Self {
        TenderOverlay::new()
    }
}

impl TenderOverlay {
    pub fn new() -> TenderOverlay {
        TenderOverlay {
            kind: TenderKind::Cash,
            field: TenderField::Amount,
            amount: TextInput::new(16),
            reference: TextInput::new(24),
            at_counter: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountTarget {
    Line(usize),
    Order,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Quantity(usize),
    Discount(DiscountTarget),
    Price(usize),
}

/// A small prompt for one value about the order: a quantity, a discount, a price.
#[derive(Debug)]
pub struct Entry {
    pub kind: EntryKind,
    pub input: TextInput,
}

/// What a manager is asked to allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Discount {
        target: DiscountTarget,
        discount: Discount,
    },
    Price {
        line: usize,
        price: Money,
    },
    Refund(RefundPlan),
    /// Open the reports screen: sales figures are for managers.
    Reports,
    /// Voiding an order on which a payment was already taken.
    Void {
        reason: String,
    },
    /// Leaving self-service mode: to the sign-in screen, or closing the program.
    LeaveKiosk {
        quit: bool,
    },
}

#[derive(Debug)]
pub struct Approve {
    pub request: Request,
    /// Why the manager is being asked, shown above the PIN field.
    pub reason: String,
    pub pin: TextInput,
}

#[derive(Debug)]
pub struct VoidOverlay {
    pub selected: usize,
    /// A reason typed in replaces the chosen one.
    pub typed: TextInput,
}

pub const VOID_REASONS: [&str; 4] = [
    "Customer changed their mind",
    "Wrong items rung up",
    "Price dispute",
    "Payment declined",
];

impl VoidOverlay {
    pub fn reason(&self) -> String {
        let typed = self.typed.text().trim();
        if typed.is_empty() {
            VOID_REASONS[self.selected].to_string()
        } else {
            typed.to_string()
        }
    }
}

#[derive(Debug)]
pub struct HeldOverlay {
    pub orders: Vec<HeldOrder>,
    pub selected: usize,
}

#[derive(Debug)]
pub enum ReturnsOverlay {
    Lookup { receipt: TextInput },
    Lines(RefundPlan),
}

/// A return being prepared: which units of which lines of a past order go back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundPlan {
    pub past: PastOrder,
    /// Units to return, per line of `past`.
    pub qty: Vec<i64>,
    pub selected: usize,
    /// Back to the tenders of the sale unless the cashier chose one (Tab).
    pub tender: RefundTo,
    /// An item scanned (or its SKU typed) to mark one more unit of it as coming back.
    pub scan: TextInput,
}

impl RefundPlan {
    pub fn new(past: PastOrder) -> RefundPlan {
        let qty = vec![0; past.lines.len()];
        RefundPlan {
            past,
            qty,
            selected: 0,
            tender: RefundTo::Original,
            scan: TextInput::new(64),
        }
    }

    pub fn amount(&self) -> Money {
        self.past
            .lines
            .iter()
            .zip(&self.qty)
            .map(|(line, &q)| line.refund_for(q))
            .sum()
    }

    pub fn units(&self) -> i64 {
        self.qty.iter().sum()
    }

    /// Where the refund goes, per tender.
    pub fn split(&self) -> Vec<(TenderKind, Money)> {
        self.past.refund_split(self.amount(), self.tender)
    }

    /// "card $200.00 + cash $14.32", or the tender alone when there is one.
    pub fn split_text(&self) -> String {
        let split = self.split();
        match split.as_slice() {
            [] => match self.tender {
                RefundTo::Original => "the tenders paid with".into(),
                RefundTo::Only(kind) => kind.as_str().into(),
            },
            [(kind, _)] => kind.as_str().into(),
            many => many
                .iter()
                .map(|(kind, m)| format!("{} {m}", kind.as_str()))
                .collect::<Vec<_>>()
                .join(" + "),
        }
    }
}

/// A receipt on screen after a sale or refund; the change due is shown big.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptOverlay {
    pub number: String,
    pub text: String,
    pub total: Money,
    pub change: Money,
    pub refund: bool,
    pub scroll: u16,
    /// The sale's order id while the customer's answer to "was the suggestion helpful?" is
    /// wanted (a suggestion was accepted on it).
    pub feedback_for: Option<String>,
    /// How the sale was paid (a kiosk's finish screen names the card payment).
    pub payments: Vec<crate::domain::tender::Payment>,
}
