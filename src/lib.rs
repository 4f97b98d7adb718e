//! sift: a terminal news reader that sifts promo and related-story noise out
//! of RSS, Atom and JSON feeds. The binary is a thin shell over this library.
//!
//! The layers (DESIGN.md), bottom to top; each module imports only its
//! own layer and those below (`tests/layers.rs` checks it):
//! - foundation: `model`, `text`, `when`, `highlight`, `log_health`, and
//!   `config` (the files' formats and plain types: read and validated, no
//!   network, no SQL);
//! - core, pure: `feed`, `clean`, `query`, `story`, `topics`, `ingest`,
//!   `render`, `import`;
//! - `store`: every SQL statement;
//! - network shell: `fetch`, `poller`, `sync`;
//! - front ends: `settings` (everything configured, loaded once and handed
//!   down), `subscriptions`, `briefing`, `demo`, `cli`, `tui`.

pub mod briefing;
pub mod clean;
pub mod cli;
pub mod config;
pub mod demo;
pub mod feed;
pub mod fetch;
pub mod highlight;
pub mod import;
pub mod ingest;
pub mod log_health;
pub mod model;
pub mod poller;
pub mod query;
pub mod render;
pub mod settings;
pub mod store;
pub mod story;
pub mod subscriptions;
pub mod sync;
pub mod text;
pub mod topics;
pub mod tui;
pub mod when;
