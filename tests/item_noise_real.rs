//! Item rules on real text: the title and excerpt of each of the 94 real
//! articles in `../shared/corpora/readability-pages/` (news, blogs, docs,
//! in many languages) as a feed would give them. None is an offer or a
//! sponsored post, so none may be judged noise. Skipped, saying so, where
//! the corpus is not there.

use sift::clean::{ItemToJudge, RuleSet, judge_item};

const CORPUS: &str = "../shared/corpora/readability-pages";

#[test]
fn no_real_article_is_judged_an_offer_or_a_sponsored_post() {
    let Ok(dirs) = std::fs::read_dir(CORPUS) else {
        eprintln!("skipped: {CORPUS} is not here");
        return;
    };
    let rules = RuleSet::builtin();
    let mut judged = 0;
    let mut noise = Vec::new();
    for dir in dirs.flatten() {
        let Ok(text) = std::fs::read_to_string(dir.path().join("expected-metadata.json")) else {
            continue;
        };
        let meta: serde_json::Value = serde_json::from_str(&text).expect("metadata is JSON");
        let title = meta["title"].as_str().unwrap_or("");
        let item = ItemToJudge {
            title,
            link: Some("https://example.test/2026/11/27/an-article"),
            summary: meta["excerpt"].as_str(),
        };
        judged += 1;
        if let Some((kind, rule)) = judge_item(&item, &rules) {
            noise.push(format!(
                "{}: {title} ({}/{rule})",
                dir.file_name().to_string_lossy(),
                kind.as_str()
            ));
        }
    }
    assert!(judged >= 90, "only {judged} pages read");
    assert!(noise.is_empty(), "judged noise:\n{}", noise.join("\n"));
}
