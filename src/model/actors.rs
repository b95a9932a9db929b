//! The briefing's actors: every article's actors merged into one list, each
//! under its fullest name, sorted by a unique id. Only the actors' identity
//! is settled here (names, kinds, aliases, roles); their articles, events and
//! quotes are filled in when the articles are placed.

use super::{Actor, overrides};
use crate::config::{ActorOverrides, Config};
use crate::extract::{self, ActorKind, Extraction, LocalActor};
use crate::slug;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

/// The merged actors, and for each article's actor the one it became.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorLayer {
    /// By id; `articles`, `events`, `quotes` and the counts still empty.
    pub actors: Vec<Actor>,
    /// For the local actors of all articles in one list (article order,
    /// then each article's own order): the index of its actor in `actors`.
    pub global_of_flat: Vec<usize>,
}

/// Merges `flat` (all articles' actors, in article order) into the briefing's
/// actors, corrected by `site.toml`.
pub fn merge(config: &Config, flat: &[&LocalActor]) -> ActorLayer {
    let representative = extract::actors::merge_across(flat);
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &r) in representative.iter().enumerate() {
        groups.entry(r).or_default().push(i);
    }
    let group_members: Vec<&Vec<usize>> = groups.values().collect();
    let mut merged: Vec<Actor> = group_members
        .par_iter()
        .map(|members| merge_group(flat, members))
        .collect();
    overrides::apply_global(&config.actors, &mut merged);
    // Stable, unique ids; actors sorted by id.
    let slugs: Vec<String> = merged.iter().map(|a| slug::slug(&a.name)).collect();
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by(|&a, &b| {
        slugs[a]
            .cmp(&slugs[b])
            .then(merged[a].name.cmp(&merged[b].name))
    });
    let mut taken = HashSet::new();
    let mut new_index = vec![0usize; merged.len()];
    let mut slots: Vec<Option<Actor>> = merged.into_iter().map(Some).collect();
    let mut actors = Vec::with_capacity(slots.len());
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
        if let Some(mut actor) = slots[old].take() {
            actor.id = slug::unique(slugs[old].clone(), "actor", &mut taken);
            actors.push(actor);
        }
    }
    let mut global_of_flat = vec![0usize; flat.len()];
    for (g, members) in group_members.iter().enumerate() {
        for &m in members.iter() {
            global_of_flat[m] = new_index[g];
        }
    }
    ActorLayer {
        actors,
        global_of_flat,
    }
}

/// The last merge `briefing serve` made, with what it was made from. Most
/// edits of a text leave every article's actors as they were: the merge is
/// then reused, at the cost of comparing the edited articles' actors.
#[derive(Default)]
pub struct MergedActors {
    last: Mutex<Option<LastMerge>>,
}

struct LastMerge {
    overrides: ActorOverrides,
    /// Shared with the extraction cache: an unchanged article's extraction is
    /// the same allocation as before, so most comparisons are of pointers.
    extractions: Vec<Arc<Extraction>>,
    layer: Arc<ActorLayer>,
}

impl MergedActors {
    /// [`merge`] of the extractions' actors, or the last build's result when
    /// they and the corrections of `site.toml` are as they were.
    pub fn merge(&self, config: &Config, extractions: &[Arc<Extraction>]) -> Arc<ActorLayer> {
        let same_as_last = |last: &LastMerge| {
            last.overrides == config.actors
                && last.extractions.len() == extractions.len()
                && last
                    .extractions
                    .iter()
                    .zip(extractions)
                    .all(|(a, b)| Arc::ptr_eq(a, b) || a.actors == b.actors)
        };
        if let Ok(last) = self.last.lock()
            && let Some(last) = last.as_ref().filter(|l| same_as_last(l))
        {
            return Arc::clone(&last.layer);
        }
        let flat: Vec<&LocalActor> = extractions.iter().flat_map(|e| &e.actors).collect();
        let layer = Arc::new(merge(config, &flat));
        if let Ok(mut last) = self.last.lock() {
            *last = Some(LastMerge {
                overrides: config.actors.clone(),
                extractions: extractions.to_vec(),
                layer: Arc::clone(&layer),
            });
        }
        layer
    }
}

/// One global actor from the local actors that merged.
fn merge_group(flat: &[&LocalActor], members: &[usize]) -> Actor {
    // The fullest proper form: most words, then longest, then the more frequent spelling.
    let mut name_votes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kind_votes: BTreeMap<ActorKind, usize> = BTreeMap::new();
    let mut forms: HashSet<&str> = HashSet::new();
    for &m in members {
        let a = &flat[m];
        *name_votes.entry(a.name.as_str()).or_default() += 1;
        *kind_votes.entry(a.kind).or_default() += 1;
        forms.insert(a.name.as_str());
        forms.extend(a.aliases.iter().map(String::as_str));
    }
    let name = name_votes
        .iter()
        .max_by(|a, b| {
            let words = |s: &str| s.split_whitespace().count();
            words(a.0)
                .cmp(&words(b.0))
                .then(a.0.chars().count().cmp(&b.0.chars().count()))
                .then(a.1.cmp(b.1))
                .then(b.0.cmp(a.0))
        })
        .map(|(n, _)| n.to_string())
        .unwrap_or_default();
    let kind = kind_votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or(ActorKind::Person, |(k, _)| *k);
    let mut aliases: Vec<String> = forms
        .into_iter()
        .filter(|f| *f != name)
        .map(str::to_string)
        .collect();
    aliases.sort();
    // One form per role, however the articles capitalised it; most cited first.
    let roles = extract::actors::merge_roles(
        members
            .iter()
            .flat_map(|&m| flat[m].roles.iter().map(String::as_str)),
    );
    Actor {
        id: String::new(),
        name,
        kind,
        aliases,
        roles,
        articles: Vec::new(),
        mention_count: 0,
        salience: 0.0,
        events: Vec::new(),
        quotes: Vec::new(),
        related: Vec::new(),
    }
}
