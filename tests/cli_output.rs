//! Output plumbing: a reader that stops early (`sift ... | head`) is not an
//! error worth a message or a failure exit.

mod cli_support;

use std::io::Read;
use std::process::Stdio;

use cli_support::Sandbox;

/// A feed big enough that its JSON cannot sit in a pipe buffer (64 KiB).
fn big_feed(items: usize) -> String {
    let mut xml = String::from(
        "<rss version=\"2.0\"><channel><title>Big</title><link>https://big.test/</link>\n",
    );
    for i in 0..items {
        xml.push_str(&format!(
            "<item><title>Story number {i}</title><link>https://big.test/{i}</link><guid>big-{i}</guid>\
             <pubDate>Thu, 26 Nov 2026 11:30:00 +0000</pubDate>\
             <description>{}</description></item>\n",
            "A sentence that pads the summary out. ".repeat(8)
        ));
    }
    xml.push_str("</channel></rss>\n");
    xml
}

/// Runs `sift args`, reads a little of its output, closes the pipe, and
/// returns (exit code, stderr).
fn run_and_close_early(sb: &Sandbox, args: &[&str]) -> (Option<i32>, String) {
    let mut child = sb
        .std_sift()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sift starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        stderr.read_to_string(&mut err).expect("stderr is text");
    }
    let status = child.wait().expect("sift exits");
    (status.code(), err)
}

#[test]
fn closed_pipe_is_quiet_for_json_output() {
    let sb = Sandbox::new();
    sb.write_config("config.toml", "[cache]\nkeep_days = 1000000\n");
    sb.write("big.xml", big_feed(800));
    let (code, err) = run_and_close_early(&sb, &["parse", "--json", "big.xml"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));

    sb.std_sift()
        .args(["feeds", "add", "big.xml"])
        .output()
        .expect("feeds add");
    let polled = sb.std_sift().arg("poll").output().expect("poll");
    assert!(polled.status.success(), "{polled:?}");
    for args in [&["list", "--json"][..], &["list"]] {
        let (code, err) = run_and_close_early(&sb, args);
        assert_eq!((code, err.as_str()), (Some(0), ""), "{args:?}");
    }
}

#[test]
fn closed_pipe_is_quiet_for_opml_export() {
    let sb = Sandbox::new();
    let urls: String = (0..1500)
        .map(|i| {
            format!(
                "https://feed{i}.test/rss tag{} \"~Feed number {i}\"\n",
                i % 7
            )
        })
        .collect();
    sb.write("urls", urls);
    let imported = sb
        .std_sift()
        .args(["import", "urls"])
        .output()
        .expect("import");
    assert!(imported.status.success(), "{imported:?}");
    let (code, err) = run_and_close_early(&sb, &["export", "--opml"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

/// Runs `sift args` with standard output on `/dev/full` (every write
/// fails with "no space left"); returns (exit code, stderr).
fn run_into_full_disk(sb: &Sandbox, args: &[&str]) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = sb
        .std_sift()
        .args(args)
        .stdout(full)
        .output()
        .expect("sift runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_full_disk_on_standard_output_fails_with_a_clear_message() {
    let sb = Sandbox::new();
    sb.write_config("config.toml", "[cache]\nkeep_days = 1000000\n");
    sb.write("big.xml", big_feed(3));
    let paragraph = "The minister said the talks would resume next week. ".repeat(5);
    sb.write(
        "page.html",
        format!("<html><body><article><p>{paragraph}</p></article></body></html>"),
    );
    sb.std_sift()
        .args(["feeds", "add", "big.xml"])
        .output()
        .expect("feeds add");
    assert!(sb.std_sift().arg("poll").output().unwrap().status.success());
    sb.std_sift()
        .args(["mark", "--star", "1"])
        .output()
        .expect("mark");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["list", "--count"],
        &["show", "1"],
        &["extract", "page.html"],
        &["export", "--starred"],
        &["export", "--opml"],
        &["feeds", "list"],
        &["parse", "--json", "big.xml"],
    ] {
        let (code, err) = run_into_full_disk(&sb, args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(
            err.contains("cannot write the output: the disk is full"),
            "{args:?}: {err}"
        );
    }
}

/// The log file on a full disk: tracing-subscriber's "Unable to write an
/// event" must not reach standard error (under the interface it would
/// draw over the screen); the command itself goes on.
#[test]
fn a_log_file_that_cannot_be_written_stays_off_the_terminal() {
    let sb = Sandbox::new();
    sb.write("big.xml", big_feed(3));
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    std::os::unix::fs::symlink("/dev/full", sb.data_dir().join("sift.log")).unwrap();
    let add = sb
        .std_sift()
        .args(["feeds", "add", "big.xml"])
        .env("SIFT_LOG", "debug")
        .output()
        .expect("feeds add");
    assert!(add.status.success(), "{add:?}");
    let poll = sb
        .std_sift()
        .arg("poll")
        .env("SIFT_LOG", "debug")
        .output()
        .expect("poll");
    let err = String::from_utf8_lossy(&poll.stderr);
    assert!(poll.status.success(), "{err}");
    assert_eq!(err, "", "nothing on standard error");
}
