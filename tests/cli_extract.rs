//! `sift extract` and the cleaned `sift show`: text and HTML in, the
//! article out, what was hidden on request.

mod cli_support;

use cli_support::Sandbox;

const PAGE: &str = "tests/fixtures/clean/theweek-article.txt";

fn stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = sandbox.sift().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn page() -> String {
    std::path::absolute(PAGE).unwrap().display().to_string()
}

#[test]
fn extract_prints_the_article_and_explains_what_it_removed() {
    let sb = Sandbox::new();
    let out = stdout(
        &sb,
        &[
            "extract",
            "--url",
            "https://theweek.com/world-news/x",
            &page(),
        ],
    );
    assert!(
        out.starts_with(
            "Will UK-Russia relations improve under Theresa May?\n\nPrime Minister signals"
        ),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with("one of the most pressing and difficult foreign policy concerns for May.\""),
        "{out}"
    );
    for noise in [
        "Sign up for",
        "echo chamber",
        "free daily email",
        "Speed Read",
        "Crossword",
    ] {
        assert!(!out.contains(noise), "{noise} leaked: {out}");
    }
    let explained = stdout(&sb, &["extract", "--explain", &page()]);
    assert!(
        explained.contains("removed (22 related, 6 promo):"),
        "{explained}"
    );
    assert!(
        explained.contains("  [promo · signup-call] Sign up for The Week's Free Newsletters"),
        "{explained}"
    );
}

#[test]
fn extract_json_has_title_text_and_removed_blocks() {
    let sb = Sandbox::new();
    let out = stdout(&sb, &["extract", "--json", &page()]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["title"],
        "Will UK-Russia relations improve under Theresa May?"
    );
    assert!(
        json["text"]
            .as_str()
            .unwrap()
            .contains("\n\nDiplomatic ties between")
    );
    let removed = json["removed"].as_array().unwrap();
    assert_eq!(removed.len(), 28);
    assert_eq!(removed[0]["kind"], "promo");
    assert!(removed[0]["rule"].is_string() && removed[0]["text"].is_string());
}

#[test]
fn extract_reads_html_in_any_charset_from_standard_input() {
    let sb = Sandbox::new();
    let html =
        b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9 diplomacy</title></head><body>\
        <nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav><h1>Caf\xE9 diplomacy</h1>\
        <p>Envoys met in a caf\xE9 near the border on Tuesday, officials said.</p>\
        <p>Sign up for our free daily newsletter</p><p>Share this article</p></body></html>";
    let out = sb
        .sift()
        .args(["extract", "-"])
        .write_stdin(html.to_vec())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "Café diplomacy\n\nEnvoys met in a café near the border on Tuesday, officials said.\n"
    );
}

#[test]
fn extract_of_nothing_prints_nothing_and_succeeds() {
    let sb = Sandbox::new();
    let out = sb
        .sift()
        .args(["extract", "-"])
        .write_stdin("Sign up for our newsletter\n-\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn show_hides_noise_says_so_and_raw_shows_everything() {
    let sb = Sandbox::new();
    let feed = sb.root().join("feed.xml");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><guid>a</guid>\
         <title>Talks resume</title><link>https://example.test/a</link><description><![CDATA[\
         <p>Negotiators returned to Doha on Monday, officials said.</p>\
         <p>Sign up for our free daily newsletter</p>\
         <p>Related: Five things to know about the Doha process</p>]]></description></item></channel></rss>",
    )
    .unwrap();
    stdout(&sb, &["feeds", "add", feed.to_str().unwrap()]);
    stdout(&sb, &["poll"]);
    let out = stdout(&sb, &["show", "1"]);
    assert!(
        out.contains("Negotiators returned to Doha on Monday, officials said."),
        "{out}"
    );
    assert!(
        !out.contains("Sign up") && !out.contains("Related:"),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with("hidden: 1 promo, 1 related (sift show 1 --raw shows everything)"),
        "{out}"
    );
    let raw = stdout(&sb, &["show", "1", "--raw"]);
    assert!(
        raw.contains("Sign up for our free daily newsletter") && raw.contains("Related:"),
        "{raw}"
    );
}

#[test]
fn extract_prints_nothing_for_a_page_without_an_article() {
    let sb = Sandbox::new();
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/clean/pages/index-world-front.html"
    );
    let out = sb.sift().args(["extract", page]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn extract_finds_the_article_in_a_whole_page_and_explains_what_it_hid() {
    let sb = Sandbox::new();
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/clean/pages/guardian-baltic-cables.html"
    );
    let out = stdout(&sb, &["extract", "--explain", page]);
    let expected = std::fs::read_to_string(page.replace(".html", ".expected.txt")).unwrap();
    let first = expected.lines().next().unwrap();
    assert!(out.starts_with(first), "{out}");
    assert!(out.contains("[credit · html-credit] Photograph:"), "{out}");
    assert!(out.contains("[promo · "), "{out}");
}

#[test]
fn a_large_page_is_cleaned_with_the_users_rules_built_while_it_is_parsed() {
    // Pages of 32 KB or more take the path where the rules build on a
    // thread of their own: the user's rule (and its broken neighbour's
    // report) must still reach the result.
    let sb = Sandbox::new();
    let rules = sb.config_dir().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("mine.toml"),
        "[[block]]\nname = \"my-pitch\"\nkind = \"promo\"\ncontains = [\"join our supper club\"]\n\n\
         [[block]]\nname = \"broken\"\nkind = \"promo\"\nmatches = \"(unclosed\"\n",
    )
    .unwrap();
    let prose = "The ministers met in Vienna on Tuesday, and after six hours of talks they \
                 agreed to meet again next month to settle the remaining questions. ";
    let mut body = String::from("<h1>Talks resume in Vienna</h1>");
    for i in 0..120 {
        body.push_str(&format!("<p>{i}. {prose}{prose}</p>"));
        if i == 30 {
            body.push_str("<p>Readers, join our supper club for dinners with our writers.</p>");
        }
    }
    let html = format!(
        "<html><head><title>Talks</title></head><body><article>{body}</article></body></html>"
    );
    assert!(html.len() >= 32 * 1024, "{}", html.len());
    let page = sb.write("big.html", &html);
    let out = sb
        .sift()
        .args(["extract", "--explain", page.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Talks resume in Vienna\n"), "{text}");
    assert!(text.contains("119. The ministers met"), "{text}");
    assert!(
        text.contains("[promo · my-pitch] Readers, join our supper club"),
        "{text}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("broken"),
        "the broken rule is reported: {stderr}"
    );
}

#[test]
fn a_related_list_of_glued_cards_goes_without_the_sites_rules() {
    // The Week's page as text, its cards not parted by "-" lines and no
    // URL given: each card's title is glued to its kicker
    // ("…shopping centre?Under The Radar Thousands…"), which is the list's
    // mark on any site.
    let sb = Sandbox::new();
    let text = std::fs::read_to_string(PAGE).unwrap();
    let unparted: String = text
        .lines()
        .filter(|l| l.trim() != "-")
        .map(|l| format!("{l}\n"))
        .collect();
    let page = sb.write("unparted.txt", &unparted);
    let out = stdout(&sb, &["extract", "--explain", page.to_str().unwrap()]);
    let (kept, removed) = out.split_once("\nremoved (").unwrap();
    assert!(
        kept.trim_end()
            .ends_with("one of the most pressing and difficult foreign policy concerns for May.\""),
        "{kept}"
    );
    for card in [
        "Under The Radar",
        "Speed Read",
        "In the Spotlight",
        "daily crossword",
    ] {
        assert!(!kept.contains(card), "{card} kept: {kept}");
    }
    assert!(
        removed.contains("[related · glued-list] Mall World"),
        "{removed}"
    );
}
