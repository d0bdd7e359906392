//! The rules that keep a candidate off the list, and the tally of what each removed, so a
//! shop can see why a list is short (`xsell recommend --explain`, and the JSON).

use std::collections::{BTreeMap, HashSet};

use crate::domain::catalog::Product;
use crate::domain::money::Money;
use crate::recommend::budget::lower_bound;
use crate::recommend::profile::Profile;

use super::{Candidate, Kind, Request, Source};

/// A mined add-on priced above this many times the cart is the main product, not an add-on.
pub const PRICE_CEILING: i64 = 5;
/// Orders with both, at least, and the share of them surely above this: "2 of 115" is chance.
const MIN_TOGETHER: u32 = 3;
const MIN_SURE: f64 = 0.01;

/// One reason a candidate is not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Guardrail {
    /// Already in the cart.
    InCart,
    /// Declined in this order.
    Declined,
    /// Taken off the cart this visit.
    Removed,
    /// The product is switched off in the catalog.
    Inactive,
    /// Stock is counted and there is none.
    OutOfStock,
    /// Age-restricted, at a self-service kiosk.
    AgeRestricted,
    /// A second durable of a kind the cart already holds: an alternative, not a complement.
    AlternativeInCart,
    /// A durable of a kind the customer already owns.
    AlreadyOwned,
    /// A mined offer priced far above what brought it: not an add-on.
    PriceCeiling,
    /// A service the shop did not pair with anything: offered only where curated.
    ServiceNotCurated,
    /// A mined offer whose evidence could be chance.
    WeakEvidence,
}

impl Guardrail {
    pub fn as_str(self) -> &'static str {
        match self {
            Guardrail::InCart => "in-cart",
            Guardrail::Declined => "declined",
            Guardrail::Removed => "removed",
            Guardrail::Inactive => "inactive",
            Guardrail::OutOfStock => "out-of-stock",
            Guardrail::AgeRestricted => "age-restricted",
            Guardrail::AlternativeInCart => "alternative-in-cart",
            Guardrail::AlreadyOwned => "already-owned",
            Guardrail::PriceCeiling => "price-ceiling",
            Guardrail::ServiceNotCurated => "service-not-curated",
            Guardrail::WeakEvidence => "weak-evidence",
        }
    }
}

/// Distinct products each guardrail kept off the list, for one request.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Removals {
    /// Guardrail → number of distinct products it removed.
    pub removed: BTreeMap<Guardrail, usize>,
    /// Products the per-category limit moved off a place they had by score (to let other
    /// kinds of product in); what it holds back fills the list when nothing else would.
    pub held_back_by_category: usize,
    #[serde(skip)]
    seen: HashSet<(Guardrail, u32)>,
}

impl Removals {
    pub fn count(&mut self, rule: Guardrail, product: u32) {
        if self.seen.insert((rule, product)) {
            *self.removed.entry(rule).or_default() += 1;
        }
    }

    pub fn total(&self) -> usize {
        self.removed.values().sum()
    }
}

/// What every candidate of one request is checked against.
pub(super) struct Context<'a> {
    pub req: &'a Request<'a>,
    pub profile: Option<&'a Profile>,
    pub cart_durable_categories: HashSet<String>,
    pub cart_value: Money,
}

impl Context<'_> {
    /// The first guardrail that forbids offering `p` as candidate `c`, if any.
    pub fn forbids(&self, p: &Product, c: &Candidate) -> Option<Guardrail> {
        let kind = c.kind;
        let req = self.req;
        let named = |list: &[String]| list.contains(&p.sku);
        if named(req.cart) {
            return Some(Guardrail::InCart);
        }
        if named(req.declined) {
            return Some(Guardrail::Declined);
        }
        if named(req.removed) {
            return Some(Guardrail::Removed);
        }
        if !p.active {
            return Some(Guardrail::Inactive);
        }
        if !p.in_stock() {
            return Some(Guardrail::OutOfStock);
        }
        if req.kiosk && p.age_restricted {
            return Some(Guardrail::AgeRestricted);
        }
        // What the sales suggest, unlike what the shop curated, must make sense at the counter.
        if c.source == Source::Mined && kind == Kind::CrossSell {
            if p.is_service() {
                return Some(Guardrail::ServiceNotCurated);
            }
            if let Some((together, of)) = c.evidence
                && (together < MIN_TOGETHER || lower_bound(together, of) < MIN_SURE)
            {
                return Some(Guardrail::WeakEvidence);
            }
            if self.cart_value.minor() > 0
                && p.price.minor() > PRICE_CEILING * self.cart_value.minor()
            {
                return Some(Guardrail::PriceCeiling);
            }
        }
        // Without a category, "of a kind" says nothing: no product is an alternative of all.
        if kind != Kind::Upsell && p.durable && !p.category.is_empty() {
            if self
                .cart_durable_categories
                .contains(&p.category.to_lowercase())
            {
                return Some(Guardrail::AlternativeInCart);
            }
            if self.profile.is_some_and(|pr| pr.owns_durable_like(p)) {
                return Some(Guardrail::AlreadyOwned);
            }
        }
        None
    }
}
