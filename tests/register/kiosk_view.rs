//! What a customer sees at the self-service kiosk: its main screen before the first scan
//! (at 80×24 and 120×40) and with an item on the order, over ratatui's `TestBackend`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xsell::app::Model;

fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| xsell::ui::view(model, f)).unwrap();
    terminal.backend().clone()
}

#[test]
fn kiosk_main_screen() {
    let till = crate::roles::kiosk();
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("kiosk_main_{w}x{h}"), render(&till.model, w, h));
    }
}

#[test]
fn kiosk_with_an_item() {
    let mut till = crate::roles::kiosk();
    till.scan("HUB-7");
    insta::assert_snapshot!("kiosk_item_80x24", render(&till.model, 80, 24));
}

#[test]
fn kiosk_payment_screen() {
    let mut till = crate::roles::kiosk();
    till.scan("HUB-7");
    till.key(xsell::app::Key::F(12));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("kiosk_pay_{w}x{h}"), render(&till.model, w, h));
    }
}
