//! What the interface costs at 100k cached articles, measured on the
//! release binary in tmux: the time from launch to the first screen of
//! rows, from a filter keystroke to its answer on screen, and the CPU it
//! uses while idle; and the feed list's one query (`Store::feeds`, run
//! once per change, never per frame). A measurement, not a timed test:
//! ignored by default, it asserts only that each screen appeared, and
//! prints the figures (tmux's capture adds its own few milliseconds):
//!
//! ```sh
//! cargo test --release --test tui_speed -- --ignored --nocapture
//! SIFT_SPEED_BIN=/path/to/other/sift cargo test --release --test tui_speed -- --ignored --nocapture
//! ```

mod support;

use std::time::{Duration, Instant};

use support::tmux::{Tmux, installed as tmux_installed};

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

/// utime + stime of `pid`, in clock ticks.
fn cpu_ticks(pid: &str) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let after = &stat[stat.rfind(')').expect("comm") + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
#[ignore = "a measurement: builds a 100k cache (about a minute)"]
fn interface_speed_at_100k_articles() {
    if !tmux_installed() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    // `SIFT_SPEED_KEEP=DIR` builds the cache there and leaves it.
    let data = std::env::var_os("SIFT_SPEED_KEEP")
        .map_or_else(|| dir.path().join("data"), std::path::PathBuf::from);
    std::fs::create_dir_all(&data).unwrap();
    let started = Instant::now();
    let store = corpus::build(&data);
    eprintln!("cache of 100k built in {:.0?}", started.elapsed());
    let mut feed_list = Vec::new();
    for _ in 0..5 {
        let at = Instant::now();
        let feeds = store.feeds().expect("feeds");
        feed_list.push(at.elapsed());
        assert_eq!(feeds.len(), 100);
    }
    feed_list.sort();
    eprintln!(
        "feed list query (100 feeds, counts over 100k): median {:.1?}",
        feed_list[2]
    );
    drop(store);

    // Another build to compare in the same run (`SIFT_SPEED_BIN=...`).
    let sift =
        std::env::var("SIFT_SPEED_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_sift").into());
    eprintln!("binary: {sift}");
    let mut first = Vec::new();
    let mut keystroke = Vec::new();
    let mut idle = Vec::new();
    for run in 0..3 {
        let command = format!(
            "env NO_COLOR=1 TERM=xterm-256color SIFT_CONFIG_DIR={} SIFT_DATA_DIR={} {sift}",
            dir.path().join("config").display(),
            data.display()
        );
        let at = Instant::now();
        let tmux = Tmux::start(&format!("speed{run}"), (160, 48), &command).expect("tmux");
        // Polled every 2 ms (`wait_for` sleeps 100 ms between looks).
        while !{
            let s = tmux.screen();
            s.contains("articles ") && s.contains("Feed ")
        } {
            assert!(at.elapsed() < Duration::from_secs(30), "{}", tmux.screen());
            std::thread::sleep(Duration::from_millis(2));
        }
        first.push(at.elapsed());
        // A keystroke in the filter bar, to its answer on screen.
        tmux.keys(&["/"]);
        tmux.wait_for("the filter bar", |s| s.lines().next() == Some("/"));
        let at = Instant::now();
        tmux.literal("k");
        tmux.wait_for("the answer", |s| {
            s.starts_with("/ k") && !s.contains("100000 articles")
        });
        keystroke.push(at.elapsed());
        tmux.keys(&["Escape"]);
        std::thread::sleep(Duration::from_millis(500));
        let pid = String::from_utf8(tmux.tmux(&["display", "-p", "#{pane_pid}"]).stdout).unwrap();
        let pid = pid.trim().to_owned();
        let before = cpu_ticks(&pid);
        std::thread::sleep(Duration::from_secs(3));
        idle.push(cpu_ticks(&pid) - before);
        tmux.keys(&["q"]);
    }
    eprintln!("launch to first screen (3 runs): {first:.0?}");
    eprintln!("filter keystroke to its answer on screen: {keystroke:.0?}");
    eprintln!("CPU while idle for 3 s, in clock ticks (1/100 s): {idle:?}");
}
