//! Shared test helpers.
#![allow(dead_code)]

pub mod server;
pub mod tmux;
