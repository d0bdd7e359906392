//! The acceptance model: the chance that an offer is taken, learnt from the shop's own
//! offer log, so that a practice customer says yes about as often as this shop's customers
//! did to such an offer.
//!
//! Five factors, each cut into a few bins: the offer's kind, the evidence behind it (its
//! score), its price against the cart, how many offers the order had before it, and the
//! moment (after an item, or at payment). Each bin's rate is shrunk toward the overall rate
//! by `SHRINK` pseudo-offers, so a bin seen ten times says little and one seen a thousand
//! times says what it saw. The factors' log-odds differences from the overall rate are
//! added to the overall log-odds; since factors go together (strong evidence comes with
//! cheap add-ons), that sum is then itself a prior: the rate of the offers with exactly
//! these five bins is shrunk toward it by `SHRINK` offers too. A combination seen often
//! predicts what it saw; a rare one, what its factors say. Visible enough to print whole,
//! and fitted in one pass over the rows.

use std::collections::BTreeMap;

use std::fmt;

use crate::domain::money::Money;
use crate::domain::offer::Kind;

/// How many offers at the overall rate each bin is blended with.
pub const SHRINK: f64 = 20.0;
/// Predictions never reach certainty: some customer always says no, or yes.
const FLOOR: f64 = 0.01;
/// One order in this many is kept out of the fit to check the model on (by its id, so the
/// split is the same every time).
const HELD_OUT_EVERY: u64 = 5;

/// When the offer was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Moment {
    /// After an item was scanned, or a customer attached.
    Item,
    /// When the payment window opened.
    Payment,
}

/// What the model knows about one offer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Features {
    pub kind: Kind,
    /// The engine's score for it (0 to 1): how strong the evidence is.
    pub evidence: f64,
    pub price: Money,
    /// The cart's total when it was offered.
    pub cart: Money,
    /// Offers the order had already had.
    pub prior_offers: u32,
    pub moment: Moment,
}

/// One answered offer of the log.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OfferRow {
    pub order: String,
    pub features: Features,
    pub accepted: bool,
}

/// The five factors, each with its bins' names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Kind,
    Evidence,
    PriceShare,
    PriorOffers,
    Moment,
}

pub const FACTORS: [Factor; 5] = [
    Factor::Kind,
    Factor::Evidence,
    Factor::PriceShare,
    Factor::PriorOffers,
    Factor::Moment,
];

impl Factor {
    pub fn name(self) -> &'static str {
        match self {
            Factor::Kind => "kind",
            Factor::Evidence => "evidence",
            Factor::PriceShare => "price / cart",
            Factor::PriorOffers => "offers before",
            Factor::Moment => "moment",
        }
    }

    pub fn bins(self) -> &'static [&'static str] {
        match self {
            Factor::Kind => &["add-on", "upgrade", "bundle"],
            Factor::Evidence => &["weak (<0.5)", "fair (0.5-0.8)", "strong (>=0.8)"],
            Factor::PriceShare => &["<=10%", "10-30%", "30-100%", ">100%"],
            Factor::PriorOffers => &["none", "one", "two or more"],
            Factor::Moment => &["after an item", "at payment"],
        }
    }

    /// The bin an offer falls in.
    pub fn bin(self, f: &Features) -> usize {
        match self {
            Factor::Kind => match f.kind {
                Kind::CrossSell => 0,
                Kind::Upsell => 1,
                Kind::Bundle => 2,
            },
            Factor::Evidence => match f.evidence {
                e if e >= 0.8 => 2,
                e if e >= 0.5 => 1,
                _ => 0,
            },
            Factor::PriceShare => {
                let (price, cart) = (f.price.minor(), f.cart.minor());
                // Integer comparisons: price/cart <= 10% is 10·price <= cart.
                if cart <= 0 || price > cart {
                    3
                } else if 10 * price <= cart {
                    0
                } else if 10 * price <= 3 * cart {
                    1
                } else {
                    2
                }
            }
            Factor::PriorOffers => f.prior_offers.min(2) as usize,
            Factor::Moment => match f.moment {
                Moment::Item => 0,
                Moment::Payment => 1,
            },
        }
    }
}

/// A bin's figures: what it saw, and the rate the model uses.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Bin {
    pub offers: u64,
    pub accepted: u64,
    /// The rate shrunk toward the overall one.
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Model {
    pub offers: u64,
    pub accepted: u64,
    /// The overall rate (0.5 with no offers at all: nothing known either way).
    pub overall: f64,
    /// Per factor (in `FACTORS` order), per bin.
    pub factors: Vec<Vec<Bin>>,
    /// Offers and acceptances per combination of the five bins (in `FACTORS` order).
    pub cells: Vec<Cell>,
}

/// The offers that fell in one combination of bins.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cell {
    pub bins: [u8; 5],
    pub offers: u64,
    pub accepted: u64,
}

fn cell_of(f: &Features) -> [u8; 5] {
    FACTORS.map(|factor| factor.bin(f) as u8)
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(FLOOR, 1.0 - FLOOR);
    (p / (1.0 - p)).ln()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// Fits on every row given.
    pub fn fit<'a>(rows: impl IntoIterator<Item = &'a OfferRow>) -> Model {
        let rows: Vec<&OfferRow> = rows.into_iter().collect();
        let offers = rows.len() as u64;
        let accepted = rows.iter().filter(|r| r.accepted).count() as u64;
        let overall = if offers == 0 {
            0.5
        } else {
            accepted as f64 / offers as f64
        };
        let factors = FACTORS
            .iter()
            .map(|factor| {
                let mut counts = vec![(0u64, 0u64); factor.bins().len()];
                for r in &rows {
                    let c = &mut counts[factor.bin(&r.features)];
                    c.0 += 1;
                    c.1 += u64::from(r.accepted);
                }
                counts
                    .into_iter()
                    .map(|(n, a)| Bin {
                        offers: n,
                        accepted: a,
                        rate: (a as f64 + SHRINK * overall) / (n as f64 + SHRINK),
                    })
                    .collect()
            })
            .collect();
        let mut cells: BTreeMap<[u8; 5], (u64, u64)> = BTreeMap::new();
        for r in &rows {
            let c = cells.entry(cell_of(&r.features)).or_default();
            c.0 += 1;
            c.1 += u64::from(r.accepted);
        }
        Model {
            offers,
            accepted,
            overall,
            factors,
            cells: cells
                .into_iter()
                .map(|(bins, (offers, accepted))| Cell {
                    bins,
                    offers,
                    accepted,
                })
                .collect(),
        }
    }

    /// What the five factors say together, before the combination's own rate.
    pub fn factors_say(&self, f: &Features) -> f64 {
        let base = logit(self.overall);
        let x = FACTORS
            .iter()
            .zip(&self.factors)
            .map(|(factor, bins)| logit(bins[factor.bin(f)].rate) - base)
            .sum::<f64>();
        sigmoid(base + x)
    }

    /// The chance that an offer with these features is taken.
    pub fn predict(&self, f: &Features) -> f64 {
        let prior = self.factors_say(f);
        let key = cell_of(f);
        let p = match self.cells.binary_search_by(|c| c.bins.cmp(&key)) {
            Ok(i) => {
                let c = &self.cells[i];
                (c.accepted as f64 + SHRINK * prior) / (c.offers as f64 + SHRINK)
            }
            Err(_) => prior,
        };
        p.clamp(FLOOR, 1.0 - FLOOR)
    }
}

/// Whether an order's offers are kept out of the fit: a fixed hash of its id (FNV-1a), so
/// that the split does not depend on the order the rows come in.
pub fn held_out(order: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in order.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(HELD_OUT_EVERY)
}

/// Predicted against observed acceptance on offers the model never saw, by tenths of
/// predicted chance.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CalibrationRow {
    /// The predicted chance's range, in percent: `from..to`.
    pub from: u32,
    pub to: u32,
    pub offers: u64,
    pub predicted: f64,
    pub observed: f64,
}

/// A model fitted on part of the log and checked on the rest.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Fitted {
    pub model: Model,
    pub held_out_offers: u64,
    pub calibration: Vec<CalibrationRow>,
}

/// Fits on the orders not held out and measures the model on those that are; then refits
/// on everything for use, since the check has been made.
pub fn fit_and_check(rows: &[OfferRow]) -> Fitted {
    let (test, train): (Vec<&OfferRow>, Vec<&OfferRow>) =
        rows.iter().partition(|r| held_out(&r.order));
    let checked = Model::fit(train.iter().copied());
    let calibration = calibrate(&checked, &test);
    Fitted {
        model: Model::fit(rows),
        held_out_offers: test.len() as u64,
        calibration,
    }
}

pub fn calibrate(model: &Model, rows: &[&OfferRow]) -> Vec<CalibrationRow> {
    let mut bins = [(0u64, 0.0f64, 0u64); 10];
    for r in rows {
        let p = model.predict(&r.features);
        let b = &mut bins[((p * 10.0) as usize).min(9)];
        b.0 += 1;
        b.1 += p;
        b.2 += u64::from(r.accepted);
    }
    bins.iter()
        .enumerate()
        .filter(|(_, b)| b.0 > 0)
        .map(|(i, &(n, sum, acc))| CalibrationRow {
            from: i as u32 * 10,
            to: i as u32 * 10 + 10,
            offers: n,
            predicted: sum / n as f64,
            observed: acc as f64 / n as f64,
        })
        .collect()
}

impl fmt::Display for Fitted {
    /// The model whole: the figures each rate comes from, then the check on held-out offers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = &self.model;
        writeln!(
            f,
            "Acceptance model: {} offers, {} accepted ({:.1}%); each bin is shrunk toward that rate by {} offers.",
            m.offers,
            m.accepted,
            m.overall * 100.0,
            SHRINK
        )?;
        writeln!(
            f,
            "The factors' rates add as log-odds; the rate of each combination of bins ({} seen) is shrunk toward that sum by {} offers.",
            m.cells.len(),
            SHRINK
        )?;
        for (factor, bins) in FACTORS.iter().zip(&m.factors) {
            writeln!(f)?;
            writeln!(
                f,
                "{:<16} {:>8} {:>9} {:>8} {:>8}",
                factor.name(),
                "offers",
                "accepted",
                "seen",
                "model"
            )?;
            for (name, b) in factor.bins().iter().zip(bins) {
                let seen = if b.offers == 0 {
                    "-".to_string()
                } else {
                    format!("{:.1}%", 100.0 * b.accepted as f64 / b.offers as f64)
                };
                writeln!(
                    f,
                    "  {:<14} {:>8} {:>9} {:>8} {:>7.1}%",
                    name,
                    b.offers,
                    b.accepted,
                    seen,
                    b.rate * 100.0
                )?;
            }
        }
        writeln!(f)?;
        writeln!(
            f,
            "Calibration on {} held-out offers (one order in {}, fitted without them):",
            self.held_out_offers, HELD_OUT_EVERY
        )?;
        writeln!(
            f,
            "  {:<10} {:>8} {:>10} {:>9}",
            "predicted", "offers", "predicted", "observed"
        )?;
        for c in &self.calibration {
            writeln!(
                f,
                "  {:<10} {:>8} {:>9.1}% {:>8.1}%",
                format!("{}-{}%", c.from, c.to),
                c.offers,
                c.predicted * 100.0,
                c.observed * 100.0
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "acceptance_tests.rs"]
mod tests;
