//! The runtime: everything that happens outside `update` and `view`. Map:
//! `event_loop` (the loop that owns the state and draws), `start` (options and the first
//! state), `event` (what reaches the loop), `input` (the terminal input thread),
//! `terminal_effects` (copy, open a URL), `executor` (commands as tasks, one result each),
//! `effects/` (what those tasks do, one file per concept) and `error_text` (how a failed
//! request reads).

pub mod effects;
pub mod error_text;
pub mod event;
pub mod event_loop;
pub mod executor;
pub mod input;
pub mod start;
pub mod terminal_effects;

pub use effects::prefs;
pub use error_text::error_text;
pub use event::Event;
pub use event_loop::run;
pub use start::Options;
