//! The words of an offer: a reason the customer can weigh, and a short line the salesperson
//! can say. An offer of value, never pressure: every line asks, none insists.

use crate::domain::catalog::Product;
use crate::domain::money::Money;

/// "3 of 4 who bought UltraBook 15 also took Laptop Sleeve 15"".
pub fn pair(together: u32, antecedent_orders: u32, antecedent: &str, p: &Product) -> String {
    format!(
        "{together} of {antecedent_orders} who bought {antecedent} also took {}",
        p.name
    )
}

pub fn pair_script(antecedent: &str, p: &Product) -> String {
    format!(
        "Many people pick up the {} with the {antecedent}. Would you like to see it?",
        p.name
    )
}

pub fn history(orders_with: u32, orders: u32, p: &Product) -> String {
    format!(
        "Bought on {orders_with} of your {orders} visits: {}",
        p.name
    )
}

pub fn history_script(p: &Product) -> String {
    format!("You often pick up {}. Need one today?", p.name)
}

pub fn popular(orders_with: u32, orders: u32, p: &Product) -> String {
    format!(
        "{} is one of our most bought items ({orders_with} of {orders} orders)",
        p.name
    )
}

pub fn popular_script(p: &Product) -> String {
    format!(
        "A lot of customers add {} — anything you are missing?",
        p.name
    )
}

pub fn due(p: &Product, days_since: i64, interval_days: i64) -> String {
    format!(
        "You bought {} {days_since} days ago; it usually lasts about {interval_days} days",
        p.name
    )
}

pub fn due_script(p: &Product) -> String {
    format!(
        "It may be time for new {}. Shall I add one so you don't run out?",
        p.name
    )
}

pub fn upsell(from: &Product, to: &Product) -> String {
    format!(
        "{} instead of {}: {} more",
        to.name,
        from.name,
        to.price - from.price
    )
}

pub fn upsell_script(from: &Product, to: &Product) -> String {
    format!(
        "For {} more there is the {}. Want me to show you the difference from the {}?",
        to.price - from.price,
        to.name,
        from.name
    )
}

pub fn bundle(bundle: &str, p: &Product, saving: Money) -> String {
    format!("Add {} to complete the {bundle} and save {saving}", p.name)
}

pub fn bundle_script(bundle: &str, p: &Product, saving: Money) -> String {
    format!(
        "With the {} you'd have the whole {bundle} and save {saving}. Interested?",
        p.name
    )
}
