//! Shop data made safe for whoever reads it. Names, SKUs and details come from imported
//! files and typed input, so they may hold terminal escape sequences (which can retitle a
//! window, clear a screen or hide text) or spreadsheet formulas (which run when a CSV is
//! opened). Every output goes through one of the two functions here: the register screen,
//! receipts and every command's text output through `terminal`, every CSV export through
//! `csv_cell`.

use std::borrow::Cow;

/// Shown in place of a character that would act on the terminal instead of being shown.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Characters that change how a terminal shows text rather than being shown: C0 and C1
/// controls, DEL, and the bidirectional overrides that reorder what is displayed.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of shop data for a terminal: a tab, newline or carriage return becomes a space
/// (it would break a column), any other control or bidi character becomes `�`. A line with
/// none is returned as it is, without copying.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if acts_on_terminal(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// A whole text for a terminal, line breaks kept: for messages and reports built from
/// several lines.
pub fn terminal_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && acts_on_terminal(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split('\n')
            .map(terminal)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// One cell of a CSV export, safe to open in a spreadsheet: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so it gets a
/// leading `'` (what spreadsheet-safe exporters do), unless it is a plain number such as
/// `-12.50`, which no spreadsheet runs. Control characters other than line breaks and tabs
/// become `�`.
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    let risky_start = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let controls = cell
        .chars()
        .any(|c| acts_on_terminal(c) && !matches!(c, '\t' | '\n' | '\r'));
    if !controls && (!risky_start || is_plain_number(cell)) {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 1);
    if risky_start && !is_plain_number(cell) {
        out.push('\'');
    }
    out.extend(cell.chars().map(|c| match c {
        '\t' | '\n' | '\r' => c,
        c if acts_on_terminal(c) => REPLACEMENT,
        c => c,
    }));
    Cow::Owned(out)
}

/// `-12`, `+3.5`, `-0.25`: a sign, digits and at most one decimal point.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_in_names_reach_no_terminal() {
        let title = "Ana\x1b]0;pwned\x07 \x1b[2J\u{9b}31m";
        let shown = terminal(title);
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert_eq!(shown, "Ana�]0;pwned� �[2J�31m");
        assert_eq!(terminal("tab\there"), "tab here");
        assert_eq!(terminal("\u{202E}gnp.exe"), "�gnp.exe");
        assert!(matches!(terminal("Café 15\""), Cow::Borrowed(_)));
        assert_eq!(terminal_lines("a\x1b[2J\nb"), "a�[2J\nb");
    }

    #[test]
    fn formulas_in_csv_cells_are_neutralised_and_numbers_left_alone() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-1+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            let cell = csv_cell(formula);
            assert!(cell.starts_with('\''), "{formula:?} -> {cell:?}");
        }
        for number in ["-12.50", "+3", "-0.25", "42", "Laptops"] {
            assert_eq!(csv_cell(number), number);
        }
        assert_eq!(csv_cell("-"), "'-");
        assert_eq!(csv_cell("-1.2.3"), "'-1.2.3");
        assert_eq!(csv_cell("a\x1bb"), "a�b");
    }
}
