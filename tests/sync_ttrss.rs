//! `sift sync` against a real Tiny Tiny RSS on 127.0.0.1, started by the
//! repo's own tests/support/ttrss/start.sh (PostgreSQL and php-cli from
//! Debian; `.ci/run` installs them). Without them the test is skipped
//! with a message. The server is stopped when the test ends, and by a
//! watchdog if this process dies first. Server state is set and checked
//! with psql, not with sift's own client.

mod cli_support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cli_support::Sandbox;

struct Ttrss {
    env: HashMap<String, String>,
    base: PathBuf,
    scripts: PathBuf,
    /// Feed files written so far (see `write_feed`).
    writes: std::cell::Cell<u64>,
}

impl Ttrss {
    /// A fresh server, or None (and why) when this machine cannot run one.
    fn start() -> Option<Ttrss> {
        let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/ttrss");
        let has = |cmd: &str| {
            Command::new("sh")
                .args(["-c", &format!("command -v {cmd}")])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let postgres =
            std::fs::read_dir("/usr/lib/postgresql").is_ok_and(|mut d| d.next().is_some());
        if !(has("php") && postgres && has("psql") && has("python3") && has("apt-get")) {
            eprintln!(
                "skipped: the TT-RSS sync tests need php-cli and PostgreSQL from Debian \
                 (apt-get install postgresql php-cli php-pgsql php-xml php-mbstring php-intl php-curl; \
                 .ci/run does it), then `cargo test --test sync_ttrss`"
            );
            return None;
        }
        let base = PathBuf::from(format!("/tmp/sift-ttrss/test-{}", std::process::id()));
        let out = Command::new(scripts.join("start.sh"))
            .env("TTRSS_BASE", &base)
            .env("TTRSS_OWNER_PID", std::process::id().to_string())
            .output()
            .expect("run start.sh");
        assert!(
            out.status.success(),
            "start.sh failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let env = std::fs::read_to_string(base.join("ttrss.env"))
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
            .collect();
        Some(Ttrss {
            env,
            base,
            scripts,
            writes: std::cell::Cell::new(0),
        })
    }

    fn psql(&self, sql: &str) -> String {
        let out = Command::new("psql")
            .args([
                "-X",
                "-q",
                "-At",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-U",
                "ttrss",
                "-d",
                "ttrss",
            ])
            .args(["-p", &self.env["TTRSS_PG_PORT"], "-c", sql])
            .env("PGPASSWORD", "ttrss")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    fn feed_url(&self, name: &str) -> String {
        self.env["TTRSS_FEED_URL"].replace("feed.xml", name)
    }

    /// Writes an RSS file the server's feeds come from.
    fn write_feed(&self, name: &str, titles: &[&str]) {
        let items: String = titles
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    "<item><title>{t}</title><link>http://127.0.0.1/{name}/{i}</link><guid isPermaLink=\"false\">{name}-{t}</guid>\
                     <pubDate>Mon, 0{} Jan 2024 10:00:00 +0000</pubDate><description>Text of {t}.</description></item>",
                    i % 9 + 1
                )
            })
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {name}</title><link>http://127.0.0.1/</link><description>d</description>{items}</channel></rss>"
        );
        let path = self.base.join("feedsrv").join(name);
        std::fs::write(&path, xml).unwrap();
        // The feed server's Last-Modified has one-second steps and TT-RSS
        // asks with If-Modified-Since: a rewrite within the second of the
        // last fetch would be answered 304. Each write moves the time on.
        let writes = self.writes.get() + 1;
        self.writes.set(writes);
        let stamp = std::time::SystemTime::now() + std::time::Duration::from_secs(2 * writes);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(stamp))
            .unwrap();
    }

    /// The server fetches its feeds now.
    fn update(&self) {
        let out = Command::new(self.scripts.join("update-feeds.sh"))
            .env("TTRSS_BASE", &self.base)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// (unread, marked) of the server's article titled `title`.
    fn flags(&self, title: &str) -> String {
        self.psql(&format!(
            "SELECT u.unread || ',' || u.marked FROM ttrss_user_entries u JOIN ttrss_entries e ON e.id = u.ref_id WHERE e.title = '{title}'"
        ))
    }

    fn set_flag(&self, title: &str, assignment: &str) {
        self.psql(&format!(
            "UPDATE ttrss_user_entries SET {assignment} WHERE ref_id = (SELECT id FROM ttrss_entries WHERE title = '{title}')"
        ));
    }
}

impl Drop for Ttrss {
    fn drop(&mut self) {
        let _ = Command::new(self.scripts.join("stop.sh"))
            .arg("--clean")
            .env("TTRSS_BASE", &self.base)
            .output();
    }
}

fn sandbox(server: &Ttrss, url: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("pw", "password\n");
    sandbox.write(
        "config/config.toml",
        format!(
            "[poll]\nfull_text_fetches = 0\ntimeout = 10\n[sync]\nbackend = \"ttrss\"\nurl = \"{url}\"\nuser = \"admin\"\npassword_file = \"{}\"\n",
            sandbox.root().join("pw").display()
        ),
    );
    let _ = server;
    sandbox
}

fn sync(sandbox: &Sandbox) -> String {
    let out = sandbox.sift().arg("sync").output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "sift sync failed: {text}");
    text
}

/// id of the local article titled `title`, with its read and starred flags.
fn local(sandbox: &Sandbox, title: &str) -> (i64, bool, bool) {
    let out = sandbox.sift().args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no {title} in {list}"));
    (
        a["id"].as_i64().unwrap(),
        a["read"] == true,
        a["starred"] == true,
    )
}

/// One server for all scenarios (a start costs seconds); each scenario
/// uses its own feeds and its own sift.
#[test]
fn sync_with_a_real_tt_rss() {
    let Some(server) = Ttrss::start() else { return };
    let url = server.env["TTRSS_URL"].clone();

    // --- First sync of an empty sift against a server with feeds and articles.
    server.write_feed("a.xml", &["Alpha one", "Alpha two", "Alpha three"]);
    server.psql("INSERT INTO ttrss_feed_categories (owner_uid, title) VALUES (1, 'World')");
    server.psql(&format!(
        "INSERT INTO ttrss_feeds (owner_uid, title, feed_url, cat_id) \
         VALUES (1, 'A', '{}', (SELECT id FROM ttrss_feed_categories WHERE title = 'World'))",
        server.feed_url("a.xml")
    ));
    server.update();
    let sift = sandbox(&server, &url);
    let out = sync(&sift);
    assert!(out.contains("3 new articles"), "{out}");
    assert!(
        sift.feeds_toml().contains(&server.feed_url("a.xml")),
        "{}",
        sift.feeds_toml()
    );
    assert!(
        sift.feeds_toml().contains("World"),
        "category as a tag: {}",
        sift.feeds_toml()
    );

    // --- Incremental: one new article, and a flag changed on the server.
    server.write_feed(
        "a.xml",
        &["Alpha one", "Alpha two", "Alpha three", "Alpha four"],
    );
    server.update();
    server.set_flag("Alpha one", "unread = false");
    let out = sync(&sift);
    assert!(out.contains("1 new article,"), "{out}");
    assert!(local(&sift, "Alpha one").1, "read on the server, read here");
    assert!(!local(&sift, "Alpha four").1);

    // --- Read and star from sift reach the server.
    let (two, _, _) = local(&sift, "Alpha two");
    let (three, _, _) = local(&sift, "Alpha three");
    sift.sift()
        .args(["mark", &two.to_string(), "--star"])
        .assert()
        .success();
    sift.sift()
        .args(["mark", &three.to_string(), "--read"])
        .assert()
        .success();
    let out = sync(&sift);
    assert!(out.contains("2 changes sent"), "{out}");
    assert_eq!(server.flags("Alpha two"), "true,true");
    assert_eq!(server.flags("Alpha three"), "false,false");
    // Nothing is sent twice.
    assert!(sync(&sift).contains("0 changes sent"));

    // --- A feed added in sift appears on the server, and one added there here.
    server.write_feed("b.xml", &["Beta one"]);
    server.write_feed("c.xml", &["Gamma one"]);
    sift.sift()
        .args(["feeds", "add", &server.feed_url("b.xml")])
        .assert()
        .success();
    server.psql(&format!(
        "INSERT INTO ttrss_feeds (owner_uid, title, feed_url) VALUES (1, 'C', '{}')",
        server.feed_url("c.xml")
    ));
    let out = sync(&sift);
    assert!(
        out.contains("1 feed added here") && out.contains("1 feed added on the server"),
        "{out}"
    );
    assert!(sift.feeds_toml().contains(&server.feed_url("c.xml")));
    assert_eq!(
        server.psql(&format!(
            "SELECT count(*) FROM ttrss_feeds WHERE feed_url = '{}'",
            server.feed_url("b.xml")
        )),
        "1"
    );
    server.update();
    assert!(sync(&sift).contains("2 new articles"));
    // Removed in sift: removed on the server.
    sift.sift()
        .args(["feeds", "remove", &server.feed_url("b.xml")])
        .assert()
        .success();
    assert!(sync(&sift).contains("1 feed removed on the server"));
    assert_eq!(
        server.psql(&format!(
            "SELECT count(*) FROM ttrss_feeds WHERE feed_url = '{}'",
            server.feed_url("b.xml")
        )),
        "0"
    );

    // --- Offline: changes wait in the queue and go at the next sync.
    let offline = sift.root().join("config/config.toml");
    let online = std::fs::read_to_string(&offline).unwrap();
    std::fs::write(&offline, online.replace(&url, "http://127.0.0.1:9/")).unwrap();
    let (four, _, _) = local(&sift, "Alpha four");
    sift.sift()
        .args(["mark", &four.to_string(), "--read"])
        .assert()
        .success();
    sift.sift()
        .args(["mark", &four.to_string(), "--star"])
        .assert()
        .success();
    let down = sift.sift().arg("sync").output().unwrap();
    assert_eq!(down.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&down.stderr).contains("cannot reach the sync server"));
    assert!(local(&sift, "Alpha four").1, "the cache works offline");
    std::fs::write(&offline, &online).unwrap();
    assert!(sync(&sift).contains("2 changes sent"));
    assert_eq!(server.flags("Alpha four"), "false,true");

    // --- Conflicts. The server's change is later (sift changed the flag
    // and back, offline; then the server changed it): the server wins.
    let (gamma, _, _) = local(&sift, "Gamma one");
    sift.sift()
        .args(["mark", &gamma.to_string(), "--star"])
        .assert()
        .success();
    sift.sift()
        .args(["mark", &gamma.to_string(), "--unstar"])
        .assert()
        .success();
    server.set_flag("Gamma one", "marked = true");
    sync(&sift);
    assert!(local(&sift, "Gamma one").2, "the later server star wins");
    // sift's change is later (made after a sync saw the server's): sift wins.
    server.set_flag("Gamma one", "marked = false");
    sync(&sift);
    assert!(!local(&sift, "Gamma one").2);
    sift.sift()
        .args(["mark", &gamma.to_string(), "--star"])
        .assert()
        .success();
    sync(&sift);
    assert_eq!(server.flags("Gamma one"), "true,true");
    assert!(local(&sift, "Gamma one").2);

    // --- Wrong password.
    sift.write("pw", "not-the-password\n");
    let run = sift.sift().args(["sync", "login"]).output().unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("wrong user name or password"));
    // API disabled for the user.
    sift.write("pw", "password\n");
    server
        .psql("UPDATE ttrss_user_prefs SET value = 'false' WHERE pref_name = 'ENABLE_API_ACCESS'");
    let run = sift.sift().args(["sync", "login"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("API is disabled"),
        "{run:?}"
    );
    server.psql("UPDATE ttrss_user_prefs SET value = 'true' WHERE pref_name = 'ENABLE_API_ACCESS'");
    sift.sift().args(["sync", "login"]).assert().success();
}
