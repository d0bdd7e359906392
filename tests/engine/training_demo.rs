//! Training on the demo shop: the built-in scenarios against its catalog, the acceptance
//! model fitted on its offer log, and scenarios drawn from its history.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use xsell::domain::catalog::Catalog;
use xsell::store::Store;
use xsell::training::acceptance::{self, OfferRow};
use xsell::training::from_history::{self, PastOrder};
use xsell::training::scenario::{Level, Scenario};
use xsell::training::session::{Input, Session};
use xsell::training::{acceptance::Moment, builtin, customer::Move};

struct Demo {
    catalog: Catalog,
    rows: Vec<OfferRow>,
    orders: Vec<PastOrder>,
}

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let mut store = Store::open_in_memory().unwrap();
        xsell::demo::load(&mut store, "2026-11-01T00:00:00").unwrap();
        Demo {
            catalog: store.load_catalog().unwrap(),
            rows: store.offer_rows().unwrap(),
            orders: store.past_orders().unwrap(),
        }
    })
}

fn scenarios() -> Vec<Scenario> {
    builtin::scenarios(&demo().catalog).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

#[test]
fn every_built_in_scenario_reads_against_the_demo_catalog() {
    let all = scenarios();
    assert!(all.len() >= 15, "{}", all.len());
    for level in [Level::Easy, Level::Medium, Level::Hard] {
        assert!(
            all.iter().filter(|s| s.level == level).count() >= 4,
            "{level:?}"
        );
    }
    let departments: BTreeSet<&str> = all.iter().map(|s| s.buys[0].category.as_str()).collect();
    assert!(departments.len() >= 10, "{departments:?}");
    assert!(all.iter().any(|s| s.persona.hidden_need.is_some()));
    assert!(all.iter().any(|s| !s.persona.objections.is_empty()));
    assert!(
        all.iter()
            .any(|s| s.card == xsell::training::scenario::Card::Declined)
    );
    // A scenario's loyalty card is a customer of the demo shop.
    for s in &all {
        if let Some(card) = &s.persona.loyalty_card {
            assert!(
                demo()
                    .orders
                    .iter()
                    .any(|o| o.customer.as_deref() == Some(card)),
                "{}: {card}",
                s.id
            );
        }
    }
}

#[test]
fn every_file_in_the_folder_is_compiled_in() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            format!(
                "assets/scenarios/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .filter(|f| f.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let compiled: Vec<String> = builtin::FILES.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(on_disk, compiled);
}

#[test]
fn the_model_fitted_on_the_demo_log_is_calibrated() {
    let rows = &demo().rows;
    assert!(rows.len() > 5_000, "{}", rows.len());
    let fitted = acceptance::fit_and_check(rows);
    let m = &fitted.model;
    assert_eq!(m.offers as usize, rows.len());
    assert!(m.overall > 0.1 && m.overall < 0.6, "{}", m.overall);
    // On offers it never saw, each tenth of predicted chance with enough offers in it is
    // within ten points of what happened.
    for c in &fitted.calibration {
        if c.offers >= 100 {
            assert!(
                (c.predicted - c.observed).abs() < 0.10,
                "{}-{}%: predicted {:.3}, observed {:.3}",
                c.from,
                c.to,
                c.predicted,
                c.observed
            );
        }
    }
}

#[test]
fn every_built_in_scenario_played_well_beats_offering_nothing() {
    let model = acceptance::Model::fit(&demo().rows);
    for s in scenarios() {
        for seed in 0..5 {
            let mut good = Session::new(&s, model.clone(), seed);
            let mut none = Session::new(&s, model.clone(), seed);
            for item in &s.buys {
                for session in [&mut good, &mut none] {
                    session.step(Input::Scan {
                        sku: item.sku.clone(),
                        price: item.price,
                    });
                }
            }
            if let Some(card) = &s.persona.loyalty_card {
                good.step(Input::Attach {
                    customer: card.clone(),
                });
            }
            good.step(Input::Move(Move::AskNeed));
            for (i, item) in s.opportunities().into_iter().take(3).enumerate() {
                if i > 0 {
                    good.step(Input::Move(Move::ExplainValue));
                }
                good.step(Input::Offer {
                    sku: item.sku.clone(),
                    name: item.name.clone(),
                    kind: xsell::domain::offer::Kind::CrossSell,
                    price: item.price,
                    evidence: 0.9,
                    moment: Moment::Item,
                });
                if good.customer().objecting() {
                    good.step(Input::Move(Move::HandleObjection));
                }
            }
            good.step(Input::Pay);
            none.step(Input::Pay);
            let (g, n) = (good.score().total, none.score().total);
            assert!(
                g > n,
                "{} seed {seed}: {g} vs {n}\n{:#?}",
                s.id,
                good.score()
            );
        }
    }
}

#[test]
fn scenarios_from_the_demo_history_are_real_orders_replayed_the_same_for_a_seed() {
    let d = demo();
    let a = from_history::scenarios(&d.orders, &d.catalog, 42, 10);
    let b = from_history::scenarios(&d.orders, &d.catalog, 42, 10);
    assert_eq!(a, b);
    assert_eq!(a.len(), 10);
    for s in &a {
        let id = s.id.trim_start_matches("history-").to_uppercase();
        let order = d.orders.iter().find(|o| o.id == id).expect("a real order");
        assert!(order.skus.contains(&s.buys[0].sku));
        for g in &s.good_offers {
            assert!(order.skus.contains(&g.item.sku), "{}: {}", s.id, g.item.sku);
        }
        assert!(!s.good_offers.is_empty());
        assert!(s.persona.loyalty_card.is_some());
    }
}
