//! The rules that join name forms of one text into actors: short forms into the full names
//! they shorten, misspellings into the names they misspell, plurals of groups into their
//! singular, acronyms into the organisations they abbreviate. Each rule joins only when the
//! match is unique; an ambiguous form stays an actor of its own.

use super::forms::{Form, Occurrence, is_capitalised};
use super::similar::{near_spelling, near_spelling_keys};
use crate::ActorKind;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// A union-find over form indices that also keeps, at each root, how many forms its group
/// has and how many occurrences they hold, so neither costs a pass over all forms.
pub(super) struct Groups {
    parent: Vec<usize>,
    size: Vec<usize>,
    occurrences: Vec<usize>,
}

impl Groups {
    /// Every form a group of its own.
    pub(super) fn new(forms: &[Form]) -> Self {
        Groups {
            parent: (0..forms.len()).collect(),
            size: vec![1; forms.len()],
            occurrences: forms.iter().map(|f| f.occurrences.len()).collect(),
        }
    }
    pub(super) fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    pub(super) fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return;
        }
        let (small, big) = if self.size[ra] > self.size[rb] {
            (rb, ra)
        } else {
            (ra, rb)
        };
        self.parent[small] = big;
        self.size[big] += self.size[small];
        self.occurrences[big] += self.occurrences[small];
    }
    /// How many forms the group of `i` holds.
    pub(super) fn size(&mut self, i: usize) -> usize {
        let r = self.root(i);
        self.size[r]
    }
    /// How many occurrences the forms of the group of `i` hold together.
    pub(super) fn occurrences(&mut self, i: usize) -> usize {
        let r = self.root(i);
        self.occurrences[r]
    }
}

/// The single group among `candidates` (form indices), if they all fall in one.
fn unique_group(groups: &mut Groups, candidates: impl Iterator<Item = usize>) -> Option<usize> {
    let roots: BTreeSet<usize> = candidates.map(|c| groups.root(c)).collect();
    match roots.len() {
        1 => roots.into_iter().next(),
        _ => None,
    }
}

pub(super) fn is_full_person(f: &Form) -> bool {
    f.kind == ActorKind::Person && f.country.is_none() && f.words.len() >= 2
}

/// Multiword short forms join the one full name they shorten: a shorter multiword person name
/// that begins or ends a longer one ("Nicolas Maduro" in "Nicolas Maduro Moros"). Lone words
/// are left to `surnames::join_surnames`, which runs after this.
pub(super) fn join_short_forms(forms: &[Form], groups: &mut Groups) {
    // Every multiword beginning and end of each full name, so a short form finds the names
    // it shortens by one look-up (a long transcript has tens of thousands of forms).
    let mut shortened: HashMap<&[String], Vec<usize>> = HashMap::default();
    for (j, g) in forms.iter().enumerate().filter(|(_, g)| is_full_person(g)) {
        let m = g.words.len();
        for k in 2..m {
            let (head, tail) = (&g.words[..k], &g.words[m - k..]);
            shortened.entry(head).or_default().push(j);
            if tail != head {
                shortened.entry(tail).or_default().push(j);
            }
        }
    }
    // Longer forms first, so that "Nicolas Maduro" has joined "Nicolas Maduro Moros" before
    // shorter forms look for the one full name they shorten.
    let mut order: Vec<usize> = (0..forms.len())
        .filter(|&i| forms[i].words.len() >= 2 && forms[i].kind == ActorKind::Person)
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(forms[i].words.len()));
    for i in order {
        let f = &forms[i];
        if f.country.is_some() {
            continue;
        }
        let Some(candidates) = shortened.get(f.words.as_slice()) else {
            continue;
        };
        let candidates = candidates.iter().copied().filter(|&j| j != i);
        if let Some(target) = unique_group(groups, candidates) {
            groups.join(i, target);
        }
    }
}

/// A lone person word still on its own that opens the one full person name of the text
/// opened by it, and ends none, is that person called by the given name (`"Jermayne fired
/// the shot"` beside `Jermayne Timmons`), or by the family name written first (`Xi` for
/// `Xi Jinping`). Runs after surnames have joined: a word some full name carries after its
/// first is a surname's business.
pub(super) fn join_given_names(forms: &[Form], groups: &mut Groups) {
    let mut opened_by: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut carried: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for (j, g) in forms.iter().enumerate().filter(|(_, g)| is_full_person(g)) {
        opened_by.entry(g.words[0].as_str()).or_default().push(j);
        carried.extend(g.words[1..].iter().map(String::as_str));
    }
    for (i, f) in forms.iter().enumerate() {
        let [word] = &f.words[..] else {
            continue;
        };
        if f.kind != ActorKind::Person
            || f.country.is_some()
            || f.weak
            || carried.contains(word.as_str())
            || groups.size(i) > 1
        {
            continue;
        }
        let Some(list) = opened_by.get(word.as_str()) else {
            continue;
        };
        if let Some(target) = unique_group(groups, list.iter().copied()) {
            groups.join(i, target);
        }
    }
}

/// A lone person name still on its own joins the one person name whose last word it nearly
/// spells ("Gaido" -> "Guaido"); a multiword name joins the one name of its kind it differs
/// from in a single nearly spelt word ("Securities and Exchnage Commission"). The misspelling
/// must be rarer than the name it joins: two names seen equally often are two names. Lone
/// places and organisations never join by spelling ("Iceland", "Ireland").
pub(super) fn join_misspellings(forms: &[Form], groups: &mut Groups) {
    let joinable = |g: &Form| g.country.is_none() && !g.weak;
    // Lone words find the last words of person names by their shared deletion keys,
    // multiword names find names of their length and kind that agree on all words but one
    // by the name with that word left out: neither compares all pairs of forms.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut all_but_one: HashMap<(ActorKind, usize, Vec<&str>), Vec<usize>> = HashMap::default();
    for (j, g) in forms.iter().enumerate().filter(|(_, g)| joinable(g)) {
        if g.kind == ActorKind::Person
            && let Some(last) = g.words.last()
        {
            by_last.entry(last.as_str()).or_default().push(j);
        }
        if g.words.len() >= 2 {
            for p in 0..g.words.len() {
                all_but_one.entry(without_word(g, p)).or_default().push(j);
            }
        }
    }
    let mut last_words: Vec<&str> = by_last.keys().copied().collect();
    last_words.sort_unstable();
    let mut by_key: HashMap<u64, Vec<&str>> = HashMap::default();
    for &w in &last_words {
        for k in near_spelling_keys(w) {
            by_key.entry(k).or_default().push(w);
        }
    }
    for (i, f) in forms.iter().enumerate() {
        if !joinable(f) || groups.size(i) > 1 {
            continue;
        }
        let mut candidates: Vec<usize> = Vec::new();
        if let [word] = &f.words[..] {
            let mut near: Vec<&str> = near_spelling_keys(word)
                .iter()
                .filter_map(|k| by_key.get(k))
                .flatten()
                .copied()
                .filter(|last| near_spelling(word, last))
                .collect();
            near.sort_unstable();
            near.dedup();
            candidates.extend(near.iter().filter_map(|w| by_last.get(w)).flatten());
        } else {
            for p in 0..f.words.len() {
                let Some(same_but_one) = all_but_one.get(&without_word(f, p)) else {
                    continue;
                };
                candidates.extend(
                    same_but_one
                        .iter()
                        .filter(|&&j| near_spelling(&f.words[p], &forms[j].words[p])),
                );
            }
        }
        candidates.retain(|&j| j != i);
        if let Some(target) = unique_group(groups, candidates.into_iter())
            && groups.occurrences(target) > f.occurrences.len()
        {
            groups.join(i, target);
        }
    }
}

/// The kind of `f`, a position `p` and the words of `f` but the one there: names that agree
/// on this differ in the word at `p` at most.
fn without_word(f: &Form, p: usize) -> (ActorKind, usize, Vec<&str>) {
    let words = f
        .words
        .iter()
        .enumerate()
        .filter(|&(q, _)| q != p)
        .map(|(_, w)| w.as_str())
        .collect();
    (f.kind, p, words)
}

/// Singular and plural of a group or organisation name are one actor ("Chechen" and
/// "Chechens", "Springbok" and "Springboks"): same words but for a final `s` on the last.
pub(super) fn join_plurals(forms: &[Form], groups: &mut Groups) {
    let plural_able = |g: &Form| {
        matches!(g.kind, ActorKind::Group | ActorKind::Organization) && g.country.is_none()
    };
    let mut by_words: HashMap<(ActorKind, &[String]), Vec<usize>> = HashMap::default();
    for (j, g) in forms.iter().enumerate().filter(|(_, g)| plural_able(g)) {
        by_words
            .entry((g.kind, g.words.as_slice()))
            .or_default()
            .push(j);
    }
    for (i, f) in forms.iter().enumerate() {
        if !plural_able(f) {
            continue;
        }
        let Some((last, rest)) = f.words.split_last() else {
            continue;
        };
        let mut plural = rest.to_vec();
        plural.push(format!("{last}s"));
        let Some(candidates) = by_words.get(&(f.kind, plural.as_slice())) else {
            continue;
        };
        let candidates = candidates.iter().copied().filter(|&j| j != i);
        if let Some(target) = unique_group(groups, candidates) {
            groups.join(i, target);
        }
    }
}

/// Initials of a multiword name, skipping lowercase function words
/// ("North Atlantic Treaty Organization" -> "nato", "Bank of England" -> "be").
fn initials(surface: &str) -> String {
    surface
        .split_whitespace()
        .filter(|w| is_capitalised(w))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An all-capital organisation name joins the one organisation whose initials it spells.
pub(super) fn join_acronyms(forms: &[Form], occs: &[Occurrence], groups: &mut Groups) {
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    for (j, g) in forms.iter().enumerate() {
        if g.kind == ActorKind::Organization
            && g.words.len() >= 2
            && let Some(&o) = g.occurrences.first()
        {
            by_initials
                .entry(initials(&occs[o].surface))
                .or_default()
                .push(j);
        }
    }
    for (i, f) in forms.iter().enumerate() {
        let Some(&first) = f.occurrences.first() else {
            continue;
        };
        let surface = occs[first].surface.replace('.', "");
        let is_acronym = f.kind == ActorKind::Organization
            && f.words.len() == 1
            && (2..=6).contains(&surface.chars().count())
            && surface.chars().all(|c| c.is_ascii_uppercase());
        if !is_acronym {
            continue;
        }
        let Some(candidates) = by_initials.get(&surface.to_lowercase()) else {
            continue;
        };
        let candidates = candidates.iter().copied().filter(|&j| j != i);
        if let Some(target) = unique_group(groups, candidates) {
            groups.join(i, target);
        }
    }
}
