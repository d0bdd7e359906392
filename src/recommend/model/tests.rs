use super::*;

fn all(b: &Baskets) -> Vec<usize> {
    (0..b.len()).collect()
}

fn ids(b: &Baskets, labels: &[&str]) -> Vec<u32> {
    labels.iter().map(|l| b.index.id(l).unwrap()).collect()
}

fn names(b: &Baskets, s: &[Suggestion]) -> Vec<String> {
    s.iter()
        .map(|x| b.index.label(x.item).to_string())
        .collect()
}

/// Laptops go with sleeves; milk is in many orders but not with laptops.
fn shop() -> Baskets {
    let mut sets: Vec<Vec<&str>> = Vec::new();
    for _ in 0..3 {
        sets.push(vec!["laptop", "sleeve"]);
    }
    sets.push(vec!["laptop", "mouse"]);
    for _ in 0..5 {
        sets.push(vec!["milk", "bread"]);
    }
    for _ in 0..4 {
        sets.push(vec!["milk", "eggs"]);
    }
    Baskets::from_label_sets(&sets)
}

#[test]
fn a_strong_complement_ranks_first_and_explains_itself() {
    let b = shop();
    let m = Model::train(&b, &all(&b), &Params::default());
    let cart = ids(&b, &["laptop"]);
    let top = m.score(&cart, None, 3);
    assert_eq!(names(&b, &top)[0], "sleeve");
    assert_eq!(
        top[0].evidence,
        Evidence::Pair {
            antecedent: cart[0],
            together: 3,
            antecedent_orders: 4
        }
    );
}

#[test]
fn cart_items_are_never_suggested() {
    let b = shop();
    let m = Model::train(&b, &all(&b), &Params::default());
    let cart = ids(&b, &["milk", "laptop", "sleeve"]);
    let top = m.score(&cart, None, 10);
    assert!(!top.is_empty());
    assert!(top.iter().all(|s| !cart.contains(&s.item)));
    assert_eq!(top.len(), b.index.len() - cart.len());
}

#[test]
fn scores_are_sorted_and_ties_break_by_sku() {
    // a, b, c and d each appear once with x: equal evidence, so SKU order decides.
    let b = Baskets::from_label_sets(&[
        vec!["x", "d"],
        vec!["x", "b"],
        vec!["x", "c"],
        vec!["x", "a"],
    ]);
    let m = Model::train(&b, &all(&b), &Params::default());
    let top = m.score(&ids(&b, &["x"]), None, 4);
    assert_eq!(names(&b, &top), ["a", "b", "c", "d"]);
    let again = Model::train(&b, &all(&b), &Params::default()).score(&ids(&b, &["x"]), None, 4);
    assert_eq!(top, again);
}

#[test]
fn the_customers_history_lifts_what_they_buy() {
    let b = shop();
    let m = Model::train(&b, &all(&b), &Params::default());
    let cart = ids(&b, &["milk"]);
    let anonymous = m.score(&cart, None, 1);
    assert_eq!(names(&b, &anonymous), ["bread"]);
    let eggs = b.index.id("eggs").unwrap();
    let history = History::from_items(5, &[eggs, eggs, eggs, eggs, eggs]);
    let known = m.score(&cart, Some(&history), 1);
    assert_eq!(names(&b, &known), ["eggs"]);
    let before = m.score(&cart, None, 2)[1];
    assert_eq!(before.item, eggs);
    let lift = known[0].score - before.score;
    assert!(
        (lift - m.params().w_history).abs() < 1e-9,
        "share 1 adds w_history"
    );
    assert_eq!(
        known[0].evidence,
        Evidence::History {
            orders_with: 5,
            orders: 5
        }
    );
}

#[test]
fn an_empty_or_unknown_cart_falls_back_to_popular_items() {
    let b = shop();
    let m = Model::train(&b, &all(&b), &Params::default());
    let top = m.score(&[], None, 2);
    assert_eq!(names(&b, &top), ["milk", "bread"]);
    assert!(matches!(
        top[0].evidence,
        Evidence::Popular {
            orders_with: 9,
            orders: 13
        }
    ));
    assert_eq!(m.score(&[9999], None, 2).len(), 2);
}

#[test]
fn the_time_of_day_leans_to_what_sells_then() {
    // Soup sells a little more overall, but croissants are what sells at 8.
    let mut sets = vec![vec!["coffee", "croissant"]; 20];
    sets.extend(vec![vec!["coffee", "soup"]; 25]);
    let mut b = Baskets::from_label_sets(&sets);
    for (i, basket) in b.baskets.iter_mut().enumerate() {
        let hour = if i < 20 { 8 } else { 13 };
        basket.ts = Some(format!("2025-03-03T{hour:02}:00:00").parse().unwrap());
    }
    let m = Model::train(&b, &all(&b), &Params::default());
    let cart = ids(&b, &["coffee"]);
    let ask = |hour: u32| {
        let at = format!("2025-03-04T{hour:02}:30:00").parse().unwrap();
        names(
            &b,
            &m.query(
                &Query {
                    cart: &cart,
                    history: None,
                    at: Some(at),
                },
                1,
            ),
        )
    };
    assert_eq!(ask(13), ["soup"]);
    assert_eq!(ask(8), ["croissant"]);
}

#[test]
fn neighbour_lists_are_capped_and_heaviest_first() {
    let sets: Vec<Vec<String>> = (0..50)
        .map(|i| vec!["hub".to_string(), format!("item{i}")])
        .collect();
    let b = Baskets::from_label_sets(&sets);
    let p = Params {
        neighbours: 8,
        ..Params::default()
    };
    let m = Model::train(&b, &all(&b), &p);
    let list = m.neighbours_of(b.index.id("hub").unwrap());
    assert_eq!(list.len(), 8);
    assert!(list.windows(2).all(|w| w[0].weight >= w[1].weight));
}

#[test]
fn training_splits_work_across_threads_without_changing_the_result() {
    let b = shop();
    let baskets: Vec<_> = b.baskets.iter().collect();
    let p = Params::default();
    let t = train::totals(&baskets, b.index.len(), &p);
    assert_eq!(
        train::neighbours(&baskets, &t, &p, 1),
        train::neighbours(&baskets, &t, &p, 3)
    );
}

#[test]
fn a_model_blended_from_counts_is_the_model_trained_with_the_same_params() {
    let b = shop();
    let subset = all(&b);
    let counted_with = Params::default();
    let counts = Model::count(&b, &subset, &counted_with, None);
    let other_blend = Params {
        shrink: 2.0,
        w_assoc: 0.0,
        w_cosine: 3.0,
        w_absent: 0.5,
        neighbours: 2,
        ..Params::default()
    };
    let blended = Model::train_counted(&other_blend, &counts).expect("same order weights");
    let trained = Model::train(&b, &subset, &other_blend);
    for item in 0..b.index.len() as u32 {
        assert_eq!(blended.neighbours_of(item), trained.neighbours_of(item));
    }
    let cart = ids(&b, &["laptop"]);
    assert_eq!(blended.score(&cart, None, 5), trained.score(&cart, None, 5));
    // A kept blend serves the settings it fits, and no other.
    let mut counts = counts;
    counts.keep_blend(&other_blend);
    let later = Params {
        cart_norm: 1.0,
        w_time: 2.0,
        ..other_blend.clone()
    };
    let elsewhere = Params {
        shrink: 64.0,
        ..later.clone()
    };
    // The same shrink with other blend weights: blended anew from the kept shrunk lifts.
    let moved = Params {
        w_assoc: 1.5,
        w_cond: 2.0,
        ..later.clone()
    };
    for p in [&later, &moved, &elsewhere, &counted_with] {
        let blended = Model::train_counted(p, &counts).expect("same order weights");
        assert_eq!(blended, Model::train(&b, &subset, p), "{p:?}");
    }
    let other_weights = Params {
        size_weight: 0.5,
        ..Params::default()
    };
    assert!(
        Model::train_counted(&other_weights, &counts).is_none(),
        "counts made with other order weights are not reused"
    );
}

#[test]
fn a_model_read_back_from_its_bytes_is_the_same_model_and_anything_else_is_refused() {
    let b = shop();
    let m = Model::train(&b, &all(&b), &Params::default());
    let bytes = m.to_bytes();
    let back = Model::from_bytes(&bytes, b.index.len()).expect("reads back");
    assert_eq!(back, m);
    let cart = ids(&b, &["laptop"]);
    assert_eq!(back.score(&cart, None, 5), m.score(&cart, None, 5));
    // Another catalog's items, cut bytes and noise are refused, so the engine trains instead.
    assert_eq!(Model::from_bytes(&bytes, b.index.len() + 1), None);
    assert_eq!(
        Model::from_bytes(&bytes[..bytes.len() / 2], b.index.len()),
        None
    );
    assert_eq!(Model::from_bytes(&[7; 64], b.index.len()), None);
    assert_eq!(Model::from_bytes(&[], b.index.len()), None);
}

#[test]
fn counts_kept_for_the_cart_items_only_answer_for_those_carts_as_the_whole_model() {
    let b = shop();
    let subset = all(&b);
    let p = Params {
        w_absent: 0.3,
        w_cosine: 0.5,
        ..Params::default()
    };
    let mut wanted = vec![false; b.index.len()];
    let cart = ids(&b, &["laptop", "milk"]);
    for &i in &cart {
        wanted[i as usize] = true;
    }
    let some = Model::train_counted(&p, &Model::count(&b, &subset, &p, Some(&wanted))).unwrap();
    let whole = Model::train(&b, &subset, &p);
    assert_eq!(
        some.query(
            &Query {
                cart: &cart,
                history: None,
                at: None
            },
            6
        ),
        whole.query(
            &Query {
                cart: &cart,
                history: None,
                at: None
            },
            6
        )
    );
    assert!(some.neighbours_of(ids(&b, &["bread"])[0]).is_empty());
    assert!(!whole.neighbours_of(ids(&b, &["bread"])[0]).is_empty());
}

#[test]
fn votes_tallied_in_place_rank_as_sorted_ones() {
    let b = shop();
    let p = Params {
        w_cosine: 0.5,
        ..Params::default()
    };
    let m = Model::train(&b, &all(&b), &p);
    let history = History {
        orders: 3,
        items: vec![(ids(&b, &["eggs"])[0], 2)],
    };
    for cart in [
        &["laptop"][..],
        &["milk", "laptop"],
        &["bread", "eggs", "sleeve"],
        &[],
    ] {
        let cart = ids(&b, cart);
        for h in [None, Some(&history)] {
            let q = Query {
                cart: &cart,
                history: h,
                at: None,
            };
            let (a, s) = (
                m.query_tallied(&q, 6, Some(true)),
                m.query_tallied(&q, 6, Some(false)),
            );
            assert_eq!(a.len(), s.len());
            for (x, y) in a.iter().zip(&s) {
                assert_eq!((x.item, x.evidence), (y.item, y.evidence));
                assert!((x.score - y.score).abs() < 1e-9, "{x:?} {y:?}");
            }
        }
    }
}

#[test]
fn a_long_history_is_learnt_from_its_newest_lines() {
    let mut b = Baskets::from_label_sets(&[
        vec!["a", "b", "c"],
        vec!["a", "b"],
        vec!["c", "d"],
        vec!["d"],
    ]);
    let day = |d: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 3, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    };
    // The first order is the newest.
    for (basket, d) in b.baskets.iter_mut().zip([9, 2, 3, 4]) {
        basket.ts = Some(day(d));
    }
    assert_eq!(
        newest_lines(&b, 8, None),
        all(&b),
        "within the lines: every order, as it is"
    );
    assert_eq!(newest_lines(&b, 7, None), [2, 3, 0]);
    assert_eq!(newest_lines(&b, 3, None), [0]);
    assert_eq!(learned_from(&b), all(&b));
}

/// A shop of many items and long orders, drawn from a fixed seed: rows of hundreds of pairs.
fn wide_shop() -> Baskets {
    let mut next = crate::recommend::seeded(0x9e37_79b9_7f4a_7c15);
    let sets: Vec<Vec<String>> = (0..1_500)
        .map(|_| {
            let size = 2 + next(30);
            // Skewed towards low ids, as sales are towards the best sellers.
            (0..size)
                .map(|_| {
                    let top = 1 + next(400);
                    format!("i{}", next(top))
                })
                .collect()
        })
        .collect();
    Baskets::from_label_sets(&sets)
}

#[test]
fn weighing_only_the_pairs_that_can_be_kept_keeps_the_same_neighbours() {
    let b = wide_shop();
    let subset = all(&b);
    let base = Params {
        neighbours: 16,
        ..Params::default()
    };
    let settings = [
        base.clone(),
        Params {
            shrink: 0.5,
            w_cond: 0.0,
            ..base.clone()
        },
        Params {
            shrink: 128.0,
            w_cosine: 2.0,
            neighbours: 64,
            ..base.clone()
        },
        Params {
            w_assoc: 0.0,
            w_cond: 4.0,
            ..base.clone()
        },
        Params {
            w_absent: 0.5,
            ..base.clone()
        },
    ];
    for p in &settings {
        // Kept blends are made from every pair's shrunk lift, with no bound in the way.
        let mut counts = Model::count(&b, &subset, p, None);
        counts.keep_blend(p);
        let weighed_all = Model::train_counted(p, &counts).expect("same order weights");
        assert_eq!(Model::train(&b, &subset, p), weighed_all, "{p:?}");
    }
    // The bounds do leave most pairs unweighed here, or the equality above says little.
    let refs: Vec<&crate::recommend::baskets::Basket> = b.baskets.iter().collect();
    let t = train::totals(&refs, b.index.len(), &base);
    let counted = train::count(&refs, &t, &base, 1, None);
    let bounding = train::Bounding::new(&t, &base).expect("no absence term");
    let (mut pairs, mut weighed) = (0, 0);
    for (i, raw) in counted.rows.iter().enumerate() {
        if let Some(kept) = train::contenders(&t, &base, i, raw, &bounding) {
            pairs += raw.len();
            weighed += kept.len();
        }
    }
    assert!(
        pairs > 10_000 && weighed * 2 < pairs,
        "{weighed} of {pairs}"
    );
}
