//! Lone surnames ("Maduro", "Padrino", "López") and the full names they stand for.
//!
//! A lone word may stand for any full person name of the text that carries it after the first
//! word: "Padrino" and "López" both shorten "Vladimir Padrino López" (Spanish names carry two
//! surnames). When several full names carry it, those with the fewest surnames claim it first
//! (given names, initials and `Jr.` aside: `W. Mark Felt` has one, as `Joan Felt` has): in
//! "Vladimir Padrino López" the last word is the mother's surname, rarely used alone, while in
//! "Leopoldo López" it is the only one. If that still leaves several, each occurrence goes to
//! the full name mentioned most recently before it, as news writing does ("Ana Ruiz spoke.
//! Luis Ruiz replied. Ruiz added": Luis), but only when the rival's last mention lies in an
//! earlier sentence; otherwise, and before any full name, the occurrence stays an actor of its
//! own.

use super::forms::{Form, Occurrence};
use super::generational_suffix;
use super::joins::{Groups, is_full_person};
use super::name_lists::{Lexicon, lexicon};
use crate::ActorKind;
use crate::text::sentences;
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// A lone word that several full names of one text carry.
pub(super) struct Ambiguous {
    form: usize,
    /// The full-name forms carrying the word, in the groups of the shortest names.
    candidates: Vec<usize>,
}

/// Joins each lone word to the full name that carries it when that name is the only one (of
/// those with the fewest surnames); returns the lone words left to decide occurrence by
/// occurrence (`assign`).
/// Runs after multiword short forms have joined their full names.
pub(super) fn join_surnames(forms: &[Form], groups: &mut Groups) -> Vec<Ambiguous> {
    let mut carriers: HashMap<&str, Vec<usize>> = HashMap::default();
    for (j, g) in forms.iter().enumerate().filter(|(_, g)| is_full_person(g)) {
        let words: BTreeSet<&str> = g.words[1..].iter().map(String::as_str).collect();
        for w in words {
            carriers.entry(w).or_default().push(j);
        }
    }
    // How many surnames each group's fullest name carries.
    let lx = lexicon();
    let mut longest: HashMap<usize, usize> = HashMap::default();
    for (j, g) in forms.iter().enumerate() {
        let e = longest.entry(groups.root(j)).or_insert(0);
        *e = (*e).max(surname_count(lx, &g.words));
    }
    let mut ambiguous = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        let [word] = &f.words[..] else {
            continue;
        };
        if f.country.is_some() {
            continue;
        }
        let Some(list) = carriers.get(word.as_str()) else {
            continue;
        };
        // A lone word the recogniser did not call a person ("Maduro's regime" as an
        // organisation) joins only as a last word, the usual surname.
        let mut tiered: Vec<(usize, usize)> = list
            .iter()
            .copied()
            .filter(|&j| {
                j != i && (f.kind == ActorKind::Person || forms[j].words.last() == Some(word))
            })
            .map(|j| {
                let r = groups.root(j);
                (longest.get(&r).copied().unwrap_or(0), j)
            })
            .collect();
        let Some(min) = tiered.iter().map(|t| t.0).min() else {
            continue;
        };
        tiered.retain(|t| t.0 == min);
        let roots: BTreeSet<usize> = tiered.iter().map(|t| groups.root(t.1)).collect();
        match (roots.len(), tiered.first()) {
            (1, Some(&(_, target))) => groups.join(i, target),
            _ => ambiguous.push(Ambiguous {
                form: i,
                candidates: tiered.into_iter().map(|t| t.1).collect(),
            }),
        }
    }
    ambiguous
}

/// How many of a name's words may be surnames: its last word (a generational suffix aside)
/// and the words between its first and last that are neither initials nor given names.
/// `Vladimir Padrino López` carries two, `W. Mark Felt Sr.` one, as `Joan Felt` does: a middle
/// name or an initial does not make a name the one whose surname is rarely used alone.
fn surname_count(lx: &Lexicon, words: &[String]) -> usize {
    let words = match words {
        [rest @ .., last] if rest.len() > 1 && generational_suffix(last).is_some() => rest,
        _ => words,
    };
    match words {
        [_, between @ .., _] => {
            1 + between
                .iter()
                .filter(|w| w.chars().count() > 1 && !lx.is_first_name(w))
                .count()
        }
        _ => words.len(),
    }
}

/// For each occurrence, the form whose group it joins instead of its own: the full name
/// carrying the ambiguous word that was mentioned last before it, when that is clear.
pub(super) fn assign(
    text: &str,
    forms: &[Form],
    occs: &[Occurrence],
    groups: &mut Groups,
    ambiguous: &[Ambiguous],
) -> Vec<Option<usize>> {
    let mut out = vec![None; occs.len()];
    if ambiguous.is_empty() {
        return out;
    }
    let sentences = sentences(text);
    let sentence_of = |pos: usize| sentences.partition_point(|s| s.end <= pos);
    for a in ambiguous {
        // Starts of the full-name mentions of each candidate group, in order.
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &c in &a.candidates {
            let starts = forms[c].occurrences.iter().map(|&o| occs[o].range.start);
            by_root.entry(groups.root(c)).or_default().extend(starts);
        }
        for starts in by_root.values_mut() {
            starts.sort_unstable();
        }
        for &o in &forms[a.form].occurrences {
            let at = occs[o].range.start;
            let mut last: Vec<(usize, usize)> = by_root
                .iter()
                .filter_map(|(&r, starts)| {
                    let k = starts.partition_point(|&s| s < at);
                    k.checked_sub(1).map(|k| (starts[k], r))
                })
                .collect();
            last.sort_unstable_by(|x, y| y.cmp(x));
            let clear = match last[..] {
                [] => false,
                [_] => true,
                [(top, _), (second, _), ..] => sentence_of(top) != sentence_of(second),
            };
            if clear {
                out[o] = last.first().map(|l| l.1);
            }
        }
    }
    out
}
