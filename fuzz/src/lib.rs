//! What the process-level fuzz targets share: running a `sift` command
//! line in this process through the CLI's own entry point, with what it
//! prints collected by `output::capture`, and the checks on that output.

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use sift::cli::{Cli, CliError, output::capture};
use sift::text::is_forbidden;

/// What a command did: its outcome, standard output, standard error.
pub struct Run {
    pub result: Result<ExitCode, CliError>,
    pub out: String,
    pub err: String,
}

/// Runs `sift --config-dir DIR --data-dir DIR ARGS` as `main` would (an
/// error printed as `sift: …`), and panics if anything it printed carries
/// a character that must never reach a terminal.
pub fn sift(dir: &Path, args: &[&str]) -> Run {
    let dir = dir.to_str().expect("a UTF-8 temporary path");
    let mut argv = vec!["sift", "--config-dir", dir, "--data-dir", dir];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(&argv).expect("the arguments parse");
    let (result, out, err) = capture(|| {
        let result = sift::cli::run(cli);
        if let Err(e) = &result {
            sift::cli::output::print_warning(format_args!("sift: {e}"));
        }
        result
    });
    for (stream, text) in [("stdout", &out), ("stderr", &err)] {
        if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
            panic!("{args:?} printed U+{:04X} on {stream}: {text:?}", c as u32);
        }
    }
    Run { result, out, err }
}

/// A temporary config and data directory, with full-text fetching off (no
/// test reaches the network).
pub fn new_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("config.toml"),
        "[poll]\nfull_text_fetches = 0\n",
    )
    .expect("write config.toml");
    dir
}
