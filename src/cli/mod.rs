//! Command-line entry: parse flags, dispatch, map errors to exit codes.

use std::process::ExitCode;

pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
