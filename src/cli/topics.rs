//! `sift topics`: each topic with how many cached articles belong to it
//! (and how many of those are unread); `--rescore` scores every cached
//! article again first, after the user changed topics.toml.

use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

use super::args::TopicsArgs;
use super::output::{note, say};
use super::{CliResult, Context};
use crate::query::{Query, Term};
use crate::store::NoiseFilter;

#[derive(Debug, Serialize)]
struct TopicRow {
    name: String,
    label: String,
    /// Articles that belong to the topic (noise items left out).
    articles: u64,
    unread: u64,
}

pub fn run(ctx: &Context, args: &TopicsArgs) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let mut store = ctx.open_store(&feeds)?;
    let scorer = &ctx.settings.topics;
    if args.rescore {
        let started = Instant::now();
        let n = store.rescore_topics(scorer)?;
        // On stderr, so `--rescore --json` still prints only JSON.
        note!(
            "rescored {n} article{} in {:.1} s",
            if n == 1 { "" } else { "s" },
            started.elapsed().as_secs_f64()
        );
    }
    let mut rows = Vec::new();
    for topic in scorer.topics() {
        let of_topic = Query::all().and(Term::Topic(topic.name.clone()));
        let articles = store.count_query(&of_topic, NoiseFilter::Hide)?;
        let unread = store.count_query(
            &of_topic.and(Term::Is(crate::query::Flag::Unread)),
            NoiseFilter::Hide,
        )?;
        rows.push(TopicRow {
            name: topic.name.clone(),
            label: topic.label.clone(),
            articles,
            unread,
        });
    }
    if args.json {
        super::misc::print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let label_width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    say!(
        "{:<width$}  {:<label_width$}  {:>8}  {:>8}",
        "TOPIC",
        "LABEL",
        "ARTICLES",
        "UNREAD"
    )?;
    for r in &rows {
        say!(
            "{:<width$}  {:<label_width$}  {:>8}  {:>8}",
            r.name,
            crate::text::sanitize_line(&r.label),
            r.articles,
            r.unread
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
