//! The hashes the name recogniser keys its features, gazetteer phrases and
//! word clusters by, and the hash map for keys that already are hashes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// FxHash step: cheap, and good enough once finished by `finish`.
#[inline]
pub fn fx(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Murmur3's finaliser, so that the high bits the model uses are well mixed.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hasher for keys that already are hashes.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Typographic variants folded to the ASCII forms of the training text.
#[inline]
pub fn normalise(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' => '\'',
        '“' | '”' | '«' | '»' => '"',
        '–' | '—' | '−' => '-',
        _ => c,
    }
}

/// Hash of the lowercased, normalised word: the key of lexical features,
/// gazetteer phrases and the document's memory of words.
pub fn lower_hash(word: &str) -> u64 {
    let mut h = 0x9e37_79b9;
    for c in word.chars().map(normalise) {
        if c.is_ascii() {
            h = fx(h, u64::from(c.to_ascii_lowercase()));
        } else if let Some(ascii) = deunicode::deunicode_char(c).filter(|a| !a.is_empty()) {
            // The training text is ASCII: `López` should look like `Lopez`.
            for b in ascii.bytes() {
                h = fx(h, u64::from(b.to_ascii_lowercase()));
            }
        } else {
            for l in c.to_lowercase() {
                h = fx(h, u64::from(l));
            }
        }
    }
    h
}
