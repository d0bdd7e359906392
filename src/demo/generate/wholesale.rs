//! The `wholesale` profile: a history shaped like a cash-and-carry's, for measuring the
//! engine where TechGear's small baskets never take it. A few thousand products with no
//! categories and no stock figures (as such shops export them), long-tailed basket sizes
//! (mean near 25, a few near 1,000), and repeat customers on four orders in five who buy
//! from their own usual list.
//!
//! The structure is plain so the figures it gives can be reasoned about: products belong
//! to one of `THEMES` trades (a café, an office, a kitchen…); a customer works in one or
//! two trades and keeps a usual list drawn from them; each line of an order comes from
//! that list, from the trades' shelves, or from anywhere, by fixed shares.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Context;
use chrono::{Duration, NaiveDate};

use super::dice::{Dice, Pool};

/// Trades the products are grouped in (never written out: the shop has no categories).
const THEMES: usize = 40;
/// Orders that are small top-ups (1–8 lines) rather than a restock.
const SMALL_SHARE: f64 = 0.3;
/// A restock's size is Pareto with this scale (and shape 2): its mean is twice the scale.
const RESTOCK_SCALE: f64 = 17.0;
const MAX_LINES: usize = 1_000;
/// Orders with a loyalty card.
const KNOWN_SHARE: f64 = 0.8;

pub const DEFAULT_PRODUCTS: usize = 3_800;

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub products: usize,
    pub customers: usize,
    pub orders: u64,
    pub lines: u64,
    pub largest: usize,
}

struct Customer {
    themes: [usize; 2],
    usual: Pool,
}

const NOUNS: &[&str] = &[
    "Napkins",
    "Coffee Beans",
    "Paper Cups",
    "Lids",
    "Sugar Sticks",
    "Detergent",
    "Gloves",
    "Bin Bags",
    "Foil",
    "Cling Film",
    "Flour",
    "Rice",
    "Olive Oil",
    "Tomatoes",
    "Printer Paper",
    "Pens",
    "Staples",
    "Folders",
    "Tea Bags",
    "Milk",
    "Cleaner",
    "Sponges",
    "Straws",
    "Boxes",
    "Tape",
    "Labels",
    "Towels",
    "Soap",
    "Salt",
    "Pepper",
];
const ADJECTIVES: &[&str] = &[
    "Bulk",
    "Eco",
    "Premium",
    "Value",
    "Catering",
    "Pro",
    "Classic",
    "Large",
    "Small",
    "Mixed",
    "Organic",
    "Heavy-Duty",
    "Compact",
    "Fresh",
    "Frozen",
];

/// Writes catalog.csv, customers.csv and orders.csv of a wholesale shop into `dir`.
pub fn generate(
    dir: &std::path::Path,
    seed: u64,
    products: usize,
    customers: usize,
    orders: u64,
) -> anyhow::Result<Written> {
    anyhow::ensure!(products >= THEMES, "--products must be at least {THEMES}");
    anyhow::ensure!(customers > 0, "--customers must be at least 1");
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut dice = Dice::fork(seed, 11);
    // Each trade's shelf, its best sellers first (weight 1/rank).
    let mut shelves: Vec<Pool> = vec![Pool::default(); THEMES];
    let mut everything = Pool::default();
    let mut catalog = csv::Writer::from_path(dir.join("catalog.csv"))?;
    catalog.write_record(["sku", "name", "category", "price"])?;
    for p in 0..products {
        let theme = dice.index(THEMES);
        let rank = shelves[theme].items.len() + 1;
        shelves[theme].push(p as u32, 1.0 / rank as f64);
        everything.push(p as u32, 1.0 / (1.0 + (p / THEMES) as f64));
        let name = format!(
            "{} {} {}",
            ADJECTIVES[dice.index(ADJECTIVES.len())],
            NOUNS[dice.index(NOUNS.len())],
            p + 1
        );
        // Prices from 0.50 to about 50.00, most of them low.
        let cents = 50 + dice.below(500) * dice.below(1000) / 100;
        catalog.write_record([
            sku(p),
            name,
            String::new(),
            format!("{}.{:02}", cents / 100, cents % 100),
        ])?;
    }
    catalog.flush()?;

    let mut people = csv::Writer::from_path(dir.join("customers.csv"))?;
    people.write_record(["customer_id", "name"])?;
    let buyers: Vec<Customer> = (0..customers)
        .map(|c| {
            let themes = [dice.index(THEMES), dice.index(THEMES)];
            let mut usual = Pool::default();
            let size = dice.between(20, 120) as usize;
            let mut seen = HashSet::new();
            for j in 0..size * 2 {
                let theme = themes[usize::from(dice.chance(0.3))];
                if let Some(p) = shelves[theme].draw(&mut dice)
                    && seen.insert(p)
                {
                    usual.push(p, 1.0 / (1.0 + j as f64 / 4.0));
                }
                if seen.len() == size {
                    break;
                }
            }
            people
                .write_record([format!("W{c:06}"), format!("Trade customer {}", c + 1)])
                .expect("a customer row");
            Customer { themes, usual }
        })
        .collect();
    people.flush()?;

    let file = std::fs::File::create(dir.join("orders.csv"))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    writeln!(out, "order_id,customer_id,sku,qty,unit_price,ts")?;
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let days = 304u64;
    let mut written = Written {
        products,
        customers,
        orders,
        ..Written::default()
    };
    let mut basket: HashSet<u32> = HashSet::new();
    for o in 0..orders {
        let day = first + Duration::days((o * days / orders.max(1)) as i64);
        let at = day
            .and_hms_opt(6 + dice.below(12) as u32, dice.below(60) as u32, 0)
            .expect("a time");
        let size = if dice.chance(SMALL_SHARE) {
            dice.between(1, 8) as usize
        } else {
            let u = 1.0 - dice.unit();
            ((RESTOCK_SCALE / u.sqrt()) as usize).min(MAX_LINES)
        };
        let known = dice.chance(KNOWN_SHARE);
        let who = dice.index(buyers.len());
        let themes = if known {
            buyers[who].themes
        } else {
            [dice.index(THEMES), dice.index(THEMES)]
        };
        basket.clear();
        let mut tries = 0;
        while basket.len() < size.min(products) && tries < size * 8 {
            tries += 1;
            // A restock larger than the trades' shelves takes the rest from anywhere.
            let x = if tries > size * 2 { 1.0 } else { dice.unit() };
            let p = if known && x < 0.55 {
                buyers[who].usual.draw(&mut dice)
            } else if x < 0.9 {
                shelves[themes[usize::from(dice.chance(0.3))]].draw(&mut dice)
            } else {
                everything.draw(&mut dice)
            };
            if let Some(p) = p {
                basket.insert(p);
            }
        }
        let customer = if known {
            format!("W{who:06}")
        } else {
            String::new()
        };
        let mut lines: Vec<u32> = basket.iter().copied().collect();
        lines.sort_unstable();
        for p in &lines {
            writeln!(
                out,
                "{},{customer},{},{},,{}",
                o + 1,
                sku(*p as usize),
                1 + dice.below(6),
                at.format("%Y-%m-%dT%H:%M:%S")
            )?;
        }
        written.lines += lines.len() as u64;
        written.largest = written.largest.max(lines.len());
    }
    out.flush()?;
    Ok(written)
}

fn sku(p: usize) -> String {
    format!("WS{:05}", p + 1)
}
