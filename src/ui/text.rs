//! Text measured in terminal columns, not bytes or chars: a name in Japanese or with an
//! emoji takes two columns per character, and the order's columns must still line up.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

pub use crate::domain::receipt::fit;

/// `text` cut or padded to exactly `width` columns, left-aligned.
pub fn left(text: &str, width: usize) -> String {
    let t = fit(text, width);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// `text` cut or padded to exactly `width` columns, right-aligned.
pub fn right(text: &str, width: usize) -> String {
    let t = fit(text, width);
    let pad = width.saturating_sub(t.width());
    format!("{}{t}", " ".repeat(pad))
}

/// `text` in at most `width` columns, shortened from the middle: the start and the end
/// stay, so variants that differ at the end ("UltraBook 15 (16GB)", "… (32GB)") stay apart.
pub fn fit_middle(text: &str, width: usize) -> String {
    if text.width() <= width || width < 5 {
        return fit(text, width);
    }
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let room = width - 1;
    let tail_room = room / 2;
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for &c in chars.iter().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > tail_room {
            break;
        }
        used += w;
        tail.push(c);
    }
    tail.reverse();
    let mut head = String::new();
    let head_room = room - used;
    let mut head_used = 0;
    for &c in &chars {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if head_used + w > head_room {
            break;
        }
        head_used += w;
        head.push(c);
    }
    let tail: String = tail.into_iter().collect();
    format!("{}…{}", head.trim_end(), tail.trim_start())
}

/// A `width`×`height` box centred in `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Money without the currency sign, for columns of figures.
pub fn plain(m: crate::domain::money::Money) -> String {
    m.to_string().replacen('$', "", 1)
}

/// A status message made safe for the terminal and wrapped between words onto at most
/// `max_rows` rows of `room` columns; the last row ends in "…" only if even those are not
/// enough, so that no message is cut mid-word.
pub fn message_rows(text: &str, room: usize, max_rows: u16) -> Vec<String> {
    let text = crate::domain::safe_text::terminal(text);
    let mut rows: Vec<String> = textwrap::wrap(&text, room)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    let max_rows = usize::from(max_rows.max(1));
    if rows.len() > max_rows {
        let rest = rows.split_off(max_rows - 1).join(" ");
        rows.push(fit(&rest, room));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_pad_by_columns() {
        assert_eq!(left("日本", 6), "日本  ");
        // Cut to 5 columns (a wide character cannot be halved), then padded to 6.
        assert_eq!(left("日本語です", 6), "日本… ");
        assert_eq!(right("🎧", 4), "  🎧");
        assert_eq!(left("abc", 0), "");
        assert_eq!(left("日本", 6).width(), 6);
    }

    #[test]
    fn names_shortened_from_the_middle_keep_the_part_that_differs() {
        let a = fit_middle("UltraBook 15 (16GB)", 15);
        let b = fit_middle("UltraBook 15 (32GB)", 15);
        assert_eq!(
            left("UltraBook 15 (16GB)", 15),
            left("UltraBook 15 (32GB)", 15)
        );
        assert_eq!(a, "UltraBo…(16GB)");
        assert_ne!(a, b);
        assert!(a.width() <= 15);
        assert_eq!(fit_middle("Short", 15), "Short");
        assert!(fit_middle("ノートパソコン用スリーブ 🎒", 9).width() <= 9);
    }

    #[test]
    fn centred_box_never_leaves_its_area() {
        let area = Rect::new(3, 2, 10, 5);
        let r = centered(area, 40, 40);
        assert_eq!(r, area);
        let r = centered(area, 4, 1);
        assert!(area.contains(r.as_position()) && r.right() <= area.right());
    }
}
