//! The card terminal a kiosk charges through. A shopper's card is charged by the terminal,
//! never typed in: the register asks for the order's amount and gets back an approval's
//! reference or the reason it was declined. This build has a simulated terminal; a real one
//! is another implementation of `CardTerminal`.

use std::sync::Arc;

use crate::domain::money::Money;

pub trait CardTerminal: std::fmt::Debug + Send + Sync {
    /// Charges `amount` for the order `order_id`: the approval's reference, or why the
    /// card was declined. Waits for the customer (a real terminal has its own timeout).
    fn charge(&self, order_id: &str, amount: Money) -> Result<String, String>;
}

/// A terminal that approves every charge up to `limit` and declines any above it, so that
/// both answers can be tried at the demo shop (a laptop over the limit is declined).
#[derive(Debug, Clone)]
pub struct SimulatedTerminal {
    pub limit: Money,
}

/// The simulated card's limit.
pub const SIMULATED_LIMIT: Money = Money::from_minor(200_000);

impl Default for SimulatedTerminal {
    fn default() -> SimulatedTerminal {
        SimulatedTerminal {
            limit: SIMULATED_LIMIT,
        }
    }
}

impl CardTerminal for SimulatedTerminal {
    fn charge(&self, order_id: &str, amount: Money) -> Result<String, String> {
        if amount > self.limit {
            return Err(format!("over the card's limit of {}", self.limit));
        }
        let short: String = order_id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect();
        Ok(format!("SIM-{}", short.to_uppercase()))
    }
}

/// The terminal a till charges through (the simulated one unless one is plugged in).
#[derive(Debug, Clone)]
pub struct Card(pub Arc<dyn CardTerminal>);

impl Default for Card {
    fn default() -> Card {
        Card(Arc::new(SimulatedTerminal::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulated_terminal_approves_up_to_its_limit_and_declines_above() {
        let t = SimulatedTerminal {
            limit: Money::from_minor(10_000),
        };
        assert_eq!(
            t.charge("3f2a-91bc-77", Money::from_minor(10_000))
                .as_deref(),
            Ok("SIM-3F2A91BC")
        );
        let no = t.charge("3f2a", Money::from_minor(10_001)).unwrap_err();
        assert!(no.contains("limit of $100.00"), "{no}");
    }
}
