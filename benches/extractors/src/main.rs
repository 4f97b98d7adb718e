//! Scores main-content extractors on sift's fixture pages: quality
//! (word precision/recall/F1, expected lines found, noise lines leaked)
//! and speed. See README.md for how to run it.

mod corpus;
mod extractors;
mod fixtures;
mod report;
mod score;
mod speed;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use extractors::{Extractor, Outcome};
use report::Row;
use score::Headline;

const USAGE: &str = "\
usage: extractors [--pages DIR] [--only NAME,NAME] [--no-speed] [--secs N]
                  [--dump DIR] [--outputs [LABEL=]DIR]... [--text-pages]
                  [--score-headline] [--stack-mib N] [--verbose]
       extractors --real-pages [DIR] [--only NAME,NAME] [--no-speed] [--verbose]

  --pages DIR      fixture pages (default: tests/fixtures/clean/pages of the repo)
  --only NAMES     run only these extractors (comma-separated)
  --no-speed       quality only
  --secs N         time each extractor at least N seconds (default 2)
  --dump DIR       write each extractor's text to DIR/<extractor>/<page>.txt
  --outputs DIR    score text files DIR/<page>.txt made by another tool
                   (e.g. `sift extract`) instead of running the extractors;
                   repeatable; LABEL=DIR names the row
  --text-pages     with --outputs: also score the `<page>.txt` fixtures
  --score-headline score the headline (first expected line) as body: each
                   extractor's title is put first unless its text has it;
                   by default the headline counts neither way
  --stack-mib N    run on a thread with an N MiB stack (default 8, as a main
                   thread; tokio workers and spawn_blocking get 2)
  --verbose        per-page details
  --real-pages DIR the real-page corpus instead of the fixtures (default
                   ../shared/corpora/readability-pages beside the repo),
                   scored as score_extract.py scores it; speed is the
                   median over pages of ms per 100 KB
";

struct Args {
    pages: PathBuf,
    only: Option<Vec<String>>,
    speed: bool,
    secs: f64,
    dump: Option<PathBuf>,
    outputs: Vec<(String, PathBuf)>,
    text_pages: bool,
    headline: Headline,
    stack_mib: usize,
    verbose: bool,
    real_pages: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        pages: Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/clean/pages"),
        only: None,
        speed: true,
        secs: 2.0,
        dump: None,
        outputs: Vec::new(),
        text_pages: false,
        headline: Headline::Neutral,
        stack_mib: 8,
        verbose: false,
        real_pages: None,
    };
    let mut it = std::env::args().skip(1).peekable();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| it.next().ok_or(format!("{flag} needs a value"));
        match a.as_str() {
            "--pages" => args.pages = value("--pages")?.into(),
            "--only" => args.only = Some(value("--only")?.split(',').map(str::to_owned).collect()),
            "--no-speed" => args.speed = false,
            "--secs" => {
                let v = value("--secs")?;
                args.secs = v
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0)
                    .ok_or(format!("--secs: not a number of seconds: {v}"))?;
            }
            "--dump" => args.dump = Some(value("--dump")?.into()),
            "--outputs" => {
                let v = value("--outputs")?;
                let (label, dir) = match v.split_once('=') {
                    Some((l, d)) => (l.to_owned(), PathBuf::from(d)),
                    None => {
                        let dir = PathBuf::from(&v);
                        let label = dir
                            .file_name()
                            .map_or(v.clone(), |n| n.to_string_lossy().into_owned());
                        (label, dir)
                    }
                };
                args.outputs.push((label, dir));
            }
            "--text-pages" => args.text_pages = true,
            "--score-headline" => args.headline = Headline::Expected,
            "--stack-mib" => {
                let v = value("--stack-mib")?;
                args.stack_mib = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or(format!("--stack-mib: not a positive whole number: {v}"))?;
            }
            "--verbose" | "-v" => args.verbose = true,
            "--real-pages" => {
                let default = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../../shared/corpora/readability-pages");
                args.real_pages = Some(match it.peek() {
                    Some(v) if !v.starts_with("--") => it.next().map_or(default, PathBuf::from),
                    _ => default,
                });
            }
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("{msg}");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    // A stack overflow aborts the process (catch_unwind cannot stop it), so
    // the stack size is part of what is measured: deep pages need a lot.
    let stack = args.stack_mib * 1024 * 1024;
    match std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || run(&args))
        .map(|t| t.join())
    {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("cannot start a thread with that stack: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> ExitCode {
    if let Some(dir) = &args.real_pages {
        return run_real_pages(args, dir);
    }
    if args.text_pages && args.outputs.is_empty() {
        eprintln!("--text-pages needs --outputs: the extractors read HTML only");
        return ExitCode::from(2);
    }
    let pages = match fixtures::load_pages(&args.pages, args.text_pages) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("no pages with expected.txt in {}", args.pages.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let html_bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    println!(
        "{} pages, {:.2} MB of HTML, from {}\n",
        pages.len(),
        html_bytes as f64 / 1e6,
        args.pages.display()
    );

    let rows = if args.outputs.is_empty() {
        match run_extractors(args, &pages) {
            Ok(rows) => rows,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    } else {
        args.outputs
            .iter()
            .map(|(label, dir)| score_outputs(label, dir, &pages, args.headline))
            .collect()
    };

    print!("{}", report::summary(&pages, &rows));
    if args.verbose {
        print!("{}", report::details(&pages, &rows));
    }
    ExitCode::SUCCESS
}

fn run_extractors(args: &Args, pages: &[fixtures::Page]) -> Result<Vec<Row>, String> {
    let mut chosen: Vec<Extractor> = extractors::all();
    if let Some(only) = &args.only {
        let known: Vec<&str> = chosen.iter().map(|e| e.name).collect();
        if let Some(bad) = only.iter().find(|n| !known.contains(&n.as_str())) {
            return Err(format!(
                "--only: unknown extractor {bad}; choose from {}",
                known.join(", ")
            ));
        }
        chosen.retain(|e| only.iter().any(|n| n == e.name));
    }
    extractors::quiet_panics();
    let urls: Vec<String> = pages
        .iter()
        .map(|p| {
            p.url
                .clone()
                .unwrap_or_else(|| extractors::FALLBACK_URL.to_owned())
        })
        .collect();

    println!(
        "Headline: {}.",
        match args.headline {
            Headline::Neutral => "neutral (the title is scored apart, in the title column)",
            Headline::Expected =>
                "scored as body, each extractor's title put first unless its text has it",
        }
    );
    println!("Settings:");
    for e in &chosen {
        println!("- {}: {}", e.name, e.settings);
    }
    println!();

    let mut rows = Vec::new();
    for e in &chosen {
        let mut row = Row {
            name: e.name.to_owned(),
            scores: Vec::new(),
            outcomes: Vec::new(),
            titles: Vec::new(),
            first_call_ms: Vec::new(),
            speed: None,
        };
        for (page, url) in pages.iter().zip(&urls) {
            let start = std::time::Instant::now();
            let called = extractors::call(e, &page.html, url);
            row.first_call_ms
                .push(start.elapsed().as_secs_f64() * 1000.0);
            let (title, text, outcome) = match called {
                Outcome::Article(a) => (a.title, extractors::to_lines(&a.html), "ok".to_owned()),
                Outcome::Nothing(why) => (None, String::new(), format!("nothing: {why}")),
                Outcome::Panicked(msg) => (None, String::new(), format!("PANIC: {msg}")),
            };
            let text = match (&title, args.headline) {
                (Some(t), Headline::Expected) if !score::norm(&text).contains(&score::norm(t)) => {
                    format!("{t}\n{text}")
                }
                _ => text,
            };
            if let Some(dir) = &args.dump {
                let dir = dir.join(e.name);
                std::fs::create_dir_all(&dir)
                    .and_then(|()| std::fs::write(dir.join(format!("{}.txt", page.name)), &text))
                    .map_err(|err| format!("--dump {}: {err}", dir.display()))?;
            }
            row.scores.push(score::score(page, &text, args.headline));
            row.outcomes.push(outcome);
            row.titles
                .push(title.map(|t| score::title_matches(&t, page)));
        }
        rows.push(row);
    }

    if args.speed {
        let target = Duration::from_secs_f64(args.secs);
        let timed: Vec<usize> = (0..chosen.len()).filter(|&i| chosen[i].timed).collect();
        let to_time: Vec<&Extractor> = timed.iter().map(|&i| &chosen[i]).collect();
        let speeds = speed::measure(&to_time, pages, &urls, target);
        for (i, s) in timed.into_iter().zip(speeds) {
            rows[i].speed = Some(s);
        }
    }
    Ok(rows)
}

/// Scores `dir/<page>.txt` files; a missing file counts as no output.
fn score_outputs(label: &str, dir: &Path, pages: &[fixtures::Page], headline: Headline) -> Row {
    let mut row = Row {
        name: label.to_owned(),
        scores: Vec::new(),
        outcomes: Vec::new(),
        titles: Vec::new(),
        first_call_ms: Vec::new(),
        speed: None,
    };
    for page in pages {
        let path = dir.join(format!("{}.txt", page.name));
        let (text, outcome) = match std::fs::read(&path) {
            Ok(bytes) => (
                String::from_utf8_lossy(&bytes).into_owned(),
                "ok".to_owned(),
            ),
            Err(e) => (String::new(), format!("nothing: {}: {e}", path.display())),
        };
        row.scores.push(score::score(page, &text, headline));
        row.outcomes.push(outcome);
        row.titles.push(None);
    }
    row
}

/// `--real-pages`: every extractor on the real-page corpus, one table.
fn run_real_pages(args: &Args, dir: &Path) -> ExitCode {
    let pages = match corpus::load(dir) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("no NAME/expected.html pages in {}", dir.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut chosen = extractors::all();
    if let Some(only) = &args.only {
        chosen.retain(|e| only.iter().any(|n| n == e.name));
    }
    extractors::quiet_panics();
    println!("Settings:");
    for e in &chosen {
        println!("- {}: {}", e.name, e.settings);
    }
    println!();
    let rows = corpus::run(&chosen, &pages, args.speed);
    print!("{}", corpus::table(&rows, &pages));
    if args.verbose {
        print!("\n{}", corpus::details(&rows));
    }
    ExitCode::SUCCESS
}
