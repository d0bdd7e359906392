//! Products and the in-memory catalog index the register scans against.
//!
//! The whole catalog is held in memory: a scan must be a hash lookup, never a query,
//! and 100,000 products fit in a few tens of megabytes.

use std::collections::HashMap;

use crate::domain::ean::{self, EanError};
use crate::domain::money::Money;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub brand: Option<String>,
    pub price: Money,
    pub cost: Option<Money>,
    pub barcode: Option<String>,
    pub tax_class: String,
    pub stock: i64,
    /// False when the shop does not count this product's stock (its catalog gave no
    /// figure): it is never out of stock, and the till has nothing to warn about.
    pub stock_tracked: bool,
    /// Products of one family differ by tier (16GB → 32GB): the upsell ladder.
    pub family: Option<String>,
    pub tier: Option<u32>,
    /// Someone who owns one does not need another soon (a bag, not ink).
    pub durable: bool,
    pub age_restricted: bool,
    pub active: bool,
    /// Used up and bought again (ink, batteries): `Some(true)` allows a reminder when it is
    /// due again, `Some(false)` never does; `None` leaves it to the sales history.
    pub consumable: Option<bool>,
}

impl Product {
    /// Whether there is some to sell or offer: untracked stock never runs out.
    pub fn in_stock(&self) -> bool {
        !self.stock_tracked || self.stock > 0
    }

    /// A service (setup, fitting, gift wrapping): never used up, never owned.
    pub fn is_service(&self) -> bool {
        matches!(
            self.tax_class.to_ascii_lowercase().as_str(),
            "service" | "services"
        )
    }

    /// Whether a shortfall of stock is worth a warning at the till.
    pub fn stock_tracked(&self) -> bool {
        self.stock_tracked
    }
}

/// What a code typed or scanned at the till refers to.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    Found(&'a Product),
    /// A barcode whose check digit is wrong: a misread, not an unknown product.
    Misread(EanError),
    Unknown,
}

#[derive(Debug, Default, Clone)]
pub struct Catalog {
    products: Vec<Product>,
    by_sku: HashMap<String, usize>,
    by_barcode: HashMap<String, usize>,
}

impl Catalog {
    pub fn new(products: Vec<Product>) -> Catalog {
        let mut catalog = Catalog::default();
        for p in products {
            catalog.upsert(p);
        }
        catalog
    }

    /// Adds or replaces a product by SKU, keeping the indexes in step.
    pub fn upsert(&mut self, product: Product) {
        match self.by_sku.get(&product.sku) {
            Some(&i) => {
                if let Some(old) = &self.products[i].barcode {
                    self.by_barcode.remove(old);
                }
                if let Some(code) = &product.barcode {
                    self.by_barcode.insert(code.clone(), i);
                }
                self.products[i] = product;
            }
            None => {
                let i = self.products.len();
                self.by_sku.insert(product.sku.clone(), i);
                if let Some(code) = &product.barcode {
                    self.by_barcode.insert(code.clone(), i);
                }
                self.products.push(product);
            }
        }
    }

    /// Resolves a scanned or typed code: SKU first (case-insensitive fallback), then barcode.
    pub fn lookup(&self, code: &str) -> Lookup<'_> {
        let code = code.trim();
        if let Some(p) = self.by_sku(code) {
            return Lookup::Found(p);
        }
        if let Some(&i) = self.by_barcode.get(code) {
            return Lookup::Found(&self.products[i]);
        }
        if let Some(p) = self
            .products
            .iter()
            .find(|p| p.sku.eq_ignore_ascii_case(code))
        {
            return Lookup::Found(p);
        }
        if ean::looks_like_barcode(code)
            && let Err(e) = ean::validate_gtin(code)
        {
            return Lookup::Misread(e);
        }
        Lookup::Unknown
    }

    pub fn by_sku(&self, sku: &str) -> Option<&Product> {
        self.by_sku.get(sku).map(|&i| &self.products[i])
    }

    /// The position of a product in `products()`: a dense id for indexes built on the catalog.
    pub fn index_of(&self, sku: &str) -> Option<usize> {
        self.by_sku.get(sku).copied()
    }

    pub fn products(&self) -> &[Product] {
        &self.products
    }

    pub fn len(&self) -> usize {
        self.products.len()
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub fn product(sku: &str, name: &str, price_minor: i64) -> Product {
        Product {
            sku: sku.to_string(),
            name: name.to_string(),
            category: "Accessories".to_string(),
            brand: None,
            price: Money::from_minor(price_minor),
            cost: None,
            barcode: None,
            tax_class: "standard".to_string(),
            stock: 10,
            family: None,
            tier: None,
            durable: true,
            age_restricted: false,
            active: true,
            stock_tracked: true,
            consumable: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::product;
    use super::*;

    fn catalog() -> Catalog {
        let mut laptop = product("LAP-1", "UltraBook 15", 119_900);
        laptop.barcode = Some("4006381333931".into());
        Catalog::new(vec![laptop, product("BAG-1", "Laptop bag", 4_900)])
    }

    #[test]
    fn finds_by_sku_barcode_and_lowercase_sku() {
        let c = catalog();
        assert!(matches!(c.lookup("LAP-1"), Lookup::Found(p) if p.name == "UltraBook 15"));
        assert!(matches!(c.lookup("4006381333931"), Lookup::Found(p) if p.sku == "LAP-1"));
        assert!(matches!(c.lookup("bag-1"), Lookup::Found(p) if p.sku == "BAG-1"));
    }

    #[test]
    fn misread_barcode_is_not_an_unknown_product() {
        let c = catalog();
        assert!(matches!(
            c.lookup("4006381333932"),
            Lookup::Misread(EanError::CheckDigit { .. })
        ));
        assert_eq!(c.lookup("NOPE"), Lookup::Unknown);
    }

    #[test]
    fn upsert_moves_the_barcode_index() {
        let mut c = catalog();
        let mut changed = c.by_sku("LAP-1").unwrap().clone();
        changed.barcode = Some("4006381333948".into());
        c.upsert(changed);
        assert_eq!(c.len(), 2);
        // The old code is still a well-formed barcode, just no longer ours.
        assert_eq!(c.lookup("4006381333931"), Lookup::Unknown);
        assert!(matches!(c.lookup("4006381333948"), Lookup::Found(p) if p.sku == "LAP-1"));
    }
}
