//! The training banner: a colour band under the header and a TRAINING tag in the status
//! bar, on every screen of a till in training mode, drawn last so no overlay hides it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::model::Model;
use crate::app::training_mode::is_training;

const WORDS: &str = "TRAINING · practice only: nothing is sold, no receipt is printed";

fn style() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// Rows the band takes on a screen `height` rows high: one in training, when there is room
/// for it beside the order.
pub fn band_rows(model: &Model, height: u16) -> u16 {
    u16::from(is_training(model) && height >= 6)
}

/// The band across `area` (its first row): the words centred, as much as fits.
pub fn band(model: &Model, buf: &mut Buffer, area: Rect) {
    if !is_training(model) || area.width == 0 || area.height == 0 {
        return;
    }
    let row = Rect { height: 1, ..area };
    let width = usize::from(area.width);
    let words = if WORDS.width() <= width {
        WORDS
    } else {
        "TRAINING"
    };
    let text = crate::ui::text::fit(&format!("{words:^width$}"), width);
    Line::styled(text, style()).render(row, buf);
}

/// The status bar's tag, before the till and who is signed in.
pub fn tag(model: &Model) -> Option<Span<'static>> {
    is_training(model).then(|| Span::styled(" TRAINING ", style()))
}
