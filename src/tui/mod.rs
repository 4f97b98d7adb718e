//! The interface: an article list, a reader pane and a filter bar, for
//! keyboard triage. `App::update(Action) -> Vec<Effect>` holds the logic;
//! workers do the slow parts; views draw.

pub mod app;
pub mod help;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod poll;
pub mod reader;
pub mod run;
pub mod save;
pub mod theme;
pub mod view;
pub mod worker;

pub use run::run;

#[cfg(test)]
mod view_tests;
