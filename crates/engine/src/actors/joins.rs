//! The rules that join name forms of one text into actors: short forms into the full names
//! they shorten, misspellings into the names they misspell, plurals of groups into their
//! singular, acronyms into the organisations they abbreviate. Each rule joins only when the
//! match is unique; an ambiguous form stays an actor of its own.

use super::forms::{Form, Occurrence, is_capitalised};
use super::similar::near_spelling;
use crate::ActorKind;
use std::collections::BTreeSet;

/// A minimal union-find over form indices.
pub(super) struct Groups(pub(super) Vec<usize>);

impl Groups {
    pub(super) fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    pub(super) fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra] = rb;
        }
    }
    pub(super) fn size(&mut self, i: usize) -> usize {
        let r = self.root(i);
        (0..self.0.len()).filter(|&j| self.root(j) == r).count()
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
        let n = f.words.len();
        let candidates = forms.iter().enumerate().filter(|(j, g)| {
            *j != i
                && is_full_person(g)
                && g.words.len() > n
                && (g.words.starts_with(&f.words) || g.words.ends_with(&f.words))
        });
        if let Some(target) = unique_group(groups, candidates.map(|(j, _)| j)) {
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
    let group_count = |groups: &mut Groups, j: usize| -> usize {
        let r = groups.root(j);
        (0..forms.len())
            .filter(|&k| groups.root(k) == r)
            .map(|k| forms[k].occurrences.len())
            .sum()
    };
    for (i, f) in forms.iter().enumerate() {
        if f.country.is_some() || f.weak || groups.size(i) > 1 {
            continue;
        }
        let candidates: Vec<usize> = forms
            .iter()
            .enumerate()
            .filter(|(j, g)| {
                if *j == i || g.country.is_some() || g.weak {
                    return false;
                }
                if f.words.len() == 1 {
                    g.kind == ActorKind::Person
                        && g.words
                            .last()
                            .is_some_and(|last| near_spelling(&f.words[0], last))
                } else {
                    g.kind == f.kind
                        && g.words.len() == f.words.len()
                        && f.words.iter().zip(&g.words).filter(|(a, b)| a != b).count() == 1
                        && f.words
                            .iter()
                            .zip(&g.words)
                            .all(|(a, b)| a == b || near_spelling(a, b))
                }
            })
            .map(|(j, _)| j)
            .collect();
        if let Some(target) = unique_group(groups, candidates.into_iter())
            && group_count(groups, target) > f.occurrences.len()
        {
            groups.join(i, target);
        }
    }
}

/// Singular and plural of a group or organisation name are one actor ("Chechen" and
/// "Chechens", "Springbok" and "Springboks"): same words but for a final `s` on the last.
pub(super) fn join_plurals(forms: &[Form], groups: &mut Groups) {
    for (i, f) in forms.iter().enumerate() {
        if !matches!(f.kind, ActorKind::Group | ActorKind::Organization) || f.country.is_some() {
            continue;
        }
        let candidates = forms.iter().enumerate().filter(|(j, g)| {
            *j != i
                && g.kind == f.kind
                && g.country.is_none()
                && g.words.len() == f.words.len()
                && f.words.split_last().zip(g.words.split_last()).is_some_and(
                    |((fl, fr), (gl, gr))| fr == gr && gl.strip_suffix('s') == Some(fl.as_str()),
                )
        });
        if let Some(target) = unique_group(groups, candidates.map(|(j, _)| j)) {
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
        let acronym = surface.to_lowercase();
        let candidates = forms.iter().enumerate().filter(|(j, g)| {
            *j != i
                && g.kind == ActorKind::Organization
                && g.words.len() >= 2
                && g.occurrences
                    .first()
                    .is_some_and(|&o| initials(&occs[o].surface) == acronym)
        });
        if let Some(target) = unique_group(groups, candidates.map(|(j, _)| j)) {
            groups.join(i, target);
        }
    }
}
