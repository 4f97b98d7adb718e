//! The briefing as one standalone HTML page: no scripts, no outside
//! resources (a Content-Security-Policy says so to the browser), a small
//! inline style. Every text is escaped; links are http(s) only and open
//! without a referrer.

use std::io::Write;

use super::markdown::summary_line;
use super::{Briefing, StoryEntry, display_time, iso_time, web_link};

const STYLE: &str = "body{font:16px/1.5 Georgia,serif;max-width:44em;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{margin-bottom:.2em}\
a{color:#1a4f8b}.meta{color:#666;font-size:.9em;margin:0}.lead{margin-top:.4em}";

pub fn write(briefing: &Briefing, out: &mut dyn Write) -> std::io::Result<()> {
    let title = format!("Briefing, {}", display_time(briefing.generated_at));
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<h1>{}</h1>", escape(&title))?;
    writeln!(
        out,
        "<p class=\"meta\">{}</p>",
        escape(&summary_line(briefing))
    )?;
    if briefing.is_empty() {
        writeln!(out, "<p>{}</p>", escape(briefing.empty_message()))?;
    }
    for section in &briefing.topics {
        writeln!(out, "<section>")?;
        writeln!(out, "<h2>{}</h2>", escape(&section.label))?;
        for story in &section.stories {
            write_story(story, out)?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn write_story(story: &StoryEntry, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "<article>")?;
    writeln!(
        out,
        "<h3>{}</h3>",
        anchor(story.link.as_deref(), &story.title)
    )?;
    let sources: Vec<String> = story
        .sources
        .iter()
        .map(|s| anchor(s.link.as_deref(), &s.feed))
        .collect();
    writeln!(
        out,
        "<p class=\"meta\"><time datetime=\"{}\">{}</time> · {}</p>",
        iso_time(story.date),
        escape(&display_time(story.date)),
        sources.join(" · ")
    )?;
    if !story.lead.is_empty() {
        writeln!(out, "<p class=\"lead\">{}</p>", escape(&story.lead))?;
    }
    writeln!(out, "</article>")
}

/// `text` as a link when `link` is http(s), as plain text otherwise.
fn anchor(link: Option<&str>, text: &str) -> String {
    match link.and_then(web_link) {
        Some(href) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape(&href),
            escape(text)
        ),
        None => escape(text),
    }
}

/// Sanitised, on one line, with `& < > " '` as character references: safe
/// in text and in quoted attributes.
pub(super) fn escape(text: &str) -> String {
    let line = crate::text::sanitize_line(text);
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
