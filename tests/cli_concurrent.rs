//! Two sift processes on one cache at once (a cron poll while another runs):
//! neither fails with "database is locked", and nothing is stored twice.

mod cli_support;

use cli_support::Sandbox;

fn feed(items: usize, tag: &str) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>");
    for i in 0..items {
        out.push_str(&format!(
            "<item><guid>{tag}-{i}</guid><title>Story {i} of {tag}</title><link>https://example.test/{tag}/{i}</link>\
             <description>{}</description></item>",
            "Diplomats met to discuss the ceasefire terms at length. ".repeat(40)
        ));
    }
    out.push_str("</channel></rss>");
    out
}

#[test]
fn two_polls_at_once_both_succeed_without_duplicates() {
    let sb = Sandbox::new();
    let mut urls = String::new();
    for f in 0..20 {
        let path = sb.root().join(format!("f{f}.xml"));
        std::fs::write(&path, feed(30, &format!("f{f}"))).unwrap();
        urls.push_str(&format!("{}\n", path.display()));
    }
    std::fs::write(sb.root().join("urls.txt"), urls).unwrap();
    let out = sb
        .sift()
        .args([
            "import",
            "--allow-local",
            sb.root().join("urls.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for round in 0..3 {
        let spawn = || {
            sb.std_sift()
                .args(["poll", "--force", "--jobs", "4"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        // A mark from a third process while both poll.
        let marker = sb.sift().args(["mark", "1", "--star"]).output().unwrap();
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {err}");
            assert!(!err.contains("locked"), "round {round}: {err}");
        }
        assert!(
            marker.status.success()
                || String::from_utf8_lossy(&marker.stderr).contains("no article #1"),
            "round {round}: {}",
            String::from_utf8_lossy(&marker.stderr)
        );
    }
    let out = sb.sift().args(["list", "--count"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "600",
        "no duplicates"
    );
}
