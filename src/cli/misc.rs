//! Commands around the edges: parse, config, completions, man page.

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use serde::Serialize;

use super::args::{Cli, CompletionsArgs, ConfigArgs, ParseArgs, Shell};
use super::{CliError, CliResult, Context};
use crate::config::{Config, DEFAULT_CONFIG, feeds::FeedsFile};

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

/// Writes `value` as pretty JSON. A reader that stopped early
/// (`sift list --json | head`) is not an error, as for the tables.
pub fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    let closed = |kind: Option<std::io::ErrorKind>| kind == Some(std::io::ErrorKind::BrokenPipe);
    match serde_json::to_writer_pretty(&mut out, value) {
        Err(e) if closed(e.io_error_kind()) => return Ok(()),
        Err(e) => return Err(CliError::Failed(e.to_string())),
        Ok(()) => {}
    }
    match writeln!(out).and_then(|()| out.flush()) {
        Err(e) if closed(Some(e.kind())) => Ok(()),
        Err(e) => Err(CliError::Failed(e.to_string())),
        Ok(()) => Ok(()),
    }
}

/// Writes `text` to standard output; like `print!`, but a reader that
/// stopped early is not an error (and not a panic).
pub fn print_text(text: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Failed(format!("cannot write the output: {e}"))),
        Ok(()) => Ok(()),
    }
}

pub fn print_default_config() -> CliResult {
    print_text(DEFAULT_CONFIG.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn config(ctx: &Context, args: &ConfigArgs) -> CliResult {
    if args.path {
        println!("config: {}", ctx.paths.config_file().display());
        println!("feeds:  {}", ctx.paths.feeds_file().display());
        println!("rules:  {}", ctx.paths.rules_dir().display());
        println!("cache:  {}", ctx.paths.database().display());
        println!("log:    {}", ctx.paths.log_file().display());
    } else if args.check {
        // Context::load already read config.toml; feeds.toml is next.
        Config::load(&ctx.paths)?;
        let feeds = FeedsFile::load(&ctx.paths.feeds_file())?;
        println!(
            "config ok; {} feed(s) in {}",
            feeds.entries().len(),
            ctx.paths.feeds_file().display()
        );
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
    let man = clap_mangen::Man::new(Cli::command());
    let mut page = Vec::new();
    man.render(&mut page)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    print_text(&page)?;
    Ok(ExitCode::SUCCESS)
}
