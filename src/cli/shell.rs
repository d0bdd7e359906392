//! `xsell completions SHELL` and `xsell manpage`: generated from the same clap definitions
//! that parse the command line, so they can never disagree with it.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;

use super::Cli;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for (bash, zsh, fish; also elvish, powershell).
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManpageArgs {
    /// Write xsell.1 and a page per subcommand (xsell-import.1, …) into this folder instead
    /// of printing xsell.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut Cli::command(), "xsell", &mut out);
    out.flush()?;
    Ok(())
}

pub fn manpage(args: ManpageArgs) -> anyhow::Result<()> {
    let command = Cli::command();
    match args.dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)?;
            clap_mangen::generate_to(command, &dir)?;
            println!("manual pages written to {}", dir.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
