//! One shopper at the counter: turns a mission into the lines of an order, respecting
//! what fits the anchor device, what the customer already owns and which brands and
//! tiers they like.

use chrono::NaiveDate;

use super::calendar;
use super::catalog::{Catalog, CategoryId, SHELVES, Token, category_id};
use super::dice::{Dice, Pool};
use super::missions::{Attach, Fit, GIFT_WRAP, IMPULSE, MISSIONS, Season};
use super::people::{Customer, own};

/// A mission with its category names resolved to ids once, not once per order.
struct Resolved {
    anchors: Vec<CategoryId>,
    anchor_weights: Vec<f64>,
    attach: Vec<ResolvedAttach>,
    device_mission: bool,
    ink: bool,
    gifts: bool,
}

struct ResolvedAttach {
    p: f64,
    options: Vec<(CategoryId, ResolvedFit)>,
    weights: Vec<f64>,
}

#[derive(Clone, Copy)]
enum ResolvedFit {
    Any,
    Device,
    Key(Option<Token>),
    Warranty,
}

pub type Lines = Vec<(u32, i64)>;

pub struct Shopper<'a> {
    catalog: &'a Catalog,
    missions: Vec<Resolved>,
    impulse: ResolvedAttach,
    gift_wrap: ResolvedAttach,
    printers: CategoryId,
    ink: [CategoryId; 2],
    paper: CategoryId,
}

impl<'a> Shopper<'a> {
    pub fn new(catalog: &'a Catalog) -> Shopper<'a> {
        let missions = MISSIONS
            .iter()
            .map(|m| {
                let anchors: Vec<CategoryId> =
                    m.anchors.iter().map(|(c, _)| category_id(c)).collect();
                Resolved {
                    device_mission: SHELVES[anchors[0] as usize].device,
                    ink: m.anchors[0].0 == "Ink",
                    gifts: m.season == Season::Gifts,
                    anchors,
                    anchor_weights: m.anchors.iter().map(|(_, w)| *w).collect(),
                    attach: m.attach.iter().map(|a| resolve(catalog, a)).collect(),
                }
            })
            .collect();
        Shopper {
            catalog,
            missions,
            impulse: resolve(catalog, &IMPULSE),
            gift_wrap: resolve(catalog, &GIFT_WRAP),
            printers: category_id("Printers"),
            ink: [category_id("Ink"), category_id("Toner")],
            paper: category_id("Printer Paper"),
        }
    }

    /// Mission weights for a day, before any one customer's habits.
    pub fn day_weights(&self, date: NaiveDate) -> Vec<f64> {
        MISSIONS
            .iter()
            .map(|m| m.weight * super::missions::season_factor(m.season, date))
            .collect()
    }

    /// The lines of one order. A known customer's purchases update what they own.
    pub fn order(
        &self,
        dice: &mut Dice,
        date: NaiveDate,
        day_weights: &[f64],
        customer: Option<&mut Customer>,
    ) -> Lines {
        let mission = match customer.as_deref() {
            None => dice.weighted(day_weights),
            Some(c) => {
                let weights = self.personal_weights(c, day_weights);
                dice.weighted(&weights)
            }
        };
        let m = &self.missions[mission];
        let mut lines = Lines::new();
        let anchor_cat = m.anchors[dice.weighted(&m.anchor_weights)];
        let anchor = if m.device_mission {
            self.draw_device(dice, anchor_cat, customer.as_deref())
        } else {
            self.draw_fitted(
                dice,
                anchor_cat,
                ResolvedFit::Device,
                None,
                customer.as_deref(),
            )
        };
        let Some(anchor) = anchor else {
            return self.fallback(dice);
        };
        add(&mut lines, anchor, self.qty(dice, anchor));
        for attach in &m.attach {
            self.maybe_attach(dice, attach, Some(anchor), customer.as_deref(), &mut lines);
        }
        if m.gifts && calendar::gift_season(date) {
            self.maybe_attach(dice, &self.gift_wrap, None, None, &mut lines);
        }
        self.maybe_attach(dice, &self.impulse, None, None, &mut lines);
        if let Some(c) = customer {
            for (p, _) in &lines {
                own(c, self.catalog, *p);
            }
        }
        lines
    }

    /// A printer owner's refill visit: the cartridges for their printer, often a second
    /// one (black and colour), sometimes paper.
    pub fn ink_visit(&self, dice: &mut Dice, customer: &Customer) -> Lines {
        let mut lines = Lines::new();
        let Some(series) = customer.printer else {
            return self.fallback(dice);
        };
        let pool = self
            .ink
            .iter()
            .find_map(|c| self.catalog.fitted_pool(*c, series));
        let Some(pool) = pool else {
            return self.fallback(dice);
        };
        for p in [1.0, 0.5] {
            if dice.chance(p)
                && let Some(i) = self.draw_tiered(dice, pool, customer.premium)
            {
                add(&mut lines, i, self.qty(dice, i));
            }
        }
        if dice.chance(0.2)
            && let Some(i) = self.catalog.shelf_pool(self.paper).draw(dice)
        {
            add(&mut lines, i, self.qty(dice, i));
        }
        self.maybe_attach(dice, &self.impulse, None, None, &mut lines);
        lines
    }

    pub fn is_printer(&self, product: u32) -> bool {
        self.catalog.products[product as usize].category == self.printers
    }

    fn personal_weights(&self, c: &Customer, day_weights: &[f64]) -> Vec<f64> {
        day_weights
            .iter()
            .zip(&self.missions)
            .enumerate()
            .map(|(i, (w, m))| {
                let mut w = *w;
                if c.interests.contains(&i) {
                    w *= 3.0;
                }
                if m.ink && c.ink_scheduled {
                    // Their refills come on their own rhythm (`ink_visit`).
                    return 0.0;
                }
                if m.ink && c.printer.is_none() {
                    // Printers bought elsewhere exist, but they are the exception.
                    w *= 0.3;
                }
                if m.device_mission && self.owns_shelf(c, m.anchors[0]) {
                    w *= 0.2;
                }
                w
            })
            .collect()
    }

    fn owns_shelf(&self, c: &Customer, shelf: CategoryId) -> bool {
        c.owned
            .iter()
            .any(|p| self.catalog.products[*p as usize].category == shelf)
    }

    /// An accessory-only trip when the mission found nothing on the shelf.
    fn fallback(&self, dice: &mut Dice) -> Lines {
        let mut lines = Lines::new();
        let cables = category_id("Cables");
        if let Some(i) = self.catalog.shelf_pool(cables).draw(dice) {
            add(&mut lines, i, 1);
        }
        lines
    }

    fn draw_device(
        &self,
        dice: &mut Dice,
        shelf: CategoryId,
        customer: Option<&Customer>,
    ) -> Option<u32> {
        let Some(c) = customer else {
            return self.draw_tiered(dice, self.catalog.shelf_pool(shelf), false);
        };
        let loyal = c
            .brand_for(shelf)
            .filter(|_| dice.chance(0.8))
            .and_then(|b| self.catalog.brand_pool(shelf, b));
        // Their brand first; when they own all of it that fits, the rest of the shelf.
        for pool in loyal.into_iter().chain([self.catalog.shelf_pool(shelf)]) {
            for _ in 0..6 {
                let i = self.draw_tiered(dice, pool, c.premium)?;
                if !self.owns(c, i) {
                    return Some(i);
                }
            }
        }
        None
    }

    /// A draw that, for a premium customer, usually steps up from an entry tier.
    fn draw_tiered(&self, dice: &mut Dice, pool: &Pool, premium: bool) -> Option<u32> {
        let first = pool.draw(dice)?;
        let p = &self.catalog.products[first as usize];
        if premium && p.tier == 1 && dice.chance(0.6) {
            return Some(pool.draw(dice).unwrap_or(first));
        }
        Some(first)
    }

    fn owns(&self, c: &Customer, product: u32) -> bool {
        let p = &self.catalog.products[product as usize];
        c.owned.iter().any(|o| {
            *o == product
                || (!p.family.is_empty() && self.catalog.products[*o as usize].family == p.family)
        })
    }

    fn maybe_attach(
        &self,
        dice: &mut Dice,
        attach: &ResolvedAttach,
        anchor: Option<u32>,
        customer: Option<&Customer>,
        lines: &mut Lines,
    ) {
        if !dice.chance(attach.p) {
            return;
        }
        // The drawn option first, then the others: an inkjet has no toner, but has ink.
        let first = dice.weighted(&attach.weights);
        let n = attach.options.len();
        for k in 0..n {
            let (shelf, fit) = attach.options[(first + k) % n];
            if let Some(i) = self.draw_fitted(dice, shelf, fit, anchor, customer) {
                add(lines, i, self.qty(dice, i));
                return;
            }
        }
    }

    fn draw_fitted(
        &self,
        dice: &mut Dice,
        shelf: CategoryId,
        fit: ResolvedFit,
        anchor: Option<u32>,
        customer: Option<&Customer>,
    ) -> Option<u32> {
        let catalog = self.catalog;
        let pick = |dice: &mut Dice, pool: &Pool| match customer {
            Some(c) => pool.draw_where(dice, |i| self.owns(c, i)),
            None => pool.draw(dice),
        };
        match fit {
            ResolvedFit::Any => pick(dice, catalog.shelf_pool(shelf)),
            ResolvedFit::Key(t) => pick(dice, catalog.fitted_pool(shelf, t?)?),
            ResolvedFit::Warranty => {
                let price = catalog.products[anchor? as usize].price.minor();
                let plans = &catalog.shelf_pool(shelf).items;
                plans
                    .iter()
                    .filter_map(|i| {
                        let p = &catalog.products[*i as usize];
                        let cap: i64 = catalog.token_name(*p.fits.first()?).parse().ok()?;
                        (cap * 100 >= price).then_some((cap, *i))
                    })
                    .min()
                    .map(|(_, i)| i)
            }
            ResolvedFit::Device => {
                let keys: &[Token] = match (anchor, customer) {
                    (Some(a), _) => &catalog.products[a as usize].fits,
                    (None, Some(c)) => &c.fits,
                    (None, None) => &[],
                };
                let pools: Vec<&Pool> = keys
                    .iter()
                    .filter_map(|t| catalog.fitted_pool(shelf, *t))
                    .collect();
                if !pools.is_empty() {
                    let which = dice.index(pools.len());
                    return pick(dice, pools[which]);
                }
                let universal = catalog.universal_pool(shelf);
                if !universal.is_empty() {
                    return pick(dice, universal);
                }
                if anchor.is_some() {
                    // A device nothing on this shelf fits: nothing to attach.
                    return None;
                }
                pick(dice, catalog.shelf_pool(shelf))
            }
        }
    }

    /// How many of an item one order takes: packs and consumables go by two or three.
    fn qty(&self, dice: &mut Dice, product: u32) -> i64 {
        let shelf = self
            .catalog
            .shelf_of(&self.catalog.products[product as usize]);
        let (p2, p3) = match shelf.name {
            "Batteries" => (0.30, 0.10),
            "Snacks & Drinks" => (0.35, 0.05),
            "Smart Lighting" | "Smart Plugs" => (0.35, 0.20),
            "Ink" | "Printer Paper" => (0.25, 0.02),
            "Cables" => (0.15, 0.02),
            "Memory Cards" | "Controllers" => (0.12, 0.0),
            _ => (0.0, 0.0),
        };
        1 + i64::from(dice.chance(p2)) + i64::from(dice.chance(p3))
    }
}

fn resolve(catalog: &Catalog, a: &Attach) -> ResolvedAttach {
    ResolvedAttach {
        p: a.p,
        options: a
            .options
            .iter()
            .map(|c| {
                let fit = match c.fit {
                    Fit::Any => ResolvedFit::Any,
                    Fit::Device => ResolvedFit::Device,
                    Fit::Key(k) => ResolvedFit::Key(catalog.find_token(k)),
                    Fit::Warranty => ResolvedFit::Warranty,
                };
                (category_id(c.category), fit)
            })
            .collect(),
        weights: a.options.iter().map(|c| c.weight).collect(),
    }
}

fn add(lines: &mut Lines, product: u32, qty: i64) {
    match lines.iter_mut().find(|(p, _)| *p == product) {
        Some((_, q)) => *q += qty,
        None => lines.push((product, qty)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate::people;
    use crate::demo::generate::products::{self, Builder};

    fn shop() -> Catalog {
        let mut catalog = Catalog::default();
        products::list(&mut Builder {
            catalog: &mut catalog,
        });
        catalog.finish(1, &[]);
        catalog
    }

    #[test]
    fn loyalty_customers_mostly_buy_their_brand() {
        let catalog = shop();
        let mut customers = people::customers(1, 200, 6000, &catalog);
        let shopper = Shopper::new(&catalog);
        let mut dice = Dice::fork(1, 9);
        let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        let weights = shopper.day_weights(date);
        let (mut theirs, mut devices) = (0, 0);
        for i in 0..4000 {
            let c = &mut customers[i % 200];
            for (p, _) in shopper.order(&mut dice, date, &weights, Some(c)) {
                let p = &catalog.products[p as usize];
                if SHELVES[p.category as usize].device {
                    devices += 1;
                    theirs += usize::from(c.brand_for(p.category) == Some(p.brand));
                }
            }
        }
        assert!(theirs * 10 > devices * 7, "{theirs} of {devices}");
    }

    #[test]
    fn a_phone_case_fits_the_phone() {
        let catalog = shop();
        let shopper = Shopper::new(&catalog);
        let mut dice = Dice::fork(2, 0);
        let phone = catalog
            .products
            .iter()
            .position(|p| p.sku == "PX7-128")
            .unwrap() as u32;
        let cases = category_id("Phone Cases");
        for _ in 0..50 {
            let case = shopper
                .draw_fitted(&mut dice, cases, ResolvedFit::Device, Some(phone), None)
                .unwrap();
            assert!(catalog.products[case as usize].sku.ends_with("-PX7"));
        }
    }
}
