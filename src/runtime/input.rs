//! Terminal input on its own thread: crossterm's blocking reads, turned into key chords and
//! resizes, sent to the loop. Only key presses count (not repeats' releases).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event as CtEvent, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind};
use tokio::sync::mpsc::Sender;

use super::event::Event;
use crate::app::msg::{Mouse, MouseKind};
use crate::keymap::{Key, KeyChord};

/// Converts a crossterm mouse event (wheel and left click only).
#[must_use]
pub fn mouse(m: &event::MouseEvent) -> Option<Mouse> {
    let kind = match m.kind {
        MouseEventKind::ScrollUp => MouseKind::ScrollUp,
        MouseEventKind::ScrollDown => MouseKind::ScrollDown,
        MouseEventKind::Down(event::MouseButton::Left) => MouseKind::Click,
        _ => return None,
    };
    Some(Mouse { kind, col: m.column, row: m.row })
}

/// Converts a crossterm key to a chord (None for keys hubtui does not bind).
#[must_use]
pub fn chord(code: KeyCode, mods: KeyModifiers) -> Option<KeyChord> {
    let key = match code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(KeyChord { key, ctrl: mods.contains(KeyModifiers::CONTROL), alt: mods.contains(KeyModifiers::ALT) })
}

/// Starts the input thread; set the returned flag to stop it.
pub fn spawn(tx: Sender<Event>) -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        while !flag.load(Ordering::Relaxed) {
            if !event::poll(Duration::from_millis(100)).unwrap_or(false) {
                continue;
            }
            let ev = match event::read() {
                Ok(CtEvent::Key(k)) if k.kind == KeyEventKind::Press => chord(k.code, k.modifiers).map(Event::Key),
                Ok(CtEvent::Resize(w, h)) => Some(Event::Resize(w, h)),
                Ok(CtEvent::Mouse(m)) => mouse(&m).map(Event::Mouse),
                Ok(_) => None,
                Err(_) => break,
            };
            if let Some(ev) = ev
                && tx.blocking_send(ev).is_err()
            {
                break;
            }
        }
    });
    stop
}
