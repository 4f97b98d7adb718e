//! Cost of assigning one new article's story at ingest, with 100k
//! articles cached over eight weeks (~11k of them within the ±72 h
//! window of a new one). `cargo bench --bench stories`.
//!
//! Four figures: placing one new article through the poll's in-memory
//! index (`StoryAssigner`, loaded once per poll), given its sort date;
//! the same through `assign_touched_with`, which reads the feed's states
//! first (one statement a feed); loading the index (once per poll); and
//! `assign_touched` for a feed of one new article, which loads an index
//! of its own each call (the writer's hook until it keeps one a poll).
//!
//! The cache is synthetic: headlines and standfirsts drawn from news
//! vocabulary (leaders, places, institutions, verbs, nouns), with a Zipf
//! skew so that some names (the big stories) come up far more than others,
//! and 1–4 articles per story, reworded, as several feeds would carry it.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use sift::model::{NewArticle, ParsedFeed, Subscription};
use sift::store::{Arrival, IngestMeta, IngestStats, Store, StoryAssigner};
use sift::store::{assign_touched, assign_touched_with};
use sift::story::signature::Signature;

const ARTICLES: usize = 100_000;
const SPAN_SECS: i64 = 56 * 24 * 3600;
const T0: i64 = 1_800_000_000;
const FEEDS: usize = 50;

const PEOPLE: &[&str] = &[
    "Putin",
    "Xi",
    "Zelensky",
    "Trump",
    "Starmer",
    "Macron",
    "Scholz",
    "Merz",
    "Modi",
    "Erdogan",
    "Netanyahu",
    "Khamenei",
    "Lai",
    "Kim",
    "Meloni",
    "Sanchez",
    "Tusk",
    "Orban",
    "Lula",
    "Milei",
    "Ramaphosa",
    "Ruto",
    "Albanese",
    "Carney",
    "Sheinbaum",
    "Lavrov",
    "Wang",
    "Blinken",
    "Rubio",
    "Lammy",
    "Cooper",
    "Guterres",
    "Rutte",
    "Kallas",
    "Leyen",
    "Shoigu",
    "Belousov",
    "Araghchi",
    "Witkoff",
    "Vance",
    "Hegseth",
    "Sisi",
    "Abbas",
    "Sinwar",
    "Assad",
    "Sharaa",
    "Burhan",
    "Dagalo",
    "Tinubu",
    "Kagame",
    "Tshisekedi",
    "Ishiba",
    "Yoon",
    "Lee",
    "Prabowo",
    "Anwar",
    "Marcos",
    "Shehbaz",
    "Khan",
    "Jaishankar",
    "Sullivan",
    "Zaluzhny",
    "Syrskyi",
    "Budanov",
];
const PLACES: &[&str] = &[
    "Ukraine",
    "Russia",
    "China",
    "Taiwan",
    "Gaza",
    "Israel",
    "Iran",
    "Syria",
    "Lebanon",
    "Yemen",
    "Sudan",
    "Ethiopia",
    "Somalia",
    "Libya",
    "Egypt",
    "Turkey",
    "Poland",
    "Germany",
    "France",
    "Britain",
    "Hungary",
    "Serbia",
    "Kosovo",
    "Georgia",
    "Armenia",
    "Azerbaijan",
    "Moldova",
    "Belarus",
    "Finland",
    "Sweden",
    "Norway",
    "Denmark",
    "Greenland",
    "Canada",
    "Mexico",
    "Venezuela",
    "Colombia",
    "Brazil",
    "Argentina",
    "Chile",
    "Peru",
    "Haiti",
    "Cuba",
    "India",
    "Pakistan",
    "Afghanistan",
    "Bangladesh",
    "Myanmar",
    "Thailand",
    "Cambodia",
    "Vietnam",
    "Philippines",
    "Indonesia",
    "Japan",
    "Korea",
    "Australia",
    "Kyiv",
    "Moscow",
    "Beijing",
    "Washington",
    "Brussels",
    "Geneva",
    "Doha",
    "Cairo",
    "Riyadh",
    "Tehran",
    "Jerusalem",
    "Damascus",
    "Khartoum",
    "Kharkiv",
    "Odesa",
    "Crimea",
    "Donbas",
    "Kursk",
    "Baltic",
    "Arctic",
    "Sahel",
    "Darfur",
    "Hormuz",
    "Kashmir",
    "Balkans",
    "Caucasus",
];
const BODIES: &[&str] = &[
    "NATO",
    "UN",
    "EU",
    "G7",
    "G20",
    "Kremlin",
    "Pentagon",
    "Congress",
    "parliament",
    "cabinet",
    "army",
    "navy",
    "IAEA",
    "ICC",
    "IMF",
    "WHO",
    "OPEC",
    "Brics",
    "Asean",
    "Hamas",
    "Hezbollah",
    "Houthis",
    "RSF",
    "Wagner",
    "Taliban",
    "opposition",
    "court",
    "ministry",
    "embassy",
    "coalition",
    "junta",
    "rebels",
    "militia",
    "security council",
    "central bank",
];
const VERBS: &[&str] = &[
    "meets",
    "warns",
    "sanctions",
    "signs",
    "rejects",
    "backs",
    "condemns",
    "threatens",
    "agrees",
    "seizes",
    "strikes",
    "expels",
    "recalls",
    "sacks",
    "appoints",
    "visits",
    "hosts",
    "blocks",
    "approves",
    "delays",
    "suspends",
    "resumes",
    "launches",
    "halts",
    "accuses",
    "denies",
    "pledges",
    "urges",
    "demands",
    "offers",
    "vetoes",
    "ratifies",
    "withdraws",
    "deploys",
    "arrests",
    "frees",
    "bans",
    "lifts",
    "extends",
    "cuts",
    "raises",
    "targets",
];
const NOUNS: &[&str] = &[
    "ceasefire",
    "truce",
    "treaty",
    "summit",
    "talks",
    "deal",
    "sanctions",
    "tariffs",
    "aid",
    "loan",
    "pipeline",
    "gas",
    "oil",
    "grain",
    "drones",
    "missiles",
    "troops",
    "warships",
    "jets",
    "border",
    "election",
    "referendum",
    "protest",
    "coup",
    "hostages",
    "prisoners",
    "refugees",
    "migrants",
    "ambassador",
    "envoy",
    "minister",
    "general",
    "spy",
    "hackers",
    "nuclear",
    "uranium",
    "reactor",
    "satellite",
    "blockade",
    "exercise",
    "drills",
    "offensive",
    "counteroffensive",
    "frontline",
    "corridor",
    "port",
    "refinery",
    "dam",
    "bridge",
    "airport",
    "embargo",
    "export",
    "import",
    "budget",
    "debt",
    "inflation",
    "currency",
    "strike",
    "vote",
    "law",
    "constitution",
    "amnesty",
    "investigation",
    "indictment",
    "verdict",
    "sentence",
    "visa",
    "passport",
    "asylum",
    "famine",
    "cholera",
    "earthquake",
    "flood",
    "wildfire",
    "climate",
    "emissions",
    "minerals",
    "lithium",
    "chips",
    "shipping",
    "tanker",
    "fleet",
    "base",
    "alliance",
    "partnership",
    "pact",
    "framework",
    "roadmap",
    "mediation",
    "negotiators",
    "delegation",
    "peacekeepers",
    "observers",
    "inspectors",
];
const FILLERS: &[&str] = &[
    "after",
    "over",
    "amid",
    "as",
    "despite",
    "in",
    "with",
    "ahead of",
    "following",
    "against",
];

/// The long tail: names, places and nouns beyond the lists above (most
/// words of real headlines are rare), built from syllables: 32^3 words.
const SYLLABLES: &[&str] = &[
    "ka", "ro", "vi", "tel", "mar", "an", "so", "lu", "dri", "gor", "ben", "sha", "mi", "zu",
    "pol", "ter", "ash", "el", "nov", "ir", "bal", "den", "qu", "yor", "fa", "lin", "os", "pra",
    "hu", "sek", "ta", "wen",
];

fn rare_word(rng: &mut Rng) -> String {
    (0..3)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// A deterministic generator (xorshift64*), Zipf-ish picks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed to the front of the list: the big names come up most.
    fn zipf<'a>(&mut self, words: &[&'a str]) -> &'a str {
        let a = self.below(words.len());
        let b = self.below(words.len());
        words[a.min(b)]
    }
}

fn story_words(rng: &mut Rng) -> Vec<String> {
    vec![
        rng.zipf(PEOPLE).to_string(),
        rng.zipf(VERBS).to_string(),
        rare_word(rng),
        rng.zipf(NOUNS).to_string(),
        rng.zipf(PLACES).to_string(),
        rare_word(rng),
        rng.zipf(BODIES).to_string(),
        rng.zipf(NOUNS).to_string(),
        rare_word(rng),
        rng.zipf(PLACES).to_string(),
        rng.zipf(FILLERS).to_string(),
        rng.zipf(PEOPLE).to_string(),
    ]
}

/// One outlet's telling: most of the story's words, a few of its own.
fn telling(rng: &mut Rng, words: &[String]) -> (String, String) {
    let mut w: Vec<String> = words.to_vec();
    for _ in 0..3 {
        let i = rng.below(w.len());
        w[i] = if rng.below(2) == 0 {
            rng.zipf(NOUNS).to_string()
        } else {
            rare_word(rng)
        };
    }
    let title = w[..7].join(" ");
    let standfirst = format!(
        "{} {} {} {} {}. More detail follows in the article.",
        w[6..].join(" "),
        rng.zipf(FILLERS),
        rng.zipf(PLACES),
        rng.zipf(VERBS),
        rng.zipf(NOUNS)
    );
    (title, standfirst)
}

fn item(n: usize, title: String, standfirst: String, date: i64) -> NewArticle {
    NewArticle {
        enclosures: Vec::new(),
        guid: format!("g{n}"),
        link: Some(format!("https://news.example/{n}")),
        title,
        author: None,
        published: Some(date),
        updated: None,
        summary: Some(standfirst),
        content: None,
    }
}

fn meta() -> IngestMeta<'static> {
    IngestMeta {
        now: T0 + SPAN_SECS,
        etag: None,
        last_modified: None,
        next_poll_at: None,
        keep_days: None,
    }
}

/// Places an ingest's new articles through the poll's index, as the
/// writer does: their sort dates are their (trusted) published dates.
fn place(
    store: &mut Store,
    stories: &mut StoryAssigner,
    stats: &IngestStats,
    items: &[NewArticle],
) {
    let signatures: Vec<Option<Signature>> = stats
        .touched_items
        .iter()
        .map(|&i| Signature::of(&items[i].title, items[i].summary.as_deref()))
        .collect();
    let arrivals: Vec<Arrival<'_>> = stats
        .touched
        .iter()
        .zip(&stats.touched_items)
        .zip(&signatures)
        .map(|((&id, &i), signature)| Arrival {
            id,
            sort_date: items[i].published.unwrap_or(T0),
            changed: false,
            noise: false,
            signature: signature.as_ref(),
        })
        .collect();
    stories.assign_all(store, &arrivals);
}

/// 100k articles with their stories assigned, as polls would have left
/// them.
fn cache(dir: &std::path::Path) -> (Store, Vec<i64>, Rng) {
    let mut store = Store::open(&dir.join("sift.db")).expect("open");
    let subs: Vec<Subscription> = (0..FEEDS)
        .map(|f| Subscription {
            url: format!("https://feed{f}.example/rss"),
            title: None,
            tags: Vec::new(),
        })
        .collect();
    store.sync_subscriptions(&subs).expect("feeds");
    let feeds: Vec<i64> = subs
        .iter()
        .map(|s| store.feed_by_url(&s.url).expect("feed").expect("added").id)
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut per_feed: Vec<Vec<NewArticle>> = vec![Vec::new(); FEEDS];
    let mut n = 0;
    while n < ARTICLES {
        let words = story_words(&mut rng);
        let date = T0 + (rng.next() % SPAN_SECS as u64) as i64;
        for _ in 0..1 + rng.below(4) {
            let (title, standfirst) = telling(&mut rng, &words);
            let when = date + (rng.next() % 36_000) as i64;
            per_feed[rng.below(FEEDS)].push(item(n, title, standfirst, when));
            n += 1;
        }
    }
    // In date order, as polls would have brought them, 1000 at a time.
    let mut all: Vec<(usize, NewArticle)> = per_feed
        .into_iter()
        .enumerate()
        .flat_map(|(f, items)| items.into_iter().map(move |i| (f, i)))
        .collect();
    all.sort_by_key(|(_, i)| i.published);
    for chunk in all.chunks(2000) {
        store.begin_batch().expect("batch");
        // One index per batch, as a poll keeps one.
        let mut stories =
            StoryAssigner::load(&store, chunk[0].1.published.unwrap_or(T0)).expect("story index");
        for (f, feed) in feeds.iter().enumerate() {
            let parsed = ParsedFeed {
                items: chunk
                    .iter()
                    .filter(|(of, _)| *of == f)
                    .map(|(_, i)| i.clone())
                    .collect(),
                ..Default::default()
            };
            let stats = store.ingest(*feed, &parsed, &meta()).expect("ingest");
            place(&mut store, &mut stories, &stats, &parsed.items);
        }
        store.commit_batch().expect("commit");
    }
    store.optimize().expect("optimize");
    (store, feeds, rng)
}

/// The cache `cache` built earlier in `dir`.
fn reopen(dir: &std::path::Path) -> (Store, Vec<i64>, Rng) {
    let store = Store::open(&dir.join("sift.db")).expect("open");
    let feeds = (0..FEEDS)
        .map(|f| {
            let url = format!("https://feed{f}.example/rss");
            store.feed_by_url(&url).expect("feed").expect("built").id
        })
        .collect();
    (store, feeds, Rng(0x2545_f491_4f6c_dd1d))
}

fn bench(c: &mut Criterion) {
    // SIFT_STORIES_CACHE=dir keeps the cache built there and reuses it
    // (to profile without building it each time).
    let temp = tempfile::tempdir().expect("tempdir");
    let kept = std::env::var_os("SIFT_STORIES_CACHE").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(temp.path());
    let started = Instant::now();
    let (mut store, feeds, mut rng) = if dir.join("sift.db").exists() {
        reopen(dir)
    } else {
        cache(dir)
    };
    eprintln!("built {ARTICLES} articles in {:.1?}", started.elapsed());
    let poll_date = T0 + SPAN_SECS / 2;
    // What loading the index costs: the statement, then the index.
    let (from, to) = (poll_date - 4 * 86_400, poll_date + 4 * 86_400);
    let started = Instant::now();
    let rows = store.story_window(from, to).expect("window");
    let read = started.elapsed();
    let mut index = sift::story::index::StoryIndex::new(Default::default());
    let count = rows.len();
    index.add((from, to), rows);
    eprintln!(
        "story window: {count} articles read in {read:.1?}, indexed in {:.1?}",
        started.elapsed() - read
    );
    drop(index);
    let mut n = ARTICLES;
    let mut group = c.benchmark_group("stories");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(10));
    // New articles somewhere in the cache's span (poll_date): the window
    // around them is as full as anywhere.
    group.bench_function("assign one new article at 100k cached", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            store.begin_batch().expect("batch");
            // Loaded once per poll (measured below), not per article.
            let mut stories = StoryAssigner::load(&store, poll_date).expect("index");
            for _ in 0..iters {
                let words = story_words(&mut rng);
                let (title, standfirst) = telling(&mut rng, &words);
                let date = poll_date + (rng.next() % 86_400) as i64;
                let parsed = ParsedFeed {
                    items: vec![item(n, title, standfirst, date)],
                    ..Default::default()
                };
                n += 1;
                let stats = store
                    .ingest(feeds[n % FEEDS], &parsed, &meta())
                    .expect("ingest");
                // Timed as before: the signature, the decision, the write.
                let start = Instant::now();
                place(&mut store, &mut stories, &stats, &parsed.items);
                spent += start.elapsed();
            }
            // Rolled back, so the cache stays at 100k whatever the
            // number of iterations (and the index is dropped with it).
            store.rollback_batch();
            spent
        });
    });
    // Tens of milliseconds each: fewer samples.
    group.sample_size(10);
    group.bench_function(
        "assign_touched_with the poll's index, a feed of one new article",
        |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                store.begin_batch().expect("batch");
                let mut stories = StoryAssigner::load(&store, poll_date).expect("index");
                for _ in 0..iters {
                    let words = story_words(&mut rng);
                    let (title, standfirst) = telling(&mut rng, &words);
                    let date = poll_date + (rng.next() % 86_400) as i64;
                    let parsed = ParsedFeed {
                        items: vec![item(n, title, standfirst, date)],
                        ..Default::default()
                    };
                    n += 1;
                    let stats = store
                        .ingest(feeds[n % FEEDS], &parsed, &meta())
                        .expect("ingest");
                    let start = Instant::now();
                    assign_touched_with(&mut stories, &mut store, &stats, &parsed.items, |_| false);
                    spent += start.elapsed();
                }
                store.rollback_batch();
                spent
            });
        },
    );
    group.bench_function("load the poll's story index at 100k cached", |b| {
        b.iter(|| {
            let stories = StoryAssigner::load(&store, poll_date).expect("index");
            assert!(stories.loaded() > 10_000);
            stories
        });
    });
    group.bench_function(
        "assign_touched, a feed of one new article, at 100k cached",
        |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                store.begin_batch().expect("batch");
                for _ in 0..iters {
                    let words = story_words(&mut rng);
                    let (title, standfirst) = telling(&mut rng, &words);
                    let date = poll_date + (rng.next() % 86_400) as i64;
                    let parsed = ParsedFeed {
                        items: vec![item(n, title, standfirst, date)],
                        ..Default::default()
                    };
                    n += 1;
                    let stats = store
                        .ingest(feeds[n % FEEDS], &parsed, &meta())
                        .expect("ingest");
                    let start = Instant::now();
                    assign_touched(&mut store, &stats, &parsed.items, |_| false);
                    spent += start.elapsed();
                }
                store.rollback_batch();
                spent
            });
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
