//! Processes sift starts or is: a browser started for a link is waited
//! for (no `<defunct>` child however long the interface runs), and the
//! demo's temporary directory goes on a hang-up or a TERM as on a quit.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::tmux::{Tmux, installed as tmux_installed};

/// This process's children that have exited but were not waited for.
fn zombie_children() -> Vec<u32> {
    let me = std::process::id();
    let mut zombies = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid ...; comm may hold spaces, so from the last ')'.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let (state, ppid) = (fields.next(), fields.next());
        if state == Some("Z") && ppid == Some(me.to_string().as_str()) {
            zombies.extend(
                entry
                    .file_name()
                    .to_str()
                    .and_then(|p| p.parse::<u32>().ok()),
            );
        }
    }
    zombies
}

#[test]
fn a_browser_that_exits_leaves_no_zombie() {
    // `true` exits at once, as xdg-open does after handing the URL on.
    // SAFETY: this test binary runs this one test; no other thread reads
    // the environment.
    unsafe { std::env::set_var("BROWSER", "true") };
    for _ in 0..3 {
        sift::tui::run::open_url("https://example.test/story").expect("started");
    }
    let start = Instant::now();
    loop {
        let zombies = zombie_children();
        if zombies.is_empty() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "browsers left as zombies: {zombies:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The demo's directory under `tmp` once it exists: (path, sift's pid).
fn demo_dir(tmp: &Path) -> Option<(PathBuf, u32)> {
    std::fs::read_dir(tmp).ok()?.flatten().find_map(|e| {
        let name = e.file_name().into_string().ok()?;
        let pid = name
            .strip_prefix("sift-demo-")?
            .split('-')
            .next()?
            .parse()
            .ok()?;
        Some((e.path(), pid))
    })
}

#[test]
fn the_demo_removes_its_directory_on_hangup_and_term() {
    if !tmux_installed() {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let sift = env!("CARGO_BIN_EXE_sift");
    for signal in ["TERM", "HUP"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let command = format!(
            "env TMPDIR='{}' NO_COLOR=1 TERM=xterm-256color {sift} --demo",
            tmp.path().display()
        );
        let tmux =
            Tmux::start(&format!("demo-{signal}"), (120, 30), &command).expect("tmux starts");
        tmux.wait_for("the demo's list", |s| s.contains(" unread · "));
        let (dir, pid) = demo_dir(tmp.path()).expect("the demo's directory");
        assert!(dir.join("data").exists(), "{}", dir.display());
        let killed = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let start = Instant::now();
        while dir.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "SIG{signal}: {} is still there",
                dir.display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
