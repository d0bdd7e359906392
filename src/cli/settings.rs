//! `xsell settings [FILE]`: the shop's name, address, tax number and the till float, as the
//! receipts and the close of day use them. Without FILE it prints them as a shop file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use crate::domain::audit::AuditEntry;
use crate::domain::settings::{ShopFile, shop_file_text};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// A TOML file naming any of shop_name, address (a list of lines), tax_number and
    /// cash_float ("200.00"); what it does not name stays as it is.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Changing the settings needs a manager (showing them does not).
    #[command(flatten)]
    manager: crate::cli::manager::ManagerArg,
}

pub fn run(db: &Path, args: SettingsArgs) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let mut store = Store::open(db)?;
    let before = store.settings()?;
    let Some(path) = args.file else {
        let mut out = std::io::stdout().lock();
        out.write_all(shop_file_text(&before).as_bytes())?;
        return Ok(());
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {shown}"))?;
    let after = ShopFile::parse(&text, &shown)
        .map_err(anyhow::Error::msg)?
        .apply(before.clone());
    if after == before {
        println!("nothing changed");
        return Ok(());
    }
    let approval = crate::cli::manager::authorize(
        &mut store,
        &args.manager,
        &mut std::io::stdin().lock(),
        "Changing the shop's settings",
    )?;
    let by = crate::cli::manager::who(&store, &approval)?;
    store.save_settings(&after)?;
    store.audit(&AuditEntry {
        till: None,
        ..AuditEntry::new(
            chrono::Local::now().naive_local(),
            "",
            approval.manager,
            "shop settings",
            format!("by {}: {}", by, shop_file_text(&after).replace('\n', "; ")),
        )
    })?;
    print!("{}", shop_file_text(&after));
    Ok(())
}
