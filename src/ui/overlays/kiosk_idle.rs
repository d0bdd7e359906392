//! The countdown a kiosk shows when nobody has pressed a key for a while: big seconds, and
//! what keeps the basket. Drawn over whatever is on screen, since it can come at any step.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::window;
use crate::app::idle::{self, Idle};
use crate::app::model::Model;
use crate::ui::bigtext;
use crate::ui::theme;

pub fn draw(model: &Model, buf: &mut Buffer, area: Rect) {
    let Idle::Warning { secs_left } = idle::state(model) else {
        return;
    };
    let inner = window(
        buf,
        area,
        50,
        bigtext::HEIGHT + 8,
        "Are you still there?",
        true,
    );
    let rest = super::kiosk_big::heading_and_figure(
        Line::styled("Press any key to keep your basket.", theme::bold()),
        &secs_left.to_string(),
        inner,
        buf,
    );
    Paragraph::new(vec![
        Line::from(vec![
            Span::raw("Otherwise it is cleared in "),
            Span::styled(
                format!(
                    "{secs_left} second{}",
                    if secs_left == 1 { "" } else { "s" }
                ),
                theme::discount(),
            ),
        ]),
        Line::styled(
            "and the kiosk starts again for the next person.",
            theme::muted(),
        ),
    ])
    .centered()
    .render(rest, buf);
}
