//! The `xsell` binary run as a command, as a shop's staff, its scripts and an attacker run
//! it: each command's output and exit code, its errors, its logs and progress bars, and the
//! store it leaves behind. One test binary for all of them, so that the crate is linked once;
//! each module is one subject, and `cargo test --test cli MODULE::` runs one.

#[path = "support/cli.rs"]
mod cli_support;
#[path = "support/pty.rs"]
mod pty_support;
#[path = "support/register.rs"]
mod register_support;
#[path = "support/run.rs"]
mod run_support;
#[path = "support/till.rs"]
mod till_support;

#[path = "cli/attacks.rs"]
mod attacks;
#[path = "cli/errors.rs"]
mod errors;
#[path = "cli/eval.rs"]
mod eval;
#[path = "cli/hostile_input.rs"]
mod hostile_input;
#[path = "cli/mine_from_csv.rs"]
mod mine_from_csv;
#[path = "cli/mine_store.rs"]
mod mine_store;
#[path = "cli/progress_output.rs"]
mod progress_output;
#[path = "cli/recommend.rs"]
mod recommend;
#[path = "cli/report.rs"]
mod report;
#[path = "cli/safety.rs"]
mod safety;
#[path = "cli/service_units.rs"]
mod service_units;
#[path = "cli/shell_integration.rs"]
mod shell_integration;
#[path = "cli/support_log.rs"]
mod support_log;
#[path = "cli/train_progress.rs"]
mod train_progress;
#[path = "cli/training.rs"]
mod training;
#[path = "cli/wholesale_shop.rs"]
mod wholesale_shop;
