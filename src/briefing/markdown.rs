//! The briefing as CommonMark: `#` title, `##` per topic, `###` per story
//! (linked title), a line of date and sources (each linked), the lead.
//! Every text is escaped so a title cannot open a link, a list, a heading
//! or raw HTML; links are http(s) only, with brackets percent-encoded.

use std::io::Write;

use super::{Briefing, StoryEntry, display_time, web_link};

pub fn write(briefing: &Briefing, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "# Briefing, {}", display_time(briefing.generated_at))?;
    writeln!(out)?;
    writeln!(out, "{}", escape(&summary_line(briefing)))?;
    if briefing.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", escape(briefing.empty_message()))?;
        return Ok(());
    }
    for section in &briefing.topics {
        writeln!(out)?;
        writeln!(out, "## {}", escape(&section.label))?;
        for story in &section.stories {
            writeln!(out)?;
            write_story(story, out)?;
        }
    }
    Ok(())
}

/// `3 stories from 4 starred articles · since … · query: …`
pub(super) fn summary_line(briefing: &Briefing) -> String {
    let stories = briefing.story_count();
    let articles = briefing.article_count;
    let mut line = format!(
        "{stories} {} from {articles} {}{}",
        if stories == 1 { "story" } else { "stories" },
        if briefing.starred_only {
            "starred "
        } else {
            ""
        },
        if articles == 1 { "article" } else { "articles" },
    );
    if let Some(since) = briefing.since {
        line.push_str(&format!(" · since {}", display_time(since)));
    }
    if let Some(query) = &briefing.query {
        line.push_str(&format!(" · query: {query}"));
    }
    line
}

fn write_story(story: &StoryEntry, out: &mut dyn Write) -> std::io::Result<()> {
    let title = escape(&story.title);
    match story.link.as_deref().and_then(link_target) {
        Some(target) => writeln!(out, "### [{title}]({target})")?,
        None => writeln!(out, "### {title}")?,
    }
    writeln!(out)?;
    let mut byline = vec![format!("*{}*", display_time(story.date))];
    for source in &story.sources {
        let feed = escape(&source.feed);
        byline.push(match source.link.as_deref().and_then(link_target) {
            Some(target) => format!("[{feed}]({target})"),
            None => feed,
        });
    }
    writeln!(out, "{}", byline.join(" · "))?;
    if !story.lead.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", escape(&story.lead))?;
    }
    Ok(())
}

/// An http(s) link as a link destination: `(`, `)` and spaces
/// percent-encoded (the URL parser already encoded `<`, `>` and quotes).
fn link_target(link: &str) -> Option<String> {
    let url = web_link(link)?;
    Some(
        url.replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20"),
    )
}

/// `text` on one line, with every character Markdown gives a meaning
/// backslash-escaped, and a line start that would open a list or a
/// heading neutralised.
pub(super) fn escape(text: &str) -> String {
    let line = crate::text::sanitize_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        // `!` needs no escape: an image needs `![`, and `[` is escaped.
        if "\\`*_[]<>#|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    // "- x", "+ x", "= x", "1. x", "1) x" at a line start are blocks.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(escape("[click](javascript:x)"), "\\[click\\](javascript:x)");
        assert_eq!(escape("<b>*bold*</b>"), "\\<b\\>\\*bold\\*\\</b\\>");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("10. Downing"), "10\\. Downing");
        assert_eq!(escape("a\nb\u{1b}[2Jc"), "a bc");
    }
}
