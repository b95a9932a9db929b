//! The user's corrections from `[actors]` in site.toml, applied to what extraction found.

use crate::config::ActorOverrides;
use briefing_engine::slug::slug;
use briefing_engine::{ActorKind, Extraction, LocalActor};

/// Per article, before merging: drops ignored names, renames merged forms.
/// Whether [`apply_local`] changes anything.
pub fn changes_extractions(overrides: &ActorOverrides) -> bool {
    !(overrides.ignore.is_empty() && overrides.merge.is_empty())
}

pub fn apply_local(overrides: &ActorOverrides, ex: &mut Extraction) {
    if !changes_extractions(overrides) {
        return;
    }
    let ignored: Vec<String> = overrides.ignore.iter().map(|n| slug(n)).collect();
    let forms = |a: &LocalActor| -> Vec<String> {
        std::iter::once(&a.name)
            .chain(&a.aliases)
            .map(|n| slug(n))
            .collect()
    };
    // Ignored actors go; indices of the rest shift down.
    let mut keep = Vec::with_capacity(ex.actors.len());
    let mut new_index = vec![None; ex.actors.len()];
    for (i, actor) in ex.actors.drain(..).enumerate() {
        if forms(&actor).iter().any(|f| ignored.contains(f)) {
            continue;
        }
        new_index[i] = Some(keep.len());
        keep.push(actor);
    }
    ex.actors = keep;
    ex.mentions
        .retain_mut(|m| new_index[m.actor].map(|n| m.actor = n).is_some());
    for q in &mut ex.quotes {
        q.speaker = q.speaker.and_then(|s| new_index[s]);
    }
    for e in &mut ex.events {
        e.actors = e.actors.iter().filter_map(|&a| new_index[a]).collect();
    }
    // `merge = { form = "Name" }`: the actor holding that form becomes "Name".
    for actor in &mut ex.actors {
        let actor_forms = forms(actor);
        let target = overrides
            .merge
            .iter()
            .find(|(form, _)| actor_forms.contains(&slug(form)))
            .map(|(_, to)| to.clone());
        if let Some(to) = target
            && to != actor.name
        {
            let old = std::mem::replace(&mut actor.name, to);
            actor.aliases.push(old);
            actor.id = slug(&actor.name);
        }
    }
}

/// After merging: renames and kinds the user set.
pub fn apply_global(overrides: &ActorOverrides, actors: &mut [super::Actor]) {
    for actor in actors {
        let key = slug(&actor.name);
        if let Some((_, to)) = overrides.rename.iter().find(|(from, _)| slug(from) == key) {
            let old = std::mem::replace(&mut actor.name, to.clone());
            if !actor.aliases.contains(&old) {
                actor.aliases.push(old);
                actor.aliases.sort();
            }
        }
        let key = slug(&actor.name);
        if let Some(kind) = overrides
            .kind
            .iter()
            .find(|(name, _)| slug(name) == key)
            .and_then(|(_, k)| ActorKind::parse(k))
        {
            actor.kind = kind;
        }
    }
}
