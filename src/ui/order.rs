//! The order: its lines (quantity, name, unit price, line total, discount marks) and the
//! totals, the total in big figures when there is room for them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::model::Model;
use crate::domain::money::Money;
use crate::ui::bigtext::{self, BigText};
use crate::ui::text::{fit_middle, left, plain, right};
use crate::ui::theme;

/// Least widths of the columns: selection mark + quantity, unit price, line total. A
/// column grows to its widest figure: numbers are never cut, the name gives way.
const QTY: usize = 6;
const PRICE: usize = 11;
const TOTAL: usize = 12;
/// Below this the unit price column is dropped, so that names stay readable.
const NAME_MIN: usize = 8;

struct Columns {
    qty: usize,
    name: usize,
    price: Option<usize>,
    total: usize,
}

impl Columns {
    fn for_order(model: &Model, width: usize) -> Columns {
        let mut qty = QTY;
        let mut price = PRICE;
        let mut total = TOTAL;
        for (line, t) in model.cart().lines().iter().zip(&model.totals.lines) {
            // "▸9001" and two spaces; a figure keeps two columns from its neighbour.
            qty = qty.max(line.qty.to_string().len() + 3);
            price = price.max(unit_price(line).width() + 2);
            total = total.max(plain(t.gross).width() + 2);
        }
        if width >= qty + price + total + NAME_MIN {
            Columns {
                qty,
                name: width - qty - price - total,
                price: Some(price),
                total,
            }
        } else {
            Columns {
                qty,
                name: width.saturating_sub(qty + total),
                price: None,
                total,
            }
        }
    }

    /// Which lines' names are shortened from the middle: those that would read the same as
    /// another line's when cut at the end ("UltraBook 15 (…" twice), so that what differs
    /// stays in view. Others keep their beginning, which reads best.
    fn middles(&self, model: &Model) -> Vec<bool> {
        let names: Vec<&str> = model
            .cart()
            .lines()
            .iter()
            .map(|l| l.name.as_str())
            .collect();
        let cut: Vec<String> = names.iter().map(|n| left(n, self.name)).collect();
        (0..names.len())
            .map(|i| (0..names.len()).any(|j| j != i && cut[j] == cut[i] && names[j] != names[i]))
            .collect()
    }

    /// One row; `name` is shortened from the middle (`middle`) or at its end.
    fn row(&self, qty: &str, name: &str, price: &str, total: &str, middle: bool) -> String {
        let mut s = right(qty, self.qty - 2);
        s.push_str("  ");
        if middle {
            s.push_str(&left(&fit_middle(name, self.name), self.name));
        } else {
            s.push_str(&left(name, self.name));
        }
        if let Some(w) = self.price {
            s.push_str(&right(price, w));
        }
        s.push_str(&right(total, self.total));
        s
    }
}

fn unit_price(line: &crate::domain::cart::Line) -> String {
    if line.price_overridden() {
        format!("{}*", plain(line.unit_price))
    } else {
        plain(line.unit_price)
    }
}

pub fn draw(model: &Model, buf: &mut Buffer, area: Rect) {
    let items = model.cart().item_count();
    let focused = model.overlays.is_empty();
    let block = Block::bordered()
        .border_style(if focused {
            theme::focus_border()
        } else {
            theme::border()
        })
        .title(Span::styled(
            format!(
                " Order · {items} item{} ",
                if items == 1 { "" } else { "s" }
            ),
            theme::title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let totals = totals_lines(model, inner.width as usize);
    let big = big_total(model, inner, totals.len() as u16);
    let totals_height = totals.len() as u16 + if big { bigtext::HEIGHT } else { 1 };
    // The lines get the room; totals squeeze only when there is hardly any.
    let totals_height = totals_height.min(inner.height.saturating_sub(2).max(1));
    let [head, lines, sum] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(totals_height),
    ])
    .areas(inner);
    let cols = Columns::for_order(model, inner.width as usize);
    Line::styled(
        cols.row("Qty", "Item", "Price", "Total", false),
        theme::muted(),
    )
    .render(head, buf);
    draw_lines(model, &cols, buf, lines);
    draw_totals(model, totals, big, buf, sum);
}

fn draw_lines(model: &Model, cols: &Columns, buf: &mut Buffer, area: Rect) {
    if area.height == 0 {
        return;
    }
    if model.cart().is_empty() {
        let hint = vec![
            Line::default(),
            Line::styled("Scan an item to start", theme::muted()).centered(),
            Line::styled("F3 find by name · F2 customer · F4 recall", theme::muted()).centered(),
        ];
        Paragraph::new(hint).render(area, buf);
        return;
    }
    // Rows of every line (a line with a discount or a changed price takes two), and which
    // line each belongs to, so the selected line can be scrolled into view.
    let mut rows: Vec<(usize, Line)> = Vec::new();
    let middles = cols.middles(model);
    for (i, (line, total)) in model
        .cart()
        .lines()
        .iter()
        .zip(&model.totals.lines)
        .enumerate()
    {
        let selected = model.selected == Some(i);
        let mark = if selected { "▸" } else { " " };
        let qty = format!("{mark}{:>3}", line.qty);
        let text = cols.row(
            &qty,
            &line.name,
            &unit_price(line),
            &plain(total.gross),
            middles[i],
        );
        let style = if selected {
            theme::selected()
        } else {
            Style::new()
        };
        rows.push((i, Line::styled(text, style)));
        if total.line_discount > Money::ZERO {
            let label = line
                .discount
                .map_or_else(String::new, |d| format!("↳ {d} off"));
            rows.push((
                i,
                Line::styled(
                    cols.row("", &label, "", &plain(-total.line_discount), false),
                    theme::discount(),
                ),
            ));
        }
        if line.price_overridden() {
            rows.push((
                i,
                Line::styled(
                    cols.row(
                        "",
                        &format!("↳ price changed from {}", plain(line.list_price)),
                        "",
                        "",
                        false,
                    ),
                    theme::discount(),
                ),
            ));
        }
    }
    let height = area.height as usize;
    let focus_end = match model.selected {
        Some(sel) => rows
            .iter()
            .rposition(|(i, _)| *i == sel)
            .map_or(rows.len(), |p| p + 1),
        None => rows.len(),
    };
    let focus_start = match model.selected {
        Some(sel) => rows.iter().position(|(i, _)| *i == sel).unwrap_or(0),
        None => rows.len(),
    };
    // The selected line's own row stays in view even when its notes do not fit.
    let offset = focus_end.saturating_sub(height).min(focus_start);
    let visible: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|(_, l)| l)
        .collect();
    Paragraph::new(visible).render(area, buf);
}

/// Subtotal, discounts, tax and payments so far, as label/amount rows.
fn totals_lines(model: &Model, width: usize) -> Vec<Line<'static>> {
    let t = &model.totals;
    let row = |label: &str, amount: String, style: Style| {
        let w = amount.width();
        Line::styled(
            format!(
                "{}{amount}",
                left(&format!(" {label}"), width.saturating_sub(w + 1))
            ),
            style,
        )
    };
    let mut out = vec![Line::styled("─".repeat(width), theme::border())];
    out.push(row("Subtotal", plain(t.subtotal), Style::new()));
    if t.discounts > Money::ZERO {
        let label = match model.cart().order_discount() {
            Some(d) => format!("Discounts (order {d})"),
            None => "Discounts".to_string(),
        };
        out.push(row(&label, plain(-t.discounts), theme::discount()));
    }
    let tax_label = if model.settings.tax.inclusive {
        "Tax included"
    } else {
        "Tax"
    };
    out.push(row(tax_label, plain(t.tax), Style::new()));
    if let Some(tender) = model
        .order
        .tender
        .as_ref()
        .filter(|t| !t.payments().is_empty())
    {
        out.push(row("Paid", plain(tender.paid()), theme::muted()));
        out.push(row(
            "Still due",
            tender.remaining().to_string(),
            theme::discount(),
        ));
    }
    out
}

/// Whether the total fits in big figures under the lines without crowding them out.
fn big_total(model: &Model, inner: Rect, totals_rows: u16) -> bool {
    if model.cart().is_empty() {
        return false;
    }
    let figure = model.totals.total.to_string();
    let Some(w) = bigtext::width(&figure) else {
        return false;
    };
    inner.width >= w + 8 && inner.height >= totals_rows + bigtext::HEIGHT + 6
}

fn draw_totals(model: &Model, rows: Vec<Line<'static>>, big: bool, buf: &mut Buffer, area: Rect) {
    // Squeezed, the total keeps its row and the rows nearest it stay.
    let keep = (area.height.saturating_sub(1) as usize).min(rows.len());
    let rows: Vec<Line> = rows.into_iter().rev().take(keep).rev().collect();
    let n = rows.len() as u16;
    let [top, total] =
        Layout::vertical([Constraint::Length(n.min(area.height)), Constraint::Min(0)]).areas(area);
    Paragraph::new(rows).render(top, buf);
    if total.height == 0 {
        return;
    }
    let figure = model.totals.total.to_string();
    if big && total.height >= bigtext::HEIGHT {
        Line::styled(" TOTAL", theme::total()).render(
            Rect {
                y: total.y + 1,
                height: 1,
                ..total
            },
            buf,
        );
        BigText {
            text: &figure,
            style: theme::total(),
        }
        .render(
            Rect {
                width: total.width.saturating_sub(1),
                ..total
            },
            buf,
        );
    } else {
        let w = total.width as usize;
        let line = format!(
            "{}{figure}",
            left(" TOTAL", w.saturating_sub(figure.width() + 1))
        );
        Line::styled(line, theme::total()).render(total, buf);
    }
}
