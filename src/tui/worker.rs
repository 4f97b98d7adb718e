//! The interface's workers: one owns the database (queries, rows, writes),
//! one renders articles, so a slow query or a long article never holds up
//! a key press. They talk to the main loop in `Msg`s only.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use super::app::{Effect, Msg, Sort};
use super::reader;
use crate::clean::RuleSet;
use crate::model::Article;
use crate::query::Query;
use crate::store::{NoiseFilter, Store, ViewOrder};

/// A job for the render worker.
pub struct RenderJob {
    pub article: Box<Article>,
    pub width: u16,
    pub show_hidden: bool,
}

/// Runs database effects until the channel closes. Of several queued
/// queries only the newest runs: typing fast costs one query, not one per
/// key.
pub fn database(
    mut store: Store,
    jobs: Receiver<Effect>,
    render: Sender<RenderJob>,
    out: Sender<Msg>,
) {
    let mut queue: VecDeque<Effect> = VecDeque::new();
    loop {
        if queue.is_empty() {
            match jobs.recv() {
                Ok(job) => queue.push_back(job),
                Err(_) => return,
            }
        }
        queue.extend(jobs.try_iter());
        let newest_query = queue
            .iter()
            .rposition(|e| matches!(e, Effect::Query { .. }));
        let Some(job) = queue.pop_front() else {
            continue;
        };
        if matches!(job, Effect::Query { .. }) && newest_query.is_some_and(|n| n > 0) {
            continue;
        }
        let reply = run(&mut store, job, &render);
        if let Some(msg) = reply
            && out.send(msg).is_err()
        {
            return;
        }
    }
}

fn run(store: &mut Store, job: Effect, render: &Sender<RenderJob>) -> Option<Msg> {
    let failed = |what: &str, e: &dyn std::fmt::Display| Some(Msg::Error(format!("{what}: {e}")));
    match job {
        Effect::Query {
            generation,
            text,
            noise,
            sort,
        } => {
            let now = chrono::Utc::now().timestamp();
            let query = match Query::parse(&text, now) {
                Ok(q) => q,
                Err(e) => {
                    return Some(Msg::QueryError {
                        generation,
                        message: format!("{} (at {})", e.message, e.span.start + 1),
                    });
                }
            };
            let filter = if noise {
                NoiseFilter::Include
            } else {
                NoiseFilter::Hide
            };
            let order = match sort {
                Sort::Newest => ViewOrder::Newest,
                Sort::Oldest => ViewOrder::Oldest,
                Sort::Feed => ViewOrder::Feed,
            };
            let result = (|| -> crate::store::Result<Msg> {
                let view = store.query_view(&query, filter, order)?;
                Ok(Msg::View {
                    generation,
                    ids: view.ids,
                    unread: view.unread,
                    noise: view.noise,
                })
            })();
            match result {
                Ok(msg) => Some(msg),
                Err(e) => Some(Msg::QueryError {
                    generation,
                    message: e.to_string(),
                }),
            }
        }
        Effect::LoadRows(ids) => match store.summaries(&ids) {
            Ok(rows) => Some(Msg::Rows(rows)),
            Err(e) => failed("cannot read the list", &e),
        },
        Effect::Render {
            id,
            width,
            show_hidden,
        } => match store.article(id) {
            Ok(Some(article)) => {
                let _ = render.send(RenderJob {
                    article: Box::new(article),
                    width,
                    show_hidden,
                });
                None
            }
            Ok(None) => None,
            Err(e) => failed("cannot read the article", &e),
        },
        Effect::SetRead { ids, read } => match store.set_read(&ids, read) {
            Ok(_) => None,
            Err(e) => failed("cannot save", &e),
        },
        Effect::MarkAllRead(ids) => {
            // Only the unread ones change; they are what undo restores.
            let unread: Vec<_> = match store.summaries(&ids) {
                Ok(rows) => rows.into_iter().filter(|r| !r.read).map(|r| r.id).collect(),
                Err(e) => return failed("cannot read the list", &e),
            };
            match store.set_read(&unread, true) {
                Ok(_) => Some(Msg::MarkedRead(unread)),
                Err(e) => failed("cannot save", &e),
            }
        }
        Effect::SetStarred { id, starred } => match store.set_starred(&[id], starred) {
            Ok(_) => None,
            Err(e) => failed("cannot save", &e),
        },
        Effect::SetTags { id, tags } => match store.set_article_tags(id, &tags) {
            Ok(_) => None,
            Err(e) => failed("cannot save", &e),
        },
        Effect::OpenUrl(_) | Effect::Copy(_) | Effect::Poll(_) | Effect::Quit => None,
    }
}

/// Renders articles until the channel closes. Only the newest job for
/// the same article and width is rendered.
pub fn renderer(rules: Arc<RuleSet>, jobs: Receiver<RenderJob>, out: Sender<Msg>) {
    while let Ok(first) = jobs.recv() {
        let mut job = first;
        // Skip renders overtaken by a newer one (fast scrolling).
        for next in jobs.try_iter() {
            job = next;
        }
        let cleaned = crate::render::cleaned_body(&job.article, &rules);
        let doc = reader::build(&job.article, &cleaned, job.width, job.show_hidden);
        if out.send(Msg::Doc(Box::new(doc))).is_err() {
            return;
        }
    }
}
