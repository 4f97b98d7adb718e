//! Commands around the edges: parse, config, completions, man page.

use std::io::Read;
use std::process::ExitCode;

use clap::CommandFactory;
use serde::Serialize;

use super::args::{Cli, CompletionsArgs, ConfigArgs, ParseArgs, Shell};
use super::output::say;
use super::{CliError, CliResult, Context};
use crate::config::DEFAULT_CONFIG;

/// Feed files bigger than this are refused by `sift parse`.
const MAX_PARSE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Serialize)]
struct ParsedJson<'a> {
    /// Which reader read the document: "feed-rs" or "lenient".
    parser: &'static str,
    title: Option<&'a str>,
    link: Option<&'a str>,
    items: Vec<ItemJson<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    repairs: &'a [String],
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: &'a str,
    title: &'a str,
    link: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    published: Option<String>,
    summary: Option<&'a str>,
    content: Option<&'a str>,
    enclosures: &'a [crate::model::Enclosure],
}

pub fn parse(args: &ParseArgs) -> CliResult {
    let mut bytes = Vec::new();
    let read = if args.file.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_PARSE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(&args.file)
            .and_then(|f| f.take(MAX_PARSE_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| CliError::Failed(format!("cannot read {}: {e}", args.file.display())))?;
    if bytes.len() as u64 > MAX_PARSE_BYTES {
        return Err(CliError::Failed(format!(
            "{} is larger than 256 MiB",
            args.file.display()
        )));
    }
    let base = std::path::absolute(&args.file)
        .ok()
        .and_then(|p| url::Url::from_file_path(p).ok());
    let parsed = crate::feed::parse_feed(&bytes, base.as_ref().map(url::Url::as_str))
        .map_err(|e| CliError::Failed(format!("{}: {e}", args.file.display())))?;
    let json = ParsedJson {
        parser: parsed.parser.as_str(),
        title: parsed.title.as_deref(),
        link: parsed.link.as_deref(),
        items: parsed
            .items
            .iter()
            .map(|i| ItemJson {
                id: &i.guid,
                title: &i.title,
                link: i.link.as_deref(),
                author: i.author.as_deref(),
                published: i.published.or(i.updated).and_then(rfc3339),
                summary: i.summary.as_deref(),
                content: i.content.as_deref(),
                enclosures: &i.enclosures,
            })
            .collect(),
        repairs: &parsed.repairs,
    };
    print_json(&json)?;
    Ok(ExitCode::SUCCESS)
}

fn rfc3339(t: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Writes `value` as pretty JSON (see `output::print_json`).
pub fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    super::output::print_json(value)
}

/// Writes `text` to standard output; like `print!`, but a reader that
/// stopped early is not an error (and not a panic), and a failed write is.
pub fn print_text(text: &[u8]) -> Result<(), CliError> {
    super::output::write_out_bytes(text)
}

pub fn print_default_config() -> CliResult {
    print_text(DEFAULT_CONFIG.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `sift config --keymap`: the keymap every user keymap.toml goes on top of.
pub fn print_default_keymap() -> CliResult {
    print_text(crate::tui::keymap::DEFAULT_KEYMAP.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `sift config --path` (`--default`, `--keymap` and `--check` need no
/// valid config and run before it is loaded).
pub fn config(ctx: &Context, args: &ConfigArgs) -> CliResult {
    if args.path {
        say!("config: {}", ctx.settings.paths.config_file().display())?;
        say!("feeds:  {}", ctx.settings.paths.feeds_file().display())?;
        say!("rules:  {}", ctx.settings.paths.rules_dir().display())?;
        let dir = &ctx.settings.paths.config_dir;
        say!("keymap: {}", dir.join("keymap.toml").display())?;
        say!("topics: {}", crate::topics::user_file(dir).display())?;
        say!("cache:  {}", ctx.settings.paths.database().display())?;
        say!("log:    {}", ctx.settings.paths.log_file().display())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn completions(args: &CompletionsArgs) -> CliResult {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Elvish => S::Elvish,
        Shell::Powershell => S::PowerShell,
    };
    // Generated into memory: clap_complete panics on a failed write.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "sift", &mut script);
    print_text(&script)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> CliResult {
    let page = super::man::page().map_err(|e| CliError::Failed(e.to_string()))?;
    print_text(&page)?;
    Ok(ExitCode::SUCCESS)
}
