//! `sift extract`: the cleaned text of a page or a text file, offline.
//!
//! Plain text goes to the cleaner line by line. HTML is first turned into
//! one line per block with html2text; choosing a main-content extractor
//! (trafilatura ports, dom_smoothie, readability) is the next step of the
//! cleaning work and will replace that first pass.

use std::io::{Read, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::args::ExtractArgs;
use super::{CliError, CliResult, Context};
use crate::clean::{Cleaned, RuleSet, clean_text};

const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Serialize)]
struct Removed<'a> {
    kind: &'a str,
    rule: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct ExtractJson<'a> {
    title: Option<&'a str>,
    text: String,
    removed: Vec<Removed<'a>>,
}

pub fn run(ctx: &Context, args: &ExtractArgs) -> CliResult {
    let bytes = read_input(&args.file)?;
    let text = crate::fetch::charset::decode_html(&bytes, None);
    let (title, lines) = if looks_like_html(&text) {
        html_blocks(&text)
    } else {
        (None, text.into_owned())
    };
    let (rules, errors) = RuleSet::with_user_rules(&ctx.paths.rules_dir());
    for e in errors {
        eprintln!("sift: rule skipped: {e}");
    }
    let mut cleaned = clean_text(&crate::text::sanitize(&lines), args.url.as_deref(), &rules);
    // The page's own title is the headline when the body does not start
    // with it already.
    if let Some(title) = &title
        && !cleaned.blocks.is_empty()
        && cleaned.blocks.first() != Some(title)
    {
        cleaned.blocks.insert(0, title.clone());
    }
    print(&cleaned, title.as_deref(), args)?;
    Ok(ExitCode::SUCCESS)
}

fn read_input(file: &std::path::Path) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    let read = if file.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(CliError::Usage(format!(
            "{} is larger than 64 MiB",
            file.display()
        )));
    }
    Ok(bytes)
}

fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start();
    let head = start[..start.len().min(1024)].to_ascii_lowercase();
    start.starts_with('<')
        && (head.contains("<html")
            || head.contains("<!doctype")
            || head.contains("<p")
            || head.contains("<div")
            || head.contains("<body")
            || head.contains("<head"))
}

/// The page's `<title>` and its text as one line per block.
fn html_blocks(html: &str) -> (Option<String>, String) {
    let lower = html.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|start| {
        let open_end = start + lower[start..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</title")?;
        Some(crate::text::html_to_plain(&html[open_end..close])).filter(|t| !t.is_empty())
    });
    let body = crate::render::html_to_lines(html);
    (title, body)
}

fn print(cleaned: &Cleaned, title: Option<&str>, args: &ExtractArgs) -> Result<(), CliError> {
    if args.json {
        let json = ExtractJson {
            title: title.or(cleaned.blocks.first().map(String::as_str)),
            text: cleaned.text(),
            removed: cleaned
                .removed
                .iter()
                .map(|r| Removed {
                    kind: r.kind.as_str(),
                    rule: &r.rule,
                    text: &r.text,
                })
                .collect(),
        };
        return super::misc::print_json(&json);
    }
    let mut out = String::new();
    if !cleaned.blocks.is_empty() {
        out.push_str(&cleaned.text());
        out.push('\n');
    }
    if args.explain && !cleaned.removed.is_empty() {
        out.push_str(&format!("\nremoved ({}):\n", cleaned.hidden_summary()));
        for r in &cleaned.removed {
            out.push_str(&format!(
                "  [{} · {}] {}\n",
                r.kind.as_str(),
                r.rule,
                r.text
            ));
        }
    }
    // A closed pipe is not worth a message.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<p>Hello</p>"));
        assert!(!looks_like_html("A headline\\n<not html"));
    }
}
