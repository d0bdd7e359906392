//! Which key does what, as data. Every screen and overlay has a context with its own table;
//! the status bar and the help overlay are drawn from the same tables, so what the cashier
//! reads is what the keys do.
//!
//! On the main screen letters and digits always belong to the input line (a scanner types
//! them), so commands live on function keys, Ctrl, Alt, arrows, Del and Esc. The suggestion
//! panel answers to F11, Alt chords and Tab, which no scanner or search ever types.

use crate::app::key::Key;

/// Where a key goes: the sign-in screen, the main register screen, or the topmost overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    SignIn,
    Main,
    /// The main screen of a self-service till: no staff-only keys.
    KioskMain,
    /// A shopper's product finder: departments, their products, or a name typed.
    KioskFinder,
    /// "Start over?" at a kiosk: empty the basket, or keep it.
    KioskStartOver,
    Help,
    Search,
    CustomerFind,
    CustomerNew,
    Tender,
    Entry,
    DiscountEntry,
    Approve,
    Void,
    Held,
    ReturnsLookup,
    ReturnsLines,
    Receipt,
    Reports,
    Audit,
    /// The close of day over the reports, and typing the cash counted to close it.
    Day,
    DayCount,
    /// A kiosk's payment: by card, or parked to pay at the counter.
    KioskTender,
    /// A kiosk waits for staff to allow an age-restricted item.
    AgeCheck,
    /// The number a kiosk's shopper gives at the counter.
    Parked,
    /// Trainees' progress, over the reports.
    Training,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Help,
    Customer,
    Search,
    HoldRecall,
    Quantity,
    Discount,
    Returns,
    Void,
    PriceOverride,
    Pay,
    SignOut,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    RemoveLine,
    Submit,
    Close,
    Erase,
    ClearInput,
    NextField,
    PrevField,
    NewCustomer,
    Detach,
    More,
    Less,
    /// The suggestion panel: add the selected offer, or offer 1…3 directly.
    AcceptOffer,
    AcceptNth(u8),
    DeclineOffer,
    LaterOffer,
    NextOffer,
    /// The customer's answer to "was the suggestion helpful?".
    Helpful,
    NotHelpful,
    SkipFeedback,
    /// Open the managers' reports (asks a manager's PIN).
    Reports,
    /// The audit trail, from the reports screen.
    AuditTrail,
    /// The close of day (X report), from the reports screen.
    DayReport,
    /// Trainees' progress, from the reports screen.
    TrainingProgress,
    /// Close the day: type the cash counted (Z report).
    CloseDay,
    /// Change how a list is sorted.
    Sort,
    /// A conversation move with a practice customer (training only).
    Converse(crate::training::customer::Move),
    /// A printable character for the context's text field.
    Type(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub command: Command,
    /// What the status bar says; empty for keys too obvious to list (Backspace).
    pub label: &'static str,
}

impl Binding {
    /// What the help screen calls the key: its label, or for a key too obvious for the
    /// status bar, what it does.
    pub fn help_label(&self) -> &'static str {
        match (self.label, self.command) {
            ("", Command::Erase) => "erase",
            ("", Command::ClearInput) => "clear",
            ("", Command::AcceptNth(_)) => "add offer 1, 2 or 3",
            ("", Command::Quit) => "quit",
            ("", Command::SignOut) => "staff: leave self-service",
            ("", _) => "",
            (label, _) => label,
        }
    }
}

const fn b(key: Key, command: Command, label: &'static str) -> Binding {
    Binding {
        key,
        command,
        label,
    }
}

use crate::training::customer::Move;
use Command as C;

const SIGN_IN: &[Binding] = &[
    b(Key::Enter, C::Submit, "sign in"),
    b(Key::Esc, C::ClearInput, "clear"),
    b(Key::Backspace, C::Erase, ""),
    b(Key::Ctrl('q'), C::Quit, "quit"),
];

const MAIN: &[Binding] = &[
    b(Key::Enter, C::Submit, "add"),
    b(Key::F(1), C::Help, "help"),
    b(Key::F(2), C::Customer, "customer"),
    b(Key::F(3), C::Search, "search"),
    b(Key::F(4), C::HoldRecall, "hold/recall"),
    b(Key::F(5), C::Quantity, "qty"),
    b(Key::F(6), C::Discount, "discount"),
    b(Key::F(7), C::Returns, "returns"),
    b(Key::F(8), C::Void, "void"),
    b(Key::F(9), C::PriceOverride, "price"),
    b(Key::F(12), C::Pay, "pay"),
    b(Key::F(11), C::AcceptOffer, "add offer"),
    b(Key::Alt('1'), C::AcceptNth(0), ""),
    b(Key::Alt('2'), C::AcceptNth(1), ""),
    b(Key::Alt('3'), C::AcceptNth(2), ""),
    b(Key::Alt('n'), C::DeclineOffer, "no thanks"),
    b(Key::Alt('l'), C::LaterOffer, "later"),
    b(Key::Tab, C::NextOffer, "next offer"),
    b(Key::Alt('a'), C::Converse(Move::AskNeed), "ask"),
    b(Key::Alt('e'), C::Converse(Move::ExplainValue), "explain"),
    b(Key::Alt('s'), C::Converse(Move::ScriptLine), "script line"),
    b(
        Key::Alt('o'),
        C::Converse(Move::HandleObjection),
        "objection",
    ),
    b(
        Key::Alt('x'),
        C::Converse(Move::StopOffering),
        "stop offering",
    ),
    b(Key::Up, C::Up, "line"),
    b(Key::Down, C::Down, "line"),
    b(Key::Delete, C::RemoveLine, "remove"),
    b(Key::Esc, C::ClearInput, "clear"),
    b(Key::Backspace, C::Erase, ""),
    b(Key::Ctrl('u'), C::ClearInput, ""),
    b(Key::Ctrl('r'), C::Reports, "reports"),
    b(Key::F(10), C::SignOut, "sign out"),
    b(Key::Ctrl('q'), C::Quit, "quit"),
];

/// A shopper's keys: arrows, Enter, Esc and two function keys (F11 takes the offer on
/// screen, F12 pays), each hinted in the shopper's words (`Model::label` words Enter and
/// Esc by what they do now). F10 and Ctrl+Q are the staff's door out (a manager's PIN):
/// never hinted, since a shopper has no use for them.
const KIOSK_MAIN: &[Binding] = &[
    b(Key::Enter, C::Submit, "add"),
    b(Key::Up, C::Up, "choose an item"),
    b(Key::Down, C::Down, "choose an item"),
    b(Key::Left, C::Less, "fewer / more"),
    b(Key::Right, C::More, "fewer / more"),
    b(Key::F(11), C::AcceptOffer, "yes, add the offer"),
    b(Key::Esc, C::ClearInput, "clear"),
    b(Key::F(12), C::Pay, "pay"),
    b(Key::Backspace, C::Erase, ""),
    b(Key::F(10), C::SignOut, ""),
    b(Key::Ctrl('q'), C::Quit, ""),
];

const KIOSK_FINDER: &[Binding] = &[
    b(Key::Enter, C::Submit, "open"),
    b(Key::Up, C::Up, "choose"),
    b(Key::Down, C::Down, "choose"),
    b(Key::PageUp, C::PageUp, ""),
    b(Key::PageDown, C::PageDown, ""),
    b(Key::Esc, C::Close, "back"),
    b(Key::Backspace, C::Erase, ""),
];

const KIOSK_START_OVER: &[Binding] = &[
    b(Key::Enter, C::Submit, "yes, empty my basket"),
    b(Key::Esc, C::Close, "no, keep my basket"),
];

const HELP: &[Binding] = &[
    b(Key::Esc, C::Close, "close"),
    b(Key::Enter, C::Close, ""),
    b(Key::F(1), C::Close, ""),
];

const SEARCH: &[Binding] = &[
    b(Key::Enter, C::Submit, "add"),
    b(Key::Up, C::Up, "move"),
    b(Key::Down, C::Down, "move"),
    b(Key::PageUp, C::PageUp, "page"),
    b(Key::PageDown, C::PageDown, "page"),
    b(Key::Esc, C::Close, "close"),
    b(Key::Backspace, C::Erase, ""),
    b(Key::Ctrl('u'), C::ClearInput, "clear"),
];

const CUSTOMER_FIND: &[Binding] = &[
    b(Key::Enter, C::Submit, "attach"),
    b(Key::Up, C::Up, "move"),
    b(Key::Down, C::Down, "move"),
    b(Key::Ctrl('n'), C::NewCustomer, "new customer"),
    b(Key::Ctrl('d'), C::Detach, "detach"),
    b(Key::Esc, C::Close, "close"),
    b(Key::Backspace, C::Erase, ""),
];

const CUSTOMER_NEW: &[Binding] = &[
    b(Key::Enter, C::Submit, "save"),
    b(Key::Tab, C::NextField, "next field"),
    b(Key::Down, C::NextField, ""),
    b(Key::BackTab, C::PrevField, "previous"),
    b(Key::Up, C::PrevField, ""),
    b(Key::Esc, C::Close, "back"),
    b(Key::Backspace, C::Erase, ""),
];

const TENDER: &[Binding] = &[
    b(Key::Enter, C::Submit, "take payment"),
    b(Key::Tab, C::NextField, "cash/card"),
    b(Key::Esc, C::Close, "back to order"),
    b(Key::Backspace, C::Erase, ""),
    b(Key::F(11), C::AcceptOffer, "add offer"),
    b(Key::Alt('1'), C::AcceptNth(0), ""),
    b(Key::Alt('2'), C::AcceptNth(1), ""),
    b(Key::Alt('3'), C::AcceptNth(2), ""),
    b(Key::Alt('n'), C::DeclineOffer, "no thanks"),
];

const ENTRY: &[Binding] = &[
    b(Key::Enter, C::Submit, "apply"),
    b(Key::Esc, C::Close, "cancel"),
    b(Key::Backspace, C::Erase, ""),
];

const DISCOUNT_ENTRY: &[Binding] = &[
    b(Key::Enter, C::Submit, "apply"),
    b(Key::Tab, C::NextField, "line/order"),
    b(Key::Esc, C::Close, "cancel"),
    b(Key::Backspace, C::Erase, ""),
];

const APPROVE: &[Binding] = &[
    b(Key::Enter, C::Submit, "approve"),
    b(Key::Esc, C::Close, "cancel"),
    b(Key::Backspace, C::Erase, ""),
];

const VOID: &[Binding] = &[
    b(Key::Enter, C::Submit, "void order"),
    b(Key::Up, C::Up, "reason"),
    b(Key::Down, C::Down, "reason"),
    b(Key::Esc, C::Close, "keep order"),
    b(Key::Backspace, C::Erase, ""),
];

const HELD: &[Binding] = &[
    b(Key::Enter, C::Submit, "recall"),
    b(Key::Up, C::Up, "move"),
    b(Key::Down, C::Down, "move"),
    b(Key::Esc, C::Close, "close"),
];

const RETURNS_LOOKUP: &[Binding] = &[
    b(Key::Enter, C::Submit, "find receipt"),
    b(Key::Esc, C::Close, "close"),
    b(Key::Backspace, C::Erase, ""),
];

const RETURNS_LINES: &[Binding] = &[
    b(Key::Enter, C::Submit, "refund"),
    b(Key::Up, C::Up, "line"),
    b(Key::Down, C::Down, "line"),
    b(Key::Right, C::More, "return more"),
    b(Key::Left, C::Less, "return fewer"),
    b(Key::Tab, C::NextField, "as paid/cash/card"),
    b(Key::Esc, C::Close, "close"),
    b(Key::Backspace, C::Erase, ""),
];

const RECEIPT: &[Binding] = &[
    b(Key::Enter, C::Close, "next sale"),
    b(Key::Esc, C::Close, ""),
    b(Key::Up, C::Up, "scroll"),
    b(Key::Down, C::Down, "scroll"),
    b(Key::Alt('y'), C::Helpful, "helpful"),
    b(Key::Alt('n'), C::NotHelpful, "not helpful"),
    b(Key::Alt('s'), C::SkipFeedback, "skip"),
];

const KIOSK_TENDER: &[Binding] = &[
    b(Key::Enter, C::Submit, "pay by card"),
    b(Key::Up, C::Up, "card or counter"),
    b(Key::Down, C::Down, "card or counter"),
    b(Key::Esc, C::Close, "back to your basket"),
    b(Key::F(11), C::AcceptOffer, "add offer"),
    b(Key::Alt('1'), C::AcceptNth(0), ""),
    b(Key::Alt('2'), C::AcceptNth(1), ""),
    b(Key::Alt('3'), C::AcceptNth(2), ""),
    b(Key::Alt('n'), C::DeclineOffer, "no thanks"),
];

const AGE_CHECK: &[Binding] = &[
    b(Key::Enter, C::Submit, "staff PIN"),
    b(Key::Tab, C::NextField, "pay at the counter"),
    b(Key::Esc, C::Close, "take it off"),
    b(Key::Backspace, C::Erase, ""),
];

const PARKED: &[Binding] = &[b(Key::Enter, C::Close, "done"), b(Key::Esc, C::Close, "")];

const AUDIT: &[Binding] = &[
    b(Key::Esc, C::Close, "back to reports"),
    b(Key::Up, C::Up, "scroll"),
    b(Key::Down, C::Down, ""),
    b(Key::PageUp, C::PageUp, ""),
    b(Key::PageDown, C::PageDown, ""),
];

const DAY: &[Binding] = &[
    b(Key::Esc, C::Close, "back to reports"),
    b(Key::Char('c'), C::CloseDay, "close the day"),
    b(Key::Up, C::Up, "scroll"),
    b(Key::Down, C::Down, ""),
    b(Key::PageUp, C::PageUp, ""),
    b(Key::PageDown, C::PageDown, ""),
];

const DAY_COUNT: &[Binding] = &[
    b(Key::Enter, C::Submit, "close the day"),
    b(Key::Esc, C::Close, "cancel"),
    b(Key::Backspace, C::Erase, ""),
];

const TRAINING: &[Binding] = &[
    b(Key::Esc, C::Close, "back to reports"),
    b(Key::Up, C::Up, "trainee"),
    b(Key::Down, C::Down, ""),
];

const REPORTS: &[Binding] = &[
    b(Key::Esc, C::Close, "back"),
    b(Key::Char('1'), C::Type('1'), "today"),
    b(Key::Char('2'), C::Type('2'), "week"),
    b(Key::Char('3'), C::Type('3'), "month"),
    b(Key::Char('4'), C::Type('4'), "all"),
    b(Key::Left, C::Less, ""),
    b(Key::Right, C::More, ""),
    b(Key::Tab, C::NextField, "breakdown"),
    b(Key::BackTab, C::PrevField, ""),
    b(Key::Char('s'), C::Sort, "sort rules"),
    b(Key::Char('a'), C::AuditTrail, "audit trail"),
    b(Key::Char('d'), C::DayReport, "close of day"),
    b(Key::Char('t'), C::TrainingProgress, "training"),
    b(Key::Up, C::Up, "rule"),
    b(Key::Down, C::Down, ""),
    b(Key::PageUp, C::PageUp, ""),
    b(Key::PageDown, C::PageDown, ""),
];

impl Context {
    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Context::SignIn => SIGN_IN,
            Context::Main => MAIN,
            Context::KioskMain => KIOSK_MAIN,
            Context::KioskFinder => KIOSK_FINDER,
            Context::KioskStartOver => KIOSK_START_OVER,
            Context::Help => HELP,
            Context::Search => SEARCH,
            Context::CustomerFind => CUSTOMER_FIND,
            Context::CustomerNew => CUSTOMER_NEW,
            Context::Tender => TENDER,
            Context::Entry => ENTRY,
            Context::DiscountEntry => DISCOUNT_ENTRY,
            Context::Approve => APPROVE,
            Context::Void => VOID,
            Context::Held => HELD,
            Context::ReturnsLookup => RETURNS_LOOKUP,
            Context::ReturnsLines => RETURNS_LINES,
            Context::Receipt => RECEIPT,
            Context::Reports => REPORTS,
            Context::Audit => AUDIT,
            Context::Day => DAY,
            Context::DayCount => DAY_COUNT,
            Context::KioskTender => KIOSK_TENDER,
            Context::AgeCheck => AGE_CHECK,
            Context::Parked => PARKED,
            Context::Training => TRAINING,
        }
    }

    /// Contexts with a text field: unbound printable keys are typed into it.
    pub fn takes_text(self) -> bool {
        !matches!(
            self,
            Context::Help
                | Context::Held
                | Context::Receipt
                | Context::Reports
                | Context::Audit
                | Context::Day
                | Context::KioskStartOver
                | Context::KioskTender
                | Context::Parked
                | Context::Training
        )
    }

    /// What `key` means here, if anything.
    pub fn resolve(self, key: Key) -> Option<Command> {
        if let Some(binding) = self.bindings().iter().find(|b| b.key == key) {
            return Some(binding.command);
        }
        match key {
            Key::Char(c) if self.takes_text() => Some(Command::Type(c)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const ALL: [Context; 26] = [
        Context::SignIn,
        Context::Main,
        Context::KioskMain,
        Context::KioskFinder,
        Context::KioskStartOver,
        Context::Help,
        Context::Search,
        Context::CustomerFind,
        Context::CustomerNew,
        Context::Tender,
        Context::Entry,
        Context::DiscountEntry,
        Context::Approve,
        Context::Void,
        Context::Held,
        Context::ReturnsLookup,
        Context::ReturnsLines,
        Context::Receipt,
        Context::Reports,
        Context::Audit,
        Context::Day,
        Context::DayCount,
        Context::KioskTender,
        Context::AgeCheck,
        Context::Parked,
        Context::Training,
    ];

    #[test]
    fn ctrl_c_z_backslash_and_d_do_nothing_anywhere_a_shopper_can_reach() {
        // In raw mode these reach the register as keys, never as signals or end of input.
        for ctx in [
            Context::KioskMain,
            Context::Help,
            Context::Search,
            Context::Entry,
            Context::Approve,
            Context::Void,
            Context::Receipt,
            Context::KioskTender,
            Context::AgeCheck,
            Context::Parked,
        ] {
            for c in ['c', 'z', '\\', 'd', '4'] {
                assert_eq!(ctx.resolve(Key::Ctrl(c)), None, "{ctx:?} Ctrl+{c}");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in ALL {
            let mut seen = HashSet::new();
            for binding in ctx.bindings() {
                assert!(seen.insert(binding.key), "{ctx:?}: {:?} twice", binding.key);
            }
        }
    }

    #[test]
    fn letters_and_digits_on_the_main_screen_go_to_the_input_line() {
        for c in ('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .chain(['*', '-', '.'])
        {
            assert_eq!(Context::Main.resolve(Key::Char(c)), Some(Command::Type(c)));
        }
    }

    #[test]
    fn suggestion_keys_never_collide_with_scanning_or_typing() {
        for ctx in [Context::Main, Context::KioskMain, Context::Tender] {
            for b in ctx.bindings() {
                if matches!(
                    b.command,
                    Command::AcceptOffer
                        | Command::AcceptNth(_)
                        | Command::DeclineOffer
                        | Command::LaterOffer
                        | Command::NextOffer
                ) {
                    assert!(!matches!(b.key, Key::Char(_)), "{ctx:?}: {:?}", b.key);
                }
            }
        }
        assert_eq!(
            Context::Main.resolve(Key::Alt('2')),
            Some(Command::AcceptNth(1))
        );
        assert_eq!(
            Context::Main.resolve(Key::F(11)),
            Some(Command::AcceptOffer)
        );
        // Digits typed after a prompt appears are still a barcode.
        assert_eq!(
            Context::Main.resolve(Key::Char('2')),
            Some(Command::Type('2'))
        );
    }

    #[test]
    fn main_screen_commands_are_on_function_keys() {
        let expect = [
            (Key::F(1), Command::Help),
            (Key::F(2), Command::Customer),
            (Key::F(3), Command::Search),
            (Key::F(4), Command::HoldRecall),
            (Key::F(5), Command::Quantity),
            (Key::F(6), Command::Discount),
            (Key::F(7), Command::Returns),
            (Key::F(8), Command::Void),
            (Key::F(9), Command::PriceOverride),
            (Key::F(12), Command::Pay),
            (Key::Delete, Command::RemoveLine),
            (Key::Enter, Command::Submit),
        ];
        for (key, command) in expect {
            assert_eq!(Context::Main.resolve(key), Some(command), "{key:?}");
        }
    }

    #[test]
    fn every_context_can_be_left_with_escape_or_enter() {
        for ctx in ALL {
            let esc = ctx.resolve(Key::Esc);
            let enter = ctx.resolve(Key::Enter);
            assert!(
                esc.is_some() || enter.is_some(),
                "{ctx:?} traps the cashier"
            );
        }
    }

    #[test]
    fn a_kiosk_has_no_staff_only_keys() {
        for command in [
            Command::Discount,
            Command::PriceOverride,
            Command::Returns,
            Command::Customer,
            Command::HoldRecall,
        ] {
            assert!(
                Context::KioskMain
                    .bindings()
                    .iter()
                    .all(|b| b.command != command),
                "{command:?}"
            );
        }
        assert_eq!(
            Context::KioskMain.resolve(Key::Char('7')),
            Some(Command::Type('7'))
        );
    }

    #[test]
    fn overlays_without_a_text_field_ignore_stray_letters() {
        assert_eq!(Context::Held.resolve(Key::Char('x')), None);
        assert_eq!(Context::Help.resolve(Key::Char('7')), None);
        // The returns list takes a scanned item (SKUs have dashes in them).
        assert_eq!(
            Context::ReturnsLines.resolve(Key::Char('-')),
            Some(Command::Type('-'))
        );
    }
}
