//! Command-line entry: parse flags, dispatch, map errors to exit codes.

pub mod mine;

use std::process::ExitCode;

use clap::Parser;

#[derive(clap::Parser)]
#[command(name = "xsell")]
enum Command {
    /// Mine frequent itemsets and association rules from an order history.
    Mine(mine::MineArgs),
}

pub fn main() -> ExitCode {
    let result = match Command::parse() {
        Command::Mine(args) => mine::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xsell: {e:#}");
            ExitCode::FAILURE
        }
    }
}
