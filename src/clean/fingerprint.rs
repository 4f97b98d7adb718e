//! The rules' fingerprint: a stable hash of the effective rule set (the
//! built-in rules with the user's on top, in order, disabled ones gone)
//! and of sift's version. The cache stores it with the item verdicts it
//! judged with; when it differs, the cached articles are judged again.
//!
//! FNV-1a over each field with its length, so it is the same on every
//! platform, run and Rust release (std's hashers promise none of that),
//! and a comment or a blank line in a rules file changes nothing.

use super::RuleSet;

/// Changes when what the fingerprint covers, or how items are judged,
/// changes in a way a version bump would not show (during development).
const SCHEME: &str = "item-rules/2: title, link, summary";

/// Hashes the fields of one rule definition.
pub(super) struct SpecHasher(u64);

impl SpecHasher {
    /// A hasher for one definition of the given sort ("item", "block").
    pub fn new(sort: &str) -> SpecHasher {
        let mut h = SpecHasher(0xcbf2_9ce4_8422_2325);
        h.field(sort);
        h
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// One field; its length goes first so ("ab", "c") ≠ ("a", "bc").
    pub fn field(&mut self, value: &str) {
        self.bytes(&(value.len() as u64).to_le_bytes());
        self.bytes(value.as_bytes());
    }

    pub fn number(&mut self, value: Option<usize>) {
        self.field(&value.map_or(String::new(), |n| n.to_string()));
    }

    pub fn list(&mut self, values: &[String]) {
        self.number(Some(values.len()));
        for v in values {
            self.field(v);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// The same for the rules that clean an article's text (blocks, CSS
/// selectors, sites' kickers): the search index is made with them.
const TEXT_SCHEME: &str = "text-rules/1: kept blocks";

impl RuleSet {
    /// The fingerprint of these rules with this sift, as 16 hex digits.
    pub fn fingerprint(&self) -> String {
        self.hash(SCHEME, true)
    }

    /// The fingerprint of the rules that clean text, leaving item rules
    /// out: adding an item rule does not make the index stale.
    pub fn text_fingerprint(&self) -> String {
        self.hash(TEXT_SCHEME, false)
    }

    fn hash(&self, scheme: &str, items: bool) -> String {
        let mut h = SpecHasher::new(scheme);
        h.field(env!("CARGO_PKG_VERSION"));
        let mut specs = |section: &str, list: &mut dyn Iterator<Item = u64>| {
            h.field(section);
            for spec in list {
                h.field(&format!("{spec:016x}"));
            }
        };
        let no_items = || Vec::<u64>::new().into_iter();
        specs("blocks", &mut self.generic.iter().map(|r| r.spec));
        specs(
            "selectors",
            &mut self.generic_selectors.iter().map(|r| r.spec),
        );
        if items {
            specs("items", &mut self.generic_items.iter().map(|r| r.spec));
        }
        for site in &self.sites {
            specs("site", &mut std::iter::once(site.spec));
            specs("blocks", &mut site.blocks.iter().map(|r| r.spec));
            specs("selectors", &mut site.selectors.iter().map(|r| r.spec));
            if items {
                specs("items", &mut site.items.iter().map(|r| r.spec));
            } else {
                specs("items", &mut no_items());
            }
        }
        format!("{:016x}", h.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_user_file(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.toml"), text).unwrap();
        let (set, errors) = RuleSet::with_user_rules(dir.path());
        assert_eq!(errors, vec![]);
        set.fingerprint()
    }

    #[test]
    fn the_same_rules_give_the_same_fingerprint() {
        let builtin = RuleSet::builtin().fingerprint();
        assert_eq!(builtin.len(), 16);
        assert_eq!(builtin, RuleSet::builtin().fingerprint());
        // Comments and layout are not rules.
        assert_eq!(with_user_file("# nothing yet\n\n"), builtin);
    }

    #[test]
    fn adding_changing_or_switching_off_a_rule_changes_it() {
        let builtin = RuleSet::builtin().fingerprint();
        let added = with_user_file(
            "[[item]]\nname = \"webinars\"\nkind = \"promo\"\ntitle_contains = [\"webinar\"]\n",
        );
        let changed = with_user_file(
            "[[item]]\nname = \"webinars\"\nkind = \"promo\"\ntitle_contains = [\"webinars\"]\n",
        );
        let off = with_user_file("[[item]]\nname = \"puzzle-item\"\nenabled = false\n");
        let block_off = with_user_file("[[block]]\nname = \"share-bar\"\nenabled = false\n");
        let all = [&builtin, &added, &changed, &off, &block_off];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn fields_are_delimited() {
        let hash = |fields: &[&str]| {
            let mut h = SpecHasher::new("t");
            for f in fields {
                h.field(f);
            }
            h.finish()
        };
        assert_ne!(hash(&["ab", "c"]), hash(&["a", "bc"]));
    }

    #[test]
    fn the_hash_is_fnv1a_and_does_not_move_between_builds() {
        // Reference values of 64-bit FNV-1a.
        let mut h = SpecHasher(0xcbf2_9ce4_8422_2325);
        h.bytes(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
        let mut h = SpecHasher(0xcbf2_9ce4_8422_2325);
        h.bytes(b"foobar");
        assert_eq!(h.finish(), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_text_fingerprint_follows_text_rules_only() {
        let builtin = RuleSet::builtin().text_fingerprint();
        assert_ne!(builtin, RuleSet::builtin().fingerprint());
        let text = |file: &str| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("mine.toml"), file).unwrap();
            let (set, errors) = RuleSet::with_user_rules(dir.path());
            assert_eq!(errors, vec![]);
            set.text_fingerprint()
        };
        assert_eq!(
            text("[[item]]\nname = \"x\"\nkind = \"other\"\ntitle_contains = [\"x\"]\n"),
            builtin,
            "an item rule leaves the index as it is"
        );
        assert_ne!(
            text("[[block]]\nname = \"x\"\nkind = \"promo\"\ncontains = [\"x\"]\n"),
            builtin
        );
    }
}
