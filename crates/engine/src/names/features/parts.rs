//! `static_features` cut along what each feature depends on, for inference's
//! cached sums (`word_sums`): the features of one word of the window
//! (`word_features`), of the token's word and place (`place_features`), and the
//! rest (`context_features`). Together they are `static_features` (a test in
//! `word_sums` holds them to it); training keeps the one list, in its order.

use super::{COMMON, HEADLINE, Prepared, SENT_START, TokenInfo, feat, feat2};
use crate::names::hashing::finish;
use crate::names::word_clusters::{Code, LEVELS};
use std::hash::Hasher;

/// The principal-component code features of one word, under template `tmpl`.
pub(super) fn code_features(tmpl: u64, c: Code, out: &mut Vec<u64>) {
    for (sign, mut bits) in [(0u64, c.pos), (1, c.neg)] {
        while bits != 0 {
            let d = u64::from(bits.trailing_zeros());
            bits &= bits - 1;
            out.push(feat(tmpl, d << 1 | sign));
        }
    }
}

/// The word's own part of a token's information (all `analyse` computes): tokens
/// with equal keys get equal `word_features`, which can then be scored once per
/// word instead of once per token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordKey {
    lower: u64,
    cased: u64,
    shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    cap: u8,
    len: u8,
    clusters: [u16; LEVELS],
    code: Code,
}

impl std::hash::Hash for WordKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(finish(self.cased ^ self.lower.rotate_left(32)));
    }
}

impl TokenInfo {
    pub fn word_key(&self) -> WordKey {
        WordKey {
            lower: self.lower,
            cased: self.cased,
            shape: self.shape,
            prefixes: self.prefixes,
            suffixes: self.suffixes,
            cap: self.cap,
            len: self.len,
            clusters: self.clusters,
            code: self.code,
        }
    }
}

/// Offsets from the token scored of the words `word_features` describes.
pub const WINDOW: std::ops::RangeInclusive<isize> = -2..=2;

/// The static features of a token that depend on one word of its window alone:
/// the word `x` at offset `d` (in `WINDOW`; `None` outside the sentence). With
/// `context_features` they are exactly `static_features`, in another order.
pub fn word_features(x: Option<&TokenInfo>, d: isize, out: &mut Vec<u64>) {
    let edge = 0xB05u64.wrapping_add_signed(d as i64);
    out.push(feat(2 + (d + 2) as u64, x.map_or(edge, |x| x.lower)));
    if d.abs() > 1 {
        return;
    }
    out.push(feat(16 + (d + 1) as u64, x.map_or(edge, |x| x.shape)));
    if d == 0 {
        let Some(t) = x else { return };
        out.push(feat(1, 0));
        out.push(feat(7, t.cased));
        for k in 0..4 {
            if t.prefixes[k] != 0 {
                out.push(feat(8 + k as u64, t.prefixes[k]));
            }
            if t.suffixes[k] != 0 {
                out.push(feat(12 + k as u64, t.suffixes[k]));
            }
        }
        out.push(feat2(26, u64::from(t.len.min(12)), u64::from(t.cap)));
        for (k, &c) in t.clusters.iter().enumerate() {
            out.push(feat(60 + k as u64, u64::from(c)));
        }
        code_features(70, t.code, out);
        return;
    }
    let (cluster, suffix, cased, code) = if d < 0 {
        (64, 37, 47, 71)
    } else {
        (65, 38, 48, 72)
    };
    out.push(feat(cluster, x.map_or(edge, |x| u64::from(x.clusters[1]))));
    if let Some(x) = x {
        out.push(feat(suffix, x.suffixes[2]));
        out.push(feat(cased, x.cased));
        code_features(code, x.code, out);
    }
}

/// Bits of a token's flags and case elsewhere that, with its word, decide
/// `place_features`.
pub fn place_key(t: &TokenInfo) -> u16 {
    u16::from(t.flags & (SENT_START | HEADLINE | COMMON)) | u16::from(t.doc_case) << 8
}

/// The static features of a token that depend on its word and `place_key`
/// alone: its capitalisation and word by its place in the sentence.
pub fn place_features(t: &TokenInfo, out: &mut Vec<u64>) {
    let ctx = u64::from(t.flags & (SENT_START | HEADLINE));
    out.push(feat2(23, u64::from(t.cap), ctx));
    out.push(feat2(24, t.lower, ctx));
    out.push(feat2(
        25,
        u64::from(t.doc_case) << 8 | u64::from(t.cap),
        ctx,
    ));
    out.push(feat2(27, t.shape, ctx));
    let common = u64::from(t.flags & COMMON);
    out.push(feat2(35, common | u64::from(t.cap) << 4, ctx));
    out.push(feat2(
        66,
        u64::from(t.clusters[1]),
        u64::from(t.cap) << 4 | ctx,
    ));
}

/// The static features of token `i` that are neither `word_features` nor
/// `place_features`: those of two words at once, and gazetteer marks.
pub fn context_features(p: &Prepared, sent: &std::ops::Range<usize>, i: usize, out: &mut Vec<u64>) {
    let info = &p.info;
    let t = &info[i];
    let at = |d: isize| -> Option<&TokenInfo> {
        let j = i as isize + d;
        (j >= sent.start as isize && j < sent.end as isize).then(|| &info[j as usize])
    };
    let lower_at = |d: isize| at(d).map_or(0xB05u64.wrapping_add_signed(d as i64), |x| x.lower);
    let shape_at = |d: isize| at(d).map_or(0xB05u64.wrapping_add_signed(d as i64), |x| x.shape);
    let ctx = u64::from(t.flags & (SENT_START | HEADLINE));
    out.push(feat2(19, shape_at(-1), t.shape));
    out.push(feat2(20, t.shape, shape_at(1)));
    out.push(feat2(21, lower_at(-1), t.lower));
    out.push(feat2(22, t.lower, lower_at(1)));
    let common = u64::from(t.flags & COMMON);
    out.push(feat2(36, common | u64::from(t.cap) << 4, shape_at(1)));
    out.push(feat2(28, lower_at(-1), t.shape));
    out.push(feat2(29, t.shape, lower_at(1)));
    out.push(feat2(39, lower_at(-2), lower_at(-1)));
    out.push(feat2(49, lower_at(1), lower_at(2)));
    if let Some(cs) = p.contexts.get(&t.lower).filter(|_| t.capitalised()) {
        for &c in cs {
            out.push(feat(34, c));
        }
    }
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
