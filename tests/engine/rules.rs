//! One test per personalization rule and guardrail of the recommendation engine, on a
//! small hand-made shop whose right answers are known.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use xsell::domain::bundle::{Bundle, Deal};
use xsell::domain::catalog::{Catalog, Product};
use xsell::domain::money::Money;
use xsell::domain::target::{Target, TimeWindow};
use xsell::recommend::baskets::Baskets;
use xsell::recommend::curated::Complement;
use xsell::recommend::engine::{Engine, EngineInput, Kind, Recommendation, Request, Source};
use xsell::recommend::mined::MinedRule;
use xsell::recommend::model::Params;
use xsell::recommend::profile::Purchase;

fn product(sku: &str, category: &str, price: i64, durable: bool) -> Product {
    Product {
        sku: sku.into(),
        name: format!("{sku} name"),
        category: category.into(),
        brand: None,
        price: Money::from_minor(price),
        cost: None,
        barcode: None,
        tax_class: "standard".into(),
        stock: 10,
        family: None,
        tier: None,
        durable,
        age_restricted: false,
        active: true,
        stock_tracked: true,
        consumable: None,
    }
}

fn day(n: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 5)
        .unwrap()
        .and_hms_opt(11, 0, 0)
        .unwrap()
        + chrono::Duration::days(n)
}

const NOW: i64 = 300;

struct Shop {
    products: Vec<Product>,
    complements: Vec<Complement>,
    bundles: Vec<Bundle>,
    purchases: HashMap<String, Vec<(String, i64)>>,
    opted_out: HashSet<String>,
    rules: Vec<MinedRule>,
}

fn shop() -> Shop {
    let mut l1 = product("LAP1", "Laptops", 99_900, true);
    l1.family = Some("ub".into());
    l1.tier = Some(1);
    let mut l2 = product("LAP2", "Laptops", 119_900, true);
    l2.family = Some("ub".into());
    l2.tier = Some(2);
    let mut mouse_a = product("MOUSE-A", "Mice", 2_500, true);
    mouse_a.brand = Some("Logi".into());
    let mut mouse_b = product("MOUSE-B", "Mice", 2_500, true);
    mouse_b.brand = Some("Other".into());
    let mut oos = product("HUB", "Hubs", 4_900, true);
    oos.stock = 0;
    let mut energy = product("ENERGY", "Drinks", 300, false);
    energy.age_restricted = true;
    // Ink is used up, and the catalog says so: reminders are allowed.
    let mut ink = product("INK", "Ink", 1_999, false);
    ink.consumable = Some(true);
    let mut gone = product("OLDCABLE", "Cables", 900, false);
    gone.active = false;
    Shop {
        products: vec![
            l1,
            l2,
            product("BAG", "Laptop Bags", 4_900, true),
            product("STAND", "Laptop Stands", 3_900, true),
            mouse_a,
            mouse_b,
            oos,
            energy,
            gone,
            product("PRINTER", "Printers", 14_900, true),
            ink,
            product("PHONE", "Phones", 79_900, true),
            product("CASE", "Phone Cases", 2_900, true),
            product("GLASS", "Screen Protectors", 1_900, true),
        ],
        complements: vec![Complement {
            from: Target::Category("Laptops".into()),
            to: Target::Category("Laptop Stands".into()),
            reason: "Raises the screen to eye level".into(),
            script: "Working long hours on it? A stand saves your neck.".into(),
            weight: 0.8,
            window: TimeWindow::default(),
        }],
        bundles: vec![Bundle {
            id: "PROTECT".into(),
            name: "Protection pack".into(),
            items: vec![Target::Sku("CASE".into()), Target::Sku("GLASS".into())],
            deal: Deal::Price(Money::from_minor(3_800)),
        }],
        purchases: HashMap::new(),
        opted_out: HashSet::new(),
        rules: Vec::new(),
    }
}

fn history() -> Vec<Vec<&'static str>> {
    (0..50)
        .map(|i| match i % 10 {
            0 => vec!["LAP1", "BAG", "MOUSE-A"],
            1 => vec!["LAP1", "BAG"],
            2 => vec!["LAP1", "MOUSE-A", "HUB"],
            3 => vec!["LAP1", "BAG", "ENERGY"],
            4 => vec!["LAP1", "OLDCABLE", "BAG"],
            5 => vec!["LAP1", "MOUSE-B"],
            6 | 7 => vec!["PHONE", "CASE"],
            8 => vec!["PRINTER", "INK"],
            _ => vec!["INK", "MOUSE-B"],
        })
        .collect()
}

fn engine(s: Shop) -> Engine {
    let catalog = Arc::new(Catalog::new(s.products));
    let baskets = Baskets::from_label_sets(&history());
    let purchases = s
        .purchases
        .into_iter()
        .map(|(c, list)| {
            let p = list
                .into_iter()
                .map(|(sku, d)| Purchase {
                    product: catalog.index_of(&sku).unwrap() as u32,
                    at: day(d),
                    qty: 1,
                })
                .collect();
            (c, p)
        })
        .collect();
    Engine::build(EngineInput {
        catalog,
        complements: s.complements,
        bundles: s.bundles,
        rules: s.rules,
        intervals: None,
        baskets,
        trained: None,
        purchases,
        opted_out: s.opted_out,
        params: Params::default(),
    })
}

fn ask(e: &Engine, cart: &[&str], customer: Option<&str>) -> Vec<Recommendation> {
    let cart: Vec<String> = cart.iter().map(|s| s.to_string()).collect();
    e.recommend(&Request {
        cart: &cart,
        customer,
        now: day(NOW),
        k: 8,
        ..Request::default()
    })
}

fn skus(r: &[Recommendation]) -> Vec<&str> {
    r.iter().map(|x| x.sku.as_str()).collect()
}

#[test]
fn a_laptop_gets_a_bag_a_mouse_and_a_stand() {
    let e = engine(shop());
    let r = ask(&e, &["LAP1"], None);
    let top: Vec<&str> = skus(&r).into_iter().take(5).collect();
    for want in ["BAG", "STAND"] {
        assert!(top.contains(&want), "{want} missing from {top:?}");
    }
    assert!(
        top.iter().any(|s| s.starts_with("MOUSE")),
        "no mouse in {top:?}"
    );
}

#[test]
fn every_suggestion_carries_kind_source_score_reason_and_script() {
    let e = engine(shop());
    for r in ask(&e, &["LAP1", "CASE"], None) {
        assert!(
            r.score > 0.0 && !r.reason.is_empty() && !r.script.is_empty(),
            "{r:?}"
        );
    }
    let r = ask(&e, &["LAP1"], None);
    let bag = r.iter().find(|x| x.sku == "BAG").unwrap();
    assert_eq!((bag.kind, bag.source), (Kind::CrossSell, Source::Mined));
    assert!(
        bag.reason.contains("of") && bag.reason.contains("LAP1 name"),
        "{}",
        bag.reason
    );
    let stand = r.iter().find(|x| x.sku == "STAND").unwrap();
    assert_eq!(stand.source, Source::Curated);
    assert_eq!(stand.reason, "Raises the screen to eye level");
}

#[test]
fn upsell_is_the_next_tier_shown_with_its_price_difference() {
    let e = engine(shop());
    let r = ask(&e, &["LAP1"], None);
    let up = r
        .iter()
        .find(|x| x.sku == "LAP2")
        .expect("an upgrade is offered");
    assert_eq!((up.kind, up.source), (Kind::Upsell, Source::Ladder));
    assert_eq!(up.replaces.as_deref(), Some("LAP1"));
    assert_eq!(up.price_difference, Some(Money::from_minor(20_000)));
    assert!(
        r.iter()
            .filter(|x| x.sku == "LAP2")
            .all(|x| x.kind == Kind::Upsell),
        "never as an add-on"
    );
}

#[test]
fn bundle_completion_shows_the_saving() {
    let e = engine(shop());
    let r = ask(&e, &["PHONE", "CASE"], None);
    let b = r
        .iter()
        .find(|x| x.kind == Kind::Bundle)
        .expect("a bundle offer");
    assert_eq!(b.sku, "GLASS");
    assert_eq!(b.saving, Some(Money::from_minor(1_000)));
    assert_eq!(b.bundle_id.as_deref(), Some("PROTECT"));
    assert!(b.reason.contains("save $10.00"), "{}", b.reason);
}

#[test]
fn never_offers_out_of_stock() {
    let e = engine(shop());
    assert!(!skus(&ask(&e, &["LAP1"], None)).contains(&"HUB"));
}

#[test]
fn never_offers_an_inactive_product() {
    let e = engine(shop());
    assert!(!skus(&ask(&e, &["LAP1"], None)).contains(&"OLDCABLE"));
}

#[test]
fn never_offers_what_is_in_the_cart() {
    let e = engine(shop());
    let r = ask(&e, &["LAP1", "BAG"], None);
    assert!(!skus(&r).contains(&"BAG") && !skus(&r).contains(&"LAP1"));
}

#[test]
fn never_offers_what_was_declined_in_this_order() {
    let e = engine(shop());
    let cart = vec!["LAP1".to_string()];
    let declined = vec!["BAG".to_string()];
    let r = e.recommend(&Request {
        cart: &cart,
        declined: &declined,
        now: day(NOW),
        k: 8,
        ..Request::default()
    });
    assert!(!skus(&r).contains(&"BAG"));
}

#[test]
fn an_item_removed_this_visit_is_not_offered_again() {
    let e = engine(shop());
    let cart = vec!["LAP1".to_string()];
    let removed = vec!["MOUSE-A".to_string()];
    let r = e.recommend(&Request {
        cart: &cart,
        removed: &removed,
        now: day(NOW),
        k: 8,
        ..Request::default()
    });
    assert!(!skus(&r).contains(&"MOUSE-A"));
}

#[test]
fn offers_nothing_to_a_customer_who_opted_out() {
    let mut s = shop();
    s.opted_out.insert("QUIET".into());
    let e = engine(s);
    assert!(ask(&e, &["LAP1"], Some("QUIET")).is_empty());
}

#[test]
fn age_restricted_items_are_not_offered_in_kiosk_mode() {
    let e = engine(shop());
    let cart = vec!["LAP1".to_string()];
    let at_till = e.recommend(&Request {
        cart: &cart,
        now: day(NOW),
        k: 20,
        ..Request::default()
    });
    let kiosk = e.recommend(&Request {
        cart: &cart,
        now: day(NOW),
        k: 20,
        kiosk: true,
        ..Request::default()
    });
    assert!(
        skus(&at_till).contains(&"ENERGY"),
        "offered at a staffed till: {:?}",
        skus(&at_till)
    );
    assert!(!skus(&kiosk).contains(&"ENERGY"));
}

#[test]
fn never_offers_a_durable_the_customer_already_owns() {
    let mut s = shop();
    s.purchases.insert("C1".into(), vec![("BAG".into(), 60)]);
    let e = engine(s);
    assert!(skus(&ask(&e, &["LAP1"], None)).contains(&"BAG"));
    assert!(
        !skus(&ask(&e, &["LAP1"], Some("C1"))).contains(&"BAG"),
        "they bought a bag in March"
    );
}

#[test]
fn an_alternative_to_a_durable_in_the_cart_is_not_a_complement() {
    let e = engine(shop());
    let r = ask(&e, &["MOUSE-A", "LAP1"], None);
    assert!(
        !skus(&r).contains(&"MOUSE-B"),
        "a second mouse is not an add-on to a mouse"
    );
}

#[test]
fn offers_a_consumable_when_its_repurchase_interval_is_due() {
    let mut s = shop();
    s.purchases.insert(
        "INKY".into(),
        vec![("INK".into(), NOW - 118), ("INK".into(), NOW - 58)],
    );
    let e = engine(s);
    let r = ask(&e, &["PHONE"], Some("INKY"));
    let ink = r.iter().find(|x| x.sku == "INK").expect("ink is due");
    assert_eq!(ink.source, Source::History);
    assert!(ink.reason.contains("58 days ago"), "{}", ink.reason);
}

#[test]
fn raises_brands_the_customer_buys() {
    let mut s = shop();
    s.purchases.insert(
        "FAN".into(),
        vec![("MOUSE-B".into(), 10), ("MOUSE-B".into(), 20)],
    );
    let e = engine(s);
    let cart = ["PRINTER"];
    let anon = ask(&e, &cart, None);
    let fan = ask(&e, &cart, Some("FAN"));
    let score = |r: &[Recommendation], sku: &str| r.iter().find(|x| x.sku == sku).map(|x| x.score);
    let _ = anon;
    // The fan owns that durable mouse, so it is not offered again; their brand share still
    // shows on a consumable they buy: the rule is tested on the score of a fitting product.
    assert!(score(&fan, "MOUSE-B").is_none());
    let e2 = {
        let mut s = shop();
        s.purchases
            .insert("INKFAN".into(), vec![("INK".into(), NOW - 5)]);
        engine(s)
    };
    let with = ask(&e2, &["PRINTER"], Some("INKFAN"));
    let without = ask(&e2, &["PRINTER"], None);
    assert!(
        score(&with, "INK").unwrap() > score(&without, "INK").unwrap(),
        "a category they buy ranks higher"
    );
}

#[test]
fn items_viewed_this_visit_count_as_interest() {
    let e = engine(shop());
    let cart = vec!["LAP1".to_string()];
    let viewed = vec!["STAND".to_string()];
    let plain = e.recommend(&Request {
        cart: &cart,
        now: day(NOW),
        k: 8,
        ..Request::default()
    });
    let looked = e.recommend(&Request {
        cart: &cart,
        viewed: &viewed,
        now: day(NOW),
        k: 8,
        ..Request::default()
    });
    let score = |r: &[Recommendation]| r.iter().find(|x| x.sku == "STAND").unwrap().score;
    assert!(score(&looked) > score(&plain));
}

#[test]
fn curated_pairings_honour_their_time_window() {
    let mut s = shop();
    s.complements[0].window.hours = Some((7, 10)); // breakfast hours only; NOW is 11:00
    let e = engine(s);
    let r = ask(&e, &["LAP1"], None);
    assert!(
        r.iter().all(|x| x.source != Source::Curated),
        "{:?}",
        skus(&r)
    );
}

#[test]
fn margin_breaks_ties_but_never_beats_relevance() {
    let mut s = shop();
    // A fat margin on the stand, none on the bag: the bag is still bought with laptops far more.
    s.products
        .iter_mut()
        .find(|p| p.sku == "STAND")
        .unwrap()
        .cost = Some(Money::from_minor(100));
    s.complements.clear();
    let e = engine(s);
    let r = ask(&e, &["LAP1"], None);
    let pos = |sku: &str| r.iter().position(|x| x.sku == sku);
    assert!(
        pos("BAG") < pos("STAND").or(Some(usize::MAX)),
        "{:?}",
        skus(&r)
    );
}

#[test]
fn purchases_brought_by_the_request_count_like_loaded_ones() {
    let history = [
        ("INK", NOW - 118),
        ("INK", NOW - 58),
        ("BAG", 60),
        ("MOUSE-B", 100),
    ];
    let mut s = shop();
    s.purchases.insert(
        "C7".into(),
        history
            .iter()
            .map(|(sku, d)| (sku.to_string(), *d))
            .collect(),
    );
    let loaded = engine(s);
    let bare = engine(shop());
    let catalog = bare.catalog().clone();
    let purchases: Vec<Purchase> = history
        .iter()
        .map(|(sku, d)| Purchase {
            product: catalog.index_of(sku).unwrap() as u32,
            at: day(*d),
            qty: 1,
        })
        .collect();
    for cart in [
        vec!["LAP1".to_string()],
        vec!["PRINTER".to_string()],
        vec!["PHONE".to_string(), "CASE".to_string()],
    ] {
        let from_loaded = loaded.recommend(&Request {
            cart: &cart,
            customer: Some("C7"),
            now: day(NOW),
            k: 8,
            ..Request::default()
        });
        let from_request = bare.recommend(&Request {
            cart: &cart,
            customer: Some("C7"),
            purchases: Some(&purchases),
            now: day(NOW),
            k: 8,
            ..Request::default()
        });
        // The same offers, worded the same. (Scores may differ here: this fixture's baskets
        // name no customers, so only the request's purchases give the model C7's item shares;
        // an offer of something the customer bought before may then be worded by the
        // reminder, by the model's share of their visits or by its popularity, whichever
        // scores higher, and the order may differ.)
        let bought = |sku: &str| history.iter().any(|(s, _)| *s == sku);
        let seen = |r: &[Recommendation]| {
            let mut v = r
                .iter()
                .map(|x| {
                    let worded = (x.source != Source::History && !bought(&x.sku))
                        .then(|| (x.source.as_str(), x.reason.clone()));
                    (x.sku.clone(), x.kind.as_str(), worded)
                })
                .collect::<Vec<_>>();
            v.sort();
            v
        };
        assert_eq!(seen(&from_loaded), seen(&from_request), "{cart:?}");
        assert!(
            from_request.iter().all(|r| r.sku != "BAG"),
            "the owned bag is not offered"
        );
    }
}

/// A rule from the laptop, seen in `count` of its 30 orders.
fn laptop_rule(id: i64, consequent: &str, count: u32, lift: f64) -> MinedRule {
    MinedRule {
        id,
        antecedent: vec!["LAP1".into()],
        consequent: consequent.into(),
        antecedent_count: 30,
        count,
        confidence: f64::from(count) / 30.0,
        lift,
    }
}

#[test]
fn rules_weighed_down_leave_the_order_to_the_model_and_still_credit_its_offers() {
    let mut s = shop();
    // A confident rule for what the sales put below the bag.
    s.rules = vec![laptop_rule(7, "MOUSE-B", 30, 3.0)];
    let model_only = skus(&ask(&engine(shop()), &["LAP1"], None))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    let mut e = engine(s);
    let full = ask(&e, &["LAP1"], None);
    assert_eq!(full[0].sku, "MOUSE-B", "at full weight the rule leads");
    e.set_rule_weight(0.0);
    let weighed_down = ask(&e, &["LAP1"], None);
    assert_eq!(skus(&weighed_down)[0], model_only[0], "{weighed_down:?}");
    assert_ne!(model_only[0], "MOUSE-B");
    let mouse = weighed_down.iter().find(|r| r.sku == "MOUSE-B").unwrap();
    assert_eq!(mouse.rule_id, Some(7), "the rule still credits the offer");
}

#[test]
fn one_gathering_ranked_per_rule_weight_answers_as_each_weight_does() {
    let mut s = shop();
    s.rules = vec![
        laptop_rule(7, "MOUSE-B", 30, 3.0),
        laptop_rule(8, "STAND", 6, 1.5),
    ];
    let mut e = engine(s);
    let weights = [1.0, 0.6, 0.3, 0.0];
    for (cart, customer) in [
        (vec!["LAP1"], None),
        (vec!["LAP1"], Some("C1")),
        (vec!["LAP1", "BAG"], None),
        (vec![], None),
    ] {
        let owned: Vec<String> = cart.iter().map(|s| s.to_string()).collect();
        let req = Request {
            cart: &owned,
            customer,
            now: day(NOW),
            k: 8,
            ..Request::default()
        };
        let at_once = e.recommend_per_rule_weight(&req, &weights);
        for (w, answer) in weights.iter().zip(&at_once) {
            e.set_rule_weight(*w);
            assert_eq!(answer, &e.recommend(&req), "weight {w}, cart {cart:?}");
        }
        e.set_rule_weight(1.0);
    }
    // The weights change the order here, or the test would prove nothing.
    let at_once = {
        let owned = vec!["LAP1".to_string()];
        e.recommend_per_rule_weight(
            &Request {
                cart: &owned,
                now: day(NOW),
                k: 8,
                ..Request::default()
            },
            &weights,
        )
    };
    assert_ne!(skus(&at_once[0]), skus(&at_once[3]));
}
