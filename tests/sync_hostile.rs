//! `sift sync` against a fake TT-RSS on 127.0.0.1 that this test starts:
//! a server that errors, times out or sends garbage leaves the cache and
//! feeds.toml as they were, with a clear error; the password never shows.

mod cli_support;
mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cli_support::Sandbox;
use serde_json::{Value, json};
use support::server::{Reply, TestServer};

/// What the fake server does for one op.
#[derive(Clone)]
enum Mode {
    Normal,
    Garbage,
    Error500,
    Slow,
    /// Holds the answer (for a kill mid-request), with the change not
    /// applied or applied.
    StallBeforeApplying,
    StallAfterApplying,
}

/// Longer than any test waits: the client is killed before it ends.
const STALL: Duration = Duration::from_secs(60);

fn fake_ttrss(server: &TestServer, failing: Arc<Mutex<(String, Mode)>>) {
    let feed_url = server.url("/feed.xml");
    let (page_a, page_b) = (server.url("/a"), server.url("/b"));
    // The server's flags: (unread ids, starred ids).
    let flags = Mutex::new((vec![11_i64], vec![12_i64]));
    server.route("/api/", move |request| {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let op = body["op"].as_str().unwrap_or("").to_owned();
        let (fail_op, mode) = failing.lock().unwrap().clone();
        if op == fail_op {
            match mode {
                Mode::Garbage => return Reply::ok("<html>an error page</html>"),
                Mode::Error500 => return Reply::status(500),
                Mode::Slow => return Reply::ok("{}").delay(Duration::from_secs(4)),
                Mode::StallBeforeApplying => return Reply::ok("{}").delay(STALL),
                Mode::Normal | Mode::StallAfterApplying => {}
            }
        }
        let content = match op.as_str() {
            "login" if body["password"] == "s3cret-pw" => json!({"session_id": "abc", "api_level": 15}),
            "login" => return Reply::ok(json!({"seq":0,"status":1,"content":{"error":"LOGIN_ERROR"}}).to_string()),
            "getApiLevel" => json!({"level": 15}),
            "getVersion" => json!({"version": "fake"}),
            "getCategories" => json!([{"id": "3", "title": "World"}]),
            "getFeeds" => json!([{"id": 7, "feed_url": feed_url, "title": "Fake", "cat_id": 3}]),
            "getHeadlines" if body["skip"].as_i64().unwrap_or(0) == 0 && body["show_content"] == true => json!([
                {"id": 11, "feed_id": 7, "guid": "g11", "title": "Talks \u{1b}[31mresume", "link": page_a,
                 "updated": 1_700_000_000, "content": "<p>Envoys met.</p>", "unread": true, "marked": false},
                {"id": 12, "feed_id": "7", "guid": "g12", "title": "Second", "link": page_b,
                 "updated": 1_700_000_100, "content": "<p>More.</p>", "unread": false, "marked": true}
            ]),
            "getHeadlines" if body["skip"].as_i64().unwrap_or(0) > 0 || body["show_content"] == true => json!([]),
            "getHeadlines" => {
                let flags = flags.lock().unwrap();
                let ids = if body["view_mode"] == "unread" { &flags.0 } else { &flags.1 };
                Value::Array(ids.iter().map(|id| json!({"id": id})).collect())
            }
            "getArticle" => {
                let flags = flags.lock().unwrap();
                let ids = body["article_id"].as_str().unwrap_or("").split(',');
                let ids = ids.filter_map(|id| id.parse::<i64>().ok());
                Value::Array(
                    ids.map(|id| json!({"id": id, "unread": flags.0.contains(&id), "marked": flags.1.contains(&id)}))
                        .collect(),
                )
            }
            "updateArticle" => {
                let mut flags = flags.lock().unwrap();
                let set = if body["field"] == 0 { &mut flags.1 } else { &mut flags.0 };
                // mode 1 sets the field (starred, or unread), 0 clears it.
                let on = body["mode"] == 1;
                for id in body["article_ids"].as_str().unwrap_or("").split(',') {
                    let id: i64 = id.parse().unwrap_or(0);
                    set.retain(|&x| x != id);
                    if on {
                        set.push(id);
                    }
                }
                json!({"status": "OK", "updated": 1})
            }
            _ => json!({"status": "OK"}),
        };
        let reply = Reply::ok(json!({"seq": 0, "status": 0, "content": content}).to_string());
        if op == fail_op && matches!(mode, Mode::StallAfterApplying) {
            return reply.delay(STALL);
        }
        reply
    });
}

fn sandbox(server: &TestServer) -> Sandbox {
    sandbox_with_timeout(server, 2)
}

fn sandbox_with_timeout(server: &TestServer, timeout_secs: u32) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("pw", "s3cret-pw\n");
    sandbox.write(
        "config/config.toml",
        format!(
            "[poll]\ntimeout = {timeout_secs}\nfull_text_fetches = 0\n[sync]\nbackend = \"ttrss\"\nurl = \"{}\"\nuser = \"me\"\npassword_file = \"{}\"\n",
            server.url("/"),
            sandbox.root().join("pw").display()
        ),
    );
    sandbox
}

fn state(sandbox: &Sandbox) -> (String, String) {
    let list = sandbox.sift().args(["list", "--json"]).output().unwrap();
    (
        String::from_utf8_lossy(&list.stdout).into_owned(),
        sandbox.feeds_toml(),
    )
}

#[test]
fn a_failing_server_leaves_the_cache_as_it_was() {
    let server = TestServer::start();
    let failing = Arc::new(Mutex::new((String::new(), Mode::Normal)));
    fake_ttrss(&server, Arc::clone(&failing));
    let sandbox = sandbox(&server);
    let first = sandbox.sift().arg("sync").output().unwrap();
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{out} {}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.contains("2 new articles"), "{out}");
    let before = state(&sandbox);
    assert!(
        before.0.contains("Talks resume") || before.0.contains("Talks [31mresume"),
        "{}",
        before.0
    );
    assert!(
        !before.0.contains('\u{1b}'),
        "escape stripped: {}",
        before.0
    );
    assert!(
        before.1.contains("World"),
        "category became a tag: {}",
        before.1
    );
    // A local change waits in the queue while the server fails.
    sandbox
        .sift()
        .args(["mark", "1", "--star"])
        .assert()
        .success();
    let before = state(&sandbox);
    for (op, mode, says) in [
        ("getHeadlines", Mode::Garbage, "not the API's JSON"),
        ("getFeeds", Mode::Error500, "HTTP 500"),
        ("getHeadlines", Mode::Slow, "did not answer within 2 s"),
        ("updateArticle", Mode::Error500, "HTTP 500"),
    ] {
        *failing.lock().unwrap() = (op.to_owned(), mode);
        let run = sandbox.sift().arg("sync").output().unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{op}: {err}");
        assert!(err.contains(says), "{op}: {err}");
        assert!(!err.contains("s3cret"), "{err}");
        assert_eq!(state(&sandbox), before, "{op} changed the cache");
    }
    // The server is back: the queued star goes out once.
    *failing.lock().unwrap() = (String::new(), Mode::Normal);
    let run = sandbox.sift().arg("sync").output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("1 change sent"),
        "{out} {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let run = sandbox.sift().arg("sync").output().unwrap();
    assert!(String::from_utf8_lossy(&run.stdout).contains("0 changes sent"));
    let updates: Vec<String> = server
        .requests_to("/api/")
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .filter(|b| b.contains("updateArticle"))
        .collect();
    // One failed try (HTTP 500), whose change was checked before the
    // next send; then it went once.
    assert_eq!(updates.len(), 2, "{updates:?}");
}

#[test]
fn wrong_password_and_no_server_say_so_plainly() {
    let server = TestServer::start();
    fake_ttrss(&server, Arc::new(Mutex::new((String::new(), Mode::Normal))));
    let sandbox = sandbox(&server);
    sandbox.write("pw", "wrong\n");
    let run = sandbox.sift().args(["sync", "login"]).output().unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("wrong user name or password"), "{err}");
    // Nothing listens on port 9 of 127.0.0.1.
    sandbox.write(
        "config/config.toml",
        format!(
            "[sync]\nbackend = \"ttrss\"\nurl = \"http://127.0.0.1:9/\"\nuser = \"me\"\npassword_file = \"{}\"\n",
            sandbox.root().join("pw").display()
        ),
    );
    let run = sandbox.sift().args(["sync", "login"]).output().unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert!(err.contains("cannot reach the sync server"), "{err}");
    let run = sandbox.sift().arg("sync").output().unwrap();
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot reach"));
}

/// An RSS feed of `items` (guid, title): what the feed itself serves, with
/// its own guids, not the sync server's.
fn rss(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title)| {
            format!("<item><guid>{guid}</guid><title>{title}</title><link>http://127.0.0.1/{guid}</link></item>")
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Own</title>{items}</channel></rss>"
    )
}

#[test]
fn poll_leaves_the_synced_feeds_to_the_sync() {
    let server = TestServer::start();
    fake_ttrss(&server, Arc::new(Mutex::new((String::new(), Mode::Normal))));
    // The synced feed as a poll would see it: the same stories, the feed's guids.
    server.route("/feed.xml", |_| {
        Reply::ok(rss(&[("own-11", "Talks resume"), ("own-12", "Second")]))
    });
    server.route("/local.xml", |_| Reply::ok(rss(&[("l1", "Only here")])));
    let sandbox = sandbox(&server);
    sandbox.sift().arg("sync").assert().success();
    // A feed added after the sync is not the server's yet: polled.
    sandbox
        .sift()
        .args(["feeds", "add", &server.url("/local.xml")])
        .assert()
        .success();
    let local_before = server.requests_to("/local.xml").len();
    let run = sandbox.sift().arg("poll").output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{out}");
    assert!(out.contains("1 feed left to `sift sync`"), "{out}");
    assert_eq!(
        server.requests_to("/feed.xml").len(),
        0,
        "synced feed polled"
    );
    assert_eq!(server.requests_to("/local.xml").len(), local_before + 1);
    let list = sandbox.sift().args(["list", "--json"]).output().unwrap();
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 3, "no article twice: {titles:?}");
    assert!(titles.contains(&"Only here"), "{titles:?}");
}

/// The `updateArticle` requests the server received: (field, mode, ids).
fn updates(server: &TestServer) -> Vec<(i64, i64, String)> {
    server
        .requests_to("/api/")
        .iter()
        .filter_map(|r| serde_json::from_slice::<Value>(&r.body).ok())
        .filter(|b| b["op"] == "updateArticle")
        .map(|b| {
            let ids = b["article_ids"].as_str().unwrap_or("").to_owned();
            (
                b["field"].as_i64().unwrap(),
                b["mode"].as_i64().unwrap(),
                ids,
            )
        })
        .collect()
}

/// Starts `sift sync`, waits for its `updateArticle` request number
/// `nth` (1-based) to reach the server, and kills it with SIGKILL there.
fn kill_sync_at_update(sandbox: &Sandbox, server: &TestServer, nth: usize) {
    let mut child = sandbox
        .std_sift()
        .arg("sync")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while updates(server).len() < nth {
        assert!(
            std::time::Instant::now() < deadline,
            "no updateArticle came"
        );
        assert!(child.try_wait().unwrap().is_none(), "sync ended early");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9)
    );
}

/// The server's flags of articles 11 and 12: (unread, starred) each, as
/// getArticle says.
fn server_flags(server: &TestServer) -> [(bool, bool); 2] {
    let reply = post_api(
        server,
        r#"{"op":"getArticle","sid":"abc","article_id":"11,12"}"#,
    );
    let flags = |i: usize| {
        let article = &reply["content"][i];
        (
            article["unread"].as_bool().unwrap(),
            article["marked"].as_bool().unwrap(),
        )
    };
    [flags(0), flags(1)]
}

/// One JSON POST to the fake server, with a plain TCP stream.
fn post_api(server: &TestServer, body: &str) -> Value {
    use std::io::{Read, Write};
    let url = server.url("/api/");
    let addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "POST /api/ HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let json = answer.split_once("\r\n\r\n").unwrap().1;
    serde_json::from_str(json).unwrap()
}

#[test]
fn a_sync_killed_mid_request_loses_nothing_and_sends_nothing_twice() {
    let server = TestServer::start();
    let failing = Arc::new(Mutex::new((String::new(), Mode::Normal)));
    fake_ttrss(&server, Arc::clone(&failing));
    // Long enough that the stalled request is still waiting when killed.
    let sandbox = sandbox_with_timeout(&server, 30);
    sandbox.sift().arg("sync").assert().success();
    // Two queued changes of article 11 (12 is read and starred already):
    // two batches, two requests.
    sandbox
        .sift()
        .args(["mark", "1", "2", "--read"])
        .assert()
        .success();
    sandbox
        .sift()
        .args(["mark", "1", "2", "--star"])
        .assert()
        .success();
    let local = state(&sandbox);
    assert_eq!(server_flags(&server), [(true, false), (false, true)]);

    // 1. The server applies the first batch, then the client dies
    //    waiting for the answer.
    *failing.lock().unwrap() = ("updateArticle".into(), Mode::StallAfterApplying);
    kill_sync_at_update(&sandbox, &server, 1);
    assert_eq!(state(&sandbox), local, "the kill lost a local change");
    *failing.lock().unwrap() = (String::new(), Mode::Normal);
    let run = sandbox.sift().arg("sync").output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{out}");
    assert!(
        out.contains("1 change sent"),
        "only the unsent batch: {out}"
    );
    let sent = updates(&server);
    assert_eq!(sent.len(), 2, "each batch once: {sent:?}");
    assert_ne!(sent[0], sent[1], "{sent:?}");
    assert_eq!(server_flags(&server), [(false, true), (false, true)]);
    assert_eq!(state(&sandbox), local);
    let run = sandbox.sift().arg("sync").output().unwrap();
    assert!(String::from_utf8_lossy(&run.stdout).contains("0 changes sent"));
    assert_eq!(updates(&server).len(), 2, "nothing more went out");

    // 2. The client dies before the server applied the batch: the next
    //    sync finds the server without it and sends it, once more only.
    sandbox
        .sift()
        .args(["mark", "1", "2", "--unstar"])
        .assert()
        .success();
    let local = state(&sandbox);
    *failing.lock().unwrap() = ("updateArticle".into(), Mode::StallBeforeApplying);
    kill_sync_at_update(&sandbox, &server, 3);
    assert_eq!(state(&sandbox), local);
    assert_eq!(server_flags(&server), [(false, true), (false, true)]);
    *failing.lock().unwrap() = (String::new(), Mode::Normal);
    let run = sandbox.sift().arg("sync").output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("2 changes sent"),
        "both unstars, one batch: {out}"
    );
    let sent = updates(&server);
    assert_eq!(sent.len(), 4, "{sent:?}");
    assert_eq!(sent[2], sent[3], "the unapplied batch again: {sent:?}");
    assert_eq!(server_flags(&server), [(false, false), (false, false)]);
    let run = sandbox.sift().arg("sync").output().unwrap();
    assert!(String::from_utf8_lossy(&run.stdout).contains("0 changes sent"));
    assert_eq!(updates(&server).len(), 4);
    assert_eq!(state(&sandbox), local);
}

#[test]
fn a_sync_fetches_the_pages_its_articles_want() {
    let server = TestServer::start();
    fake_ttrss(&server, Arc::new(Mutex::new((String::new(), Mode::Normal))));
    // Both articles carry a one-line summary: their pages are wanted.
    let page = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/full_text/article.html"),
    )
    .unwrap();
    server.route("/a", move |_| {
        Reply::ok(page.clone()).header("Content-Type", "text/html; charset=utf-8")
    });
    server.route("/b", |_| Reply::status(404));
    let sandbox = sandbox(&server);
    let config = sandbox.root().join("config/config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    sandbox.write(
        "config/config.toml",
        text.replace("full_text_fetches = 0", "full_text_fetches = 5"),
    );
    let run = sandbox.sift().arg("sync").output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{out}");
    assert!(
        out.contains("1 article page fetched, 1 page failed"),
        "{out}"
    );
    assert_eq!(server.requests_to("/a").len(), 1);
    let list = sandbox.sift().args(["list", "--json"]).output().unwrap();
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    let talks = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with("Talks")))
        .unwrap_or_else(|| panic!("{list}"));
    let id = talks["id"].to_string();
    let shown = sandbox.sift().args(["show", &id]).output().unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("The ferry to Lampedusa left at dawn"),
        "the page's text: {shown}"
    );
    // Once per article: the next sync fetches nothing again.
    let run = sandbox.sift().arg("sync").output().unwrap();
    assert!(!String::from_utf8_lossy(&run.stdout).contains("pages fetched"));
    assert_eq!(server.requests_to("/a").len(), 1);
}

/// Runs the interface's refresh (`r`, or auto-refresh) to its end.
fn interface_refresh(sandbox: &Sandbox) -> (u64, Vec<String>) {
    let paths = sift::config::Paths {
        config_dir: sandbox.config_dir(),
        data_dir: sandbox.data_dir(),
    };
    let settings = sift::settings::Settings::load(paths).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    sift::tui::poll::start(settings, None, tx).join().unwrap();
    loop {
        match rx.recv_timeout(Duration::from_secs(30)).unwrap() {
            sift::tui::app::Msg::PollFinished { new, failed, .. } => return (new, failed),
            sift::tui::app::Msg::PollProgress { .. } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn the_interfaces_refresh_syncs_when_sync_is_set() {
    let server = TestServer::start();
    let failing = Arc::new(Mutex::new((String::new(), Mode::Normal)));
    fake_ttrss(&server, Arc::clone(&failing));
    let sandbox = sandbox(&server);
    let (new, failed) = interface_refresh(&sandbox);
    assert_eq!((new, failed), (2, Vec::<String>::new()));
    let list = sandbox.sift().args(["list", "--count"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&list.stdout).trim(), "2");
    // A failing server is said, not hidden.
    *failing.lock().unwrap() = ("getFeeds".into(), Mode::Error500);
    let (new, failed) = interface_refresh(&sandbox);
    assert_eq!(new, 0);
    assert!(
        failed
            .first()
            .is_some_and(|f| f.starts_with("sync: ") && f.contains("HTTP 500")),
        "{failed:?}"
    );
}
