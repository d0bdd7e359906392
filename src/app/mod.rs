//! The register as a pure state machine: `Model` + `Action` → new `Model` + `Effect`s.
//!
//! Nothing here touches a terminal, a file, a database or the clock: keys and results of
//! storage calls arrive as actions with the time passed in, and whatever must happen in the
//! world leaves as effects for the runtime to execute. That keeps every behaviour of the
//! register testable with plain function calls.

pub mod action;
pub mod age_check;
pub mod audit;
pub mod backend;
mod customer;
pub mod day;
mod edit;
mod glance;
mod hints;
pub mod idle;
pub mod ids;
pub mod input;
pub mod key;
pub mod keymap;
mod kiosk_basket;
pub mod kiosk_finder;
pub mod kiosk_loyalty;
// Test support, not part of the product: built for the tests and benchmarks only.
pub mod kiosk_park;
#[cfg(feature = "testkit")]
pub mod memory;
pub mod model;
pub mod offers;
mod order_life;
pub mod overlay;
mod payment;
mod pins;
pub mod register;
pub mod reports;
mod returns;
pub mod search;
mod session;
mod store_health;
pub mod training_mode;
pub mod training_practice;
pub mod training_progress;
pub mod training_session;
mod unsent;
mod update;

pub use action::{Action, Effect, EngineHandle, Loaded};
pub use ids::{IdSource, SeededIds};
pub use key::Key;
pub use model::{Model, StaffRecord};
pub use update::update;
