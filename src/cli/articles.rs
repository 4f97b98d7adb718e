//! Reading the cache: `list`, `show`, and the overview printed when no
//! subcommand is given in a pipe.

use std::io::IsTerminal;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{ListArgs, ShowArgs};
use super::output::{note, say};
use super::selection::FlagFilter;
use super::table::{date_time, fit};
use super::{CliError, CliResult, Context};
use crate::model::{ArticleId, ArticleSummary, StoryRow};
use crate::query::{Flag, Query, Term};
use crate::store::{NoiseFilter, QueryOptions, Store};

/// `sift` in a pipe or a script: the unread count, one line, for a status
/// bar or a cron mail (noise items are not counted, as in `sift list`).
pub fn overview(ctx: &Context) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let unread = store.count_query(&Query::all().and(Term::Is(Flag::Unread)), NoiseFilter::Hide)?;
    say!("{unread} unread in {} feed(s)", feeds.entries().len())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    #[serde(flatten)]
    article: &'a ArticleSummary,
    date_iso: String,
}

pub fn list(ctx: &Context, args: &ListArgs) -> CliResult {
    let now = crate::poller::now();
    // A bad query is a usage error, found before any file is opened.
    let typed = match &args.query {
        Some(text) => Some(super::parse_query(ctx, text, now)?),
        None => None,
    };
    let feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let flags = FlagFilter {
        unread: args.unread,
        starred: args.starred,
        feed: args.feed.as_deref(),
        tag: args.tag.as_deref(),
        since: args.since.as_deref(),
    }
    .terms(&store, now)?;
    let typed_a_query = typed.is_some();
    let query = flags
        .into_iter()
        .fold(typed.unwrap_or_else(Query::all), Query::and);
    let options = QueryOptions {
        noise: if args.noise {
            NoiseFilter::Only
        } else if args.all {
            NoiseFilter::Include
        } else {
            NoiseFilter::Hide
        },
        limit: args.limit.map(|n| n.min(u32::MAX as usize) as u32),
        ..Default::default()
    };
    if args.clusters {
        return list_stories(&store, args, &query, &options);
    }
    if args.count {
        say!("{}", store.count_query(&query, options.noise)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = store.query_articles(&query, &options)?;
    if args.json {
        return print_json_rows(&rows);
    }
    print_rows(&rows)?;
    if options.noise == NoiseFilter::Hide {
        let hidden = store.noise_counts(&query)?;
        if typed_a_query && !hidden.is_empty() {
            let kinds: Vec<String> = hidden
                .into_iter()
                .map(|(kind, n)| format!("{kind} {n}"))
                .collect();
            note!(
                "(noise left out: {}; --all includes it, --noise lists it)",
                kinds.join(" · ")
            );
        } else if !typed_a_query {
            let hidden: u64 = hidden.iter().map(|(_, n)| n).sum();
            if hidden > 0 {
                note!("({hidden} noise item(s) left out; --all includes them, --noise lists them)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--clusters`: one row per story, `+N sources` after the lead's title.
fn list_stories(
    store: &Store,
    args: &ListArgs,
    query: &Query,
    options: &QueryOptions,
) -> CliResult {
    if args.count {
        say!("{}", store.count_stories(query, options.noise)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = store.story_rows(query, options)?;
    if args.json {
        return print_json_stories(store, &rows);
    }
    print_table(rows.iter().map(|row| {
        let more = row.member_ids.len();
        let suffix = match more {
            0 => String::new(),
            1 => "  +1 source".to_string(),
            n => format!("  +{n} sources"),
        };
        (&row.lead, suffix)
    }))
}

#[derive(Serialize)]
struct StoryJson<'a> {
    story_id: ArticleId,
    #[serde(flatten)]
    lead: SummaryJson<'a>,
    /// The lead and the members.
    count: usize,
    sources: &'a [String],
    /// The other members, in list order.
    members: Vec<SummaryJson<'a>>,
}

fn print_json_stories(store: &Store, rows: &[StoryRow]) -> CliResult {
    let ids: Vec<ArticleId> = rows.iter().flat_map(|r| r.member_ids.clone()).collect();
    let members: std::collections::HashMap<ArticleId, ArticleSummary> = store
        .summaries(&ids)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let json: Vec<StoryJson> = rows
        .iter()
        .map(|row| StoryJson {
            story_id: row.story_id,
            lead: summary_json(&row.lead),
            count: row.count,
            sources: &row.sources,
            members: row
                .member_ids
                .iter()
                .filter_map(|id| members.get(id))
                .map(summary_json)
                .collect(),
        })
        .collect();
    super::misc::print_json(&json)?;
    Ok(ExitCode::SUCCESS)
}

fn summary_json(a: &ArticleSummary) -> SummaryJson<'_> {
    SummaryJson {
        article: a,
        date_iso: date_time(a.date),
    }
}

fn print_json_rows(rows: &[ArticleSummary]) -> CliResult {
    let rows: Vec<SummaryJson> = rows
        .iter()
        .map(|a| SummaryJson {
            article: a,
            date_iso: date_time(a.date),
        })
        .collect();
    super::misc::print_json(&rows)?;
    Ok(ExitCode::SUCCESS)
}

fn print_rows(rows: &[ArticleSummary]) -> Result<(), CliError> {
    print_table(rows.iter().map(|a| (a, String::new())))?;
    Ok(())
}

/// The list table; `suffix` follows the (fitted) title.
fn print_table<'a>(rows: impl Iterator<Item = (&'a ArticleSummary, String)>) -> CliResult {
    let width = crossterm::terminal::size()
        .ok()
        .filter(|_| std::io::stdout().is_terminal())
        .map(|(w, _)| w as usize);
    for (a, suffix) in rows {
        let flags = format!(
            "{}{}",
            if a.read { ' ' } else { 'N' },
            if a.starred { '*' } else { ' ' }
        );
        let mut title = a.title.clone();
        if a.title_derived {
            // The item had no title: the first words of its text.
            title = format!("~ {title}");
        }
        if let Some(kind) = &a.noise_kind {
            title = format!("[noise: {kind}] {title}");
        }
        let id = format!("#{}", a.id);
        let head = format!(
            "{}  {}  {} ",
            date_time(a.date),
            fit(&a.feed_title, 16),
            flags
        );
        let title = match width {
            Some(w) => fit(
                &title,
                w.saturating_sub(head.chars().count() + id.len() + 2 + suffix.len())
                    .max(10),
            ),
            None => title,
        };
        say!("{head}{title}{suffix}  {id}")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(ctx: &Context, args: &ShowArgs) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let article = store.article(args.id)?.ok_or_else(|| {
        CliError::Usage(format!("no article #{}; `sift list` shows ids", args.id))
    })?;
    if args.json {
        super::misc::print_json(&article)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = crossterm::terminal::size()
        .ok()
        .filter(|_| std::io::stdout().is_terminal())
        .map_or(80, |(w, _)| w as usize);
    let mut out = String::new();
    out.push_str(&format!("{}\n", article.title));
    let mut byline = vec![article.feed_title.clone()];
    if let Some(author) = &article.author {
        byline.push(author.clone());
    }
    // The feed's own date, even one sift does not sort by (year 9999).
    let shown = article
        .published
        .or(article.updated)
        .unwrap_or(article.date);
    byline.push(crate::when::display_date_time(shown));
    out.push_str(&format!("{}\n", byline.join(" · ")));
    if let Some(link) = &article.link {
        out.push_str(&format!("{link}\n"));
    }
    for line in crate::render::media::enclosure_lines(&article) {
        out.push_str(&format!("{line}\n"));
    }
    out.push('\n');
    if args.raw {
        out.push_str(&crate::render::body_text(&article, width));
    } else {
        let rules = ctx.rules();
        let cleaned = crate::render::cleaned_body(&article, &rules);
        out.push_str(&crate::render::cleaned_to_text(&cleaned, width));
        if !cleaned.removed.is_empty() {
            out.push_str(&format!(
                "\n\nhidden: {} (sift show {} --raw shows everything)",
                cleaned.hidden_summary(),
                article.id
            ));
        }
    }
    // The body above fell back to the feed's text: say why.
    if let Some(error) = &article.full_error {
        out.push_str(&format!(
            "\n\nfull text: {}",
            crate::text::sanitize_line(error)
        ));
    }
    say!("{out}")?;
    Ok(ExitCode::SUCCESS)
}
