//! `sift poll` end to end against a local HTTP server: the summary line,
//! exit codes, and a permanent redirect rewriting feeds.toml.

mod support;

use assert_cmd::Command;
use support::server::{Reply, TestServer};

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><guid>g1</guid><title><![CDATA[  Padded   title  ]]></title><link>http://example.test/1</link></item>
<item><guid>g2</guid><title>Second</title><link>http://example.test/2</link></item>
</channel></rss>"#;

fn sift(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("sift").unwrap();
    cmd.arg("--config-dir")
        .arg(dir)
        .arg("--data-dir")
        .arg(dir)
        .env("HOME", dir)
        .env_remove("SIFT_LOG");
    cmd
}

fn stdout(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn poll_summarises_exits_by_outcome_and_follows_permanent_moves() {
    let server = TestServer::start();
    let new_url = server.url("/new.xml");
    let target = new_url.clone();
    server.route("/old.xml", move |_| {
        Reply::status(301).header("Location", &target)
    });
    server.route("/new.xml", |_| Reply::ok(FEED).header("ETag", "\"e1\""));
    server.route("/broken.xml", |_| Reply::status(500));
    let dir = tempfile::tempdir().unwrap();
    // The items link to example.test: no article pages (tests/cli_full_text.rs
    // covers them).
    std::fs::write(
        dir.path().join("config.toml"),
        "[poll]\nfull_text_fetches = 0\n",
    )
    .unwrap();
    let feeds = dir.path().join("feeds.toml");
    std::fs::write(
        &feeds,
        format!(
            "# mine\n[[feed]]\nurl = \"{}\" # keep me\n",
            server.url("/old.xml")
        ),
    )
    .unwrap();

    let (code, out, _) = stdout(sift(dir.path()).arg("poll"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("polled 1 feed: 1 updated, 0 not modified, 0 failed; 2 new articles in "),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "moved permanently: {} -> {new_url} (feeds.toml updated)",
            server.url("/old.xml")
        )),
        "{out}"
    );
    let text = std::fs::read_to_string(&feeds).unwrap();
    assert!(
        text.contains(&format!("url = \"{new_url}\"")) && text.starts_with("# mine"),
        "{text}"
    );

    // The second poll asks the new URL conditionally and gets... a 200 from
    // this simple server, which ignores validators; what matters is that the
    // request carried them.
    sift(dir.path()).arg("poll").assert().success();
    let last = server.requests_to("/new.xml").pop().unwrap();
    assert_eq!(last.header("if-none-match"), Some("\"e1\""));

    let (code, out, _) = stdout(sift(dir.path()).args(["list"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Padded title"),
        "titles are trimmed and collapsed: {out}"
    );

    sift(dir.path())
        .args(["feeds", "add", &server.url("/broken.xml")])
        .assert()
        .success();
    let (code, out, _) = stdout(sift(dir.path()).arg("poll"));
    assert_eq!(code, 1, "a failed feed makes the exit code 1: {out}");
    assert!(out.contains("1 failed"), "{out}");
    assert!(
        out.contains(&format!("failed: {}: HTTP 500", server.url("/broken.xml"))),
        "{out}"
    );
    let (_, out, _) = stdout(sift(dir.path()).args(["feeds", "list"]));
    assert!(out.contains("failed 1x: HTTP 500"), "{out}");
}
