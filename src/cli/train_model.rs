//! `xsell train --model` (placeholder until the training core is merged).

use std::path::Path;

use super::train::TrainArgs;

pub fn run(_db: &Path, _args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("xsell train --model is not built yet")
}
