//! The terminal side: set it up, run the loop, restore it on every exit
//! (quit, error, panic). Draws only after something changed, and sleeps
//! until the next message or the app's next deadline: no busy tick.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;

use super::app::{App, Effect, FeedChange, Msg, UiOptions};
use super::{poll, view, worker};
use crate::log_health::LogHealth;
use crate::settings::Settings;
use crate::store::Store;

/// Opens the interface on the cache in `settings.paths`; polls at once
/// when `poll_now`. A log file that stopped working is said once.
pub fn run(settings: &Settings, poll_now: bool, log: &LogHealth) -> anyhow::Result<()> {
    let (paths, config) = (&settings.paths, &settings.config);
    tracing::info!(cache = %paths.database().display(), "interface opened");
    let store = Store::open(&paths.database())?;
    let mut rule_errors = Vec::new();
    let rules = settings.rules(|skipped| rule_errors = skipped.to_vec());
    let interface = settings.interface();
    let ui = UiOptions {
        // 0: only opening an article marks it read.
        read_after_ms: (!config.ui.read_after.is_zero())
            .then_some(config.ui.read_after.as_millis() as u64),
        refresh_minutes: config.poll.refresh.as_secs() / 60,
        mouse: config.ui.mouse,
        views: config.ui.views.clone(),
        watch: config.ui.watch.clone(),
    };

    let (tx, rx) = mpsc::channel::<Msg>();
    let (db_tx, db_rx) = mpsc::channel::<Effect>();
    let (render_tx, render_rx) = mpsc::channel();
    {
        let out = tx.clone();
        let briefing = worker::BriefingTarget {
            rules: Arc::clone(&rules),
            dir: paths.briefings_dir(),
        };
        let env = worker::WorkerEnv {
            briefing,
            topics: settings.topic_names(),
            settings: settings.clone(),
        };
        std::thread::spawn(move || worker::database(store, db_rx, render_tx, out, env));
    }
    {
        let out = tx.clone();
        let rules = Arc::clone(&rules);
        std::thread::spawn(move || worker::renderer(rules, render_rx, out));
    }

    let mut terminal = ratatui::init();
    if ui.mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size()?;
        let mut app = App::new(interface.keymap.clone(), ui, size.width, size.height);
        let errors: Vec<String> = rule_errors
            .iter()
            .map(|e| format!("rule skipped: {e}"))
            .chain(interface.errors.iter().cloned())
            .collect();
        spawn_input(tx.clone());
        let clock = Instant::now();
        let now = || clock.elapsed().as_millis() as u64;
        let effects = app.start(now(), poll_now);
        // A bad user file is said until dismissed, and every one of them
        // is in the log.
        for error in errors {
            app.status.sticky_error(error);
        }
        let dispatch = |effects: Vec<Effect>| {
            for effect in effects {
                match effect {
                    Effect::OpenUrl(url) => {
                        if let Err(e) = open_url(&url) {
                            let _ = tx.send(Msg::Error(e));
                        }
                    }
                    Effect::Copy(text) => copy_osc52(&text),
                    Effect::Poll(feed) => {
                        poll::start(settings.clone(), feed, tx.clone());
                    }
                    Effect::ChangeFeeds(change)
                        if !matches!(change, FeedChange::MarkRead { .. }) =>
                    {
                        let (settings, out) = (settings.clone(), tx.clone());
                        std::thread::spawn(move || {
                            let _ = out.send(worker::change_feeds(&settings, change));
                        });
                    }
                    Effect::Quit => {}
                    other => {
                        let _ = db_tx.send(other);
                    }
                }
            }
        };
        dispatch(effects);
        let mut log_failure_said = false;
        loop {
            if !log_failure_said && let Some(failure) = log.failure() {
                // Said once, and kept in the log view.
                app.status.error(failure);
                log_failure_said = true;
            }
            terminal.draw(|frame| view::draw(frame, &app, &interface.theme))?;
            let wait = app
                .next_deadline()
                .map(|at| Duration::from_millis(at.saturating_sub(now())));
            let first = match wait {
                Some(wait) => match rx.recv_timeout(wait) {
                    Ok(msg) => msg,
                    Err(RecvTimeoutError::Timeout) => Msg::Tick(now()),
                    Err(RecvTimeoutError::Disconnected) => break,
                },
                None => match rx.recv() {
                    Ok(msg) => msg,
                    Err(_) => break,
                },
            };
            // Drain what is queued before drawing again.
            let mut pending = vec![first];
            pending.extend(rx.try_iter());
            for msg in pending {
                let msg = match msg {
                    Msg::Tick(_) => Msg::Tick(now()),
                    other => other,
                };
                let effects = app.handle(msg);
                dispatch(effects);
            }
            if app.quit {
                break;
            }
        }
        Ok(())
    })();
    if config.ui.mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result
}

/// Terminal events as messages, from a thread of their own.
fn spawn_input(out: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(key)) if key.kind != event::KeyEventKind::Release => Msg::Key(key),
                Ok(Event::Mouse(mouse)) => Msg::Mouse(mouse),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => return,
            };
            if out.send(msg).is_err() {
                return;
            }
        }
    });
}

/// Opens a web link in the browser: `$BROWSER` or the system opener, with
/// the URL as one argument and never through a shell.
pub fn open_url(url: &str) -> Result<(), String> {
    let program = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| {
            if cfg!(target_os = "macos") {
                "open".into()
            } else if cfg!(windows) {
                "explorer".into()
            } else {
                "xdg-open".into()
            }
        });
    open_url_with(program.trim(), url)
}

/// Starts `program URL`. The child is waited for on a thread of its own,
/// so a browser that exits (xdg-open hands the URL on and exits at once)
/// leaves no zombie behind, however long the interface runs.
pub fn open_url_with(program: &str, url: &str) -> Result<(), String> {
    if !super::app::is_web(url) {
        return Err("only http and https links are opened".into());
    }
    let mut child = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

/// Copies `text` to the clipboard with OSC 52 (the terminal does it, also
/// over ssh). Only web links get here, sanitised.
fn copy_osc52(text: &str) {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{}\x07", base64(clean.as_bytes()));
    let _ = out.flush();
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"https://a.test/"), "aHR0cHM6Ly9hLnRlc3Qv");
    }

    #[test]
    fn only_web_links_reach_an_opener() {
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "ftp://x/",
        ] {
            assert!(open_url(bad).is_err(), "{bad}");
        }
    }
}
