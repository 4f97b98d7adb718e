//! A rough figure for the report, not a timed assertion: run with
//! `cargo test --release --test store speed -- --ignored --nocapture`.

use std::time::Instant;

use sift::model::NewArticle;

use crate::{NOW, meta, parsed, store_with_feeds};

#[test]
#[ignore = "prints a timing; run by hand"]
fn cold_poll_of_4000_articles() {
    let (_dir, mut store, feeds) = store_with_feeds(100);
    let paragraph = "<p>Officials from both capitals met on Tuesday to discuss the \
        ceasefire terms, the sequencing of sanctions relief and the monitoring \
        mission, according to people familiar with the talks.</p>\n";
    let docs: Vec<_> = feeds
        .iter()
        .enumerate()
        .map(|(f, _)| {
            let items = (0..40)
                .map(|i| NewArticle {
                    enclosures: Vec::new(),
                    guid: format!("https://site{f}.example/story/{i}"),
                    link: Some(format!("https://site{f}.example/story/{i}")),
                    title: format!("Story {i} from feed {f}"),
                    author: Some("Staff".into()),
                    published: Some(NOW - i * 3600),
                    updated: None,
                    summary: Some("A one-line standfirst.".into()),
                    // 3 to 8 KB of HTML.
                    content: Some(paragraph.repeat(15 + (i as usize % 5) * 6)),
                })
                .collect();
            parsed(items)
        })
        .collect();
    let bytes: usize = docs
        .iter()
        .flat_map(|d| &d.items)
        .map(|i| i.content.as_ref().map_or(0, String::len))
        .sum();

    let started = Instant::now();
    for (feed, doc) in feeds.iter().zip(&docs) {
        let stats = store.ingest(*feed, doc, &meta(NOW)).expect("ingest");
        assert_eq!(stats.new, 40);
    }
    store.optimize().expect("optimize");
    let cold = started.elapsed();

    let started = Instant::now();
    for (feed, doc) in feeds.iter().zip(&docs) {
        let stats = store.ingest(*feed, doc, &meta(NOW + 600)).expect("ingest");
        assert_eq!(stats.unchanged, 40);
    }
    let warm = started.elapsed();
    eprintln!(
        "cold poll: 4000 articles, {} KB of content, in {cold:?}; unchanged re-poll in {warm:?}",
        bytes / 1024
    );
}
