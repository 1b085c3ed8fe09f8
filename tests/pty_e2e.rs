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

#[test]
fn browse_a_car_and_its_history_then_quit_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let pty = native_pty_system().openpty(PtySize { rows: 30, cols: 110, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hubtui"));
    cmd.env("HUBTUI_DATA_DIR", dir.path().join("data"));
    cmd.env("HUBTUI_CONFIG_DIR", dir.path().join("config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("HUBSPOT_ACCESS_TOKEN");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = Screen { rx, parser: vt100::Parser::new(30, 110, 0), raw: Vec::new() };
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
