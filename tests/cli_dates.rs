//! Dates a feed should not have sent: year 9999 (which a time zone east of
//! UTC turns into year 10000) and 1960. Listed by when sift first saw them,
//! kept (not dropped as too old), shown as the feed says where the article
//! is shown, and never breaking the list's columns.

mod cli_support;

use cli_support::{Sandbox, stdout_of};

const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dates</title>
<item><guid>future</guid><title>From the future</title><pubDate>Fri, 31 Dec 9999 23:59:00 +0000</pubDate></item>
<item><guid>past</guid><title>From 1960</title><pubDate>Fri, 01 Jan 1960 12:00:00 +0000</pubDate></item>
<item><guid>undated</guid><title>Undated</title></item>
</channel></rss>";

#[test]
fn far_dates_keep_the_columns_and_the_items() {
    let sb = Sandbox::new();
    sb.write_config("config.toml", "[cache]\nkeep_days = 30\n");
    sb.write("dates.xml", FEED);
    sb.sift()
        .args(["feeds", "add", "dates.xml"])
        .assert()
        .success();
    sb.sift().arg("poll").assert().success();

    let list = stdout_of(sb.sift().arg("list").env("TZ", "Asia/Tokyo"));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "1960 is kept: {list}");
    assert!(!list.contains("+10000") && !list.contains("9999"), "{list}");
    // Every row has its feed column at the same place.
    let columns: Vec<usize> = lines.iter().map(|l| l.find("Dates").unwrap()).collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{list}");

    let id = |title: &str| {
        let line = lines.iter().find(|l| l.contains(title)).unwrap();
        line.rsplit('#').next().unwrap().trim().to_owned()
    };
    let show = stdout_of(
        sb.sift()
            .args(["show", &id("From the future")])
            .env("TZ", "Asia/Tokyo"),
    );
    assert!(show.contains("far future"), "{show}");
    assert!(!show.contains("+10000"), "{show}");
    let show = stdout_of(sb.sift().args(["show", &id("From 1960")]));
    assert!(
        show.contains("1960-01-01 12:00"),
        "shown as the feed says: {show}"
    );
}
