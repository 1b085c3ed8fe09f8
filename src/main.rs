//! hubtui's entry point: parse the command line and run the chosen command.

use std::process::ExitCode;

use clap::Parser;
use hubtui::cli::{Cli, Command};

mod serve;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Serve(args)) => serve::run(&args),
        None => {
            eprintln!(
                "hubtui: the terminal interface is not built yet in this version.\n\
                 Run `hubtui serve` to start the local HubSpot-compatible CRM, or `hubtui --help`."
            );
            ExitCode::from(2)
        }
    }
}
