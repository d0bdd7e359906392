//! Every figure on small sets worked out by hand.

use chrono::NaiveDate;

use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
}

fn cents(m: i64) -> Money {
    Money::from_minor(m)
}

fn order(id: &str, d: u32, total: i64, holdout: bool, feedback: Option<Feedback>) -> OrderRow {
    OrderRow {
        id: id.into(),
        day: day(d),
        total: cents(total),
        holdout,
        feedback,
        staff: Some("Ana".into()),
    }
}

fn event(id: i64, order: &str, outcome: Outcome, rule: &str, category: &str) -> EventRow {
    EventRow {
        id,
        order_id: order.into(),
        staff: Some(if id % 2 == 0 { "Ben" } else { "Ana" }.into()),
        sku: format!("SKU{id}"),
        category: category.into(),
        kind: "cross-sell".into(),
        source: "curated".into(),
        rule: rule.into(),
        outcome,
        bought: outcome == Outcome::Accepted,
        difference: None,
    }
}

/// Three prompted orders (A, B, C), two control orders (D, E).
fn small() -> Rows {
    use Outcome::*;
    let mut upgrade = event(3, "B", Accepted, "ladder:tv", "TVs");
    upgrade.kind = "upsell".into();
    upgrade.source = "ladder".into();
    upgrade.difference = Some(cents(1_000));
    let mut took = event(7, "D", HeldOut, "r1", "Bags");
    took.bought = true;
    Rows {
        orders: vec![
            order("A", 1, 10_000, false, Some(Feedback::Helpful)),
            order("B", 1, 5_000, false, Some(Feedback::NotHelpful)),
            order("C", 3, 3_000, false, Some(Feedback::Skipped)),
            order("D", 3, 4_000, true, None),
            order("E", 3, 2_000, true, None),
        ],
        events: vec![
            event(1, "A", Accepted, "r1", "Bags"),
            event(2, "A", Dismissed, "r1", "Mice"),
            upgrade,
            event(4, "B", Expired, "r2", "Mice"),
            event(5, "C", Ignored, "r2", "Mice"),
            event(6, "C", Open, "r2", "Bags"),
            took,
            event(8, "E", HeldOut, "r1", "Bags"),
        ],
        lines: vec![
            SuggestionLine {
                suggestion_id: 1,
                paid: cents(2_500),
            },
            // The upgraded TV's whole line: only the difference counts as added.
            SuggestionLine {
                suggestion_id: 3,
                paid: cents(5_000),
            },
        ],
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn offers_by_outcome_and_conversion() {
    let r = compute(&small(), Period::ALL, Breakdown::Category);
    let o = r.offers;
    assert_eq!(
        (
            o.shown,
            o.accepted,
            o.dismissed,
            o.expired,
            o.ignored,
            o.open,
            o.held_out
        ),
        (6, 2, 1, 1, 1, 1, 2)
    );
    assert!(close(r.conversion, 2.0 / 6.0));
}

#[test]
fn attach_rate_order_value_and_revenue_added() {
    let r = compute(&small(), Period::ALL, Breakdown::Category);
    assert_eq!((r.orders, r.prompted_orders, r.control_orders), (5, 3, 2));
    assert_eq!(r.attached_orders, 2);
    assert!(close(r.attach_rate, 2.0 / 3.0));
    assert_eq!(r.control_attached, 1);
    assert!(close(r.control_attach_rate, 0.5));
    // With: A 100.00 and B 50.00; without: C 30.00.
    assert_eq!(r.aov_with_accepted, Some(cents(7_500)));
    assert_eq!(r.aov_without_accepted, Some(cents(3_000)));
    // The bag's 25.00 and the upgrade's 10.00 difference (not the TV's 50.00).
    assert_eq!(r.revenue_added, cents(3_500));
}

#[test]
fn feedback_share_counts_answers_only() {
    let r = compute(&small(), Period::ALL, Breakdown::Category);
    let f = &r.feedback;
    assert_eq!((f.helpful, f.not_helpful, f.skipped), (1, 1, 1));
    assert!(close(f.helpful_share, 0.5));
}

#[test]
fn breakdowns_split_the_same_offers() {
    let r = compute(&small(), Period::ALL, Breakdown::Category);
    let keys: Vec<(&str, u64, u64, u64)> = r
        .groups
        .iter()
        .map(|g| {
            (
                g.key.as_str(),
                g.counts.shown,
                g.counts.accepted,
                g.counts.held_out,
            )
        })
        .collect();
    assert_eq!(
        keys,
        [("Bags", 2, 1, 2), ("Mice", 3, 0, 0), ("TVs", 1, 1, 0)]
    );
    assert_eq!(r.groups[0].revenue_added, cents(2_500));
    assert!(close(r.groups[0].conversion, 0.5));
    assert_eq!(r.groups[1].conversion, Some(0.0));
    // TVs: nothing but the one accepted upgrade.
    assert_eq!(r.groups[2].revenue_added, cents(1_000));

    let by_staff = compute(&small(), Period::ALL, Breakdown::Staff);
    let staff: Vec<(&str, u64, u64)> = by_staff
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.counts.shown, g.counts.accepted))
        .collect();
    // Ana: events 1, 3, 5, 7 (held out); Ben: 2, 4, 6, 8 (held out).
    assert_eq!(staff, [("Ana", 3, 2), ("Ben", 3, 0)]);
    let kinds = compute(&small(), Period::ALL, Breakdown::Kind).groups;
    assert_eq!(kinds.len(), 2);
    assert_eq!(
        (kinds[1].key.as_str(), kinds[1].counts.accepted),
        ("upsell", 1)
    );
    let sources = compute(&small(), Period::ALL, Breakdown::Source).groups;
    assert_eq!(sources[0].key, "curated");
}

#[test]
fn an_empty_period_divides_by_nothing() {
    let r = compute(&Rows::default(), Period::ALL, Breakdown::Staff);
    assert_eq!(r.offers, Counts::default());
    assert_eq!(r.conversion, None);
    assert_eq!(
        (r.orders, r.attach_rate, r.control_attach_rate),
        (0, None, None)
    );
    assert_eq!((r.aov_with_accepted, r.aov_without_accepted), (None, None));
    assert_eq!(r.revenue_added, Money::ZERO);
    assert_eq!(r.feedback.helpful_share, None);
    assert!(!r.lift.attach_rate.is_measured() && !r.lift.order_value.is_measured());
    assert!(r.groups.is_empty() && r.rules.is_empty() && r.daily.is_empty());
    // A bounded empty period still has its days, none with a rate.
    let p = Period {
        from: Some(day(1)),
        to: Some(day(2)),
    };
    let r = compute(&Rows::default(), p, Breakdown::Staff);
    assert_eq!(r.daily.len(), 2);
    assert!(r.daily.iter().all(|d| d.attach_rate.is_none()));
}

#[test]
fn offers_only_held_out_convert_nothing_and_divide_by_nothing() {
    let rows = Rows {
        orders: vec![order("D", 1, 1_000, true, None)],
        events: vec![event(1, "D", Outcome::HeldOut, "r1", "Bags")],
        lines: Vec::new(),
    };
    let r = compute(&rows, Period::ALL, Breakdown::Rule);
    assert_eq!((r.offers.shown, r.offers.held_out), (0, 1));
    assert_eq!(r.conversion, None);
    assert_eq!(r.attach_rate, None);
    assert_eq!(r.control_attach_rate, Some(0.0));
    assert_eq!(r.groups[0].conversion, None);
}

#[test]
fn held_out_orders_count_only_in_the_control_group() {
    let mut rows = small();
    // A big control order that bought what it would have been offered.
    rows.orders.push(order("F", 2, 900_000, true, None));
    let mut e = event(9, "F", Outcome::HeldOut, "r1", "Bags");
    e.bought = true;
    rows.events.push(e);
    let before = compute(&small(), Period::ALL, Breakdown::Category);
    let after = compute(&rows, Period::ALL, Breakdown::Category);
    assert_eq!(after.control_orders, before.control_orders + 1);
    assert_eq!(after.control_attached, before.control_attached + 1);
    // Nothing about the prompted side moves.
    assert_eq!(after.prompted_orders, before.prompted_orders);
    assert_eq!(after.attached_orders, before.attached_orders);
    assert_eq!(after.attach_rate, before.attach_rate);
    assert_eq!(after.aov_with_accepted, before.aov_with_accepted);
    assert_eq!(after.aov_without_accepted, before.aov_without_accepted);
    assert_eq!(after.offers.shown, before.offers.shown);
    assert_eq!(after.conversion, before.conversion);
    assert_eq!(after.revenue_added, before.revenue_added);
    assert_eq!(after.daily, before.daily);
}

#[test]
fn lift_with_enough_orders_on_both_sides() {
    // 40 prompted orders of 20.00, 10 with an accepted offer; 30 control of 10.00, 6 took one.
    let mut rows = Rows::default();
    for i in 0..40 {
        let id = format!("P{i}");
        rows.orders.push(order(&id, 1, 2_000, false, None));
        if i < 10 {
            rows.events
                .push(event(i, &id, Outcome::Accepted, "r", "Bags"));
        }
    }
    for i in 0..30 {
        let id = format!("C{i}");
        rows.orders.push(order(&id, 1, 1_000, true, None));
        let mut e = event(100 + i, &id, Outcome::HeldOut, "r", "Bags");
        e.bought = i < 6;
        rows.events.push(e);
    }
    let r = compute(&rows, Period::ALL, Breakdown::Rule);
    let Estimate::Measured {
        prompted,
        control,
        difference,
        low,
        high,
    } = r.lift.attach_rate
    else {
        panic!("{:?}", r.lift.attach_rate)
    };
    assert!((prompted - 0.25).abs() < 1e-12 && (control - 0.2).abs() < 1e-12);
    // se = √(.25·.75/40 + .2·.8/30) = √(.0046875 + .0053333) = .100104
    let se = (0.25f64 * 0.75 / 40.0 + 0.2 * 0.8 / 30.0).sqrt();
    assert!((difference - 0.05).abs() < 1e-12);
    assert!(
        (low - (0.05 - stats::Z95 * se)).abs() < 1e-12
            && (high - (0.05 + stats::Z95 * se)).abs() < 1e-12
    );
    // Every order of a group costs the same: the order value difference is exact.
    let Estimate::Measured {
        difference,
        low,
        high,
        ..
    } = r.lift.order_value
    else {
        panic!("measured")
    };
    assert_eq!((difference, low, high), (1_000.0, 1_000.0, 1_000.0));
}

#[test]
fn rules_ranked_and_the_weak_flagged() {
    let mut rows = Rows::default();
    let mut id = 0;
    let mut add = |rows: &mut Rows, rule: &str, shown: u64, accepted: u64| {
        for i in 0..shown {
            id += 1;
            let o = if i < accepted {
                Outcome::Accepted
            } else {
                Outcome::Dismissed
            };
            rows.events.push(event(id, "A", o, rule, "Bags"));
        }
    };
    add(&mut rows, "rA", 20, 10);
    add(&mut rows, "rB", 20, 1);
    add(&mut rows, "rC", 25, 5);
    add(&mut rows, "rD", 5, 5);
    let r = compute(&rows, Period::ALL, Breakdown::Rule);
    // Overall 21 of 70 = .3; rB converts .05 < .15 with 20 offers: switch it off.
    let rules: Vec<(&str, u64, bool)> = r
        .rules
        .iter()
        .map(|g| (g.key.as_str(), g.counts.shown, g.switch_off))
        .collect();
    assert_eq!(
        rules,
        [
            ("rC", 25, false),
            ("rA", 20, false),
            ("rB", 20, true),
            ("rD", 5, false)
        ]
    );
    // rD converts best but has too few offers to rank.
    assert_eq!(r.best_rules, ["rA", "rC"]);
    assert_eq!(r.worst_rules, ["rB"]);
}

#[test]
fn attach_rate_per_day_covers_every_day_of_the_period() {
    let p = Period {
        from: Some(day(1)),
        to: Some(day(4)),
    };
    let r = compute(&small(), p, Breakdown::Category);
    let points: Vec<(u32, u64, u64, Option<f64>)> = r
        .daily
        .iter()
        .map(|d| {
            (
                chrono::Datelike::day(&d.day),
                d.orders,
                d.attached,
                d.attach_rate,
            )
        })
        .collect();
    // Day 1: A and B, both attached; day 3: C only (D and E are control orders).
    assert_eq!(
        points,
        [
            (1, 2, 2, Some(1.0)),
            (2, 0, 0, None),
            (3, 1, 0, Some(0.0)),
            (4, 0, 0, None)
        ]
    );
    // Open-ended: from the first to the last prompted order.
    assert_eq!(
        compute(&small(), Period::ALL, Breakdown::Category)
            .daily
            .len(),
        3
    );
}
