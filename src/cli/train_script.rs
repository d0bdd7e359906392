//! `xsell train --script` (placeholder until the training core is merged).

use std::path::Path;

use super::train::{Register, TrainArgs};

pub fn run(_db: &Path, _register: &Register, _args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("xsell train --script is not built yet")
}
