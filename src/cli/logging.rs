//! The log file, never the terminal. tracing-subscriber reports a failed
//! write on standard error, which would draw over the interface; so the
//! file is wrapped in a writer that never fails: the first failure (a full
//! disk, a log symlinked to `/dev/full`) drops the file for good and is
//! kept for the interface to say once.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

pub use crate::log_health::LogHealth;

/// The log file; after its first failed write, nothing.
struct LogFile {
    file: Option<File>,
    health: LogHealth,
}

impl Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(file) = &mut self.file
            && let Err(e) = file.write_all(buf)
        {
            self.stop(&e);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(file) = &mut self.file
            && let Err(e) = file.flush()
        {
            self.stop(&e);
        }
        Ok(())
    }
}

impl LogFile {
    fn stop(&mut self, e: &std::io::Error) {
        self.file = None;
        self.health.stop(super::output::io_reason(e));
    }
}

/// Logs go to `sift.log` in the data dir, never to the terminal. Logging
/// is best-effort: a read-only data dir or a full disk must not stop sift.
pub fn init(data_dir: &Path) -> LogHealth {
    let health = LogHealth::default();
    if std::fs::create_dir_all(data_dir).is_err() {
        return health;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("sift.log"))
    else {
        return health;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SIFT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let writer = LogFile {
        file: Some(file),
        health: health.clone(),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(writer))
        .try_init();
    health
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_stops_the_log_quietly_and_is_remembered() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let health = LogHealth::default();
        let mut log = LogFile {
            file: Some(full),
            health: health.clone(),
        };
        assert!(health.failure().is_none());
        assert_eq!(log.write(b"an event\n").unwrap(), 9);
        assert!(log.file.is_none());
        assert_eq!(log.write(b"another\n").unwrap(), 8);
        let said = health.failure().expect("the failure is kept");
        assert!(said.contains("the disk is full"), "{said}");
    }
}
