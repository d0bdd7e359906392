//! CSV in: catalog, customers, orders. Every importer validates every row, reports
//! `FILE:LINE: what is wrong` for each bad one, and writes nothing unless all are good.

pub mod order_rows;

use std::fmt;

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

    /// `FILE:LINE: message`, the form editors and terminals make clickable.
    pub fn in_file(&self, file: &str) -> String {
        format!("{file}:{}: {}", self.line, self.message)
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for RowError {}
