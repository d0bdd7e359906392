//! `xsell train` with no flag: the register opened for practice. Everyone who signs in
//! (by PIN, as usual) trains: sales go to a sandbox copy of the shop, the banner says
//! TRAINING on every screen, receipts are marked and never printed.

use std::path::Path;

use super::register::Opens;
use super::train::{Register, TrainArgs};

pub fn run(db: &Path, register: Register, args: &TrainArgs) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {}: practice needs the shop's catalog (`xsell demo` makes one)",
            db.display()
        );
    }
    let practice = if args.exam {
        super::train_list::exam(db)?
    } else {
        super::train_list::practice(db, args.scenario.as_deref(), args.seed)?
    };
    super::register::run_with(
        db,
        &register.till,
        register.receipts,
        None,
        register.prompts,
        Opens::Training,
        Some(practice),
    )
}
