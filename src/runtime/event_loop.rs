//! The event loop: one task owns the state; it waits on terminal input, command results and
//! (while something animates) a tick; drains what is pending, runs `update`, and draws once
//! if anything changed. Terminal effects (copy, open a URL) run here; every other command
//! goes to the executor.

use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use tokio::sync::mpsc::{self, Receiver, Sender};

use super::event::Event;
use super::executor::Executor;
use super::start::{Options, first_state};
use super::{input, terminal_effects};
use crate::api::Client;
use crate::app::bar::RateBudget;
use crate::app::command::Command;
use crate::app::keys::key_msg;
use crate::app::msg::Msg;
use crate::app::state::AppState;
use crate::app::update::{init, update};
use crate::keymap::Keymap;
use crate::ui::{Theme, view};

/// At most this many pending events are handled before a frame is drawn.
const BATCH: usize = 64;

/// The loop's own state besides `AppState`.
struct Loop {
    exec: Executor,
    keymap: Keymap,
    theme: Theme,
    budget: Option<RateBudget>,
    /// The retry line last sent to the status bar.
    waiting: Option<String>,
    first_rows_logged: bool,
    started: Instant,
}

impl Loop {
    fn new(client: Client, tx: Sender<Event>, opts: Options) -> Self {
        Self {
            exec: Executor {
                client,
                tx,
                log: crate::writelog::WriteLog::new(&opts.data_dir, "app", &opts.portal, opts.profile.as_deref()),
                config_dir: opts.config_dir,
                data_dir: opts.data_dir,
            },
            keymap: opts.keymap,
            theme: opts.theme,
            budget: None,
            waiting: None,
            first_rows_logged: false,
            started: opts.started,
        }
    }

    /// Runs commands: terminal effects here (their notices are returned), the rest as tasks.
    fn perform(&self, terminal: &mut DefaultTerminal, cmds: Vec<Command>) -> Vec<Msg> {
        let mut notices = Vec::new();
        for c in cmds {
            let (text, error) = match c {
                Command::Copy { text, what } => terminal_effects::copy(terminal.backend_mut(), &text, &what),
                Command::OpenUrl { url } => terminal_effects::open_url(&url),
                other => {
                    self.exec.execute(other);
                    continue;
                }
            };
            notices.push(Msg::Notice { text, error });
        }
        notices
    }

    /// Applies a message and everything it causes right away (effects' notices).
    fn apply(&self, state: AppState, msg: Msg, terminal: &mut DefaultTerminal) -> AppState {
        let (mut state, cmds) = update(state, msg);
        for m in self.perform(terminal, cmds) {
            let (s, more) = update(state, m);
            state = s;
            self.perform(terminal, more);
        }
        state
    }

    /// Handles one event; says whether it reached `update` (the screen may have changed).
    fn handle(&mut self, mut state: AppState, ev: Event, terminal: &mut DefaultTerminal) -> (AppState, bool) {
        let is_result = matches!(&ev, Event::Msg(m) if m.is_result());
        if matches!(ev, Event::Key(_)) {
            // Keys may need the time (relative dates in searches): it arrives as a message.
            state = self.apply(state, Msg::Tick { now_ms: wall_ms() }, terminal);
        }
        let msg = match ev {
            Event::Key(k) => key_msg(&self.keymap, &state, k),
            Event::Resize(w, h) => Some(Msg::Resize { width: w, height: h }),
            Event::Mouse(m) => Some(Msg::Mouse(m)),
            Event::Msg(m) => Some(*m),
        };
        let handled = msg.is_some();
        if let Some(msg) = msg {
            state = self.apply(state, msg, terminal);
        }
        if is_result && let Some(b) = self.budget() {
            state = self.apply(state, b, terminal);
        }
        (state, handled)
    }

    /// Handles `first` and up to a batch of events already pending, then the retry line;
    /// says whether anything changed.
    fn drain(
        &mut self,
        mut state: AppState,
        first: Event,
        rx: &mut Receiver<Event>,
        terminal: &mut DefaultTerminal,
    ) -> (AppState, bool) {
        let mut dirty = false;
        let mut next = Some(first);
        let mut drained = 0;
        while let Some(ev) = next {
            let (s, handled) = self.handle(state, ev, terminal);
            state = s;
            dirty |= handled;
            drained += 1;
            next = if drained < BATCH { rx.try_recv().ok() } else { None };
        }
        if let Some(w) = self.waiting() {
            state = self.apply(state, w, terminal);
            dirty = true;
        }
        (state, dirty)
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

    /// Draws the state.
    fn draw(&self, terminal: &mut DefaultTerminal, state: &AppState) -> std::io::Result<()> {
        terminal.draw(|f| view(f, state, &self.keymap, &self.theme)).map(|_| ())
    }

    /// Draws a changed state; logs how long the first frame with records took.
    fn redraw(&mut self, terminal: &mut DefaultTerminal, state: &AppState) -> std::io::Result<()> {
        self.draw(terminal, state)?;
        if !self.first_rows_logged && !state.list.rows.is_empty() {
            self.first_rows_logged = true;
            tracing::info!(ms = self.started.elapsed().as_millis(), "first frame with records");
        }
        Ok(())
    }
}

/// The wall clock in epoch milliseconds.
fn wall_ms() -> u64 {
    u64::try_from(crate::timefmt::now_ms()).unwrap_or(0)
}

/// Runs the app until the user quits.
/// Writes an earlier run left without a result are settled in the background (the log says
/// how); a toast says so when there were any.
fn settle_interrupted(exec: &Executor) {
    let (client, log, tx) = (exec.client.clone(), exec.log.clone(), exec.tx.clone());
    tokio::spawn(async move {
        let n = super::effects::logged::resolve_interrupted(&client, &log).await;
        if n > 0 {
            let text = format!(
                "{n} write(s) of an earlier run never got their result: settled where the records tell — L shows them"
            );
            let _ = tx.send(Event::Msg(Box::new(Msg::Notice { text, error: true }))).await;
        }
    });
}

/// Passes on each status the replica's background sync reports, as a message.
fn follow_replica(watch: Option<tokio::sync::watch::Receiver<crate::app::bar::ReplicaStatus>>, tx: &Sender<Event>) {
    let Some(mut watch) = watch else { return };
    let tx = tx.clone();
    tokio::spawn(async move {
        loop {
            let status = watch.borrow_and_update().clone();
            if tx.send(Event::Msg(Box::new(Msg::Replica(status)))).await.is_err() || watch.changed().await.is_err() {
                return;
            }
        }
    });
}

pub async fn run(terminal: &mut DefaultTerminal, client: Client, mut opts: Options) -> std::io::Result<()> {
    let (tx, mut rx) = mpsc::channel::<Event>(256);
    let stop = input::spawn(tx.clone());
    follow_replica(opts.replica.take(), &tx);
    let size = terminal.size()?;
    let api_base = opts.api_base.clone().unwrap_or_else(|| client.base_url().to_owned());
    let state = first_state(&opts, &api_base, (size.width, size.height));
    let mut lp = Loop::new(client, tx, opts);
    settle_interrupted(&lp.exec);
    let (mut state, cmds) = init(state);
    lp.perform(terminal, cmds);
    lp.draw(terminal, &state)?;
    let mut ticker = tokio::time::interval(Duration::from_millis(100));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        let first = tokio::select! {
            ev = rx.recv() => match ev { Some(ev) => ev, None => break },
            _ = ticker.tick(), if state.animating() => Event::Msg(Box::new(Msg::Tick { now_ms: wall_ms() })),
        };
        let (s, dirty) = lp.drain(state, first, &mut rx, terminal);
        state = s;
        if state.quit {
            break;
        }
        if dirty {
            lp.redraw(terminal, &state)?;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}
