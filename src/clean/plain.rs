//! Plain text: every non-empty line is a block. Rules judge blocks one by
//! one; heuristics then look at their neighbours: lists of entries between
//! lone separators, glued kickers, repeats, and short lines stuck to a
//! promo.

use std::collections::HashSet;

use super::rules::{BlockRule, RuleSet};
use super::{Cleaned, NoiseKind, RemovedBlock};

/// Lines that only separate entries of a list.
fn is_separator(line: &str) -> bool {
    matches!(line, "-" | "–" | "—" | "•" | "·" | "*" | "|" | "/")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Cleans `text`; `url` picks the site's rules.
pub fn clean_text(text: &str, url: Option<&str>, rules: &RuleSet) -> Cleaned {
    let host = url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_owned));
    let (block_rules, kickers) = rules.for_host(host.as_deref());
    let blocks: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut verdicts: Vec<Option<(NoiseKind, String)>> =
        blocks.iter().map(|b| judge(b, &block_rules)).collect();

    mark_separated_lists(&blocks, &mut verdicts);
    if let Some(kickers) = kickers {
        for (block, verdict) in blocks.iter().zip(verdicts.iter_mut()) {
            if verdict.is_none() && word_count(block) <= 80 && kickers.is_match(block) {
                *verdict = Some((NoiseKind::Related, "site-kicker-entry".into()));
            }
        }
    }
    mark_repeats(&blocks, &mut verdicts);
    mark_promo_neighbours(&blocks, &mut verdicts);

    let mut cleaned = Cleaned::default();
    for (position, (block, verdict)) in blocks.iter().zip(verdicts).enumerate() {
        match verdict {
            None => cleaned.blocks.push((*block).to_owned()),
            Some((kind, rule)) => {
                cleaned.removed.push(RemovedBlock {
                    kind,
                    rule,
                    text: (*block).to_owned(),
                    position,
                });
            }
        }
    }
    cleaned
}

fn judge(block: &str, rules: &[&BlockRule]) -> Option<(NoiseKind, String)> {
    let words = word_count(block);
    rules
        .iter()
        .find(|r| r.hits(block, words))
        .map(|r| (r.kind, r.name.clone()))
}

/// Two or more lone separators with short entries between them (and one
/// after the last) are a list of other stories.
fn mark_separated_lists(blocks: &[&str], verdicts: &mut [Option<(NoiseKind, String)>]) {
    let separators: Vec<usize> = (0..blocks.len())
        .filter(|&i| is_separator(blocks[i]))
        .collect();
    let mut start = 0;
    while start < separators.len() {
        // Extend the run while the gap between separators is one or two
        // short entries.
        let mut end = start;
        while end + 1 < separators.len() {
            let gap = separators[end + 1] - separators[end] - 1;
            let short =
                (separators[end] + 1..separators[end + 1]).all(|i| word_count(blocks[i]) <= 60);
            if (1..=2).contains(&gap) && short {
                end += 1;
            } else {
                break;
            }
        }
        if end > start {
            let last = separators[end];
            let mut stop = last + 1;
            while stop < blocks.len()
                && stop <= last + 2
                && !is_separator(blocks[stop])
                && word_count(blocks[stop]) <= 60
            {
                stop += 1;
            }
            for verdict in &mut verdicts[separators[start]..stop] {
                if verdict.is_none() {
                    *verdict = Some((NoiseKind::Related, "separated-list".into()));
                }
            }
        }
        start = end + 1;
    }
}

/// A block seen before (five words or more) is a repeat.
fn mark_repeats(blocks: &[&str], verdicts: &mut [Option<(NoiseKind, String)>]) {
    let mut seen: HashSet<String> = HashSet::new();
    for (block, verdict) in blocks.iter().zip(verdicts.iter_mut()) {
        let key = block
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let first = seen.insert(key);
        if !first && verdict.is_none() && word_count(block) >= 5 {
            *verdict = Some((NoiseKind::Duplicate, "repeated-block".into()));
        }
    }
}

/// Sign-up boxes come as a cluster. Next to a promo, these are part of
/// the box too: a label (a brand name, "Newsletters"), a short line that
/// speaks to the reader ("Escape your echo chamber..."), and any short line
/// between two promos. Repeated until nothing changes, so a label next to
/// a pitch next to a sign-up goes with them.
fn mark_promo_neighbours(blocks: &[&str], verdicts: &mut [Option<(NoiseKind, String)>]) {
    let is_promo = |v: &Option<(NoiseKind, String)>| matches!(v, Some((NoiseKind::Promo, _)));
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..blocks.len() {
            if verdicts[i].is_some() {
                continue;
            }
            let before = i > 0 && is_promo(&verdicts[i - 1]);
            let after = i + 1 < blocks.len() && is_promo(&verdicts[i + 1]);
            if !(before || after) {
                continue;
            }
            let block = blocks[i];
            let words = word_count(block);
            let label = words <= 4 && !block.ends_with(['.', '!', '?', '"', '”', ':']);
            let pitch = words <= 25 && !block.starts_with(['"', '“']) && speaks_to_reader(block);
            if label || pitch || (before && after && words <= 25) {
                verdicts[i] = Some((NoiseKind::Promo, "promo-cluster".into()));
                changed = true;
            }
        }
    }
}

/// Marketing copy addresses the reader; news copy rarely does outside
/// quotes.
fn speaks_to_reader(block: &str) -> bool {
    block
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "you" | "your" | "you're" | "yours"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Cleaned {
        clean_text(text, None, &RuleSet::builtin())
    }

    #[test]
    fn body_paragraphs_stay_and_signups_go() {
        let c = clean(
            "Headline here\nThe talks resumed in Geneva on Monday after a pause of three weeks.\nSign up for our free newsletter\nBoth sides said progress was slow but real.",
        );
        assert_eq!(c.blocks.len(), 3, "{c:?}");
        assert_eq!(c.removed.len(), 1);
        assert_eq!(c.removed[0].rule, "newsletter-signup");
        assert_eq!(c.removed[0].position, 2);
        assert_eq!(c.hidden_summary(), "1 promo");
    }

    #[test]
    fn long_paragraphs_that_mention_a_newsletter_stay() {
        let long = "The minister told reporters, in a statement later posted to the government's newsletter and repeated at length in parliament, that the treaty would be signed before the summit and that no further concessions would be offered to either side.";
        let c = clean(long);
        assert_eq!(c.blocks, vec![long.to_string()]);
    }

    #[test]
    fn separated_lists_and_repeats_are_removed() {
        let c = clean(
            "Body sentence one is here for the article.\nA promo line that says delivered to your inbox daily.\nA promo line that says delivered to your inbox daily.\nBody sentence two ends the article.\n-\nOther story one\n-\nOther story two\n-\nOther story three",
        );
        assert_eq!(
            c.blocks,
            vec![
                "Body sentence one is here for the article.",
                "Body sentence two ends the article."
            ]
        );
        assert_eq!(
            c.removed
                .iter()
                .filter(|r| r.kind == NoiseKind::Related)
                .count(),
            6
        );
        assert_eq!(c.hidden_summary(), "6 related, 2 promo");
    }

    #[test]
    fn one_dash_alone_is_not_a_list() {
        let c = clean("First paragraph of the story.\n-\nSecond paragraph of the story.");
        assert_eq!(c.blocks.len(), 3);
    }
}
