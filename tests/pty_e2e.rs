//! The real binary in a pseudo-terminal: first screen on a fresh data dir, browse to a car,
//! open its history, quit with the terminal restored.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Screen {
    rx: mpsc::Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Screen {
    /// Waits (on the pty's output, not on a timer) until the emulated screen shows `needle`.
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if self.parser.screen().contents().contains(needle) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(chunk) => {
                    self.parser.process(&chunk);
                    self.raw.extend(chunk);
                }
                Err(_) => panic!("{needle:?} never appeared; the screen:\n{}", self.parser.screen().contents()),
            }
        }
    }
}

struct App {
    screen: Screen,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

/// Starts the real binary on the embedded demo in `dir`, in a 30x110 pseudo-terminal.
fn spawn(dir: &std::path::Path) -> App {
    let pty = native_pty_system().openpty(PtySize { rows: 30, cols: 110, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hubtui"));
    cmd.env("HUBTUI_DATA_DIR", dir.join("data"));
    cmd.env("HUBTUI_CONFIG_DIR", dir.join("config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("HUBSPOT_ACCESS_TOKEN");
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let writer = pty.master.take_writer().unwrap();
    // Keep the master open for the child's lifetime.
    std::mem::forget(pty.master);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let screen = Screen { rx, parser: vt100::Parser::new(30, 110, 0), raw: Vec::new() };
    App { screen, writer, child }
}

#[test]
fn browse_a_car_and_its_history_then_quit_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("Cars (100+)");
    writer.write_all(b"jj\r").unwrap();
    screen.wait_for("VIN:");
    writer.write_all(b"]").unwrap();
    screen.wait_for("IMPORT");
    writer.write_all(b"q").unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    // Drain what is left and check the alternate screen was left (terminal restored).
    while let Ok(chunk) = screen.rx.recv_timeout(Duration::from_secs(2)) {
        screen.raw.extend(chunk);
    }
    let tail = String::from_utf8_lossy(&screen.raw);
    assert!(tail.contains("\u{1b}[?1049l"), "the alternate screen was left");
}

/// The number before " matches" in the table's title.
fn matches_on(screen: &str) -> u64 {
    let at = screen.find(" matches").expect("a match count");
    let digits: String = screen[..at].chars().rev().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.chars().rev().filter(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

#[test]
fn the_seeds_example_search_matches_what_the_cli_reports() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("Cars (100+)");
    writer.write_all(b"s\r").unwrap();
    screen.wait_for("Choose property");
    writer.write_all(b"year").unwrap();
    screen.wait_for("year · number");
    writer.write_all(b"\rEQ\r2026\ra\rprice").unwrap();
    screen.wait_for("price · number");
    writer.write_all(b"\rGT\r50000\rR").unwrap();
    screen.wait_for(" matches");
    let shown = matches_on(&screen.parser.screen().contents());
    writer.write_all(b"q").unwrap();
    assert!(child.wait().unwrap().success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["search", "cars", "--filter", "year EQ 2026", "--filter", "price GT 50000", "--limit", "1"])
        .env("HUBTUI_DATA_DIR", dir.path().join("data"))
        .env("HUBTUI_CONFIG_DIR", dir.path().join("config"))
        .env_remove("HUBSPOT_ACCESS_TOKEN")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(Some(shown), v["total"].as_u64(), "the TUI and the CLI agree");
    assert!(shown > 0, "the seed has new cars over 50,000");
}
