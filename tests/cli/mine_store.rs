//! `xsell mine` on the store: rules are stored for the engine, which offers them with
//! their counts and the rule's id.

use xsell::recommend::engine::{Engine, Request, Source};
use xsell::recommend::model::{Model, Params};
use xsell::store::Store;

#[test]
fn mining_the_demo_store_stores_rules_the_engine_uses() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let run = |args: &[&str]| crate::cli_support::succeeds(&db, args);
    run(&["demo"]);
    let said = run(&[
        "mine",
        "--min-support",
        "0.002",
        "--min-confidence",
        "0.2",
        "--tune-seconds",
        "3",
    ]);
    assert!(said.contains("6000 orders"), "{said}");
    // By default mining also tunes the engine on the history and stores what it found,
    // which the till, `recommend` and `sell` then use.
    assert!(said.contains("the engine's parameters tuned on"), "{said}");
    let store = Store::open(&db).unwrap();
    let tuned = store
        .load_params()
        .unwrap()
        .expect("tuned parameters stored");
    assert_eq!(store.engine_params().unwrap(), tuned);
    // The rules' own weight is chosen on the newest orders with the engine the till runs,
    // and travels with the tuned parameters.
    assert!(
        said.contains(&format!(
            "the rules' own weight at the till: {} (",
            tuned.w_rules
        )),
        "{said}"
    );
    assert!(xsell::recommend::rule_weight::WEIGHTS.contains(&tuned.w_rules));
    let rules = store.load_rules().unwrap();
    assert!(rules.len() > 20, "{said}");
    assert!(
        rules
            .iter()
            .all(|r| r.confidence >= 0.2 && r.lift > 1.0 && r.count >= 12)
    );
    // The store's sales are the demo's orders file: both ways of mining give the same
    // itemsets, line for line (support 0.002 of 6,000 orders is a count of 12).
    let from_store = dir.path().join("store.jsonl");
    let from_csv = dir.path().join("csv.jsonl");
    run(&[
        "mine",
        "--no-tune",
        "--min-count",
        "12",
        "--min-confidence",
        "0.2",
        "--itemsets-out",
        from_store.to_str().unwrap(),
    ]);
    let orders = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/orders.csv");
    let out = crate::run_support::xsell()
        .args([
            "mine",
            "--from-csv",
            orders,
            "--min-count",
            "12",
            "--max-len",
            "3",
            "--itemsets-out",
            from_csv.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = std::fs::read_to_string(&from_store).unwrap();
    let b = std::fs::read_to_string(&from_csv).unwrap();
    assert!(a.lines().count() > 100, "{}", a.lines().count());
    assert_eq!(a, b);
    // Running again replaces the rules instead of piling them up; untuned, the built-in
    // parameters are the engine's again.
    run(&[
        "mine",
        "--no-tune",
        "--min-support",
        "0.002",
        "--min-confidence",
        "0.2",
    ]);
    assert_eq!(Store::open(&db).unwrap().load_params().unwrap(), None);
    let again = Store::open(&db).unwrap().load_rules().unwrap();
    assert_eq!(again.len(), rules.len());

    let engine = Engine::build(store.engine_input(Params::default()).unwrap());
    // The strongest rule whose offer makes sense at the counter: not a service, and not
    // priced above five times what brings it (those are kept off, see counter_sanity.rs).
    let catalog = engine.catalog().clone();
    let strongest = again
        .iter()
        .filter(|r| r.antecedent.len() == 1)
        .filter(|r| {
            let from = catalog.by_sku(&r.antecedent[0]).unwrap();
            let to = catalog.by_sku(&r.consequent).unwrap();
            !to.is_service() && to.price.minor() <= 5 * from.price.minor() && to.in_stock()
        })
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        .unwrap();
    let cart = strongest.antecedent.clone();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let offers = engine.recommend(&Request {
        cart: &cart,
        now,
        k: 10,
        ..Request::default()
    });
    let offered = offers
        .iter()
        .find(|o| o.sku == strongest.consequent)
        .expect("the strongest rule's consequent is offered");
    assert_eq!(offered.rule_id, Some(strongest.id), "{offered:#?}");
    assert!(
        offers
            .iter()
            .all(|o| o.source != Source::Mined || !o.reason.is_empty())
    );
}

/// The engine at the till starts from the model `xsell mine` kept, which is the model it
/// would train itself, until a sale or a new product changes what it learns from.
#[test]
fn the_till_starts_from_the_model_mine_kept_while_the_history_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let run = |args: &[&str]| {
        crate::cli_support::succeeds(&db, args);
    };
    run(&["demo"]);
    let kept = |store: &Store| {
        let params = store.engine_params().unwrap();
        store.engine_input_per_request(params).unwrap().trained
    };
    run(&["mine", "--tune-seconds", "3"]);

    let store = Store::open(&db).unwrap();
    let params = store.engine_params().unwrap();
    assert_ne!(
        params,
        Params::default(),
        "tuned parameters are what the model is kept with"
    );
    let from_kept = store.engine_input_per_request(params.clone()).unwrap();
    let model = from_kept
        .trained
        .clone()
        .expect("the kept model is current");
    assert!(from_kept.baskets.is_empty(), "no sales read");
    let sales = store.sale_baskets().unwrap();
    let all: Vec<usize> = (0..sales.len()).collect();
    assert_eq!(model, Model::train(&sales, &all, &params));
    // Built from it, the engine answers as one that read and trained on the sales.
    let mut trained_here = store.engine_input_per_request(params.clone()).unwrap();
    trained_here.trained = None;
    trained_here.baskets = sales;
    let (a, b) = (Engine::build(from_kept), Engine::build(trained_here));
    let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(15, 0, 0)
        .unwrap();
    let mut asked = 0;
    for product in a.catalog().products().iter().take(40) {
        let cart = [product.sku.clone()];
        let req = Request {
            cart: &cart,
            now,
            k: 5,
            ..Request::default()
        };
        assert_eq!(a.recommend(&req), b.recommend(&req), "{}", product.sku);
        asked += usize::from(!a.recommend(&req).is_empty());
    }
    assert!(asked > 20, "{asked}");
    // Another engine's parameters do not get it.
    assert!(
        store
            .current_model(&Params::default(), model_items(&store))
            .unwrap()
            .is_none()
    );
    drop(store);

    // A sale imported since makes it stale: the engine trains on the sales again.
    let orders = dir.path().join("one.csv");
    let sku = Store::open(&db).unwrap().load_catalog().unwrap().products()[0]
        .sku
        .clone();
    std::fs::write(
        &orders,
        format!(
            "order_id,customer_id,sku,qty,unit_price,ts\nlate-1,,{sku},1,1.00,2026-03-01T10:00:00\n"
        ),
    )
    .unwrap();
    run(&["import", "orders", orders.to_str().unwrap()]);
    assert!(kept(&Store::open(&db).unwrap()).is_none(), "a new sale");
    run(&["mine", "--no-tune"]);
    assert!(kept(&Store::open(&db).unwrap()).is_some(), "mined again");
    // So does a new product.
    let catalog = dir.path().join("more.csv");
    std::fs::write(
        &catalog,
        "sku,name,category,price\nNEW-1,A new thing,Accessories,9.99\n",
    )
    .unwrap();
    run(&["import", "catalog", catalog.to_str().unwrap()]);
    assert!(kept(&Store::open(&db).unwrap()).is_none(), "a new product");
}

fn model_items(store: &Store) -> usize {
    store.load_catalog().unwrap().len()
}
