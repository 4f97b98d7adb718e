//! The commands users run, driven in-process from arbitrary bytes and
//! arguments through the CLI's own entry point (`sift::cli::run`, output
//! collected by `output::capture` exactly as it would be written): `sift
//! extract`, `sift parse`, `sift import` and `sift list -q` never panic,
//! never print a control character, and fail only the way their contract
//! says. The fuzz targets `extract`, `parse`, `import` and `list_query`
//! (fuzz/) run the same checks much longer; these run in the normal suite.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

use clap::Parser;
use proptest::prelude::*;
use sift::cli::{Cli, CliError, output::capture};

/// What must never be printed: the C0 controls but newline and tab, DEL,
/// C1, bidi controls and invisible zero-width characters.
fn hostile(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{61c}'
        | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Runs `sift ARGS` on `dir` in this process, as `main` would (an error
/// printed as `sift: …`): (the outcome, standard output, standard error).
fn sift(dir: &Path, args: &[&str]) -> (Result<ExitCode, CliError>, String, String) {
    let dir = dir.to_str().expect("a UTF-8 temporary path");
    let mut argv = vec!["sift", "--config-dir", dir, "--data-dir", dir];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(&argv).expect("the arguments parse");
    let (result, out, mut err) = capture(|| {
        let result = sift::cli::run(cli);
        if let Err(e) = &result {
            sift::cli::output::print_warning(format_args!("sift: {e}"));
        }
        result
    });
    if let Some(c) = out.chars().chain(err.chars()).find(|&c| hostile(c)) {
        err.push_str(&format!("\nPRINTED U+{:04X}", c as u32));
    }
    (result, out, err)
}

fn clean(out: &str, err: &str) -> Result<(), TestCaseError> {
    prop_assert!(!err.contains("PRINTED U+"), "{}", err);
    prop_assert!(!out.chars().any(hostile), "{:?}", out);
    Ok(())
}

fn new_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.toml"),
        "[poll]\nfull_text_fetches = 0\n",
    )
    .expect("config");
    dir
}

/// Escapes, controls, bidi and markup pieces, glued in any order.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200d}".to_string()),
        Just("&#x1b;".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("\"".to_string()),
        Just("&".to_string()),
        "[a-z:/. -]{0,8}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

fn feed_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        hostile_text().prop_map(|t| format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{t}</title>\
             <item><title>{t}</title><link>{t}</link><description>{t}</description>\
             <pubDate>{t}</pubDate></item></channel></rss>"
        )
        .into_bytes()),
        hostile_text().prop_map(|t| format!("<?xml version=\"1.0\"?><{t}><x/></{t}>").into_bytes()),
        prop::collection::vec(any::<u8>(), 0..512),
    ]
}

fn list_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (hostile_text(), hostile_text(), hostile_text()).prop_map(|(text, url, folder)| format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"{folder}\">\
             <outline text=\"{text}\" xmlUrl=\"{url}\"/>\
             <outline text=\"{text}\" xmlUrl=\"https://{url}\"/></outline></body></opml>"
        )
        .into_bytes()),
        (hostile_text(), hostile_text())
            .prop_map(
                |(url, tag)| format!("{url} {tag} \"~{tag}\"\nhttps://a.test/{url}\n").into_bytes()
            ),
        prop::collection::vec(any::<u8>(), 0..512),
    ]
}

/// Pages for `sift extract`: markup around hostile text, a declared
/// charset whose 0x80-0x9F bytes are C1 controls, or any bytes.
fn page_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        hostile_text().prop_map(|t| format!(
            "<html><head><title>{t}</title></head><body><article><h1>{t}</h1>\
             <p>{t} and a sentence long enough to be the article's text.</p>\
             <p class=\"newsletter\">Sign up: {t}</p></article></body></html>"
        )
        .into_bytes()),
        prop::collection::vec(any::<u8>(), 0..512).prop_map(|body| {
            let mut page = b"<meta charset=\"iso-8859-2\"><p>".to_vec();
            page.extend(body);
            page
        }),
        prop::collection::vec(any::<u8>(), 0..512),
    ]
}

/// A cache with a few articles, polled once, for `list -q`.
static POLLED: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = new_dir();
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>Desk</title>\
         <item><guid>1</guid><title>Tanker seized in the strait</title></item>\
         <item><guid>2</guid><title>Sport: the tanker cup final</title></item>\
         <item><guid>3</guid><title>Talks resume on Tuesday</title></item>\
         </channel></rss>",
    )
    .expect("feed");
    let path = dir.path().to_path_buf();
    let (added, _, err) = sift(&path, &["feeds", "add", feed.to_str().unwrap()]);
    assert!(added.is_ok(), "{err}");
    let (polled, _, err) = sift(&path, &["poll"]);
    assert!(polled.is_ok(), "{err}");
    (dir, path)
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// `sift parse --json FILE`: JSON on success, exit 1 with a message
    /// otherwise; nothing hostile printed either way.
    #[test]
    fn parse_prints_json_or_a_clean_error(bytes in feed_bytes()) {
        let dir = new_dir();
        let file = dir.path().join("feed.xml");
        std::fs::write(&file, &bytes).unwrap();
        let (result, out, err) = sift(dir.path(), &["parse", "--json", file.to_str().unwrap()]);
        clean(&out, &err)?;
        match result {
            Ok(_) => {
                prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{}", out);
            }
            Err(e) => prop_assert!(matches!(e, CliError::Failed(_)), "{}", e),
        }
    }

    /// `sift import FILE`: whatever the list holds, feeds.toml stays a
    /// file sift can read, and every subscription in it is a valid URL.
    #[test]
    fn import_keeps_feeds_toml_readable(bytes in list_bytes()) {
        let dir = new_dir();
        let file = dir.path().join("list.opml");
        std::fs::write(&file, &bytes).unwrap();
        let (_, out, err) = sift(dir.path(), &["import", file.to_str().unwrap()]);
        clean(&out, &err)?;
        let feeds = sift::config::feeds::FeedsFile::load(&dir.path().join("feeds.toml"));
        prop_assert!(feeds.is_ok(), "{:?}", feeds.err());
        for entry in feeds.unwrap().entries() {
            prop_assert!(url::Url::parse(&entry.url).is_ok(), "{}", entry.url);
            prop_assert!(!entry.url.starts_with("file:"), "{}", entry.url);
        }
    }

    /// `sift extract FILE` (plain, `--explain`, `--json`): the command
    /// succeeds on any bytes, prints nothing hostile, and its JSON parses.
    #[test]
    fn extract_prints_clean_text_for_any_bytes(bytes in page_bytes(), how in 0usize..3) {
        let dir = new_dir();
        let file = dir.path().join("page.html");
        std::fs::write(&file, &bytes).unwrap();
        let flag = ["--explain", "--json", "--url=https://example.com/a"][how];
        let (result, out, err) = sift(dir.path(), &["extract", flag, file.to_str().unwrap()]);
        clean(&out, &err)?;
        prop_assert!(result.is_ok(), "{}", err);
        if flag == "--json" {
            prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{}", out);
        }
    }

    /// `sift list -q TEXT`: rows, or a usage error (exit 2) for a bad
    /// query; never a cache error, a panic or a hostile character.
    #[test]
    fn list_query_answers_or_says_what_is_wrong(text in hostile_text()) {
        let (_, dir) = &*POLLED;
        let (result, out, err) = sift(dir, &["list", "-q", &text]);
        clean(&out, &err)?;
        if let Err(e) = result {
            prop_assert!(matches!(e, CliError::Usage(_)), "{:?}: {}", text, e);
        }
    }
}
