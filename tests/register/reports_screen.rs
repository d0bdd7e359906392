//! The managers' reports screen: opened with Ctrl+R behind a manager's PIN, figures loaded
//! through the backend, and drawn over `TestBackend`.

use crate::register_support;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use register_support::*;
use xsell::app::Key;
use xsell::app::overlay::Overlay;
use xsell::app::reports::{ReportsState, RuleSort};
use xsell::domain::money::Money;
use xsell::report::{
    Breakdown, EventRow, Feedback, OrderRow, Outcome, Preset, Rows, SuggestionLine,
};

fn render(till: &Till, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(&till.model, f)).unwrap();
    terminal.backend().clone()
}

/// Fourteen days up to the till's date, 20 orders a day, one in five in the control group.
/// A pseudo-random draw `h` in 0..100 per order decides whether it took the offer: the bag
/// below 45, the screen protector below 30, the paper below 8; control orders below 12
/// whatever the rule; one prompted order in eleven also took the upgrade.
fn history() -> Rows {
    let staff = ["Ana Kovacs", "Marcus Reyes", "Priya Nair"];
    let rules = [
        (
            "curated:category:Laptops>CRY-METRO",
            "Laptop Bags",
            "BAG",
            "curated",
            45,
        ),
        (
            "curated:category:Ink>TG-PAPER500",
            "Printer Paper",
            "PAPER",
            "curated",
            8,
        ),
        (
            "mined:PX7-128>SHD-GLS-PX7",
            "Screen Protectors",
            "GLASS",
            "mined",
            30,
        ),
    ];
    let mut rows = Rows::default();
    let mut event = 0;
    for n in 0..280u32 {
        let day = NaiveDate::from_ymd_opt(2026, 11, 10 + n / 20).unwrap();
        let id = format!("O{n:03}");
        let holdout = n % 5 == 4;
        let h = n * 37 % 100;
        let (rule, category, sku, source, rate) = rules[(n % 3) as usize];
        let took = if holdout { h < 12 } else { h < rate };
        let upgraded = !holdout && n % 11 == 0;
        rows.orders.push(OrderRow {
            id: id.clone(),
            day,
            total: Money::from_minor(
                9_000
                    + i64::from(took) * 3_500
                    + i64::from(upgraded) * 20_000
                    + i64::from(n % 7) * 100,
            ),
            holdout,
            feedback: match (took, n % 4) {
                (false, _) => None,
                (true, 0) => Some(Feedback::NotHelpful),
                (true, 1) => Some(Feedback::Skipped),
                _ => Some(Feedback::Helpful),
            },
            staff: Some(staff[(n % 3) as usize].into()),
        });
        for second in [false, true] {
            event += 1;
            let accepted = if second { upgraded } else { took };
            let outcome = match (holdout, accepted, h % 4) {
                (true, _, _) => Outcome::HeldOut,
                (false, true, _) => Outcome::Accepted,
                (false, false, 0) => Outcome::Expired,
                (false, false, 1) => Outcome::Ignored,
                _ => Outcome::Dismissed,
            };
            let (rule, category, sku, source) = if second {
                ("ladder:ultrabook-15", "Laptops", "UB15-32", "ladder")
            } else {
                (rule, category, sku, source)
            };
            rows.events.push(EventRow {
                id: event,
                order_id: id.clone(),
                staff: Some(staff[((n + u32::from(second)) % 3) as usize].into()),
                sku: sku.into(),
                category: category.into(),
                kind: if second { "upsell" } else { "cross-sell" }.into(),
                source: source.into(),
                rule: rule.into(),
                outcome,
                bought: accepted,
                difference: second.then(|| Money::from_minor(20_000)),
            });
            if outcome == Outcome::Accepted {
                rows.lines.push(SuggestionLine {
                    suggestion_id: event,
                    paid: Money::from_minor(if second { 139_900 } else { 3_500 }),
                });
            }
        }
    }
    rows
}

fn open_reports() -> Till {
    let mut till = Till::signed_in();
    till.backend.report_rows = history();
    till.key(Key::Ctrl('r'));
    till.type_text(MANAGER_PIN);
    till.key(Key::Enter);
    till
}

fn state(till: &Till) -> &ReportsState {
    match till.model.overlays.last() {
        Some(Overlay::Reports(s)) => s,
        other => panic!("reports not on top: {other:?}"),
    }
}

#[test]
fn reports_screen_120x40() {
    let till = open_reports();
    assert!(state(&till).report.is_some());
    insta::assert_snapshot!("reports_120x40", render(&till, 120, 40));
}

#[test]
fn a_cashier_pin_does_not_open_the_reports() {
    let mut till = Till::signed_in();
    till.key(Key::Ctrl('r'));
    till.type_text(CASHIER_PIN);
    till.key(Key::Enter);
    assert!(!matches!(
        till.model.overlays.last(),
        Some(Overlay::Reports(_))
    ));
    assert_eq!(till.backend.count("report"), 0);
    till.key(Key::Esc);
    assert!(till.model.overlays.is_empty());
}

#[test]
fn keys_change_the_period_breakdown_and_sort() {
    let mut till = open_reports();
    assert_eq!(state(&till).preset, Preset::All);
    assert_eq!(state(&till).report.as_ref().unwrap().orders, 280);
    // Today only: the last day's 20 orders.
    till.type_text("1");
    assert_eq!(state(&till).preset, Preset::Today);
    assert_eq!(state(&till).report.as_ref().unwrap().orders, 20);
    till.key(Key::Right);
    assert_eq!(state(&till).preset, Preset::Week);
    assert_eq!(state(&till).report.as_ref().unwrap().orders, 140);
    till.key(Key::Tab);
    assert_eq!(state(&till).breakdown, Breakdown::Staff);
    let keys: Vec<&str> = state(&till)
        .report
        .as_ref()
        .unwrap()
        .groups
        .iter()
        .map(|g| g.key.as_str())
        .collect();
    assert_eq!(keys, ["Ana Kovacs", "Marcus Reyes", "Priya Nair"]);
    till.key(Key::BackTab);
    assert_eq!(state(&till).breakdown, Breakdown::Category);
    // Sorting by conversion puts the best converting rule first.
    till.type_text("4s");
    let s = state(&till);
    assert_eq!(s.sort, RuleSort::Conversion);
    let conv: Vec<f64> = s
        .sorted_rules()
        .iter()
        .map(|g| g.conversion.unwrap())
        .collect();
    assert!(conv.windows(2).all(|w| w[0] >= w[1]), "{conv:?}");
    till.key(Key::Down);
    assert_eq!(state(&till).selected, 1);
    till.key(Key::Esc);
    assert!(till.model.overlays.is_empty());
    assert_eq!(till.backend.count("report"), 6);
}

#[test]
fn a_failed_load_is_said_on_the_screen() {
    let mut till = open_reports();
    till.backend.fail_with = Some("disk on fire".into());
    till.type_text("2");
    let screen = render(&till, 100, 30).to_string();
    assert!(
        screen.contains("Reports not loaded: disk on fire"),
        "{screen}"
    );
}

#[test]
fn tiny_sizes_do_not_panic() {
    let till = open_reports();
    for (w, h) in [
        (1, 1),
        (2, 1),
        (3, 3),
        (7, 5),
        (13, 4),
        (20, 9),
        (41, 13),
        (80, 24),
        (200, 3),
        (3, 200),
    ] {
        render(&till, w, h);
    }
}

#[test]
fn the_audit_trail_opens_from_the_reports_newest_first() {
    let mut till = open_reports();
    // Opened twice: each opening is on the trail, with the manager who allowed it.
    till.key(Key::Esc);
    till.key(Key::Ctrl('r'));
    till.type_text(MANAGER_PIN);
    till.key(Key::Enter);
    till.key(Key::Char('a'));
    let Some(Overlay::Audit(audit)) = till.model.overlays.last() else {
        panic!("no audit trail on screen: {:?}", till.message());
    };
    let actions: Vec<&str> = audit
        .rows
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| r.action.as_str())
        .collect();
    assert_eq!(actions, ["open reports", "open reports"]);
    let newest = &audit.rows.as_ref().unwrap()[0];
    assert_eq!(
        newest.approved_by.as_deref(),
        Some("#2"),
        "the manager, by number here"
    );
    let screen = render(&till, 120, 30).to_string();
    insta::assert_snapshot!("audit_trail_120x30", screen);
    till.key(Key::Esc);
    assert!(matches!(
        till.model.overlays.last(),
        Some(Overlay::Reports(_))
    ));
    for (w, h) in [(1, 1), (20, 5), (60, 12)] {
        till.key(Key::Char('a'));
        render(&till, w, h);
        till.key(Key::Esc);
    }
}

#[test]
fn reports_labels_and_rule_names_fit_at_80_columns() {
    let till = open_reports();
    insta::assert_snapshot!("reports_80x24", render(&till, 80, 24));
}
