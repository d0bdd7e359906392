//! `xsell tax-class CLASS PERCENT`: gives a tax class its rate, so that catalog rows may name
//! it. A catalog import refuses a class the shop has no rate for (it would be taxed at the
//! default rate without a word). Changing what customers pay needs a manager.

use std::path::Path;

use clap::Args;

use crate::cli::manager::{self, ManagerArg};
use crate::domain::audit::AuditEntry;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct TaxClassArgs {
    /// The class as catalog rows name it in their tax_class column (e.g. food).
    #[arg(value_parser = parse_class)]
    pub class: String,
    /// Its rate in percent, up to two decimals (e.g. 8 or 5.5).
    #[arg(value_parser = parse_percent)]
    pub percent: i64,
    #[command(flatten)]
    pub manager: ManagerArg,
}

fn parse_class(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 32 || !s.chars().all(|c| c.is_alphanumeric() || "-_".contains(c)) {
        return Err("a tax class is 1 to 32 letters, digits, - or _".into());
    }
    Ok(s.to_string())
}

/// `8` → 800 basis points, `5.5` → 550.
fn parse_percent(s: &str) -> Result<i64, String> {
    let m = crate::domain::money::Money::parse(s).map_err(|e| e.to_string())?;
    if !(0..=10_000).contains(&m.minor()) {
        return Err(format!("'{s}' is not a rate from 0 to 100 percent"));
    }
    Ok(m.minor())
}

pub fn run(db: &Path, args: TaxClassArgs) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let by = manager::authorize(
        &mut store,
        &args.manager,
        &mut std::io::stdin().lock(),
        "Setting a tax rate",
    )?;
    let mut settings = store.settings()?;
    let before = settings
        .tax
        .by_class
        .insert(args.class.clone(), args.percent);
    store.save_settings(&settings)?;
    let rate = format!("{}.{:02}%", args.percent / 100, args.percent % 100);
    let detail = match before {
        Some(old) => format!("{}: {}.{:02}% -> {rate}", args.class, old / 100, old % 100),
        None => format!("{}: {rate}", args.class),
    };
    let entry: AuditEntry = by.entry("tax rate set", detail);
    store.audit(&entry)?;
    println!("Tax class {} is taxed at {rate}", args.class);
    Ok(())
}
