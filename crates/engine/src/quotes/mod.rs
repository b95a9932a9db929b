//! Direct quotations and their speakers.
//!
//! A quotation is the text between paired quotation marks (`marks`). Its speaker comes from
//! the words around it (`attribution`): a name, a pronoun, or a reporting verb with no name.
//! A pronoun is resolved only when the previous sentence has exactly one person, who is its
//! subject or the speaker of a quotation in it; otherwise the speaker is unknown. A quotation
//! with no attribution of its own that opens its sentence continues the quotation just before
//! it (`"A," Maduro said. "B."`), and a quotation that runs on to the next paragraph shares
//! the speaker of its continuation.
//!
//! Which quotations are kept: every attributed one (a reporting verb next to it, even without
//! a name); an unattributed one only when it has at least `MIN_WORDS` words. Short unattributed
//! quotations are scare quotes or names ("weak", "Operation Freedom"), not someone's words.

mod attribution;
mod marks;

/// Whether `word` is a reporting verb (`said`, `announced`), as `data/reporting_verbs.txt` lists them.
pub fn is_reporting_verb(word: &str) -> bool {
    attribution::is_verb(word)
}

use super::text::tokenize;
use super::{ActorKind, LocalActor, Mention, Quote};
use crate::actors::is_role_word;
use attribution::{Attribution, Context};
use marks::{Marks, find_marks};
use std::ops::Range;

/// Unattributed quotations shorter than this are not kept.
const MIN_WORDS: usize = 4;

/// A quotation found, before its speaker is settled.
struct Found {
    marks: Marks,
    content: Range<usize>,
    /// Index of the sentence holding the opening mark.
    sentence: usize,
    attribution: Option<Attribution>,
    speaker: Option<usize>,
    inherited: bool,
}

/// The sentence holding byte `pos`: the last one starting at or before it.
fn sentence_at(sentences: &[Range<usize>], pos: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= pos)
        .saturating_sub(1)
}

/// The quoted words without surrounding space and the comma that belongs to the report.
fn content(text: &str, m: &Marks) -> Range<usize> {
    let inner = &text[m.open.end..m.close.start];
    let trimmed = inner.trim_start();
    let start = m.open.end + (inner.len() - trimmed.len());
    let trimmed = trimmed.trim_end().trim_end_matches(',').trim_end();
    start..start + trimmed.len()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn is_person(actors: &[LocalActor], a: usize) -> bool {
    actors.get(a).is_some_and(|x| x.kind == ActorKind::Person)
}

/// Person actors mentioned in `range` outside every quotation.
fn persons_outside_quotes(
    found: &[Found],
    mentions: &[Mention],
    actors: &[LocalActor],
    range: Range<usize>,
) -> Vec<usize> {
    let mut out: Vec<usize> = mentions
        .iter()
        .filter(|m| range.start <= m.start && m.end <= range.end)
        .filter(|m| {
            !found
                .iter()
                .any(|f| f.content.start <= m.start && m.end <= f.content.end)
        })
        .filter(|m| is_person(actors, m.actor))
        .map(|m| m.actor)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when the sentence `range` opens with a mention of `actor`, after role words only
/// ("National security adviser John Bolton said ...").
fn is_subject(text: &str, mentions: &[Mention], range: Range<usize>, actor: usize) -> bool {
    let Some(slice) = text.get(range.clone()) else {
        return false;
    };
    for tok in tokenize(slice) {
        let start = range.start + tok.start;
        if let Some(m) = mentions.iter().find(|m| m.start == start) {
            if m.actor == actor {
                return true;
            }
            // A place or organisation inside a role ("US Secretary of State").
            continue;
        }
        let w = tok.text(slice);
        let in_name = mentions.iter().any(|m| m.start < start && start < m.end);
        let skip = !w.chars().any(char::is_alphanumeric)
            || is_role_word(w)
            || matches!(w, "the" | "The")
            || in_name;
        if !skip {
            return false;
        }
    }
    false
}

/// The speaker a pronoun stands for, when the text makes it clear.
fn resolve_pronoun(
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    actors: &[LocalActor],
    found: &[Found],
    i: usize,
) -> Option<usize> {
    let f = &found[i];
    let here = sentences.get(f.sentence)?.clone();
    if !persons_outside_quotes(found, mentions, actors, here).is_empty() {
        return None;
    }
    let prev = sentences.get(f.sentence.checked_sub(1)?)?.clone();
    let [person] = persons_outside_quotes(found, mentions, actors, prev.clone())[..] else {
        return None;
    };
    let spoke = found[..i]
        .iter()
        .any(|g| g.speaker == Some(person) && prev.start <= g.marks.open.start);
    (spoke || is_subject(text, mentions, prev, person)).then_some(person)
}

pub fn find_quotes(
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    actors: &[LocalActor],
) -> Vec<Quote> {
    let cx = Context {
        text,
        mentions,
        actors,
    };
    let mut found: Vec<Found> = Vec::new();
    for m in find_marks(text) {
        let content = content(text, &m);
        if !text[content.clone()].chars().any(char::is_alphabetic) {
            continue;
        }
        let (open_s, close_s) = (
            sentence_at(sentences, m.open.start),
            sentence_at(sentences, m.close.start),
        );
        let after_end = sentences
            .get(close_s)
            .map_or(m.close.end, |s| s.end.max(m.close.end));
        let mut before_start = sentences
            .get(open_s)
            .map_or(m.open.start, |s| s.start.min(m.open.start));
        // A quotation opening its sentence after one that ends in a colon is introduced by
        // it ("Ana Ruiz told reporters:" and the quotation on the next line).
        if text[before_start..m.open.start].trim().is_empty()
            && let Some(prev) = open_s.checked_sub(1).and_then(|p| sentences.get(p))
            && text
                .get(prev.clone())
                .is_some_and(|p| p.trim_end().ends_with(':'))
        {
            before_start = prev.start;
        }
        let attribution = cx
            .after(m.close.end..after_end)
            .or_else(|| cx.before(before_start..m.open.start));
        let speaker = match attribution {
            Some(Attribution::Actor(a)) => Some(a),
            _ => None,
        };
        found.push(Found {
            marks: m,
            content,
            sentence: open_s,
            attribution,
            speaker,
            inherited: false,
        });
    }

    for i in 0..found.len() {
        match found[i].attribution {
            Some(Attribution::Pronoun) => {
                found[i].speaker = resolve_pronoun(text, sentences, mentions, actors, &found, i);
            }
            None if i > 0 => {
                // A bare quotation opening its sentence continues the one before it.
                let (prev, cur) = (&found[i - 1], &found[i]);
                let opens_sentence = sentences
                    .get(cur.sentence)
                    .is_some_and(|s| s.start == cur.marks.open.start);
                let near = cur.sentence <= prev.sentence + 1;
                let between = prev.marks.close.end..cur.marks.open.start;
                let others = persons_outside_quotes(&found, mentions, actors, between);
                if let Some(a) = prev.speaker
                    && opens_sentence
                    && near
                    && others.iter().all(|&o| o == a)
                {
                    found[i].speaker = Some(a);
                    found[i].inherited = true;
                }
            }
            _ => {}
        }
    }
    // A quotation running on to the next paragraph has the speaker of its continuation.
    for i in (0..found.len().saturating_sub(1)).rev() {
        let close = found[i].marks.close.start;
        let next_open = close + (text[close..].len() - text[close..].trim_start().len());
        if found[i].marks.close.is_empty()
            && found[i].speaker.is_none()
            && found[i + 1].marks.open.start == next_open
        {
            found[i].speaker = found[i + 1].speaker;
            found[i].inherited = found[i].speaker.is_some();
        }
    }

    found
        .into_iter()
        .filter(|f| {
            f.attribution.is_some()
                || f.inherited
                || word_count(&text[f.content.clone()]) >= MIN_WORDS
        })
        .map(|f| Quote {
            start: f.content.start,
            end: f.content.end,
            speaker: f.speaker,
        })
        .collect()
}

#[cfg(test)]
mod tests;
