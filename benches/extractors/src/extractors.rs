//! The candidates, each with its default (or documented recommended)
//! settings, behind one signature: page HTML and URL in, article HTML out.
//! Every output goes through the same `to_lines` before scoring.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

/// Where the last panic happened, filled by the hook `quiet_panics` sets.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Panics inside extractors are results here: record them, print nothing.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }));
}

/// An extractor's answer: the article's HTML (or text turned into `<p>`s
/// when the crate gave only text) and the title it found, if it has one.
pub struct Extraction {
    pub title: Option<String>,
    pub html: String,
}

/// What an extractor gave back for a page.
pub enum Outcome {
    Article(Extraction),
    /// The crate said there is no article (an `Err` or an empty result).
    Nothing(String),
    /// The call panicked; the message.
    Panicked(String),
}

pub struct Extractor {
    pub name: &'static str,
    /// Settings used, for the report.
    pub settings: &'static str,
    pub run: fn(&str, &str) -> Result<Extraction, String>,
    /// False for the baseline, which does no work worth timing.
    pub timed: bool,
}

/// Used when a page has no `<link rel=canonical>` and the API needs a URL.
pub const FALLBACK_URL: &str = "https://example.invalid/article";

pub fn all() -> Vec<Extractor> {
    vec![
        Extractor {
            name: "(whole page)",
            settings: "baseline, no extractor: the page itself, as sift's placeholder `extract_main` does",
            run: whole_page_run,
            timed: false,
        },
        Extractor {
            name: "sift",
            settings: "sift::clean::extract_main with the built-in rules (its own region finder, rules' markers kept)",
            run: sift_run,
            timed: true,
        },
        Extractor {
            name: "sift extract+clean",
            settings: "sift::clean::clean_page: extraction and every rule, what `sift extract` prints",
            run: sift_clean_run,
            timed: true,
        },
        Extractor {
            name: "dom_smoothie",
            settings: "Config::default(), Readability::parse, Article.content",
            run: dom_smoothie_run,
            timed: true,
        },
        Extractor {
            name: "rs-trafilatura",
            settings: "Options { url, ..default() }, content_html (content_text when None)",
            run: rs_trafilatura_run,
            timed: true,
        },
        Extractor {
            name: "trafilatura",
            settings: "Options::default() (fallback off), original_url, content_html",
            run: trafilatura_run,
            timed: true,
        },
        Extractor {
            name: "trafilatura+fallback",
            settings: "Options::default().with_fallback(true) (README example), content_html",
            run: trafilatura_fallback_run,
            timed: true,
        },
        Extractor {
            name: "readability",
            settings: "extractor::extract(input, &url), Product.content (no default features)",
            run: readability_run,
            timed: true,
        },
        Extractor {
            name: "llm_readability",
            settings: "extractor::extract(input, &url), Product.content",
            run: llm_readability_run,
            timed: true,
        },
    ]
}

/// Runs `e` on a page, catching panics.
pub fn call(e: &Extractor, html: &str, url: &str) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| (e.run)(html, url))) {
        Ok(Ok(out)) if out.html.trim().is_empty() => Outcome::Nothing("empty output".into()),
        Ok(Ok(out)) => Outcome::Article(out),
        Ok(Err(msg)) => Outcome::Nothing(msg),
        Err(payload) => {
            let recorded = LAST_PANIC.lock().map(|s| s.clone()).unwrap_or_default();
            Outcome::Panicked(if recorded.is_empty() {
                payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "non-string panic".into())
            } else {
                recorded.replace('\n', " ")
            })
        }
    }
}

fn whole_page_run(html: &str, _url: &str) -> Result<Extraction, String> {
    Ok(Extraction {
        title: None,
        html: html.to_owned(),
    })
}

static SIFT_RULES: std::sync::LazyLock<sift::clean::RuleSet> =
    std::sync::LazyLock::new(sift::clean::RuleSet::builtin);

fn sift_run(html: &str, url: &str) -> Result<Extraction, String> {
    // The markers of removed blocks stay out of the text, as in the reader.
    let e = sift::clean::extract_main(html, Some(url), &SIFT_RULES).ok_or("no article")?;
    let html = e
        .html
        .lines()
        .filter(|l| !l.starts_with("<aside data-sift-kind"))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Extraction { title: e.title, html })
}

fn sift_clean_run(html: &str, url: &str) -> Result<Extraction, String> {
    let c = sift::clean::clean_page(html, Some(url), &SIFT_RULES);
    if c.blocks.is_empty() {
        return Err("no article".into());
    }
    Ok(Extraction {
        title: c.title.clone(),
        html: c.to_html(),
    })
}

fn dom_smoothie_run(html: &str, url: &str) -> Result<Extraction, String> {
    let mut r = dom_smoothie::Readability::new(html, Some(url), None).map_err(|e| e.to_string())?;
    let article = r.parse().map_err(|e| e.to_string())?;
    Ok(Extraction {
        title: Some(article.title),
        html: article.content.to_string(),
    })
}

fn rs_trafilatura_run(html: &str, url: &str) -> Result<Extraction, String> {
    let options = rs_trafilatura::Options {
        url: Some(url.to_owned()),
        ..rs_trafilatura::Options::default()
    };
    let r = rs_trafilatura::extract_with_options(html, &options).map_err(|e| e.to_string())?;
    Ok(Extraction {
        title: r.metadata.title,
        html: r
            .content_html
            .unwrap_or_else(|| text_as_html(&r.content_text)),
    })
}

fn trafilatura_with(html: &str, url: &str, fallback: bool) -> Result<Extraction, String> {
    let mut opts = trafilatura::Options::default();
    opts.original_url = url::Url::parse(url).ok();
    opts.enable_fallback = fallback;
    let r = trafilatura::extract(html, &opts).map_err(|e| e.to_string())?;
    Ok(Extraction {
        title: Some(r.metadata.title),
        html: r.content_html,
    })
}

fn trafilatura_run(html: &str, url: &str) -> Result<Extraction, String> {
    trafilatura_with(html, url, false)
}

fn trafilatura_fallback_run(html: &str, url: &str) -> Result<Extraction, String> {
    trafilatura_with(html, url, true)
}

fn readability_run(html: &str, url: &str) -> Result<Extraction, String> {
    let url = url::Url::parse(url).map_err(|e| e.to_string())?;
    let p = readability::extractor::extract(&mut html.as_bytes(), &url)
        .map_err(|e| format!("{e:?}"))?;
    Ok(Extraction {
        title: Some(p.title),
        html: p.content,
    })
}

/// Its `Product` has no title.
fn llm_readability_run(html: &str, url: &str) -> Result<Extraction, String> {
    let url = url::Url::parse(url).map_err(|e| e.to_string())?;
    let p = llm_readability::extractor::extract(&mut html.as_bytes(), &url)
        .map_err(|e| format!("{e:?}"))?;
    Ok(Extraction {
        title: None,
        html: p.content,
    })
}

/// Plain text as HTML paragraphs, so it takes the same road as the rest.
pub fn text_as_html(text: &str) -> String {
    let mut html = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        html.push_str("<p>");
        for c in line.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                c => html.push(c),
            }
        }
        html.push_str("</p>\n");
    }
    html
}

/// HTML to one line per block, no decorations: what sift's cleaner reads
/// (`render::html_to_lines`), so every extractor is judged on the same text.
pub fn to_lines(html: &str) -> String {
    let decorator = html2text::render::TrivialDecorator::new();
    html2text::config::with_decorator(decorator)
        .allow_width_overflow()
        .no_link_wrapping()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_default()
}
