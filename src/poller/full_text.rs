//! The full-text stage of a poll. Feeds like The Week's carry a one-line
//! standfirst per item: their articles are queued when they are stored,
//! and once the feeds are done the queued pages are fetched (newest first,
//! at most `full_text_fetches` per poll) with the same fetcher and per-host
//! limits, their main content extracted on the blocking pool and stored
//! through the writer. Once per article: a stored text or a permanent
//! failure is final; transient failures are tried again on later polls.

use std::sync::Arc;

use futures_util::StreamExt;

use super::host_gate::{HostGate, Passage};
use super::hosts::HostLimits;
use super::writer::Writer;
use super::{PageReport, PageResult, PollEvent};
use crate::clean::RuleSet;
use crate::fetch::{FetchError, Fetched, Fetcher};
use crate::ingest::IndexText;
use crate::model::{ArticleId, FeedId, Timestamp};
use crate::store::{FailureKind, FullTextJob, FullTextStatus, Store};

/// What fetching one page gave, ready for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PageOutcome {
    /// The extracted article, sanitised HTML, and the index's text (the
    /// kept blocks of the page and of the article's summary).
    Text {
        html: String,
        index: IndexText,
    },
    Failed {
        error: String,
        kind: FailureKind,
    },
}

/// Writer side: stores a page's outcome.
pub(super) fn store_outcome(
    store: &mut Store,
    article_id: ArticleId,
    outcome: &PageOutcome,
    now: Timestamp,
) -> crate::store::Result<Option<FullTextStatus>> {
    match outcome {
        PageOutcome::Text { html, index } => Ok(store
            .save_cleaned_full_text(article_id, html, index.clone(), now)?
            .then_some(FullTextStatus::Ok)),
        PageOutcome::Failed { error, kind } => {
            store.record_full_text_failure(article_id, error, *kind, now)
        }
    }
}

/// What the stage shares with the rest of the poll.
pub(super) struct PageStage<'a> {
    pub writer: &'a Writer,
    pub fetcher: &'a Fetcher,
    pub hosts: &'a HostLimits,
    /// The noise rules: extraction marks what they remove.
    pub rules: &'a Arc<RuleSet>,
    pub now: Timestamp,
}

/// Runs the stage: fetches up to `limit` queued pages of `feeds`, `jobs`
/// at once within the per-host limits, and reports each page.
pub(super) async fn run(
    stage: PageStage<'_>,
    feeds: Vec<FeedId>,
    (limit, jobs): (usize, usize),
    on_event: &mut impl FnMut(PollEvent<'_>),
) -> Vec<PageReport> {
    let PageStage {
        writer,
        fetcher,
        hosts,
        rules,
        now,
    } = stage;
    let queue = writer.full_text_queue(feeds, limit).await;
    on_event(PollEvent::PagesQueued(queue.len()));
    let mut reports = Vec::with_capacity(queue.len());
    let jobs = jobs.max(1);
    let gate = HostGate::default();
    let gate = &gate;
    let mut stream = futures_util::stream::iter(queue)
        .map(|job| async move {
            let fetch = || async {
                let _permit = hosts.acquire(&job.link).await;
                fetcher.fetch_page(&job.link, now).await
            };
            let passage = gate.pass(&job.link, fetch, |fetched| {
                !matches!(fetched, Err(FetchError::Connect(_)))
            });
            (passage.await, job)
        })
        .buffer_unordered(jobs)
        .map(|(passage, job)| async move {
            match passage {
                Passage::Fetched(fetched) => {
                    finish_page(job, fetched, writer, rules.clone(), now).await
                }
                Passage::Skipped { host } => skipped_page(job, &host),
            }
        })
        .buffer_unordered(jobs);
    while let Some(report) = stream.next().await {
        on_event(PollEvent::Page(&report));
        reports.push(report);
    }
    reports
}

/// How many pages a stage fetches: at most `limit`, `jobs` at once, and
/// `per_host` at once from one host.
#[derive(Debug, Clone, Copy)]
pub struct PageLimits {
    pub limit: usize,
    pub jobs: usize,
    pub per_host: usize,
}

/// The stage on its own, for articles stored by something other than a
/// poll (a sync: the server fetched the feeds): fetches the queued pages
/// of `feeds` into `store` exactly as a poll would. The store comes back
/// (None only if the writer thread died).
pub async fn fetch_queued_pages(
    store: Store,
    fetcher: &Fetcher,
    feeds: Vec<FeedId>,
    rules: Arc<RuleSet>,
    limits: PageLimits,
) -> (Option<Store>, Vec<PageReport>) {
    let writer = Writer::spawn(store, Arc::clone(&rules));
    let hosts = HostLimits::new(limits.per_host);
    let now = super::now();
    let stage = PageStage {
        writer: &writer,
        fetcher,
        hosts: &hosts,
        rules: &rules,
        now,
    };
    let pages = run(stage, feeds, (limits.limit, limits.jobs), &mut |_| {}).await;
    let store = writer.finish(now, None).await.map(|(store, _)| store);
    (store, pages)
}

/// A page not tried because its host could not be reached: nothing is
/// stored, so it keeps its attempts and a later poll tries it.
fn skipped_page(job: FullTextJob, host: &str) -> PageReport {
    let error = format!(
        "not tried: {} could not be reached earlier in this poll",
        crate::text::sanitize_line(host)
    );
    tracing::info!(url = %job.link, %error, "full text skipped");
    PageReport {
        article_id: job.article_id,
        feed_id: job.feed_id,
        url: job.link,
        result: PageResult::Failed { error, retry: true },
    }
}

/// Extracts (on the blocking pool), stores, reports.
async fn finish_page(
    job: FullTextJob,
    fetched: Result<Fetched, FetchError>,
    writer: &Writer,
    rules: Arc<RuleSet>,
    now: Timestamp,
) -> PageReport {
    let summary = job.summary.clone();
    let outcome = tokio::task::spawn_blocking(move || page_outcome(fetched, summary, &rules))
        .await
        .unwrap_or_else(|e| PageOutcome::Failed {
            error: format!("the article extractor crashed: {e}"),
            kind: FailureKind::Permanent,
        });
    let failure = match &outcome {
        PageOutcome::Text { .. } => None,
        PageOutcome::Failed { error, .. } => Some(error.clone()),
    };
    let result = match (
        writer.write_page(job.article_id, outcome, now).await,
        failure,
    ) {
        (Err(store_error), _) => PageResult::Failed {
            error: store_error,
            retry: true,
        },
        (Ok(_), None) => PageResult::Fetched,
        (Ok(status), Some(error)) => PageResult::Failed {
            error,
            retry: status == Some(FullTextStatus::Failed),
        },
    };
    match &result {
        PageResult::Failed { error, .. } => {
            tracing::info!(url = %job.link, %error, "full text failed");
        }
        PageResult::Fetched => tracing::debug!(url = %job.link, "full text stored"),
    }
    PageReport {
        article_id: job.article_id,
        feed_id: job.feed_id,
        url: job.link,
        result,
    }
}

/// From a fetch to what is stored: only HTML pages, decoded by their
/// charset, with an article in them. CPU work.
fn page_outcome(
    fetched: Result<Fetched, FetchError>,
    summary: Option<String>,
    rules: &RuleSet,
) -> PageOutcome {
    let fetched = match fetched {
        Ok(fetched) => fetched,
        Err(e) => {
            let (error, kind) = classify(&e);
            return PageOutcome::Failed { error, kind };
        }
    };
    let permanent = |error: String| PageOutcome::Failed {
        error,
        kind: FailureKind::Permanent,
    };
    let Some(body) = fetched.body.as_deref() else {
        return PageOutcome::Failed {
            error: "the server sent no page".into(),
            kind: FailureKind::Transient,
        };
    };
    let page = match crate::fetch::page::html_text(fetched.content_type.as_deref(), body) {
        Ok(page) => page,
        Err(not_a_page) => return permanent(not_a_page.to_string()),
    };
    match crate::clean::extract_main(&page, Some(&fetched.final_url), rules) {
        Some(article) if !crate::text::html_to_plain(&article.html).is_empty() => {
            // The same 1 MiB cap as a feed's own bodies.
            let html = crate::feed::bounds::cap_body(
                crate::text::sanitize_html(&article.html).into_owned(),
            );
            let link = Some(fetched.final_url.as_str());
            let index =
                crate::ingest::index_text(summary.as_deref(), None, Some(&html), link, rules);
            PageOutcome::Text { html, index }
        }
        _ => permanent("no article found in the page".into()),
    }
}

/// The reason to store, and whether a later poll may do better: 5xx, 408,
/// 429, timeouts and connection errors may pass; other 4xx, bad redirects
/// and pages over the size cap will not.
fn classify(error: &FetchError) -> (String, FailureKind) {
    use FailureKind::{Permanent, Transient};
    match error {
        FetchError::Status { code, .. } => {
            let kind = match code {
                408 | 429 => Transient,
                400..=499 => Permanent,
                _ => Transient,
            };
            (crate::fetch::status_line(*code), kind)
        }
        FetchError::TooLarge(max) => (
            format!("page too large (over {} MiB)", max / (1024 * 1024)),
            Permanent,
        ),
        FetchError::Timeout(_) | FetchError::Connect(_) | FetchError::Io(_) => {
            (crate::text::sanitize_line(&error.to_string()), Transient)
        }
        FetchError::TooManyRedirects(_)
        | FetchError::BadRedirect(_)
        | FetchError::RedirectScheme(_)
        | FetchError::Scheme(_) => (crate::text::sanitize_line(&error.to_string()), Permanent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_classified() {
        let status = |code| FetchError::Status {
            code,
            hint: Some("the feed is gone for good".into()),
            retry_after: None,
        };
        assert_eq!(
            classify(&status(404)),
            ("HTTP 404 Not Found".into(), FailureKind::Permanent)
        );
        assert_eq!(classify(&status(410)).1, FailureKind::Permanent);
        // Feed hints do not apply to pages.
        assert!(!classify(&status(410)).0.contains("feed"));
        for code in [408, 429, 500, 503] {
            assert_eq!(classify(&status(code)).1, FailureKind::Transient, "{code}");
        }
        assert_eq!(classify(&FetchError::Timeout(30)).1, FailureKind::Transient);
        assert_eq!(
            classify(&FetchError::Connect("refused".into())).1,
            FailureKind::Transient
        );
        assert_eq!(
            classify(&FetchError::TooLarge(16 * 1024 * 1024)),
            (
                "page too large (over 16 MiB)".into(),
                FailureKind::Permanent
            )
        );
        assert_eq!(
            classify(&FetchError::RedirectScheme("file:///x".into())).1,
            FailureKind::Permanent
        );
    }

    fn fetched(content_type: Option<&str>, body: &[u8]) -> Result<Fetched, FetchError> {
        Ok(Fetched {
            body: Some(body.to_vec()),
            content_type: content_type.map(str::to_owned),
            validators: Default::default(),
            moved_to: None,
            fresh_for: None,
            final_url: "https://a.example/story".into(),
        })
    }

    fn page_outcome_builtin(fetched: Result<Fetched, FetchError>) -> PageOutcome {
        page_outcome(
            fetched,
            Some("Migrants left at dawn.".into()),
            &RuleSet::builtin(),
        )
    }

    #[test]
    fn pages_become_text_or_a_reason() {
        let page = include_str!("../../tests/fixtures/full_text/article.html")
            .replace("left at dawn", "left\x1b[31m at dawn");
        let outcome = page_outcome_builtin(fetched(Some("text/html"), page.as_bytes()));
        let PageOutcome::Text { html, index } = outcome else {
            panic!("an article page is kept: {outcome:?}");
        };
        assert!(
            html.contains("Lampedusa") && !html.contains('\x1b'),
            "{html}"
        );
        // The index gets the page's kept text and the summary's.
        let body = index.body.expect("the page's text");
        assert!(
            body.contains("Lampedusa") && !body.contains('\x1b'),
            "{body}"
        );
        assert_eq!(index.summary.as_deref(), Some("Migrants left at dawn."));
        assert_eq!(
            page_outcome_builtin(fetched(Some("application/pdf"), b"%PDF-1.7")),
            PageOutcome::Failed {
                error: "not a web page (application/pdf)".into(),
                kind: FailureKind::Permanent
            }
        );
        assert_eq!(
            page_outcome_builtin(fetched(Some("text/html"), b"<html><body> </body></html>")),
            PageOutcome::Failed {
                error: "no article found in the page".into(),
                kind: FailureKind::Permanent
            }
        );
        assert!(matches!(
            page_outcome_builtin(Err(FetchError::Timeout(3))),
            PageOutcome::Failed {
                kind: FailureKind::Transient,
                ..
            }
        ));
    }
}
