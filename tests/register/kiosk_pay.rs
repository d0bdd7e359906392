//! Money at the kiosk is only money: no cash, nothing typed; the card terminal charges the
//! whole amount and answers, and a declined card returns the shopper to the basket.

use std::sync::Arc;

use crate::register_support;

use register_support::*;
use xsell::app::model::Busy;
use xsell::app::overlay::Overlay;
use xsell::app::{Action, Effect, Key};
use xsell::domain::money::Money;
use xsell::domain::people::{Role, Staff};
use xsell::domain::tender::TenderKind;
use xsell::runtime::TillMode;
use xsell::runtime::card::{Card, SimulatedTerminal};

/// A kiosk whose simulated card terminal approves up to `limit`.
fn kiosk_with_limit(limit: Money) -> Till {
    Till::new_with(|spec, _| {
        spec.outputs.card = Card(Arc::new(SimulatedTerminal { limit }));
        spec.mode = TillMode::Kiosk(Staff {
            id: 99,
            code: "KIOSK".into(),
            name: "Self-service".into(),
            role: Role::SelfService,
        });
    })
}

#[test]
fn a_kiosk_takes_the_whole_amount_by_card_and_never_cash() {
    let mut till = crate::roles::kiosk();
    till.scan("HUB-7");
    till.key(Key::F(12));
    // Typing an amount or switching to cash does nothing at a kiosk.
    till.type_text("5");
    till.key(Key::Tab);
    let hinted: Vec<&str> = till.model.hints().iter().map(|(_, l)| *l).collect();
    assert!(hinted.contains(&"pay by card"), "{hinted:?}");
    assert!(!hinted.iter().any(|l| l.contains("cash")), "{hinted:?}");
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    let payments = &till.backend.sales[0].payments;
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].kind, TenderKind::Card);
    assert!(
        payments[0]
            .reference
            .as_deref()
            .is_some_and(|r| r.starts_with("SIM-")),
        "{payments:?}"
    );
    assert!(matches!(till.model.top(), Some(Overlay::Receipt(_))));
}

#[test]
fn a_declined_card_returns_to_the_basket_which_is_kept() {
    let mut till = kiosk_with_limit(Money::from_minor(100));
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert!(till.backend.sales.is_empty());
    assert!(till.model.top().is_none(), "back at the basket");
    assert!(till.is_error());
    let said = till.message();
    assert!(
        said.starts_with("Card declined (over the card's limit"),
        "{said}"
    );
    assert!(said.contains("basket is kept"), "{said}");
    assert_eq!(till.lines().len(), 1);
    assert!(!till.model.payments_taken());
    // Trying again asks the terminal again.
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert!(till.message().starts_with("Card declined"));
}

#[test]
fn while_the_terminal_charges_no_key_starts_another_charge_or_leaves() {
    let mut till = crate::roles::kiosk();
    till.scan("HUB-7");
    till.key(Key::F(12));
    let effects = till.update_only(Action::Key(Key::Enter));
    let charges = |e: &[Effect]| {
        e.iter()
            .filter(|e| matches!(e, Effect::ChargeCard { .. }))
            .count()
    };
    assert_eq!(charges(&effects), 1);
    assert_eq!(till.model.busy, Some(Busy::Charging));
    for key in [Key::Enter, Key::Esc, Key::Char('9'), Key::Tab] {
        let again = till.update_only(Action::Key(key));
        assert_eq!(charges(&again), 0, "{key:?}");
    }
    assert!(matches!(till.model.top(), Some(Overlay::Tender(_))));
    // The terminal approves: the sale completes with that reference.
    till.act(Action::CardCharged(Ok("TERM-0042".into())));
    assert_eq!(till.backend.sales.len(), 1);
    assert_eq!(
        till.backend.sales[0].payments[0].reference.as_deref(),
        Some("TERM-0042")
    );
}

#[test]
fn a_staff_till_still_takes_cash() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1);
    assert_eq!(till.backend.sales[0].payments[0].kind, TenderKind::Cash);
}
