//! Events from different articles that report the same thing on the same date
//! become one event with every source.
//!
//! Two reports are the same event when they carry the same date value, come
//! from different articles, share most of their actors and enough of their
//! content words. Only events of one date are compared, so the cost grows with
//! the events of the busiest day, not with the square of all events.

use super::EventEntry;
use std::collections::{HashMap, HashSet};

/// Share of actors two reports must have in common (Jaccard), when both name actors.
const SAME_ACTORS: f64 = 0.5;
/// Share of content words two reports must have in common (Jaccard).
const SAME_WORDS: f64 = 0.4;

fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3)
        .map(str::to_lowercase)
        .collect()
}

fn jaccard<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

/// How many earlier events of the same date and actor a report is compared with:
/// a bound on the work for a day that one huge article fills with events.
const CANDIDATES: usize = 64;

/// Merges duplicate reports of `events` (sorted by date). Returns the merged
/// events and, for each input event, the index of the event it ended up in.
pub fn merge_duplicates(events: Vec<EventEntry>) -> (Vec<EventEntry>, Vec<usize>) {
    let mut merged: Vec<EventEntry> = Vec::with_capacity(events.len());
    let mut words: Vec<HashSet<String>> = Vec::new();
    let mut map = Vec::with_capacity(events.len());
    // Kept events of the current date, by actor (`None`: events naming no actor).
    let mut by_actor: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for event in events {
        if merged.last().is_some_and(|last| last.when != event.when) {
            by_actor.clear();
        }
        let event_words = content_words(&event.text);
        let event_actors: HashSet<usize> = event.actors.iter().copied().collect();
        let keys: Vec<Option<usize>> = if event.actors.is_empty() {
            vec![None]
        } else {
            event.actors.iter().copied().map(Some).collect()
        };
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| by_actor.get(k))
            .flat_map(|list| list.iter().rev().take(CANDIDATES).copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let same = candidates.into_iter().find(|&k| {
            let kept = &merged[k];
            let other_article =
                kept.article != event.article && kept.also.iter().all(|&(a, _)| a != event.article);
            if !other_article {
                return false;
            }
            let kept_actors: HashSet<usize> = kept.actors.iter().copied().collect();
            let actors_agree = (kept_actors.is_empty() && event_actors.is_empty())
                || jaccard(&kept_actors, &event_actors) >= SAME_ACTORS;
            actors_agree && jaccard(&words[k], &event_words) >= SAME_WORDS
        });
        match same {
            Some(k) => {
                let kept = &mut merged[k];
                kept.also.push((event.article, event.offset));
                for a in event.actors {
                    if !kept.actors.contains(&a) {
                        kept.actors.push(a);
                    }
                }
                words[k].extend(event_words);
                map.push(k);
            }
            None => {
                let k = merged.len();
                for key in keys {
                    by_actor.entry(key).or_default().push(k);
                }
                map.push(k);
                merged.push(event);
                words.push(event_words);
            }
        }
    }
    (merged, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::When;

    fn event(date: &str, text: &str, article: usize, actors: &[usize]) -> EventEntry {
        EventEntry {
            when: When::parse(date).expect("date"),
            text: text.into(),
            article,
            offset: 0,
            actors: actors.to_vec(),
            also: Vec::new(),
        }
    }

    #[test]
    fn same_date_actors_and_words_from_two_articles_merge() {
        let events = vec![
            event(
                "2019-04-30",
                "Guaido called on the military to rise against Maduro.",
                0,
                &[1, 2],
            ),
            event(
                "2019-04-30",
                "Guaido urged the military to rise up against Maduro at dawn.",
                1,
                &[1, 2],
            ),
            event("2019-04-30", "Oil prices rose in London trading.", 1, &[3]),
        ];
        let (merged, map) = merge_duplicates(events);
        assert_eq!(merged.len(), 2);
        assert_eq!(map, [0, 0, 1]);
        assert_eq!(merged[0].also, [(1, 0)]);
    }

    #[test]
    fn one_article_or_different_dates_never_merge() {
        let events = vec![
            event(
                "2019-04-30",
                "Guaido called on the military to rise.",
                0,
                &[1],
            ),
            event(
                "2019-04-30",
                "Guaido called on the military to rise again.",
                0,
                &[1],
            ),
            event(
                "2019-05-01",
                "Guaido called on the military to rise.",
                1,
                &[1],
            ),
        ];
        let (merged, _) = merge_duplicates(events);
        assert_eq!(merged.len(), 3);
    }
}
