//! MinHash signatures with LSH banding, and the exact similarity that
//! candidates are verified with.
//!
//! Each band is the minimum of one hash function over the article's words
//! (`ROWS_PER_BAND` of them, combined): two articles land in the same
//! bucket of a band with probability about J^rows, J being the Jaccard
//! similarity of their word sets, so a candidate lookup is a handful of
//! index probes instead of a scan. Hashes are FNV-1a and SplitMix64, fixed
//! here, because bucket keys are stored: they must not change between
//! builds (std's hasher may).

use super::MIN_WORDS;
use super::normalize::story_words;

/// Bands per signature: one bucket each in the index.
pub const BANDS: usize = 20;
/// Hash functions combined in one band.
pub const ROWS_PER_BAND: usize = 1;

/// What story detection compares of an article: its normalised words
/// and their band keys. Pure, so it can be computed where the item is
/// parsed, away from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Sorted, without repeats.
    pub words: Vec<String>,
    /// One per band (`band_keys` of `words`).
    pub keys: Vec<i64>,
}

impl Signature {
    /// The signature of a title and summary (HTML or text); None when
    /// they have too few words to cluster ("Quiz", "Letters").
    pub fn of(title: &str, summary: Option<&str>) -> Option<Signature> {
        Signature::from_words(story_words(title, summary))
    }

    /// The signature of words already normalised, sorted and without
    /// repeats; None when there are too few.
    pub fn from_words(words: Vec<String>) -> Option<Signature> {
        (words.len() >= MIN_WORDS).then(|| Signature {
            keys: band_keys(&words),
            words,
        })
    }
}

/// The bucket keys of an article's words, one per band (empty for no
/// words). Keys mix the band number in, so one table holds every band.
pub fn band_keys(words: &[String]) -> Vec<i64> {
    if words.is_empty() {
        return Vec::new();
    }
    let hashes: Vec<u64> = words.iter().map(|w| fnv1a(w.as_bytes())).collect();
    (0..BANDS)
        .map(|band| {
            let mut key = mix(band as u64 ^ 0xb5ad_4ece_da1c_e2a9);
            for row in 0..ROWS_PER_BAND {
                let seed = mix(((band * ROWS_PER_BAND + row) as u64).wrapping_add(0x5eed));
                let min = hashes.iter().map(|&h| mix(h ^ seed)).min().unwrap_or(0);
                key = mix(key ^ min);
            }
            // 32 bits are plenty to tell buckets apart (a collision only
            // adds a candidate, which verification drops). Stored keys
            // have these values: do not change them.
            i64::from((key >> 32) as u32 as i32)
        })
        .collect()
}

/// |a ∩ b| / |a ∪ b| of two sorted, repeat-free word lists.
pub fn jaccard<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> f64 {
    let common = common_sorted(a, b, |x, y| x.as_ref().cmp(y.as_ref()));
    ratio(common, a.len(), b.len())
}

/// How many items two sorted, repeat-free lists share.
pub(super) fn common_sorted<A, B>(
    a: &[A],
    b: &[B],
    cmp: impl Fn(&A, &B) -> std::cmp::Ordering,
) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match cmp(&a[i], &b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// The Jaccard similarity of two sets of `a` and `b` items sharing
/// `common` (0 when either is empty).
pub(super) fn ratio(common: usize, a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    common as f64 / (a + b - common) as f64
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64's finaliser: a cheap, well-spread 64-bit permutation.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let mut w: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        w.sort();
        w.dedup();
        w
    }

    #[test]
    fn jaccard_counts_the_shared_words() {
        assert_eq!(jaccard(&words("a b c"), &words("b c d")), 0.5);
        assert_eq!(jaccard(&words("a"), &words("b")), 0.0);
        assert_eq!(jaccard::<String, String>(&[], &words("b")), 0.0);
    }

    #[test]
    fn identical_sets_share_every_bucket_and_keys_are_stable() {
        let a = band_keys(&words("putin xi pipeline beijing gas"));
        assert_eq!(a.len(), BANDS);
        assert_eq!(a, band_keys(&words("putin xi pipeline beijing gas")));
        // Fixed hashes: a stored key from an earlier build still matches.
        assert_eq!(a, band_keys(&words("beijing gas pipeline putin xi")));
        let b = band_keys(&words("harvest wheat barley prices farmers"));
        assert!(a.iter().zip(&b).filter(|(x, y)| x == y).count() < BANDS / 2);
        assert!(band_keys(&[]).is_empty());
    }

    #[test]
    fn a_signature_needs_three_words() {
        let sig = Signature::of("Putin and Xi sign gas deal", None).expect("enough words");
        assert_eq!(sig.keys, band_keys(&sig.words));
        assert!(
            sig.words.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        assert_eq!(Signature::of("Quiz", Some("<p>Letters</p>")), None);
    }
}
