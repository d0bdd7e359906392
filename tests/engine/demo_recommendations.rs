//! The product's headline example on the demo shop, for every laptop and every phone it
//! sells: a laptop gets a bag, a mouse and a stand among the top five add-ons; a phone gets a
//! case and a screen protector (upgrades aside).

use chrono::NaiveDate;
use xsell::recommend::engine::{Engine, Kind, Request};
use xsell::recommend::model::Params;
use xsell::store::Store;

fn demo_engine() -> Engine {
    let mut store = Store::open_in_memory().unwrap();
    xsell::demo::load(&mut store, "2026-11-01T00:00:00").unwrap();
    Engine::build(store.engine_input(Params::default()).unwrap())
}

fn top_categories(e: &Engine, sku: &str) -> Vec<String> {
    let cart = vec![sku.to_string()];
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    e.recommend(&Request {
        cart: &cart,
        now,
        k: 6,
        ..Request::default()
    })
    .into_iter()
    .filter(|r| r.kind != Kind::Upsell)
    .take(5)
    .map(|r| e.catalog().by_sku(&r.sku).unwrap().category.clone())
    .collect()
}

#[test]
fn every_laptop_gets_a_bag_a_mouse_and_a_stand() {
    let e = demo_engine();
    let laptops: Vec<String> = e
        .catalog()
        .products()
        .iter()
        .filter(|p| p.category == "Laptops")
        .map(|p| p.sku.clone())
        .collect();
    assert!(laptops.len() >= 5);
    for sku in laptops {
        let cats = top_categories(&e, &sku);
        for want in ["Laptop Bags", "Mice", "Laptop Stands"] {
            assert!(
                cats.iter().any(|c| c == want),
                "{sku}: no {want} in {cats:?}"
            );
        }
    }
}

#[test]
fn every_phone_gets_a_case_and_a_screen_protector() {
    let e = demo_engine();
    let phones: Vec<String> = e
        .catalog()
        .products()
        .iter()
        .filter(|p| p.category == "Phones")
        .map(|p| p.sku.clone())
        .collect();
    assert!(phones.len() >= 5);
    for sku in phones {
        let cats = top_categories(&e, &sku);
        for want in ["Phone Cases", "Screen Protectors"] {
            assert!(
                cats.iter().any(|c| c == want),
                "{sku}: no {want} in {cats:?}"
            );
        }
    }
}
