//! A terminal for end-to-end tests: tmux on a private socket, with no user
//! config, one session "t" running a command. Keys go in, the screen is
//! read back (plain, or raw with its escape sequences).

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

/// Whether tmux can run here (`.ci/run` installs it; tests skip without).
pub fn installed() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    /// Starts `command` in a `size` terminal; `name` keeps the sockets of
    /// tests running at once apart.
    pub fn start(name: &str, size: (u16, u16), command: &str) -> Option<Tmux> {
        let socket = format!("sift-{name}-{}", std::process::id());
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args([
                "-s",
                "t",
                "-x",
                &size.0.to_string(),
                "-y",
                &size.1.to_string(),
            ])
            .arg(command)
            .status()
            .ok()?;
        status.success().then_some(Tmux { socket })
    }

    /// Runs a tmux command on this test's server.
    pub fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// The screen as the terminal holds it, with escape sequences.
    pub fn raw_screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-e", "-t", "t"]).stdout;
        String::from_utf8(out).expect("the screen is UTF-8")
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    /// Waits (at most 30 s) until the screen satisfies `ok`; returns it.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait(what, Tmux::screen, ok)
    }

    /// `wait_for` on the raw screen.
    pub fn wait_for_raw(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait(what, Tmux::raw_screen, ok)
    }

    fn wait(&self, what: &str, capture: fn(&Tmux) -> String, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = capture(self);
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn alive(&self) -> bool {
        self.tmux(&["has-session", "-t", "t"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
