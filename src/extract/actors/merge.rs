//! Merging actors across articles. Every lookup goes through an index (by id, by surname,
//! by alias, by one-deletion spelling keys), so a corpus of tens of thousands of local actors
//! merges in near-linear time.
//!
//! Rules, in order, each only between actors of the same kind:
//! 1. the same id is the same actor;
//! 2. a lone word (`Maduro`) joins the one full person name ending in it, or the one actor
//!    that lists it as an alias (`UN` -> United Nations); when several full names end in it,
//!    it joins one only if that one dominates (`DOMINANCE` times as many articles as any
//!    other, and at least `MIN_DOMINANT`): a lone "Trump" is Donald Trump when Ivanka Trump
//!    appears in a handful of articles;
//! 3. a multiword person name joins the one longer name it begins or ends;
//! 4. a name still alone joins a near spelling (one edit) that is clearly more common
//!    (`SPELLING_MAJORITY` times as many articles): the rarer spelling is the misspelling.

use super::similar::{deletion_keys, near_spelling};
use super::slug;
use crate::extract::{ActorKind, LocalActor};
use std::collections::HashMap;

const DOMINANCE: usize = 10;
const MIN_DOMINANT: usize = 5;
const SPELLING_MAJORITY: usize = 2;

/// All local actors that share one id.
struct Group {
    first: usize,
    kind: ActorKind,
    words: Vec<String>,
    id: String,
    count: usize,
}

fn words_of(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(slug)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The group among `candidates` that the lone name should join: the only one, or one that
/// dominates the others.
fn pick(groups: &[Group], mut candidates: Vec<usize>) -> Option<usize> {
    candidates.sort_unstable();
    candidates.dedup();
    match candidates.len() {
        0 => None,
        1 => candidates.first().copied(),
        _ => {
            candidates.sort_by_key(|&c| std::cmp::Reverse(groups[c].count));
            let (top, second) = (groups[candidates[0]].count, groups[candidates[1]].count);
            (top >= MIN_DOMINANT && top >= DOMINANCE * second).then_some(candidates[0])
        }
    }
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

pub fn merge_across(actors: &[LocalActor]) -> Vec<usize> {
    // Rule 1: groups by id.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = Vec::with_capacity(actors.len());
    for (i, a) in actors.iter().enumerate() {
        let g = *by_id.entry(a.id.as_str()).or_insert_with(|| {
            groups.push(Group {
                first: i,
                kind: a.kind,
                words: words_of(&a.name),
                id: a.id.clone(),
                count: 0,
            });
            groups.len() - 1
        });
        groups[g].count += 1;
        group_of.push(g);
    }

    // Indices: full person names by last word and by their shorter parts, actors by alias, spellings.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_part: HashMap<String, Vec<usize>> = HashMap::new();
    // Spelling keys as a sorted list: far fewer allocations than a map of small lists.
    let mut by_spelling: Vec<(u64, usize)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if group.kind == ActorKind::Person
            && group.words.len() >= 2
            && let Some(last) = group.words.last()
        {
            by_last.entry(last.as_str()).or_default().push(g);
            // Every shorter multiword beginning and ending of the name, for rule 3.
            let n = group.words.len();
            for k in 2..n {
                by_part
                    .entry(group.words[..k].join(" "))
                    .or_default()
                    .push(g);
                by_part
                    .entry(group.words[n - k..].join(" "))
                    .or_default()
                    .push(g);
            }
        }
        // Only a group seen in several articles can be the common spelling of rule 4.
        if group.count >= SPELLING_MAJORITY {
            for key in deletion_keys(&group.id) {
                by_spelling.push((key, g));
            }
        }
    }
    by_spelling.sort_unstable();
    let spelt = |key: u64| {
        let from = by_spelling.partition_point(|&(k, _)| k < key);
        let to = by_spelling.partition_point(|&(k, _)| k <= key);
        by_spelling[from..to].iter().map(|&(_, g)| g)
    };
    let mut by_alias: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, a) in actors.iter().enumerate() {
        for alias in &a.aliases {
            by_alias.entry(slug(alias)).or_default().push(group_of[i]);
        }
    }
    for list in by_alias.values_mut() {
        list.sort_unstable();
        list.dedup();
    }

    let mut parent: Vec<usize> = (0..groups.len()).collect();
    for (g, group) in groups.iter().enumerate() {
        let n = group.words.len();
        let fuller =
            |&c: &usize| c != g && groups[c].kind == group.kind && groups[c].words.len() > n;
        let target = if n == 1 {
            // Rule 2.
            let mut candidates: Vec<usize> = Vec::new();
            if group.kind == ActorKind::Person {
                candidates.extend(by_last.get(group.words[0].as_str()).into_iter().flatten());
            }
            candidates.extend(by_alias.get(&group.id).into_iter().flatten());
            candidates.retain(fuller);
            pick(&groups, candidates)
        } else if group.kind == ActorKind::Person {
            // Rule 3.
            let mut candidates: Vec<usize> = by_part
                .get(&group.words.join(" "))
                .into_iter()
                .flatten()
                .copied()
                .filter(fuller)
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            (candidates.len() == 1).then(|| candidates[0])
        } else {
            None
        };
        if let Some(t) = target {
            let (rg, rt) = (root(&mut parent, g), root(&mut parent, t));
            if rg != rt {
                parent[rg] = rt;
            }
        }
    }

    // Rule 4, for groups still alone.
    let mut alone = vec![true; groups.len()];
    for g in 0..groups.len() {
        let r = root(&mut parent, g);
        if r != g {
            alone[g] = false;
            alone[r] = false;
        }
    }
    for (g, group) in groups.iter().enumerate() {
        if !alone[g] {
            continue;
        }
        let mut candidates: Vec<usize> = deletion_keys(&group.id)
            .iter()
            .flat_map(|k| spelt(*k))
            .filter(|&c| {
                let other = &groups[c];
                c != g
                    && other.kind == group.kind
                    && other.count >= SPELLING_MAJORITY * group.count
                    && other.words.len() == group.words.len()
                    && group
                        .words
                        .iter()
                        .zip(&other.words)
                        .filter(|(a, b)| a != b)
                        .count()
                        == 1
                    && group
                        .words
                        .iter()
                        .zip(&other.words)
                        .all(|(a, b)| a == b || near_spelling(a, b))
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        if let [t] = candidates[..] {
            let (rg, rt) = (root(&mut parent, g), root(&mut parent, t));
            if rg != rt {
                parent[rg] = rt;
            }
        }
    }

    (0..actors.len())
        .map(|i| {
            let r = root(&mut parent, group_of[i]);
            groups[r].first
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, kind: ActorKind, aliases: &[&str]) -> LocalActor {
        LocalActor {
            id: slug(name),
            name: name.to_string(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            roles: Vec::new(),
        }
    }

    fn person(name: &str) -> LocalActor {
        actor(name, ActorKind::Person, &[])
    }

    #[test]
    fn same_id_and_surname_merge() {
        let actors = [
            person("Nicolas Maduro"),
            person("Maduro"),
            person("Nicolás Maduro"),
            person("Ana Ruiz"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 0, 3]);
    }

    #[test]
    fn ambiguous_surname_stays_alone() {
        let actors = [person("Ana Ruiz"), person("Luis Ruiz"), person("Ruiz")];
        assert_eq!(merge_across(&actors), [0, 1, 2]);
    }

    #[test]
    fn dominant_full_name_takes_the_surname() {
        let mut actors: Vec<LocalActor> = (0..12).map(|_| person("Donald Trump")).collect();
        actors.push(person("Ivanka Trump"));
        actors.push(person("Trump"));
        let merged = merge_across(&actors);
        assert_eq!(merged[12], 12);
        assert_eq!(merged[13], 0);
    }

    #[test]
    fn alias_and_kind_rules() {
        let actors = [
            actor("United Nations", ActorKind::Organization, &["UN"]),
            actor("UN", ActorKind::Organization, &[]),
            // A place named like a person's surname stays apart.
            actor("Ruiz", ActorKind::Place, &[]),
            person("Ana Ruiz"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 2, 3]);
    }

    #[test]
    fn short_full_name_joins_longer() {
        let actors = [person("Nicolas Maduro Moros"), person("Nicolas Maduro")];
        assert_eq!(merge_across(&actors), [0, 0]);
    }

    #[test]
    fn rare_misspelling_joins_common_spelling() {
        let actors = [
            person("Juan Guaido"),
            person("Juan Guaido"),
            person("Juan Gaido"),
            person("Pedro Lopes"),
            person("Pedro Lopez"),
        ];
        // Equal counts: no way to tell which spelling is right, so no merge.
        assert_eq!(merge_across(&actors), [0, 0, 0, 3, 4]);
    }
}

#[cfg(test)]
mod scale {
    use super::*;

    /// 50,000 local actors, as a corpus of 10,000 articles gives; run with
    /// `cargo test --release merge_scale -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn merge_scale() {
        let syllables = ["ka", "lo", "mi", "ra", "su", "te", "vo", "ne", "di", "ba"];
        let word = |mut n: usize| {
            let mut w = String::new();
            for _ in 0..3 {
                w.push_str(syllables[n % 10]);
                n /= 10;
            }
            w
        };
        let mut actors = Vec::new();
        for i in 0..50_000usize {
            let (first, last) = (word(i % 997), word(i % 1009));
            let name = match i % 5 {
                0 => last.clone(),
                _ => format!("{first} {last}"),
            };
            actors.push(LocalActor {
                id: slug(&name),
                name,
                kind: ActorKind::Person,
                aliases: vec![last],
                roles: Vec::new(),
            });
        }
        let t = std::time::Instant::now();
        let merged = merge_across(&actors);
        println!("merge_across: {} actors in {:?}", actors.len(), t.elapsed());
        assert_eq!(merged.len(), actors.len());
    }
}
