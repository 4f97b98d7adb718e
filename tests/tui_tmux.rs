//! The interface end to end, in a real terminal: tmux runs `sift --demo`,
//! keys are sent, the screen is read back. Skipped (with a note) where
//! tmux is not installed; `.ci/run` installs it.

mod support;

use std::time::{Duration, Instant};

use support::tmux::{Tmux, installed as tmux_installed};

#[test]
fn triage_the_demo_by_keyboard_in_a_real_terminal() {
    if !tmux_installed() {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let sift = env!("CARGO_BIN_EXE_sift");
    // NO_COLOR keeps the capture plain; remain-on-exit would hide a quit.
    let tmux = Tmux::start(
        "demo",
        (120, 30),
        &format!("env NO_COLOR=1 TERM=xterm-256color {sift} --demo"),
    )
    .expect("tmux starts");
    let first = tmux.wait_for("the list", |s| {
        s.contains(" unread · ") && s.contains("hidden:")
    });
    assert!(first.contains("49 articles"), "{first}");
    assert!(first.contains("puzzle 3 hidden"), "{first}");
    // Side by side at 120 columns: list and reader share rows.
    assert!(
        first.lines().any(|l| l.matches('│').count() >= 3),
        "{first}"
    );

    // Show the hidden blocks in the reader, in place, then hide them.
    tmux.keys(&["H"]);
    let shown = tmux.wait_for("hidden blocks shown", |s| s.contains("shown dimmed: "));
    assert!(shown.contains("[nav · html-nav] World News"), "{shown}");
    tmux.keys(&["H"]);
    tmux.wait_for("hidden blocks hidden", |s| s.contains("H to show"));

    // Filter as you type, then back to the list.
    tmux.keys(&["/"]);
    tmux.literal("sanctions -feed:culture");
    // The view may answer a half-typed query first: wait for the whole
    // query's answer (the culture feed's story gone).
    tmux.wait_for("the filter", |s| {
        s.contains("/ sanctions -feed:culture")
            && s.contains(" articles ")
            && !s.contains("49 articles")
            && !s.contains("Harbour Rovers")
    });
    tmux.keys(&["Enter"]);

    // Star the first article, see the star, undo it.
    tmux.keys(&["s"]);
    tmux.wait_for("a star", |s| s.contains('★'));
    tmux.keys(&["u"]);
    tmux.wait_for("the undo", |s| s.contains("undone") && !s.contains('★'));

    // Help, then quit: the session ends and the terminal is given back.
    tmux.keys(&["?"]);
    tmux.wait_for("help", |s| s.contains("next unread article"));
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "sift did not quit:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
