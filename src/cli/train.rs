//! `xsell train`: practice at the register. Without a flag it opens the register in training
//! mode (`train_open`); the other flags list scenarios, show the acceptance model, play a
//! script, practise on past orders, or show a trainee's progress, each in its own file.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::timing::PromptSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").args(["list", "model", "script", "progress"]).multiple(false)))]
pub struct TrainArgs {
    /// List the scenarios: id, level, the customer's first name and what they come for.
    #[arg(long)]
    pub list: bool,
    /// Print the acceptance model fitted on the shop's offer log, with its calibration.
    #[arg(long)]
    pub model: bool,
    /// Practise on customers made from the shop's own past orders.
    #[arg(long, conflicts_with_all = ["list", "model", "progress"])]
    pub from_history: bool,
    /// Play a session from a script of register actions, without a terminal, and print
    /// its score.
    #[arg(long, value_name = "FILE", requires = "scenario")]
    pub script: Option<PathBuf>,
    /// The scenario to play (an id from `--list`).
    #[arg(long, value_name = "ID", conflicts_with_all = ["list", "model", "progress"])]
    pub scenario: Option<String>,
    /// Replays a session exactly: the same seed gives the same customer.
    #[arg(long, value_name = "N", conflicts_with_all = ["list", "model", "progress"])]
    pub seed: Option<u64>,
    /// Sit the exam: the shop's exam customers (`[training]` in the shop file) in order,
    /// with one seed for everyone, passed at the pass mark (80 unless the shop says).
    #[arg(long, conflicts_with_all = ["list", "model", "progress", "script", "scenario", "seed", "from_history"])]
    pub exam: bool,
    /// Trainees' scores over time, per scenario and per skill.
    #[arg(long)]
    pub progress: bool,
    /// Only this staff member's progress (their staff code).
    #[arg(long, value_name = "CODE", requires = "progress")]
    pub staff: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// What the register's own flags give a training register.
pub struct Register {
    pub till: String,
    pub receipts: Option<PathBuf>,
    pub prompts: PromptSettings,
}

pub fn run(db: &Path, register: Register, args: TrainArgs) -> anyhow::Result<()> {
    if args.list {
        super::train_list::run(db, &args)
    } else if args.model {
        super::train_model::run(db, &args)
    } else if args.progress {
        super::train_progress::run(db, &args)
    } else if args.script.is_some() {
        super::train_script::run(db, &register, &args)
    } else if args.from_history {
        super::train_history::run(db, &register, &args)
    } else {
        super::train_open::run(db, register, &args)
    }
}
