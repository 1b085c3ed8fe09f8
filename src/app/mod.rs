//! The TEA core: state, messages, commands and the pure `update`. No tokio, no reqwest, no
//! terminal I/O in here.

pub mod action;
pub mod command;
pub mod layout;
pub mod msg;
pub mod state;
pub mod update;
