//! Gazetteers: lists of names, matched as whole token sequences.
//!
//! A match marks each token it covers with its list and its BILOU position in
//! the match, which the tagger then sees as features. Lists help with names the
//! training text never showed, and say which names tend to be which type.

use super::hashing::{IdMap, fx, lower_hash};
use crate::text;
use std::ops::Range;

/// A token as the gazetteer sees it: its lowercase hash in, its marks out.
pub trait Marked {
    /// [`super::hashing::lower_hash`] of the token's word.
    fn lower(&self) -> u64;
    /// The word is a common lowercase word of the training text.
    fn set_common(&mut self);
    /// Adds gazetteer marks: bit `4 * list + BILOU position`.
    fn add_gaz(&mut self, bits: u64);
}

/// The lists, in bit order. `place`, `nationality`, `organization` and `title`
/// (words that introduce a name without being part of it) are kept by hand
/// (`data/ner/gazetteer.tsv`, see `scripts/make-gazetteer.py`); the others are
/// mined from the training text (`data/ner/mined.tsv`, rebuilt by `train_ner`).
pub const LISTS: [&str; 9] = [
    "place",
    "nationality",
    "organization",
    "first_name",
    "PER",
    "ORG",
    "LOC",
    "MISC",
    "title",
];

/// The list of places kept by hand.
pub const PLACE: usize = 0;

/// The list of first names, mined from people named in full in the training text.
pub const FIRST_NAME: usize = 3;

/// The list of titles (`President`, `national security adviser`).
pub const TITLE: usize = 8;

/// Where the mined lists of names by type start in `LISTS`.
pub const MINED: usize = 4;

const SEED: u64 = 0x6a09_e667;

/// Phrases keyed by the hash of their lowercased tokens.
#[derive(Default, Clone)]
pub struct Gazetteer {
    /// Hash of a phrase or of a proper prefix of one -> bit set of the lists the
    /// phrase is on (0 for a prefix only) and whether it is a prefix (matching
    /// goes on only then). One map, so each token costs one lookup.
    phrases: IdMap<(u16, bool)>,
    max_len: usize,
    /// Common lowercase words (list `common`), which capitalised are rarely names.
    common: IdMap<()>,
}

impl Gazetteer {
    /// Adds `phrase` to list number `list`.
    pub fn add(&mut self, list: usize, phrase: &str) {
        let toks = text::tokenize(phrase);
        if toks.is_empty() || list >= LISTS.len() {
            return;
        }
        let mut h = SEED;
        for (k, t) in toks.iter().enumerate() {
            h = fx(h, lower_hash(t.text(phrase)));
            if k + 1 < toks.len() {
                self.phrases.entry(h).or_default().1 = true;
            }
        }
        self.phrases.entry(h).or_default().0 |= 1 << list;
        self.max_len = self.max_len.max(toks.len());
    }

    /// Adds the lines `list<TAB>phrase` of a list file; other lines are ignored.
    pub fn add_tsv(&mut self, tsv: &str) {
        for line in tsv.lines() {
            let Some((list, phrase)) = line.split_once('\t') else {
                continue;
            };
            if let Some(k) = LISTS.iter().position(|l| *l == list) {
                self.add(k, phrase.trim());
            } else if list == "common" {
                self.add_common(phrase.trim());
            }
        }
    }

    /// Adds a common lowercase word.
    pub fn add_common(&mut self, word: &str) {
        self.common.insert(lower_hash(word), ());
    }

    /// Whether `word` is one of the common lowercase words, case aside.
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains_key(&lower_hash(word))
    }

    /// Marks the tokens of each sentence covered by the longest match starting at each token.
    pub fn mark<T: Marked>(&self, sentences: &[Range<usize>], info: &mut [T]) {
        if !self.common.is_empty() {
            for t in info.iter_mut() {
                if self.common.contains_key(&t.lower()) {
                    t.set_common();
                }
            }
        }
        for s in sentences {
            for i in s.clone() {
                let mut h = SEED;
                let mut best = None;
                let window = &info[i..s.end.min(i + self.max_len)];
                for (j, t) in (i..).zip(window) {
                    h = fx(h, t.lower());
                    let Some(&(lists, prefix)) = self.phrases.get(&h) else {
                        break;
                    };
                    if lists != 0 {
                        best = Some((j, lists));
                    }
                    if !prefix {
                        break;
                    }
                }
                let Some((j, lists)) = best else { continue };
                for (k, t) in info[i..=j].iter_mut().enumerate() {
                    let pos = match (k == 0, i + k == j) {
                        (true, true) => 3,
                        (true, false) => 0,
                        (false, true) => 2,
                        (false, false) => 1,
                    };
                    let mut bits = 0u64;
                    for l in 0..LISTS.len() {
                        if lists & (1 << l) != 0 {
                            bits |= 1 << (4 * l + pos);
                        }
                    }
                    t.add_gaz(bits);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::features::{TokenInfo, prepare};

    #[test]
    fn marks_the_longest_match_with_bilou_positions() {
        let mut gaz = Gazetteer::default();
        gaz.add_tsv("place\tNew York\nplace\tYork\norganization\tNew York Times\n");
        let text = "She read the New York paper in York.";
        let p = prepare(text, &gaz);
        let marks: Vec<u64> = p.info.iter().map(TokenInfo::gaz).collect();
        let place = 0;
        // `New York` (B, L): `New York Times` is not complete here.
        assert_eq!(marks[3], 1 << (4 * place));
        assert_eq!(marks[4] & (1 << (4 * place + 2)), 1 << (4 * place + 2));
        // `York` alone: U.
        assert_eq!(marks[7], 1 << (4 * place + 3));
        assert_eq!(marks[0], 0);
    }
}
