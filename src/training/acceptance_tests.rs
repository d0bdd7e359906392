use super::*;

fn features(kind: Kind, price: i64, cart: i64) -> Features {
    Features {
        kind,
        evidence: 0.9,
        price: Money::from_minor(price),
        cart: Money::from_minor(cart),
        prior_offers: 0,
        moment: Moment::Item,
    }
}

fn row(order: usize, kind: Kind, accepted: bool) -> OfferRow {
    OfferRow {
        order: format!("O{order}"),
        features: features(kind, 1_000, 50_000),
        accepted,
    }
}

/// Ten add-ons, six taken; ten upgrades, two taken; everything else alike.
fn hand_log() -> Vec<OfferRow> {
    let mut rows = Vec::new();
    for i in 0..10 {
        rows.push(row(i, Kind::CrossSell, i < 6));
        rows.push(row(100 + i, Kind::Upsell, i < 2));
    }
    rows
}

#[test]
fn a_hand_made_log_gives_the_rates_worked_out_by_hand() {
    let m = Model::fit(&hand_log());
    assert_eq!((m.offers, m.accepted), (20, 8));
    assert!((m.overall - 0.4).abs() < 1e-12);
    let kind = &m.factors[0];
    // (6 + 20 × 0.4) / (10 + 20) = 14/30; (2 + 8) / 30 = 1/3; no bundle seen: the overall 0.4.
    assert!((kind[0].rate - 14.0 / 30.0).abs() < 1e-12);
    assert!((kind[1].rate - 1.0 / 3.0).abs() < 1e-12);
    assert!((kind[2].rate - 0.4).abs() < 1e-12);
    assert_eq!((kind[0].offers, kind[0].accepted), (10, 6));
    // Every other factor has all twenty rows in one bin: its rate is the overall one, so it
    // moves nothing and the factors say the kind's rate exactly.
    let add_on = features(Kind::CrossSell, 1_000, 50_000);
    assert!((m.factors_say(&add_on) - 14.0 / 30.0).abs() < 1e-9);
    // The ten add-ons are one combination of bins, six taken: (6 + 20 × 14/30) / (10 + 20).
    let p = m.predict(&add_on);
    assert!((p - (6.0 + 20.0 * 14.0 / 30.0) / 30.0).abs() < 1e-9, "{p}");
    // Upgrades: (2 + 20 × 1/3) / 30.
    let p = m.predict(&features(Kind::Upsell, 1_000, 50_000));
    assert!((p - (2.0 + 20.0 / 3.0) / 30.0).abs() < 1e-9, "{p}");
    // No bundle was ever offered: the factors alone, which say the overall rate.
    let p = m.predict(&features(Kind::Bundle, 1_000, 50_000));
    assert!((p - 0.4).abs() < 1e-9, "{p}");
    assert_eq!(m.cells.len(), 2);
}

#[test]
fn two_factors_add_their_log_odds() {
    let mut rows = hand_log();
    // Ten more add-ons at payment, none taken: overall 8/30.
    for i in 0..10 {
        let mut r = row(200 + i, Kind::CrossSell, false);
        r.features.moment = Moment::Payment;
        rows.push(r);
    }
    let m = Model::fit(&rows);
    let o = 8.0 / 30.0;
    let add_on = (6.0 + SHRINK * o) / (20.0 + SHRINK);
    let at_payment = (0.0 + SHRINK * o) / (10.0 + SHRINK);
    let lg = |p: f64| (p / (1.0 - p)).ln();
    let expected = 1.0 / (1.0 + (-(lg(add_on) + lg(at_payment) - lg(o))).exp());
    let mut f = features(Kind::CrossSell, 1_000, 50_000);
    f.moment = Moment::Payment;
    assert!((m.factors_say(&f) - expected).abs() < 1e-9);
    // Its own combination: ten offers, none taken.
    assert!((m.predict(&f) - SHRINK * expected / (10.0 + SHRINK)).abs() < 1e-9);
    assert!(m.predict(&f) < m.predict(&features(Kind::CrossSell, 1_000, 50_000)));
}

#[test]
fn price_against_the_cart_is_binned_in_whole_cents() {
    let bin = |price, cart| Factor::PriceShare.bin(&features(Kind::CrossSell, price, cart));
    assert_eq!(bin(10, 100), 0);
    assert_eq!(bin(11, 100), 1);
    assert_eq!(bin(30, 100), 1);
    assert_eq!(bin(31, 100), 2);
    assert_eq!(bin(100, 100), 2);
    assert_eq!(bin(101, 100), 3);
    assert_eq!(bin(5, 0), 3, "an empty cart: the offer is all of it");
    let mut f = features(Kind::CrossSell, 1, 1);
    f.prior_offers = 7;
    assert_eq!(Factor::PriorOffers.bin(&f), 2);
    f.evidence = 0.5;
    assert_eq!(Factor::Evidence.bin(&f), 1);
    f.evidence = 0.49;
    assert_eq!(Factor::Evidence.bin(&f), 0);
}

#[test]
fn no_log_means_even_odds() {
    let m = Model::fit(&[]);
    assert!((m.predict(&features(Kind::Upsell, 1, 2)) - 0.5).abs() < 1e-12);
}

#[test]
fn calibration_compares_prediction_and_outcome_per_tenth() {
    let rows = hand_log();
    let m = Model::fit(&rows);
    let refs: Vec<&OfferRow> = rows.iter().collect();
    let table = calibrate(&m, &refs);
    // Upgrades predicted 0.289 (20–30%), two in ten taken; add-ons 0.511 (50–60%), six.
    assert_eq!(table.len(), 2);
    assert_eq!((table[0].from, table[0].offers), (20, 10));
    assert!((table[0].observed - 0.2).abs() < 1e-12);
    assert!((table[0].predicted - (2.0 + 20.0 / 3.0) / 30.0).abs() < 1e-9);
    assert_eq!((table[1].from, table[1].offers), (50, 10));
    assert!((table[1].observed - 0.6).abs() < 1e-12);
}

#[test]
fn the_held_out_split_follows_the_order_id_alone() {
    let rows: Vec<OfferRow> = (0..500)
        .map(|i| row(i, Kind::CrossSell, i % 3 == 0))
        .collect();
    let a = fit_and_check(&rows);
    let mut reversed = rows.clone();
    reversed.reverse();
    let b = fit_and_check(&reversed);
    assert_eq!(a.held_out_offers, b.held_out_offers);
    assert!(
        a.held_out_offers > 50 && a.held_out_offers < 150,
        "{}",
        a.held_out_offers
    );
    assert_eq!(
        a.model.offers, 500,
        "used, the model is fitted on everything"
    );
    let text = a.to_string();
    assert!(text.contains("Calibration on"), "{text}");
}
