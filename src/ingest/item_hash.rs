//! An item's identity of content: what tells a changed item from one sent
//! again as it was.

use crate::model::NewArticle;

/// A stable 64-bit hash of everything the feed gives for an item. Our own
/// definition (FNV-1a's constants over 8-byte words, then a final mix), so
/// it is stable across Rust versions, unlike `DefaultHasher`: an upgrade
/// does not make every stored article look changed. Not cryptographic; a
/// collision only means one edit is missed until the next.
pub fn item_hash(item: &NewArticle) -> i64 {
    let mut h = WordHasher::default();
    h.field(Some(&item.title));
    h.field(item.link.as_deref());
    h.field(item.author.as_deref());
    h.field(item.published.map(|t| t.to_string()).as_deref());
    h.field(item.updated.map(|t| t.to_string()).as_deref());
    h.field(item.summary.as_deref());
    h.field(item.content.as_deref());
    // Items without enclosures keep the hash they had before enclosures
    // were stored, so an upgrade does not rewrite every article.
    for e in &item.enclosures {
        h.field(Some(&e.url));
        h.field(e.mime_type.as_deref());
        h.field(e.length.map(|n| n.to_string()).as_deref());
        h.field(e.duration.map(|n| n.to_string()).as_deref());
        h.field(e.title.as_deref());
        h.field(Some(if e.thumbnail { "t" } else { "f" }));
    }
    // SQLite integers are signed; keep the bits.
    i64::from_ne_bytes(h.finish().to_ne_bytes())
}

struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl WordHasher {
    fn word(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(tail));
    }

    /// Length-prefixed, with None distinct from Some(""), so fields cannot
    /// run into each other.
    fn field(&mut self, value: Option<&str>) {
        match value {
            None => self.word(0),
            Some(v) => {
                self.word(1 + v.len() as u64);
                self.bytes(v.as_bytes());
            }
        }
    }

    fn finish(&self) -> u64 {
        // splitmix64's finaliser spreads the last words over every bit.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
