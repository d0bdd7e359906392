//! `xsell import KIND FILE`: catalog, customers, orders, complements, bundles, staff,
//! order-context, suggestions.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;

use crate::import;
use crate::progress::{Progress, Reading, Unit};
use crate::store::Store;

use super::progress::Bars;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Products: sku,name,category,price[,barcode,brand,cost,stock,tax_class,family,tier,durable,age_restricted]
    Catalog { file: PathBuf },
    /// Customers: customer_id,name[,phone,email]
    Customers { file: PathBuf },
    /// Past sales: order_id,customer_id,sku,qty,unit_price,ts (one row per line)
    Orders { file: PathBuf },
    /// Curated pairings: from,to,reason,script[,weight,starts,ends,days,hours]
    Complements { file: PathBuf },
    /// Staff: staff_id,name,role,pin (PINs are stored hashed; delete the file afterwards).
    /// Needs a manager's PIN once the store has a manager.
    Staff {
        file: PathBuf,
        #[command(flatten)]
        manager: super::manager::ManagerArg,
    },
    /// Bundles: bundle_id,name,items (SKU or category:NAME, separated by |),price,discount
    Bundles { file: PathBuf },
    /// Per past order: order_id,staff_id,holdout[,feedback] (before `import suggestions`)
    OrderContext { file: PathBuf },
    /// Offers made on past orders: order_id,sku,kind,source,rule,trigger,score,shown_at,outcome[,answered_at,difference,saving,staff_id]
    Suggestions { file: PathBuf },
}

pub fn run(db: &Path, cmd: ImportCommand) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let at = super::now_local();
    let (file, kind) = match &cmd {
        ImportCommand::Catalog { file } => (file, "catalog"),
        ImportCommand::Customers { file } => (file, "customers"),
        ImportCommand::Orders { file } => (file, "orders"),
        ImportCommand::Complements { file } => (file, "complements"),
        ImportCommand::Bundles { file } => (file, "bundles"),
        ImportCommand::Staff { file, .. } => (file, "staff"),
        ImportCommand::OrderContext { file } => (file, "order-context"),
        ImportCommand::Suggestions { file } => (file, "suggestions"),
    };
    let shown = file.display().to_string();
    let opened = File::open(file).with_context(|| format!("cannot open {shown}"))?;
    // Measured in bytes read: the one amount known before the first row, for every kind.
    let size = opened.metadata().map(|m| m.len()).ok();
    let bars = Bars::stderr();
    let started = std::time::Instant::now();
    bars.begin(&format!("importing {kind}"), size, Unit::Bytes);
    let input = BufReader::with_capacity(1 << 16, Reading::new(opened, &bars));
    let line = match cmd {
        ImportCommand::Catalog { .. } => {
            let s = import::catalog::import(&mut store, input, &shown, &at)?;
            format!("{shown}: {} products added, {} updated", s.added, s.updated)
        }
        ImportCommand::Customers { .. } => {
            let s = import::customers::import(&mut store, input, &shown, &at)?;
            format!(
                "{shown}: {} customers added, {} updated",
                s.added, s.updated
            )
        }
        ImportCommand::Orders { .. } => {
            let mut rows = |n: u64| bars.note(&format!("· {n} rows read"));
            let s = import::history::import(&mut store, input, &shown, &at, &mut rows)?;
            format!(
                "{shown}: {} orders added, {} new customers",
                s.added, s.customers_created
            )
        }
        ImportCommand::Complements { .. } => {
            let s = import::complements::import(&mut store, input, &shown)?;
            format!("{shown}: {} pairings added, {} updated", s.added, s.updated)
        }
        ImportCommand::Staff { manager, .. } => {
            let by = super::manager::authorize(
                &mut store,
                &manager,
                &mut std::io::stdin().lock(),
                "Importing staff",
            )?;
            let s = import::staff::import(&mut store, input, &shown, &by)?;
            format!("{shown}: {} staff added or updated", s.added)
        }
        ImportCommand::Bundles { .. } => {
            let s = import::bundles::import(&mut store, input, &shown)?;
            format!("{shown}: {} bundles added, {} updated", s.added, s.updated)
        }
        ImportCommand::OrderContext { .. } => {
            let s = import::offer_log::import_context(&mut store, input, &shown)?;
            format!("{shown}: {} orders updated", s.updated)
        }
        ImportCommand::Suggestions { .. } => {
            let s = import::offer_log::import(&mut store, input, &shown)?;
            format!("{shown}: {} offers added", s.added)
        }
    };
    bars.end();
    tracing::info!(took = %super::log::took(started), "import {kind}: {line}");
    println!("{line}");
    Ok(())
}
