//! Each subcommand, headless. `run` validates the command line into plain
//! values, does the work, and returns the exit status: 0 ok, 1 some feeds
//! (or items) failed, 2 usage or config errors.

pub mod args;
mod articles;
mod briefing;
mod check;
pub mod extract;
mod feeds;
pub mod logging;
pub mod man;
mod mark;
mod misc;
pub mod output;
pub mod panic_hook;
mod poll;
mod rescan;
mod selection;
mod sync;
mod table;
mod topics;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

pub use args::Cli;
use args::Command;

use crate::clean::RuleSet;
use crate::config::{ConfigError, Paths, feeds::FeedsFile};
use crate::query::Query;
use crate::settings::Settings;
use crate::store::{Store, StoreError};
use output::note;

/// A failure with its exit code. Usage errors (bad flags, bad config, an
/// unknown id) exit 2; everything else 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
    /// The cache could not be read or written ("disk I/O error"): told
    /// apart so that `run` can check whether the disk is full.
    #[error("{0}")]
    CacheIo(String),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            CliError::Failed(_) | CliError::CacheIo(_) => ExitCode::from(1),
        }
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        CliError::Usage(e.to_string())
    }
}

impl From<crate::subscriptions::ChangeError> for CliError {
    fn from(e: crate::subscriptions::ChangeError) -> Self {
        match e {
            crate::subscriptions::ChangeError::Usage(m) => CliError::Usage(m),
            crate::subscriptions::ChangeError::Failed(m) => CliError::Failed(m),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotSiftCache { .. } => CliError::Usage(e.to_string()),
            e if e.is_disk_full() => CliError::Failed(DISK_FULL.into()),
            e if e.is_io_error() => CliError::CacheIo(format!("cache: {e}")),
            e => CliError::Failed(format!("cache: {e}")),
        }
    }
}

const DISK_FULL: &str = "cache: the disk is full; free some space and try again";

impl CliError {
    /// SQLite says "disk I/O error" for a full disk too (when the WAL or
    /// its index cannot grow): a probe write in the data directory tells.
    fn explain_io_error(self, data_dir: &Path) -> CliError {
        match self {
            CliError::CacheIo(_) if disk_is_full(data_dir) => CliError::Failed(DISK_FULL.into()),
            other => other,
        }
    }
}

/// Whether a 64 KiB write in `dir` fails for want of space.
fn disk_is_full(dir: &Path) -> bool {
    use std::io::Write;
    let probe = dir.join(format!(".sift-space-probe-{}", std::process::id()));
    let result = std::fs::File::create(&probe).and_then(|mut f| {
        f.write_all(&[0u8; 64 * 1024])?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    matches!(result, Err(e) if e.kind() == std::io::ErrorKind::StorageFull)
}

pub type CliResult = Result<ExitCode, CliError>;

/// What most subcommands need: the settings, built once for the run,
/// and the CLI's ways of opening the subscriptions and the cache.
pub struct Context {
    pub settings: Settings,
}

impl Context {
    /// Paths, config.toml and (unless `with_topics` is false) topics.toml,
    /// validated.
    fn load(cli: &Cli, with_topics: bool) -> Result<Context, CliError> {
        let paths = Paths::resolve(cli.config_dir.clone(), cli.data_dir.clone())?;
        let settings = if !with_topics {
            Settings::load_without_topics(paths)?
        } else if opens_interface(cli) {
            // The interface opens with a bad topics.toml and says so.
            Settings::load_for_interface(paths)?
        } else {
            Settings::load(paths)?
        };
        Ok(Context { settings })
    }

    fn feeds_file(&self) -> Result<FeedsFile, CliError> {
        Ok(FeedsFile::load(&self.settings.paths.feeds_file())?)
    }

    /// Opens the cache and brings its feed list in line with feeds.toml.
    fn open_store(&self, feeds: &FeedsFile) -> Result<Store, CliError> {
        let mut store = Store::open(&self.settings.paths.database())?;
        store.sync_subscriptions(&feeds.subscriptions())?;
        Ok(store)
    }

    /// The noise rules; a user rule that does not compile is said once.
    fn rules(&self) -> std::sync::Arc<RuleSet> {
        self.settings.rules(report_skipped_rules)
    }
}

/// Each skipped user rule, on standard error.
fn report_skipped_rules(skipped: &[String]) {
    for e in skipped {
        note!("sift: rule skipped: {e}");
    }
}

/// A `-q` query, checked against the user's topics; a bad one is a usage
/// error with a caret under the culprit.
fn parse_query(ctx: &Context, text: &str, now: crate::model::Timestamp) -> Result<Query, CliError> {
    ctx.settings
        .parse_query(text, now)
        .map_err(|e| bad_query(text, &e))
}

/// The error, then the query with a caret under the culprit.
fn bad_query(text: &str, e: &crate::query::QueryError) -> CliError {
    let (shown, carets) = e.caret_lines(text);
    CliError::Usage(format!("bad query: {}\n  {shown}\n  {carets}", e.message))
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> CliResult {
    // Commands that need no config at all.
    match &cli.command {
        Some(Command::Completions(args)) => return misc::completions(args),
        Some(Command::Man) => return misc::man(),
        Some(Command::Parse(args)) => return misc::parse(args),
        Some(Command::Config(args)) if args.default => return misc::print_default_config(),
        Some(Command::Config(args)) if args.keymap => return misc::print_default_keymap(),
        // A broken config.toml is one of the check's findings, not a stop.
        Some(Command::Config(args)) if args.check => {
            return check::run(&Paths::resolve(
                cli.config_dir.clone(),
                cli.data_dir.clone(),
            )?);
        }
        _ => {}
    }
    if cli.demo {
        return demo();
    }
    // Extraction scores and queries nothing: it reads no topics (loading
    // them was a third of its start-up).
    let with_topics = !matches!(cli.command, Some(Command::Extract(_)));
    let ctx = Context::load(&cli, with_topics)?;
    let log = logging::init(&ctx.settings.paths.data_dir);
    let data_dir = ctx.settings.paths.data_dir.clone();
    run_command(cli, ctx, log).map_err(|e| e.explain_io_error(&data_dir))
}

/// `sift` alone on a terminal opens the interface; in a pipe or a
/// script it prints the overview.
fn opens_interface(cli: &Cli) -> bool {
    cli.command.is_none() && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn run_command(cli: Cli, ctx: Context, log: logging::LogHealth) -> CliResult {
    match cli.command {
        None if opens_interface(&cli) => {
            let feeds = ctx.feeds_file()?;
            drop(ctx.open_store(&feeds)?);
            crate::tui::run(&ctx.settings, true, &log)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        None => articles::overview(&ctx),
        Some(Command::Feeds(command)) => feeds::run(&ctx, command),
        Some(Command::Import(args)) => feeds::import(&ctx, &args),
        Some(Command::Export(args)) if args.starred => briefing::export(&ctx, &args),
        Some(Command::Export(_)) => feeds::export_opml(&ctx),
        Some(Command::Poll(args)) => poll::run(&ctx, &args),
        Some(Command::Sync(args)) => sync::run(&ctx, &args),
        Some(Command::List(args)) => articles::list(&ctx, &args),
        Some(Command::Show(args)) => articles::show(&ctx, &args),
        Some(Command::Topics(args)) => topics::run(&ctx, &args),
        Some(Command::Rescan) => rescan::run(&ctx),
        Some(Command::Extract(args)) => extract::run(&ctx, &args),
        Some(Command::Mark(args)) => mark::mark(&ctx, &args),
        Some(Command::Config(args)) => misc::config(&ctx, &args),
        Some(Command::Completions(_) | Command::Man | Command::Parse(_)) => Ok(ExitCode::SUCCESS),
    }
}

/// `sift --demo`: the bundled feeds in a fresh temporary directory, then
/// the interface; the directory is removed afterwards.
fn demo() -> CliResult {
    let root = std::env::temp_dir().join(format!(
        "sift-demo-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_millis()
    ));
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(CliError::Usage(
            "--demo opens the interface and needs a terminal".into(),
        ));
    }
    let on_signal = remove_on_signal(root.clone());
    let result = (|| -> Result<(), CliError> {
        let settings = crate::demo::prepare(&root)
            .map_err(|e| CliError::Failed(format!("cannot prepare the demo: {e:#}")))?;
        let log = logging::init(&settings.paths.data_dir);
        crate::tui::run(&settings, false, &log).map_err(|e| CliError::Failed(e.to_string()))
    })();
    if let Some(listening) = on_signal {
        listening.close();
    }
    let _ = std::fs::remove_dir_all(&root);
    result.map(|()| ExitCode::SUCCESS)
}

/// Until the handle is closed, a hang-up (the terminal closed), a TERM or an INT
/// removes `dir`, gives the terminal back and exits as the signal would
/// have (128 + its number). Without this the demo's directory stayed in
/// the temporary folder.
fn remove_on_signal(dir: std::path::PathBuf) -> Option<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT]).ok()?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = std::fs::remove_dir_all(&dir);
            ratatui::restore();
            std::process::exit(128 + signal);
        }
    });
    Some(handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file system of 256 KiB filled to the last block (tmpfs; needs
    /// root to mount, so `None` elsewhere). Unmounted on drop.
    struct FullDisk {
        dir: tempfile::TempDir,
    }

    impl FullDisk {
        fn mount() -> Option<FullDisk> {
            let dir = tempfile::tempdir().ok()?;
            let mounted = std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
                .arg(dir.path())
                .output()
                .is_ok_and(|o| o.status.success());
            if !mounted {
                return None;
            }
            let disk = FullDisk { dir };
            let mut filler = std::fs::File::create(disk.dir.path().join("filler")).ok()?;
            // At most 1 MiB: if the mount did not take, the real disk is
            // never filled (and the test is skipped).
            let block = [0u8; 4096];
            for _ in 0..256 {
                if std::io::Write::write_all(&mut filler, &block).is_err() {
                    return Some(disk);
                }
            }
            None
        }
    }

    impl Drop for FullDisk {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount")
                .arg(self.dir.path())
                .status();
        }
    }

    /// SQLite's "disk I/O error" on a full disk becomes "the disk is full"
    /// (the probe write in the data directory tells the two apart).
    #[test]
    fn a_disk_io_error_on_a_full_disk_says_the_disk_is_full() {
        let Some(disk) = FullDisk::mount() else {
            eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
            return;
        };
        let error = CliError::CacheIo("cache: database error: disk I/O error".into());
        let explained = error.explain_io_error(disk.dir.path());
        assert_eq!(explained.to_string(), DISK_FULL);
        let left = std::fs::read_dir(disk.dir.path()).unwrap().count();
        assert_eq!(left, 1, "the probe file is removed again");
    }

    /// With space left, the I/O error is reported as SQLite said it.
    #[test]
    fn a_disk_io_error_with_space_left_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let error = CliError::CacheIo("cache: database error: disk I/O error".into());
        let explained = error.explain_io_error(dir.path());
        assert_eq!(
            explained.to_string(),
            "cache: database error: disk I/O error"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
