//! What every CLI test shares: a sandbox (temporary config, data and home
//! directories) and a `sift` command confined to it.

#![allow(dead_code)] // Each test crate uses a different part of this.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A throwaway home for one test: `config/`, `data/`, and files the test
/// writes. Nothing outside it is read or written.
pub struct Sandbox {
    dir: TempDir,
}

/// Test feeds link to pages under `.test` hosts that do not exist: a
/// sandbox fetches no article pages (the full-text stage) unless a test
/// writes a config.toml with a `[poll]` table of its own.
pub const NO_FULL_TEXT: &str =
    "\n[poll]\nfull_text_fetches = 0 # the test sandbox: no page fetches\n";

impl Sandbox {
    pub fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().expect("a temporary directory"),
        };
        sandbox.write("config/config.toml", NO_FULL_TEXT.trim_start());
        sandbox
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_dir(&self) -> PathBuf {
        self.root().join("config")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root().join("data")
    }

    /// `sift` with `--config-dir`/`--data-dir` in the sandbox, HOME and the
    /// XDG directories pointing into it, the sandbox as working directory,
    /// and UTC so printed times are stable.
    pub fn sift(&self) -> Command {
        self.sift_in(&self.config_dir(), &self.data_dir())
    }

    /// Like `sift`, with other config and data directories (for a second,
    /// fresh configuration in the same sandbox).
    pub fn sift_in(&self, config_dir: &Path, data_dir: &Path) -> Command {
        Command::from_std(self.std_sift_in(config_dir, data_dir))
    }

    /// The same confined `sift` as a plain `std::process::Command`, for
    /// tests that need to spawn it and hold its pipes.
    pub fn std_sift(&self) -> std::process::Command {
        self.std_sift_in(&self.config_dir(), &self.data_dir())
    }

    fn std_sift_in(&self, config_dir: &Path, data_dir: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("sift"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.root().join("xdg-config"))
            .env("XDG_DATA_HOME", self.root().join("xdg-data"))
            .env("TZ", "UTC")
            .current_dir(self.root())
            .arg("--config-dir")
            .arg(config_dir)
            .arg("--data-dir")
            .arg(data_dir);
        cmd
    }

    /// Writes `contents` to `name` under the sandbox; returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create parent directory");
        }
        std::fs::write(&path, contents).expect("write sandbox file");
        path
    }

    /// Copies a fixture from `tests/fixtures/cli/` into the sandbox.
    pub fn fixture(&self, name: &str) -> PathBuf {
        self.write(name, fixture_bytes(name))
    }

    pub fn feeds_toml(&self) -> String {
        std::fs::read_to_string(self.config_dir().join("feeds.toml")).unwrap_or_default()
    }

    /// Writes a file of the config directory. A `config.toml` without a
    /// `[poll]` table gets `NO_FULL_TEXT` appended (after the test's own
    /// lines, so the line numbers errors name stay the same).
    pub fn write_config(&self, name: &str, contents: &str) -> PathBuf {
        if name == "config.toml" && !contents.contains("[poll]") {
            return self.write(
                &format!("config/{name}"),
                format!("{contents}{NO_FULL_TEXT}"),
            );
        }
        self.write(&format!("config/{name}"), contents)
    }
}

pub fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// The `file://` URL of a path (as sift normalises it).
pub fn file_url(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    url::Url::from_file_path(&path)
        .expect("an absolute path")
        .to_string()
}

/// The standard output of a successful run, as text.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

/// Standard error of a run that exited with `code`, as text.
pub fn stderr_with_code(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stderr.clone();
    String::from_utf8(out).expect("stderr is UTF-8")
}
