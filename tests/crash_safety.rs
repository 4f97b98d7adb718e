//! Crash safety: `sift poll` killed with SIGKILL at random moments, again
//! and again. After every kill the database passes `PRAGMA
//! integrity_check`, the read, star and tag state set before is intact,
//! the next poll completes, and the search index matches the articles.
//! 20 trials here; `tests/kill_trials.sh 200`
//! runs more (SIFT_KILL_TRIALS).

mod cli_support;

use std::time::{Duration, Instant};

use cli_support::Sandbox;
use sift::store::Store;

const FEEDS: usize = 24;
const ITEMS: usize = 40;

fn feed(feed: usize, round: usize) -> String {
    let mut out =
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title>");
    for i in 0..ITEMS {
        // Each round brings new items, so every poll has writing to do.
        out.push_str(&format!(
            "<item><guid>r{round}-f{feed}-{i}</guid><title>Round {round} story {i} of feed {feed}</title>\
             <link>https://example.test/{feed}/{round}/{i}</link><description>{}</description></item>",
            "Envoys met to discuss the ceasefire terms and the sanctions at length. ".repeat(30)
        ));
    }
    out.push_str("</channel></rss>");
    out
}

/// A small xorshift: random enough for kill times, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn write_feeds(sb: &Sandbox, round: usize) {
    for f in 0..FEEDS {
        std::fs::write(sb.root().join(format!("f{f}.xml")), feed(f, round)).unwrap();
    }
}

fn poll_once(sb: &Sandbox) -> Duration {
    let start = Instant::now();
    let out = sb
        .sift()
        .args(["poll", "--force", "--no-full-text"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

#[test]
fn killing_a_poll_at_random_moments_loses_nothing() {
    let trials: usize = std::env::var("SIFT_KILL_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let sb = Sandbox::new();
    // Every completed round adds ITEMS articles per feed; 200 trials would
    // pass the default keep_per_feed and retention would rightly drop the
    // read article this test checks on.
    sb.write_config("config.toml", "[cache]\nkeep_per_feed = 100000\n");
    write_feeds(&sb, 0);
    let urls: String = (0..FEEDS)
        .map(|f| format!("{}\n", sb.root().join(format!("f{f}.xml")).display()))
        .collect();
    std::fs::write(sb.root().join("urls.txt"), urls).unwrap();
    assert!(
        sb.sift()
            .args([
                "import",
                "--allow-local",
                sb.root().join("urls.txt").to_str().unwrap()
            ])
            .output()
            .unwrap()
            .status
            .success()
    );
    let full = poll_once(&sb);

    // State the user set before any kill.
    let db = sb.data_dir().join("sift.db");
    let (read, starred, tagged) = (1, 2, 3);
    {
        let mut store = Store::open(&db).unwrap();
        store.set_read(&[read], true).unwrap();
        store.set_starred(&[starred], true).unwrap();
        assert!(
            store
                .set_article_tags(tagged, &["briefing".into()])
                .unwrap()
        );
    }

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    // Kills fall at random within the first poll's time; a later poll can
    // be quicker (fewer new articles, a warm cache, a release build), so
    // each kill that comes too late narrows the window.
    let mut window = full.as_micros().max(1000) as u64 * 12 / 10;
    let mut killed_mid_poll = 0;
    for round in 1..=trials {
        write_feeds(&sb, round);
        let mut child = sb
            .std_sift()
            .args(["poll", "--force", "--no-full-text"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % window));
        if child.try_wait().unwrap().is_none() {
            killed_mid_poll += 1;
        } else {
            window = (window * 2 / 3).max(1000);
        }
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();

        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "trial {round} (seed {seed})");
        drop(conn);
        let store = Store::open(&db).unwrap();
        assert!(
            store.article(read).unwrap().unwrap().read,
            "trial {round} (seed {seed})"
        );
        assert!(
            store.article(starred).unwrap().unwrap().starred,
            "trial {round} (seed {seed})"
        );
        assert_eq!(
            store.article(tagged).unwrap().unwrap().tags,
            vec!["briefing"],
            "trial {round} (seed {seed})"
        );
    }
    // Some kills must land inside a poll, or the test proves nothing.
    assert!(
        killed_mid_poll * 2 >= trials,
        "only {killed_mid_poll} of {trials} kills landed mid-poll (seed {seed})"
    );
    // The next poll completes, and the search index is in step with the
    // articles (every story mentions the ceasefire).
    poll_once(&sb);
    let count = |args: &[&str]| -> usize {
        let out = sb.sift().args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    let total = count(&["list", "--count"]);
    assert!(total >= 2 * FEEDS * ITEMS, "{total}");
    assert_eq!(count(&["list", "--query", "ceasefire", "--count"]), total);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')",
        [],
    )
    .unwrap();
    eprintln!("{trials} kills, {killed_mid_poll} mid-poll, seed {seed}");
}
