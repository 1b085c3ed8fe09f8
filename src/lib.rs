//! hubtui: a keyboard-driven terminal browser and editor for HubSpot CRM records, and a local
//! HubSpot-compatible CRM (the emulator) that serves the same HTTP API from SQLite.
//!
//! Module map: `model` the domain types every part shares (records, property definitions,
//! searches, cursors); `api` the HubSpot client (it re-exports the model's wire types);
//! `emulator` the local CRM (`hubtui serve`); `app` the pure TEA core, `ui` pure drawing,
//! `runtime` the effects; `commands` the headless CLI; `rows` reading import files;
//! `action` / `keymap` the bindable actions and their keys; `timefmt` HubSpot's time formats;
//! `writelog` the local log of every write and the undo planner.

pub mod action;
pub mod api;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod defs;
pub mod emulator;
pub mod export;
pub mod fnv;
pub mod keymap;
pub mod model;
pub mod replica;
pub mod rng;
pub mod rows;
pub mod runtime;
pub mod secret;
pub mod timefmt;
pub mod ui;
pub mod writelog;
