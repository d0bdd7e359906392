//! `xsell train --list` (placeholder until the training core is merged).

use std::path::Path;

use super::train::TrainArgs;

pub fn run(_db: &Path, _args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("xsell train --list is not built yet")
}
