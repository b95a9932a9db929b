//! The briefing's actors: every article's actors merged into one list, each
//! under its fullest name, sorted by a unique id. Only the actors' identity
//! is settled here (names, kinds, aliases, roles); their articles, events and
//! quotes are filled in when the articles are placed.

use super::UniqueSlugs;
use super::{Actor, overrides};
use crate::config::{ActorOverrides, Config};
use briefing_engine::slug::slug;
use briefing_engine::{ActorKind, Extraction, LocalActor};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use xxhash_rust::xxh3::Xxh3;

/// The merged actors, and for each article's actor the one it became.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ActorLayer {
    /// By id; `articles`, `events`, `quotes` and the counts still empty.
    pub actors: Vec<Actor>,
    /// For the local actors of all articles in one list (article order,
    /// then each article's own order): the index of its actor in `actors`.
    pub global_of_flat: Vec<usize>,
}

/// Merges the articles' actors into the briefing's actors, corrected by `site.toml`.
pub fn merge(config: &Config, extractions: &[Arc<Extraction>]) -> ActorLayer {
    let flat: Vec<&LocalActor> = extractions.iter().flat_map(|e| &e.actors).collect();
    let flat = flat.as_slice();
    let mut articles = Vec::with_capacity(extractions.len());
    let mut start = 0;
    for e in extractions {
        articles.push(start..start + e.actors.len());
        start += e.actors.len();
    }
    let mut representative = briefing_engine::actors::merge_across(flat);
    let read_as_their_teams =
        briefing_engine::actors::places_as_their_teams(flat, &articles, &mut representative);
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &r) in representative.iter().enumerate() {
        groups.entry(r).or_default().push(i);
    }
    let group_members: Vec<&Vec<usize>> = groups.values().collect();
    let mut merged: Vec<Actor> = group_members
        .par_iter()
        .map(|members| merge_group(flat, members, &read_as_their_teams))
        .collect();
    overrides::apply_global(&config.actors, &mut merged);
    // Stable, unique ids; actors sorted by id.
    let slugs: Vec<String> = merged.iter().map(|a| slug(&a.name)).collect();
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by(|&a, &b| {
        slugs[a]
            .cmp(&slugs[b])
            .then(merged[a].name.cmp(&merged[b].name))
    });
    let mut ids = UniqueSlugs::default();
    let mut new_index = vec![0usize; merged.len()];
    let mut slots: Vec<Option<Actor>> = merged.into_iter().map(Some).collect();
    let mut actors = Vec::with_capacity(slots.len());
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
        if let Some(mut actor) = slots[old].take() {
            actor.id = ids.claim(slugs[old].clone(), "actor");
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

/// The last merge, with what it was made from: kept in memory by `briefing
/// serve`, on disk by `briefing build` (see [`super::Memo`]).
#[derive(Default)]
pub struct MergedActors {
    last: Mutex<Option<LastMerge>>,
    /// Reuse the last merge only when the key of its inputs is the same, and
    /// keep no extractions for the comparison: `briefing build` frees each
    /// extraction as soon as its article is assembled.
    by_key_only: bool,
    /// The last merge is not the one it was loaded with (or there was none).
    changed: AtomicBool,
}

struct LastMerge {
    /// [`inputs_key`] of what it was made from; `None` when not known.
    key: Option<u64>,
    overrides: ActorOverrides,
    /// Shared with the extraction cache: an unchanged article's extraction is
    /// the same allocation as before, so most comparisons are of pointers.
    /// `None` when kept by key only.
    extractions: Option<Vec<Arc<Extraction>>>,
    layer: Arc<ActorLayer>,
}

/// A hash of everything [`merge`] depends on: the extractor and the text and
/// date of every article, in order (`extraction_keys`, see [`super::extraction_key`]),
/// and the actor corrections of `site.toml`.
pub fn inputs_key(overrides: &ActorOverrides, extraction_keys: &[super::ExtractionKey]) -> u64 {
    let mut h = Xxh3::new();
    // Each string with its length: `["ab", "c"]` and `["a", "bc"]` differ.
    let mut text = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    let ActorOverrides {
        ignore,
        merge,
        rename,
        kind,
    } = overrides;
    text("ignore");
    ignore.iter().for_each(|s| text(s));
    for (name, map) in [("merge", merge), ("rename", rename), ("kind", kind)] {
        text(name);
        for (from, to) in map {
            text(from);
            text(to);
        }
    }
    h.update(&(extraction_keys.len() as u64).to_le_bytes());
    for key in extraction_keys {
        h.update(&key.as_u64().to_le_bytes());
    }
    h.digest()
}

impl MergedActors {
    /// [`merge`] of the extractions' actors, or the last build's result when
    /// they and the corrections of `site.toml` are as they were. `key` is
    /// [`inputs_key`] of the extractions, when their keys are known.
    pub fn merge(
        &self,
        config: &Config,
        extractions: &[Arc<Extraction>],
        key: Option<u64>,
    ) -> Arc<ActorLayer> {
        let flat_len: usize = extractions.iter().map(|e| e.actors.len()).sum();
        let same_as_last = |last: &LastMerge| {
            let fits = last.layer.global_of_flat.len() == flat_len;
            if key.is_some() && last.key == key {
                return fits;
            }
            let Some(last_extractions) = &last.extractions else {
                return false;
            };
            last.overrides == config.actors
                && last_extractions.len() == extractions.len()
                && last_extractions
                    .iter()
                    .zip(extractions)
                    .all(|(a, b)| Arc::ptr_eq(a, b) || a.actors == b.actors)
        };
        if let Ok(mut last) = self.last.lock()
            && let Some(last) = last.as_mut().filter(|l| same_as_last(l))
        {
            if key.is_some() && last.key != key {
                // Same actors from edited texts: filed under the new key.
                last.key = key;
                self.changed.store(true, Ordering::Relaxed);
            }
            return Arc::clone(&last.layer);
        }
        let layer = Arc::new(merge(config, extractions));
        if let Ok(mut last) = self.last.lock() {
            *last = Some(LastMerge {
                key,
                overrides: config.actors.clone(),
                extractions: (!self.by_key_only).then(|| extractions.to_vec()),
                layer: Arc::clone(&layer),
            });
            self.changed.store(true, Ordering::Relaxed);
        }
        layer
    }

    /// A memo that reuses `stored` (a layer and the key of its inputs) when the
    /// key matches, and never keeps extractions.
    pub fn by_key(stored: Option<(u64, ActorLayer)>) -> MergedActors {
        MergedActors {
            changed: AtomicBool::new(stored.is_none()),
            last: Mutex::new(stored.map(|(key, layer)| LastMerge {
                key: Some(key),
                overrides: ActorOverrides::default(),
                extractions: None,
                layer: Arc::new(layer),
            })),
            by_key_only: true,
        }
    }

    /// The last merge and the key of its inputs, when known.
    pub fn stored(&self) -> Option<(u64, Arc<ActorLayer>)> {
        let last = self.last.lock().ok()?;
        let last = last.as_ref()?;
        Some((last.key?, Arc::clone(&last.layer)))
    }

    /// Whether the last merge differs from the one [`Self::by_key`] was given.
    pub fn changed(&self) -> bool {
        self.changed.load(Ordering::Relaxed)
    }
}

/// One global actor from the local actors that merged. Those in `no_kind_vote` (sorted)
/// give the actor their names but not their kind.
fn merge_group(flat: &[&LocalActor], members: &[usize], no_kind_vote: &[usize]) -> Actor {
    // The fullest proper form: most words, then longest, then the more frequent spelling.
    let mut name_votes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kind_votes = [0usize; ActorKind::ALL.len()];
    let mut forms: HashSet<&str> = HashSet::new();
    for &m in members {
        let a = &flat[m];
        *name_votes.entry(a.name.as_str()).or_default() += 1;
        if no_kind_vote.binary_search(&m).is_err() {
            kind_votes[a.kind as usize] += 1;
        }
        forms.insert(a.name.as_str());
        forms.extend(a.aliases.iter().map(String::as_str));
    }
    // A person's name that is a more common form of it and a word of description
    // (`Comedian Ellen DeGeneres`, `Sanjay Gupta Surgeon`, from headlines) is no candidate.
    let persons = kind_votes[ActorKind::Person as usize];
    let described = |name: &str, votes: usize| {
        2 * persons > kind_votes.iter().sum::<usize>()
            && briefing_engine::actors::carries_a_description(name, |rest| {
                name_votes.get(rest).is_some_and(|&v| v > votes)
            })
    };
    let name = name_votes
        .iter()
        .filter(|(name, votes)| !described(name, **votes))
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
    // The fullest form, unless it is a rarer misspelling of another (`Jerymayne Timmons`
    // once, `Jermayne Timmons` in four articles): then the most common spelling.
    let votes = name_votes.get(name.as_str()).copied().unwrap_or(0);
    let name = name_votes
        .iter()
        .filter(|(other, v)| **v > votes && briefing_engine::actors::misspells(&name, other))
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or(name.clone(), |(other, _)| other.to_string());
    let kind = briefing_engine::actors::kind_by_votes(
        &kind_votes,
        name.split_whitespace().count(),
        ActorKind::Person,
    );
    let mut aliases: Vec<String> = forms
        .into_iter()
        .filter(|f| *f != name)
        .map(str::to_string)
        .collect();
    aliases.sort();
    // One form per role, however the articles capitalised it; most cited first.
    let roles = briefing_engine::actors::merge_roles(
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
