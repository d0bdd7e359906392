//! The pure core of a sale: money, catalog types, cart, pricing, tender, receipt.
//! No IO, no clock reads: time is passed in.

pub mod audit;
pub mod bundle;
pub mod cart;
pub mod catalog;
pub mod ean;
pub mod history_rows;
pub mod input_rows;
pub mod lockout;
pub mod money;
pub mod offer;
pub mod order;
pub mod park;
pub mod people;
pub mod pin;
pub mod pin_check;
pub mod pricing;
pub mod receipt;
pub mod redact;
pub mod safe_text;
pub mod settings;
pub mod stock;
pub mod target;
pub mod tender;
pub mod timestamp;
pub mod training_settings;
