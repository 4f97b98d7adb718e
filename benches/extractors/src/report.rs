//! Markdown tables: one row per extractor, and per-page details.

use crate::fixtures::Page;
use crate::score::PageScore;
use crate::speed::Speed;

/// One extractor's (or one outputs directory's) results on every page.
pub struct Row {
    pub name: String,
    /// Per page, in the order of `pages`.
    pub scores: Vec<PageScore>,
    /// Per page: "ok", "nothing: why" or "PANIC: message".
    pub outcomes: Vec<String>,
    /// Per page: whether the extractor's title names the headline; `None`
    /// when it gives no title.
    pub titles: Vec<Option<bool>>,
    /// Per page: time of the scoring call (one cold run, for `--verbose`;
    /// empty for `--outputs`).
    pub first_call_ms: Vec<f64>,
    pub speed: Option<Speed>,
}

impl Row {
    fn failures(&self, prefix: &str) -> usize {
        self.outcomes
            .iter()
            .filter(|o| o.starts_with(prefix))
            .count()
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// The summary table. P, R, F1 are means over the pages that have expected
/// text; lines and noise are totals over all pages.
pub fn summary(pages: &[Page], rows: &[Row]) -> String {
    let html_bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let scored: Vec<usize> = (0..pages.len())
        .filter(|&i| !pages[i].expected.is_empty())
        .collect();
    let empty: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].expected.is_empty())
        .collect();
    let with_speed = rows.iter().any(|r| r.speed.is_some());

    let mut out = String::new();
    out.push_str("| extractor | precision % | recall % | F1 % | lines found | noise leaked | words on empty page | title = headline | no output / panics |");
    if with_speed {
        out.push_str(" ms/page | best pass ms/page | MB/s |");
    }
    out.push('\n');
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    if with_speed {
        out.push_str("---:|---:|---:|");
    }
    out.push('\n');
    for row in rows {
        let p = mean(scored.iter().map(|&i| row.scores[i].precision()));
        let r = mean(scored.iter().map(|&i| row.scores[i].recall()));
        let f = mean(scored.iter().map(|&i| row.scores[i].f1()));
        let found: usize = row.scores.iter().map(|s| s.lines_found).sum();
        let lines: usize = row.scores.iter().map(|s| s.expected_lines).sum();
        let leaked: usize = row.scores.iter().map(|s| s.leaked.len()).sum();
        let noise: usize = row.scores.iter().map(|s| s.noise_lines).sum();
        let empty_words = empty
            .iter()
            .map(|&i| row.scores[i].output_words.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let titled: Vec<bool> = scored.iter().filter_map(|&i| row.titles[i]).collect();
        let title = if titled.is_empty() {
            "–".to_owned()
        } else {
            format!("{}/{}", titled.iter().filter(|&&t| t).count(), scored.len())
        };
        out.push_str(&format!(
            "| {} | {} | {} | **{}** | {}/{} ({}%) | {}/{} | {} | {} | {} / {} |",
            row.name,
            pct(p),
            pct(r),
            pct(f),
            found,
            lines,
            pct(if lines == 0 {
                0.0
            } else {
                found as f64 / lines as f64
            }),
            leaked,
            noise,
            if empty_words.is_empty() {
                "–".into()
            } else {
                empty_words
            },
            title,
            row.failures("nothing"),
            row.failures("PANIC"),
        ));
        if let Some(s) = &row.speed {
            out.push_str(&format!(
                " {:.2} | {:.2} | {:.1} |",
                s.ms_per_page(pages.len()),
                s.best_ms_per_page(pages.len()),
                s.mb_per_s(html_bytes)
            ));
        } else if with_speed {
            out.push_str(" – | – | – |");
        }
        out.push('\n');
    }
    out
}

/// Per page: each extractor's numbers, then what it leaked and missed.
pub fn details(pages: &[Page], rows: &[Row]) -> String {
    const SHOW: usize = 6;
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        out.push_str(&format!(
            "\n### {} ({} KB, {} expected lines, {} noise, {} neutral{})\n\n",
            page.name,
            page.html.len() / 1024,
            page.expected.len(),
            page.noise.len(),
            page.neutral.len(),
            page.url
                .as_deref()
                .map(|u| format!(", {u}"))
                .unwrap_or_default()
        ));
        out.push_str(
            "| extractor | P % | R % | F1 % | lines | leaked | output words | first call ms | outcome |\n",
        );
        out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for row in rows {
            let s = &row.scores[i];
            // Precision and recall mean nothing where nothing is expected.
            let p_r_f = if s.expected_words == 0 {
                ["–".to_owned(), "–".to_owned(), "–".to_owned()]
            } else {
                [pct(s.precision()), pct(s.recall()), pct(s.f1())]
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {}/{} | {}/{} | {} | {} | {} |\n",
                row.name,
                p_r_f[0],
                p_r_f[1],
                p_r_f[2],
                s.lines_found,
                s.expected_lines,
                s.leaked.len(),
                s.noise_lines,
                s.output_words,
                row.first_call_ms
                    .get(i)
                    .map_or("–".to_owned(), |ms| format!("{ms:.1}")),
                row.outcomes[i].replace('|', "/"),
            ));
        }
        for row in rows {
            let s = &row.scores[i];
            if s.leaked.is_empty() && s.missed.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{}:\n", row.name));
            for l in s.leaked.iter().take(SHOW) {
                out.push_str(&format!("- leaked {}\n", clip(l)));
            }
            if s.leaked.len() > SHOW {
                out.push_str(&format!("- … {} more leaked\n", s.leaked.len() - SHOW));
            }
            for l in s.missed.iter().take(SHOW) {
                out.push_str(&format!("- missed: {}\n", clip(l)));
            }
            if s.missed.len() > SHOW {
                out.push_str(&format!("- … {} more missed\n", s.missed.len() - SHOW));
            }
        }
    }
    out
}

fn clip(s: &str) -> String {
    const MAX: usize = 100;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}
