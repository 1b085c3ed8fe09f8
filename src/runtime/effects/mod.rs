//! What command tasks do, one file per concept; each effect takes owned inputs and a client
//! and answers with exactly one result `Msg` (a failure is reported, never dropped).
//!
//! Reads: `definitions` (object types, property definitions, account), `pages` (table
//! pages, searches, id slices, every matching id), `record` (one record), `activities`,
//! `names` (what associated records are called).
//! Writes: `changes` (saving staged edits behind the conflict guard, and the old values a
//! bulk edit replaces), `create`, `pins` (pins and pinned notes), `associations` (finding a
//! target, labels, associating one or many), `lifecycle` (merge, archive, restore),
//! `import` (reading a file's rows, upserting them), `export` (the records shown, to a file). Local files: `prefs` (columns and
//! searches remembered between runs) and `drafts` (the staged-changes journal), both written
//! through `files`.

pub mod activities;
pub mod associations;
pub mod board;
pub mod changes;
pub mod create;
pub mod definitions;
pub mod drafts;
pub mod export;
pub mod files;
pub mod fill;
pub mod freq;
pub mod import;
pub mod lifecycle;
pub mod logged;
pub mod names;
pub mod pages;
pub mod paths;
pub mod pins;
pub mod prefs;
pub mod prop_write;
pub mod record;
pub mod undo;
