//! The interface: an article list, a reader pane and a filter bar, for
//! keyboard triage. `App::update(Action) -> Vec<Effect>` holds the logic;
//! workers do the slow parts; views draw.

pub mod app;
pub mod help;
pub mod input;
pub mod layout;
pub mod poll;
pub mod reader;
pub mod run;
pub mod save;
pub mod view;
pub mod worker;

pub use run::run;
// The keys and styles are settings (loaded once, in `crate::settings`);
// the interface reads them under its own names.
pub use crate::settings::{keymap, theme};

#[cfg(test)]
mod view_tests;
