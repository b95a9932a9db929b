//! Mention recognition: finds the names of people, organizations, places and
//! groups in running text.
//!
//! An averaged perceptron over BILOU tags, decoded left to right with a small
//! beam, trained on CoNLL-2003 by `src/bin/train_ner.rs` (see
//! `scripts/eval-ner.sh`). Features are hashed (`features`), helped by name
//! lists (`gazetteer`), by word clusters learnt from unlabelled text
//! (`clusters`), by how the document writes the same word elsewhere and by the
//! types it gave that word earlier. The weights (`data/ner/model.bin`)
//! are compiled in and parsed once.

pub mod clusters;
pub mod features;
pub mod gazetteer;
pub mod model;

use super::{ActorKind, NameSpan};
use features::{BOS, History, NUM_TAGS, O, Prepared, allowed, split_tag};
use gazetteer::Gazetteer;
use model::{Model, Scorer};
use std::sync::OnceLock;

/// Hand-written lists: countries, cities, nationalities, organizations, first names.
pub const HAND_LISTS: &str = include_str!("../../../data/ner/gazetteer.tsv");
/// Lists mined from the training text by `train_ner`.
pub const MINED_LISTS: &str = include_str!("../../../data/ner/mined.tsv");
const MODEL: &[u8] = include_bytes!("../../../data/ner/model.bin");

/// The kinds of the model's entity types, in tag order (CoNLL PER, ORG, LOC, MISC).
pub const KINDS: [ActorKind; 4] = [
    ActorKind::Person,
    ActorKind::Organization,
    ActorKind::Place,
    ActorKind::Group,
];

/// The compiled-in recogniser; `None` when the model does not parse (recognise
/// then finds nothing rather than failing the build of a briefing).
fn recogniser() -> Option<&'static Recogniser> {
    static CELL: OnceLock<Option<Recogniser>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut gaz = Gazetteer::default();
        gaz.add_tsv(HAND_LISTS);
        gaz.add_tsv(MINED_LISTS);
        Some(Recogniser {
            model: Model::from_bytes(MODEL).ok()?,
            gaz,
        })
    })
    .as_ref()
}

/// The weights and the name lists.
struct Recogniser {
    model: Model,
    gaz: Gazetteer,
}

/// Finds the names in `text`: sorted, non-overlapping byte spans.
pub fn recognise(text: &str) -> Vec<NameSpan> {
    match recogniser() {
        Some(r) => {
            let p = features::prepare(text, &r.gaz);
            spans(text, &p, &decode(&p, &mut Frozen(&r.model), None))
        }
        None => Vec::new(),
    }
}

/// `recognise(text)` and `text::sentences(text)` together: both start from the same tokens
/// and sentences, which are then made once instead of twice.
pub fn recognise_with_sentences(text: &str) -> (Vec<NameSpan>, Vec<std::ops::Range<usize>>) {
    match recogniser() {
        Some(r) => {
            let p = features::prepare(text, &r.gaz);
            let sentences = p
                .sentences
                .iter()
                .map(|s| p.tokens[s.start].start..p.tokens[s.end - 1].end)
                .collect();
            let names = spans(text, &p, &decode(&p, &mut Frozen(&r.model), None));
            (names, sentences)
        }
        None => (Vec::new(), super::text::sentences(text)),
    }
}

/// A scorer that never learns, so inference can share the training decoder.
pub struct Frozen<'a, S>(pub &'a S);
impl<S: Scorer> Scorer for Frozen<'_, S> {
    fn score(&self, feats: &[u64], out: &mut [f32; NUM_TAGS]) {
        self.0.score(feats, out);
    }
}

/// Hypotheses kept per token by the beam search.
const BEAM: usize = 3;
/// Softens the perceptron's scores before they are read as probabilities; tuned
/// on dev (10: +0.3 F1 over greedy; much above 30 the beam prefers long names).
const TEMPERATURE: f32 = 10.0;
/// Log-probability behind the best at which a hypothesis leaves the beam.
const MARGIN: f32 = 3.0;

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
/// earlier predictions, as they will on unseen text: trained on gold previous
/// tags instead, it scored 0.3 F1 higher on dev but, never having seen its own
/// mistakes, ran on into long false names in real prose (`US Secretary of
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

fn beam_search<S: Scorer>(p: &Prepared, scorer: &S) -> Vec<usize> {
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
            feats.clear();
            features::static_features(p, s, i, &mut feats);
            features::history_features(p, s, i, &hist, &mut feats);
            scorer.score(&feats, &mut base);
            let last = i + 1 == s.end;
            // The best BEAM candidates, best first; on ties the earlier one
            // (lower hypothesis, then lower tag) stays ahead, so results are deterministic.
            let mut top: [(f32, usize, usize); BEAM] = [(f32::NEG_INFINITY, 0, NUM_TAGS); BEAM];
            for (h, hyp) in beam.iter().enumerate() {
                feats.clear();
                features::tag_features(p, i, hyp.t1, hyp.t2, &mut feats);
                scorer.score(&feats, &mut delta);
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

/// Titles that CoNLL leaves out of a person's name (`Mr Bolton` -> `Bolton`).
const PERSON_TITLES: &str = include_str!("../../../data/ner/person_titles.txt");

/// True when `word` opens a person's name without being part of it (`Mr`, `Cardinal`).
fn is_person_title(word: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| super::list_entries(PERSON_TITLES).collect())
        .contains(word)
}

/// Days a tagger may run a person's name on into (`met Jose Insulza Monday`).
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Lowercase words that may stand inside a name (`of`, `for`, `de`); see the file.
const PARTICLES: &str = include_str!("../../../data/name_particles.txt");

/// True when `word` is a lowercase name particle (`of`, `for`, `van`).
pub fn is_particle(word: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| super::list_entries(PARTICLES).collect())
        .contains(word)
}

/// Appends the entity `span` (first token, last token, type) to `acc`, mending names the
/// tagger split at a connector: "Democratic Institute" + "for Energy Security" is one
/// organization. A name that opens with a lowercase particle and follows another name
/// directly continues it (an organization if either part is one); with no name before it,
/// the particle is dropped ("for Energy Security" -> "Energy Security"). Two names of one kind
/// with a single space between are one ("Mark" "Fischer"), and so is a name followed by an
/// organisation word ("Andersen Logistics" "Corporation"). Two names one `of`
/// or `for` apart, neither a person and one an organization, are one organization ("Green
/// Institute" for "Climate Research").
fn rejoin_split_name(
    text: &str,
    p: &Prepared,
    mut acc: Vec<(usize, usize, usize)>,
    (mut first, last, k): (usize, usize, usize),
) -> Vec<(usize, usize, usize)> {
    const ORG: usize = 1;
    const PER: usize = 0;
    const PLACE: usize = 2;
    if !is_particle(p.tokens[first].text(text)) {
        // "Bosnia" and "Herzegovina": two places one `and` apart that together name a country.
        if let Some(prev) = acc.last_mut()
            && prev.1 + 2 == first
            && prev.2 == PLACE
            && k == PLACE
            && p.tokens[first - 1].text(text) == "and"
            && text
                .get(p.tokens[prev.0].start..p.tokens[last].end)
                .and_then(crate::extract::actors::country)
                .is_some()
        {
            prev.1 = last;
            return acc;
        }
        // "Green Institute" for "Climate Research": two non-person names one `of` or `for`
        // apart are one name ("Bank of England", "University of Caracas"), and so are
        // two `of the` apart ("International Committee" of the "Red Cross").
        // Tokens between the last name and this one.
        let connector = match first.saturating_sub(prev_end(&acc)) {
            1 => matches!(p.tokens[first - 1].text(text), "of" | "for"),
            2 => p.tokens[first - 2].text(text) == "of" && p.tokens[first - 1].text(text) == "the",
            _ => false,
        };
        if let Some(prev) = acc.last_mut()
            && connector
            && (k != PLACE || wants_complement(p.tokens[prev.1].text(text)))
            && prev.2 != PER
            && k != PER
            && (prev.2 == ORG || k == ORG)
        {
            prev.1 = last;
            prev.2 = ORG;
            return acc;
        }
        // "Andersen Logistics" then "Corporation", "Mark" then "Fischer": a name of one kind
        // right after another, with only a space between, is the same name cut in two.
        let org_word =
            first == last && crate::extract::actors::is_org_word(p.tokens[first].text(text));
        if let Some(prev) = acc.last_mut()
            && prev.1 + 1 == first
            && (prev.2 == k || org_word)
            && text
                .get(p.tokens[prev.1].end..p.tokens[first].start)
                .is_some_and(|gap| gap == " ")
        {
            prev.1 = last;
            if org_word {
                prev.2 = ORG;
            }
            return acc;
        }
        acc.push((first, last, k));
        return acc;
    }
    if let Some(prev) = acc.last_mut()
        && prev.1 + 1 == first
    {
        prev.1 = last;
        if k == ORG {
            prev.2 = ORG;
        }
        return acc;
    }
    while first < last && is_particle(p.tokens[first].text(text)) {
        first += 1;
    }
    if !is_particle(p.tokens[first].text(text)) {
        acc.push((first, last, k));
    }
    acc
}

/// Corporate forms: a company's name is complete with them, so a place after
/// `of` says where it is, not which it is (`Kia Motors Corp` of `South Korea`).
const CORPORATE: &[&str] = &[
    "corp",
    "corp.",
    "corporation",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "co",
    "co.",
    "company",
    "plc",
    "holdings",
    "industries",
    "group",
    "ag",
    "sa",
];

/// True when an organization word names a body that an `of` place completes
/// (`Bank` of `England`, `University` of `Caracas`); a team or a company
/// followed by `of` and a place is two names (`Benetton` of `Italy`).
fn wants_complement(word: &str) -> bool {
    crate::extract::actors::is_org_word(word) && !CORPORATE.contains(&word.to_lowercase().as_str())
}

/// The token after the last name of `acc` (0 when there is none), to measure the gap to the next.
fn prev_end(acc: &[(usize, usize, usize)]) -> usize {
    acc.last().map_or(0, |prev| prev.1 + 1)
}

/// True when a token can close a name: it has a capital letter or a digit, or is
/// a closing bracket or dot (`(Reuters)`, `Corp.`).
fn ends_name(token: &str) -> bool {
    token.chars().any(|c| c.is_uppercase() || c.is_numeric()) || matches!(token, ")" | ".")
}

/// A name the document gives one type at least this many times as often as
/// another is that type everywhere.
const MAJORITY: u16 = 2;

/// Makes a document's types agree: a name written the same way is the same
/// thing, so an occurrence typed against a clear majority (`Tavildara` once a
/// person, four times a place) takes the majority's type. All-capital forms
/// are left alone: headlines and datelines (`CHICAGO` the place over a table
/// of `CHICAGO` the team) are where one spelling names different things.
fn agree_types(text: &str, p: &Prepared, found: &mut [(usize, usize, usize)]) {
    let name = |&(first, last, _): &(usize, usize, usize)| {
        text.get(p.tokens[first].start..p.tokens[last].end)
            .unwrap_or("")
    };
    let mut counts: std::collections::HashMap<&str, [u16; features::TYPES]> =
        std::collections::HashMap::new();
    for span in found.iter() {
        counts.entry(name(span)).or_default()[span.2] += 1;
    }
    for span in found.iter_mut() {
        let n = name(span);
        if !n.chars().any(char::is_lowercase) {
            continue;
        }
        let Some(c) = counts.get(n) else { continue };
        let best = (0..features::TYPES).max_by_key(|&k| c[k]).unwrap_or(span.2);
        if c[best] >= MAJORITY * c[span.2] {
            span.2 = best;
        }
    }
}

/// Turns BILOU tags into spans. Decoding keeps tags well-formed; an entity left
/// open anyway is closed at its last token. A leading honorific is dropped from
/// a person's name.
pub fn spans(text: &str, p: &Prepared, tags: &[usize]) -> Vec<NameSpan> {
    // Entities as token index ranges (first, last) with their type.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let cur = split_tag(t);
        let continues =
            cur.is_some_and(|(k, pos)| open.is_some_and(|(_, ko)| ko == k) && matches!(pos, 1 | 2));
        if let (Some((first, k)), false) = (open, continues) {
            found.push((first, i - 1, k));
            open = None;
        }
        if let (Some((k, _)), None) = (cur, open) {
            open = Some((i, k));
        }
        if let (Some((first, k)), Some((_, 2 | 3))) = (open, cur) {
            found.push((first, i, k));
            open = None;
        }
    }
    if let Some((first, k)) = open {
        found.push((first, tags.len() - 1, k));
    }
    let mut found: Vec<(usize, usize, usize)> = found
        .into_iter()
        .map(|(mut first, mut last, k)| {
            // A name ends in a capitalised word or a number, not in `'s` or `country`.
            while last > first && !ends_name(p.tokens[last].text(text)) {
                last -= 1;
            }
            if KINDS[k] == ActorKind::Person
                && first < last
                && is_person_title(p.tokens[first].text(text))
            {
                first += 1;
            }
            // A person's name does not end in a day (a team's may: `Sheffield Wednesday`).
            if KINDS[k] == ActorKind::Person
                && first < last
                && WEEKDAYS.contains(&p.tokens[last].text(text))
            {
                last -= 1;
            }
            (first, last, k)
        })
        .filter(|&(first, last, _)| !(first == last && p.info[first].likely_common_opener()))
        // A name starts with a word or a number; one that starts with a mark
        // (`Workers' Day` cut after its apostrophe) is a piece of a longer phrase.
        .filter(|&(first, _, _)| {
            p.tokens[first]
                .text(text)
                .chars()
                .any(char::is_alphanumeric)
        })
        .fold(Vec::new(), |acc, span| {
            rejoin_split_name(text, p, acc, span)
        });
    agree_types(text, p, &mut found);
    found
        .into_iter()
        .map(|(first, last, k)| NameSpan {
            start: p.tokens[first].start,
            end: p.tokens[last].end,
            kind: KINDS[k],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, ActorKind)> {
        recognise(text)
            .into_iter()
            .map(|s| (&text[s.start..s.end], s.kind))
            .collect()
    }

    #[test]
    fn names_start_with_a_word() {
        let found = names("Across town, the mayor led his own Workers' Day rally in central Lima.");
        assert!(
            found
                .iter()
                .all(|(n, _)| n.starts_with(char::is_alphanumeric)),
            "{found:?}"
        );
    }

    #[test]
    fn title_words_opening_a_sentence_are_no_names() {
        let found = names(
            "We left early.\n\nNational security adviser Anna Berg said on Friday that talks went on.",
        );
        assert!(!found.iter().any(|(n, _)| *n == "National"), "{found:?}");
        assert!(
            found.contains(&("Anna Berg", ActorKind::Person)),
            "{found:?}"
        );
    }

    #[test]
    fn finds_people_places_and_organizations() {
        let found = names(
            "President Nicolas Maduro met opposition leader Juan Guaido in Caracas on Thursday, \
             and the United Nations called for calm.",
        );
        assert!(
            found.contains(&("Nicolas Maduro", ActorKind::Person)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Juan Guaido", ActorKind::Person)),
            "{found:?}"
        );
        assert!(found.contains(&("Caracas", ActorKind::Place)), "{found:?}");
        assert!(
            found.contains(&("United Nations", ActorKind::Organization)),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(n, _)| n.contains("Thursday")),
            "{found:?}"
        );
    }

    #[test]
    fn ignores_capitalised_sentence_openers() {
        let found = names("Instead, the talks stalled. Those who stayed said nothing.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn drops_honorifics_from_names() {
        let found = names("\"We are ready,\" Mr Bolton told reporters in Washington.");
        assert!(found.contains(&("Bolton", ActorKind::Person)), "{found:?}");
        assert!(
            found.contains(&("Washington", ActorKind::Place)),
            "{found:?}"
        );
    }

    #[test]
    fn spans_are_sorted_and_disjoint_on_odd_input() {
        let text = "ÉLYSÉE — “Macron’s” aides met Merkel’s team in Berlin…\n\n  ’’ x\u{0}Y Z";
        let spans = recognise(text);
        for w in spans.windows(2) {
            assert!(w[0].end <= w[1].start, "{spans:?}");
        }
        for s in &spans {
            assert!(
                s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
            );
        }
        assert!(recognise("").is_empty());
    }

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
    fn names_with_sentences_match_the_two_apart() {
        for text in [
            "",
            "  \n ",
            "Mr. Bolton met Ana Ruiz in Caracas. \"We won.\" Then she left.\nNew line",
        ] {
            let (names, sentences) = recognise_with_sentences(text);
            assert_eq!(names, recognise(text), "{text:?}");
            assert_eq!(sentences, crate::extract::text::sentences(text), "{text:?}");
        }
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

    #[test]
    fn titles_and_days_are_left_out_of_a_person() {
        let text = "Cardinal Tomas Arlen met Ines Varga Monday in Brenna.";
        let p = features::prepare(text, &Gazetteer::default());
        let at = |w: &str| p.tokens.iter().position(|t| t.text(text) == w).unwrap_or(0);
        let b_per = features::tag(0, features::B);
        let i_per = features::tag(0, features::I);
        let l_per = features::tag(0, features::L);
        let mut tags = vec![O; p.tokens.len()];
        tags[at("Cardinal")] = b_per;
        tags[at("Tomas")] = i_per;
        tags[at("Arlen")] = l_per;
        tags[at("Ines")] = b_per;
        tags[at("Varga")] = i_per;
        tags[at("Monday")] = l_per;
        let found: Vec<&str> = spans(text, &p, &tags)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(found, ["Tomas Arlen", "Ines Varga"]);
        assert!(is_person_title("Mr") && !is_person_title("Prince"));
    }

    #[test]
    fn names_end_in_a_capitalised_word() {
        let found = names("Officials in Caracas said the South American country's oil fell.");
        assert!(
            found
                .iter()
                .all(|(n, _)| !n.ends_with("'s") && !n.ends_with("country")),
            "{found:?}"
        );
        assert!(ends_name("Inc.") && ends_name(")") && ends_name("1996"));
        assert!(!ends_name("'s") && !ends_name("country"));
    }

    #[test]
    fn split_names_are_mended() {
        let text = "She spoke at the Harbour Institute for Tidal Studies.";
        let p = features::prepare(text, &Gazetteer::default());
        let word = |w: &str| p.tokens.iter().position(|t| t.text(text) == w);
        let (Some(h), Some(i), Some(f), Some(s)) = (
            word("Harbour"),
            word("Institute"),
            word("for"),
            word("Studies"),
        ) else {
            panic!("tokens");
        };
        // The tagger's halves: "Harbour Institute" and "for Tidal Studies".
        let acc = rejoin_split_name(text, &p, Vec::new(), (h, i, 1));
        let acc = rejoin_split_name(text, &p, acc, (f, s, 1));
        assert_eq!(acc, [(h, s, 1)]);
        // Alone, the particle is dropped: "Tidal Studies".
        assert_eq!(
            rejoin_split_name(text, &p, Vec::new(), (f, s, 1)),
            [(f + 1, s, 1)]
        );
        // "Harbour Institute" of the "Tidal Society": two tokens between, still one name.
        let text2 = "She spoke at the Harbour Institute of the Tidal Society.";
        let p2 = features::prepare(text2, &Gazetteer::default());
        let at = |w: &str| {
            p2.tokens
                .iter()
                .position(|t| t.text(text2) == w)
                .unwrap_or(0)
        };
        let acc = rejoin_split_name(text2, &p2, Vec::new(), (at("Harbour"), at("Institute"), 1));
        let acc = rejoin_split_name(text2, &p2, acc, (at("Tidal"), at("Society"), 1));
        assert_eq!(acc, [(at("Harbour"), at("Society"), 1)]);
        // "Harbour Institute" for "Tidal Studies", the connector left out of both.
        let acc = rejoin_split_name(text, &p, Vec::new(), (h, i, 1));
        let acc = rejoin_split_name(text, &p, acc, (f + 1, s, 1));
        assert_eq!(acc, [(h, s, 1)]);
        // Same kind, side by side: "Tomas Ruiz" and "Aranda" are one name; a place after a
        // person, or a name after a comma, is another.
        let text = "She met Tomas Ruiz Aranda in Lima, Peru.";
        let p = features::prepare(text, &Gazetteer::default());
        let at = |w: &str| p.tokens.iter().position(|t| t.text(text) == w).unwrap_or(0);
        let acc = rejoin_split_name(text, &p, Vec::new(), (at("Tomas"), at("Ruiz"), 0));
        let acc = rejoin_split_name(text, &p, acc, (at("Aranda"), at("Aranda"), 0));
        assert_eq!(acc, [(at("Tomas"), at("Aranda"), 0)]);
        let acc = rejoin_split_name(text, &p, acc, (at("Lima"), at("Lima"), 2));
        let acc = rejoin_split_name(text, &p, acc, (at("Peru"), at("Peru"), 2));
        assert_eq!(acc.len(), 3);
        // Two places one `and` apart are one only when together they name a country.
        let text = "Trade with Antigua and Barbuda and Chile and Peru grew.";
        let p = features::prepare(text, &Gazetteer::default());
        let at = |w: &str| p.tokens.iter().position(|t| t.text(text) == w).unwrap_or(0);
        let acc = ["Antigua", "Barbuda", "Chile", "Peru"]
            .iter()
            .fold(Vec::new(), |acc, w| {
                rejoin_split_name(text, &p, acc, (at(w), at(w), 2))
            });
        assert_eq!(acc.len(), 3);
        assert_eq!(acc[0], (at("Antigua"), at("Barbuda"), 2));
        {
            // A team or a company of a place is two names; a bank or a university of one is one.
            let text = "Talks of Vellamo Rovers of Freedonia, Vellamo Corp of Freedonia and the \
                        Central Bank of Freedonia.";
            let p = features::prepare(text, &Gazetteer::default());
            let all = |w: &str| -> Vec<usize> {
                (0..p.tokens.len())
                    .filter(|&i| p.tokens[i].text(text) == w)
                    .collect()
            };
            let (v, f) = (all("Vellamo"), all("Freedonia"));
            let (rovers, corp, central, bank) = (
                all("Rovers")[0],
                all("Corp")[0],
                all("Central")[0],
                all("Bank")[0],
            );
            let acc = [
                (v[0], rovers, 1),
                (f[0], f[0], 2),
                (v[1], corp, 1),
                (f[1], f[1], 2),
            ]
            .into_iter()
            .fold(Vec::new(), |acc, span| {
                rejoin_split_name(text, &p, acc, span)
            });
            assert_eq!(acc.len(), 4, "{acc:?}");
            let acc = rejoin_split_name(text, &p, Vec::new(), (central, bank, 1));
            let acc = rejoin_split_name(text, &p, acc, (f[2], f[2], 2));
            assert_eq!(acc, [(central, f[2], 1)]);
            assert!(wants_complement("University") && !wants_complement("Corp"));
        }
        // A person is not part of an organization's name: "Ana Ruiz of Freedonia".
        let acc = rejoin_split_name(text, &p, Vec::new(), (h, i, 0));
        let acc = rejoin_split_name(text, &p, acc, (f + 1, s, 2));
        assert_eq!(acc.len(), 2);
        assert!(is_particle("of") && is_particle("van") && !is_particle("led"));
    }

    #[test]
    fn a_name_takes_its_majority_type() {
        let text = "Vey spoke in Brenna. Brenna is calm. Brenna held. BRENNA RALLY. BRENNA WINS.";
        let p = features::prepare(text, &Gazetteer::default());
        let all = |w: &str| -> Vec<usize> {
            (0..p.tokens.len())
                .filter(|&i| p.tokens[i].text(text) == w)
                .collect()
        };
        let (b, caps) = (all("Brenna"), all("BRENNA"));
        assert_eq!((b.len(), caps.len()), (3, 2));
        let (per, org, place) = (0, 1, 2);
        let mut found = vec![
            (all("Vey")[0], all("Vey")[0], per),
            (b[0], b[0], place),
            (b[1], b[1], per),
            (b[2], b[2], place),
            (caps[0], caps[0], place),
            (caps[1], caps[1], org),
        ];
        agree_types(text, &p, &mut found);
        let kinds: Vec<usize> = found.iter().map(|s| s.2).collect();
        // The person `Brenna` is outvoted two to one; `BRENNA` in capitals keeps its types.
        assert_eq!(kinds, [per, place, place, place, place, org]);
    }

    #[test]
    fn bilou_transitions_are_checked() {
        let b_per = features::tag(0, features::B);
        let l_per = features::tag(0, features::L);
        let l_org = features::tag(1, features::L);
        assert!(allowed(O, b_per, false));
        assert!(
            !allowed(O, b_per, true),
            "an entity must close at the sentence end"
        );
        assert!(allowed(b_per, l_per, true));
        assert!(!allowed(b_per, l_org, false));
        assert!(!allowed(b_per, O, false));
    }
}
