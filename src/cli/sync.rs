//! `sift sync` and `sift sync login`: the server in [sync], in words.

use std::process::ExitCode;

use super::args::{SyncArgs, SyncCommand};
use super::output::say;
use super::{CliError, CliResult, Context};
use crate::sync::{SyncError, SyncReport};

pub fn run(ctx: &Context, args: &SyncArgs) -> CliResult {
    match args.command {
        Some(SyncCommand::Login) => login(ctx),
        None => sync(ctx),
    }
}

fn login(ctx: &Context) -> CliResult {
    let info = crate::sync::login_blocking(&ctx.settings.for_sync()).map_err(cli_error)?;
    let sync = ctx.settings.config.sync.as_ref();
    let level = info
        .api_level
        .map(|l| format!(" (API level {l})"))
        .unwrap_or_default();
    say!(
        "logged in to {}{level} at {} as {}",
        info.version,
        sync.map_or("", |s| s.url.as_str()),
        sync.map_or("", |s| s.user.as_str()),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn sync(ctx: &Context) -> CliResult {
    let report = crate::sync::sync_blocking(&ctx.settings.for_sync()).map_err(cli_error)?;
    say!("{}", summary(&report))?;
    for error in &report.feed_errors {
        say!("not subscribed on the server: {error}")?;
    }
    Ok(if report.feed_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One line: what came, what went, how long it took.
fn summary(r: &SyncReport) -> String {
    let mut parts = vec![format!("{} new articles", r.articles_new)];
    if r.flags_taken + r.flags_overridden > 0 {
        parts.push(format!("{} flags from the server", r.flags_taken));
    }
    if r.flags_overridden > 0 {
        parts.push(format!(
            "{} server flags overridden by later local changes",
            r.flags_overridden
        ));
    }
    parts.push(format!("{} changes sent", r.changes_sent));
    if r.change_batches > 0 {
        let last = parts.len() - 1;
        parts[last].push_str(&format!(" in {} requests", r.change_batches));
    }
    if r.pages_fetched + r.pages_failed > 0 {
        parts.push(format!("{} article pages fetched", r.pages_fetched));
    }
    if r.pages_failed > 0 {
        parts.push(format!("{} pages failed", r.pages_failed));
    }
    let feeds = [
        (r.feeds_added_here, "feeds added here"),
        (r.feeds_removed_here, "feeds removed here"),
        (r.feeds_added_there, "feeds added on the server"),
        (r.feeds_removed_there, "feeds removed on the server"),
    ];
    for (n, what) in feeds {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    format!(
        "synced with {}: {} ({} requests, {:.1} s)",
        r.server,
        parts.join(", "),
        r.requests,
        r.elapsed.as_secs_f64()
    )
}

/// Settings problems are usage errors (2); the server's, failures (1).
fn cli_error(e: SyncError) -> CliError {
    match e {
        SyncError::NotConfigured(_) | SyncError::Password(_) => CliError::Usage(e.to_string()),
        SyncError::Store(e) => CliError::from(e),
        e => CliError::Failed(format!("sync: {e}")),
    }
}
