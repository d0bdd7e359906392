//! The close of day on the till: a manager opens the X report from the reports screen
//! (Ctrl+R, their PIN, `d`), closes the day typing the cash counted, and the store records
//! the Z report under their name. Drawn over `TestBackend` at 80×24 and at tiny sizes.

use crate::register_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use register_support::{CASHIER_PIN, MANAGER_PIN, at, model};
use xsell::app::overlay::Overlay;
use xsell::app::{Action, Key, Model};
use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::money::Money;
use xsell::domain::order::OrderDraft;
use xsell::domain::people::Role;
use xsell::domain::pricing::{TaxRates, price};
use xsell::domain::tender::Tendering;
use xsell::runtime::{Outputs, dispatch};
use xsell::store::Store;

struct Counter {
    model: Model,
    store: Store,
    ids: xsell::app::SeededIds,
    outputs: Outputs,
    _dir: tempfile::TempDir,
}

impl Counter {
    /// A till on a store that sold two things this morning: 54.00 cash and 108.00 card.
    fn new() -> Counter {
        let mut store = Store::open_in_memory().unwrap();
        xsell::import::catalog::import(
            &mut store,
            "sku,name,category,price,stock\nHUB,USB hub,Hubs,50.00,9\nCASE,Case,Cases,100.00,9\n"
                .as_bytes(),
            "c.csv",
            "2026-01-01T00:00:00",
        )
        .unwrap();
        // The same ids as the till's staff list: 1 the cashier, 2 the manager.
        store
            .upsert_staff("ANA", "Ana", Role::Cashier, CASHIER_PIN)
            .unwrap();
        store
            .upsert_staff("MAX", "Max", Role::Manager, MANAGER_PIN)
            .unwrap();
        let catalog = store.load_catalog().unwrap();
        for (sku, card, minute) in [("HUB", false, 10), ("CASE", true, 40)] {
            let mut cart = Cart::new();
            cart.add(catalog.by_sku(sku).unwrap(), 1, LineOrigin::Manual)
                .unwrap();
            let total = price(&cart, &TaxRates::default()).total;
            let mut t = Tendering::new(total);
            if card {
                t.pay_card(None, "A1".into()).unwrap();
            } else {
                t.pay_cash(total).unwrap();
            }
            let d = OrderDraft {
                id: uuid::Uuid::new_v4().to_string(),
                till: "Till 1".into(),
                staff_id: 1,
                customer: None,
                cart,
                tender: Some(t),
                started_at: at(10, minute),
                approvals: Vec::new(),
                holdout: false,
                offers: None,
            };
            store
                .complete_sale(&d, &TaxRates::default(), at(10, minute + 1))
                .unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let mut counter = Counter {
            model: model(at(18, 0)),
            store,
            ids: xsell::app::SeededIds::new(1),
            outputs: Outputs {
                receipts_dir: dir.path().join("receipts"),
                escpos_device: None,
                card: Default::default(),
            },
            _dir: dir,
        };
        counter.type_text(&format!("{CASHIER_PIN}\n"));
        counter
    }

    fn key(&mut self, key: Key) {
        dispatch(
            &mut self.model,
            &mut self.store,
            &self.outputs,
            &mut self.ids,
            Action::Key(key),
            at(18, 0),
        );
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(if c == '\n' { Key::Enter } else { Key::Char(c) });
        }
    }

    fn message(&self) -> String {
        self.model
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    fn render(&self, width: u16, height: u16) -> TestBackend {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| xsell::ui::view(&self.model, f)).unwrap();
        terminal.backend().clone()
    }

    /// Ctrl+R, the manager's PIN, then `d`.
    fn open_day(&mut self) {
        self.key(Key::Ctrl('r'));
        self.type_text(&format!("{MANAGER_PIN}\n"));
        assert!(matches!(self.model.top(), Some(Overlay::Reports(_))));
        self.key(Key::Char('d'));
    }
}

#[test]
fn a_manager_reads_the_x_report_and_closes_the_day_on_the_till() {
    let mut till = Counter::new();
    till.open_day();
    let Some(Overlay::Day(state)) = till.model.top() else {
        panic!("no close-of-day screen")
    };
    let report = state.report.clone().expect("the figures are loaded");
    assert_eq!(report.sales.count, 2);
    assert_eq!(report.cash.expected, Money::from_minor(5_400));
    insta::assert_snapshot!("x_report_80x24", till.render(80, 24));

    till.key(Key::Char('c'));
    // Only an amount goes in, and what is refused is said.
    till.type_text("5o");
    assert!(
        till.message().contains("'o' is not part of an amount"),
        "{}",
        till.message()
    );
    till.type_text("0.00");
    insta::assert_snapshot!("counting_80x24", till.render(80, 24));
    till.key(Key::Enter);
    assert!(
        till.message()
            .contains("Day closed: Z 1 · counted $50.00 · short -$4.00"),
        "{}",
        till.message()
    );
    insta::assert_snapshot!("z_report_80x24", till.render(80, 24));
    let (z, by): (i64, i64) = till
        .store
        .conn()
        .query_row("SELECT z_no, staff_id FROM day_closes", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((z, by), (1, 2), "closed under the manager's name");

    // A second close is refused on the till too.
    till.key(Key::Char('c'));
    assert!(
        till.message().contains("already closed"),
        "{}",
        till.message()
    );
    // Esc goes back to the reports, then to the order.
    till.key(Key::Esc);
    assert!(matches!(till.model.top(), Some(Overlay::Reports(_))));
}

#[test]
fn the_day_screen_at_tiny_sizes_does_not_panic_nor_cut_a_figure() {
    let mut till = Counter::new();
    till.open_day();
    let narrow = till.render(32, 12).to_string();
    for figure in ["$162.00", "$54.00", "$108.00"] {
        assert!(narrow.contains(figure), "{figure} cut:\n{narrow}");
    }
    for (w, h) in [(1, 1), (10, 3), (30, 8), (40, 12)] {
        till.render(w, h);
    }
    till.key(Key::Char('c'));
    for (w, h) in [(1, 1), (10, 3), (30, 8)] {
        till.render(w, h);
    }
}

#[test]
fn a_closed_day_still_offered_c_close_the_day() {
    let mut till = Counter::new();
    till.open_day();
    let offered = |till: &Counter| {
        till.model
            .hints()
            .iter()
            .any(|(b, _)| b.key == Key::Char('c'))
    };
    assert!(offered(&till), "an open day can be closed");
    till.key(Key::Char('c'));
    till.type_text("54.00\n");
    assert!(till.message().contains("Day closed"), "{}", till.message());
    assert!(
        !offered(&till),
        "the hint bar offers a close that would only be refused: {:?}",
        till.model.hints()
    );
}
