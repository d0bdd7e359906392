//! The one offer on a kiosk's screen, in the shopper's words (`domain::offer::shopper_words`):
//! what it goes with, the product and its price, and the two keys that answer it. It never
//! covers the basket and never stops the scanning.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::model::Model;
use crate::domain::offer::{Kind, Recommendation, shopper_words};
use crate::timing::Prompt;
use crate::ui::kiosk::dialogs::chip;
use crate::ui::text::fit;
use crate::ui::theme;

/// The offer a shopper answers now: the first on screen (a kiosk shows only one).
pub fn current(model: &Model) -> Option<&Prompt> {
    model.offers.panel.visible().next()
}

/// What the offer costs, said as a shopper would: a step up costs the difference.
fn price(offer: &Recommendation) -> String {
    match (offer.kind, offer.price_difference) {
        (Kind::Upsell, Some(d)) => format!("{d} more"),
        _ => offer.price.to_string(),
    }
}

/// Rows the card takes inside `width` columns: its border, the words, the product, the keys.
pub fn height(model: &Model, width: u16) -> u16 {
    match current(model) {
        Some(_) => lines(model, width.saturating_sub(4)).len() as u16 + 2,
        None => 0,
    }
}

fn lines(model: &Model, width: u16) -> Vec<Line<'static>> {
    let Some(prompt) = current(model) else {
        return Vec::new();
    };
    let offer = &prompt.offer;
    let width = usize::from(width.max(1));
    let words = shopper_words(offer, |sku| {
        model.catalog.by_sku(sku).map(|p| p.name.clone())
    });
    let words = crate::domain::safe_text::terminal(&words);
    let mut out: Vec<Line<'static>> = textwrap::wrap(&words, width)
        .into_iter()
        .take(2)
        .map(|l| Line::styled(l.into_owned(), theme::title()))
        .collect();
    let cost = price(offer);
    let name = fit(&offer.name, width.saturating_sub(cost.width() + 1));
    let pad = width.saturating_sub(name.width() + cost.width());
    out.push(Line::from(vec![
        Span::styled(name, theme::total()),
        Span::raw(" ".repeat(pad)),
        Span::styled(cost, theme::total()),
    ]));
    let yes = [chip("F11"), Span::styled(" yes, add it   ", theme::bold())];
    let no = [chip("Esc"), Span::styled(" no thanks", theme::bold())];
    let take = !model.payments_taken();
    // Both answers on one row when they fit (34 columns), else one under the other.
    if take && width >= 34 {
        out.push(Line::from(yes.into_iter().chain(no).collect::<Vec<_>>()));
    } else {
        if take {
            out.push(Line::from(yes.to_vec()));
        }
        out.push(Line::from(no.to_vec()));
    }
    out
}

pub fn draw(model: &Model, buf: &mut Buffer, area: Rect) {
    if current(model).is_none() || area.height == 0 {
        return;
    }
    let lines = lines(model, area.width.saturating_sub(4));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .border_style(Style::new().fg(theme::WARN))
                .padding(Padding::horizontal(1))
                .title(Span::styled(
                    " Something for you ",
                    Style::new().fg(theme::WARN).add_modifier(Modifier::BOLD),
                )),
        )
        .render(area, buf);
}
