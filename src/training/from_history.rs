//! Practice from the shop's own past orders: the order's dearest item is what the customer
//! comes for, the other things they really bought with it are the good offers, and a
//! persona is drawn from their history (what they owned before, what they usually buy,
//! how much they spend) under an invented name, so practice never runs out and looks like
//! this shop's trade. The same seed draws the same scenarios.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::domain::catalog::{Catalog, Product};
use crate::domain::money::Money;
use crate::training::dice::Dice;
use crate::training::scenario::{Card, Item, Judged, Level, Persona, Scenario, Sensitivity};

/// A past order as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastOrder {
    pub id: String,
    /// The shop's customer id, when the order had one.
    pub customer: Option<String>,
    /// When it was placed, as the store writes it (sortable).
    pub at: String,
    pub skus: Vec<String>,
}

/// First names for generated customers: never a real customer's name.
const NAMES: &[&str] = &[
    "Alex", "Bea", "Cyril", "Dina", "Elif", "Farid", "Greta", "Hamza", "Ines", "Jonas", "Kemi",
    "Luca", "Mira", "Nils", "Oona", "Pavel", "Rosa", "Sami", "Tilde", "Umar", "Vera", "Wren",
    "Yusuf", "Zoe",
];
/// How many unrelated products a generated scenario names as bad offers.
const BAD_OFFERS: usize = 2;

fn item(p: &Product) -> Item {
    Item {
        sku: p.sku.clone(),
        name: p.name.clone(),
        category: p.category.clone(),
        price: p.price,
    }
}

/// Which categories were ever bought in one order with which.
fn together(orders: &[PastOrder], catalog: &Catalog) -> HashMap<String, BTreeSet<String>> {
    let mut pairs: HashMap<String, BTreeSet<String>> = HashMap::new();
    for o in orders {
        let cats: BTreeSet<&str> = o
            .skus
            .iter()
            .filter_map(|s| catalog.by_sku(s))
            .map(|p| p.category.as_str())
            .collect();
        for a in &cats {
            let entry = pairs.entry((*a).to_string()).or_default();
            entry.extend(cats.iter().map(|c| (*c).to_string()));
        }
    }
    pairs
}

/// Up to `count` scenarios drawn from the orders with a known customer and at least one
/// add-on, each built from one order.
pub fn scenarios(
    orders: &[PastOrder],
    catalog: &Catalog,
    seed: u64,
    count: usize,
) -> Vec<Scenario> {
    let mut dice = Dice::new(seed);
    let mut by_customer: BTreeMap<&str, Vec<&PastOrder>> = BTreeMap::new();
    for o in orders {
        if let Some(c) = &o.customer {
            by_customer.entry(c.as_str()).or_default().push(o);
        }
    }
    let mut candidates: Vec<&PastOrder> = orders
        .iter()
        .filter(|o| o.customer.is_some())
        .filter(|o| {
            let known: BTreeSet<&str> = o
                .skus
                .iter()
                .filter(|s| catalog.by_sku(s).is_some())
                .map(String::as_str)
                .collect();
            // Practice starts from something people come in for, not a refill.
            let main = known
                .iter()
                .filter_map(|s| catalog.by_sku(s))
                .max_by(|a, b| a.price.cmp(&b.price));
            known.len() >= 2 && main.is_some_and(|p| p.durable && !p.is_service())
        })
        .collect();
    candidates.sort_by(|a, b| a.id.cmp(&b.id));
    let pairs = together(orders, catalog);
    let mut out = Vec::new();
    while out.len() < count && !candidates.is_empty() {
        let order = candidates.swap_remove(dice.index(candidates.len()));
        let history = by_customer
            .get(order.customer.as_deref().unwrap_or(""))
            .cloned()
            .unwrap_or_default();
        out.push(build(order, &history, catalog, &pairs, &mut dice));
    }
    out
}

/// The scenario made from one order (by its id, as `history-ID` names it), with the
/// persona drawn by `seed`.
pub fn for_order(orders: &[PastOrder], catalog: &Catalog, id: &str, seed: u64) -> Option<Scenario> {
    let order = orders.iter().find(|o| o.id.eq_ignore_ascii_case(id))?;
    let distinct: BTreeSet<&str> = order
        .skus
        .iter()
        .filter(|s| catalog.by_sku(s).is_some())
        .map(String::as_str)
        .collect();
    if order.customer.is_none() || distinct.len() < 2 {
        return None;
    }
    let history: Vec<&PastOrder> = orders
        .iter()
        .filter(|o| o.customer == order.customer)
        .collect();
    let pairs = together(orders, catalog);
    Some(build(
        order,
        &history,
        catalog,
        &pairs,
        &mut Dice::new(seed),
    ))
}

fn build(
    order: &PastOrder,
    history: &[&PastOrder],
    catalog: &Catalog,
    pairs: &HashMap<String, BTreeSet<String>>,
    dice: &mut Dice,
) -> Scenario {
    let mut products: Vec<&Product> = Vec::new();
    for sku in &order.skus {
        if let Some(p) = catalog.by_sku(sku)
            && !products.iter().any(|q| q.sku == p.sku)
        {
            products.push(p);
        }
    }
    // The dearest item is what they came for; ties go to the first scanned.
    let main_at = products
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| a.price.cmp(&b.price).then(j.cmp(i)))
        .map_or(0, |(i, _)| i);
    let main = products.remove(main_at);
    let addons = products;
    let name = NAMES[dice.index(NAMES.len())].to_string();

    let earlier: Vec<&Product> = history
        .iter()
        .filter(|o| o.at < order.at)
        .flat_map(|o| o.skus.iter())
        .filter_map(|s| catalog.by_sku(s))
        .collect();
    let mut owns: Vec<Item> = Vec::new();
    for p in &earlier {
        let again = addons.iter().any(|a| a.sku == p.sku) || p.sku == main.sku;
        if p.durable && !again && !owns.iter().any(|i| i.sku == p.sku) && owns.len() < 5 {
            owns.push(item(p));
        }
    }
    let mut cats: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &earlier {
        *cats.entry(p.category.as_str()).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = cats.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let usually_buys = if top.is_empty() {
        "nothing here before".to_string()
    } else {
        let names: Vec<String> = top.iter().take(3).map(|(c, _)| c.to_lowercase()).collect();
        format!("mostly {}", names.join(", "))
    };

    let addon_total: i64 = addons.iter().map(|p| p.price.minor()).sum();
    let total = main.price.minor() + addon_total;
    let price_sensitivity = if addon_total * 5 > main.price.minor() {
        Sensitivity::Low
    } else if addon_total * 12 > main.price.minor() {
        Sensitivity::Medium
    } else {
        Sensitivity::High
    };
    // A quarter above what they spent, to the whole unit above.
    let budget = Money::from_minor((total * 5 / 4 + 99) / 100 * 100);
    let patience = 2 + dice.index(3) as u8;

    let good_offers = addons
        .iter()
        .map(|p| Judged {
            item: item(p),
            why: format!("{name}'s real order had it with the {}", main.name),
        })
        .collect::<Vec<_>>();
    let seen = pairs.get(&main.category);
    let mut unrelated: Vec<&Product> = catalog
        .products()
        .iter()
        .filter(|p| p.active && p.sku != main.sku)
        .filter(|p| seen.is_none_or(|s| !s.contains(&p.category)))
        .filter(|p| !owns.iter().any(|o| o.sku == p.sku))
        .collect();
    let mut bad_offers = Vec::new();
    while bad_offers.len() < BAD_OFFERS && !unrelated.is_empty() {
        let p = unrelated.swap_remove(dice.index(unrelated.len()));
        bad_offers.push(Judged {
            item: item(p),
            why: format!(
                "nobody here has ever bought {} with {}",
                p.category.to_lowercase(),
                main.category.to_lowercase()
            ),
        });
    }
    let level = match good_offers.len() {
        1 => Level::Easy,
        2 => Level::Medium,
        _ => Level::Hard,
    };
    Scenario {
        id: format!("history-{}", order.id.to_lowercase()),
        level,
        title: format!("From the history: the {} and what went with it", main.name),
        persona: Persona {
            name,
            came_for: format!("the {}", main.name),
            greeting: format!("Hi, I'd like the {}, please.", main.name),
            owns,
            usually_buys,
            budget,
            price_sensitivity,
            patience,
            loyalty_card: order.customer.clone(),
            hidden_need: None,
            objections: Vec::new(),
        },
        buys: vec![item(main)],
        good_offers,
        bad_offers,
        card: Card::Approved,
        source: format!("history order {}", order.id),
    }
}

#[cfg(test)]
#[path = "from_history_tests.rs"]
mod tests;
