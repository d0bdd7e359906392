//! `xsell train --progress`: trainees' scores over time, per scenario and per skill.

use std::path::Path;

use super::train::TrainArgs;

pub fn run(_db: &Path, _args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("xsell train --progress is not built yet")
}
