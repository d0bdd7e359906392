//! Figures three rows tall, for the amounts a customer reads from across the counter: the
//! total and the change due.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub const HEIGHT: u16 = 3;

fn glyph(c: char) -> Option<[&'static str; 3]> {
    Some(match c {
        '0' => ["┏━┓", "┃ ┃", "┗━┛"],
        '1' => [" ┓ ", " ┃ ", " ┻ "],
        '2' => ["┏━┓", "┏━┛", "┗━━"],
        '3' => ["┏━┓", " ━┫", "┗━┛"],
        '4' => ["┓ ┓", "┗━┫", "  ┻"],
        '5' => ["┏━━", "┗━┓", "┗━┛"],
        '6' => ["┏━━", "┣━┓", "┗━┛"],
        '7' => ["━━┓", "  ┃", "  ┻"],
        '8' => ["┏━┓", "┣━┫", "┗━┛"],
        '9' => ["┏━┓", "┗━┫", "┗━┛"],
        '$' => ["┏╋┓", "┗╋┓", "┗╋┛"],
        '-' => ["   ", "━━━", "   "],
        ',' => [" ", " ", "┛"],
        '.' => [" ", " ", "•"],
        ' ' => [" ", " ", " "],
        _ => return None,
    })
}

/// Columns `text` takes in big figures, or None when a character has no big glyph.
pub fn width(text: &str) -> Option<u16> {
    let mut w = 0u16;
    for c in text.chars() {
        let g = glyph(c)?;
        w += g[0].chars().count() as u16 + 1;
    }
    Some(w.saturating_sub(1))
}

/// Big figures, right-aligned in their area.
pub struct BigText<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let Some(w) = width(self.text) else {
            return;
        };
        if area.height < HEIGHT || area.width < w {
            return;
        }
        let mut x = area.right() - w;
        for c in self.text.chars() {
            let Some(g) = glyph(c) else { return };
            for (row, part) in g.iter().enumerate() {
                buf.set_string(x, area.y + row as u16, part, self.style);
            }
            x += part_width(g) + 1;
        }
    }
}

fn part_width(g: [&str; 3]) -> u16 {
    g[0].chars().count() as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_figures_draw_right_aligned() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 3));
        BigText {
            text: "$1.5",
            style: Style::new(),
        }
        .render(buf.area, &mut buf);
        let expected = Buffer::with_lines([" ┏╋┓  ┓    ┏━━", " ┗╋┓  ┃    ┗━┓", " ┗╋┛  ┻  • ┗━┛"]);
        assert_eq!(width("$1.5"), Some(13));
        assert_eq!(buf, expected);
    }

    #[test]
    fn too_small_an_area_draws_nothing() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        BigText {
            text: "$100.00",
            style: Style::new(),
        }
        .render(buf.area, &mut buf);
        assert_eq!(buf, Buffer::empty(Rect::new(0, 0, 4, 2)));
    }
}
