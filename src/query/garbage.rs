//! Garbage inputs for the parser's and the compiler's never-panic tests:
//! the same deterministic streams for both.

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() as usize) % from.len()]
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "\"",
    "/",
    "\\",
    "-",
    ":",
    " ",
    " ",
    " ",
    "or",
    "and",
    "not",
    "OR",
    "iran",
    "feed:",
    "tag:x",
    "title:",
    "is:",
    "is:unread",
    "since:",
    "2d",
    "before:1w",
    "sort:",
    "relevance",
    "topic:",
    "author:",
    "foo:",
    "*",
    "^",
    "NEAR",
    "é",
    "日本",
    "\u{1b}[31m",
    "\u{0}",
    "\u{202e}",
    "\t",
    "\n",
    "&",
    "—",
    "[",
    "{",
    "}",
    "+",
    "?",
    "|",
    ".",
    "1",
    "x",
];

/// `count` inputs glued from pieces of the language and hostile text.
pub(crate) fn inputs(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Lcg(seed);
    (0..count)
        .map(|_| {
            let n = 1 + rng.next() as usize % 24;
            (0..n).map(|_| rng.pick(PIECES)).collect()
        })
        .collect()
}

/// `count` strings of random bytes (lossily UTF-8), up to 63 long.
pub(crate) fn random_bytes(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Lcg(seed);
    (0..count)
        .map(|_| {
            let n = rng.next() as usize % 64;
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .collect()
}

/// Inputs of about 100 KiB.
pub(crate) fn huge() -> Vec<String> {
    let k100 = 100 * 1024;
    vec![
        "a".repeat(k100),
        "(".repeat(k100),
        ")".repeat(k100),
        "-".repeat(k100),
        "\"".repeat(k100),
        "/".repeat(k100),
        "not ".repeat(k100 / 4),
        "a or ".repeat(k100 / 5),
        format!("\"{}\"", "word ".repeat(k100 / 5)),
        format!("/{}/", "a".repeat(k100)),
        format!("feed:{}", "x".repeat(k100)),
        "é日\u{1b}".repeat(k100 / 6),
    ]
}
