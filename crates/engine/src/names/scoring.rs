//! What the beam search asks of a scorer, whichever way it computes the scores.

use super::features::{History, NUM_TAGS, Prepared};
use std::ops::Range;

/// How the beam search scores a token: from the feature lists, or (with the
/// integer model) from cached sums, with the same result.
pub(super) trait TokenScores {
    /// The scores of the static and history features of token `i` of sentence `s`.
    fn base(
        &self,
        p: &Prepared,
        s: &Range<usize>,
        i: usize,
        hist: &History,
        feats: &mut Vec<u64>,
        out: &mut [f32; NUM_TAGS],
    );
    /// The scores of the tag features of token `i` after tags `t1`, `t2`.
    fn tags(
        &self,
        p: &Prepared,
        i: usize,
        t1: usize,
        t2: usize,
        feats: &mut Vec<u64>,
        out: &mut [f32; NUM_TAGS],
    );
}
