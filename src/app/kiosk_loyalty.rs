//! A loyalty card at the kiosk: the customer's code, printed as a barcode, scanned like an
//! item. It attaches the customer to the basket, so that the offers can follow what they
//! bought before, and greets them by their first name only: a kiosk's screen is read by
//! whoever stands near it, so neither the full name nor any other detail is shown.

use crate::app::action::Effect;
use crate::app::model::Model;
use crate::domain::people::Customer;

/// The customer whose card this code is, if any (codes are matched whole, case ignored).
pub fn card<'a>(customers: &'a [Customer], code: &str) -> Option<&'a Customer> {
    let code = code.trim();
    if code.is_empty() {
        return None;
    }
    customers.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The first word of a name: what a kiosk calls its customer. None for a name with no
/// word in it (a forgotten customer's record keeps none).
pub fn first_name(name: &str) -> Option<&str> {
    name.split_whitespace().next()
}

/// "Welcome back, Ana", or without a name when there is none to say.
pub fn greeting(customer: &Customer) -> String {
    match first_name(&customer.name) {
        Some(first) => format!("Welcome back, {first}"),
        None => "Welcome back".to_string(),
    }
}

/// Attaches the card's customer to the basket and greets them. The same card scanned again
/// only greets; another card takes the place of the first.
pub fn welcome(model: &mut Model, customer: Customer) -> Vec<Effect> {
    let hello = greeting(&customer);
    let same = model
        .customer
        .as_ref()
        .is_some_and(|a| a.customer.code == customer.code);
    let effects = if same {
        Vec::new()
    } else {
        crate::app::customer::attach(model, customer)
    };
    model.success(hello);
    effects
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(code: &str, name: &str) -> Customer {
        Customer {
            code: code.into(),
            name: name.into(),
            phone: Some("512-555-0160".into()),
            email: None,
            opted_out: false,
        }
    }

    #[test]
    fn a_card_is_a_customers_whole_code_in_any_case() {
        let people = [customer("C0001", "Ana Lima"), customer("C0012", "Bo Chen")];
        assert_eq!(
            card(&people, " c0012 ").map(|c| c.name.as_str()),
            Some("Bo Chen")
        );
        assert!(card(&people, "C001").is_none(), "part of a code is no card");
        assert!(card(&people, "").is_none());
    }

    #[test]
    fn the_greeting_says_the_first_name_only() {
        assert_eq!(
            greeting(&customer("C1", "Ana Maria Lima")),
            "Welcome back, Ana"
        );
        assert_eq!(greeting(&customer("C1", "  ")), "Welcome back");
    }
}
