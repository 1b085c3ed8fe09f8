//! The HubSpot API: one client (pacing, retries, typed calls, paging, batches, associations)
//! and the wire types it shares with the emulator.

pub mod associations;
pub mod batch;
pub mod client;
pub mod definitions;
pub mod error;
pub mod long_read;
/// Ids on the wire (defined with the model).
pub mod id {
    pub use crate::model::id::*;
}
pub mod objects;
pub mod pacing;
pub mod paging;
pub mod paths;
pub mod standard;
pub mod types;

pub use client::{Client, ClientConfig, RateHeaders, Safety};
pub use error::Error;
