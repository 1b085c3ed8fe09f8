//! Progress of a sync on stderr: per type, what it is doing, how many records so far, the
//! rate and (during the initial pull, when the total is known) the time left. On a terminal
//! one line is rewritten in place; otherwise a line is printed every few seconds.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use super::Report;

/// The progress printer (silent when `quiet`).
pub struct Progress {
    quiet: bool,
    tty: bool,
    started: Instant,
    last_print: Option<Instant>,
    count: u64,
    name: String,
    phase: String,
    /// Records read by every phase of the type.
    read: u64,
}

impl Progress {
    #[must_use]
    pub fn new(quiet: bool) -> Self {
        Self {
            quiet,
            tty: std::io::stderr().is_terminal(),
            started: Instant::now(),
            last_print: None,
            count: 0,
            name: String::new(),
            phase: String::new(),
            read: 0,
        }
    }

    /// A type's sync begins.
    pub fn start(&mut self, name: &str) {
        self.name = name.to_owned();
        self.count = 0;
        self.read = 0;
        self.phase.clear();
        self.started = Instant::now();
        self.last_print = None;
    }

    /// `n` more records (or associations' records) done in `phase`.
    pub fn advance(&mut self, name: &str, phase: &str, n: usize, total: Option<u64>) {
        if self.phase != phase {
            self.phase = phase.to_owned();
            self.count = 0;
            self.started = Instant::now();
        }
        self.count += n as u64;
        self.read += n as u64;
        let every = if self.tty { Duration::from_millis(200) } else { Duration::from_secs(5) };
        if self.quiet || self.last_print.is_some_and(|t| t.elapsed() < every) {
            return;
        }
        self.last_print = Some(Instant::now());
        let line = line(name, phase, self.count, total, self.started.elapsed());
        let mut err = std::io::stderr().lock();
        let _ = if self.tty { write!(err, "\r\x1b[2K{line}") } else { writeln!(err, "{line}") };
    }

    /// A type is up to date.
    pub fn done(&mut self, name: &str) {
        if self.quiet {
            return;
        }
        let clear = if self.tty { "\r\x1b[2K" } else { "" };
        eprintln!("{clear}{name}: up to date ({} records read)", group(self.read));
    }

    /// The sync ended.
    pub fn finish(&mut self, report: &Report) {
        if self.quiet {
            return;
        }
        if self.tty && self.last_print.is_some() {
            eprint!("\r\x1b[2K");
        }
        if report.stopped_by_budget {
            eprintln!("stopped at the call budget after {} calls; run `hubtui sync` again to continue", report.calls);
        } else {
            eprintln!("replica of portal {} is up to date ({} calls)", report.portal_id, report.calls);
        }
    }
}

/// `cars: pulling 12,300 of 20,000 · 410/s · 19 s left`.
#[must_use]
pub fn line(name: &str, phase: &str, count: u64, total: Option<u64>, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(0.001);
    #[allow(clippy::cast_precision_loss)]
    let rate = count as f64 / secs;
    let mut s = format!("{name}: {phase} {}", group(count));
    // Under a second or with nothing done, a rate says nothing (it read 33000/s).
    let measured = elapsed >= Duration::from_secs(1) && count > 0;
    if let Some(t) = total.filter(|t| *t >= count) {
        s.push_str(&format!(" of {}", group(t)));
        if !measured {
            return s;
        }
        if rate > 0.0 {
            #[allow(clippy::cast_precision_loss)]
            let left = (t - count) as f64 / rate;
            s.push_str(&format!(" · {rate:.0}/s · {left:.0} s left"));
            return s;
        }
    }
    if measured {
        s.push_str(&format!(" · {rate:.0}/s"));
    }
    s
}

/// `12,300`.
#[must_use]
pub fn group(n: u64) -> String {
    crate::app::record_view::group_thousands(&n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_says_how_far_how_fast_and_how_long() {
        assert_eq!(
            line("cars", "pulling", 1000, Some(3000), Duration::from_secs(2)),
            "cars: pulling 1,000 of 3,000 · 500/s · 4 s left"
        );
        assert_eq!(line("cars", "changes", 200, None, Duration::from_secs(1)), "cars: changes 200 · 200/s");
        assert_eq!(line("cars", "changes", 33, None, Duration::from_millis(1)), "cars: changes 33", "no rate yet");
        assert_eq!(line("cars", "changes", 0, None, Duration::from_secs(3)), "cars: changes 0");
        assert_eq!(line("cars", "pulling", 100, Some(3000), Duration::from_millis(2)), "cars: pulling 100 of 3,000");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(group(12), "12");
    }
}
