//! The pure core of a sale: money, catalog types, cart, pricing. No IO, no clock reads.

pub mod ean;
pub mod money;
