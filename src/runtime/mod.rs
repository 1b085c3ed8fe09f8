//! The event loop: one task owns the state; it waits on terminal input and command results,
//! drains what is pending, runs `update`, and draws once if anything changed.

pub mod executor;
pub mod input;

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::api::{Client, Error};
use crate::app::msg::Msg;
use crate::app::state::{AppState, Focus, Modal};
use crate::app::update::{init, update};
use crate::keymap::{Context, KeyChord, Keymap};
use crate::ui::{Theme, view};

/// What reaches the loop.
#[derive(Debug)]
pub enum Event {
    Key(KeyChord),
    Resize(u16, u16),
    Msg(Msg),
}

/// The sentence a user sees for an API error (never the token; details go to the log).
#[must_use]
pub fn error_text(e: &Error) -> String {
    tracing::warn!(error = %e, "request failed");
    match e {
        Error::Unauthorized { .. } => {
            "Token rejected — set HUBSPOT_ACCESS_TOKEN or the profile's token, or run without one for the local demo"
                .into()
        }
        Error::Network { .. } | Error::Timeout(_) => format!("Cannot reach the portal: {e}"),
        other => other.to_string(),
    }
}

fn context(state: &AppState) -> Context {
    if state.modal == Modal::Help {
        return Context::Help;
    }
    match state.focus {
        Focus::Types => Context::Types,
        Focus::List => Context::List,
        Focus::Detail => Context::Detail,
    }
}

/// Runs the app until the user quits.
pub async fn run(
    terminal: &mut DefaultTerminal,
    client: Client,
    portal: String,
    keymap: Keymap,
    theme: Theme,
) -> std::io::Result<()> {
    let (tx, mut rx) = mpsc::channel::<Event>(256);
    let stop = input::spawn(tx.clone());
    let size = terminal.size()?;
    let (mut state, cmds) = init(AppState::new(portal, (size.width, size.height)));
    for c in cmds {
        executor::execute(&client, &tx, c);
    }
    terminal.draw(|f| view(f, &state, &keymap, &theme))?;
    while let Some(first) = rx.recv().await {
        let mut dirty = false;
        let mut next = Some(first);
        let mut drained = 0;
        while let Some(ev) = next {
            let msg = match ev {
                Event::Key(k) => keymap.resolve(context(&state), k).map(Msg::Action),
                Event::Resize(w, h) => Some(Msg::Resize { width: w, height: h }),
                Event::Msg(m) => Some(m),
            };
            if let Some(msg) = msg {
                let (s, cmds) = update(state, msg);
                state = s;
                for c in cmds {
                    executor::execute(&client, &tx, c);
                }
                dirty = true;
            }
            drained += 1;
            next = if drained < 64 { rx.try_recv().ok() } else { None };
        }
        if state.quit {
            break;
        }
        if dirty {
            terminal.draw(|f| view(f, &state, &keymap, &theme))?;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}
