//! Totals of an order: line discounts, an order discount spread over the lines, and tax
//! computed per line (rounded half-up), so that the receipt's lines add up to its total.

use std::collections::BTreeMap;

use crate::domain::bundle::{self, Bundle};
use crate::domain::cart::Cart;
use crate::domain::money::{Money, div_round_half_up};

/// Tax rates by tax class, in basis points (800 = 8%).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TaxRates {
    pub default_bp: i64,
    pub by_class: BTreeMap<String, i64>,
    /// Shelf prices already include tax (as in most of Europe) rather than adding it at the till.
    pub inclusive: bool,
}

impl Default for TaxRates {
    fn default() -> TaxRates {
        TaxRates {
            default_bp: 800,
            by_class: BTreeMap::new(),
            inclusive: false,
        }
    }
}

impl TaxRates {
    pub fn rate_bp(&self, class: &str) -> i64 {
        self.by_class.get(class).copied().unwrap_or(self.default_bp)
    }

    /// The tax in a line whose amount after discounts is `net`.
    pub fn tax_on(&self, class: &str, net: Money) -> Money {
        let rate = i128::from(self.rate_bp(class));
        let n = i128::from(net.minor());
        if self.inclusive {
            // net already holds the tax: tax = net − net / (1 + rate).
            let pre_tax = div_round_half_up(n * 10_000, 10_000 + rate);
            Money::from_minor(net.minor() - pre_tax)
        } else {
            Money::from_minor(div_round_half_up(n * rate, 10_000))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTotal {
    /// Quantity × unit price.
    pub gross: Money,
    pub line_discount: Money,
    /// This line's part of the savings of the bundles it completes.
    pub bundle_discount: Money,
    /// This line's part of the order discount.
    pub order_discount: Money,
    /// What the customer pays for the line before exclusive tax (gross less both discounts).
    pub net: Money,
    pub tax: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub lines: Vec<LineTotal>,
    /// Sum of gross amounts.
    pub subtotal: Money,
    /// Line, bundle and order discounts together.
    pub discounts: Money,
    /// The bundle part of `discounts`.
    pub bundle_savings: Money,
    pub tax: Money,
    /// What the customer pays.
    pub total: Money,
}

/// Prices a cart without bundles.
pub fn price(cart: &Cart, rates: &TaxRates) -> Totals {
    price_with_bundles(cart, rates, &[])
}

/// Prices a cart. Pure and cheap: the register re-prices on every keystroke that changes the
/// order. Complete bundles take their saving first (on what is left after line discounts),
/// then the order discount applies to what remains.
pub fn price_with_bundles(cart: &Cart, rates: &TaxRates, bundles: &[Bundle]) -> Totals {
    let bundle_savings = if bundles.is_empty() {
        vec![Money::ZERO; cart.lines().len()]
    } else {
        bundle::line_savings(cart, bundles).0
    };
    let mut lines: Vec<LineTotal> = cart
        .lines()
        .iter()
        .zip(bundle_savings)
        .map(|(l, bundle_saving)| {
            let gross = l.gross();
            let line_discount = l.discount.map_or(Money::ZERO, |d| d.of(gross));
            let bundle_discount = bundle_saving.min(gross - line_discount);
            LineTotal {
                gross,
                line_discount,
                bundle_discount,
                order_discount: Money::ZERO,
                net: gross - line_discount - bundle_discount,
                tax: Money::ZERO,
            }
        })
        .collect();

    let after_lines: Money = lines.iter().map(|l| l.net).sum();
    let order_discount = cart
        .order_discount()
        .map_or(Money::ZERO, |d| d.of(after_lines));
    let shares = allocate(
        order_discount,
        &lines.iter().map(|l| l.net).collect::<Vec<_>>(),
    );
    for ((line, share), cart_line) in lines.iter_mut().zip(shares).zip(cart.lines()) {
        line.order_discount = share;
        line.net -= share;
        line.tax = rates.tax_on(&cart_line.tax_class, line.net);
    }

    let subtotal = lines.iter().map(|l| l.gross).sum();
    let discounts = lines
        .iter()
        .map(|l| l.line_discount + l.bundle_discount + l.order_discount)
        .sum();
    let bundle_savings = lines.iter().map(|l| l.bundle_discount).sum();
    let tax = lines.iter().map(|l| l.tax).sum();
    let net: Money = lines.iter().map(|l| l.net).sum();
    let total = if rates.inclusive { net } else { net + tax };
    Totals {
        lines,
        subtotal,
        discounts,
        bundle_savings,
        tax,
        total,
    }
}

/// Splits `amount` over `weights` proportionally, to the cent, with the leftover cents going
/// to the largest remainders (ties to the earlier line) so that the parts sum exactly.
pub fn allocate(amount: Money, weights: &[Money]) -> Vec<Money> {
    let total: i128 = weights.iter().map(|w| i128::from(w.minor().max(0))).sum();
    if total == 0 || amount == Money::ZERO {
        return vec![Money::ZERO; weights.len()];
    }
    let a = i128::from(amount.minor());
    let mut parts: Vec<i128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = a * i128::from(w.minor().max(0));
        parts.push(exact / total);
        remainders.push((exact % total, i));
    }
    let mut left = a - parts.iter().sum::<i128>();
    remainders.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
        .into_iter()
        .map(|p| Money::from_minor(p as i64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::{Discount, LineOrigin};
    use crate::domain::catalog::fixtures::product;
    use proptest::prelude::*;

    fn m(minor: i64) -> Money {
        Money::from_minor(minor)
    }

    #[test]
    fn exclusive_tax_is_added_per_line() {
        let mut cart = Cart::new();
        cart.add(&product("L", "Laptop", 119_900), 1, LineOrigin::Manual)
            .unwrap();
        cart.add(&product("H", "Hub", 4_900), 1, LineOrigin::Manual)
            .unwrap();
        let t = price(&cart, &TaxRates::default());
        // The design's example: $1,248.00 + 8% = $99.84 → $1,347.84.
        assert_eq!(
            (t.subtotal, t.tax, t.total),
            (m(124_800), m(9_984), m(134_784))
        );
    }

    #[test]
    fn tax_rounds_half_up_per_line() {
        let mut cart = Cart::new();
        // 8% of $0.19 = 1.52 cents → 2; of $0.06 = 0.48 → 0; rounding the sum instead would give 2.
        cart.add(&product("A", "A", 19), 1, LineOrigin::Manual)
            .unwrap();
        cart.add(&product("B", "B", 6), 1, LineOrigin::Manual)
            .unwrap();
        let t = price(&cart, &TaxRates::default());
        assert_eq!(
            t.lines.iter().map(|l| l.tax).collect::<Vec<_>>(),
            vec![m(2), m(0)]
        );
        assert_eq!(t.total, m(27));
    }

    #[test]
    fn inclusive_prices_contain_their_tax() {
        let mut cart = Cart::new();
        cart.add(&product("A", "A", 10_800), 1, LineOrigin::Manual)
            .unwrap();
        let rates = TaxRates {
            inclusive: true,
            ..TaxRates::default()
        };
        let t = price(&cart, &rates);
        assert_eq!((t.tax, t.total), (m(800), m(10_800)));
    }

    #[test]
    fn per_class_rates_apply() {
        let mut cart = Cart::new();
        let mut service = product("W", "Warranty", 10_000);
        service.tax_class = "services".into();
        cart.add(&service, 1, LineOrigin::Manual).unwrap();
        let mut rates = TaxRates::default();
        rates.by_class.insert("services".into(), 0);
        assert_eq!(price(&cart, &rates).tax, m(0));
    }

    #[test]
    fn order_discount_is_spread_to_the_cent() {
        let mut cart = Cart::new();
        for sku in ["A", "B", "C"] {
            cart.add(&product(sku, sku, 1_000), 1, LineOrigin::Manual)
                .unwrap();
        }
        cart.set_order_discount(Some(Discount::Amount(m(100))))
            .unwrap();
        let t = price(&cart, &TaxRates::default());
        let shares: Vec<Money> = t.lines.iter().map(|l| l.order_discount).collect();
        assert_eq!(shares, vec![m(34), m(33), m(33)]);
        assert_eq!(t.discounts, m(100));
    }

    #[test]
    fn a_complete_bundle_lowers_the_total_and_its_tax() {
        use crate::domain::bundle::Deal;
        use crate::domain::target::Target;
        let mut cart = Cart::new();
        cart.add(&product("CASE", "Case", 2_500), 1, LineOrigin::Manual)
            .unwrap();
        let b = Bundle {
            id: "P".into(),
            name: "Protection pack".into(),
            items: vec![Target::Sku("CASE".into()), Target::Sku("GLASS".into())],
            deal: Deal::Price(m(3_000)),
        };
        assert_eq!(
            price_with_bundles(&cart, &TaxRates::default(), std::slice::from_ref(&b))
                .bundle_savings,
            m(0)
        );
        cart.add(&product("GLASS", "Glass", 1_500), 1, LineOrigin::Manual)
            .unwrap();
        let t = price_with_bundles(&cart, &TaxRates::default(), &[b]);
        assert_eq!(
            (t.bundle_savings, t.discounts, t.tax, t.total),
            (m(1_000), m(1_000), m(240), m(3_240))
        );
    }

    #[test]
    fn allocation_sums_exactly() {
        assert_eq!(allocate(m(10), &[m(1), m(1), m(1)]), vec![m(4), m(3), m(3)]);
        assert_eq!(allocate(m(0), &[m(5)]), vec![m(0)]);
        assert_eq!(allocate(m(7), &[]), Vec::<Money>::new());
        assert_eq!(allocate(m(7), &[m(0), m(0)]), vec![m(0), m(0)]);
    }

    fn arb_cart() -> impl Strategy<Value = Cart> {
        let line = (
            1i64..1_000_000,
            1i64..50,
            proptest::option::of(0i64..=10_000),
            any::<bool>(),
        );
        (
            proptest::collection::vec(line, 0..12),
            proptest::option::of(0i64..=10_000),
        )
            .prop_map(|(lines, order_pct)| {
                let mut cart = Cart::new();
                for (i, (price, qty, pct, as_amount)) in lines.into_iter().enumerate() {
                    let idx = cart
                        .add(
                            &product(&format!("S{i}"), "x", price),
                            qty,
                            LineOrigin::Manual,
                        )
                        .unwrap();
                    if let Some(bp) = pct {
                        let d = if as_amount {
                            Discount::Amount(m(price * qty * bp / 10_000))
                        } else {
                            Discount::Percent(bp)
                        };
                        cart.set_line_discount(idx, Some(d)).unwrap();
                    }
                }
                cart.set_order_discount(order_pct.map(Discount::Percent))
                    .unwrap();
                cart
            })
    }

    proptest! {
        #[test]
        fn total_is_lines_less_discounts_plus_tax(cart in arb_cart(), inclusive in any::<bool>()) {
            let rates = TaxRates { inclusive, ..TaxRates::default() };
            let t = price(&cart, &rates);
            let line_sum: Money = t.lines.iter().map(|l| l.gross).sum();
            prop_assert_eq!(t.subtotal, line_sum);
            let expected = if inclusive { t.subtotal - t.discounts } else { t.subtotal - t.discounts + t.tax };
            prop_assert_eq!(t.total, expected);
            prop_assert_eq!(t.tax, t.lines.iter().map(|l| l.tax).sum::<Money>());
            for l in &t.lines {
                prop_assert!(l.net >= Money::ZERO);
                prop_assert!(l.tax >= Money::ZERO);
            }
            prop_assert!(t.total >= Money::ZERO);
        }
    }
}
