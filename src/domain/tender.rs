//! Taking payment: cash with change, card with a reference, split across tenders.
//! A sale completes only when what is paid equals what is due, never more on a card.

use crate::domain::money::{MAX_MINOR, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TenderKind {
    Cash,
    Card,
}

impl TenderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TenderKind::Cash => "cash",
            TenderKind::Card => "card",
        }
    }

    pub fn parse(s: &str) -> Option<TenderKind> {
        match s {
            "cash" => Some(TenderKind::Cash),
            "card" => Some(TenderKind::Card),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Payment {
    pub kind: TenderKind,
    /// The part of the sale this payment settles.
    pub amount: Money,
    /// What the customer handed over (cash may exceed `amount`; the difference is change).
    pub tendered: Money,
    pub reference: Option<String>,
}

impl Payment {
    pub fn change(&self) -> Money {
        self.tendered - self.amount
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TenderError {
    #[error("nothing is due")]
    NothingDue,
    #[error("an amount must be more than zero")]
    NotPositive,
    #[error("{0} is more than a till takes")]
    TooLarge(Money),
    #[error("a card cannot be charged {amount}: only {remaining} is due")]
    CardOverpay { amount: Money, remaining: Money },
}

/// Payments against an amount due.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Tendering {
    due: Money,
    payments: Vec<Payment>,
}

impl Tendering {
    pub fn new(due: Money) -> Tendering {
        Tendering {
            due,
            payments: Vec::new(),
        }
    }

    pub fn due(&self) -> Money {
        self.due
    }

    pub fn payments(&self) -> &[Payment] {
        &self.payments
    }

    pub fn paid(&self) -> Money {
        self.payments.iter().map(|p| p.amount).sum()
    }

    pub fn remaining(&self) -> Money {
        (self.due - self.paid()).max(Money::ZERO)
    }

    pub fn is_settled(&self) -> bool {
        self.paid() >= self.due
    }

    pub fn change(&self) -> Money {
        self.payments.iter().map(Payment::change).sum()
    }

    /// Cash handed over: settles up to what remains; anything above is change.
    pub fn pay_cash(&mut self, given: Money) -> Result<Money, TenderError> {
        self.check(given)?;
        let amount = given.min(self.remaining());
        let payment = Payment {
            kind: TenderKind::Cash,
            amount,
            tendered: given,
            reference: None,
        };
        let change = payment.change();
        self.payments.push(payment);
        Ok(change)
    }

    /// A card charge: the rest when no amount is given, never more than what remains.
    pub fn pay_card(
        &mut self,
        amount: Option<Money>,
        reference: String,
    ) -> Result<(), TenderError> {
        let remaining = self.remaining();
        let amount = amount.unwrap_or(remaining);
        self.check(amount)?;
        if amount > remaining {
            return Err(TenderError::CardOverpay { amount, remaining });
        }
        self.payments.push(Payment {
            kind: TenderKind::Card,
            amount,
            tendered: amount,
            reference: Some(reference),
        });
        Ok(())
    }

    fn check(&self, amount: Money) -> Result<(), TenderError> {
        if self.remaining() == Money::ZERO {
            return Err(TenderError::NothingDue);
        }
        if amount <= Money::ZERO {
            return Err(TenderError::NotPositive);
        }
        if amount.minor() > MAX_MINOR {
            return Err(TenderError::TooLarge(amount));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(minor: i64) -> Money {
        Money::from_minor(minor)
    }

    #[test]
    fn cash_gives_change() {
        let mut t = Tendering::new(m(134_784));
        assert_eq!(t.pay_cash(m(140_000)), Ok(m(5_216)));
        assert!(t.is_settled());
        assert_eq!(t.change(), m(5_216));
        assert_eq!(t.paid(), m(134_784));
    }

    #[test]
    fn split_card_then_cash() {
        let mut t = Tendering::new(m(10_000));
        t.pay_card(Some(m(6_000)), "AUTH1".into()).unwrap();
        assert_eq!(t.remaining(), m(4_000));
        assert!(!t.is_settled());
        assert_eq!(t.pay_cash(m(5_000)), Ok(m(1_000)));
        assert!(t.is_settled());
    }

    #[test]
    fn card_never_overpays_and_nothing_is_taken_when_settled() {
        let mut t = Tendering::new(m(1_000));
        assert_eq!(
            t.pay_card(Some(m(1_001)), "X".into()),
            Err(TenderError::CardOverpay {
                amount: m(1_001),
                remaining: m(1_000)
            })
        );
        t.pay_card(None, "X".into()).unwrap();
        assert_eq!(t.pay_cash(m(1)), Err(TenderError::NothingDue));
        assert_eq!(
            Tendering::new(m(5)).pay_cash(m(0)),
            Err(TenderError::NotPositive)
        );
        assert_eq!(
            Tendering::new(m(5)).pay_cash(m(-5)),
            Err(TenderError::NotPositive)
        );
    }

    proptest! {
        #[test]
        fn change_is_never_negative_on_a_completed_sale(due in 1i64..10_000_000, gifts in proptest::collection::vec(1i64..5_000_000, 1..8)) {
            let mut t = Tendering::new(m(due));
            for g in gifts {
                if t.is_settled() { break; }
                t.pay_cash(m(g)).unwrap();
            }
            prop_assert!(t.change() >= Money::ZERO);
            prop_assert!(t.paid() <= t.due());
            if t.is_settled() { prop_assert_eq!(t.paid(), t.due()); }
        }
    }
}
