//! CSV in: catalog, customers, orders. Every importer validates every row, reports
//! `FILE:LINE: what is wrong` for each bad one, and writes nothing unless all are good.

pub mod bundles;
pub mod catalog;
pub mod complements;
pub mod customers;
pub mod order_rows;
pub mod orders;
pub mod staff;
pub mod suggestions;
pub mod table;

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

/// What an import did, for its one-line report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: u64,
    pub updated: u64,
    /// Customers an orders import created because the history named them first.
    pub customers_created: u64,
}
