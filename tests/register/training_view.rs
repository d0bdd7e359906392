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
