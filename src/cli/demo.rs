//! `xsell demo [--reset [--yes]]`: create the demo shop without opening the register.

use std::io::{BufRead, Write};
use std::path::Path;

use clap::{Args, Subcommand};

use crate::demo;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DemoArgs {
    #[command(subcommand)]
    pub command: Option<DemoCommand>,
    /// Replace an existing store with a fresh demo shop (asks first).
    #[arg(long)]
    pub reset: bool,
    /// Do not ask before replacing.
    #[arg(long, requires = "reset")]
    pub yes: bool,
    /// Replace it even though some sales have not reached headquarters (a manager approves).
    #[arg(long, requires = "reset")]
    pub discard_unsent: bool,
    #[command(flatten)]
    pub manager: super::manager::ManagerArg,
    /// The shop's store code (1 to 8 letters or digits), carried by its receipt numbers.
    #[arg(long, value_name = "CODE", value_parser = crate::store::journal::valid_code)]
    pub store_code: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Write the demo shop's CSV files (the committed assets, or a scaled shop for benchmarks).
    Generate(super::demo_gen::GenerateArgs),
}

pub fn run(db: &Path, args: DemoArgs) -> anyhow::Result<()> {
    if let Some(DemoCommand::Generate(g)) = args.command {
        return super::demo_gen::run(g);
    }
    if db.exists() {
        if !args.reset {
            anyhow::bail!(
                "a store already exists at {}; use --reset to replace it with the demo shop",
                db.display()
            );
        }
        if !args.yes
            && !confirm(&format!(
                "Replace {} and everything in it with the demo shop? [y/N] ",
                db.display()
            ))?
        {
            anyhow::bail!("nothing was changed");
        }
        super::hq::refuse_unsent(db, args.discard_unsent, &args.manager, "replace")?;
        demo::remove_store_files(db);
    }
    let started = std::time::Instant::now();
    let counts = demo::create_with(db, &super::now_local(), &super::progress::Bars::stderr())?;
    if let Some(code) = &args.store_code {
        crate::store::Store::open(db)?.set_store_code(code)?;
    }
    tracing::info!(took = %super::log::took(started), "demo shop created");
    println!("{}", created_line(db, counts));
    Ok(())
}

/// The one line that says the demo shop was created, and where.
pub fn created_line(db: &Path, c: demo::DemoCounts) -> String {
    // The path comes last: on a narrow status bar it is what gets cut.
    format!(
        "Demo shop created: {} products, {} customers, {} past orders; staff PINs in the README; store {}",
        c.products,
        c.customers,
        c.orders,
        db.display()
    )
}

fn confirm(question: &str) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
