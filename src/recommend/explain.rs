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

/// The line to say, no stronger than the evidence: "many people" only when a large share
/// surely do (the lower bound of the share, not the share itself).
pub fn pair_script(together: u32, antecedent_orders: u32, antecedent: &str, p: &Product) -> String {
    let sure = crate::recommend::budget::lower_bound(together, antecedent_orders);
    if sure >= 0.25 {
        format!(
            "Many people pick up the {} with the {antecedent}. Would you like to see it?",
            p.name
        )
    } else if sure >= 0.08 {
        format!(
            "The {} goes well with the {antecedent}. Would you like to see it?",
            p.name
        )
    } else {
        format!(
            "Customers who buy the {antecedent} sometimes add the {}. Shall I show you?",
            p.name
        )
    }
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
    format!("{} is in {orders_with} of {orders} orders", p.name)
}

/// Popularity says nothing about this cart, and "a lot of customers" would overstate 19 of
/// 6,000: the line only asks.
pub fn popular_script(p: &Product) -> String {
    format!("Anything else today? We also have the {}.", p.name)
}

pub fn due(p: &Product, days_since: i64, interval_days: i64) -> String {
    format!(
        "Last bought {days_since} days ago: {} is usually bought again after about {interval_days} days",
        p.name
    )
}

pub fn due_script(p: &Product) -> String {
    format!(
        "Are you running low on the {}? Shall I add one so you don't run out?",
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

/// The bundle is named as a set ("the “Battery stock-up” set"), so any name reads right.
pub fn bundle(bundle: &str, p: &Product, saving: Money) -> String {
    format!(
        "Add the {} to complete the set “{bundle}” and save {saving}",
        p.name
    )
}

pub fn bundle_script(bundle: &str, p: &Product, saving: Money) -> String {
    format!(
        "With the {} you'd have the whole set “{bundle}” and save {saving}. Interested?",
        p.name
    )
}
