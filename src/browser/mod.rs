//! The thin browser layer: cookies, storage, DOM helpers, config loading, and the gate that holds
//! back scripts, frames and pixels. Decisions come from [`crate::core`]; this layer only acts.

#[allow(unused_imports)]
use crate::prelude::*;

pub mod config_source;
pub mod consent_mode;
pub mod cookies;
pub mod dom;
pub mod events;
pub mod gate;
pub mod handover;
pub mod panic;
pub mod privacy;
pub mod tabs;
pub mod trusted;
