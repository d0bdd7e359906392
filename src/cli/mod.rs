//! Command-line entry: parse flags, dispatch, map errors to exit codes.

pub mod eval;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xsell", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Measure the recommendation engine against baselines on an orders file.
    Eval(eval::EvalArgs),
}

pub fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Some(Command::Eval(args)) => eval::run(args),
        None => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
