//! The sections of `config.toml`, each read on its own so that a problem
//! in one does not hide the next one's (`Config::apply_checked`).

use std::path::Path;
use std::time::Duration;

use super::Config;
use super::reader::{ConfigError, TableReader};

impl Config {
    pub(super) fn apply_poll(
        &mut self,
        root: &mut TableReader<'_>,
        file: &Path,
        src: &str,
    ) -> Result<(), ConfigError> {
        let Some(table) = root.table("poll")? else {
            return Ok(());
        };
        let mut poll = TableReader::new(file, src, table, "[poll]");
        let p = &mut self.poll;
        if let Some(n) = poll.int("jobs", 1..1025)? {
            p.jobs = n as usize;
        }
        if let Some(n) = poll.int("per_host", 1..257)? {
            p.per_host = n as usize;
        }
        if let Some(n) = poll.int("connect_timeout", 1..3601)? {
            p.connect_timeout = Duration::from_secs(n as u64);
        }
        if let Some(n) = poll.int("timeout", 1..3601)? {
            p.timeout = Duration::from_secs(n as u64);
        }
        if let Some(n) = poll.int("max_response_mb", 1..1025)? {
            p.max_response_bytes = n as u64 * 1024 * 1024;
        }
        if let Some(n) = poll.int("refresh", 1..100_001)? {
            p.refresh = Duration::from_secs(n as u64 * 60);
        }
        if let Some(n) = poll.int("full_text_fetches", 0..100_001)? {
            p.full_text_fetches = n as usize;
        }
        poll.finish()
    }

    pub(super) fn apply_cache(
        &mut self,
        root: &mut TableReader<'_>,
        file: &Path,
        src: &str,
    ) -> Result<(), ConfigError> {
        let Some(table) = root.table("cache")? else {
            return Ok(());
        };
        let mut cache = TableReader::new(file, src, table, "[cache]");
        if let Some(n) = cache.int("keep_days", 1..1_000_001)? {
            self.cache.keep_days = n as u32;
        }
        if let Some(n) = cache.int("keep_per_feed", 1..10_000_001)? {
            self.cache.keep_per_feed = n as u32;
        }
        cache.finish()
    }

    pub(super) fn apply_ui(
        &mut self,
        root: &mut TableReader<'_>,
        file: &Path,
        src: &str,
    ) -> Result<(), ConfigError> {
        let Some(table) = root.table("ui")? else {
            return Ok(());
        };
        let mut ui = TableReader::new(file, src, table, "[ui]");
        if let Some(n) = ui.int("read_after", 0..3601)? {
            self.ui.read_after = Duration::from_secs(n as u64);
        }
        if let Some(b) = ui.boolean("mouse")? {
            self.ui.mouse = b;
        }
        if let Some(b) = ui.boolean("color")? {
            self.ui.color = b;
        }
        if let Some(words) = ui.string_list("watch")? {
            self.ui.watch = words;
        }
        ui.finish()
    }

    pub(super) fn apply_theme(
        &mut self,
        root: &mut TableReader<'_>,
        file: &Path,
        src: &str,
    ) -> Result<(), ConfigError> {
        let Some(table) = root.table("theme")? else {
            return Ok(());
        };
        let mut theme = TableReader::new(file, src, table, "[theme]");
        self.ui.theme.extend(theme.all_strings()?);
        theme.finish()
    }

    pub(super) fn apply_views(
        &mut self,
        root: &mut TableReader<'_>,
        file: &Path,
        src: &str,
    ) -> Result<(), ConfigError> {
        let Some(table) = root.table("views")? else {
            return Ok(());
        };
        let mut views = TableReader::new(file, src, table, "[views]");
        // The user's views replace the defaults as a whole.
        self.ui.views = views.all_strings()?;
        views.finish()
    }

    pub(super) fn apply_sync(
        &mut self,
        root: &mut TableReader<'_>,
        file: &Path,
        src: &str,
    ) -> Result<(), ConfigError> {
        if let Some(table) = root.table("sync")? {
            self.sync = Some(super::sync::read(file, src, table)?);
        }
        Ok(())
    }
}
