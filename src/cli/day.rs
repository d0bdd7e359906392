//! `xsell day`: the close of day. Without `--close` it prints the X report (changes
//! nothing); `--close --counted AMOUNT` records the numbered Z report once per till and
//! day; `--payout AMOUNT --reason TEXT` records cash taken out of the drawer.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;

use crate::cli::manager::{self, ManagerArg};
use crate::domain::money::Money;
use crate::report::day_text;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct DayArgs {
    /// The till (default: the one given before the command, else Till 1). Any till the
    /// store knows may be read, even one named before names were checked.
    #[arg(long, value_name = "NAME", value_parser = crate::cli::names::parse_name)]
    pub till: Option<String>,
    /// The day (YYYY-MM-DD, the shop's calendar; default today).
    #[arg(long, value_name = "DATE")]
    date: Option<NaiveDate>,
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
    format: String,
    /// Close the day: record the Z report with the cash counted (once per till and day).
    #[arg(long, requires = "counted", conflicts_with = "payout")]
    close: bool,
    /// The cash counted in the drawer at the close, e.g. 712.27.
    #[arg(long, value_name = "AMOUNT", requires = "close")]
    counted: Option<String>,
    /// Record cash taken out of the drawer (it lowers the cash expected).
    #[arg(long, value_name = "AMOUNT", requires = "reason")]
    payout: Option<String>,
    /// What the payout was for.
    #[arg(long, value_name = "TEXT", requires = "payout")]
    reason: Option<String>,
    /// A close or a payout needs a manager (the X report alone does not).
    #[command(flatten)]
    manager: ManagerArg,
}

fn money(flag: &str, text: &str) -> anyhow::Result<Money> {
    Money::parse(text).map_err(|e| anyhow::anyhow!("{flag} {text:?}: {e}"))
}

pub fn run(db: &Path, till: &str, args: DayArgs) -> anyhow::Result<()> {
    anyhow::ensure!(db.exists(), "no store at {}", db.display());
    let now = chrono::Local::now().naive_local();
    let day = args.date.unwrap_or(now.date());
    anyhow::ensure!(
        day <= now.date(),
        "{day} has not come yet: a day is reported and closed once it has started"
    );
    let mut store = Store::open(db)?;
    if let Some(amount) = &args.payout {
        anyhow::ensure!(
            args.date.is_none_or(|d| d == now.date()),
            "a payout is recorded now: leave out --date"
        );
        let amount = money("--payout", amount)?;
        let reason = args.reason.as_deref().unwrap_or_default();
        let approval = manager::authorize(
            &mut store,
            &args.manager,
            &mut std::io::stdin().lock(),
            "A payout",
        )?;
        let by = manager::who(&store, &approval)?;
        store.record_payout(till, amount, reason, approval.manager, &by, now)?;
        println!("payout of {amount} from {till} recorded");
        return Ok(());
    }
    let report = if args.close {
        let counted = money("--counted", args.counted.as_deref().unwrap_or_default())?;
        let at = if day == now.date() {
            now
        } else {
            // A day closed late is closed as of its last second, so that it reads in order.
            day.and_hms_opt(23, 59, 59).expect("a valid time")
        };
        let approval = manager::authorize(
            &mut store,
            &args.manager,
            &mut std::io::stdin().lock(),
            "Closing the day",
        )?;
        let by = manager::who(&store, &approval)?;
        store
            .close_day(till, day, counted, approval.manager, &by, at)?
            .report
    } else {
        store.day_report(till, day)?
    };
    let text = match args.format.as_str() {
        "json" => serde_json::to_string_pretty(&report)? + "\n",
        "csv" => day_text::csv(&report)?,
        _ => day_text::table(&report),
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .context("writing the report")?;
    Ok(())
}
