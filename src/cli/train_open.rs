//! `xsell train` with no flag: the register, every sign-in in training mode.

use std::path::Path;

use super::train::{Register, TrainArgs};

pub fn run(_db: &Path, _register: Register, _args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("the training register is not built yet")
}
