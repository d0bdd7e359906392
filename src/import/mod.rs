//! CSV in: catalog, customers, orders. Every importer validates every row, reports
//! `FILE:LINE: what is wrong` for each bad one, and writes nothing unless all are good.

pub mod bundles;
pub mod catalog;
pub mod complements;
pub mod customers;
pub mod history;
pub mod offer_log;
pub mod staff;
pub mod table;

pub use crate::domain::input_rows::{RowError, YEARS, check_field, check_year};

/// What an import did, for its one-line report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: u64,
    pub updated: u64,
    /// Customers an orders import created because the history named them first.
    pub customers_created: u64,
}
