//! The HubSpot API: wire types shared by the client and the emulator.

pub mod id;
pub mod types;
