//! Escape injection, end to end in a real terminal: tmux runs the
//! interface on a sandbox that polled tests/fixtures/feeds/hostile-escapes.xml,
//! and the screen is read back raw (`capture-pane -e`, escapes included).
//! Only tmux's own SGR sequences may be there: no OSC 52 clipboard write,
//! no OSC 8 link, no window title, no C1, bidi or zero-width character.
//! Skipped (with a note) where tmux is not installed.

mod cli_support;
mod support;

use cli_support::Sandbox;
use support::tmux::{Tmux, installed as tmux_installed};

/// Bidi controls, C1 and invisible zero-width characters (ZWJ and ZWNJ
/// are allowed), and C0 but newline and ESC (tmux's SGR, checked apart).
fn is_hostile(c: char) -> bool {
    matches!(c,
        '\0'..='\u{9}' | '\u{b}'..='\u{1a}' | '\u{1c}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{61c}'
        | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Every ESC on the screen starts an SGR sequence (`ESC [ digits ; m`).
fn assert_only_sgr(screen: &str) {
    for (at, _) in screen.match_indices('\u{1b}') {
        let rest = &screen[at + 1..];
        let params = rest
            .strip_prefix('[')
            .map(|r| r.chars().take_while(|c| c.is_ascii_digit() || *c == ';'));
        let ok = params.is_some_and(|p| {
            let len = p.count();
            rest[1 + len..].starts_with('m')
        });
        let end = screen.ceil_char_boundary((at + 30).min(screen.len()));
        assert!(
            ok,
            "not an SGR sequence at byte {at}: {:?}",
            &screen[at..end]
        );
    }
    if let Some(c) = screen.chars().find(|&c| is_hostile(c)) {
        panic!("U+{:04X} on the screen:\n{screen}", c as u32);
    }
}

#[test]
fn hostile_feed_leaves_no_escape_on_the_screen() {
    if !tmux_installed() {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let sb = Sandbox::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds/hostile-escapes.xml");
    sb.write(
        "hostile-escapes.xml",
        std::fs::read(&fixture).expect("the fixture"),
    );
    sb.sift()
        .args(["feeds", "add", "hostile-escapes.xml"])
        .assert()
        .success();
    sb.sift().arg("poll").assert().success();

    let sift = env!("CARGO_BIN_EXE_sift");
    let command = format!(
        "env -i PATH=/usr/bin:/bin HOME='{root}' TZ=UTC NO_COLOR=1 TERM=xterm-256color \
         '{sift}' --config-dir '{config}' --data-dir '{data}'",
        root = sb.root().display(),
        config = sb.config_dir().display(),
        data = sb.data_dir().display(),
    );
    let tmux = Tmux::start("escapes", (120, 40), &command).expect("tmux starts");
    // Let the application set the clipboard and the title, so that an
    // OSC 52 or OSC 0 that got through would leave a trace.
    tmux.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.tmux(&["set-option", "-g", "allow-rename", "on"]);

    // The list, with the reader beside it showing the first row (the
    // undated item, dated when fetched, comes first), then each other item.
    let screen = tmux.wait_for_raw("the list", |s| {
        s.contains("OSC52") && s.contains("Plain text body")
    });
    assert_only_sgr(&screen);
    tmux.keys(&["j"]);
    let screen = tmux.wait_for_raw("the OSC item", |s| s.contains("hyperlink"));
    assert_only_sgr(&screen);
    tmux.keys(&["j"]);
    let screen = tmux.wait_for_raw("the C1 item", |s| s.contains("Escaped HTML"));
    assert_only_sgr(&screen);

    // Nothing set the clipboard (OSC 52) or the title (OSC 0/2).
    let buffers = tmux.tmux(&["list-buffers"]).stdout;
    assert!(
        buffers.is_empty(),
        "a paste buffer appeared: {}",
        String::from_utf8_lossy(&buffers)
    );
    let title = tmux
        .tmux(&["display-message", "-p", "-t", "t", "#{pane_title}"])
        .stdout;
    let title = String::from_utf8_lossy(&title);
    assert!(!title.contains("pwned"), "the pane title was set: {title}");
}

/// The root element name from issue 14: an OSC 52 clipboard write, a
/// screen clear, a C1 CSI and a bidi override.
const HOSTILE_ROOT: &str = "a\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil";

/// A feed whose "not a feed" error names that root, polled by the
/// interface at start, with the log file on a full disk and debug logging
/// on: the status bar says once that logging stopped, then shows the
/// poll's error clean; tracing's complaints never reach the screen.
#[test]
fn hostile_errors_and_a_failing_log_stay_off_the_screen() {
    if !tmux_installed() {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let server = support::server::TestServer::start();
    // Slow enough that the log's message is on screen before the poll's.
    server.route("/root.xml", |_| {
        support::server::Reply::ok(format!(
            "<?xml version=\"1.0\"?><{HOSTILE_ROOT}><x>1</x></{HOSTILE_ROOT}>"
        ))
        .delay(std::time::Duration::from_secs(2))
    });
    let sb = Sandbox::new();
    let url = server.url("/root.xml");
    sb.write_config("feeds.toml", &format!("[[feed]]\nurl = \"{url}\"\n"));
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    std::os::unix::fs::symlink("/dev/full", sb.data_dir().join("sift.log")).unwrap();

    let sift = env!("CARGO_BIN_EXE_sift");
    let command = format!(
        "env -i PATH=/usr/bin:/bin HOME='{root}' TZ=UTC NO_COLOR=1 TERM=xterm-256color \
         SIFT_LOG=debug '{sift}' --config-dir '{config}' --data-dir '{data}'",
        root = sb.root().display(),
        config = sb.config_dir().display(),
        data = sb.data_dir().display(),
    );
    let tmux = Tmux::start("errors", (250, 20), &command).expect("tmux starts");
    tmux.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    let screen = tmux.wait_for_raw("the log's failure", |s| {
        s.contains("logging stopped: cannot write sift.log (the disk is full)")
    });
    assert_only_sgr(&screen);
    let screen = tmux.wait_for_raw("the poll's error", |s| s.contains("<aevil>"));
    assert_only_sgr(&screen);
    assert!(!screen.contains("Unable to write"), "{screen}");
    let buffers = tmux.tmux(&["list-buffers"]).stdout;
    assert!(
        buffers.is_empty(),
        "a paste buffer appeared: {}",
        String::from_utf8_lossy(&buffers)
    );
    drop(tmux);

    // `sift poll --verbose` on a terminal: the lines above the progress bar.
    // The feed failed a moment ago: --force past its backoff.
    let poll = format!("sh -c \"{command} poll --force --verbose; sleep 30\"");
    let tmux = Tmux::start("poll", (250, 20), &poll).expect("tmux starts");
    tmux.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    let screen = tmux.wait_for_raw("the poll's lines", |s| s.contains("polled 1 feed"));
    assert_only_sgr(&screen);
    assert!(screen.contains("<aevil>"), "{screen}");
    assert!(!screen.contains("Unable to write"), "{screen}");
    let buffers = tmux.tmux(&["list-buffers"]).stdout;
    assert!(buffers.is_empty(), "a paste buffer appeared");
}
