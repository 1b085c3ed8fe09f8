//! The TEA core: state, messages, commands and the pure `update`. No tokio, no reqwest, no
//! terminal I/O in here, and no `api` import: its types come from `crate::model`.

pub mod bar;
pub mod command;
pub mod create;
pub mod edit;
pub mod fuzzy;
pub mod import;
pub mod keys;
pub mod layout;
pub mod modal;
pub mod msg;
pub mod paging;
pub mod picker;
pub mod record_view;
pub mod search;
pub mod state;
pub mod text;
pub mod update;
