//! Issue 12.2: the CLI's `--filter … --or …` sequences become exactly the filter groups meant,
//! whatever else stands between them (a property test over the real argument parser and the
//! request builder the `search` command sends).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hubtui::cli::{Cli, Command};
use hubtui::commands::parse_filter;
use proptest::prelude::*;

fn filter_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (2000u32..2030).prop_map(|y| format!("year EQ {y}")),
        (0u32..200_000).prop_map(|p| format!("price GT {p}")),
        Just("make IN bmw,audi".to_owned()),
        Just("owner HAS_PROPERTY".to_owned()),
        Just("dealership EQ Mountain Mazda".to_owned()),
        (1u32..9, 10u32..99).prop_map(|(a, b)| format!("price BETWEEN {a} {b}")),
    ]
}

/// Other options that may stand anywhere after the type.
fn noise() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        Just(vec![]),
        Just(vec!["--limit".to_owned(), "7".to_owned()]),
        Just(vec!["--sort".to_owned(), "-price".to_owned()]),
        Just(vec!["--properties".to_owned(), "make,model".to_owned()]),
        Just(vec!["--query".to_owned(), "ford".to_owned()]),
        Just(vec!["--token".to_owned(), "t".to_owned()]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn or_sequences_build_the_groups_meant(
        groups in prop::collection::vec(prop::collection::vec((filter_text(), noise()), 1..5), 1..6),
        leading in noise(),
    ) {
        let mut argv: Vec<String> = vec!["hubtui".into(), "search".into(), "cars".into()];
        // Each other option at most once (clap refuses a repeated one).
        let mut used: Vec<String> = Vec::new();
        let mut add_noise = |argv: &mut Vec<String>, n: &[String]| {
            if let Some(flag) = n.first().filter(|f| !used.contains(f)) {
                used.push(flag.clone());
                argv.extend(n.iter().cloned());
            }
        };
        add_noise(&mut argv, &leading);
        for (i, g) in groups.iter().enumerate() {
            if i > 0 {
                argv.push("--or".into());
            }
            for (f, n) in g {
                argv.push("--filter".into());
                argv.push(f.clone());
                add_noise(&mut argv, n);
            }
        }
        let cli = Cli::parse_args(&argv).unwrap();
        let Some(Command::Search(args)) = cli.command else { panic!("not a search") };
        let sent = hubtui::commands::search::request(&args).unwrap();
        let meant: Vec<Vec<_>> =
            groups.iter().map(|g| g.iter().map(|(f, _)| parse_filter(f).unwrap()).collect()).collect();
        let sent: Vec<Vec<_>> = sent.filter_groups.into_iter().map(|g| g.filters).collect();
        prop_assert_eq!(sent, meant, "argv: {:?}", argv);
    }
}
