//! Features for the name tagger: what the model sees of each token.
//!
//! Every feature is a 64-bit hash of a template number and its value; the model
//! folds it into a fixed table (feature hashing), so nothing here allocates a
//! string. Static features depend on the text only and are computed once per
//! token; dynamic ones depend on the tags already chosen and are added while
//! decoding, left to right.

use super::gazetteer::{Gazetteer, MINED, Marked, TITLE};
use super::hashing::{IdMap, finish, fx, lower_hash, normalise};
use super::word_clusters::{self, Code, LEVELS};
use crate::text::{self, Token};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Entity types in tag order: CoNLL PER, ORG, LOC, MISC.
pub const TYPES: usize = 4;
/// O, then B, I, L, U for each type (BILOU).
pub const NUM_TAGS: usize = 1 + 4 * TYPES;
pub const O: usize = 0;
pub const B: usize = 0;
pub const I: usize = 1;
pub const L: usize = 2;
pub const U: usize = 3;
/// History value for "before the sentence start"; not a tag the model predicts.
pub const BOS: usize = NUM_TAGS;

pub fn tag(kind: usize, pos: usize) -> usize {
    1 + kind * 4 + pos
}

/// The type and BILOU position of a tag, `None` for O.
pub fn split_tag(tag: usize) -> Option<(usize, usize)> {
    (tag != O && tag < NUM_TAGS).then(|| ((tag - 1) / 4, (tag - 1) % 4))
}

/// BILOU well-formedness: an open entity (B, I) must continue with I or L of its
/// own type; otherwise only O, B or U may follow. At the end of a sentence an
/// entity must be closed.
pub fn allowed(prev: usize, cur: usize, last_in_sentence: bool) -> bool {
    let ok = match split_tag(prev) {
        Some((k, B | I)) => split_tag(cur).is_some_and(|(k2, p)| k2 == k && (p == I || p == L)),
        _ => matches!(split_tag(cur), None | Some((_, B | U))),
    };
    ok && !(last_in_sentence && matches!(split_tag(cur), Some((_, B | I))))
}

// ---------------------------------------------------------------- hashing

/// Capitalisation class of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Cap {
    NoLetters = 0,
    Lower = 1,
    Title = 2,
    Upper = 3,
    Mixed = 4,
}

/// What the model knows of one token before decoding.
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    lower: u64,
    cased: u64,
    shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    cap: u8,
    len: u8,
    /// 1: first token of its sentence (after any opening quotes); 2: the sentence
    /// has no lowercase letters (a headline, a table row); 4: inside quotes.
    flags: u8,
    /// How the same word is written elsewhere in the document (`DocCase` bits).
    doc_case: u8,
    /// Gazetteer marks: bit `4 * list + BILOU position`.
    gaz: u64,
    /// Word clusters, coarse to fine (`word_clusters::UNKNOWN` for a rare word).
    clusters: [u16; LEVELS],
    /// The word vector's principal components, cut into three.
    code: Code,
}

const SENT_START: u8 = 1;
const HEADLINE: u8 = 2;
/// The word is a common lowercase word of the training text (`instead`, `those`).
pub const COMMON: u8 = 8;

/// Bits of `TokenInfo::doc_case`: the forms a word takes in the document.
const SEEN_LOWER: u8 = 1;
const SEEN_CAP_MID: u8 = 2;
const SEEN_CAP_START: u8 = 4;

fn analyse(word: &str) -> TokenInfo {
    let mut info = TokenInfo {
        lower: lower_hash(word),
        ..TokenInfo::default()
    };
    let (mut upper, mut lower, mut n) = (0usize, 0usize, 0usize);
    let mut first_upper = false;
    let mut shape = 0x1234u64;
    let mut last_class = '\0';
    let mut cased = 0x5678u64;
    let mut pre = 0x77u64;
    for c in word.chars().map(normalise) {
        cased = fx(cased, u64::from(c));
        let class = if c.is_uppercase() {
            upper += 1;
            if n == 0 {
                first_upper = true;
            }
            'X'
        } else if c.is_lowercase() {
            lower += 1;
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if class != last_class {
            shape = fx(shape, u64::from(class));
            last_class = class;
        }
        let l = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        if n < 4 {
            pre = fx(pre, u64::from(l));
            info.prefixes[n] = pre;
        }
        n += 1;
    }
    let mut suf = 0x99u64;
    for (j, c) in word.chars().rev().map(normalise).take(4).enumerate() {
        let l = c.to_lowercase().next().unwrap_or(c);
        suf = fx(suf, u64::from(l));
        info.suffixes[j] = suf;
    }
    info.cased = cased;
    info.shape = shape;
    let class = word_clusters::of(info.lower);
    info.clusters = class.clusters;
    info.code = class.code;
    info.len = n.min(255) as u8;
    info.cap = if upper + lower == 0 {
        Cap::NoLetters
    } else if upper == 0 {
        Cap::Lower
    } else if lower == 0 {
        Cap::Upper
    } else if first_upper && upper == 1 {
        Cap::Title
    } else {
        Cap::Mixed
    } as u8;
    info
}

/// A text made ready for tagging: tokens, sentences and per-token information.
pub struct Prepared {
    pub tokens: Vec<Token>,
    /// Sentences as ranges of token indices.
    pub sentences: Vec<std::ops::Range<usize>>,
    pub info: Vec<TokenInfo>,
    /// For each capitalised word: the words around its occurrences in running
    /// text (Ratinov & Roth's context aggregation), as hashes; kept inline,
    /// as a text has hundreds of such words.
    contexts: IdMap<Contexts>,
}

thread_local! {
    /// `analyse` of the words seen lately (it depends on the word alone, and
    /// words repeat): a lookup costs less than the analysis.
    static ANALYSED: RefCell<FxHashMap<Box<str>, TokenInfo>> = RefCell::default();
}

/// Words kept in `ANALYSED` at most (a few MB); past it, it starts afresh.
const MAX_ANALYSED: usize = 1 << 14;

/// At most this many distinct neighbours are kept per word.
const MAX_CONTEXTS: usize = 8;

/// The neighbours of one word, as hashes.
type Contexts = smallvec::SmallVec<[u64; MAX_CONTEXTS]>;

/// Tokenises `text` and computes every static property of its tokens.
/// The tokens (of `n_tokens`) that no name of `names` covers, in order; `names` are
/// (first token, last token, kind) in text order, as the span mending passes hold them.
pub fn tokens_outside(
    names: &[(usize, usize, usize)],
    n_tokens: usize,
) -> impl Iterator<Item = usize> + '_ {
    // The names are in text order: one cursor tells whether a token is in one.
    let mut next_name = 0;
    (0..n_tokens).filter(move |&i| {
        while next_name < names.len() && names[next_name].1 < i {
            next_name += 1;
        }
        names.get(next_name).is_none_or(|&(first, _, _)| first > i)
    })
}

pub fn prepare(text: &str, gaz: &Gazetteer) -> Prepared {
    let tokens = text::tokenize(text);
    let sentences = text::sentence_tokens(text, &tokens);
    let mut info: Vec<TokenInfo> = ANALYSED.with_borrow_mut(|seen| {
        if seen.len() >= MAX_ANALYSED {
            seen.clear();
        }
        tokens
            .iter()
            .map(|t| {
                let word = t.text(text);
                match seen.get(word) {
                    Some(info) => info.clone(),
                    None => {
                        let info = analyse(word);
                        seen.insert(word.into(), info.clone());
                        info
                    }
                }
            })
            .collect()
    });
    let mut case_seen: IdMap<u8> = IdMap::default();
    for s in &sentences {
        let headline = info[s.clone()].iter().all(|t| t.cap != Cap::Lower as u8)
            && info[s.clone()]
                .iter()
                .filter(|t| t.cap == Cap::Upper as u8)
                .count()
                > 1;
        let mut start = true;
        for t in &mut info[s.clone()] {
            if headline {
                t.flags |= HEADLINE;
            }
            if start && t.cap != Cap::NoLetters as u8 {
                t.flags |= SENT_START;
                start = false;
            }
            let bit = match (t.cap, t.flags & (SENT_START | HEADLINE)) {
                (1, _) => SEEN_LOWER,
                (2 | 4, 0) => SEEN_CAP_MID,
                (2 | 4, SENT_START) => SEEN_CAP_START,
                _ => 0,
            };
            *case_seen.entry(t.lower).or_default() |= bit;
        }
    }
    for t in &mut info {
        t.doc_case = case_seen.get(&t.lower).copied().unwrap_or(0);
    }
    let mut contexts: IdMap<Contexts> = IdMap::default();
    for s in &sentences {
        for i in s.clone() {
            let t = &info[i];
            if !t.capitalised() || t.flags & HEADLINE != 0 {
                continue;
            }
            let c = contexts.entry(t.lower).or_default();
            let prev = (i > s.start).then(|| fx(0x70, info[i - 1].lower));
            let next = (i + 1 < s.end).then(|| fx(0x6e, info[i + 1].lower));
            for h in [prev, next].into_iter().flatten() {
                if c.len() < MAX_CONTEXTS && !c.contains(&h) {
                    c.push(h);
                }
            }
        }
    }
    gaz.mark(&sentences, &mut info);
    Prepared {
        tokens,
        sentences,
        info,
        contexts,
    }
}

impl Marked for TokenInfo {
    fn lower(&self) -> u64 {
        self.lower
    }
    fn set_common(&mut self) {
        self.flags |= COMMON;
    }
    fn add_gaz(&mut self, bits: u64) {
        self.gaz |= bits;
    }
}

impl TokenInfo {
    /// Gazetteer marks: bit `4 * list + BILOU position`.
    pub fn gaz(&self) -> u64 {
        self.gaz
    }
    /// A capitalised common word opening its sentence, on no hand-kept name
    /// list: `Tensions rose`, `Instead, ...`, `National security adviser ...`.
    /// The perceptron sometimes takes these for names. Titles don't count (they
    /// are not names), nor do the lists mined from CoNLL: they hold such words
    /// as names of one document (`National`, a team).
    pub fn likely_common_opener(&self) -> bool {
        const NOT_NAMES: u64 = ((1 << (4 * TYPES)) - 1) << (4 * MINED) | 0xf << (4 * TITLE);
        self.flags & SENT_START != 0
            && self.flags & COMMON != 0
            && self.flags & HEADLINE == 0
            && self.cap == Cap::Title as u8
            && self.gaz & !NOT_NAMES == 0
    }
    /// The word opens its sentence (after any opening quotes).
    pub fn starts_sentence(&self) -> bool {
        self.flags & SENT_START != 0
    }
    /// The word's sentence has no lower-case letters (a headline, a table row).
    pub fn in_capitals_line(&self) -> bool {
        self.flags & HEADLINE != 0
    }
    /// The word has no capital letter. Names are made of capitalised words,
    /// with lowercase words and numbers only inside them (`Bank of England`,
    /// `Apollo 13`). (Name lists do not count: they match regardless of case,
    /// and the mined ones hold `the` and `in`.)
    pub fn plain(&self) -> bool {
        self.cap < Cap::Title as u8
    }
    fn capitalised(&self) -> bool {
        self.cap >= Cap::Title as u8
    }
}

// -------------------------------------------------------------- templates

mod parts;
pub use parts::{WINDOW, WordKey, context_features, place_features, place_key, word_features};

#[inline]
fn feat(template: u64, value: u64) -> u64 {
    finish(fx(fx(0, template), value))
}

#[inline]
fn feat2(template: u64, a: u64, b: u64) -> u64 {
    finish(fx(fx(fx(0, template), a), b))
}

/// Pushes the static features of token `i` of sentence `sent` onto `out`.
pub fn static_features(p: &Prepared, sent: &std::ops::Range<usize>, i: usize, out: &mut Vec<u64>) {
    let info = &p.info;
    let t = &info[i];
    let at = |d: isize| -> Option<&TokenInfo> {
        let j = i as isize + d;
        (j >= sent.start as isize && j < sent.end as isize).then(|| &info[j as usize])
    };
    let lower_at = |d: isize| at(d).map_or(0xB05u64.wrapping_add_signed(d as i64), |x| x.lower);
    let shape_at = |d: isize| at(d).map_or(0xB05u64.wrapping_add_signed(d as i64), |x| x.shape);
    let ctx = u64::from(t.flags & (SENT_START | HEADLINE));
    out.push(feat(1, 0));
    for d in -2..=2isize {
        out.push(feat(2 + (d + 2) as u64, lower_at(d)));
    }
    out.push(feat(7, t.cased));
    for k in 0..4 {
        if t.prefixes[k] != 0 {
            out.push(feat(8 + k as u64, t.prefixes[k]));
        }
        if t.suffixes[k] != 0 {
            out.push(feat(12 + k as u64, t.suffixes[k]));
        }
    }
    for d in -1..=1isize {
        out.push(feat(16 + (d + 1) as u64, shape_at(d)));
    }
    out.push(feat2(19, shape_at(-1), t.shape));
    out.push(feat2(20, t.shape, shape_at(1)));
    out.push(feat2(21, lower_at(-1), t.lower));
    out.push(feat2(22, t.lower, lower_at(1)));
    out.push(feat2(23, u64::from(t.cap), ctx));
    out.push(feat2(24, t.lower, ctx));
    out.push(feat2(
        25,
        u64::from(t.doc_case) << 8 | u64::from(t.cap),
        ctx,
    ));
    out.push(feat2(26, u64::from(t.len.min(12)), u64::from(t.cap)));
    out.push(feat2(27, t.shape, ctx));
    let common = u64::from(t.flags & COMMON);
    out.push(feat2(35, common | u64::from(t.cap) << 4, ctx));
    out.push(feat2(36, common | u64::from(t.cap) << 4, shape_at(1)));
    out.push(feat2(28, lower_at(-1), t.shape));
    out.push(feat2(29, t.shape, lower_at(1)));
    // Neighbours' endings and exact forms, and word bigrams on either side.
    for (tmpl, d) in [(37u64, -1isize), (38, 1)] {
        if let Some(x) = at(d) {
            out.push(feat(tmpl, x.suffixes[2]));
            out.push(feat(tmpl + 10, x.cased));
        }
    }
    // Word clusters: the token's at every granularity, its neighbours' at a middle one.
    for (k, &c) in t.clusters.iter().enumerate() {
        out.push(feat(60 + k as u64, u64::from(c)));
    }
    let cluster_at = |d: isize| {
        at(d).map_or(0xB05u64.wrapping_add_signed(d as i64), |x| {
            u64::from(x.clusters[1])
        })
    };
    out.push(feat(64, cluster_at(-1)));
    out.push(feat(65, cluster_at(1)));
    // The principal-component codes of the token and its neighbours: where in
    // the vector space the words lie, beyond which cluster they fall in.
    for (tmpl, d) in [(70u64, 0isize), (71, -1), (72, 1)] {
        if let Some(x) = at(d) {
            parts::code_features(tmpl, x.code, out);
        }
    }
    out.push(feat2(
        66,
        u64::from(t.clusters[1]),
        u64::from(t.cap) << 4 | ctx,
    ));
    out.push(feat2(39, lower_at(-2), lower_at(-1)));
    out.push(feat2(49, lower_at(1), lower_at(2)));
    if let Some(cs) = p.contexts.get(&t.lower).filter(|_| t.capitalised()) {
        for &c in cs {
            out.push(feat(34, c));
        }
    }
    // Gazetteer marks in a +-2 window; the token's own also with its capitalisation.
    for (tmpl, d) in [(50u64, -2isize), (30, -1), (31, 0), (32, 1), (51, 2)] {
        if let Some(x) = at(d) {
            let mut bits = x.gaz;
            while bits != 0 {
                let b = u64::from(bits.trailing_zeros());
                bits &= bits - 1;
                out.push(feat(tmpl, b));
                if d == 0 {
                    out.push(feat2(33, b, u64::from(t.cap) << 4 | ctx));
                }
            }
        }
    }
}

/// The document's memory of the types it gave each capitalised word so far
/// (Ratinov & Roth's extended prediction history).
#[derive(Default)]
pub struct History {
    seen: IdMap<[u16; TYPES + 1]>,
}

impl History {
    /// Most frequent type given to the word so far (`TYPES` for O), if any.
    fn majority(&self, lower: u64) -> Option<usize> {
        let counts = self.seen.get(&lower)?;
        (0..=TYPES).max_by_key(|&k| (counts[k], k == TYPES))
    }

    pub fn record(&mut self, info: &TokenInfo, tag: usize) {
        if info.capitalised() {
            let k = split_tag(tag).map_or(TYPES, |(k, _)| k);
            let c = self.seen.entry(info.lower).or_default();
            c[k] = c[k].saturating_add(1);
        }
    }
}

/// Pushes the features that depend on the previous two tags `t1`, `t2` (`BOS`
/// before the sentence start).
pub fn tag_features(p: &Prepared, i: usize, t1: usize, t2: usize, out: &mut Vec<u64>) {
    tag_pair_features(t1, t2, out);
    tag_word_features(p, i, t1, out);
}

/// The part of `tag_features` that depends on the two tags alone.
pub fn tag_pair_features(t1: usize, t2: usize, out: &mut Vec<u64>) {
    out.push(feat(40, t1 as u64));
    out.push(feat2(41, t1 as u64, t2 as u64));
}

/// The part of `tag_features` that depends on the previous tag and the token.
pub fn tag_word_features(p: &Prepared, i: usize, t1: usize, out: &mut Vec<u64>) {
    let t = &p.info[i];
    out.push(feat2(42, t1 as u64, t.lower));
    out.push(feat2(43, t1 as u64, t.shape));
}

/// Pushes the features from the document's memory of earlier sentences.
pub fn history_features(
    p: &Prepared,
    sent: &std::ops::Range<usize>,
    i: usize,
    hist: &History,
    out: &mut Vec<u64>,
) {
    let t = &p.info[i];
    if t.capitalised() {
        let h = hist.majority(t.lower).map_or(99, |k| k as u64);
        out.push(feat(44, h));
        out.push(feat2(45, h, u64::from(t.flags)));
    }
    if i + 1 < sent.end && p.info[i + 1].capitalised() {
        let h = hist.majority(p.info[i + 1].lower).map_or(99, |k| k as u64);
        out.push(feat2(46, h, u64::from(t.cap)));
    }
}
