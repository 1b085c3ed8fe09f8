//! hubtui's entry point: parse the command line and run the chosen command.

use std::process::ExitCode;

use clap::CommandFactory;
use hubtui::cli::{Cli, Command};

mod serve;
mod tui;

fn main() -> ExitCode {
    let cli = match Cli::parse_args(std::env::args_os()) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    match cli.command {
        Some(Command::Serve(args)) => serve::run(&args),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "hubtui", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(other) => hubtui::commands::run(other),
        None => tui::run(&cli.conn),
    }
}
