//! Events from different articles that report the same thing on the same date
//! become one event with every source.
//!
//! Two reports are the same event when they carry the same date value, come
//! from different articles, share most of their actors and enough of their
//! content words. Only events of one date are compared, so the cost grows with
//! the events of the busiest day, not with the square of all events.

use super::EventEntry;
use std::collections::HashSet;

/// Share of actors two reports must have in common (Jaccard), when both name actors.
const SAME_ACTORS: f64 = 0.5;
/// Share of content words two reports must have in common (Jaccard).
const SAME_WORDS: f64 = 0.25;

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

/// Merges duplicate reports of `events` (sorted by date). Returns the merged
/// events and, for each input event, the index of the event it ended up in.
pub fn merge_duplicates(events: Vec<EventEntry>) -> (Vec<EventEntry>, Vec<usize>) {
    let mut merged: Vec<EventEntry> = Vec::with_capacity(events.len());
    let mut words: Vec<HashSet<String>> = Vec::new();
    let mut map = Vec::with_capacity(events.len());
    let mut day_start = 0;
    for event in events {
        if merged
            .get(day_start)
            .is_some_and(|first| first.when != event.when)
        {
            day_start = merged.len();
        }
        let event_words = content_words(&event.text);
        let event_actors: HashSet<usize> = event.actors.iter().copied().collect();
        let same = (day_start..merged.len()).find(|&k| {
            let kept = &merged[k];
            let other_article =
                kept.article != event.article && kept.also.iter().all(|&(a, _)| a != event.article);
            let kept_actors: HashSet<usize> = kept.actors.iter().copied().collect();
            let actors_agree = if kept_actors.is_empty() && event_actors.is_empty() {
                true
            } else {
                jaccard(&kept_actors, &event_actors) >= SAME_ACTORS
            };
            other_article && actors_agree && jaccard(&words[k], &event_words) >= SAME_WORDS
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
                map.push(merged.len());
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
