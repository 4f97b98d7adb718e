//! `sift extract`: the cleaned text of a page or a text file, offline.
//!
//! Plain text goes to the cleaner line by line; an HTML page goes through
//! main-content extraction first (`clean::clean_page`).

use std::io::Read;
use std::process::ExitCode;

use serde::Serialize;

use super::args::ExtractArgs;
use super::{CliError, CliResult, Context};
use crate::clean::{Cleaned, RuleSet, clean_page, clean_text};

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
    let text = crate::text::decode_page(&bytes);
    let (rules, errors) = RuleSet::with_user_rules(&ctx.paths.rules_dir());
    for e in errors {
        eprintln!("sift: rule skipped: {e}");
    }
    let url = args.url.as_deref();
    let cleaned = if looks_like_html(&text) {
        clean_page(&text, url, &rules)
    } else {
        clean_text(&crate::text::sanitize(&text), url, &rules)
    };
    print(&cleaned, args)?;
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

fn print(cleaned: &Cleaned, args: &ExtractArgs) -> Result<(), CliError> {
    if args.json {
        let json = ExtractJson {
            title: cleaned
                .title
                .as_deref()
                .or(cleaned.blocks.first().map(|b| b.text.as_str())),
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
    super::output::write_out(&out)
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
