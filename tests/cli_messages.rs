//! Messages that used to mislead: an impossible date, a `--since` before
//! year 1, someone else's SQLite file, a full disk, a config file that is
//! not UTF-8, and a query that starts with `-`.

mod cli_support;

use cli_support::{Sandbox, stderr_with_code, stdout_of};

const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>
<item><guid>1</guid><title>Tanker seized in the strait</title></item>
<item><guid>2</guid><title>Tanker sport final</title></item>
</channel></rss>";

fn polled() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("feed.xml", FEED);
    sb.sift()
        .args(["feeds", "add", "feed.xml"])
        .assert()
        .success();
    sb.sift().arg("poll").assert().success();
    sb
}

#[test]
fn impossible_dates_and_points_before_year_1_are_refused() {
    let sb = polled();
    let err = stderr_with_code(sb.sift().args(["list", "-q", "since:2026-02-30"]), 2);
    assert!(err.contains("`2026-02-30` is not a date"), "{err}");
    assert!(!err.contains("unknown unit"), "{err}");
    let err = stderr_with_code(sb.sift().args(["list", "--since", "2026-02-30"]), 2);
    assert!(err.contains("is not a date"), "{err}");
    for args in [
        &["export", "--starred", "--since", "99999999999999d"][..],
        &["list", "--since", "99999999999999d"],
        &["list", "-q", "since:99999999999999d"],
    ] {
        let err = stderr_with_code(sb.sift().args(args), 2);
        assert!(err.contains("too far back"), "{args:?}: {err}");
    }
}

#[test]
fn a_query_may_start_with_a_minus() {
    let sb = polled();
    let out = stdout_of(sb.sift().args(["list", "-q", "-sport tanker"]));
    assert!(out.contains("Tanker seized"), "{out}");
    assert!(!out.contains("sport final"), "{out}");
    let out = stdout_of(sb.sift().args(["list", "--query", "-sport"]));
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn someone_elses_database_is_named_and_left_alone() {
    for (name, setup) in [
        ("negative version", "PRAGMA user_version = -1;"),
        (
            "foreign tables",
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);",
        ),
        (
            "foreign tables and a version",
            "CREATE TABLE notes (id INTEGER); PRAGMA user_version = 3;",
        ),
        (
            "foreign tables, a newer version",
            "CREATE TABLE notes (id INTEGER); PRAGMA user_version = 999;",
        ),
    ] {
        let sb = Sandbox::new();
        let db = sb.data_dir().join("sift.db");
        std::fs::create_dir_all(sb.data_dir()).unwrap();
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(setup).unwrap();
        drop(conn);
        let before = std::fs::read(&db).unwrap();
        let err = stderr_with_code(sb.sift().arg("list"), 2);
        assert!(
            err.contains(&format!("this is not a sift cache: {}", db.display())),
            "{name}: {err}"
        );
        assert!(
            !err.contains("CREATE") && !err.contains("upgrade"),
            "{name}: {err}"
        );
        assert!(
            std::fs::read(&db).unwrap() == before,
            "{name}: file changed"
        );
    }
}

#[test]
fn invalid_utf8_in_a_config_file_names_the_line() {
    let sb = Sandbox::new();
    sb.write(
        "config/config.toml",
        b"# sift\n[ui]\nmouse = true # caf\xe9\n".as_slice(),
    );
    let err = stderr_with_code(sb.sift().arg("list"), 2);
    assert!(
        err.contains("config.toml:3: byte 19 of this line is not UTF-8"),
        "{err}"
    );

    let sb = Sandbox::new();
    sb.write(
        "config/feeds.toml",
        b"[[feed]]\nurl = \"https://a.test/\xff\"\n".as_slice(),
    );
    let err = stderr_with_code(sb.sift().arg("list"), 2);
    assert!(err.contains("feeds.toml:2: "), "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
}

/// A 2 MiB file system (tmpfs; needs root to mount, skipped otherwise):
/// the poll that fills it says the disk is full.
#[test]
fn a_full_disk_is_called_a_full_disk() {
    let sb = Sandbox::new();
    let small = sb.root().join("small");
    std::fs::create_dir_all(&small).unwrap();
    let mounted = std::process::Command::new("mount")
        // An empty cache takes about 0.6 MB (and its WAL as much while
        // the schema is made): 2 MB holds it, not the poll below.
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&small)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(small.clone());
    let mut feed = String::from("<rss version=\"2.0\"><channel><title>Big</title>");
    for i in 0..1000 {
        feed.push_str(&format!(
            "<item><guid>{i}</guid><title>Story {i}</title><description>{}</description></item>",
            format!("word{i} ").repeat(300)
        ));
    }
    feed.push_str("</channel></rss>");
    sb.write("big.xml", feed);
    let data = small.join("data");
    let sift = || sb.sift_in(&sb.config_dir(), &data);
    sift().args(["feeds", "add", "big.xml"]).assert().success();
    let out = sift().arg("poll").output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("the disk is full"), "{text}");
    assert!(!text.contains("disk I/O error"), "{text}");
}
