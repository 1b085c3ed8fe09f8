//! Safe CLI writes: every write states its plan on `--dry-run` (counts per action, the first
//! rows, the calls and rate budget, and a short digest of the plan), and a large write to a
//! HubSpot portal — more than the profile's `confirm_above` records, not the local CRM, not a
//! loopback base URL — asks on a terminal and, without one, needs `--yes` or `--confirm
//! DIGEST` matching a dry run of the same plan. A wrong `--confirm` always refuses.

use std::io::{BufRead, IsTerminal, Write};

use super::CliError;
use crate::api::pacing::RateTier;
use crate::cli::WriteFlags;

/// Records a write may touch on a HubSpot portal before it asks, unless a profile says.
pub const CONFIRM_ABOVE: usize = 100;

/// What a CLI write would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `import into 2-3465404 by vin`.
    pub what: String,
    /// `(action, records)`: `("create", 3)`, `("update", 240)`.
    pub counts: Vec<(String, usize)>,
    /// Records written in all.
    pub records: usize,
    /// API calls the write makes (reads for the write log included).
    pub calls: usize,
    /// The first rows that write something, one line each.
    pub first: Vec<String>,
    /// How many rows write something (`first` shows the start of them).
    pub writing: usize,
    /// The rest of what to know (rows skipped, records held back).
    pub notes: Vec<String>,
    pub digest: String,
}

/// A short digest of a plan's canonical text: FNV-1a (64 bit) as 12 hex digits. Stable
/// across runs and machines — it names a plan, it does not protect one.
#[must_use]
pub fn digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let h = crate::fnv::fnv1a(parts.into_iter().flat_map(|p| p.bytes().chain([0x1f])));
    format!("{:012x}", h >> 16)
}

/// Whether a base URL is this machine: `localhost` or a loopback address.
#[must_use]
pub fn is_loopback(base_url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(base_url) else { return false };
    let Some(host) = url.host_str() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost") || host.to_ascii_lowercase().ends_with(".localhost"),
    }
}

/// The rate budget of `calls` at `tier`, in words.
#[must_use]
pub fn budget(calls: usize, tier: RateTier, local: bool) -> String {
    match tier.burst() {
        None if local => format!("{calls} call(s), unpaced (a local CRM)"),
        None => format!("{calls} call(s), unpaced (no rate tier: set the profile's rate_tier)"),
        Some(burst) if calls <= burst as usize => format!("{calls} call(s), within one burst of {burst} per 10 s"),
        Some(burst) => {
            let secs = calls.div_ceil(burst as usize) * 10;
            format!("{calls} call(s), about {secs} s at {burst} per 10 s")
        }
    }
}

impl Plan {
    /// Prints the plan on stderr and its digest alone on stdout (for scripts:
    /// `d=$(hubtui import … --dry-run)`), with the command that writes it.
    pub fn print(&self, tier: RateTier, to: Destination, label: &str) {
        let command = rerun(std::env::args().skip(1), &self.digest);
        let counts: Vec<String> = self.counts.iter().map(|(a, n)| format!("{n} {a}")).collect();
        eprintln!("dry run against {label}: {} — {} record(s): {}", self.what, self.records, counts.join(", "));
        eprintln!("  calls: {}", budget(self.calls, tier, to.local));
        for line in &self.first {
            eprintln!("  {line}");
        }
        if self.writing > self.first.len() && !self.first.is_empty() {
            eprintln!("  … and {} more", self.writing - self.first.len());
        }
        for n in &self.notes {
            eprintln!("  {n}");
        }
        if self.records == 0 {
            eprintln!("nothing to write; plan digest {}", self.digest);
        } else {
            eprintln!("nothing written; plan digest {} — to write exactly this plan:", self.digest);
            eprintln!("  {command}");
        }
        println!("{}", self.digest);
    }
}

/// The command line that ran, without `--dry-run`, shell-quoted, and without `--token`
/// (never printed: the line says where the token must come from instead).
fn rerun(args: impl Iterator<Item = String>, digest: &str) -> String {
    let mut out = vec!["hubtui".to_owned()];
    let (mut secret, mut had_token) = (false, false);
    for a in args {
        if std::mem::take(&mut secret) {
            continue;
        }
        if a == "--dry-run" {
            continue;
        }
        if a == "--token" || a.starts_with("--token=") {
            secret = a == "--token";
            had_token = true;
            continue;
        }
        let plain = !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c));
        out.push(if plain { a } else { format!("'{}'", a.replace('\'', "'\\''")) });
    }
    out.extend(["--confirm".to_owned(), digest.to_owned()]);
    let line = out.join(" ");
    if had_token { format!("{line}   (with the token again: --token or HUBSPOT_ACCESS_TOKEN)") } else { line }
}

/// Where a write goes, for the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Destination {
    /// The local CRM (embedded) or a loopback base URL.
    pub local: bool,
    pub confirm_above: usize,
}

/// What the gate decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Go,
    /// Ask on the terminal.
    Ask,
    Refuse(String),
}

/// The gate (pure): a wrong digest refuses; a matching one, a local destination, a write at
/// or under the threshold or `--yes` go; a terminal asks; anything else refuses.
#[must_use]
pub fn decide(plan: &Plan, to: Destination, flags: &WriteFlags, terminal: bool) -> Verdict {
    if let Some(given) = &flags.confirm {
        return if given.trim().eq_ignore_ascii_case(&plan.digest) {
            Verdict::Go
        } else {
            Verdict::Refuse(format!(
                "--confirm {given} does not match this plan's digest: the plan changed since that dry run (or it \
                 was another plan); run --dry-run again to see it"
            ))
        };
    }
    if to.local || plan.records <= to.confirm_above || flags.yes {
        return Verdict::Go;
    }
    if terminal {
        return Verdict::Ask;
    }
    Verdict::Refuse(format!(
        "this writes {} record(s) to a HubSpot portal, more than confirm_above ({}), and there is no terminal to \
         ask on: run it with --dry-run, then again with --confirm DIGEST (or --yes)",
        plan.records, to.confirm_above
    ))
}

/// Runs the gate: `Ok` to write, a usage error to refuse. Asking reads a line from the
/// terminal; only `yes` (or `y`) goes on.
///
/// # Errors
/// The refusal, in words.
pub fn check(plan: &Plan, to: Destination, flags: &WriteFlags, destination: &str) -> Result<(), CliError> {
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    match decide(plan, to, flags, terminal) {
        Verdict::Go => Ok(()),
        Verdict::Refuse(why) => Err(CliError::Usage(why)),
        Verdict::Ask => {
            let counts: Vec<String> = plan.counts.iter().map(|(a, n)| format!("{n} {a}")).collect();
            eprint!(
                "{} — {} record(s) ({}) to {destination}. Write them? [y/N] ",
                plan.what,
                plan.records,
                counts.join(", ")
            );
            let _ = std::io::stderr().flush();
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).map_err(|e| CliError::Local(e.to_string()))?;
            if matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
                Ok(())
            } else {
                Err(CliError::Usage("not confirmed; nothing written".into()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(records: usize) -> Plan {
        Plan {
            what: "import".into(),
            counts: vec![("upsert".into(), records)],
            records,
            calls: 2,
            first: Vec::new(),
            writing: records,
            notes: Vec::new(),
            digest: digest(["import", &records.to_string()]),
        }
    }

    fn flags(yes: bool, confirm: Option<&str>) -> WriteFlags {
        WriteFlags { dry_run: false, yes, confirm: confirm.map(str::to_owned) }
    }

    const REMOTE: Destination = Destination { local: false, confirm_above: 100 };

    #[test]
    fn digests_are_stable_short_and_change_with_the_plan() {
        let a = digest(["import", "cars", "VIN1", "price=1"]);
        assert_eq!(a, digest(["import", "cars", "VIN1", "price=1"]));
        assert_eq!(a.len(), 12);
        assert_ne!(a, digest(["import", "cars", "VIN1", "price=2"]));
        // Parts are separated: moving a boundary is another plan.
        assert_ne!(digest(["ab", "c"]), digest(["a", "bc"]));
    }

    #[test]
    fn loopback_urls_are_local_and_others_are_not() {
        for u in ["http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:80/x", "http://127.9.9.9"] {
            assert!(is_loopback(u), "{u}");
        }
        for u in ["https://api.hubapi.com", "http://192.168.1.4:8080", "http://10.0.0.1", "not a url"] {
            assert!(!is_loopback(u), "{u}");
        }
    }

    #[test]
    fn large_remote_writes_need_a_terminal_yes_or_the_digest() {
        let p = plan(250);
        assert!(matches!(decide(&p, REMOTE, &flags(false, None), false), Verdict::Refuse(_)));
        assert_eq!(decide(&p, REMOTE, &flags(false, None), true), Verdict::Ask);
        assert_eq!(decide(&p, REMOTE, &flags(true, None), false), Verdict::Go);
        assert_eq!(decide(&p, REMOTE, &flags(false, Some(&p.digest)), false), Verdict::Go);
        assert_eq!(decide(&p, REMOTE, &flags(false, Some(&p.digest.to_uppercase())), false), Verdict::Go);
        let Verdict::Refuse(why) = decide(&p, REMOTE, &flags(true, Some("0badc0ffee00")), false) else { panic!() };
        assert!(why.contains("does not match"), "{why}");
    }

    #[test]
    fn small_or_local_writes_go_but_a_wrong_digest_never_does() {
        assert_eq!(decide(&plan(100), REMOTE, &flags(false, None), false), Verdict::Go);
        let local = Destination { local: true, confirm_above: 100 };
        assert_eq!(decide(&plan(5000), local, &flags(false, None), false), Verdict::Go);
        assert!(matches!(decide(&plan(1), local, &flags(false, Some("nope")), false), Verdict::Refuse(_)));
        let strict = Destination { local: false, confirm_above: 0 };
        assert!(matches!(decide(&plan(1), strict, &flags(false, None), false), Verdict::Refuse(_)));
    }

    #[test]
    fn the_command_to_rerun_drops_dry_run_quotes_and_never_shows_a_token() {
        let args = [
            "import",
            "cars",
            "my cars.csv",
            "--token",
            "pat-secret",
            "--dry-run",
            "--token=pat-2",
            "--id-property",
            "VIN",
        ];
        let line = rerun(args.iter().map(|s| (*s).to_owned()), "d1");
        assert_eq!(
            line,
            "hubtui import cars 'my cars.csv' --id-property VIN --confirm d1   (with the token again: --token or HUBSPOT_ACCESS_TOKEN)"
        );
        assert_eq!(rerun(["undo", "abc"].iter().map(|s| (*s).to_owned()), "d2"), "hubtui undo abc --confirm d2");
    }

    #[test]
    fn budgets_say_how_long_at_the_tier() {
        assert!(budget(3, RateTier::Unlimited, true).contains("unpaced (a local CRM)"));
        assert!(budget(3, RateTier::Unlimited, false).contains("no rate tier"));
        assert!(budget(80, RateTier::Free, false).contains("within one burst"));
        assert!(budget(250, RateTier::Free, false).contains("about 30 s"), "{}", budget(250, RateTier::Free, false));
    }
}
