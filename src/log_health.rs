//! Whether the log file still works: set by the logger (cli) when a write
//! fails, read by the interface, which says it once. Shared by both front
//! ends, so it lives below them.

use std::sync::{Arc, OnceLock};

/// Why logging stopped, if it did. Cloned into the interface, which reads
/// it after each batch of messages.
#[derive(Debug, Clone, Default)]
pub struct LogHealth(Arc<OnceLock<String>>);

impl LogHealth {
    /// The message for the status bar, once logging has stopped.
    pub fn failure(&self) -> Option<String> {
        self.0
            .get()
            .map(|why| format!("logging stopped: cannot write sift.log ({why})"))
    }

    /// Logging stopped because of `why`; only the first reason is kept.
    pub fn stop(&self, why: String) {
        let _ = self.0.set(why);
    }
}
