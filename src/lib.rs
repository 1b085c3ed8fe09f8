//! hubtui: a keyboard-driven terminal browser and editor for HubSpot CRM records, and a local
//! HubSpot-compatible CRM (the emulator) that serves the same HTTP API from SQLite.
//!
//! Module map: `api` holds the wire types shared by the client and the emulator; `emulator`
//! is the local CRM (`hubtui serve`); `timefmt` converts between HubSpot's time formats.

pub mod action;
pub mod api;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod emulator;
pub mod keymap;
pub mod model;
pub mod rng;
pub mod rows;
pub mod runtime;
pub mod secret;
pub mod timefmt;
pub mod ui;
