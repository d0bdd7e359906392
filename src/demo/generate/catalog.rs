//! The shop's catalog as the generator sees it: the CSV columns plus what the shopper
//! model needs and the CSV does not carry — which device an accessory fits and how
//! popular an item is on its shelf. Category-wide facts (tax class, durability, margin,
//! stock depth) live in one table so that 250 products and 100,000 agree on them.

use std::collections::HashMap;
use std::io::Write;

use crate::domain::ean;
use crate::domain::money::Money;

use super::dice::{Dice, Pool};

pub type CategoryId = u16;
pub type Token = u32;

#[derive(Debug, Clone)]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub category: CategoryId,
    pub brand: &'static str,
    pub price: Money,
    pub cost: Money,
    pub stock: u32,
    pub barcode: String,
    /// Upsell ladder key; empty for items that stand alone.
    pub family: String,
    pub tier: u8,
    /// For an accessory: the device keys it fits (a phone family, a laptop size, an ink
    /// series); empty means it fits anything. For a device: its own keys.
    pub fits: Vec<Token>,
    /// Relative share of its shelf's sales.
    pub popularity: f64,
    pub age_restricted: bool,
}

/// What holds for every product of a category.
#[derive(Debug, Clone, Copy)]
pub struct Shelf {
    pub name: &'static str,
    pub tax_class: &'static str,
    /// Someone who owns one does not need another soon.
    pub durable: bool,
    /// A device that starts a shopping mission, as opposed to what goes with one.
    pub device: bool,
    /// Cost as a share of price, in per mille.
    pub cost_permille: i64,
    pub stock: (i64, i64),
}

const fn shelf(
    name: &'static str,
    tax_class: &'static str,
    durable: bool,
    device: bool,
    cost_permille: i64,
    stock: (i64, i64),
) -> Shelf {
    Shelf {
        name,
        tax_class,
        durable,
        device,
        cost_permille,
        stock,
    }
}

const STD: &str = "standard";

/// Every category of the shop. Memory cards, cables, screen protectors and watch bands
/// are not durable: people lose, break or collect them and come back for more.
pub const SHELVES: &[Shelf] = &[
    shelf("Laptops", STD, true, true, 860, (2, 12)),
    shelf("Phones", STD, true, true, 840, (3, 18)),
    shelf("Tablets", STD, true, true, 850, (2, 12)),
    shelf("Headphones", STD, true, true, 620, (3, 15)),
    shelf("Earbuds", STD, true, true, 600, (4, 25)),
    shelf("Cameras", STD, true, true, 870, (1, 6)),
    shelf("Action Cameras", STD, true, true, 780, (2, 8)),
    shelf("Drones", STD, true, true, 800, (1, 5)),
    shelf("Printers", STD, true, true, 800, (2, 10)),
    shelf("Monitors", STD, true, true, 820, (2, 10)),
    shelf("TVs", STD, true, true, 850, (1, 6)),
    shelf("Game Consoles", STD, true, true, 900, (1, 8)),
    shelf("Smart Speakers", STD, true, true, 650, (4, 20)),
    shelf("Smart Lighting", STD, false, true, 550, (6, 40)),
    shelf("Smart Plugs", STD, false, true, 500, (6, 40)),
    shelf("Security Cameras", STD, true, true, 650, (3, 15)),
    shelf("Smartwatches", STD, true, true, 780, (2, 12)),
    shelf("External Storage", STD, true, true, 700, (4, 20)),
    shelf("Routers", STD, true, true, 700, (3, 12)),
    shelf("Bluetooth Speakers", STD, true, true, 600, (3, 18)),
    shelf("Soundbars", STD, true, true, 680, (1, 8)),
    shelf("Controllers", STD, true, false, 650, (3, 20)),
    shelf("Watch Bands", STD, false, false, 400, (4, 20)),
    shelf("USB Flash Drives", STD, false, false, 450, (10, 60)),
    shelf("Memory Cards", STD, false, false, 450, (10, 60)),
    shelf("Phone Cases", STD, true, false, 350, (6, 30)),
    shelf("Screen Protectors", STD, false, false, 250, (8, 40)),
    shelf("Tablet Cases", STD, true, false, 400, (4, 20)),
    shelf("Styluses", STD, true, false, 600, (3, 15)),
    shelf("Tablet Keyboards", STD, true, false, 650, (2, 10)),
    shelf("Laptop Bags", STD, true, false, 450, (4, 20)),
    shelf("Laptop Sleeves", STD, true, false, 400, (4, 20)),
    shelf("Mice", STD, true, false, 450, (6, 35)),
    shelf("Keyboards", STD, true, false, 500, (4, 20)),
    shelf("Laptop Stands", STD, true, false, 420, (4, 25)),
    shelf("USB Hubs", STD, true, false, 450, (4, 25)),
    shelf("Chargers", STD, true, false, 400, (8, 40)),
    shelf("Power Banks", STD, true, false, 480, (5, 25)),
    shelf("Wireless Chargers", STD, true, false, 450, (4, 20)),
    shelf("Cables", STD, false, false, 300, (20, 120)),
    shelf("Camera Bags", STD, true, false, 450, (2, 10)),
    shelf("Tripods", STD, true, false, 500, (2, 10)),
    shelf("Camera Batteries", STD, false, false, 550, (3, 15)),
    shelf("Webcams", STD, true, false, 550, (3, 15)),
    shelf("TV Mounts", STD, true, false, 400, (3, 15)),
    shelf("Monitor Arms", STD, true, false, 450, (2, 10)),
    shelf("Surge Protectors", STD, true, false, 400, (5, 25)),
    shelf("Ink", STD, false, false, 620, (10, 50)),
    shelf("Toner", STD, false, false, 650, (3, 15)),
    shelf("Printer Paper", STD, false, false, 550, (10, 40)),
    shelf("Batteries", STD, false, false, 450, (20, 100)),
    shelf("Cleaning", STD, false, false, 350, (8, 30)),
    shelf("Snacks & Drinks", "food", false, false, 450, (24, 96)),
    shelf(
        "Extended Warranty",
        "services",
        false,
        false,
        200,
        (999, 999),
    ),
    shelf("Setup Services", "services", false, false, 300, (999, 999)),
    shelf("Gift Services", "services", false, false, 300, (999, 999)),
];

pub fn category_id(name: &str) -> CategoryId {
    SHELVES
        .iter()
        .position(|s| s.name == name)
        .unwrap_or_else(|| panic!("unknown category {name}")) as CategoryId
}

/// Where a brand's barcodes start: a GS1 country prefix by where the brand "is from".
const BRAND_ORIGINS: &[(&str, u32)] = &[
    ("Corvia", 19),
    ("Lumetra", 880),
    ("Kestrel", 471),
    ("Halden", 400),
    ("Solara", 19),
    ("Pixelon", 880),
    ("Kiro", 690),
    ("Zento", 693),
    ("Sonnet", 500),
    ("Auralis", 450),
    ("Bassline", 12),
    ("Optiva", 490),
    ("Kaiden", 451),
    ("Trekcam", 14),
    ("Skyla", 694),
    ("Inkwell", 15),
    ("Printa", 491),
    ("Viewra", 881),
    ("Arcadia", 452),
    ("Nexplay", 453),
    ("Homely", 16),
    ("Brightr", 871),
    ("Vaultix", 17),
    ("Sandpoint", 18),
    ("Meshlink", 472),
    ("Shieldr", 695),
    ("Carryall", 761),
    ("Clikk", 762),
    ("Ergonest", 540),
    ("Portway", 692),
    ("Anvil", 11),
    ("Voltcell", 401),
    ("Zapp", 900),
    ("Springa", 760),
    ("Nutty", 13),
    ("TechGear", 200),
];

/// The catalog plus the indexes the shopper model draws from.
#[derive(Debug, Default)]
pub struct Catalog {
    pub products: Vec<Product>,
    tokens: HashMap<String, Token>,
    token_names: Vec<String>,
    shelf: Vec<Pool>,
    universal: Vec<Pool>,
    fitted: HashMap<(CategoryId, Token), Pool>,
    by_brand: HashMap<(CategoryId, &'static str), Pool>,
    /// Brands of each category with their summed popularity, in first-listed order.
    brands: Vec<Vec<(&'static str, f64)>>,
}

impl Catalog {
    pub fn token(&mut self, key: &str) -> Token {
        if let Some(t) = self.tokens.get(key) {
            return *t;
        }
        let t = self.token_names.len() as Token;
        self.token_names.push(key.to_string());
        self.tokens.insert(key.to_string(), t);
        t
    }

    pub fn find_token(&self, key: &str) -> Option<Token> {
        self.tokens.get(key).copied()
    }

    pub fn token_name(&self, t: Token) -> &str {
        &self.token_names[t as usize]
    }

    pub fn shelf_of(&self, p: &Product) -> &'static Shelf {
        &SHELVES[p.category as usize]
    }

    /// Fills cost, stock and barcode and builds the draw indexes. Called once, after
    /// every product is listed, so that stock draws do not depend on listing code paths.
    pub fn finish(&mut self, seed: u64, out_of_stock: &[&str]) {
        let mut dice = Dice::fork(seed, 1);
        let mut counters: HashMap<&'static str, u32> = HashMap::new();
        for p in &mut self.products {
            let shelf = &SHELVES[p.category as usize];
            p.cost = Money::from_minor(p.price.minor() * shelf.cost_permille / 1000);
            p.stock = if out_of_stock.contains(&p.sku.as_str()) {
                0
            } else {
                let (lo, hi) = shelf.stock;
                let base = dice.between(lo, hi);
                // The top of a ladder is stocked thinner than its entry model.
                (base / i64::from(p.tier.max(1))).max(1) as u32
            };
            let n = counters.entry(p.brand).or_insert(0);
            p.barcode = barcode(p.brand, *n);
            *n += 1;
        }
        self.index();
    }

    fn index(&mut self) {
        let n = SHELVES.len();
        self.shelf = vec![Pool::default(); n];
        self.universal = vec![Pool::default(); n];
        self.brands = vec![Vec::new(); n];
        for (i, p) in self.products.iter().enumerate() {
            let c = p.category as usize;
            self.shelf[c].push(i as u32, p.popularity);
            if p.fits.is_empty() {
                self.universal[c].push(i as u32, p.popularity);
            }
            for t in &p.fits {
                self.fitted
                    .entry((p.category, *t))
                    .or_default()
                    .push(i as u32, p.popularity);
            }
            self.by_brand
                .entry((p.category, p.brand))
                .or_default()
                .push(i as u32, p.popularity);
            match self.brands[c].iter_mut().find(|(b, _)| *b == p.brand) {
                Some((_, w)) => *w += p.popularity,
                None => self.brands[c].push((p.brand, p.popularity)),
            }
        }
    }

    pub fn shelf_pool(&self, c: CategoryId) -> &Pool {
        &self.shelf[c as usize]
    }

    pub fn universal_pool(&self, c: CategoryId) -> &Pool {
        &self.universal[c as usize]
    }

    pub fn fitted_pool(&self, c: CategoryId, t: Token) -> Option<&Pool> {
        self.fitted.get(&(c, t))
    }

    pub fn brand_pool(&self, c: CategoryId, brand: &'static str) -> Option<&Pool> {
        self.by_brand.get(&(c, brand))
    }

    pub fn brands_of(&self, c: CategoryId) -> &[(&'static str, f64)] {
        &self.brands[c as usize]
    }

    pub fn write_csv<W: Write>(&self, out: W) -> anyhow::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "sku",
            "name",
            "category",
            "price",
            "barcode",
            "brand",
            "cost",
            "stock",
            "tax_class",
            "family",
            "tier",
            "durable",
            "age_restricted",
        ])?;
        for p in &self.products {
            let shelf = self.shelf_of(p);
            let tier = if p.family.is_empty() {
                String::new()
            } else {
                p.tier.to_string()
            };
            w.write_record([
                p.sku.as_str(),
                &p.name,
                shelf.name,
                &p.price.to_decimal_string(),
                &p.barcode,
                p.brand,
                &p.cost.to_decimal_string(),
                &p.stock.to_string(),
                shelf.tax_class,
                &p.family,
                &tier,
                bool_str(shelf.durable),
                bool_str(p.age_restricted),
            ])?;
        }
        w.flush()?;
        Ok(())
    }
}

pub fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// A brand's `n`th barcode: country prefix, a company number unique to the brand, and a
/// five-digit item number. Past 100,000 items a brand moves to its next company number;
/// brands are spaced 37 apart so those pages never meet.
fn barcode(brand: &str, n: u32) -> String {
    let (slot, country) = BRAND_ORIGINS
        .iter()
        .enumerate()
        .find(|(_, (b, _))| *b == brand)
        .map(|(i, (_, c))| (i as u32, *c))
        .unwrap_or((BRAND_ORIGINS.len() as u32, 299));
    let page = n / 100_000;
    assert!(page < 37, "brand {brand} has more than 3.7 million items");
    let company = 2000 + slot * 37 + page;
    let body = format!("{country:03}{company:04}{:05}", n % 100_000);
    ean::complete(&body).expect("12 digits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn barcodes_are_valid_and_distinct_across_brands() {
        let a = barcode("Corvia", 0);
        let b = barcode("Solara", 0);
        assert_ne!(a, b);
        assert_eq!(ean::validate(&a), Ok(()));
        assert_eq!(ean::validate(&barcode("Anvil", 123_456)), Ok(()));
    }

    #[test]
    fn every_shelf_name_is_unique() {
        for (i, s) in SHELVES.iter().enumerate() {
            assert_eq!(category_id(s.name) as usize, i);
        }
    }
}
