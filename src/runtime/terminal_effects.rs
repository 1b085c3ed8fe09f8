//! Effects the loop performs itself because they touch the terminal or the desktop: copying
//! (OSC 52) and opening a URL. Each returns the notice to show.

use std::io::Write;

use base64::Engine;

/// The OSC 52 sequence that puts `text` on the clipboard. Inside tmux it goes twice: plain,
/// which tmux takes into its buffers and hands on with `set-clipboard on`, then wrapped for
/// passthrough, which reaches the outer terminal with `allow-passthrough on`.
#[must_use]
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    let seq = format!("\x1b]52;c;{b64}\x07");
    if in_tmux { format!("{seq}\x1bPtmux;\x1b{seq}\x1b\\") } else { seq }
}

/// Copies through the terminal.
pub fn copy(out: &mut impl Write, text: &str, what: &str) -> (String, bool) {
    let in_tmux = std::env::var_os("TMUX").is_some();
    match out.write_all(osc52(text, in_tmux).as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => (format!("Copied {what}"), false),
        Err(e) => (format!("Copy failed: {e}"), true),
    }
}

/// Opens a URL with the desktop's opener, detached and silent.
pub fn open_url(url: &str) -> (String, bool) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(_) => (format!("Opened {url}"), false),
        Err(_) => (format!("No browser here — the record is at {url}"), false),
    }
}

#[cfg(test)]
mod tests {
    use super::osc52;

    #[test]
    fn osc52_encodes_and_wraps_for_tmux() {
        assert_eq!(osc52("hi", false), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52("hi", true), "\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
    }
}
