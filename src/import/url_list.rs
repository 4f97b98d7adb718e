//! Plain URL lists: one feed per line, `#` starts a comment, and after the
//! URL newsboat-style tags, quoted when they hold spaces. A tag starting
//! with `~` is newsboat's title override; `!` (hidden) is ignored.

use super::{ImportedFeed, push_tag};

pub fn parse(text: &str) -> Vec<ImportedFeed> {
    let mut feeds = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let words = split_words(raw);
        let Some((url, rest)) = words.split_first() else {
            continue;
        };
        let mut feed = ImportedFeed {
            url: url.clone(),
            line: index + 1,
            ..Default::default()
        };
        for word in rest {
            if let Some(title) = word.strip_prefix('~') {
                feed.title = Some(crate::text::sanitize_line(title)).filter(|t| !t.is_empty());
            } else if word != "!" {
                push_tag(&mut feed.tags, word);
            }
        }
        feeds.push(feed);
    }
    feeds
}

/// Splits a line into words; double quotes group, `#` outside quotes ends
/// the line, a backslash escapes a quote inside quotes.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => current.extend(chars.next()),
                        _ => current.push(q),
                    }
                }
            }
            '#' if !in_word => break,
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                current.push(c);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsboat_urls_with_quoted_tags_titles_and_comments() {
        let text = "# my feeds\n\nhttps://a.test/feed world \"foreign policy\"\n  https://b.test/rss \"~B News\" ! # trailing\nhttp://c.test/x#frag\n";
        let feeds = parse(text);
        assert_eq!(feeds.len(), 3);
        assert_eq!(feeds[0].url, "https://a.test/feed");
        assert_eq!(feeds[0].tags, vec!["world", "foreign policy"]);
        assert_eq!(feeds[0].line, 3);
        assert_eq!(feeds[1].title.as_deref(), Some("B News"));
        assert!(feeds[1].tags.is_empty());
        // A `#` inside a URL is part of it.
        assert_eq!(feeds[2].url, "http://c.test/x#frag");
    }

    #[test]
    fn odd_lines_do_not_panic() {
        for line in ["\"", "\"unterminated", "\\", "~", "   ", "\"\" x"] {
            let _ = parse(line);
        }
        assert_eq!(parse("\"\" x")[0].url, "");
    }
}
