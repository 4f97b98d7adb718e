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
}

fn fake_ttrss(server: &TestServer, failing: Arc<Mutex<(String, Mode)>>) {
    let feed_url = server.url("/feed.xml");
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
                Mode::Normal => {}
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
                {"id": 11, "feed_id": 7, "guid": "g11", "title": "Talks \u{1b}[31mresume", "link": "http://127.0.0.1/a",
                 "updated": 1_700_000_000, "content": "<p>Envoys met.</p>", "unread": true, "marked": false},
                {"id": 12, "feed_id": "7", "guid": "g12", "title": "Second", "link": "http://127.0.0.1/b",
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
                let on = if body["field"] == 0 { body["mode"] == 1 } else { body["mode"] == 0 };
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
        Reply::ok(json!({"seq": 0, "status": 0, "content": content}).to_string())
    });
}

fn sandbox(server: &TestServer) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("pw", "s3cret-pw\n");
    sandbox.write(
        "config/config.toml",
        format!(
            "[poll]\ntimeout = 2\nfull_text_fetches = 0\n[sync]\nbackend = \"ttrss\"\nurl = \"{}\"\nuser = \"me\"\npassword_file = \"{}\"\n",
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
        out.contains("1 changes sent"),
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
    assert!(out.contains("1 feeds left to `sift sync`"), "{out}");
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
