//! The TEA core: state, messages, commands and the pure `update`. No tokio, no reqwest, no
//! terminal I/O in here, and no `api` import: its types come from `crate::model`.
//!
//! `state` holds `AppState` (a sub-state per pane), `msg` the messages (input, and answers
//! addressed to the area that asked), `command` what `update` asks the runtime to do, `req`
//! request ids; `table` the record table's state, paging and answers; `update` one file per
//! area's keys and answers; `search`, `edit`, `create`, `import` the models of the builder,
//! staged changes, the create form and import; `record_view` how a record is shown.

pub mod bar;
pub mod board;
pub mod command;
pub mod create;
pub mod edit;
pub mod everywhere;
pub mod freq;
pub mod fuzzy;
pub mod import;
pub mod keys;
pub mod layout;
pub mod log;
pub mod modal;
pub mod msg;
pub mod picker;
pub mod prop_form;
pub mod props_view;
pub mod record_cache;
pub mod record_view;
pub mod req;
pub mod schema_form;
pub mod search;
pub mod state;
pub mod table;
pub mod text;
pub mod update;
