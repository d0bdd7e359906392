//! Customers with stable habits, and the shop's staff.
//!
//! A loyalty customer keeps a favourite brand per device shelf, two interests that make
//! some missions likelier, a spending level, how often they come, and (for about a third)
//! a printer bought before the history starts, which brings them back for ink.

use std::collections::HashSet;
use std::io::Write;

use super::catalog::{Catalog, CategoryId, SHELVES, Token};
use super::dice::{Dice, Pool};
use super::missions::MISSIONS;

#[derive(Debug, Clone)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// Relative visit frequency.
    pub visits: f64,
    /// Missions this customer does three times as often as others.
    pub interests: [usize; 2],
    pub brands: Vec<(CategoryId, &'static str)>,
    /// Prefers the upper tiers of a family.
    pub premium: bool,
    /// Durables bought here (product indexes): never bought again.
    pub owned: Vec<u32>,
    /// Fit keys of devices they own, for accessories that must fit them.
    pub fits: Vec<Token>,
    pub printer: Option<Token>,
    /// A next ink visit is on the calendar.
    pub ink_scheduled: bool,
}

impl Customer {
    pub fn brand_for(&self, c: CategoryId) -> Option<&'static str> {
        self.brands.iter().find(|(k, _)| *k == c).map(|(_, b)| *b)
    }
}

const FIRST: &[&str] = &[
    "Jordan", "Ana", "Marcus", "Priya", "Liam", "Sofia", "Noah", "Emma", "Mateo", "Olivia",
    "Ethan", "Ava", "Lucas", "Mia", "Aiden", "Isabella", "Caleb", "Chloe", "Daniel", "Grace",
    "Elijah", "Harper", "Gabriel", "Layla", "Samuel", "Zoe", "Henry", "Nora", "Owen", "Leah",
    "Isaac", "Hannah", "Wei", "Mei", "Arjun", "Aisha", "Kenji", "Yuki", "Omar", "Fatima", "Diego",
    "Camila", "Tomas", "Elena", "Felix", "Ingrid", "Kofi", "Amara", "Ravi", "Sana", "Jonah",
    "Ruby", "Theo", "Iris", "Miles", "Hazel", "Leon", "Clara", "Victor", "Naomi", "Hugo", "Stella",
    "Andre", "Julia", "Malik", "Tessa", "Rowan", "Vera", "Emil", "Lucia",
];

const LAST: &[&str] = &[
    "Lee",
    "Garcia",
    "Patel",
    "Nguyen",
    "Smith",
    "Johnson",
    "Kim",
    "Chen",
    "Martinez",
    "Brown",
    "Okafor",
    "Rossi",
    "Muller",
    "Silva",
    "Kowalski",
    "Haddad",
    "Tanaka",
    "Singh",
    "Novak",
    "Lopez",
    "Anderson",
    "Thompson",
    "Walker",
    "Young",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Carter",
    "Mitchell",
    "Perez",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Reed",
    "Bailey",
    "Bell",
    "Gomez",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Diaz",
    "Richardson",
    "Wood",
    "Watson",
    "Brooks",
    "Bennett",
    "Gray",
    "James",
    "Reyes",
    "Hughes",
    "Price",
    "Myers",
    "Long",
    "Foster",
    "Sanders",
    "Ross",
    "Ortiz",
    "Kovacs",
    "Nair",
];

/// Brands that sell on several device shelves, so that loyalty to one shows.
const HOUSE_BRANDS: &[&str] = &[
    "Solara", "Solara", "Solara", "Pixelon", "Pixelon", "Lumetra", "Halden", "Viewra", "Sonnet",
    "Auralis", "Bassline", "Homely",
];

/// Area codes for `AAA-555-01xx`, the range set aside for fiction.
const AREAS: &[&str] = &[
    "312", "415", "206", "512", "617", "303", "404", "503", "612", "702", "718", "801", "919",
    "213", "305", "469", "602", "720", "973", "614",
];

pub fn customers(seed: u64, count: usize, orders: u64, catalog: &Catalog) -> Vec<Customer> {
    let mut dice = Dice::fork(seed, 2);
    let width = digits(count).max(4);
    let mission_weights: Vec<f64> = MISSIONS.iter().map(|m| m.weight).collect();
    let device_shelves: Vec<CategoryId> = (0..SHELVES.len() as CategoryId)
        .filter(|c| SHELVES[*c as usize].device)
        .collect();
    let printers = catalog.shelf_pool(super::catalog::category_id("Printers"));
    let mut names_used = HashSet::new();
    let mut emails_used = HashSet::new();
    let phone_slots = phone_slots(&mut dice);
    // A third of the loyalty base owns a printer, unless that many refills (about six
    // a year each) would crowd out a tenth of all orders: with few orders per customer,
    // as in a benchmark shop, fewer of them print.
    let printer_share = (0.1 * orders as f64 / (6.5 * count as f64)).min(0.32);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let (first, last) = unique_name(&mut dice, &mut names_used);
        let email = email(&mut dice, first, last, &mut emails_used);
        let phone = phone_slots.get(i).cloned().unwrap_or_default();
        // u^3 spreads visits the way a loyalty base does: a few regulars, many occasionals.
        let u = dice.unit();
        let visits = 0.15 + 4.0 * u * u * u;
        let interests = [
            dice.weighted(&mission_weights),
            dice.weighted(&mission_weights),
        ];
        // Most people have a house brand (their phone's maker, say) that they prefer on
        // every shelf it sells on; elsewhere they lean to what sells.
        let house = dice.chance(0.7).then(|| *dice.pick(HOUSE_BRANDS));
        let brands = device_shelves
            .iter()
            .filter_map(|c| {
                let brands = catalog.brands_of(*c);
                if brands.is_empty() {
                    return None;
                }
                if let Some(h) = house.filter(|h| brands.iter().any(|(b, _)| b == h)) {
                    return Some((*c, h));
                }
                let w: Vec<f64> = brands.iter().map(|(_, w)| *w).collect();
                Some((*c, brands[dice.weighted(&w)].0))
            })
            .collect();
        let mut customer = Customer {
            id: format!("C{:0width$}", i + 1),
            name: format!("{first} {last}"),
            phone,
            email,
            visits,
            interests,
            brands,
            premium: dice.chance(0.25),
            owned: Vec::new(),
            fits: Vec::new(),
            printer: None,
            ink_scheduled: false,
        };
        if dice.chance(printer_share)
            && let Some(p) = printers.draw(&mut dice)
        {
            own(&mut customer, catalog, p);
        }
        out.push(customer);
    }
    out
}

/// Records a durable purchase: the item is not bought again, and its accessories now fit.
pub fn own(customer: &mut Customer, catalog: &Catalog, product: u32) {
    let p = &catalog.products[product as usize];
    let shelf = catalog.shelf_of(p);
    if !shelf.durable {
        return;
    }
    customer.owned.push(product);
    if shelf.device {
        for t in &p.fits {
            if !customer.fits.contains(t) {
                customer.fits.push(*t);
            }
        }
        if shelf.name == "Printers" {
            customer.printer = p.fits.first().copied();
        }
    }
}

/// The draw pool of customers by how often they come.
pub fn visit_pool(customers: &[Customer]) -> Pool {
    let mut pool = Pool::default();
    for (i, c) in customers.iter().enumerate() {
        pool.push(i as u32, c.visits);
    }
    pool
}

fn unique_name(
    dice: &mut Dice,
    used: &mut HashSet<(&'static str, &'static str)>,
) -> (&'static str, &'static str) {
    // Names may repeat only once the combinations run short, as they do in a big city.
    for _ in 0..20 {
        let pair = (*dice.pick(FIRST), *dice.pick(LAST));
        if used.insert(pair) {
            return pair;
        }
    }
    (*dice.pick(FIRST), *dice.pick(LAST))
}

fn email(dice: &mut Dice, first: &str, last: &str, used: &mut HashSet<String>) -> String {
    let domain = if dice.chance(0.7) {
        "example.com"
    } else {
        "example.org"
    };
    let base = match dice.below(3) {
        0 => format!("{}.{}", first, last),
        1 => format!("{}{}", &first[..1], last),
        _ => format!("{}_{}", first, last),
    }
    .to_lowercase();
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            format!("{base}@{domain}")
        } else {
            format!("{base}{n}@{domain}")
        };
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// Every distinct fictional number, shuffled; customers past the last one give none.
fn phone_slots(dice: &mut Dice) -> Vec<String> {
    let mut slots: Vec<String> = AREAS
        .iter()
        .flat_map(|a| (0..100).map(move |n| format!("{a}-555-01{n:02}")))
        .collect();
    for i in (1..slots.len()).rev() {
        slots.swap(i, dice.index(i + 1));
    }
    slots
}

pub fn write_customers<W: Write>(out: W, customers: &[Customer]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["customer_id", "name", "phone", "email"])?;
    for c in customers {
        w.write_record([&c.id, &c.name, &c.phone, &c.email])?;
    }
    w.flush()?;
    Ok(())
}

/// The shop's team. The PINs are printed in `assets/README.md`; the store hashes them
/// on import.
pub const STAFF: &[(&str, &str, &str, &str)] = &[
    ("S01", "Dana Whitfield", "manager", "4826"),
    ("S02", "Ana Kovacs", "cashier", "1357"),
    ("S03", "Marcus Reyes", "cashier", "2468"),
    ("S04", "Priya Nair", "trainee", "9035"),
];

pub fn write_staff<W: Write>(out: W) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["staff_id", "name", "role", "pin"])?;
    for (id, name, role, pin) in STAFF {
        w.write_record([id, name, role, pin])?;
    }
    w.flush()?;
    Ok(())
}

pub fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}
