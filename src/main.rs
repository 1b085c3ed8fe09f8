//! hubtui's entry point: parse the command line and run the chosen command.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use hubtui::cli::{Cli, Command};

mod serve;
mod tui;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    if let (Some(Command::Search(args)), Some(("search", m))) = (&mut cli.command, matches.subcommand()) {
        args.groups = filter_groups(m);
    }
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

/// Splits `--filter` values into groups at each `--or`, by their positions on the line.
fn filter_groups(m: &clap::ArgMatches) -> Vec<Vec<String>> {
    let filters: Vec<(usize, String)> = match (m.indices_of("filter"), m.get_many::<String>("filter")) {
        (Some(i), Some(v)) => i.zip(v.cloned()).collect(),
        _ => Vec::new(),
    };
    let ors: Vec<usize> = m.indices_of("or").map(Iterator::collect).unwrap_or_default();
    let mut groups = vec![Vec::new()];
    let mut ors = ors.into_iter().peekable();
    for (idx, f) in filters {
        while ors.peek().is_some_and(|o| *o < idx) {
            ors.next();
            if groups.last().is_some_and(|g: &Vec<String>| !g.is_empty()) {
                groups.push(Vec::new());
            }
        }
        if let Some(g) = groups.last_mut() {
            g.push(f);
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}
