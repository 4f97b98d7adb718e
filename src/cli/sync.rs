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
    use crate::text::counted;
    let mut parts = vec![counted(r.articles_new, "new article")];
    if r.flags_taken + r.flags_overridden > 0 {
        parts.push(format!(
            "{} from the server",
            counted(r.flags_taken, "flag")
        ));
    }
    if r.flags_overridden > 0 {
        parts.push(format!(
            "{} overridden by later local changes",
            counted(r.flags_overridden, "server flag")
        ));
    }
    let mut sent = format!("{} sent", counted(r.changes_sent, "change"));
    if r.change_batches > 0 {
        sent.push_str(&format!(" in {}", counted(r.change_batches, "request")));
    }
    parts.push(sent);
    if r.pages_fetched + r.pages_failed > 0 {
        parts.push(format!(
            "{} fetched",
            counted(r.pages_fetched, "article page")
        ));
    }
    if r.pages_failed > 0 {
        parts.push(format!("{} failed", counted(r.pages_failed, "page")));
    }
    let feeds = [
        (r.feeds_added_here, "added here"),
        (r.feeds_removed_here, "removed here"),
        (r.feeds_added_there, "added on the server"),
        (r.feeds_removed_there, "removed on the server"),
    ];
    for (n, what) in feeds {
        if n > 0 {
            parts.push(format!("{} {what}", counted(n, "feed")));
        }
    }
    format!(
        "synced with {}: {} ({}, {:.1} s)",
        r.server,
        parts.join(", "),
        counted(r.requests, "request"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_in_the_singular_and_the_plural() {
        let one = SyncReport {
            server: "Tiny Tiny RSS".into(),
            articles_new: 1,
            changes_sent: 1,
            change_batches: 1,
            feeds_added_here: 1,
            requests: 1,
            ..SyncReport::default()
        };
        let line = summary(&one);
        assert!(
            line.starts_with(
                "synced with Tiny Tiny RSS: 1 new article, 1 change sent in 1 request, \
                 1 feed added here (1 request, "
            ),
            "{line}"
        );
        let many = SyncReport {
            articles_new: 3,
            changes_sent: 2,
            change_batches: 2,
            requests: 5,
            ..one
        };
        assert!(
            summary(&many).contains("3 new articles, 2 changes sent in 2 requests"),
            "{}",
            summary(&many)
        );
    }
}
