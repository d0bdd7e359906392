//! (in progress)
//! Command-line entry: parse flags, dispatch, map errors to exit codes.

pub mod demo_gen;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xsell")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// The demo shop.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Write the demo shop's CSV files.
    Generate(demo_gen::GenerateArgs),
}

pub fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Some(Command::Demo {
            command: DemoCommand::Generate(args),
        }) => demo_gen::run(args),
        None => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xsell: {e:#}");
            ExitCode::FAILURE
        }
    }
}
