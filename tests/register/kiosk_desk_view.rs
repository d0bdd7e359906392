//! The kiosk's own screens over whatever is underneath, at 80×24 and 120×40: the pause for
//! an age-restricted item, the countdown of a kiosk left alone, and the number to give at
//! the counter.

use chrono::TimeDelta;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xsell::app::{Key, Model};

fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn kiosk_age_check_screen() {
    let mut till = crate::kiosk_desk::kiosk(60, 10);
    till.scan(crate::kiosk_desk::DRINK);
    till.type_text("12");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("kiosk_age_{w}x{h}"), render(&till.model, w, h));
    }
}

#[test]
fn kiosk_countdown_screen() {
    let mut till = crate::kiosk_desk::kiosk(60, 10);
    till.scan("HUB-7");
    till.now += TimeDelta::seconds(63);
    till.act(xsell::app::Action::Tick);
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("kiosk_countdown_{w}x{h}"),
            render(&till.model, w, h)
        );
    }
}

#[test]
fn kiosk_counter_choice_and_number_screens() {
    let mut till = crate::kiosk_desk::kiosk(60, 10);
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Down);
    insta::assert_snapshot!("kiosk_pay_counter_80x24", render(&till.model, 80, 24));
    till.key(Key::Enter);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("kiosk_park_{w}x{h}"), render(&till.model, w, h));
    }
}

#[test]
fn kiosk_screens_survive_tiny_terminals() {
    let mut till = crate::kiosk_desk::kiosk(60, 10);
    till.scan(crate::kiosk_desk::DRINK);
    for (w, h) in [(1, 1), (10, 5), (30, 8)] {
        render(&till.model, w, h);
    }
    till.key(Key::Tab);
    till.now += TimeDelta::seconds(65);
    till.act(xsell::app::Action::Tick);
    for (w, h) in [(1, 1), (10, 5), (30, 8)] {
        render(&till.model, w, h);
    }
}
