//! Paying at the kiosk and the finished sale, in the shopper's words. Paying: the amount
//! in big figures and the one way to pay (the card terminal). Finished: a thank you, the
//! card payment, the receipt number and the receipt itself; no change due and no question
//! about the offers, which are the counter's.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::model::{Busy, Model};
use crate::app::overlay::{ReceiptOverlay, TenderOverlay};
use crate::domain::tender::TenderKind;
use crate::ui::bigtext::{self, BigText};
use crate::ui::kiosk::dialogs::chip;
use crate::ui::overlays::window;
use crate::ui::theme;

/// Draws `figure` big when it fits in `area`, else on one bold row; returns the rows used.
fn amount(figure: &str, buf: &mut Buffer, area: Rect) -> u16 {
    let fits = bigtext::width(figure).is_some_and(|w| w <= area.width);
    if fits && area.height >= bigtext::HEIGHT {
        BigText {
            text: figure,
            style: theme::total(),
        }
        .render(
            Rect {
                height: bigtext::HEIGHT,
                ..area
            },
            buf,
        );
        bigtext::HEIGHT
    } else if area.height > 0 {
        Line::styled(figure.to_string(), theme::total())
            .right_aligned()
            .render(area, buf);
        1
    } else {
        0
    }
}

fn rows(lines: Vec<Line<'static>>, buf: &mut Buffer, area: Rect) {
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

pub fn paying(model: &Model, overlay: &TenderOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    let Some(tender) = &model.order.tender else {
        return;
    };
    let inner = window(buf, area, 56, bigtext::HEIGHT + 10, "Pay", top);
    if inner.height == 0 {
        return;
    }
    let [head, figure, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(bigtext::HEIGHT + 1),
        Constraint::Min(0),
    ])
    .areas(inner);
    Line::styled("To pay", theme::bold()).render(head, buf);
    amount(&tender.remaining().to_string(), buf, figure);
    let lines = match model.busy {
        Some(Busy::Charging) => vec![Line::styled(
            "Follow the instructions on the card terminal…",
            theme::discount(),
        )],
        Some(Busy::Completing) => {
            vec![Line::styled("Completing your purchase…", theme::discount())]
        }
        Some(Busy::Parking) => vec![Line::styled(
            "Sending your order to the counter…",
            theme::discount(),
        )],
        _ => crate::ui::overlays::kiosk_park::choices(overlay),
    };
    rows(lines, buf, rest);
}

pub fn finished(receipt: &ReceiptOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    let paper_lines = receipt.text.lines().count() as u16;
    let inner = window(buf, area, 90, paper_lines.max(14) + 2, "Thank you", top);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    // The receipt on paper when there is room beside the thank you.
    let paper_width = if inner.width >= 74 { 44 } else { 0 };
    let [paper, side] =
        Layout::horizontal([Constraint::Length(paper_width), Constraint::Min(0)]).areas(inner);
    if paper_width > 0 {
        let text: Vec<Line> = receipt
            .text
            .lines()
            .map(|l| {
                Line::styled(
                    format!(" {l}"),
                    Style::new().fg(Color::Black).bg(Color::Gray),
                )
            })
            .collect();
        Paragraph::new(text)
            .style(Style::new().bg(Color::Gray))
            .scroll((receipt.scroll, 0))
            .render(paper, buf);
    }
    let side = if paper_width > 0 {
        Rect {
            x: side.x + 2,
            width: side.width.saturating_sub(2),
            ..side
        }
    } else {
        side
    };
    if side.height == 0 {
        return;
    }
    let mut y = side.y;
    let line = |text: Line<'static>, buf: &mut Buffer, y: &mut u16| {
        if *y < side.bottom() {
            text.render(
                Rect {
                    y: *y,
                    height: 1,
                    ..side
                },
                buf,
            );
        }
        *y += 1;
    };
    line(Line::styled("Thank you!", theme::title()), buf, &mut y);
    line(
        Line::styled("Please take your receipt", theme::bold()),
        buf,
        &mut y,
    );
    y += 1;
    let paid_by_card = receipt.payments.iter().find(|p| p.kind == TenderKind::Card);
    line(
        Line::styled(
            if paid_by_card.is_some() {
                "Paid by card"
            } else {
                "Paid"
            },
            theme::bold(),
        ),
        buf,
        &mut y,
    );
    if y < side.bottom() {
        let room = Rect {
            y,
            height: side.bottom() - y,
            ..side
        };
        y += amount(&receipt.total.to_string(), buf, room);
    }
    y += 1;
    if let Some(reference) = paid_by_card.and_then(|p| p.reference.as_deref()) {
        line(
            Line::styled(format!("Card approval {reference}"), theme::muted()),
            buf,
            &mut y,
        );
    }
    line(
        Line::styled(format!("Receipt {}", receipt.number), theme::total()),
        buf,
        &mut y,
    );
    y += 1;
    line(
        Line::from(vec![chip("Enter"), Span::styled(" done", theme::bold())]),
        buf,
        &mut y,
    );
}
