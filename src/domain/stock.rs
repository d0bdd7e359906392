//! Whether the shelf, as the store counts it, covers what an order asks for. A till warns
//! and sells on (stock figures can be wrong: the item is in the customer's hands), so this
//! only decides whether to say so. It is the one place that decides, so that products
//! whose stock is not counted can be skipped here.

use crate::domain::catalog::Product;

/// What the cashier is told when an order asks for more than the stock shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockWarning {
    /// What the stock shows (zero or less: none).
    pub in_stock: i64,
    /// The quantity of the product on the order, this line and others together.
    pub on_order: i64,
}

impl std::fmt::Display for StockWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.in_stock <= 0 {
            write!(f, "none in stock")?;
        } else {
            write!(f, "only {} in stock", self.in_stock)?;
        }
        write!(f, ", {} on this order", self.on_order)
    }
}

/// A warning when `on_order` units of `product` are more than its stock shows; none for a
/// product whose stock the shop does not count (imported without a stock figure).
pub fn shortfall(product: &Product, on_order: i64) -> Option<StockWarning> {
    (product.stock_tracked() && on_order > product.stock).then_some(StockWarning {
        in_stock: product.stock,
        on_order,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    fn product(stock: i64) -> Product {
        Product {
            sku: "VC-AA12".into(),
            name: "Batteries".into(),
            category: "Batteries".into(),
            brand: None,
            price: Money::from_minor(1_499),
            cost: None,
            barcode: None,
            tax_class: "standard".into(),
            stock,
            family: None,
            tier: None,
            durable: false,
            age_restricted: false,
            active: true,
            stock_tracked: true,
            consumable: None,
        }
    }

    #[test]
    fn selling_more_than_the_stock_shows_is_a_warning_with_both_figures() {
        assert_eq!(shortfall(&product(2), 2), None);
        let untracked = Product {
            stock_tracked: false,
            ..product(0)
        };
        assert_eq!(
            shortfall(&untracked, 5),
            None,
            "stock not counted: nothing to warn about"
        );
        let w = shortfall(&product(2), 3).unwrap();
        assert_eq!(w.to_string(), "only 2 in stock, 3 on this order");
        assert_eq!(
            shortfall(&product(0), 1).unwrap().to_string(),
            "none in stock, 1 on this order"
        );
        assert_eq!(
            shortfall(&product(-4), 1).unwrap().to_string(),
            "none in stock, 1 on this order"
        );
    }
}
