//! `sift poll`: fetch the selected feeds into the cache, with a progress
//! bar on a terminal and one summary line otherwise.

use std::io::IsTerminal;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::args::PollArgs;
use super::output::{note, say};
use super::{CliError, CliResult, Context};
use crate::poller::{
    FeedChoice, FeedResult, PageReport, PageResult, PlanError, PollEvent, PollRequest, PollSummary,
};

pub fn run(ctx: &Context, args: &PollArgs) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let choice = match (&args.feed, &args.tag) {
        (Some(which), _) => FeedChoice::One(super::feeds::resolve_feed(ctx, &feeds, which)?.id),
        (None, Some(tag)) => FeedChoice::Tagged(tag.clone()),
        (None, None) => FeedChoice::All,
    };
    let request = PollRequest {
        feeds: choice,
        force: args.force,
        jobs: args.jobs.map(usize::from),
        per_host: args.per_host.map(usize::from),
        no_full_text: args.no_full_text,
    };
    let plan = ctx
        .settings
        .poll_plan(&store, &request, super::report_skipped_rules)
        .map_err(|e| match e {
            PlanError::NoFeedTagged(_) | PlanError::Config(_) => CliError::Usage(e.to_string()),
            PlanError::Store(e) => CliError::from(e),
            PlanError::Failed(e) => CliError::Failed(e),
        })?;
    let left_to_sync = plan.left_to_sync;
    if plan.is_empty() && left_to_sync > 0 {
        say!("nothing to poll: {left_to_sync} feeds come from the sync server; run `sift sync`")?;
        return Ok(ExitCode::SUCCESS);
    }
    if plan.is_empty() {
        say!("no subscriptions to poll; add one with `sift feeds add URL` or `sift import FILE`")?;
        return Ok(ExitCode::SUCCESS);
    }

    let bar = progress_bar(plan.targets.len());
    let verbose = args.verbose;
    let on_event = |event: PollEvent<'_>| {
        let line = match event {
            PollEvent::Feed(report) => verbose.then(|| describe(&report.url, &report.result)),
            PollEvent::Page(report) => verbose.then(|| describe_page(report)),
            PollEvent::PagesQueued(pages) => {
                // The second phase gets its own count.
                if let Some(bar) = &bar
                    && pages > 0
                {
                    bar.set_message("article pages");
                    bar.set_length(pages as u64);
                    bar.set_position(0);
                }
                None
            }
        };
        if let Some(line) = line {
            match &bar {
                Some(bar) => bar.println(crate::text::sanitize(&line)),
                // A failed write shows again, and fails, at the summary.
                None => drop(say!("{line}")),
            }
        }
        if let (Some(bar), PollEvent::Feed(_) | PollEvent::Page(_)) = (&bar, event) {
            bar.inc(1);
        }
    };
    let outcome = plan.run(store, on_event);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let outcome = outcome.map_err(|e| match e {
        PlanError::Store(e) => CliError::from(e),
        e => CliError::Failed(e.to_string()),
    })?;
    for moved in &outcome.moves {
        match moved.followed {
            Ok(()) => say!("{}", moved.line())?,
            Err(_) => note!("{}", moved.line()),
        }
    }
    let summary = outcome.summary;
    report(&summary)?;
    if left_to_sync > 0 {
        say!(
            "{} left to `sift sync` (the sync server fetches them)",
            crate::text::counted(left_to_sync, "feed")
        )?;
    }
    Ok(if summary.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(total: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total as u64);
    let style =
        ProgressStyle::with_template("{spinner} polling {pos}/{len} {msg} [{bar:30}] {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message("feeds");
    Some(bar)
}

fn describe(url: &str, result: &FeedResult) -> String {
    match result {
        FeedResult::Updated { new, updated } => {
            format!("updated   {url}: {new} new, {updated} changed")
        }
        FeedResult::NotModified => format!("unchanged {url}"),
        FeedResult::Skipped { until } => {
            format!(
                "not due   {url} (until {})",
                super::table::date_time(*until)
            )
        }
        FeedResult::Failed { error } => format!("failed    {url}: {error}"),
    }
}

fn describe_page(report: &PageReport) -> String {
    match &report.result {
        PageResult::Fetched => format!("full text {}", report.url),
        PageResult::Failed { error, retry } => format!(
            "no text   {}: {error}{}",
            report.url,
            if *retry {
                " (tried again next poll)"
            } else {
                ""
            }
        ),
    }
}

fn report(summary: &PollSummary) -> Result<(), CliError> {
    match &summary.rescan {
        Some(Ok(rescan)) => {
            tracing::info!("{}", rescan.line());
            say!("{}", rescan.line())?;
        }
        Some(Err(error)) => note!("sift: rescan failed (the next poll tries again): {error}"),
        None => {}
    }
    tracing::info!("{}", summary.line());
    say!("{}", summary.line())?;
    for r in &summary.reports {
        if let FeedResult::Failed { error } = &r.result {
            say!("  failed: {}: {error}", r.url)?;
        }
        if !r.repairs.is_empty() {
            say!("  repaired: {}: {}", r.url, r.repairs.join("; "))?;
        }
    }
    Ok(())
}
