//! `xsell sell --script FILE`: a till without a terminal. The script's actions go through
//! the register's own model and the store, exactly as keys typed at the till would; each
//! completed sale prints `RECEIPT_NO TOTAL`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use crate::recommend::engine::Engine;
use crate::runtime::script::{self, Replay};
use crate::runtime::{Outputs, RandomIds, TillSpec};
use crate::store::Store;
use crate::timing::PromptSettings;

#[derive(Debug, Args)]
pub struct SellArgs {
    /// The actions, one a line: login [CODE] PIN, customer ID, scan CODE [QTY], pay cash|card
    /// [AMOUNT], void, remove, hold, recall, discount VALUE [[CODE] MANAGER_PIN], logout, and for the
    /// offers panel wait SECONDS, accept 1|2|3, decline; `#` comments.
    #[arg(long, value_name = "FILE")]
    pub script: PathBuf,
}

pub fn run(
    db: &Path,
    till: &str,
    receipts: Option<PathBuf>,
    prompts: PromptSettings,
    args: SellArgs,
) -> anyhow::Result<()> {
    let shown = args.script.display().to_string();
    let text =
        std::fs::read_to_string(&args.script).with_context(|| format!("cannot read {shown}"))?;
    let steps = script::parse(&text).map_err(|e| anyhow::anyhow!("{shown}:{e}"))?;
    if !db.exists() {
        anyhow::bail!(
            "no store at {}: create one with `xsell demo` or the importers",
            db.display()
        );
    }
    let store = Store::open(db)?;
    let staff = store.load_staff()?;
    let settings = store.settings()?;
    // The recommender is built only for a script that answers offers; it brings the catalog.
    let engine = if steps.iter().any(|s| s.step.answers_offers()) {
        let started = std::time::Instant::now();
        let engine = Engine::build(store.engine_input_per_request(store.engine_params()?)?);
        tracing::info!(took = %super::log::took(started), "recommender built");
        Some(Arc::new(engine))
    } else {
        None
    };
    let catalog = match &engine {
        Some(engine) => engine.catalog().clone(),
        None => Arc::new(store.load_catalog()?),
    };
    let customers = store.load_customers()?;
    let bundles = store.load_bundles()?;
    let now = || chrono::Local::now().naive_local();
    let outputs = Outputs {
        receipts_dir: receipts.unwrap_or_else(|| crate::runtime::exec::receipts_dir_for(db)),
        escpos_device: None,
        card: Default::default(),
    };
    let mut spec = TillSpec::new(catalog, staff, settings, till, outputs);
    spec.customers = customers;
    spec.bundles = bundles;
    spec.prompts = prompts;
    spec.engine = engine;
    spec.pin_guards = store.pin_guards()?;
    // Real sales: order ids at random, never one an earlier run has used.
    // A trainee's login sells into a copy of the shop, as at the register.
    let mut till = spec.assemble(
        crate::runtime::sandbox::Sandboxed::new(store),
        Box::new(RandomIds),
        now(),
    );
    let mut replay = Replay::new(&mut till, now);
    let stdout = std::io::stdout();
    for s in &steps {
        let outcome = replay.step(&s.step, s.line);
        if let Some(sold) = &outcome.sold {
            // Flushed per sale: whoever reads the output learns of a sale as it is committed.
            let mut out = stdout.lock();
            writeln!(
                out,
                "{} {}",
                sold.receipt_no,
                sold.total.to_decimal_string()
            )?;
            out.flush()?;
        }
        if let Some(reason) = outcome.error {
            anyhow::bail!("{shown}:{}: {reason}", s.line);
        }
    }
    Ok(())
}
