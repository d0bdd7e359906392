//! The demo shop: generated assets that let a first run show real suggestions.

pub mod generate;
