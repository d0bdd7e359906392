//! The register end to end: the real binary (or the register over the in-memory store) in a
//! pseudo-terminal, typed into like a cashier and a scanner would, then checked in the
//! store. One test binary for all of them, so that the crate is linked once; each module is
//! one subject, and `cargo test --test e2e MODULE::` runs one.

#[path = "support/pty.rs"]
mod pty_support;
#[path = "support/register.rs"]
mod register_support;
#[path = "support/run.rs"]
mod run_support;
#[path = "support/till.rs"]
mod till_support;

#[path = "e2e/day.rs"]
mod day;
#[path = "e2e/emptied_order.rs"]
mod emptied_order;
#[path = "e2e/kiosk.rs"]
mod kiosk;
#[path = "e2e/kiosk_crash.rs"]
mod kiosk_crash;
#[path = "e2e/kiosk_desk.rs"]
mod kiosk_desk;
#[path = "e2e/memory_register.rs"]
mod memory_register;
#[path = "e2e/offers.rs"]
mod offers;
#[path = "e2e/register.rs"]
mod register;
#[path = "e2e/training.rs"]
mod training;
