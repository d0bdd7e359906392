//! The suggestion panel: up to three offers beside the order, each with its kind (add-on,
//! upgrade, bundle) in its own colour, the price (or what the upgrade adds, or what the
//! bundle saves), why it helps, the line to say, and how long it stays.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::model::{Mode, Model};
use crate::domain::offer::{Kind, shopper_words};
use crate::timing::Prompt;
use crate::ui::text::fit;
use crate::ui::theme;

/// How much of each offer to show, roomiest first. On a short screen the selected offer
/// keeps its reason and the line to say the longest; the others keep their name and price.
#[derive(Clone, Copy)]
struct Layout {
    /// Lines of reason and of script for the selected offer, and for the others.
    selected: (usize, usize),
    others: (usize, usize),
    /// A blank line between offers, and the keys at the bottom.
    airy: bool,
}

const LAYOUTS: [Layout; 6] = [
    Layout {
        selected: (2, 2),
        others: (2, 2),
        airy: true,
    },
    Layout {
        selected: (1, 2),
        others: (1, 1),
        airy: true,
    },
    Layout {
        selected: (2, 2),
        others: (0, 0),
        airy: true,
    },
    Layout {
        selected: (1, 2),
        others: (0, 0),
        airy: false,
    },
    Layout {
        selected: (0, 2),
        others: (0, 0),
        airy: false,
    },
    Layout {
        selected: (0, 0),
        others: (0, 0),
        airy: false,
    },
];

pub struct OffersPanel<'a> {
    pub model: &'a Model,
}

impl OffersPanel<'_> {
    /// The lines to draw in `width` columns and at most `height` rows (inside the border);
    /// empty when nothing is on offer.
    pub fn lines(&self, width: u16, height: u16) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for layout in LAYOUTS {
            lines = self.lines_with(width, layout);
            if lines.len() <= usize::from(height) {
                break;
            }
        }
        lines
    }

    fn lines_with(&self, width: u16, layout: Layout) -> Vec<Line<'static>> {
        let model = self.model;
        let prompts: Vec<&Prompt> = model.offers.panel.visible().collect();
        let width = usize::from(width.max(1));
        let panel = &model.offers.panel;
        if prompts.is_empty() && panel.holdout() && panel.shown() > 0 {
            // A control-group order: the panel would have spoken, so it says, plainly, that
            // it has nothing, rather than vanish as if broken.
            return vec![Line::styled(
                fit("Nothing to offer on this order", width),
                theme::muted(),
            )];
        }
        if prompts.is_empty() {
            return Vec::new();
        }
        let selected = model.offers.selected.min(prompts.len() - 1);
        let mut lines = Vec::new();
        for (i, p) in prompts.iter().enumerate() {
            if i > 0 && layout.airy {
                lines.push(Line::raw(""));
            }
            let detail = if i == selected {
                layout.selected
            } else {
                layout.others
            };
            lines.extend(card(p, i, i == selected, width, detail, model));
        }
        if layout.airy {
            lines.push(Line::raw(""));
            lines.push(Line::styled(fit(&keys(model), width), theme::muted()));
        }
        lines
    }
}

impl Widget for OffersPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(area.width.saturating_sub(4), area.height.saturating_sub(2));
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(theme::focus_border())
                    .padding(Padding::horizontal(1))
                    .title(Span::styled(" Offers ", theme::title())),
            )
            .render(area, buf);
    }
}

fn kind_style(kind: Kind) -> (&'static str, Style) {
    let chip = |bg: Color| {
        Style::new()
            .fg(Color::Black)
            .bg(bg)
            .add_modifier(Modifier::BOLD)
    };
    match kind {
        Kind::CrossSell => ("ADD-ON", chip(Color::Cyan)),
        Kind::Upsell => ("UPGRADE", chip(Color::Magenta)),
        Kind::Bundle => ("BUNDLE", chip(Color::Green)),
    }
}

fn card(
    p: &Prompt,
    index: usize,
    selected: bool,
    width: usize,
    (reason_lines, script_lines): (usize, usize),
    model: &Model,
) -> Vec<Line<'static>> {
    let now = model.now;
    let offer = &p.offer;
    let (label, chip) = kind_style(offer.kind);
    let marker = if selected { "▸" } else { " " };
    let head_left = format!("{marker}{} ", index + 1);
    let countdown = format!("{}s", p.seconds_left(now));
    let used = head_left.width() + label.width() + countdown.width();
    let gap = width.saturating_sub(used).max(1);
    let mut lines = vec![Line::from(vec![
        Span::styled(head_left, theme::bold()),
        Span::styled(label, chip),
        Span::raw(" ".repeat(gap)),
        Span::styled(countdown, theme::muted()),
    ])];
    let price = price_text(offer);
    let name_width = width.saturating_sub(price.width() + 1);
    let name = fit(&offer.name, name_width);
    let pad = width.saturating_sub(name.width() + price.width());
    let name_style = if selected {
        theme::selected()
    } else {
        theme::bold()
    };
    lines.push(Line::from(vec![
        Span::styled(name, name_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(price, theme::total()),
    ]));
    if model.mode == Mode::Kiosk {
        // A shopper reads what it goes with, not the evidence or the clerk's line.
        let words = shopper_words(offer, |sku| {
            model.catalog.by_sku(sku).map(|p| p.name.clone())
        });
        for l in wrapped(&words, width, reason_lines + script_lines) {
            lines.push(Line::styled(l, theme::muted()));
        }
        return lines;
    }
    for l in wrapped(&offer.reason, width, reason_lines) {
        lines.push(Line::styled(l, theme::muted()));
    }
    let script = format!("“{}”", offer.script);
    for l in wrapped(&script, width, script_lines) {
        lines.push(Line::styled(
            l,
            Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
        ));
    }
    lines
}

/// At most `max` lines of `width` columns; the last one ends in … when text was left out.
fn wrapped(text: &str, width: usize, max: usize) -> Vec<String> {
    if max == 0 {
        return Vec::new();
    }
    // Made safe before wrapping: the wrapper takes an escape sequence for zero columns, so
    // a line would overflow and lose its end when the screen drops the control characters.
    let text = crate::domain::safe_text::terminal(text);
    let mut lines: Vec<String> = textwrap::wrap(&text, width.max(1))
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let cut = fit(last, width.saturating_sub(1));
            *last = if cut.ends_with('…') {
                cut
            } else {
                format!("{cut}…")
            };
        }
    }
    lines
}

/// The panel's keys as they work now: once a payment is taken the lines are locked, so
/// F11 would only be refused.
fn keys(model: &Model) -> String {
    match model.payments_taken() {
        false => "F11 add · Alt+N no · Alt+L later".into(),
        true => "Alt+N no · Alt+L later".into(),
    }
}

/// One line for a screen too narrow for the side panel: the selected offer, its price, and
/// how many there are. Nothing when nothing is on offer.
pub fn strip(model: &Model, width: u16) -> Option<Line<'static>> {
    let prompts: Vec<&Prompt> = model.offers.panel.visible().collect();
    let selected = model.offers.selected.min(prompts.len().checked_sub(1)?);
    let p = prompts[selected];
    let (label, chip) = kind_style(p.offer.kind);
    let price = price_text(&p.offer);
    let head = format!("{}/{} ", selected + 1, prompts.len());
    let tail = match model.payments_taken() {
        false => format!(" {price} · F11 add · Alt+N no"),
        true => format!(" {price} · Alt+N no"),
    };
    let room = usize::from(width).saturating_sub(head.width() + label.width() + 1 + tail.width());
    Some(Line::from(vec![
        Span::styled(head, theme::bold()),
        Span::styled(label, chip),
        Span::raw(" "),
        Span::styled(fit(&p.offer.name, room), theme::bold()),
        Span::styled(tail, theme::muted()),
    ]))
}

/// The price as the offer means it: an upgrade's extra cost, a bundle's saving.
fn price_text(offer: &crate::domain::offer::Recommendation) -> String {
    match (offer.kind, offer.price_difference, offer.saving) {
        (Kind::Upsell, Some(d), _) => format!("+{d}"),
        (Kind::Bundle, _, Some(s)) => format!("save {s}"),
        _ => offer.price.to_string(),
    }
}
