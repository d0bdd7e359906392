//! A row of input (a CSV line of an import, a line of a history file): the error that names
//! its line, and the checks every imported value passes. Pure, so that the readers of
//! `domain::history_rows` and of `import` judge a value alike.

use std::fmt;
use std::ops::RangeInclusive;

/// Years an imported date may fall in: a sales history, a campaign window. Year 1 or 9999
/// is a typo or a placeholder, and would sort before or after every real sale.
pub const YEARS: RangeInclusive<i32> = 1970..=2100;

/// Whether a date is in `YEARS`; the message to report when it is not.
pub fn check_year(column: &str, text: &str, year: i32) -> Result<(), String> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(format!(
            "{column} '{text}' is outside the years {} to {}",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// The longest value each kind of column takes, in characters: ids and codes, names, and
/// free text (a curated pairing's reason and script).
fn max_chars(column: &str) -> usize {
    match column {
        "sku" | "barcode" | "order_id" | "customer_id" | "staff_id" | "bundle_id" | "pin"
        | "tax_class" | "qty" | "unit_price" | "price" | "cost" | "stock" => 64,
        "name" | "category" | "brand" | "family" | "email" | "phone" => 200,
        _ => 1_000,
    }
}

/// Checks one raw value of an import: no control characters (NUL, escapes, line breaks:
/// they corrupt what is shown and printed), and not longer than its kind of column allows.
/// The message never quotes the value itself, which may be huge or hostile.
pub fn check_field(column: &str, value: &str) -> Result<(), String> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(format!(
            "{column} holds a control character (U+{:04X}): remove it",
            u32::from(c)
        ));
    }
    let max = max_chars(column);
    if value.len() > max && value.chars().count() > max {
        return Err(format!(
            "{column} is {} characters long: at most {max}",
            value.chars().count()
        ));
    }
    Ok(())
}

/// A row that cannot be imported, with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

impl RowError {
    pub fn new(line: u64, message: impl Into<String>) -> RowError {
        RowError {
            line,
            message: message.into(),
        }
    }

    /// `FILE:LINE: message`, the form editors and terminals make clickable. Line 0 is the
    /// file as a whole (the store refused it: a full disk, a read-only file): `FILE: message`.
    pub fn in_file(&self, file: &str) -> String {
        match self.line {
            0 => format!("{file}: {}", self.message),
            line => format!("{file}:{line}: {}", self.message),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for RowError {}
