//! Events from different articles that report the same thing on the same date
//! become one event with every source.
//!
//! Two reports are the same event when they carry the same date value, come
//! from different articles, share most of their actors and enough of their
//! content words. Only events of one date are compared, so the cost grows with
//! the events of the busiest day, not with the square of all events.

use super::EventEntry;
use chrono::Datelike;
use rayon::prelude::*;
use std::collections::HashMap;

/// Share of actors two reports must have in common (Jaccard), when both name actors.
const SAME_ACTORS: f64 = 0.5;
/// Share of content words two reports must have in common (Jaccard).
const SAME_WORDS: f64 = 0.4;

/// The content words of a sentence (more than three letters, any case), each
/// as a hash: sorted and without repeats, so two sets compare in one pass.
fn content_words(text: &str) -> Vec<u64> {
    let mut words: Vec<u64> = if text.is_ascii() {
        // The common case, a byte at a time: no decoding, lower case in a stack buffer.
        let mut buf = [0u8; 64];
        text.as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(|w| match buf.get_mut(..w.len()) {
                Some(lower) => {
                    for (to, from) in lower.iter_mut().zip(w) {
                        *to = from.to_ascii_lowercase();
                    }
                    xxhash_rust::xxh3::xxh3_64(lower)
                }
                None => xxhash_rust::xxh3::xxh3_64(&w.to_ascii_lowercase()),
            })
            .collect()
    } else {
        let mut lower = String::new();
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3)
            .map(|w| {
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                xxhash_rust::xxh3::xxh3_64(lower.as_bytes())
            })
            .collect()
    };
    words.sort_unstable();
    words.dedup();
    words
}

/// Jaccard similarity of two sorted sets without repeats.
fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Whether the Jaccard similarity of two sorted sets without repeats is at
/// least `threshold`. It cannot exceed the ratio of their sizes (the common
/// part is at most the smaller set, the union at least the bigger), so most
/// pairs of a busy day are settled without walking the sets.
fn similar<T: Ord>(a: &[T], b: &[T], threshold: f64) -> bool {
    let (small, big) = (a.len().min(b.len()), a.len().max(b.len()));
    if big == 0 || (small as f64 / big as f64) < threshold {
        return false;
    }
    jaccard(a, b) >= threshold
}

/// `a` with the elements of `b` added, sorted and without repeats.
fn union<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut all: Vec<T> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn sorted_set(items: &[usize]) -> Vec<usize> {
    let mut set = items.to_vec();
    set.sort_unstable();
    set.dedup();
    set
}

/// How many earlier events of the same date and actor a report is compared with:
/// a bound on the work for a day that one huge article fills with events.
const CANDIDATES: usize = 64;

/// Merges duplicate reports of `events` (sorted by date). Returns the merged
/// events and, for each input event, the index of the event it ended up in.
/// Dates are independent of each other, so they are merged in parallel.
/// `text` gives the sentence of an event. With `memo`, a date whose reports
/// are all as they were in the last build is not merged again.
///
/// Each date is merged where its reports lie in `events`: the events it makes
/// are moved to the front of its stretch, and one pass then closes the gaps.
/// No event is copied into a list of its own: fresh memory is dear, and a big
/// site has hundreds of thousands of events.
pub fn merge_duplicates<'t>(
    events: Vec<EventEntry>,
    text: &(dyn Fn(&EventEntry) -> &'t str + Sync),
    memo: Option<Remembered>,
) -> (Vec<EventEntry>, Vec<usize>) {
    let mut events = events;
    let same_day = |a: &EventEntry, b: &EventEntry| a.when == b.when;
    let merged_days: Vec<Merged> = match memo {
        None => events
            .par_chunk_by_mut(same_day)
            .map(|day| merge_day(day, text))
            .collect(),
        Some(memo) => {
            // Read by every date at once: out of its lock while they are merged.
            let known: HashMap<u64, Vec<usize>> = memo
                .days
                .maps
                .lock()
                .map(|mut maps| std::mem::take(&mut *maps))
                .unwrap_or_default();
            let all_known = std::sync::atomic::AtomicBool::new(true);
            let keyed: Vec<(u64, Merged)> = events
                .par_chunk_by_mut(same_day)
                .map(|day| {
                    let key = day_key(day, &memo);
                    let merged = match known.get(&key).filter(|map| replayable(map, day.len())) {
                        Some(map) => replay(day, map),
                        None => {
                            all_known.store(false, std::sync::atomic::Ordering::Relaxed);
                            merge_day(day, text)
                        }
                    };
                    (key, merged)
                })
                .collect();
            if !(all_known.into_inner() && known.len() == keyed.len()) {
                memo.days
                    .changed
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
            if let Ok(mut maps) = memo.days.maps.lock() {
                // Only this build's dates stay: the memo never outgrows the site.
                *maps = keyed
                    .iter()
                    .map(|(k, (_, map))| (*k, map.clone()))
                    .collect();
            }
            keyed.into_iter().map(|(_, merged)| merged).collect()
        }
    };
    // Each date's events moved down to follow the previous date's, in order.
    // A slot they move into holds a report merged away (or is their own).
    let mut map = Vec::with_capacity(events.len());
    let (mut to, mut from) = (0, 0);
    for (kept, day_map) in merged_days {
        for j in 0..kept {
            events.swap(to + j, from + j);
        }
        map.extend(day_map.iter().map(|k| to + k));
        to += kept;
        from += day_map.len();
    }
    events.truncate(to);
    (events, map)
}

/// `event`, leaving its lists empty in its place (no allocation either way).
fn take_event(event: &mut EventEntry) -> EventEntry {
    EventEntry {
        actors: std::mem::take(&mut event.actors),
        also: std::mem::take(&mut event.also),
        ..*event
    }
}

/// A date merged in place: how many events it made (now first in its
/// stretch, in order), and for each report the index of the event it ended
/// up in.
type Merged = (usize, Vec<usize>);

/// The dates merged by the last build: for each, by a hash of its reports
/// ([`day_key`]), the event each report ended up in. The merged events
/// follow from the reports and these numbers alone (see [`replay`]), in
/// whatever numbers the actors and articles have now. `briefing serve` keeps
/// it in memory between builds (an edit touches few dates), `briefing build`
/// on disk.
#[derive(Default)]
pub struct MergedDays {
    maps: std::sync::Mutex<HashMap<u64, Vec<usize>>>,
    /// The dates are not those it was made with by [`MergedDays::from_stored`].
    changed: std::sync::atomic::AtomicBool,
}

/// What [`MergedDays`] holds, as stored on disk: each date's key and map,
/// sorted by key so that the same dates store the same way.
pub(super) type StoredDays = Vec<(u64, Vec<usize>)>;

impl MergedDays {
    /// Merged dates read back from disk ([`Self::stored`] of an earlier build).
    pub(super) fn from_stored(days: StoredDays) -> MergedDays {
        MergedDays {
            maps: std::sync::Mutex::new(days.into_iter().collect()),
            changed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// What it holds, to store on disk.
    pub(super) fn stored(&self) -> StoredDays {
        let mut days: StoredDays = self
            .maps
            .lock()
            .map(|m| m.iter().map(|(&k, map)| (k, map.clone())).collect())
            .unwrap_or_default();
        days.sort_unstable_by_key(|(k, _)| *k);
        days
    }

    /// Whether a build changed the dates since [`Self::from_stored`].
    pub(super) fn changed(&self) -> bool {
        self.changed.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Whether `map` is one [`merge_day`] can have made for a date of `reports`
/// reports: one number per report, each either an earlier report's or the
/// next new one. (A memo read from disk is checked before use, so that no
/// file, however damaged, makes a build fail.)
fn replayable(map: &[usize], reports: usize) -> bool {
    let mut events = 0;
    map.len() == reports
        && map.iter().all(|&k| {
            if k == events {
                events += 1;
            }
            k < events
        })
}

/// What [`merge_day`] makes of a date's reports when they end up as `map`
/// says: each report either a new event or merged into an earlier one (see
/// [`absorb`]). `map` is [`replayable`].
fn replay(day: &mut [EventEntry], map: &[usize]) -> Merged {
    let mut kept = 0;
    for (i, &k) in map.iter().enumerate() {
        if k == kept {
            day.swap(k, i);
            kept += 1;
        } else {
            let event = take_event(&mut day[i]);
            absorb(&mut day[k], event);
        }
    }
    (kept, map.to_vec())
}

/// Merges the report `event` into `kept`, an earlier report of the same event.
fn absorb(kept: &mut EventEntry, event: EventEntry) {
    kept.also.push((event.article, event.offset));
    for a in event.actors {
        if !kept.actors.contains(&a) {
            kept.actors.push(a);
        }
    }
}

/// The last build's merged dates, and how to tell whether a date's reports
/// are as they were.
#[derive(Clone, Copy)]
pub struct Remembered<'a> {
    pub days: &'a MergedDays,
    /// A hash of the text an event's sentence is cut from (its article's
    /// body): with the sentence's offsets, it stands for the sentence.
    pub source: &'a (dyn Fn(&EventEntry) -> u64 + Sync),
    /// A key for each actor and each article that does not change with its
    /// number (a hash of its id).
    pub actors: &'a [u64],
    pub articles: &'a [u64],
}

/// A hash of everything [`merge_day`] reads of a date's reports, the
/// sentences by their source's hash and offsets: reading every sentence
/// would cost a cache miss per report. Actors and articles count by their
/// keys, not their numbers, which shift when one is added: merging does
/// not depend on the numbers, and [`replay`] rebuilds a date in today's
/// numbers. `also` is empty before merging. The numbers go into one
/// buffer, hashed at once: cheaper than feeding a streaming hash a few bytes
/// at a time.
fn day_key(day: &[EventEntry], memo: &Remembered) -> u64 {
    let key = |keys: &[u64], n: usize| keys.get(n).copied().unwrap_or(u64::MAX);
    let mut bytes = Vec::with_capacity(day.len() * 64);
    for e in day {
        bytes.extend_from_slice(&e.when.first_day.num_days_from_ce().to_le_bytes());
        bytes.push(e.when.precision as u8);
        bytes.extend_from_slice(&key(memo.articles, e.article).to_le_bytes());
        for n in [e.offset, e.end, e.actors.len()] {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
        for &a in &e.actors {
            bytes.extend_from_slice(&key(memo.actors, a).to_le_bytes());
        }
        bytes.extend_from_slice(&(memo.source)(e).to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// [`merge_duplicates`] for the reports of one date, merged in place: each
/// new event is moved down next to the last one kept, into the slot of a
/// report merged away (or its own).
fn merge_day<'t>(day: &mut [EventEntry], text: &(dyn Fn(&EventEntry) -> &'t str + Sync)) -> Merged {
    let mut kept = 0;
    let mut words: Vec<Vec<u64>> = Vec::new();
    let mut actor_sets: Vec<Vec<usize>> = Vec::new();
    let mut map = Vec::with_capacity(day.len());
    // Kept events, by actor (`None`: events naming no actor).
    let mut by_actor: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for i in 0..day.len() {
        let event = &day[i];
        let event_words = content_words(text(event));
        let event_actors = sorted_set(&event.actors);
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
            let kept = &day[k];
            let other_article =
                kept.article != event.article && kept.also.iter().all(|&(a, _)| a != event.article);
            if !other_article {
                return false;
            }
            let actors_agree = (actor_sets[k].is_empty() && event_actors.is_empty())
                || similar(&actor_sets[k], &event_actors, SAME_ACTORS);
            actors_agree && similar(&words[k], &event_words, SAME_WORDS)
        });
        match same {
            Some(k) => {
                let event = take_event(&mut day[i]);
                absorb(&mut day[k], event);
                actor_sets[k] = sorted_set(&day[k].actors);
                words[k] = union(&words[k], &event_words);
                map.push(k);
            }
            None => {
                let k = kept;
                for key in keys {
                    by_actor.entry(key).or_default().push(k);
                }
                map.push(k);
                day.swap(k, i);
                kept += 1;
                words.push(event_words);
                actor_sets.push(event_actors);
            }
        }
    }
    (kept, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::When;

    /// Test events keep their text in a list, at the index `offset`.
    fn event(date: &str, text: &str, article: usize, actors: &[usize]) -> (EventEntry, String) {
        let entry = EventEntry {
            when: When::parse(date).expect("date"),
            article,
            offset: 0,
            end: 0,
            actors: actors.into(),
            also: Vec::new(),
        };
        (entry, text.to_string())
    }

    fn merge(events: Vec<(EventEntry, String)>) -> (Vec<EventEntry>, Vec<usize>) {
        let (mut entries, texts): (Vec<EventEntry>, Vec<String>) = events.into_iter().unzip();
        for (i, e) in entries.iter_mut().enumerate() {
            e.offset = i;
        }
        merge_duplicates(entries, &|e| texts[e.offset].as_str(), None)
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
        let (merged, map) = merge(events);
        assert_eq!(merged.len(), 2);
        assert_eq!(map, [0, 0, 1]);
        // The second report: article 1, at its sentence (offset 1 here, see `merge`).
        assert_eq!(merged[0].also, [(1, 1)]);
    }

    #[test]
    fn remembered_dates_give_what_merging_again_gives() {
        let make = |second: &str| {
            vec![
                event(
                    "2019-04-30",
                    "Guaido called on the military to rise.",
                    0,
                    &[1],
                ),
                event("2019-04-30", second, 1, &[1]),
                event("2019-05-01", "Oil prices rose in London trading.", 1, &[3]),
            ]
        };
        let memo = MergedDays::default();
        let with_memo = |events: Vec<(EventEntry, String)>| {
            let (mut entries, texts): (Vec<EventEntry>, Vec<String>) = events.into_iter().unzip();
            for (i, e) in entries.iter_mut().enumerate() {
                e.offset = i;
            }
            // Each report its own source here: its text's hash stands for the source's.
            let source = |e: &EventEntry| xxhash_rust::xxh3::xxh3_64(texts[e.offset].as_bytes());
            let remembered = Remembered {
                days: &memo,
                source: &source,
                actors: &KEYS,
                articles: &KEYS,
            };
            merge_duplicates(entries, &|e| texts[e.offset].as_str(), Some(remembered))
        };
        let same = "Guaido called on the military to rise again.";
        assert_eq!(with_memo(make(same)), merge(make(same)));
        assert_eq!(with_memo(make(same)), merge(make(same)), "from the memo");
        let edited = "Markets were calm in Caracas.";
        assert_eq!(
            with_memo(make(edited)),
            merge(make(edited)),
            "an edited date"
        );
        assert_eq!(merge(make(same)).0.len(), 2);
        assert_eq!(merge(make(edited)).0.len(), 3);
    }

    /// Stand-ins for the hashes of actor and article ids, by number.
    const KEYS: [u64; 8] = [11, 12, 13, 14, 15, 16, 17, 18];

    #[test]
    fn a_date_is_not_merged_again_when_an_actor_or_article_is_added() {
        let texts = [
            "Guaido called on the military to rise against Maduro.",
            "Guaido urged the military to rise up against Maduro at dawn.",
            "Oil prices rose in London trading.",
        ];
        // Numbers in the first build; the second adds an actor and an article
        // sorted first, so every number moves up by one.
        let reports = |shift: usize| {
            let (article, actors) = (|n: usize| n + shift, |n: usize| n + shift);
            vec![
                event("2019-04-30", texts[0], article(0), &[actors(1), actors(2)]).0,
                event("2019-04-30", texts[1], article(1), &[actors(1), actors(2)]).0,
                event("2019-04-30", texts[2], article(1), &[actors(3)]).0,
            ]
        };
        let offsets = |mut events: Vec<EventEntry>| {
            for (i, e) in events.iter_mut().enumerate() {
                e.offset = i;
            }
            events
        };
        let memo = MergedDays::default();
        let read = std::sync::atomic::AtomicUsize::new(0);
        let text = |e: &EventEntry| {
            read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            texts[e.offset]
        };
        // A report's source stands for its article's text: the same in both builds.
        let source = |e: &EventEntry| e.offset as u64;
        let shifted_keys: Vec<u64> = std::iter::once(10).chain(KEYS).collect();
        let with_memo = |events, keys: &[u64]| {
            let remembered = Remembered {
                days: &memo,
                source: &source,
                actors: keys,
                articles: keys,
            };
            merge_duplicates(offsets(events), &text, Some(remembered))
        };
        let first = with_memo(reports(0), &KEYS);
        assert_eq!(
            first.0.len(),
            2,
            "the two reports of the call to rise merge"
        );
        let before = read.load(std::sync::atomic::Ordering::Relaxed);
        let second = with_memo(reports(1), &shifted_keys);
        assert_eq!(
            read.load(std::sync::atomic::Ordering::Relaxed),
            before,
            "no sentence read again"
        );
        let fresh = merge_duplicates(offsets(reports(1)), &|e| texts[e.offset], None);
        assert_eq!(second, fresh);
        assert_eq!(second.0[0].actors[..], [2, 3]);
        assert_eq!(second.0[0].also, [(2, 1)]);
    }

    #[test]
    fn only_a_map_merging_can_make_is_replayed() {
        assert!(replayable(&[0, 0, 1, 0, 2], 5));
        assert!(replayable(&[], 0));
        assert!(!replayable(&[0, 0, 1], 4), "a report without its event");
        assert!(
            !replayable(&[0, 2, 1], 3),
            "an event before its first report"
        );
        assert!(!replayable(&[1], 1));
    }

    #[test]
    fn jaccard_of_sorted_sets() {
        // `similar` agrees with `jaccard` on sets of every size up to 6 out of 0..8.
        let sets: Vec<Vec<u64>> = (0u32..256)
            .filter(|m| m.count_ones() <= 6)
            .map(|m| (0..8).filter(|b| m & (1 << b) != 0).collect())
            .collect();
        for a in &sets {
            for b in sets.iter().step_by(7) {
                for t in [0.4, 0.5] {
                    assert_eq!(similar(a, b, t), jaccard(a, b) >= t, "{a:?} {b:?} {t}");
                }
            }
        }
        assert_eq!(jaccard::<u64>(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1, 5], &[1, 5]), 1.0);
        assert_eq!(union(&[1, 4], &[2, 4]), [1, 2, 4]);
        assert_eq!(
            content_words("Oil rose; OIL rose."),
            content_words("oil rose")
        );
        assert_eq!(content_words("Prices rose by a lot").len(), 2);
        // Accented text takes the slow path and agrees with it on the ASCII words.
        assert_eq!(
            content_words("Guaidó rose; prices rose"),
            union(&content_words("Guaidó"), &content_words("rose prices"))
        );
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
        let (merged, _) = merge(events);
        assert_eq!(merged.len(), 3);
    }
}
