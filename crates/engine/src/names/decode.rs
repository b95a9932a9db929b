//! The decoder: tags every token of a prepared text with BILOU tags, by a
//! small beam search (inference) or greedily while the perceptron learns
//! from its mistakes (training, `crates/tools/src/bin/train_ner.rs`).

use super::features::{self, BOS, History, NUM_TAGS, O, Prepared, allowed, split_tag};
use super::model::Scorer;
use super::scoring::TokenScores;
use super::word_sums;
use std::ops::Range;

/// A scorer that never learns, so inference can share the training decoder.
pub struct Frozen<'a, S>(pub &'a S);
impl<S: Scorer> Scorer for Frozen<'_, S> {
    fn score(&self, feats: &[u64], out: &mut [f32; NUM_TAGS]) {
        self.0.score(feats, out);
    }
    fn as_model(&self) -> Option<&super::model::Model> {
        self.0.as_model()
    }
}

/// Hypotheses kept per token by the beam search.
const BEAM: usize = 3;
/// Softens the perceptron's scores before they are read as probabilities; tuned
/// on CoNLL-2003 dev (much higher, the beam prefers long names).
const TEMPERATURE: f32 = 10.0;
/// Log-probability behind the best at which a hypothesis leaves the beam.
const MARGIN: f32 = 3.0;
/// A token is outside every name, without being scored, when it and the
/// tokens this far after it are plain (`TokenInfo::plain`): most of running
/// text, where the scores would only confirm O. Scoring is most of the
/// decoder's time. The plain token before a capitalised one is scored (it may
/// open a name); the one after a name is not: the name is either closed there
/// or still open, and an open name has the token scored anyway (see
/// `beam_search_with`). Looking one token behind as well would tag the same
/// and only cost time.
const PLAIN_AHEAD: usize = 1;

/// Tags every token. With `gold`, the scorer learns from each mistake as it goes
/// (perceptron training, greedy); without, a beam search finds the best-scoring
/// tag sequence of each sentence.
pub fn decode<S: Scorer>(p: &Prepared, scorer: &mut S, gold: Option<&[usize]>) -> Vec<usize> {
    match gold {
        Some(gold) => learn(p, scorer, gold),
        None => beam_search(p, scorer),
    }
}

/// One training pass over a document. The features see the tagger's own
/// earlier predictions, as they will on unseen text: a tagger trained on gold
/// previous tags scores a little higher on dev but, never having seen its own
/// mistakes, runs on into long false names in real prose (`US Secretary of
/// State Mike Pompeo` as one organization). After a mistake the gold tag may be
/// ill-formed; `oracle` then gives the nearest well-formed one to learn.
fn learn<S: Scorer>(p: &Prepared, scorer: &mut S, gold: &[usize]) -> Vec<usize> {
    let mut pred = vec![O; p.tokens.len()];
    let mut hist = History::default();
    let mut feats = Vec::with_capacity(96);
    let mut scores = [0f32; NUM_TAGS];
    for s in &p.sentences {
        for i in s.clone() {
            let t1 = if i > s.start { pred[i - 1] } else { BOS };
            let t2 = if i > s.start + 1 { pred[i - 2] } else { BOS };
            feats.clear();
            features::static_features(p, s, i, &mut feats);
            features::history_features(p, s, i, &hist, &mut feats);
            features::tag_features(p, i, t1, t2, &mut feats);
            scorer.score(&feats, &mut scores);
            let prev = if t1 == BOS { O } else { t1 };
            let last = i + 1 == s.end;
            let best = (0..NUM_TAGS)
                .filter(|&t| allowed(prev, t, last))
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                .unwrap_or(O);
            let target = oracle(prev, gold[i], gold.get(i + 1).copied().filter(|_| !last));
            scorer.tick();
            if target != best {
                scorer.learn(&feats, target, best);
            }
            pred[i] = best;
        }
        for i in s.clone() {
            hist.record(&p.info[i], pred[i]);
        }
    }
    pred
}

/// The best tag to learn after `prev` when the gold tag is `gold` (and the
/// next gold tag `next`): the gold tag when it is well-formed there, else the
/// nearest well-formed one (close an entity left open, open one entered late).
fn oracle(prev: usize, gold: usize, next: Option<usize>) -> usize {
    let last = next.is_none();
    if allowed(prev, gold, last) {
        return gold;
    }
    let cont = |k: usize| {
        next.and_then(split_tag)
            .is_some_and(|(k2, pos)| k2 == k && matches!(pos, 1 | 2))
    };
    match (split_tag(prev), split_tag(gold)) {
        // An entity is open: close it here.
        (Some((k, 0 | 1)), _) => features::tag(k, features::L),
        // Gold continues an entity we never opened: open it now.
        (_, Some((k, _))) if cont(k) => features::tag(k, features::B),
        (_, Some((k, _))) => features::tag(k, features::U),
        _ => O,
    }
}

/// A partial tagging of a sentence: its score, last two tags and last node.
#[derive(Clone, Copy)]
struct Hyp {
    score: f32,
    t1: usize,
    t2: usize,
    node: usize,
}

const NO_NODE: usize = usize::MAX;

/// `features::allowed` as bit masks, one per previous tag and sentence position,
/// worked out once per text rather than for every tag of every hypothesis.
struct AllowedTags([[u32; NUM_TAGS]; 2]);

impl AllowedTags {
    fn new() -> AllowedTags {
        AllowedTags(std::array::from_fn(|last| {
            std::array::from_fn(|prev| {
                (0..NUM_TAGS)
                    .filter(|&t| allowed(prev, t, last == 1))
                    .fold(0, |m, t| m | 1 << t)
            })
        }))
    }

    /// The tags allowed after `prev`, at the sentence's last token or not.
    fn after(&self, prev: usize, last: bool) -> u32 {
        self.0[usize::from(last)].get(prev).copied().unwrap_or(0)
    }
}

/// The tags of a mask, in increasing order.
fn tags_in(mut mask: u32) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let t = mask.trailing_zeros() as usize;
        mask &= mask.wrapping_sub(1);
        (t < 32).then_some(t)
    })
}

struct Lists<'a, S>(&'a S);

impl<S: Scorer> TokenScores for Lists<'_, S> {
    fn base(
        &self,
        p: &Prepared,
        s: &Range<usize>,
        i: usize,
        hist: &History,
        feats: &mut Vec<u64>,
        out: &mut [f32; NUM_TAGS],
    ) {
        feats.clear();
        features::static_features(p, s, i, feats);
        features::history_features(p, s, i, hist, feats);
        self.0.score(feats, out);
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
        feats.clear();
        features::tag_features(p, i, t1, t2, feats);
        self.0.score(feats, out);
    }
}

fn beam_search<S: Scorer>(p: &Prepared, scorer: &S) -> Vec<usize> {
    match scorer.as_model() {
        Some(m) => word_sums::with(m, p, |cached| beam_search_with(p, &*cached)),
        None => beam_search_with(p, &Lists(scorer)),
    }
}

fn beam_search_with(p: &Prepared, scorer: &impl TokenScores) -> Vec<usize> {
    let mut tags = vec![O; p.tokens.len()];
    let mut hist = History::default();
    let mut feats = Vec::with_capacity(96);
    let mut base = [0f32; NUM_TAGS];
    let mut delta = [0f32; NUM_TAGS];
    let mut local = [0f32; NUM_TAGS];
    // Tag and parent of every hypothesis node of the current sentence.
    let mut nodes: Vec<(usize, usize)> = Vec::new();
    let mut beam: Vec<Hyp> = Vec::with_capacity(BEAM);
    let mut next: Vec<Hyp> = Vec::with_capacity(BEAM);
    let follows = AllowedTags::new();
    let outside = plain_stretches(p);
    for s in &p.sentences {
        nodes.clear();
        beam.clear();
        beam.push(Hyp {
            score: 0.0,
            t1: BOS,
            t2: BOS,
            node: NO_NODE,
        });
        for i in s.clone() {
            let last = i + 1 == s.end;
            // Outside a name, every hypothesis goes on with O. With O the
            // only tag allowed its log-probability is 0, so no score changes
            // (a lone hypothesis's score is only ever compared with its own
            // descendants', which share whatever it would have gained).
            let o_allowed =
                |h: &Hyp| follows.after(if h.t1 == BOS { O } else { h.t1 }, last) & 1 << O != 0;
            if outside[i] && beam.iter().all(o_allowed) {
                for hyp in &mut beam {
                    nodes.push((O, hyp.node));
                    *hyp = Hyp {
                        t2: hyp.t1,
                        t1: O,
                        node: nodes.len() - 1,
                        ..*hyp
                    };
                }
                continue;
            }
            scorer.base(p, s, i, &hist, &mut feats, &mut base);
            // The best BEAM candidates, best first; on ties the earlier one
            // (lower hypothesis, then lower tag) stays ahead, so results are deterministic.
            let mut top: [(f32, usize, usize); BEAM] = [(f32::NEG_INFINITY, 0, NUM_TAGS); BEAM];
            for (h, hyp) in beam.iter().enumerate() {
                scorer.tags(p, i, hyp.t1, hyp.t2, &mut feats, &mut delta);
                let prev = if hyp.t1 == BOS { O } else { hyp.t1 };
                let ok = follows.after(prev, last);
                // Local scores as log-probabilities over the tags allowed here
                // (softmax at temperature `TEMPERATURE`), summed along the path.
                // The allowed tags are visited in increasing order, so the float
                // operations run in the same order as over all tags filtered.
                for t in 0..NUM_TAGS {
                    local[t] = (base[t] + delta[t]) / TEMPERATURE;
                }
                // With a single hypothesis (most tokens) the normaliser is
                // the same for every candidate and all their descendants, so
                // it cannot change which path wins: it is not computed.
                let log_z = if beam.len() == 1 {
                    0.0
                } else {
                    let mut max = f32::NEG_INFINITY;
                    for t in tags_in(ok) {
                        max = max.max(local[t]);
                    }
                    let z: f32 = tags_in(ok).map(|t| (local[t] - max).exp()).sum();
                    max + z.ln()
                };
                for t in tags_in(ok) {
                    let score = hyp.score + local[t] - log_z;
                    if score > top[BEAM - 1].0 {
                        let mut k = BEAM - 1;
                        while k > 0 && score > top[k - 1].0 {
                            top[k] = top[k - 1];
                            k -= 1;
                        }
                        top[k] = (score, h, t);
                    }
                }
            }
            next.clear();
            // Hypotheses far behind the best are dropped: where the tagger is
            // sure (most tokens), the beam narrows to one and costs no more than greedy.
            let floor = top[0].0 - MARGIN;
            for &(score, h, t) in top.iter().filter(|c| c.2 < NUM_TAGS && c.0 >= floor) {
                nodes.push((t, beam[h].node));
                next.push(Hyp {
                    score,
                    t1: t,
                    t2: beam[h].t1,
                    node: nodes.len() - 1,
                });
            }
            std::mem::swap(&mut beam, &mut next);
        }
        // Follow the best hypothesis back to the sentence start.
        let mut node = beam.first().map_or(NO_NODE, |h| h.node);
        for i in s.clone().rev() {
            let Some(&(t, parent)) = nodes.get(node) else {
                break;
            };
            tags[i] = t;
            node = parent;
        }
        for i in s.clone() {
            hist.record(&p.info[i], tags[i]);
        }
    }
    tags
}

/// For every token, whether it and the `PLAIN_AHEAD` tokens after it in its
/// sentence (as many as there are) are plain.
fn plain_stretches(p: &Prepared) -> Vec<bool> {
    let mut outside = vec![false; p.tokens.len()];
    for s in &p.sentences {
        // Plain tokens in a row from here on, counted backwards.
        let mut run = 0;
        for i in s.clone().rev() {
            run = if p.info[i].plain() { run + 1 } else { 0 };
            outside[i] = run > PLAIN_AHEAD || (run > 0 && run == s.end - i);
        }
    }
    outside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_tag_masks_match_the_rule() {
        let follows = AllowedTags::new();
        for prev in 0..NUM_TAGS {
            for last in [false, true] {
                let listed: Vec<usize> = tags_in(follows.after(prev, last)).collect();
                let want: Vec<usize> = (0..NUM_TAGS).filter(|&t| allowed(prev, t, last)).collect();
                assert_eq!(listed, want, "{prev} {last}");
            }
        }
        assert_eq!(tags_in(0).count(), 0);
        assert_eq!(tags_in(1 << 31).collect::<Vec<_>>(), [31]);
    }

    #[test]
    fn plain_stretches_look_one_token_ahead_within_the_sentence() {
        let text = "talks in New York went on and on. then they ended";
        let p = features::prepare(text, &super::super::gazetteer::Gazetteer::default());
        let outside: Vec<(&str, bool)> = (0..p.tokens.len())
            .map(|i| (p.tokens[i].text(text), plain_stretches(&p)[i]))
            .collect();
        let want = [
            ("talks", true),
            ("in", false),
            ("New", false),
            ("York", false),
            ("went", true),
            ("on", true),
            ("and", true),
            ("on", true),
            (".", true),
            ("then", true),
            ("they", true),
            ("ended", true),
        ];
        assert_eq!(outside, want);
    }

    #[test]
    fn oracle_repairs_ill_formed_gold_tags() {
        let (b_per, l_per) = (features::tag(0, features::B), features::tag(0, features::L));
        let i_org = features::tag(1, features::I);
        let (b_org, u_org) = (features::tag(1, features::B), features::tag(1, features::U));
        // Gold is fine: learn it.
        assert_eq!(oracle(O, b_per, Some(l_per)), b_per);
        // We opened a name gold does not have: close it.
        assert_eq!(oracle(b_per, O, Some(O)), l_per);
        // Gold is inside a name we did not open: open it, or make it a one-word name.
        assert_eq!(oracle(O, i_org, Some(i_org)), b_org);
        assert_eq!(oracle(O, i_org, None), u_org);
    }
}
