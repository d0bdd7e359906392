//! `xsell hq push|pull|publish|mine|report|status`: the store and headquarters (PostgreSQL).

use std::io::Write;
use std::path::Path;

use clap::{Args, Subcommand, ValueEnum};

use crate::domain::money::Money;
use crate::domain::safe_text::terminal;
use crate::hq;
use crate::store::Store;
use crate::store::journal::HQ_MARK;

#[derive(Debug, Args)]
pub struct UrlArg {
    /// Headquarters' PostgreSQL URL (postgres://user:password@host/db; default: $XSELL_HQ_URL).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

impl UrlArg {
    /// The flag's URL, else the environment's (kept out of the shell's history and `ps`).
    fn given(&self) -> Option<String> {
        self.url
            .clone()
            .or_else(|| std::env::var("XSELL_HQ_URL").ok().filter(|u| !u.is_empty()))
    }

    fn required(&self) -> anyhow::Result<String> {
        self.given().ok_or_else(|| {
            anyhow::anyhow!(
                "headquarters' URL is needed: pass --url postgres://… or set XSELL_HQ_URL"
            )
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum HqCommand {
    /// Send the journal entries headquarters has not confirmed yet, in batches.
    Push {
        #[command(flatten)]
        url: UrlArg,
        /// Entries per batch (each one transaction at headquarters).
        #[arg(long, default_value_t = hq::push::DEFAULT_BATCH as u32, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        batch: u32,
    },
    /// Bring the chain's catalog, prices, pairings, bundles and mined rules into this store.
    Pull {
        #[command(flatten)]
        url: UrlArg,
    },
    /// Make this store's catalog, pairings and bundles the chain's (the head office's store).
    Publish {
        #[command(flatten)]
        url: UrlArg,
    },
    /// Mine every store's sales at headquarters and publish the rules for stores to pull.
    Mine {
        #[command(flatten)]
        url: UrlArg,
    },
    /// Cross-selling figures per store and for the chain, from what headquarters received.
    Report {
        #[command(flatten)]
        url: UrlArg,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// What this store has not sent yet, and (with a URL) what headquarters holds per store.
    Status {
        #[command(flatten)]
        url: UrlArg,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

pub fn run(db: &Path, cmd: HqCommand) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let mut store = Store::open(db)?;
    let now = super::now_local();
    match cmd {
        HqCommand::Push { url, batch } => {
            let url = url.required()?;
            let mut client = hq::connect(&url)?;
            let done = hq::push::push(&mut store, &mut client, &url, batch as usize, &now)?;
            let waiting = store.journal_waiting(HQ_MARK)?;
            println!(
                "Pushed {} new entr{} in {} batch{} ({} already at headquarters); {} waiting",
                done.sent,
                if done.sent == 1 { "y" } else { "ies" },
                done.batches,
                if done.batches == 1 { "" } else { "es" },
                done.already,
                waiting.entries
            );
        }
        HqCommand::Pull { url } => {
            let mut client = hq::connect(&url.required()?)?;
            let p = hq::catalog::pull(&mut store, &mut client)?;
            println!(
                "Pulled {} products ({} new), {} pairings, {} bundles, {} mined rules",
                p.products, p.products_new, p.pairings, p.bundles, p.rules
            );
        }
        HqCommand::Publish { url } => {
            let mut client = hq::connect(&url.required()?)?;
            let p = hq::catalog::publish(&store, &mut client)?;
            println!(
                "Published as the chain's: {} products, {} pairings, {} bundles",
                p.products, p.pairings, p.bundles
            );
        }
        HqCommand::Mine { url } => {
            let mut client = hq::connect(&url.required()?)?;
            let m = hq::mine::mine(
                &mut client,
                crate::store::mining::MineOptions::default(),
                &now,
            )?;
            println!(
                "Mined {} sales of the chain (min count {}): {} itemsets, {} rules published in {} ms",
                m.orders, m.min_count, m.itemsets, m.rules, m.millis
            );
        }
        HqCommand::Report { url, format } => {
            let mut client = hq::connect(&url.required()?)?;
            let (stores, chain) = hq::report::figures(&mut client)?;
            report(&stores, &chain, format)?;
        }
        HqCommand::Status { url, format } => status(&store, url.given().as_deref(), format)?,
    }
    Ok(())
}

fn report(
    stores: &[hq::report::StoreFigures],
    chain: &hq::report::StoreFigures,
    format: Format,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let v = serde_json::json!({ "stores": stores, "chain": chain });
            writeln!(out, "{v}")?;
        }
        Format::Table => {
            writeln!(
                out,
                "{:<10} {:>7} {:>13} {:>7} {:>11} {:>7} {:>12} {:>7} {:>8} {:>6}",
                "store",
                "sales",
                "revenue",
                "refunds",
                "refunded",
                "attach",
                "from offers",
                "shown",
                "accepted",
                "conv"
            )?;
            for f in stores.iter().chain(std::iter::once(chain)) {
                writeln!(
                    out,
                    "{:<10} {:>7} {:>13} {:>7} {:>11} {:>6.1}% {:>12} {:>7} {:>8} {:>5.1}%",
                    terminal(&f.code),
                    f.sales,
                    Money::from_minor(f.revenue_minor).to_string(),
                    f.refunds,
                    Money::from_minor(f.refunded_minor).to_string(),
                    f.attach_percent(),
                    Money::from_minor(f.offer_revenue_minor).to_string(),
                    f.offers_shown,
                    f.offers_accepted,
                    f.conversion_percent()
                )?;
            }
        }
    }
    Ok(())
}

/// Hours since the oldest sale not yet at headquarters, on the shop's clock.
fn age_hours(oldest: Option<&str>) -> Option<f64> {
    let at = crate::store::parse_ts(oldest?);
    let now = chrono::Local::now().naive_local();
    Some(((now - at).num_minutes().max(0)) as f64 / 60.0)
}

fn status(store: &Store, url: Option<&str>, format: Format) -> anyhow::Result<()> {
    let me = store.identity()?;
    let waiting = store.journal_waiting(HQ_MARK)?;
    let pushed = store.journal_mark_note(HQ_MARK)?;
    let age = age_hours(waiting.oldest_sale.as_deref());
    let at_hq = match url {
        Some(url) => Some(hq::report::arrived(&mut hq::connect(url)?)?),
        None => None,
    };
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let v = serde_json::json!({
                "store": { "id": me.id, "code": me.code },
                "waiting": { "entries": waiting.entries, "sales": waiting.sales,
                             "oldest_sale": waiting.oldest_sale, "oldest_sale_age_hours": age },
                "last_push": pushed.as_ref().map(|p| &p.0),
                "headquarters": pushed.as_ref().and_then(|p| p.1.clone()),
                "stores": at_hq,
            });
            writeln!(out, "{v}")?;
        }
        Format::Table => {
            writeln!(
                out,
                "This store: {} ({})",
                me.code.as_deref().unwrap_or("no code"),
                me.id
            )?;
            match &pushed {
                Some((at, to)) => writeln!(
                    out,
                    "Last push: {at} to {}",
                    terminal(to.as_deref().unwrap_or("?"))
                )?,
                None => writeln!(out, "Last push: never")?,
            }
            write!(
                out,
                "Waiting: {} entries, {} sales",
                waiting.entries, waiting.sales
            )?;
            match (&waiting.oldest_sale, age) {
                (Some(at), Some(h)) => writeln!(out, "; the oldest sale from {at} ({h:.1} h ago)")?,
                _ => writeln!(out)?,
            }
            if let Some(rows) = at_hq {
                writeln!(
                    out,
                    "{:<10} {:<36} {:>9} {:>8}  last push",
                    "store", "id", "entries", "sales"
                )?;
                for r in rows {
                    writeln!(
                        out,
                        "{:<10} {:<36} {:>9} {:>8}  {}",
                        terminal(&r.code),
                        r.id,
                        r.entries,
                        r.sales,
                        r.last_push.as_deref().unwrap_or("never")
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Replacing or resetting a store that has sent to headquarters and still holds sales
/// that have not reached it: refused, unless a manager approves losing them.
pub fn refuse_unsent(
    db: &Path,
    discard: bool,
    manager: &super::manager::ManagerArg,
    what: &str,
) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    if store.journal_mark_note(HQ_MARK)?.is_none() {
        return Ok(());
    }
    let w = store.journal_waiting(HQ_MARK)?;
    if w.sales == 0 {
        return Ok(());
    }
    if !discard {
        anyhow::bail!(
            "{} sale{} (the oldest from {}) have not reached headquarters: push first (xsell hq push), \
             or pass --discard-unsent with a manager's approval to {what} anyway",
            w.sales,
            if w.sales == 1 { "" } else { "s" },
            w.oldest_sale.as_deref().unwrap_or("?")
        );
    }
    let by = super::manager::authorize(
        &mut store,
        manager,
        &mut std::io::stdin().lock(),
        "Discarding unsent sales",
    )?;
    // The store's own audit trail goes with the store: the support log beside it keeps
    // who approved the loss.
    tracing::warn!(
        sales = w.sales,
        oldest = w.oldest_sale.as_deref().unwrap_or(""),
        approved_by = %super::manager::who(&store, &by)?,
        "sales not at headquarters discarded to {what} the store"
    );
    Ok(())
}
