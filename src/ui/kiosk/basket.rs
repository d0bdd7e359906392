//! The shopper's basket: each item on a row of its own in bold (how many, the name, what
//! they cost), the chosen one marked, and the total in the register's big figures. On a
//! wide screen the total and the offer stand beside the basket, otherwise under it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::model::Model;
use crate::domain::money::Money;
use crate::ui::bigtext::{self, BigText};
use crate::ui::kiosk::offer;
use crate::ui::text::{fit, fit_middle};
use crate::ui::theme;

pub fn draw(model: &Model, buf: &mut Buffer, area: Rect) {
    // The total across the bottom, as wide as the screen: its figures are the largest.
    let total_rows = total_height(model, area.width).min(area.height.saturating_sub(4).max(3));
    let [top, total_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(total_rows)]).areas(area);
    total(model, buf, total_area);
    // The same column as the till's side panel, so that paying leaves the offer in view.
    if let Some(side) = crate::ui::side_width(area.width) {
        let [left, right] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(side)]).areas(top);
        lines(model, buf, left);
        let card = offer::height(model, right.width).min(right.height);
        if card > 0 {
            offer::draw(
                model,
                buf,
                Rect {
                    height: card,
                    ..right
                },
            );
        } else {
            tips(model, buf, right);
        }
    } else {
        // The basket keeps at least three rows of its own; the offer gives way first.
        let card = offer::height(model, top.width).min(top.height.saturating_sub(5));
        let [basket, card_area] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(card)]).areas(top);
        lines(model, buf, basket);
        offer::draw(model, buf, card_area);
    }
}

/// Beside the basket while no offer is there: how to change it, in a few words.
fn tips(model: &Model, buf: &mut Buffer, area: Rect) {
    let mut lines = vec![
        Line::styled("Change your basket", theme::bold()),
        Line::raw("↑↓ choose an item"),
        Line::raw("→ one more"),
        Line::raw("← one fewer, or take it out"),
    ];
    if model.customer.is_none() {
        lines.extend([
            Line::default(),
            Line::styled("Loyalty card?", theme::bold()),
            Line::raw("Scan it for your own offers"),
        ]);
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .block(
            Block::bordered()
                .border_style(theme::border())
                .padding(Padding::horizontal(1)),
        )
        .render(Rect { height, ..area }, buf);
}

fn lines(model: &Model, buf: &mut Buffer, area: Rect) {
    let items = model.cart().item_count();
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(
                " Your basket · {items} item{} ",
                if items == 1 { "" } else { "s" }
            ),
            theme::title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let lines = model.cart().lines();
    // A blank row between items reads better from a step away, when there is room for it.
    let airy = lines.len() * 2 <= inner.height as usize;
    let mut rows: Vec<(usize, Line<'static>)> = Vec::new();
    for (i, (line, priced)) in lines.iter().zip(&model.totals.lines).enumerate() {
        if airy && i > 0 {
            rows.push((i, Line::default()));
        }
        let selected = model.selected == Some(i);
        let mark = if selected { "▸ " } else { "  " };
        let qty = format!("{mark}{} × ", line.qty);
        let amount = priced.gross.to_string();
        let room = width.saturating_sub(qty.width() + amount.width() + 2);
        let name = fit_middle(&line.name, room);
        let pad = width.saturating_sub(qty.width() + name.width() + amount.width());
        let style = if selected {
            Style::new()
                .fg(Color::Black)
                .bg(theme::ACCENT)
                .add_modifier(Modifier::BOLD)
        } else {
            theme::total()
        };
        rows.push((
            i,
            Line::styled(format!("{qty}{name}{}{amount}", " ".repeat(pad)), style),
        ));
        if priced.line_discount > Money::ZERO {
            let saving = format!("you save {}", priced.line_discount);
            rows.push((
                i,
                Line::styled(fit(&format!("    {saving}"), width), theme::discount()),
            ));
        }
    }
    if model.totals.discounts > Money::ZERO && model.cart().order_discount().is_none() {
        // A bundle's price: the saving is the shopper's to see.
        rows.push((usize::MAX, Line::default()));
        rows.push((
            usize::MAX,
            Line::styled(
                format!("  Set price: you save {}", model.totals.discounts),
                theme::discount(),
            ),
        ));
    }
    // The chosen item stays in view.
    let height = inner.height as usize;
    let end = model
        .selected
        .and_then(|s| rows.iter().rposition(|(i, _)| *i == s))
        .map_or(rows.len(), |p| p + 1);
    let offset = end.saturating_sub(height);
    let visible: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|(_, l)| l)
        .collect();
    Paragraph::new(visible).render(inner, buf);
}

/// Rows the total's box takes in `width` columns: big figures when they fit.
fn total_height(model: &Model, width: u16) -> u16 {
    if big_fits(model, width) {
        bigtext::HEIGHT + 2
    } else {
        3
    }
}

fn big_fits(model: &Model, width: u16) -> bool {
    bigtext::width(&model.totals.total.to_string()).is_some_and(|w| w + 12 <= width)
}

fn total(model: &Model, buf: &mut Buffer, area: Rect) {
    if area.height == 0 {
        return;
    }
    let tax = if model.settings.tax.inclusive {
        format!(" Tax included: {} ", model.totals.tax)
    } else {
        format!(" With tax of {} ", model.totals.tax)
    };
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::White))
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            fit(&tax, area.width.saturating_sub(2) as usize),
            theme::total(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let figure = model.totals.total.to_string();
    let label = Rect {
        y: inner.y + inner.height.saturating_sub(1) / 2,
        height: 1,
        ..inner
    };
    Line::styled("TOTAL", theme::total()).render(label, buf);
    if big_fits(model, area.width) && inner.height >= bigtext::HEIGHT {
        let y = inner.y + (inner.height - bigtext::HEIGHT) / 2;
        BigText {
            text: &figure,
            style: theme::total(),
        }
        .render(
            Rect {
                y,
                height: bigtext::HEIGHT,
                ..inner
            },
            buf,
        );
    } else {
        Line::styled(figure, theme::total())
            .right_aligned()
            .render(inner, buf);
    }
}
