//! `xsell backup FILE [--force]`: a consistent copy of the store, taken while it is in use.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::store::Store;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where the copy goes.
    pub file: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(db: &Path, args: BackupArgs) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let store = Store::open(db)?;
    let started = std::time::Instant::now();
    let pages = store.backup_to(&args.file, args.force, &super::progress::Bars::stderr())?;
    let bytes = std::fs::metadata(&args.file).map(|m| m.len()).unwrap_or(0);
    tracing::info!(pages, bytes, to = %args.file.display(), took = %super::log::took(started), "backup written");
    println!(
        "{} copied to {} ({pages} pages, {bytes} bytes)",
        db.display(),
        args.file.display()
    );
    Ok(())
}
