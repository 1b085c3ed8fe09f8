//! The event loop: one task owns the state; it waits on terminal input, command results and
//! (while something animates) a tick; drains what is pending, runs `update`, and draws once
//! if anything changed.

pub mod effects;
pub mod executor;
pub mod input;
pub mod prefs;
pub mod records;
pub mod save;
pub mod values;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::api::{Client, Error};
use crate::app::bar::RateBudget;
use crate::app::command::Command;
use crate::app::keys::key_msg;
use crate::app::msg::{ApiMsg, Msg};
use crate::app::state::{AppState, Links};
use crate::app::update::{init, update};
use crate::keymap::{KeyChord, Keymap};
use crate::ui::{Theme, view};

/// What reaches the loop.
#[derive(Debug)]
pub enum Event {
    Key(KeyChord),
    Resize(u16, u16),
    Mouse(crate::app::msg::Mouse),
    Msg(Msg),
}

/// The sentence a user sees for an API error (never the token; details go to the log).
#[must_use]
pub fn error_text(e: &Error) -> String {
    tracing::warn!(error = %e, "request failed");
    match e {
        Error::Unauthorized { .. } => {
            "Token rejected (401) — set HUBSPOT_ACCESS_TOKEN or the profile's token (hubtui --help), or run without one for the local demo"
                .into()
        }
        Error::Network { .. } | Error::Timeout(_) => format!("Cannot reach the portal: {e}"),
        other => other.to_string(),
    }
}

/// How the app is started.
#[derive(Debug)]
pub struct Options {
    pub portal: String,
    pub keymap: Keymap,
    pub theme: Theme,
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    /// What earlier runs left (read before the async runtime starts).
    pub saved: prefs::Saved,
    /// Set for a read-only profile: why writes are off.
    pub read_only: Option<String>,
    /// Where the log and keymap live (shown in help).
    pub about: String,
    /// When the process started (for the first-frame measurement in the log).
    pub started: Instant,
    /// Problems found in the user's files (a keymap line that was ignored), shown at start.
    pub warnings: Vec<String>,
}

/// The loop's own state besides `AppState`.
struct Loop {
    exec: executor::Executor,
    budget: Option<RateBudget>,
    /// The retry line last sent to the status bar.
    waiting: Option<String>,
    first_rows_logged: bool,
    started: Instant,
}

impl Loop {
    /// Runs commands: terminal effects here, the rest as tasks.
    fn run(&self, terminal: &mut DefaultTerminal, cmds: Vec<Command>) -> Vec<Msg> {
        let mut notices = Vec::new();
        for c in cmds {
            let (text, error) = match c {
                Command::Copy { text, what } => effects::copy(terminal.backend_mut(), &text, &what),
                Command::OpenUrl { url } => effects::open_url(&url),
                other => {
                    self.exec.execute(other);
                    continue;
                }
            };
            notices.push(Msg::Api(Box::new(ApiMsg::Notice { text, error })));
        }
        notices
    }

    /// The status line for a retry being waited for, when it changed.
    fn waiting(&mut self) -> Option<Msg> {
        let text = self.exec.client.waiting().map(|w| {
            let left = w.until.saturating_duration_since(tokio::time::Instant::now());
            format!("{} — retrying in {} s", w.reason, left.as_secs() + u64::from(left.subsec_millis() > 0))
        });
        (self.waiting != text).then(|| {
            self.waiting.clone_from(&text);
            Msg::Waiting(text)
        })
    }

    /// The budget message when the client saw new rate-limit headers.
    fn budget(&mut self) -> Option<Msg> {
        let h = self.exec.client.rate_headers()?;
        let b = RateBudget { remaining: h.remaining, max: h.max, daily_remaining: h.daily_remaining };
        (self.budget != Some(b)).then(|| {
            self.budget = Some(b);
            Msg::Budget(b)
        })
    }
}

/// Applies a message and everything it causes right away (effects' notices).
fn apply(state: AppState, msg: Msg, lp: &mut Loop, terminal: &mut DefaultTerminal) -> AppState {
    let (mut state, cmds) = update(state, msg);
    for m in lp.run(terminal, cmds) {
        let (s, more) = update(state, m);
        state = s;
        lp.run(terminal, more);
    }
    state
}

/// The wall clock in epoch milliseconds.
fn wall_ms() -> u64 {
    u64::try_from(crate::timefmt::now_ms()).unwrap_or(0)
}

/// Runs the app until the user quits.
pub async fn run(terminal: &mut DefaultTerminal, client: Client, opts: Options) -> std::io::Result<()> {
    let (tx, mut rx) = mpsc::channel::<Event>(256);
    let stop = input::spawn(tx.clone());
    let size = terminal.size()?;
    let mut state = AppState::new(opts.portal, (size.width, size.height));
    state.links = Links { api_base: client.base_url().to_owned(), web_base: None };
    state.prefs.columns = opts.saved.columns;
    state.searches = opts.saved.searches;
    state.staged = opts.saved.staged;
    state.read_only = opts.read_only;
    if state.staged.count() > 0 {
        state.bar.toast(
            format!(
                "{} staged change(s) from the last session are back — C to review, w to save",
                state.staged.count()
            ),
            false,
        );
    }
    state.about = opts.about;
    for w in &opts.warnings {
        tracing::warn!("{w}");
    }
    if let Some(first) = opts.warnings.first() {
        let more = opts.warnings.len() - 1;
        let more = if more > 0 { format!(" (and {more} more in the log)") } else { String::new() };
        state.status = Some(format!("{first}{more}"));
    }
    let mut lp = Loop {
        exec: executor::Executor { client, tx: tx.clone(), config_dir: opts.config_dir, data_dir: opts.data_dir },
        budget: None,
        waiting: None,
        first_rows_logged: false,
        started: opts.started,
    };
    let (s, cmds) = init(state);
    state = s;
    lp.run(terminal, cmds);
    terminal.draw(|f| view(f, &state, &opts.keymap, &opts.theme))?;
    let mut ticker = tokio::time::interval(Duration::from_millis(100));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        let first = tokio::select! {
            ev = rx.recv() => match ev { Some(ev) => ev, None => break },
            _ = ticker.tick(), if state.animating() => Event::Msg(Msg::Tick { now_ms: wall_ms() }),
        };
        let mut dirty = false;
        let mut next = Some(first);
        let mut drained = 0;
        while let Some(ev) = next {
            let is_result = matches!(ev, Event::Msg(Msg::Api(_)));
            if matches!(ev, Event::Key(_)) {
                // Keys may need the time (relative dates in searches): it arrives as a message.
                state = apply(state, Msg::Tick { now_ms: wall_ms() }, &mut lp, terminal);
            }
            let msg = match ev {
                Event::Key(k) => key_msg(&opts.keymap, &state, k),
                Event::Resize(w, h) => Some(Msg::Resize { width: w, height: h }),
                Event::Mouse(m) => Some(Msg::Mouse(m)),
                Event::Msg(m) => Some(m),
            };
            if let Some(msg) = msg {
                state = apply(state, msg, &mut lp, terminal);
                dirty = true;
            }
            if is_result && let Some(b) = lp.budget() {
                state = apply(state, b, &mut lp, terminal);
            }
            drained += 1;
            next = if drained < 64 { rx.try_recv().ok() } else { None };
        }
        if let Some(w) = lp.waiting() {
            state = apply(state, w, &mut lp, terminal);
            dirty = true;
        }
        if state.quit {
            break;
        }
        if dirty {
            terminal.draw(|f| view(f, &state, &opts.keymap, &opts.theme))?;
            if !lp.first_rows_logged && !state.list.rows.is_empty() {
                lp.first_rows_logged = true;
                tracing::info!(ms = lp.started.elapsed().as_millis(), "first frame with records");
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}
