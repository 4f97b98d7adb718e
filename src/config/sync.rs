//! `[sync]` in config.toml: which feed server sift syncs with, as whom,
//! and where the password is. The password itself is never in the file:
//! it is read from a file or an environment variable when a sync starts.

use std::path::{Path, PathBuf};

use toml_edit::Table;

use super::reader::{ConfigError, TableReader};

/// The sync servers sift speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncBackendKind {
    /// Tiny Tiny RSS, through its JSON API (`/api/`).
    TtRss,
}

impl SyncBackendKind {
    pub const NAMES: [&'static str; 1] = ["ttrss"];
}

/// Where the password is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    /// A file holding the password (its first line).
    File(PathBuf),
    /// An environment variable holding it.
    Env(String),
}

/// The `[sync]` table, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    pub backend: SyncBackendKind,
    /// The server's address (http or https), e.g. `https://rss.example.org/tt-rss/`.
    pub url: String,
    pub user: String,
    pub password: PasswordSource,
}

/// Reads `[sync]`; every key is required but one of the two password keys.
pub(super) fn read(file: &Path, src: &str, table: &Table) -> Result<SyncConfig, ConfigError> {
    let mut sync = TableReader::new(file, src, table, "[sync]");
    let missing = |key: &str, example: &str| {
        ConfigError::at(
            file,
            src,
            table.span(),
            format!("[sync] needs `{key}`, for example {key} = {example}"),
        )
    };
    let backend = match sync.choice("backend", &SyncBackendKind::NAMES)? {
        Some(_) => SyncBackendKind::TtRss,
        None => return Err(missing("backend", "\"ttrss\"")),
    };
    let url = sync
        .string("url")?
        .ok_or_else(|| missing("url", "\"https://rss.example.org/tt-rss/\""))?;
    let scheme_ok = url::Url::parse(&url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if !scheme_ok {
        let span = table.key("url").and_then(|k| k.span());
        return Err(ConfigError::at(
            file,
            src,
            span,
            format!(
                "`url` in [sync] is {:?}; it must be an http:// or https:// address",
                crate::text::sanitize_line(&url)
            ),
        ));
    }
    let user = sync
        .string("user")?
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| missing("user", "\"alice\""))?;
    let password_file = sync.string("password_file")?;
    let password_env = sync.string("password_env")?;
    let password = match (password_file, password_env) {
        (Some(path), None) => PasswordSource::File(expand_home(&path)),
        (None, Some(var)) if !var.is_empty() => PasswordSource::Env(var),
        (Some(_), Some(_)) => {
            return Err(ConfigError::at(
                file,
                src,
                table.span(),
                "[sync] has both `password_file` and `password_env`; keep one".into(),
            ));
        }
        _ => {
            return Err(missing(
                "password_file",
                "\"~/.config/sift/ttrss-password\" (or password_env = \"SIFT_SYNC_PASSWORD\")",
            ));
        }
    };
    sync.finish()?;
    Ok(SyncConfig {
        backend,
        url,
        user,
        password,
    })
}

/// `~/x` as a path under the home directory.
fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new()
            .map_or_else(|| PathBuf::from(path), |d| d.home_dir().join(rest)),
        None => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    fn apply(src: &str) -> Result<Config, crate::config::ConfigError> {
        let mut c = Config::default();
        c.apply(Path::new("config.toml"), src).map(|_| c)
    }

    #[test]
    fn no_sync_table_means_no_sync() {
        assert_eq!(Config::default().sync, None);
    }

    #[test]
    fn a_full_table_is_read() {
        let c = apply(
            "[sync]\nbackend = \"ttrss\"\nurl = \"https://rss.example.org/\"\nuser = \"me\"\npassword_env = \"PW\"\n",
        )
        .unwrap();
        let sync = c.sync.unwrap();
        assert_eq!(sync.url, "https://rss.example.org/");
        assert_eq!(sync.user, "me");
        assert_eq!(sync.password, super::PasswordSource::Env("PW".into()));
    }

    #[test]
    fn errors_say_what_to_fix() {
        let base = "[sync]\nbackend = \"ttrss\"\nuser = \"me\"\n";
        let e = apply(&format!(
            "{base}url = \"ftp://x/\"\npassword_env = \"PW\"\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("http:// or https://"), "{e}");
        assert_eq!(e.line, 4);
        let e = apply(&format!("{base}url = \"http://x/\"\n")).unwrap_err();
        assert!(e.message.contains("needs `password_file`"), "{e}");
        let e = apply(&format!(
            "{base}url = \"http://x/\"\npassword_env = \"A\"\npassword_file = \"/p\"\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("keep one"), "{e}");
        let e = apply("[sync]\nbackend = \"miniflux\"\n").unwrap_err();
        assert!(e.message.contains("allowed: \"ttrss\""), "{e}");
        let e = apply(&format!(
            "{base}url = \"http://x/\"\npassword_env = \"A\"\npassword = \"hunter2\"\n"
        ))
        .unwrap_err();
        assert!(e.message.contains("unknown key `password`"), "{e}");
        assert!(!e.message.contains("hunter2"), "{e}");
    }
}
