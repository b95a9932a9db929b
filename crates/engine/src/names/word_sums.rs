//! Inference's shortcut through the model: most of a token's static features
//! depend on one word of its window alone (`features::word_features`), and
//! words repeat. Their weights are summed once per word and place in the
//! window, kept in a per-thread cache across documents, and added up per
//! token; only the features of the token's context are looked up each time.
//! The model's sums are integers, so the scores are the same to the bit as
//! those of `Model::score` over `static_features`: it only saves work (two
//! thirds of the lookups of rows that mostly miss the cache).

use super::features::{self, BOS, History, NUM_TAGS, Prepared, WINDOW, WordKey};
use super::hashing::IdHasher;
use super::model::Model;
use super::scoring::TokenScores;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

type Sums = [i32; NUM_TAGS];
/// Places in the window: offsets -2..=2.
const PLACES: usize = 5;
/// Previous-tag values of the tag features: the tags and `BOS`.
const HISTORY_TAGS: usize = BOS + 1;
/// Words kept at most (each a third of a KB); past it the cache starts afresh.
const MAX_WORDS: usize = 1 << 14;

/// Sums for one model.
#[derive(Default)]
struct Cache {
    /// `Model::id` of the model the sums are of (0: none yet).
    model: u64,
    ids: HashMap<WordKey, u32, BuildHasherDefault<IdHasher>>,
    /// A word's sums at each place of the window.
    words: Vec<[Sums; PLACES]>,
    /// The sums of a place outside the sentence.
    edge: [Sums; PLACES],
    /// The sums of `tag_pair_features`, by `t1 * HISTORY_TAGS + t2`.
    pairs: Vec<Sums>,
    /// (word number << 16 | `place_key`) -> number in `places`.
    place_ids: FxHashMap<u64, u32>,
    /// The sums of `place_features` of a word at a place.
    places: Vec<Sums>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

fn place(d: isize) -> usize {
    (d + 2) as usize
}

impl Cache {
    /// Makes the cache one of `m`'s, with room for another document.
    fn ready_for(&mut self, m: &Model, feats: &mut Vec<u64>) {
        if self.model == m.id() && self.words.len() < MAX_WORDS {
            return;
        }
        self.ids.clear();
        self.words.clear();
        self.place_ids.clear();
        self.places.clear();
        if self.model == m.id() {
            return;
        }
        self.model = m.id();
        for d in WINDOW {
            feats.clear();
            features::word_features(None, d, feats);
            self.edge[place(d)] = [0; NUM_TAGS];
            m.add_sums(feats, &mut self.edge[place(d)]);
        }
        self.pairs = (0..HISTORY_TAGS * HISTORY_TAGS)
            .map(|k| {
                feats.clear();
                features::tag_pair_features(k / HISTORY_TAGS, k % HISTORY_TAGS, feats);
                let mut acc = [0; NUM_TAGS];
                m.add_sums(feats, &mut acc);
                acc
            })
            .collect();
    }

    /// The number of the word of token `i`, its sums made if new.
    fn word(&mut self, m: &Model, p: &Prepared, i: usize, feats: &mut Vec<u64>) -> u32 {
        let info = &p.info[i];
        let next = self.words.len() as u32;
        let id = *self.ids.entry(info.word_key()).or_insert(next);
        if id == next {
            let sums = std::array::from_fn(|k| {
                feats.clear();
                features::word_features(Some(info), k as isize - 2, feats);
                let mut acc = [0; NUM_TAGS];
                m.add_sums(feats, &mut acc);
                acc
            });
            self.words.push(sums);
        }
        id
    }

    /// The number of token `i`'s place sums, whose word is number `word`.
    fn place(&mut self, m: &Model, p: &Prepared, i: usize, word: u32, feats: &mut Vec<u64>) -> u32 {
        let info = &p.info[i];
        let next = self.places.len() as u32;
        let key = u64::from(word) << 16 | u64::from(features::place_key(info));
        let id = *self.place_ids.entry(key).or_insert(next);
        if id == next {
            feats.clear();
            features::place_features(info, feats);
            let mut acc = [0; NUM_TAGS];
            m.add_sums(feats, &mut acc);
            self.places.push(acc);
        }
        id
    }
}

/// Scores the tokens of one document with `m` from cached sums.
pub struct Cached<'a> {
    m: &'a Model,
    cache: &'a Cache,
    /// The word number of every token.
    words: Vec<u32>,
    /// The place-sums number of every token.
    places: Vec<u32>,
}

/// Runs `f` with the cached scorer of `m` for `p`.
pub fn with<R>(m: &Model, p: &Prepared, f: impl FnOnce(&mut Cached) -> R) -> R {
    CACHE.with_borrow_mut(|cache| {
        let mut feats = Vec::with_capacity(96);
        cache.ready_for(m, &mut feats);
        let words: Vec<u32> = (0..p.info.len())
            .map(|i| cache.word(m, p, i, &mut feats))
            .collect();
        let places = (0..p.info.len())
            .map(|i| cache.place(m, p, i, words[i], &mut feats))
            .collect();
        f(&mut Cached {
            m,
            cache,
            words,
            places,
        })
    })
}

fn add(acc: &mut Sums, sums: &Sums) {
    for (a, s) in acc.iter_mut().zip(sums) {
        *a += s;
    }
}

impl TokenScores for Cached<'_> {
    fn base(
        &self,
        p: &Prepared,
        s: &Range<usize>,
        i: usize,
        hist: &History,
        feats: &mut Vec<u64>,
        out: &mut [f32; NUM_TAGS],
    ) {
        let mut acc = [0; NUM_TAGS];
        for d in WINDOW {
            let j = i as isize + d;
            let sums = if j >= s.start as isize && j < s.end as isize {
                self.words
                    .get(j as usize)
                    .and_then(|&w| self.cache.words.get(w as usize))
                    .map(|w| &w[place(d)])
            } else {
                None
            };
            add(&mut acc, sums.unwrap_or(&self.cache.edge[place(d)]));
        }
        if let Some(sums) = self
            .places
            .get(i)
            .and_then(|&k| self.cache.places.get(k as usize))
        {
            add(&mut acc, sums);
        }
        feats.clear();
        features::context_features(p, s, i, feats);
        features::history_features(p, s, i, hist, feats);
        self.m.add_sums(feats, &mut acc);
        self.m.scores(&acc, out);
    }

    fn tags(
        &self,
        p: &Prepared,
        i: usize,
        t1: usize,
        t2: usize,
        feats: &mut Vec<u64>,
        out: &mut [f32; NUM_TAGS],
    ) {
        let mut acc = self
            .cache
            .pairs
            .get(t1 * HISTORY_TAGS + t2)
            .copied()
            .unwrap_or([0; NUM_TAGS]);
        feats.clear();
        features::tag_word_features(p, i, t1, feats);
        self.m.add_sums(feats, &mut acc);
        self.m.scores(&acc, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer::Gazetteer;
    use super::super::model::Scorer;
    use super::*;

    const TEXT: &str = "President Ana Ruiz of Freedonia met the New York Times in Lima on \
        Monday. \"We are ready,\" Ruiz said. RUIZ WINS VOTE. Then the talks in Lima stalled, \
        and Ruiz left.\n\nA";

    fn prepared() -> Prepared {
        let mut gaz = Gazetteer::default();
        gaz.add_tsv(super::super::HAND_LISTS);
        features::prepare(TEXT, &gaz)
    }

    #[test]
    fn word_place_and_context_features_are_the_static_features() {
        let p = prepared();
        for s in &p.sentences {
            for i in s.clone() {
                let mut want = Vec::new();
                features::static_features(&p, s, i, &mut want);
                let mut got = Vec::new();
                for d in WINDOW {
                    let j = i as isize + d;
                    let x =
                        (j >= s.start as isize && j < s.end as isize).then(|| &p.info[j as usize]);
                    features::word_features(x, d, &mut got);
                }
                features::place_features(&p.info[i], &mut got);
                features::context_features(&p, s, i, &mut got);
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "token {i}");
            }
        }
    }

    #[test]
    fn cached_scores_are_the_model_scores() {
        let Ok(m) = Model::from_bytes(super::super::MODEL) else {
            panic!("the compiled-in model parses");
        };
        let p = prepared();
        let hist = History::default();
        let mut feats = Vec::new();
        let (mut want, mut got) = ([0f32; NUM_TAGS], [0f32; NUM_TAGS]);
        // Twice: the second time every word's sums come from the cache.
        for _ in 0..2 {
            with(&m, &p, |cached| {
                for s in &p.sentences {
                    for i in s.clone() {
                        feats.clear();
                        features::static_features(&p, s, i, &mut feats);
                        features::history_features(&p, s, i, &hist, &mut feats);
                        m.score(&feats, &mut want);
                        cached.base(&p, s, i, &hist, &mut feats, &mut got);
                        assert_eq!(want.map(f32::to_bits), got.map(f32::to_bits));
                        for (t1, t2) in [(BOS, BOS), (0, BOS), (3, 0), (16, 5)] {
                            feats.clear();
                            features::tag_features(&p, i, t1, t2, &mut feats);
                            m.score(&feats, &mut want);
                            cached.tags(&p, i, t1, t2, &mut feats, &mut got);
                            assert_eq!(want.map(f32::to_bits), got.map(f32::to_bits));
                        }
                    }
                }
            });
        }
    }
}
