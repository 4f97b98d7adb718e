//! Local feeds are regular files only: a named pipe (which blocks the
//! reader until someone writes), a device (which never ends) and a
//! directory are refused with a message, by `feeds add` and by `poll`,
//! which stays bounded. Imported lists come from elsewhere, so their
//! local files are refused unless `--allow-local` is given.

mod cli_support;

use std::time::Duration;

use cli_support::{Sandbox, file_url};

/// Every run here is bounded: before the fix, a named pipe hung forever.
const BOUND: Duration = Duration::from_secs(30);

fn fifo(sb: &Sandbox, name: &str) -> std::path::PathBuf {
    let path = sb.root().join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    path
}

fn output(cmd: &mut assert_cmd::Command) -> (i32, String) {
    let out = cmd.timeout(BOUND).output().expect("sift runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn feeds_add_refuses_pipes_devices_and_directories() {
    let sb = Sandbox::new();
    let pipe = fifo(&sb, "pipe.xml");
    std::fs::create_dir(sb.root().join("dir")).unwrap();
    for (path, what) in [
        (pipe.to_str().unwrap(), "is a named pipe"),
        ("/dev/zero", "is a device"),
        ("dir", "is a directory"),
    ] {
        let (code, text) = output(sb.sift().args(["feeds", "add", path]));
        assert_eq!(code, 2, "{path}: {text}");
        assert!(text.contains(what), "{path}: {text}");
    }
    assert_eq!(sb.feeds_toml(), "", "nothing was subscribed");
}

#[test]
fn poll_refuses_pipes_devices_and_directories_without_hanging() {
    let sb = Sandbox::new();
    let pipe = fifo(&sb, "pipe.xml");
    std::fs::create_dir(sb.root().join("dir")).unwrap();
    let good = sb.write(
        "good.xml",
        "<rss version=\"2.0\"><channel><title>Good</title><item><guid>1</guid>\
         <title>A story</title></item></channel></rss>",
    );
    let urls = [
        file_url(&pipe),
        "file:///dev/zero".to_owned(),
        file_url(&sb.root().join("dir")),
        file_url(&good),
    ];
    let feeds: String = urls
        .iter()
        .map(|u| format!("[[feed]]\nurl = \"{u}\"\n"))
        .collect();
    sb.write_config("feeds.toml", &feeds);
    let (code, text) = output(sb.sift().arg("poll"));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("1 updated"), "{text}");
    assert!(text.contains("3 failed"), "{text}");
    for what in ["is a named pipe", "is a device", "is a directory"] {
        assert!(text.contains(what), "{what}: {text}");
    }
}

#[test]
fn import_refuses_local_files_unless_allowed() {
    let sb = Sandbox::new();
    let feed = sb.write("local.xml", "<rss version=\"2.0\"><channel/></rss>");
    let opml = format!(
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
         <outline text=\"web\" xmlUrl=\"https://example.test/feed\"/>\
         <outline text=\"url\" xmlUrl=\"{}\"/>\
         <outline text=\"path\" xmlUrl=\"local.xml\"/>\
         <outline text=\"passwd\" xmlUrl=\"file:///etc/passwd\"/>\
         </body></opml>",
        file_url(&feed)
    );
    sb.write("list.opml", opml);
    let (code, text) = output(sb.sift().args(["import", "list.opml"]));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("imported 1 feed(s)"), "{text}");
    assert!(text.contains("3 refused"), "{text}");
    assert!(text.contains("--allow-local"), "{text}");
    assert!(!sb.feeds_toml().contains("file:"), "{}", sb.feeds_toml());

    let (code, text) = output(sb.sift().args(["import", "--allow-local", "list.opml"]));
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("imported 2 feed(s)"), "{text}");
    assert!(sb.feeds_toml().contains("file:///etc/passwd"));
}
