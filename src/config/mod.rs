//! Foundation layer: where sift keeps its files, and `config.toml`:
//! defaults embedded from `assets/config.toml`, the user's file layered on
//! top. Plain types read and validated here; the front ends' `settings`
//! loads them once and hands them down.

pub mod feed_url;
pub mod feeds;
pub mod reader;
mod sections;
pub mod sync;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use reader::ConfigError;
use reader::{TableReader, parse_document};
pub use sync::{PasswordSource, SyncBackendKind, SyncConfig};

/// The commented default configuration; also the documentation.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// The directories sift reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `config.toml`, `feeds.toml`, `rules/`.
    pub config_dir: PathBuf,
    /// `sift.db`, `sift.log`.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform's directories, each replaced by an override when given.
    pub fn resolve(
        config_dir: Option<PathBuf>,
        data_dir: Option<PathBuf>,
    ) -> Result<Paths, ConfigError> {
        let project = || directories::ProjectDirs::from("", "", "sift");
        let missing = || ConfigError {
            file: PathBuf::from("(home directory)"),
            line: 0,
            message: "cannot find a home directory; pass --config-dir and --data-dir \
                      (or set SIFT_CONFIG_DIR and SIFT_DATA_DIR)"
                .into(),
        };
        let config_dir = match config_dir {
            Some(dir) => dir,
            None => project().ok_or_else(missing)?.config_dir().to_path_buf(),
        };
        let data_dir = match data_dir {
            Some(dir) => dir,
            None => project().ok_or_else(missing)?.data_dir().to_path_buf(),
        };
        Ok(Paths {
            config_dir,
            data_dir,
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
    pub fn feeds_file(&self) -> PathBuf {
        self.config_dir.join("feeds.toml")
    }
    pub fn rules_dir(&self) -> PathBuf {
        self.config_dir.join("rules")
    }
    pub fn database(&self) -> PathBuf {
        self.data_dir.join("sift.db")
    }
    /// Where the interface writes briefings.
    pub fn briefings_dir(&self) -> PathBuf {
        self.data_dir.join("briefings")
    }
    /// Articles saved from the interface as Markdown.
    pub fn saved_dir(&self) -> PathBuf {
        self.data_dir.join("saved")
    }
    pub fn log_file(&self) -> PathBuf {
        self.data_dir.join("sift.log")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollConfig {
    pub jobs: usize,
    pub per_host: usize,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_response_bytes: u64,
    pub refresh: Duration,
    /// At most this many article pages fetched per poll (full text); 0
    /// turns full-text fetching off.
    pub full_text_fetches: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheConfig {
    pub keep_days: u32,
    pub keep_per_feed: u32,
}

/// The interface's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiConfig {
    /// An article shown this long counts as read; zero: only when opened.
    pub read_after: Duration,
    pub mouse: bool,
    pub color: bool,
    /// Saved views, in file order: name and filter query.
    pub views: Vec<(String, String)>,
    /// Style overrides by meaning (`unread = "bold yellow"`).
    pub theme: Vec<(String, String)>,
    /// Words and names highlighted wherever they appear (`watch = [...]`).
    pub watch: Vec<String>,
}

/// Every setting, after defaults and the user's file are merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub poll: PollConfig,
    pub cache: CacheConfig,
    pub ui: UiConfig,
    /// `[sync]`: the feed server to sync with; None when there is none.
    pub sync: Option<SyncConfig>,
}

impl Default for Config {
    /// The values in `assets/config.toml`.
    fn default() -> Self {
        let mut config = Config {
            poll: PollConfig {
                jobs: 1,
                per_host: 1,
                connect_timeout: Duration::from_secs(1),
                timeout: Duration::from_secs(1),
                max_response_bytes: 1,
                refresh: Duration::from_secs(60),
                full_text_fetches: 0,
            },
            cache: CacheConfig {
                keep_days: 1,
                keep_per_feed: 1,
            },
            ui: UiConfig {
                read_after: Duration::from_secs(2),
                mouse: true,
                color: true,
                views: Vec::new(),
                theme: Vec::new(),
                watch: Vec::new(),
            },
            sync: None,
        };
        // The embedded file is tested to parse; a failure here is a build bug.
        if let Err(e) = config.apply(Path::new("assets/config.toml"), DEFAULT_CONFIG) {
            panic!("embedded default config is invalid: {e}");
        }
        config
    }
}

impl Config {
    /// Defaults, with `config.toml` from `paths` on top when it exists.
    pub fn load(paths: &Paths) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        let file = paths.config_file();
        if let Some(src) = reader::read_optional(&file)? {
            config.apply(&file, &src)?;
        }
        Ok(config)
    }

    /// Overrides every setting present in `src`; the first problem is
    /// the error.
    pub fn apply(&mut self, file: &Path, src: &str) -> Result<(), ConfigError> {
        match self.apply_checked(file, src).into_iter().next() {
            Some(first) => Err(first),
            None => Ok(()),
        }
    }

    /// Overrides every setting present in `src`, reading each section on
    /// its own: the problems of every section (the first of each), in
    /// the order `apply` meets them, for `sift config --check`.
    pub fn apply_checked(&mut self, file: &Path, src: &str) -> Vec<ConfigError> {
        let doc = match parse_document(file, src) {
            Ok(doc) => doc,
            Err(e) => return vec![e],
        };
        let mut root = TableReader::new(file, src, doc.as_table(), "the top level");
        let results = [
            self.apply_poll(&mut root, file, src),
            self.apply_cache(&mut root, file, src),
            self.apply_ui(&mut root, file, src),
            self.apply_theme(&mut root, file, src),
            self.apply_views(&mut root, file, src),
            self.apply_sync(&mut root, file, src),
            root.finish(),
        ];
        results.into_iter().filter_map(Result::err).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(src: &str) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        c.apply(Path::new("config.toml"), src).map(|_| c)
    }

    #[test]
    fn defaults_come_from_the_embedded_file() {
        let c = Config::default();
        assert_eq!(c.poll.jobs, 16);
        assert_eq!(c.poll.per_host, 4);
        assert_eq!(c.poll.connect_timeout, Duration::from_secs(10));
        assert_eq!(c.poll.timeout, Duration::from_secs(30));
        assert_eq!(c.poll.max_response_bytes, 16 * 1024 * 1024);
        assert_eq!(c.poll.full_text_fetches, 50);
        assert_eq!(c.cache.keep_days, 90);
        assert_eq!(c.cache.keep_per_feed, 2000);
    }

    #[test]
    fn user_values_override_and_others_stay() {
        let c = apply("[poll]\njobs = 4\n").unwrap();
        assert_eq!(c.poll.jobs, 4);
        assert_eq!(c.poll.per_host, 4);
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let e = apply("# comment\n[poll]\njbos = 4\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message
                .contains("unknown key `jbos` in [poll]; did you mean `jobs`?"),
            "{e}"
        );
    }

    #[test]
    fn unknown_section_suggests() {
        let e = apply("[pol]\njobs = 4\n").unwrap_err();
        assert!(e.message.contains("did you mean `poll`?"), "{e}");
    }

    #[test]
    fn out_of_range_and_wrong_type_say_what_is_allowed() {
        let e = apply("[poll]\njobs = 0\n").unwrap_err();
        assert!(e.message.contains("allowed: 1 to 1024"), "{e}");
        assert_eq!(e.line, 2);
        let e = apply("[poll]\nfull_text_fetches = -1\n").unwrap_err();
        assert!(e.message.contains("allowed: 0 to 100000"), "{e}");
        assert_eq!(
            apply("[poll]\nfull_text_fetches = 0\n")
                .unwrap()
                .poll
                .full_text_fetches,
            0
        );
        let e = apply("[cache]\nkeep_days = \"ninety\"\n").unwrap_err();
        assert!(
            e.message.contains("must be a whole number, not string"),
            "{e}"
        );
    }

    /// Each section is read on its own: a problem in one does not hide
    /// the next one's (for `sift config --check`); `apply` still fails on
    /// the first.
    #[test]
    fn every_section_s_problem_is_found() {
        let src = "[poll]\njobs = 0\n[cache]\nkeep_days = \"x\"\n[ui]\nmouse = 1\n[views]\nfp = 3\n[extra]\n";
        let mut c = Config::default();
        let problems = c.apply_checked(Path::new("config.toml"), src);
        let lines: Vec<usize> = problems.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 4, 6, 8, 9], "{problems:?}");
        assert!(
            problems[4].message.contains("unknown key `extra`"),
            "{problems:?}"
        );
        assert_eq!(apply(src).unwrap_err(), problems[0]);
    }

    #[test]
    fn syntax_error_is_located() {
        let e = apply("[poll]\njobs = = 3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.starts_with("invalid TOML"), "{e}");
    }

    #[test]
    fn ui_settings_and_saved_views() {
        let c = Config::default();
        assert_eq!(c.ui.read_after, Duration::from_secs(2));
        assert_eq!(c.ui.views[0], ("unread".into(), "is:unread".into()));
        let c =
            apply("[ui]\nread_after = 0\nmouse = false\n[views]\nfp = \"tag:world is:unread\"\n")
                .unwrap();
        assert_eq!(c.ui.read_after, Duration::ZERO);
        assert!(!c.ui.mouse && c.ui.color);
        assert_eq!(
            c.ui.views,
            vec![("fp".into(), "tag:world is:unread".into())]
        );
        let e = apply("[ui]\nmouse = \"yes\"\n").unwrap_err().to_string();
        assert!(
            e.contains("config.toml:2") && e.contains("true or false"),
            "{e}"
        );
        let e = apply("[views]\nfp = 3\n").unwrap_err().to_string();
        assert!(e.contains("must be a string"), "{e}");
    }
}
