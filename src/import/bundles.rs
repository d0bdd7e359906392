//! `xsell import bundles FILE`: `bundle_id,name,items,price,discount`, where items are SKUs
//! or `category:NAME` separated by `|`, and exactly one of price and discount is given.

use std::io::Read;

use std::collections::HashMap;

use crate::domain::bundle::{Bundle, Deal};
use crate::domain::money::Money;
use crate::domain::target::Target;
use crate::import::RowError;
use crate::import::Summary;
use crate::import::complements::Known;
use crate::import::table::{FirstSeen, ImportErrors, Table, read_all, written};
use crate::store::Store;

pub fn import<R: Read>(store: &mut Store, input: R, file: &str) -> Result<Summary, ImportErrors> {
    let table = Table::open(
        input,
        &["bundle_id", "name", "items"],
        &["price", "discount"],
    )
    .map_err(|e| ImportErrors::single(file, e))?;
    let known = Known::from_store(store).map_err(|e| ImportErrors::single(file, e))?;
    let prices = Cheapest::from_store(store).map_err(|e| ImportErrors::single(file, e))?;
    let mut seen = FirstSeen::default();
    let rows = read_all(table, file, |row| {
        let id = row.required("bundle_id")?;
        seen.check(row, "bundle_id", &id)?;
        let items = row
            .required("items")?
            .split('|')
            .map(|t| known.target(row, "items", t))
            .collect::<Result<Vec<_>, _>>()?;
        if items.len() < 2 {
            return Err(row.err("a bundle needs at least two items"));
        }
        let deal = match (row.money("price")?, row.money("discount")?) {
            (Some(p), None) => Deal::Price(p),
            (None, Some(d)) if d.minor() > 0 => Deal::Discount(d),
            (None, Some(_)) => return Err(row.err("a discount must be more than zero")),
            _ => return Err(row.err("give either a price or a discount")),
        };
        // The cheapest set the bundle can be made of: a deal that takes it to nothing or
        // below would let a sale total $0.00 without any approval.
        let cheapest = items.iter().map(|t| prices.of(t)).sum::<Money>();
        match deal {
            Deal::Discount(d) if d >= cheapest => {
                return Err(row.err(format!(
                    "the discount {d} is not less than the cheapest set of its items ({cheapest})"
                )));
            }
            Deal::Price(p) if p.minor() <= 0 => {
                return Err(row.err("a bundle price must be more than zero"));
            }
            _ => {}
        }
        Ok(Bundle {
            id,
            name: row.required("name")?,
            items,
            deal,
        })
    })?;
    written(file, store.import_bundles(&rows))
}

/// The lowest price each bundle item can be bought at: a SKU's, or a category's cheapest.
struct Cheapest {
    skus: HashMap<String, Money>,
    categories: HashMap<String, Money>,
}

impl Cheapest {
    fn from_store(store: &Store) -> Result<Cheapest, RowError> {
        let catalog = store
            .load_catalog()
            .map_err(|e| RowError::new(0, e.to_string()))?;
        let mut out = Cheapest {
            skus: HashMap::new(),
            categories: HashMap::new(),
        };
        for p in catalog.products() {
            out.skus.insert(p.sku.clone(), p.price);
            let min = out
                .categories
                .entry(p.category.to_lowercase())
                .or_insert(p.price);
            *min = (*min).min(p.price);
        }
        Ok(out)
    }

    fn of(&self, target: &Target) -> Money {
        match target {
            Target::Sku(s) => self.skus.get(s),
            Target::Category(c) => self.categories.get(&c.to_lowercase()),
        }
        .copied()
        .unwrap_or(Money::ZERO)
    }
}
