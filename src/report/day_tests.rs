//! A day worked by hand: split tenders, a bundle, a price override, a line discount on a
//! reduced-rate item, a refund to a card, a void after a payment and a payout. Every line
//! of the X report is checked against the figures worked out in the comments.

use super::*;
use crate::report::{EventRow, OrderRow, Outcome, Rows, SuggestionLine};

fn m(minor: i64) -> Money {
    Money::from_minor(minor)
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn at(h: u32) -> NaiveDateTime {
    day().and_hms_opt(h, 0, 0).unwrap()
}

fn line(class: &str, qty: i64, unit: i64, list: i64, disc: i64, net: i64, tax: i64) -> DayLine {
    DayLine {
        tax_class: class.into(),
        qty,
        unit_price: m(unit),
        list_price: m(list),
        line_discount: m(disc),
        net: m(net),
        tax: m(tax),
    }
}

fn rates() -> TaxRates {
    let mut r = TaxRates::default();
    r.by_class.insert("food".into(), 500);
    r
}

fn event(id: i64, order: &str, outcome: Outcome) -> EventRow {
    EventRow {
        id,
        order_id: order.into(),
        staff: Some("Ana".into()),
        sku: "MOUSE".into(),
        category: "Mice".into(),
        kind: "cross-sell".into(),
        source: "curated".into(),
        rule: "curated:BAG>MOUSE".into(),
        outcome,
        bought: outcome == Outcome::Accepted,
        difference: None,
    }
}

pub(crate) fn hand_worked_day() -> DayRows {
    use TenderKind::{Card, Cash};
    DayRows {
        orders: vec![
            // 1. A laptop, 1,199.00 + 8% = 1,294.92: 500.00 cash, 794.92 card.
            DayOrder {
                receipt_no: "TILL1-000001".into(),
                refund: false,
                total: m(129_492),
                payments: vec![(Cash, m(50_000)), (Card, m(79_492))],
                lines: vec![line("standard", 1, 119_900, 119_900, 0, 119_900, 9_592)],
                discounts: m(0),
                bundle_savings: m(0),
            },
            // 2. Bag 49.00 + mouse 25.00, a bundle takes 5.00 (3.31 + 1.69): 69.00 + 5.52
            //    tax (3.66 + 1.86) = 74.52 by card.
            DayOrder {
                receipt_no: "TILL1-000002".into(),
                refund: false,
                total: m(7_452),
                payments: vec![(Card, m(7_452))],
                lines: vec![
                    line("standard", 1, 4_900, 4_900, 0, 4_569, 366),
                    line("standard", 1, 2_500, 2_500, 0, 2_331, 186),
                ],
                discounts: m(500),
                bundle_savings: m(500),
            },
            // 3. A mouse overridden from 25.00 to 20.00 (tax 1.60), and two drinks at 3.00
            //    less 10% (5.40, 5% tax 0.27): 25.40 + 1.87 = 27.27 cash.
            DayOrder {
                receipt_no: "TILL1-000003".into(),
                refund: false,
                total: m(2_727),
                payments: vec![(Cash, m(2_727))],
                lines: vec![
                    line("standard", 1, 2_000, 2_500, 0, 2_000, 160),
                    line("food", 2, 300, 300, 60, 540, 27),
                ],
                discounts: m(60),
                bundle_savings: m(0),
            },
            // 4. The bag of sale 2 comes back to the card: 45.69 + 3.66 = 49.35.
            DayOrder {
                receipt_no: "TILL1-000004".into(),
                refund: true,
                total: m(-4_935),
                payments: vec![(Card, m(-4_935))],
                lines: vec![line("standard", 1, 4_900, 4_900, 0, -4_569, -366)],
                discounts: m(0),
                bundle_savings: m(0),
            },
        ],
        // 5. A laptop order voided after 100.00 cash was taken (and handed back).
        voids: vec![DayVoid {
            at: at(15),
            items: 1,
            value: m(129_492),
            paid: m(10_000),
            reason: "customer changed their mind".into(),
            staff: Some("S2 Ana Kovacs".into()),
            approved_by: Some("S1 Dana Whitfield".into()),
        }],
        // 6. The window cleaner is paid from the drawer.
        payouts: vec![DayPayout {
            at: at(16),
            amount: m(1_500),
            reason: "window cleaner".into(),
        }],
        // Two offers on sale 2: the mouse accepted (its line paid 25.17), one declined.
        offers: Rows {
            orders: vec![OrderRow {
                id: "o2".into(),
                day: day(),
                total: m(7_452),
                holdout: false,
                feedback: None,
                staff: Some("Ana".into()),
            }],
            events: vec![
                event(1, "o2", Outcome::Accepted),
                event(2, "o2", Outcome::Dismissed),
            ],
            lines: vec![SuggestionLine {
                suggestion_id: 1,
                paid: m(2_517),
            }],
        },
    }
}

#[test]
fn a_hand_worked_day_line_by_line() {
    let r = compute("Till 1", day(), &hand_worked_day(), &rates(), m(20_000));
    let lines: Vec<(String, Option<u64>, Option<i64>)> = r
        .rows()
        .into_iter()
        .map(|row| (row.item, row.count, row.amount.map(Money::minor)))
        .collect();
    let want: Vec<(&str, Option<u64>, Option<i64>)> = vec![
        // 1,294.92 + 74.52 + 27.27
        ("sales", Some(3), Some(139_671)),
        ("  cash", None, Some(52_727)), // 500.00 + 27.27
        ("  card", None, Some(86_944)), // 794.92 + 74.52
        ("refunds", Some(1), Some(4_935)),
        ("  cash", None, Some(0)),
        ("  card", None, Some(4_935)),
        ("net takings", None, Some(134_736)),
        ("voids", Some(1), Some(129_492)),
        ("  after a payment (paid back)", Some(1), Some(10_000)),
        ("  approved by S1 Dana Whitfield", Some(1), Some(129_492)),
        ("discounts", None, Some(560)),
        ("  on lines", None, Some(60)),
        ("  bundles", None, Some(500)),
        ("  on orders", None, Some(0)),
        ("price overrides (below list)", Some(1), Some(500)),
        ("tax 5% on $5.40", None, Some(27)),
        // 1,199.00 + 45.69 + 23.31 + 20.00 − 45.69; 95.92 + 3.66 + 1.86 + 1.60 − 3.66
        ("tax 8% on $1,242.31", None, Some(9_938)),
        ("float", None, Some(20_000)),
        ("plus cash sales", None, Some(52_727)),
        ("less cash refunds", None, Some(0)),
        ("less payouts", Some(1), Some(1_500)),
        // 200.00 + 527.27 − 0 − 15.00
        ("cash expected in the drawer", None, Some(71_227)),
        ("offers shown", Some(2), None),
        ("offers accepted", Some(1), None),
        ("value added by offers", None, Some(2_517)),
    ];
    let want: Vec<(String, Option<u64>, Option<i64>)> = want
        .into_iter()
        .map(|(a, b, c)| (a.to_string(), b, c))
        .collect();
    assert_eq!(lines, want);
    // Takings by tender add up to the takings.
    assert_eq!(
        r.sales_by_tender.cash + r.sales_by_tender.card,
        r.sales.amount
    );
}

#[test]
fn an_empty_day_expects_the_float() {
    let r = compute("Till 1", day(), &DayRows::default(), &rates(), m(20_000));
    assert_eq!(r.sales, Tally::default());
    assert_eq!(r.cash.expected, m(20_000));
    assert!(r.tax.is_empty());
}

#[test]
fn percent_reads_as_written() {
    assert_eq!(percent(800), "8%");
    assert_eq!(percent(850), "8.5%");
    assert_eq!(percent(825), "8.25%");
    assert_eq!(percent(0), "0%");
}

#[test]
fn csv_formula_cells_are_neutralised_and_numbers_kept() {
    assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(csv_cell("+1+1"), "'+1+1");
    assert_eq!(csv_cell("-2+3"), "'-2+3");
    assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_cell("\tx"), "'\tx");
    assert_eq!(csv_cell("\rx"), "'\rx");
    assert_eq!(csv_cell("-50.00"), "-50.00");
    assert_eq!(csv_cell("approved by S1 Dana"), "approved by S1 Dana");
}
