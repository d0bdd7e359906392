//! Bundles: products that go together, sold for less. The cart is matched against each
//! bundle; a complete set earns its saving automatically, a partial one tells the register
//! what is missing ("add a mouse to complete the bundle and save $15").

use crate::domain::cart::Cart;
use crate::domain::money::Money;
use crate::domain::target::Target;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Deal {
    /// The set costs this much.
    Price(Money),
    /// The set costs this much less than its parts.
    Discount(Money),
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Bundle {
    pub id: String,
    pub name: String,
    pub items: Vec<Target>,
    pub deal: Deal,
}

/// How a cart stands against one bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleMatch {
    pub bundle_id: String,
    /// Complete sets in the cart.
    pub sets: u32,
    /// Saving on the complete sets, spread over the units that form them: (line index, amount).
    pub shares: Vec<(usize, Money)>,
    pub saving: Money,
    /// For the next set, when it is started but not complete: what is still missing.
    pub missing: Vec<Target>,
}

impl Bundle {
    /// The saving of one set whose parts cost `parts` in total.
    pub fn saving_on(&self, parts: Money) -> Money {
        match self.deal {
            Deal::Price(p) => (parts - p).max(Money::ZERO),
            Deal::Discount(d) => d.min(parts),
        }
    }

    /// Matches the cart: each bundle item takes one unit from a distinct line unit, most
    /// specific items (SKUs) first so a category item does not steal a named product's line.
    pub fn match_cart(&self, cart: &Cart) -> BundleMatch {
        let lines = cart.lines();
        let mut left: Vec<i64> = lines.iter().map(|l| l.qty).collect();
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by_key(|&i| matches!(self.items[i], Target::Category(_)));
        let mut sets = 0u32;
        let mut shares: Vec<(usize, Money)> = Vec::new();
        let mut saving = Money::ZERO;
        let mut missing = Vec::new();
        loop {
            let mut taken: Vec<usize> = Vec::new();
            let mut lacking = Vec::new();
            for &i in &order {
                let target = &self.items[i];
                // The cheapest fitting unit: the customer keeps the larger saving elsewhere.
                let pick = (0..lines.len())
                    .filter(|&l| {
                        left[l] > 0 && target.matches_line(&lines[l].sku, &lines[l].category)
                    })
                    .min_by_key(|&l| (lines[l].unit_price, l));
                match pick {
                    Some(l) => {
                        left[l] -= 1;
                        taken.push(l);
                    }
                    None => lacking.push(target.clone()),
                }
            }
            if !lacking.is_empty() {
                if !taken.is_empty() {
                    missing = lacking;
                }
                break;
            }
            sets += 1;
            let parts: Vec<Money> = taken.iter().map(|&l| lines[l].unit_price).collect();
            let set_saving = self.saving_on(parts.iter().copied().sum());
            saving += set_saving;
            for (l, share) in taken
                .iter()
                .zip(crate::domain::pricing::allocate(set_saving, &parts))
            {
                match shares.iter_mut().find(|(x, _)| x == l) {
                    Some((_, s)) => *s += share,
                    None => shares.push((*l, share)),
                }
            }
        }
        shares.sort_by_key(|(l, _)| *l);
        BundleMatch {
            bundle_id: self.id.clone(),
            sets,
            shares,
            saving,
            missing,
        }
    }
}

/// Applies every bundle in turn; units used by one bundle are not reused by the next.
/// Returns the bundle discount of each cart line.
pub fn line_savings(cart: &Cart, bundles: &[Bundle]) -> (Vec<Money>, Vec<BundleMatch>) {
    let mut per_line = vec![Money::ZERO; cart.lines().len()];
    let mut matches = Vec::new();
    let mut remaining = cart.clone();
    for bundle in bundles {
        let m = bundle.match_cart(&remaining);
        if m.sets > 0 {
            for (l, s) in &m.shares {
                per_line[*l] += *s;
            }
            // Units that formed a set are spent: take them out of what later bundles see.
            let used = bundle_units(bundle, &remaining, m.sets);
            remaining = cart_without(&remaining, &used);
        }
        matches.push(m);
    }
    (per_line, matches)
}

/// A bundle that priced a sale, as its receipt names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AppliedBundle {
    pub id: String,
    pub name: String,
    pub sets: u32,
    pub saving: Money,
}

/// The bundles that take money off this cart, with what each takes. A line's bundle
/// saving is capped at what its line discount leaves (as pricing caps it); the cap is
/// taken from the later bundles first, so the savings here add up to the totals' own.
pub fn applied(cart: &Cart, bundles: &[Bundle]) -> Vec<AppliedBundle> {
    if bundles.is_empty() {
        return Vec::new();
    }
    let mut room: Vec<Money> = cart
        .lines()
        .iter()
        .map(|l| {
            let gross = l.gross();
            gross - l.discount.map_or(Money::ZERO, |d| d.of(gross))
        })
        .collect();
    let (_, matches) = line_savings(cart, bundles);
    let mut out = Vec::new();
    for (m, bundle) in matches.iter().zip(bundles) {
        if m.sets == 0 {
            continue;
        }
        let mut saving = Money::ZERO;
        for &(l, share) in &m.shares {
            let take = share.min(room[l]).max(Money::ZERO);
            room[l] -= take;
            saving += take;
        }
        if saving > Money::ZERO {
            out.push(AppliedBundle {
                id: bundle.id.clone(),
                name: bundle.name.clone(),
                sets: m.sets,
                saving,
            });
        }
    }
    out
}

fn bundle_units(bundle: &Bundle, cart: &Cart, sets: u32) -> Vec<i64> {
    let lines = cart.lines();
    let mut left: Vec<i64> = lines.iter().map(|l| l.qty).collect();
    let mut order: Vec<usize> = (0..bundle.items.len()).collect();
    order.sort_by_key(|&i| matches!(bundle.items[i], Target::Category(_)));
    for _ in 0..sets {
        for &i in &order {
            let t = &bundle.items[i];
            if let Some(l) = (0..lines.len())
                .filter(|&l| left[l] > 0 && t.matches_line(&lines[l].sku, &lines[l].category))
                .min_by_key(|&l| (lines[l].unit_price, l))
            {
                left[l] -= 1;
            }
        }
    }
    lines
        .iter()
        .zip(left)
        .map(|(line, l)| line.qty - l)
        .collect()
}

/// The cart with `used[i]` units removed from line i, keeping line indexes stable by
/// leaving spent lines at a quantity that matches nothing (their SKU is blanked).
fn cart_without(cart: &Cart, used: &[i64]) -> Cart {
    let lines = cart
        .lines()
        .iter()
        .zip(used)
        .map(|(l, &u)| {
            let mut l = l.clone();
            if l.qty - u <= 0 {
                l.sku.clear();
                l.category.clear();
                l.qty = 1;
                l.unit_price = Money::ZERO;
            } else {
                l.qty -= u;
            }
            l
        })
        .collect();
    Cart::from_parts(lines, cart.order_discount())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::LineOrigin;
    use crate::domain::catalog::fixtures::product;

    fn m(minor: i64) -> Money {
        Money::from_minor(minor)
    }

    fn wfh() -> Bundle {
        Bundle {
            id: "WFH".into(),
            name: "Work-from-home kit".into(),
            items: vec![
                Target::Sku("STAND".into()),
                Target::Sku("KB".into()),
                Target::Category("Mice".into()),
            ],
            deal: Deal::Discount(m(1_500)),
        }
    }

    fn cart(items: &[(&str, &str, i64, i64)]) -> Cart {
        let mut c = Cart::new();
        for (sku, cat, price, qty) in items {
            let mut p = product(sku, sku, *price);
            p.category = cat.to_string();
            c.add(&p, *qty, LineOrigin::Manual).unwrap();
        }
        c
    }

    #[test]
    fn a_partial_bundle_says_what_is_missing() {
        let c = cart(&[("STAND", "Stands", 3_900, 1), ("KB", "Keyboards", 4_900, 1)]);
        let m = wfh().match_cart(&c);
        assert_eq!(m.sets, 0);
        assert_eq!(m.missing, vec![Target::Category("Mice".into())]);
        assert_eq!(m.saving, Money::ZERO);
    }

    #[test]
    fn a_complete_bundle_spreads_its_saving_over_its_units() {
        let c = cart(&[
            ("STAND", "Stands", 3_900, 1),
            ("KB", "Keyboards", 4_900, 1),
            ("M1", "Mice", 2_500, 1),
        ]);
        let m = wfh().match_cart(&c);
        assert_eq!((m.sets, m.saving), (1, self::m(1_500)));
        assert_eq!(m.shares.iter().map(|s| s.1).sum::<Money>(), self::m(1_500));
        assert!(m.missing.is_empty());
    }

    #[test]
    fn a_bundle_price_saves_the_difference_and_repeats_per_set() {
        let b = Bundle {
            id: "P".into(),
            name: "Protection pack".into(),
            items: vec![
                Target::Category("Phone Cases".into()),
                Target::Category("Screen Protectors".into()),
            ],
            deal: Deal::Price(m(3_000)),
        };
        let c = cart(&[
            ("CASE", "Phone Cases", 2_500, 2),
            ("GLASS", "Screen Protectors", 1_500, 1),
        ]);
        let r = b.match_cart(&c);
        assert_eq!((r.sets, r.saving), (1, m(1_000)));
        // The second case has started a new set that lacks a protector.
        assert_eq!(
            r.missing,
            vec![Target::Category("Screen Protectors".into())]
        );
        let c2 = cart(&[
            ("CASE", "Phone Cases", 2_500, 2),
            ("GLASS", "Screen Protectors", 1_500, 2),
        ]);
        assert_eq!(b.match_cart(&c2).saving, m(2_000));
    }

    #[test]
    fn units_are_not_counted_in_two_bundles() {
        let mouse_pair = Bundle {
            id: "M".into(),
            name: "Mouse and pad".into(),
            items: vec![Target::Category("Mice".into()), Target::Sku("PAD".into())],
            deal: Deal::Discount(m(500)),
        };
        let c = cart(&[
            ("STAND", "Stands", 3_900, 1),
            ("KB", "Keyboards", 4_900, 1),
            ("M1", "Mice", 2_500, 1),
            ("PAD", "Pads", 900, 1),
        ]);
        let (per_line, matches) = line_savings(&c, &[wfh(), mouse_pair]);
        assert_eq!(matches[0].sets, 1);
        assert_eq!(
            matches[1].sets, 0,
            "the only mouse went into the first bundle"
        );
        assert_eq!(per_line.iter().copied().sum::<Money>(), m(1_500));
    }

    #[test]
    fn applied_bundles_name_their_saving_and_add_up_to_the_totals() {
        let c = cart(&[
            ("STAND", "Stands", 3_900, 1),
            ("KB", "Keyboards", 4_900, 1),
            ("M1", "Mice", 2_500, 1),
        ]);
        let applied = applied(&c, &[wfh()]);
        assert_eq!(applied.len(), 1);
        assert_eq!(applied[0].name, "Work-from-home kit");
        assert_eq!((applied[0].sets, applied[0].saving), (1, m(1_500)));
        let totals = crate::domain::pricing::price_with_bundles(
            &c,
            &crate::domain::pricing::TaxRates::default(),
            &[wfh()],
        );
        assert_eq!(totals.bundle_savings, m(1_500));
        assert!(self::applied(&c, &[]).is_empty());
    }
}
