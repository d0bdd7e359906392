//! `xsell train` with no flag: the register opened for practice. Everyone who signs in
//! (by PIN, as usual) trains: sales go to a sandbox copy of the shop, the banner says
//! TRAINING on every screen, receipts are marked and never printed.

use std::path::Path;

use super::register::Opens;
use super::train::{Register, TrainArgs};

pub fn run(db: &Path, register: Register, args: &TrainArgs) -> anyhow::Result<()> {
    // Playing a scenario at the register is the training core's (`--scenario` there).
    if args.scenario.is_some() || args.seed.is_some() {
        anyhow::bail!("--scenario and --seed are for --script (and --from-history)");
    }
    if !db.exists() {
        anyhow::bail!(
            "no store at {}: practice needs the shop's catalog (`xsell demo` makes one)",
            db.display()
        );
    }
    super::register::run(
        db,
        &register.till,
        register.receipts,
        None,
        register.prompts,
        Opens::Training,
    )
}
