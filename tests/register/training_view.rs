//! The training banner as a trainee sees it: a colour band under the header and TRAINING in
//! the status bar, at 80×24 and 120×40, over an overlay too; and a practice till's sign-in.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xsell::app::{Key, Model};
use xsell::runtime::TillMode;

use crate::register_support::CASHIER_PIN;
use crate::training_mode::{Practice, TRAINEE_PIN};

fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

/// The screen's text, row by row.
fn rows(backend: &TestBackend) -> Vec<String> {
    let buf = backend.buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn training_banner() {
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{TRAINEE_PIN}\nHUB-7\n"));
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&p.till.model, w, h);
        let text = rows(&screen);
        assert!(text[1].contains("TRAINING · practice only"), "{}", text[1]);
        assert!(
            text.iter()
                .rev()
                .take(5)
                .any(|r| r.contains(" TRAINING  Till 1 · Priya"))
        );
        insta::assert_snapshot!(format!("training_banner_{w}x{h}"), screen);
    }
}

#[test]
fn the_banner_stays_over_the_payment_window_and_on_a_tiny_screen() {
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{TRAINEE_PIN}\nHUB-7\n"));
    p.key(Key::F(12));
    let text = rows(&render(&p.till.model, 80, 24));
    assert!(text[1].contains("TRAINING"), "{}", text[1]);
    insta::assert_snapshot!("training_payment_80x24", render(&p.till.model, 80, 24));
    for (w, h) in [(1, 1), (8, 3), (20, 6)] {
        render(&p.till.model, w, h);
    }
}

#[test]
fn a_cashier_sees_no_banner() {
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{CASHIER_PIN}\nHUB-7\n"));
    let text = rows(&render(&p.till.model, 80, 24)).join("\n");
    assert!(!text.contains("TRAINING"), "{text}");
}

#[test]
fn a_practice_till_says_so_before_anyone_signs_in() {
    let p = Practice::new(|spec| spec.mode = TillMode::Training);
    let screen = render(&p.till.model, 80, 24);
    assert!(rows(&screen)[0].contains("TRAINING"));
    insta::assert_snapshot!("training_sign_in_80x24", screen);
}

/// Two trainees' sessions, one with a hostile name, as the shop's record gives them.
fn record() -> Vec<xsell::report::training::SessionRow> {
    use xsell::report::training::{Part, SessionRow};
    let row =
        |code: &str, name: &str, scenario: &str, day: u32, score: u8, relevant: i64| SessionRow {
            staff_code: code.into(),
            staff_name: name.into(),
            scenario: scenario.into(),
            seed: 7,
            exam: false,
            score,
            parts: vec![
                Part {
                    name: "relevant offers".into(),
                    points: relevant,
                },
                Part {
                    name: "pressure".into(),
                    points: -(i64::from(100 - score) / 10),
                },
            ],
            finished_at: chrono::NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_hms_opt(16, 0, 0)
                .unwrap(),
        };
    vec![
        row("PRI", "Priya", "phone-case", 2, 35, 10),
        row("PRI", "Priya", "laptop-bag", 5, 52, 18),
        row("PRI", "Priya", "phone-case", 9, 61, 22),
        row("PRI", "Priya", "printer-ink", 12, 78, 27),
        row("PRI", "Priya", "phone-case", 16, 86, 30),
        row("TOM", "Tom\u{1b}[2J", "phone-case", 10, 44, 12),
    ]
}

#[test]
fn training_progress_screen() {
    let mut p = Practice::new(|_| {});
    p.till.backend.real.training.rows = record();
    p.keys(&format!("{}\n", crate::register_support::MANAGER_PIN));
    p.key(Key::Ctrl('r'));
    p.keys(&format!("{}\n", crate::register_support::MANAGER_PIN));
    p.key(Key::Char('t'));
    let shown = rows(&render(&p.till.model, 120, 40)).join("\n");
    assert!(shown.contains("Training progress"), "{shown}");
    assert!(!shown.contains('\u{1b}'));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("training_progress_{w}x{h}"),
            render(&p.till.model, w, h)
        );
    }
    // Down selects Tom; Esc goes back to the reports.
    p.key(Key::Down);
    let shown = rows(&render(&p.till.model, 120, 40)).join("\n");
    assert!(shown.contains("1 session · best 44"), "{shown}");
    p.key(Key::Esc);
    assert!(matches!(
        p.till.model.overlays.last(),
        Some(xsell::app::overlay::Overlay::Reports(_))
    ));
    for (w, h) in [(1, 1), (20, 5), (40, 10)] {
        render(&p.till.model, w, h);
    }
}
