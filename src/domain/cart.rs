//! The order being built at the counter: lines, quantities, discounts, price overrides.
//!
//! Every edit is validated here so that no key sequence in the register can leave an
//! impossible order (zero or negative quantities, a discount larger than the line).

use crate::domain::catalog::Product;
use crate::domain::money::{MAX_MINOR, Money};

/// Largest quantity on one line: a till that accepts 10^12 of something has a stuck key.
pub const MAX_LINE_QTY: i64 = 9_999;
/// Lines on one order; with the quantity and price limits this keeps totals far from overflow.
pub const MAX_LINES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Discount {
    /// Basis points: 1000 = 10%.
    Percent(i64),
    Amount(Money),
}

impl Discount {
    /// The discount on `base`, never more than `base`.
    pub fn of(self, base: Money) -> Money {
        let d = match self {
            Discount::Percent(bp) => base.percent_bp(bp),
            Discount::Amount(a) => a,
        };
        d.min(base).max(Money::ZERO)
    }

    /// As a share of `base` in basis points, for the manager-approval threshold.
    pub fn share_bp(self, base: Money) -> i64 {
        match self {
            Discount::Percent(bp) => bp,
            Discount::Amount(a) if base.minor() > 0 => crate::domain::money::div_round_half_up(
                i128::from(a.minor()) * 10_000,
                i128::from(base.minor()),
            ),
            Discount::Amount(a) => {
                if a.minor() > 0 {
                    10_000
                } else {
                    0
                }
            }
        }
    }

    /// Parses `10%` or `5.00` as typed at the till.
    pub fn parse(text: &str) -> Result<Discount, CartError> {
        let t = text.trim();
        if let Some(pct) = t.strip_suffix('%') {
            let m = Money::parse(pct).map_err(|_| CartError::BadDiscount(text.to_string()))?;
            // "12.5%" parses as 1250 minor units = 1250 basis points.
            let bp = m.minor();
            if !(0..=10_000).contains(&bp) {
                return Err(CartError::BadDiscount(text.to_string()));
            }
            Ok(Discount::Percent(bp))
        } else {
            let m = Money::parse(t).map_err(|_| CartError::BadDiscount(text.to_string()))?;
            if m.is_negative() {
                return Err(CartError::BadDiscount(text.to_string()));
            }
            Ok(Discount::Amount(m))
        }
    }
}

impl std::fmt::Display for Discount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Discount::Percent(bp) if bp % 100 == 0 => write!(f, "{}%", bp / 100),
            Discount::Percent(bp) => write!(f, "{}.{:02}%", bp / 100, bp % 100),
            Discount::Amount(a) => write!(f, "{a}"),
        }
    }
}

/// Why a line is on the order: the attach-rate reports count lines that came from a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LineOrigin {
    Manual,
    /// Added by accepting a suggestion: the offer's own id, made by the register when the
    /// offer appears (`suggestion_events.uid`), so it can be answered at once.
    Suggestion(#[serde(deserialize_with = "crate::domain::offer::offer_id_or_event")] OfferId),
}

pub use crate::domain::offer::OfferId;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Line {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub qty: i64,
    pub unit_price: Money,
    /// The catalog price when the line was added; differs from `unit_price` after an override.
    pub list_price: Money,
    pub tax_class: String,
    pub discount: Option<Discount>,
    pub origin: LineOrigin,
}

impl Line {
    /// A new line at the catalog price, without discount.
    fn of(product: &Product, qty: i64, origin: LineOrigin) -> Line {
        Line {
            sku: product.sku.clone(),
            name: product.name.clone(),
            category: product.category.clone(),
            qty,
            unit_price: product.price,
            list_price: product.price,
            tax_class: product.tax_class.clone(),
            discount: None,
            origin,
        }
    }

    pub fn gross(&self) -> Money {
        self.unit_price
            .checked_mul_qty(self.qty)
            .expect("qty and price limits prevent overflow")
    }

    pub fn price_overridden(&self) -> bool {
        self.unit_price != self.list_price
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    #[error("quantity {0} is not possible (1 to {MAX_LINE_QTY})")]
    QtyOutOfRange(i64),
    #[error(
        "{adding} more would make {} on one line: {already} already there, at most {MAX_LINE_QTY} a line (up to {} more)",
        adding + already,
        MAX_LINE_QTY - already
    )]
    LineFull { adding: i64, already: i64 },
    #[error("no line {0}")]
    NoSuchLine(usize),
    #[error("the order is full ({MAX_LINES} lines)")]
    TooManyLines,
    #[error("'{0}' is not a discount (type 10% or 5.00)")]
    BadDiscount(String),
    #[error("a discount of {discount} is more than the {what} ({base})")]
    DiscountTooLarge {
        discount: Money,
        base: Money,
        what: &'static str,
    },
    #[error("price {0} is not possible")]
    BadPrice(Money),
    #[error("{0} is inactive and cannot be sold")]
    Inactive(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cart {
    lines: Vec<Line>,
    order_discount: Option<Discount>,
}

impl Cart {
    pub fn new() -> Cart {
        Cart::default()
    }

    /// Rebuilds a cart from stored lines (a draft brought back after a restart).
    pub fn from_parts(lines: Vec<Line>, order_discount: Option<Discount>) -> Cart {
        Cart {
            lines,
            order_discount,
        }
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn order_discount(&self) -> Option<Discount> {
        self.order_discount
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn contains(&self, sku: &str) -> bool {
        self.lines.iter().any(|l| l.sku == sku)
    }

    pub fn item_count(&self) -> i64 {
        self.lines.iter().map(|l| l.qty).sum()
    }

    /// How many of one product the order holds, over all its lines.
    pub fn qty_of(&self, sku: &str) -> i64 {
        self.lines
            .iter()
            .filter(|l| l.sku == sku)
            .map(|l| l.qty)
            .sum()
    }

    /// Adds `qty` of a product. A second scan of the same product raises the quantity of
    /// its plain line instead of adding a new one, as a receipt reader expects.
    /// Returns the index of the line that changed.
    pub fn add(
        &mut self,
        product: &Product,
        qty: i64,
        origin: LineOrigin,
    ) -> Result<usize, CartError> {
        check_qty(qty)?;
        if !product.active {
            return Err(CartError::Inactive(product.name.clone()));
        }
        let mergeable = |l: &Line| {
            l.sku == product.sku
                && l.origin == LineOrigin::Manual
                && origin == LineOrigin::Manual
                && l.discount.is_none()
                && !l.price_overridden()
                && l.unit_price == product.price
        };
        if let Some(i) = self.lines.iter().position(mergeable) {
            let already = self.lines[i].qty;
            let new_qty = already + qty;
            if new_qty > MAX_LINE_QTY {
                return Err(CartError::LineFull {
                    adding: qty,
                    already,
                });
            }
            self.lines[i].qty = new_qty;
            return Ok(i);
        }
        if self.lines.len() >= MAX_LINES {
            return Err(CartError::TooManyLines);
        }
        self.lines.push(Line::of(product, qty, origin));
        Ok(self.lines.len() - 1)
    }

    /// Puts another product in a line's place with the same quantity: an accepted upgrade.
    /// The old line's discount and price override belonged to the old product and go with it.
    pub fn replace(
        &mut self,
        index: usize,
        product: &Product,
        origin: LineOrigin,
    ) -> Result<(), CartError> {
        if !product.active {
            return Err(CartError::Inactive(product.name.clone()));
        }
        let qty = self.line_mut(index)?.qty;
        self.lines[index] = Line::of(product, qty, origin);
        Ok(())
    }

    /// Marks a line as coming from an offer (scanned by hand while the offer was on screen).
    pub fn set_origin(&mut self, index: usize, origin: LineOrigin) -> Result<(), CartError> {
        self.line_mut(index)?.origin = origin;
        Ok(())
    }

    pub fn set_qty(&mut self, index: usize, qty: i64) -> Result<(), CartError> {
        check_qty(qty)?;
        self.line_mut(index)?.qty = qty;
        Ok(())
    }

    pub fn remove(&mut self, index: usize) -> Result<Line, CartError> {
        self.line_mut(index)?;
        Ok(self.lines.remove(index))
    }

    pub fn set_line_discount(
        &mut self,
        index: usize,
        discount: Option<Discount>,
    ) -> Result<(), CartError> {
        let line = self.line_mut(index)?;
        if let Some(Discount::Amount(a)) = discount {
            let base = line.gross();
            if a > base {
                return Err(CartError::DiscountTooLarge {
                    discount: a,
                    base,
                    what: "line",
                });
            }
        }
        line.discount = discount;
        Ok(())
    }

    pub fn set_order_discount(&mut self, discount: Option<Discount>) -> Result<(), CartError> {
        if let Some(Discount::Amount(a)) = discount {
            let base: Money = self
                .lines
                .iter()
                .map(|l| l.gross() - l.discount.map_or(Money::ZERO, |d| d.of(l.gross())))
                .sum();
            if a > base {
                return Err(CartError::DiscountTooLarge {
                    discount: a,
                    base,
                    what: "order",
                });
            }
        }
        self.order_discount = discount;
        Ok(())
    }

    pub fn override_price(&mut self, index: usize, price: Money) -> Result<(), CartError> {
        if price.is_negative() || price.minor() > MAX_MINOR {
            return Err(CartError::BadPrice(price));
        }
        self.line_mut(index)?.unit_price = price;
        Ok(())
    }

    fn line_mut(&mut self, index: usize) -> Result<&mut Line, CartError> {
        self.lines
            .get_mut(index)
            .ok_or(CartError::NoSuchLine(index))
    }
}

fn check_qty(qty: i64) -> Result<(), CartError> {
    if (1..=MAX_LINE_QTY).contains(&qty) {
        Ok(())
    } else {
        Err(CartError::QtyOutOfRange(qty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixtures::product;

    #[test]
    fn an_upgrade_takes_the_line_with_its_quantity_but_not_its_discount() {
        let mut cart = Cart::new();
        cart.add(&product("A", "Phone 64GB", 50_000), 2, LineOrigin::Manual)
            .unwrap();
        cart.set_line_discount(0, Some(Discount::Percent(10)))
            .unwrap();
        cart.replace(
            0,
            &product("B", "Phone 128GB", 60_000),
            LineOrigin::Suggestion(crate::domain::offer::legacy_offer_id(9)),
        )
        .unwrap();
        let line = &cart.lines()[0];
        assert_eq!(
            (
                line.sku.as_str(),
                line.qty,
                line.unit_price,
                line.discount,
                line.origin
            ),
            (
                "B",
                2,
                Money::from_minor(60_000),
                None,
                LineOrigin::Suggestion(crate::domain::offer::legacy_offer_id(9))
            )
        );
        assert_eq!(
            cart.replace(3, &product("C", "C", 1), LineOrigin::Manual),
            Err(CartError::NoSuchLine(3))
        );
        cart.set_origin(0, LineOrigin::Manual).unwrap();
        assert_eq!(cart.lines()[0].origin, LineOrigin::Manual);
    }

    #[test]
    fn scanning_twice_raises_the_quantity() {
        let mut cart = Cart::new();
        let mouse = product("M1", "Mouse", 2_500);
        assert_eq!(cart.add(&mouse, 1, LineOrigin::Manual), Ok(0));
        assert_eq!(cart.add(&mouse, 2, LineOrigin::Manual), Ok(0));
        assert_eq!(cart.lines()[0].qty, 3);
        assert_eq!(cart.item_count(), 3);
    }

    #[test]
    fn a_suggested_line_stays_separate() {
        let mut cart = Cart::new();
        let mouse = product("M1", "Mouse", 2_500);
        cart.add(&mouse, 1, LineOrigin::Manual).unwrap();
        assert_eq!(
            cart.add(
                &mouse,
                1,
                LineOrigin::Suggestion(crate::domain::offer::legacy_offer_id(7))
            ),
            Ok(1)
        );
    }

    #[test]
    fn impossible_quantities_are_refused() {
        let mut cart = Cart::new();
        let p = product("A", "A", 100);
        assert_eq!(
            cart.add(&p, 0, LineOrigin::Manual),
            Err(CartError::QtyOutOfRange(0))
        );
        assert_eq!(
            cart.add(&p, -1, LineOrigin::Manual),
            Err(CartError::QtyOutOfRange(-1))
        );
        assert_eq!(
            cart.add(&p, 1_000_000_000_000, LineOrigin::Manual),
            Err(CartError::QtyOutOfRange(1_000_000_000_000))
        );
        cart.add(&p, MAX_LINE_QTY, LineOrigin::Manual).unwrap();
        assert_eq!(
            cart.add(&p, 1, LineOrigin::Manual),
            Err(CartError::LineFull {
                adding: 1,
                already: MAX_LINE_QTY
            })
        );
        assert_eq!(cart.set_qty(3, 1), Err(CartError::NoSuchLine(3)));
        assert!(!cart.is_empty() && cart.lines()[0].qty == MAX_LINE_QTY);
    }

    #[test]
    fn a_discount_cannot_exceed_its_line() {
        let mut cart = Cart::new();
        cart.add(&product("A", "A", 1_000), 1, LineOrigin::Manual)
            .unwrap();
        assert!(matches!(
            cart.set_line_discount(0, Some(Discount::Amount(Money::from_minor(1_001)))),
            Err(CartError::DiscountTooLarge { .. })
        ));
        assert!(
            cart.set_order_discount(Some(Discount::Amount(Money::from_minor(1_001))))
                .is_err()
        );
        assert!(
            cart.set_order_discount(Some(Discount::Amount(Money::from_minor(1_000))))
                .is_ok()
        );
    }

    #[test]
    fn discounts_parse_as_typed() {
        assert_eq!(Discount::parse("10%"), Ok(Discount::Percent(1_000)));
        assert_eq!(Discount::parse("12.5%"), Ok(Discount::Percent(1_250)));
        assert_eq!(
            Discount::parse("5"),
            Ok(Discount::Amount(Money::from_minor(500)))
        );
        assert!(Discount::parse("101%").is_err());
        assert!(Discount::parse("-5").is_err());
        assert!(Discount::parse("lots").is_err());
        assert_eq!(Discount::Percent(1_250).to_string(), "12.50%");
        assert_eq!(
            Discount::Amount(Money::from_minor(500)).share_bp(Money::from_minor(2_000)),
            2_500
        );
    }
}
