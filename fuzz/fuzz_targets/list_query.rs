//! `sift list -q TEXT` (with `--json`, `--count`, `--all`, `--noise` or
//! `--clusters`, picked by the first byte) on any text, run in-process
//! through `cli::run` against a cache polled once from a small feed: rows,
//! or a usage error (exit 2) for a bad query; never a panic, a cache error
//! or a hostile character printed.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift::cli::CliError;
use sift_fuzz::{new_dir, sift};

/// Headlines with words, accents and wide characters to match.
const FEED: &str = "<rss version=\"2.0\"><channel><title>Desk</title>\
    <item><guid>1</guid><title>Tanker seized in the strait</title>\
    <description>Iran's navy held the ship for a day.</description></item>\
    <item><guid>2</guid><title>Sport: the tanker cup final</title></item>\
    <item><guid>3</guid><title>Élan vital — café talks resume</title>\
    <description>日本語の記事 and ümlauts</description></item>\
    <item><guid>4</guid><title>Subscribe for £1 a week</title>\
    <link>https://example.com/subscription/offer</link></item>\
    </channel></rss>";

/// A cache with a few articles, polled once for the whole run.
static POLLED: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = new_dir();
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, FEED).expect("write the feed");
    let added = sift(dir.path(), &["feeds", "add", feed.to_str().unwrap()]);
    assert!(added.result.is_ok(), "feeds add: {}", added.err);
    let polled = sift(dir.path(), &["poll"]);
    assert!(polled.result.is_ok(), "poll: {}", polled.err);
    dir
});

const FLAGS: &[&[&str]] = &[
    &[],
    &["--json"],
    &["--count"],
    &["--all"],
    &["--noise"],
    &["--clusters"],
    &["--unread", "--limit", "2"],
];

fuzz_target!(|bytes: &[u8]| {
    let (pick, text) = match bytes.split_first() {
        Some((pick, rest)) => (usize::from(*pick), rest),
        None => (0, bytes),
    };
    let query = String::from_utf8_lossy(text);
    let mut args = vec!["list", "-q", &query];
    args.extend_from_slice(FLAGS[pick % FLAGS.len()]);
    let run = sift(POLLED.path(), &args);
    match run.result {
        Ok(_) => {}
        Err(CliError::Usage(_)) => {}
        Err(e) => panic!("list -q {query:?} failed: {e:?}; {}", run.err),
    }
});
