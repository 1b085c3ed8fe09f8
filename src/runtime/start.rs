//! How the app is started: the options `tui.rs` gathers before the async runtime runs, and
//! the first state built from them (what earlier runs left, read-only mode, start-up warnings).

use std::path::PathBuf;
use std::time::Instant;

use super::effects::prefs::Saved;
use crate::app::state::{AppState, Links};
use crate::keymap::Keymap;
use crate::ui::Theme;

/// How the app is started.
#[derive(Debug)]
pub struct Options {
    pub portal: String,
    pub keymap: Keymap,
    pub theme: Theme,
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    /// What earlier runs left (read before the async runtime starts).
    pub saved: Saved,
    /// Set for a read-only profile: why writes are off.
    pub read_only: Option<String>,
    /// Where the log and keymap live (shown in help).
    pub about: String,
    /// When the process started (for the first-frame measurement in the log).
    pub started: Instant,
    /// Problems found in the user's files (a keymap line that was ignored), shown at start.
    pub warnings: Vec<String>,
    /// The profile used, if any (stamped on the write log's entries).
    pub profile: Option<String>,
    /// Where the replica the app works on stands, as its background sync reports it.
    pub replica: Option<tokio::sync::watch::Receiver<crate::app::bar::ReplicaStatus>>,
    /// The portal's address for links and copied `curl` commands when the client talks to
    /// something else (on a replica: the portal behind it, not the in-process server).
    pub api_base: Option<String>,
}

/// The state before `init`: the portal, the terminal's size, the API's address, what earlier
/// runs left (a toast when staged changes came back) and the first start-up warning.
#[must_use]
pub fn first_state(opts: &Options, api_base: &str, size: (u16, u16)) -> AppState {
    let mut state = AppState::new(opts.portal.clone(), size);
    state.links = Links { api_base: api_base.to_owned(), web_base: None };
    state.prefs.columns.clone_from(&opts.saved.columns);
    state.prefs.widths.clone_from(&opts.saved.widths);
    state.searches = opts.saved.searches.clone();
    state.staged = opts.saved.staged.clone();
    state.read_only.clone_from(&opts.read_only);
    if state.staged.count() > 0 {
        state.bar.toast(
            format!(
                "{} staged change(s) from the last session are back — C to review, w to save",
                state.staged.count()
            ),
            false,
        );
    }
    state.about.clone_from(&opts.about);
    if let Some(line) = warning_line(&opts.warnings) {
        state.bar.warning = Some(line);
    }
    state
}

/// The first warning for the status line (all of them go to the log).
fn warning_line(warnings: &[String]) -> Option<String> {
    for w in warnings {
        tracing::warn!("{w}");
    }
    let first = warnings.first()?;
    let more = warnings.len() - 1;
    let more = if more > 0 { format!(" (and {more} more in the log)") } else { String::new() };
    Some(format!("{first}{more}"))
}
