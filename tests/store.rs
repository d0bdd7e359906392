//! The store and the tills that write to it: sales, offers and imports through `Store`, the
//! close of day, backups, checks, crashes at every statement and several tills at once.
//! One test binary for all of them, so that the crate is linked once; each module is one
//! subject, and `cargo test --test store MODULE::` runs one.

#[path = "support/register.rs"]
mod register_support;
#[path = "support/run.rs"]
mod run_support;
#[path = "support/store.rs"]
mod store_support;
#[path = "support/till.rs"]
mod till_support;

#[path = "store/backend_contract.rs"]
mod backend_contract;
#[path = "store/backup.rs"]
mod backup;
#[path = "store/backup_snapshot.rs"]
mod backup_snapshot;
#[path = "store/check.rs"]
mod check;
#[path = "store/close_of_day.rs"]
mod close_of_day;
#[path = "store/crash_points.rs"]
mod crash_points;
#[path = "store/curated.rs"]
mod curated;
#[path = "store/fuzz_import.rs"]
mod fuzz_import;
#[path = "store/import_batches.rs"]
mod import_batches;
#[path = "store/imports.rs"]
mod imports;
#[path = "store/kiosk_parked.rs"]
mod kiosk_parked;
#[path = "store/mining_window.rs"]
mod mining_window;
#[path = "store/offers.rs"]
mod offers;
#[path = "store/paper_trail.rs"]
mod paper_trail;
#[path = "store/sales.rs"]
mod sales;
#[path = "store/sell_script.rs"]
mod sell_script;
#[path = "store/several_tills.rs"]
mod several_tills;
#[path = "store/training_progress.rs"]
mod training_progress;
#[path = "store/training_sandbox.rs"]
mod training_sandbox;
