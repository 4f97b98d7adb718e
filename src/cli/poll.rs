//! `sift poll`: fetch the selected feeds into the cache, with a progress
//! bar on a terminal and one summary line otherwise.

use std::io::IsTerminal;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::args::PollArgs;
use super::output::{note, say};
use super::{CliError, CliResult, Context};
use crate::fetch::{FetchSettings, Fetcher};
use crate::poller::{
    self, FeedResult, PageReport, PageResult, PollEvent, PollOptions, PollSummary, PollTarget,
};

pub fn run(ctx: &Context, args: &PollArgs) -> CliResult {
    let mut feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let states = store.feeds()?;
    let selected: Vec<_> = match (&args.feed, &args.tag) {
        (Some(which), _) => vec![super::feeds::resolve_feed(ctx, &feeds, which)?],
        (None, Some(tag)) => {
            let picked: Vec<_> = states
                .into_iter()
                .filter(|s| s.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
                .collect();
            if picked.is_empty() {
                return Err(CliError::Usage(format!("no feed has the tag `{tag}`")));
            }
            picked
        }
        (None, None) => states,
    };
    let targets: Vec<PollTarget> = selected
        .iter()
        .filter_map(|s| {
            let entry = feeds.find(&s.url)?;
            let target = PollTarget::from_state(s, entry.refresh.map(|d| d.as_secs() as i64));
            Some(target.with_full_text(entry.full_text))
        })
        .collect();
    if targets.is_empty() {
        say!("no subscriptions to poll; add one with `sift feeds add URL` or `sift import FILE`")?;
        return Ok(ExitCode::SUCCESS);
    }
    let poll = &ctx.config.poll;
    let options = PollOptions {
        jobs: args.jobs.map_or(poll.jobs, usize::from),
        per_host: args.per_host.map_or(poll.per_host, usize::from),
        force: args.force,
        keep_days: ctx.config.cache.keep_days,
        keep_per_feed: ctx.config.cache.keep_per_feed,
        rules: std::sync::Arc::new(super::rescan::load_rules(ctx)),
        full_text_fetches: if args.no_full_text {
            0
        } else {
            poll.full_text_fetches
        },
    };
    let fetcher = Fetcher::new(FetchSettings {
        connect_timeout: poll.connect_timeout,
        timeout: poll.timeout,
        max_bytes: poll.max_response_bytes,
    })
    .map_err(|e| CliError::Failed(e.to_string()))?;
    // Parsing runs on the blocking pool; more parsers than cores only costs
    // memory (each thread gets its own allocator arena).
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(cores.max(2))
        .enable_all()
        .build()
        .map_err(|e| CliError::Failed(format!("cannot start the runtime: {e}")))?;

    let bar = progress_bar(targets.len());
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
    let (store, summary) = runtime.block_on(poller::poll_with_events(
        store, &fetcher, targets, &options, on_event,
    ));
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // Let connections close quietly instead of blocking on them.
    runtime.shutdown_background();
    let mut store = match store {
        Some(store) => store,
        None => crate::store::Store::open(&ctx.paths.database())?,
    };
    record_moves(&mut feeds, &mut store, &summary)?;
    report(&summary)?;
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

/// A permanent redirect moves the subscription: feeds.toml and the cache
/// both get the new URL, and the user is told.
fn record_moves(
    feeds: &mut crate::config::feeds::FeedsFile,
    store: &mut crate::store::Store,
    summary: &PollSummary,
) -> Result<(), CliError> {
    let mut changed = false;
    for report in &summary.reports {
        let Some(new_url) = &report.moved_to else {
            continue;
        };
        if matches!(report.result, FeedResult::Failed { .. }) || feeds.find(new_url).is_some() {
            continue;
        }
        match store.set_feed_url(report.feed_id, new_url) {
            Ok(()) => {
                feeds.set_url(&report.url, new_url);
                changed = true;
                say!(
                    "moved permanently: {} -> {new_url} (feeds.toml updated)",
                    report.url
                )?;
            }
            Err(e) => note!(
                "{} moved to {new_url}, but the cache could not follow: {e}",
                report.url
            ),
        }
    }
    if changed {
        feeds.save().map_err(|e| {
            CliError::Failed(format!("cannot write {}: {e}", feeds.path().display()))
        })?;
    }
    Ok(())
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
