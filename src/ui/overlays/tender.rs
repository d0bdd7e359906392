//! Taking payment, and the receipt afterwards with the change due in big figures.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::window;
use crate::app::model::{Busy, Mode, Model};
use crate::app::overlay::{ReceiptOverlay, TenderField, TenderOverlay};
use crate::domain::money::Money;
use crate::domain::tender::TenderKind;
use crate::ui::bigtext::{self, BigText};
use crate::ui::text::left;
use crate::ui::theme;

fn amount_row(label: &str, amount: Money, width: usize, style: Style) -> Line<'static> {
    let a = amount.to_string();
    Line::styled(
        format!("{}{a}", left(label, width.saturating_sub(a.width()))),
        style,
    )
}

pub fn draw(model: &Model, overlay: &TenderOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    let Some(tender) = &model.order.tender else {
        return;
    };
    // Big figures, totals and payments, the tender tabs and fields, a status line.
    let height = if model.mode == Mode::Kiosk {
        // The big figure, a question and the two ways to pay: no tenders or fields.
        bigtext::HEIGHT + 8
    } else {
        14 + tender.payments().len() as u16
    };
    let inner = window(buf, area, 56, height, "Payment", top);
    let w = inner.width as usize;
    let remaining = tender.remaining();
    let [due_area, rest] =
        Layout::vertical([Constraint::Length(bigtext::HEIGHT + 1), Constraint::Min(0)])
            .areas(inner);
    let figure = remaining.to_string();
    let big = bigtext::width(&figure).is_some_and(|bw| bw + 6 <= due_area.width);
    if big {
        Line::styled("Due", theme::muted()).render(
            Rect {
                y: due_area.y + 1,
                height: 1,
                ..due_area
            },
            buf,
        );
        BigText {
            text: &figure,
            style: theme::total(),
        }
        .render(due_area, buf);
    } else {
        Paragraph::new(vec![amount_row("Due", remaining, w, theme::total())]).render(due_area, buf);
    }
    if model.mode == Mode::Kiosk {
        Paragraph::new(kiosk_lines(model, overlay)).render(rest, buf);
        return;
    }
    let mut lines = vec![amount_row("Order total", tender.due(), w, Style::new())];
    for p in tender.payments() {
        let label = match &p.reference {
            Some(r) => format!("  {} {r}", p.kind.as_str()),
            None => format!("  {}", p.kind.as_str()),
        };
        lines.push(amount_row(&label, p.amount, w, theme::muted()));
    }
    lines.push(Line::default());
    let tab = |kind: TenderKind, name: &str| {
        if overlay.kind == kind {
            Span::styled(format!(" {name} "), theme::key())
        } else {
            Span::styled(format!(" {name} "), theme::muted())
        }
    };
    lines.push(Line::from(vec![
        tab(TenderKind::Cash, "Cash"),
        Span::raw(" "),
        tab(TenderKind::Card, "Card"),
        Span::styled("   Tab switches", theme::muted()),
    ]));
    let cursor = |on: bool| {
        if on && top {
            Span::styled("█", Style::new().fg(theme::ACCENT))
        } else {
            Span::raw("")
        }
    };
    let amount_label = match overlay.kind {
        TenderKind::Cash => "Cash given",
        TenderKind::Card => "Charge",
    };
    let placeholder = if overlay.amount.is_empty() {
        Span::styled(format!("{remaining} (Enter)"), theme::muted())
    } else {
        Span::styled(overlay.amount.text().to_string(), theme::bold())
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{amount_label:<11}▸ "), theme::muted()),
        placeholder,
        cursor(overlay.field == TenderField::Amount),
    ]));
    if overlay.kind == TenderKind::Card {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<11}▸ ", "Reference"), theme::muted()),
            Span::styled(overlay.reference.text().to_string(), theme::bold()),
            cursor(overlay.field == TenderField::Reference),
        ]));
    }
    if model.busy == Some(Busy::Completing) {
        lines.push(Line::styled("Completing the sale…", theme::discount()));
    } else if tender.is_settled() {
        lines.push(Line::styled(
            "Paid in full — Enter completes the sale",
            theme::discount(),
        ));
    }
    Paragraph::new(lines).render(rest, buf);
}

/// A shopper's payment: by card only, the amount fixed, in the shopper's words.
fn kiosk_lines(model: &Model, overlay: &TenderOverlay) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("How would you like to pay?", theme::bold())];
    if model.busy == Some(Busy::Charging) {
        lines.push(Line::styled(
            "Follow the instructions on the card terminal…",
            theme::discount(),
        ));
    } else if model.busy == Some(Busy::Completing) {
        lines.push(Line::styled("Completing your purchase…", theme::discount()));
    } else if model.busy == Some(Busy::Parking) {
        lines.push(Line::styled(
            "Sending your order to the counter…",
            theme::discount(),
        ));
    } else {
        lines.extend(super::kiosk_park::choices(overlay));
    }
    lines
}

pub fn receipt(receipt: &ReceiptOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    let title = if receipt.refund {
        "Refund"
    } else {
        "Sale complete"
    };
    let width = 46 + 2 + 40;
    let height = receipt.text.lines().count() as u16 + 2;
    let inner = window(buf, area, width, height.max(12), title, top);
    let paper_width = 44u16.min(inner.width);
    let [paper, side] =
        Layout::horizontal([Constraint::Length(paper_width), Constraint::Min(0)]).areas(inner);
    let lines: Vec<Line> = receipt
        .text
        .lines()
        .map(|l| {
            Line::styled(
                format!(" {l}"),
                Style::new()
                    .fg(ratatui::style::Color::Black)
                    .bg(ratatui::style::Color::Gray),
            )
        })
        .collect();
    Paragraph::new(lines)
        .style(Style::new().bg(ratatui::style::Color::Gray))
        .scroll((receipt.scroll, 0))
        .render(paper, buf);
    if side.width < 4 {
        return;
    }
    let side = Rect {
        x: side.x + 2,
        width: side.width - 2,
        ..side
    };
    let (label, amount) = if receipt.refund {
        ("Give back", receipt.total)
    } else {
        ("Change due", receipt.change)
    };
    let figure = amount.to_string();
    let mut y = side.y + 1;
    Line::styled(label, theme::title()).render(
        Rect {
            y,
            height: 1,
            ..side
        },
        buf,
    );
    y += 1;
    let fits = bigtext::width(&figure).is_some_and(|w| w <= side.width) && side.height >= 6;
    if fits {
        BigText {
            text: &figure,
            style: theme::total(),
        }
        .render(
            Rect {
                y,
                height: bigtext::HEIGHT.min(side.bottom().saturating_sub(y)),
                ..side
            },
            buf,
        );
        y += bigtext::HEIGHT + 1;
    } else {
        Line::styled(figure, theme::total()).render(
            Rect {
                y: y.min(side.bottom().saturating_sub(1)),
                height: 1,
                ..side
            },
            buf,
        );
        y += 2;
    }
    let mut notes = vec![
        (format!("Receipt {}", receipt.number), theme::muted()),
        (format!("Total {}", receipt.total), theme::muted()),
        (String::new(), theme::muted()),
    ];
    if receipt.feedback_for.is_some() {
        // Asked while the customer is still at the counter; one chord answers.
        notes.extend([
            ("Was the suggestion helpful?".to_string(), theme::title()),
            (
                "Alt+Y yes · Alt+N no · Alt+S skip".to_string(),
                theme::bold(),
            ),
            (String::new(), theme::muted()),
        ]);
    }
    notes.extend([
        ("Enter: next sale".to_string(), theme::muted()),
        ("Scanning starts it too".to_string(), theme::muted()),
    ]);
    for (note, style) in notes {
        if y >= side.bottom() {
            break;
        }
        Line::styled(note, style).render(
            Rect {
                y,
                height: 1,
                ..side
            },
            buf,
        );
        y += 1;
    }
}
