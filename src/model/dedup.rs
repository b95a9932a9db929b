//! Reports of the same happening on the same date become one event with
//! every source.
//!
//! Two reports are the same event when they carry the same date value, share
//! an actor (when both name one) and enough of their content words, stemmed
//! (`arrested` is `arrest`), with function words and dates left out. A report
//! joins an event on a likeness to its first report, or to a later one when
//! it names one of the event's actors; two sentences of one article must be
//! closer still. Only events of one date are compared, each with a bounded
//! number of the date's others, so the cost grows with the events, not with
//! the square of a busy day's.

use super::EventEntry;
use chrono::Datelike;
use rayon::prelude::*;
use smallvec::SmallVec;
use std::collections::HashMap;

/// How many content words two reports of one event share at least, and what
/// share of the shorter report's words that must be (tuned on ECB+ topics 1-35:
/// `../shared/eval/ecb/run.sh`).
#[derive(Clone, Copy)]
struct Likeness {
    words: usize,
    share: f64,
}

/// Reports from two articles.
const OTHER_ARTICLE_WORDS: Likeness = Likeness {
    words: 3,
    share: 0.3,
};
/// Two sentences of one article, which share its subject's words anyway.
const SAME_ARTICLE_WORDS: Likeness = Likeness {
    words: 4,
    share: 0.4,
};

impl Likeness {
    /// Whether two reports' content words say the same: enough of the shorter
    /// report's words are the other's too.
    fn holds(self, a: &[u64], b: &[u64]) -> bool {
        let shorter = a.len().min(b.len());
        if shorter < self.words {
            return false;
        }
        let shared = common(a, b);
        shared >= self.words && shared as f64 / shorter as f64 >= self.share
    }
}

/// Words that say nothing of what happened: function words, reporting, and the
/// names of days and months (reports of one date share those anyway). Sorted.
const STOP_WORDS: &[&str] = &[
    "about",
    "according",
    "after",
    "afternoon",
    "again",
    "also",
    "another",
    "april",
    "around",
    "august",
    "been",
    "before",
    "being",
    "both",
    "could",
    "december",
    "during",
    "each",
    "early",
    "evening",
    "february",
    "friday",
    "from",
    "have",
    "into",
    "january",
    "july",
    "june",
    "last",
    "late",
    "later",
    "least",
    "march",
    "monday",
    "more",
    "morning",
    "most",
    "much",
    "near",
    "night",
    "november",
    "october",
    "other",
    "over",
    "said",
    "saturday",
    "says",
    "september",
    "some",
    "such",
    "sunday",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "today",
    "told",
    "tuesday",
    "under",
    "wednesday",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yesterday",
];

/// The length of the longest of [`STOP_WORDS`]: a longer word is none.
const LONGEST_STOP_WORD: usize = 9;

/// The stem of a lowercase word: `arrested`, `arrests` -> `arrest`; `killing`
/// -> `kill`; `escape`, `escaped` -> `escap` (a final `e` goes, as the suffix
/// takes it from `escaped`). Words news writes for one another stand for one
/// stem (`quake`, `tremor` -> `earthquake`).
fn stem(word: &str) -> &str {
    let mut stem = word;
    for suffix in ["ings", "ing", "ed", "es", "s"] {
        if let Some(cut) = word.strip_suffix(suffix)
            && cut.len() >= 4
        {
            stem = cut;
            break;
        }
    }
    let stem = match stem {
        "quake" | "tremor" => "earthquake",
        "died" | "dies" | "dead" | "death" | "deaths" | "dying" => "die",
        other => other,
    };
    match stem.strip_suffix('e') {
        Some(cut) if cut.len() >= 4 => cut,
        _ => stem,
    }
}

/// The content words of a sentence (more than three letters, any case, no
/// stop word or year), each stemmed and as a hash: sorted and without repeats,
/// so two sets compare in one pass.
fn content_words(text: &str) -> Vec<u64> {
    // `passed away` is `died`; `passed` alone is not (`passed the bill`).
    let passed_away = text.contains("passed away");
    let mut buf = String::new();
    let mut keep = |word: &str| -> Option<u64> {
        // A year says when, not what: reports of one date share it anyway.
        if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        buf.clear();
        if word.is_ascii() {
            buf.push_str(word);
            buf.make_ascii_lowercase();
        } else {
            buf.extend(word.chars().flat_map(char::to_lowercase));
        }
        if buf.len() <= LONGEST_STOP_WORD && STOP_WORDS.binary_search(&buf.as_str()).is_ok() {
            return None;
        }
        let stem = if passed_away && buf == "passed" {
            "die"
        } else {
            stem(&buf)
        };
        Some(xxhash_rust::xxh3::xxh3_64(stem.as_bytes()))
    };
    let mut words: Vec<u64> = if text.is_ascii() {
        // The common case: split on bytes, no decoding.
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() > 3)
            .filter_map(&mut keep)
            .collect()
    } else {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3)
            .filter_map(&mut keep)
            .collect()
    };
    words.sort_unstable();
    words.dedup();
    words
}

/// How many elements two sorted sets without repeats share.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
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
    common
}

/// Parts of the day a report names, as bits: morning, afternoon, evening.
const MORNING: u8 = 1;
const AFTERNOON: u8 = 2;
const EVENING: u8 = 4;

/// The parts of the day a sentence names (`Thursday morning`: morning; `late
/// Thursday`: evening). `early` and `late` count only before a day's name
/// (`early Sunday`), not in `a late payment`.
fn parts_of_the_day(text: &str) -> u8 {
    let mut words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 3)
        .peekable();
    let mut parts = 0;
    while let Some(w) = words.next() {
        let early = w.eq_ignore_ascii_case("early");
        parts |= if early || w.eq_ignore_ascii_case("late") {
            let before_a_day = words
                .peek()
                .is_some_and(|next| briefing_engine::time::names_a_day(next));
            match (before_a_day, early) {
                (true, true) => MORNING,
                (true, false) => EVENING,
                (false, _) => 0,
            }
        } else {
            match briefing_engine::time::part_of_day(w) {
                Some("MO") => MORNING,
                Some("AF") => AFTERNOON,
                Some(_) => EVENING,
                None => 0,
            }
        };
    }
    parts
}

/// Whether two reports could be of one moment: they name no part of the day in
/// common only if both name one (`checked in Thursday morning` and `checked in
/// late Thursday` are two happenings).
fn same_part_of_the_day(a: u8, b: u8) -> bool {
    a == 0 || b == 0 || a & b != 0
}

/// Whether two reports' actors allow them to be one event: they share one, or
/// one of them names none (`the quake` and `Iran's quake`).
fn same_actors(a: &[usize], b: &[usize]) -> bool {
    a.is_empty() || b.is_empty() || common(a, b) > 0
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
/// How many reports of an event a new report is compared with: a bound on the
/// work for an event that a whole corpus reports.
const COMPARED_REPORTS: usize = 8;
/// How many of the date's latest events a report is compared with, whatever
/// their actors.
const LATEST: usize = 16;

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
    let mut kept: usize = 0;
    // Each kept event's reports, each apart: a report must say enough of what
    // one earlier report said, not of all of them together (which grows with
    // every report and merges ever more).
    let mut reports: Vec<Vec<Report>> = Vec::new();
    let mut actor_sets: Vec<Vec<usize>> = Vec::new();
    // Each kept event's articles, sorted: an event of many reports would
    // otherwise have its whole `also` list searched for every candidate.
    let mut article_sets: Vec<Vec<usize>> = Vec::new();
    let mut parts: Vec<u8> = Vec::new();
    let mut map = Vec::with_capacity(day.len());
    // Kept events, by actor (`None`: events naming no actor).
    let mut by_actor: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for i in 0..day.len() {
        let event = &day[i];
        let sentence = text(event);
        let report = Report {
            article: event.article,
            words: content_words(sentence),
            numbers: numbers(sentence),
        };
        let event_parts = parts_of_the_day(sentence);
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
        // And the date's latest events, whatever their actors: one report names
        // the quake's island, another its country.
        candidates.extend(kept.saturating_sub(LATEST)..kept);
        candidates.sort_unstable();
        candidates.dedup();
        let same = candidates.into_iter().find(|&k| {
            let same_article = article_sets[k].binary_search(&report.article).is_ok();
            // A second sentence of one article joins its event only on a closer
            // likeness (an article's sentences share its subject's words anyway),
            // and never with other figures than the article gave it: one writer's
            // `rose 6.8 percent` and `rose 7.9 percent` are two facts.
            let likeness = if same_article {
                SAME_ARTICLE_WORDS
            } else {
                OTHER_ARTICLE_WORDS
            };
            if same_article
                && reports[k].iter().any(|r| {
                    r.article == report.article
                        && !r.numbers.is_empty()
                        && !report.numbers.is_empty()
                        && common(&r.numbers, &report.numbers) == 0
                })
            {
                return false;
            }
            // Like its first report, or like another when the two name an actor
            // in common.
            same_part_of_the_day(parts[k], event_parts)
                && same_actors(&actor_sets[k], &event_actors)
                && (likeness.holds(&reports[k][0].words, &report.words)
                    || (common(&actor_sets[k], &event_actors) > 0
                        && reports[k][1..]
                            .iter()
                            .any(|r| likeness.holds(&r.words, &report.words))))
        });
        match same {
            Some(k) => {
                let event = take_event(&mut day[i]);
                absorb(&mut day[k], event);
                actor_sets[k] = sorted_set(&day[k].actors);
                if let Err(at) = article_sets[k].binary_search(&report.article) {
                    article_sets[k].insert(at, report.article);
                }
                if reports[k].len() < COMPARED_REPORTS {
                    reports[k].push(report);
                }
                parts[k] |= event_parts;
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
                article_sets.push(vec![report.article]);
                reports.push(vec![report]);
                parts.push(event_parts);
                actor_sets.push(event_actors);
            }
        }
    }
    (kept, map)
}

/// What merging compares of a report.
struct Report {
    article: usize,
    words: Vec<u64>,
    numbers: SmallVec<[u64; 4]>,
}

/// The figures a sentence gives (`6.8`, `2,000`, `26`), each as a hash, sorted
/// and without repeats; years left out, as in [`content_words`].
fn numbers(text: &str) -> SmallVec<[u64; 4]> {
    let mut found: SmallVec<[u64; 4]> = SmallVec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        // Digits, and a point or comma between digits.
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b'.' | b',')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let figure = &bytes[start..i];
        let year = figure.len() == 4 && figure.iter().all(u8::is_ascii_digit);
        if !year {
            found.push(xxhash_rust::xxh3::xxh3_64(figure));
        }
    }
    found.sort_unstable();
    found.dedup();
    found
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
    fn content_words_are_stemmed_without_stop_words() {
        assert_eq!(common(&[1, 2, 3], &[2, 3, 4]), 2);
        assert_eq!(
            content_words("Oil rose; OIL rose."),
            content_words("oil rose")
        );
        assert_eq!(content_words("Prices rose by a lot").len(), 2);
        assert_eq!(
            content_words("Williams was arrested"),
            content_words("Williams arrest")
        );
        assert_eq!(content_words("the quake"), content_words("an earthquake"));
        assert_eq!(
            content_words("Comeaux escaped"),
            content_words("Comeaux's escape")
        );
        assert_eq!(
            content_words("Nichols sentenced"),
            content_words("Nichols sentence")
        );
        assert_eq!(
            content_words("Williams died"),
            content_words("Williams' death")
        );
        let died = content_words("Williams died");
        assert_eq!(common(&died, &content_words("Williams passed away")), 2);
        assert_eq!(common(&died, &content_words("Williams passed the bill")), 1);
        assert!(content_words("They said that on Sunday morning").is_empty());
        let mut both = content_words("Guaidó");
        both.extend(content_words("rose prices"));
        both.sort_unstable();
        assert_eq!(content_words("Guaidó rose; prices rose"), both);
        assert!(
            STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, for the search"
        );
        assert_eq!(
            STOP_WORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_STOP_WORD)
        );
    }

    #[test]
    fn reports_of_different_parts_of_a_day_stay_apart() {
        assert_eq!(parts_of_the_day("She checked in late Thursday."), EVENING);
        assert_eq!(
            parts_of_the_day("She checked in Thursday morning."),
            MORNING
        );
        assert_eq!(parts_of_the_day("A late payment on Thursday."), 0);
        let events = vec![
            event(
                "2013-05-02",
                "Lohan checked into the Morningside rehab center Thursday morning, her lawyer said.",
                0,
                &[1],
            ),
            event(
                "2013-05-02",
                "Lohan checked into the Betty Ford rehab center late Thursday, her lawyer said.",
                1,
                &[1],
            ),
        ];
        let (merged, _) = merge(events);
        assert_eq!(merged.len(), 2);
    }

    #[test]
    fn reports_worded_apart_merge_on_actors_and_stems() {
        let events = vec![
            event(
                "2009-02-01",
                "Chargers defensive lineman Jamal Williams was arrested early Sunday on \
                 suspicion of drunken driving after he was speeding.",
                0,
                &[1, 2],
            ),
            event(
                "2009-02-01",
                "Williams was pulled over for speeding early Sunday and arrested on suspicion \
                 of drunk driving, the California Highway Patrol said.",
                1,
                &[2, 3],
            ),
            event(
                "2009-02-01",
                "The Chargers signed a new kicker on Sunday.",
                2,
                &[1],
            ),
        ];
        let (merged, map) = merge(events);
        assert_eq!(map, [0, 0, 1]);
        assert_eq!(merged.len(), 2);
    }

    /// Where each of `reports` (date, sentence, article, actors) ends up.
    fn merged_into(reports: &[(&str, &str, usize, &[usize])]) -> Vec<usize> {
        let events = reports
            .iter()
            .map(|&(date, text, article, actors)| event(date, text, article, actors))
            .collect();
        merge(events).1
    }

    #[test]
    fn different_dates_never_merge() {
        let rise = "Guaido called on the military to rise.";
        assert_eq!(
            merged_into(&[("2019-04-30", rise, 0, &[1]), ("2019-05-01", rise, 1, &[1])]),
            [0, 1]
        );
    }

    #[test]
    fn sentences_of_one_article_merge_only_when_closer() {
        let called = "Guaido called on the armed forces to rise against Maduro in Caracas.";
        // Three words in common with the first: enough for another article, not for its own.
        let spoke = "Guaido spoke to crowds in Caracas after Maduro's speech.";
        // Five of its seven words.
        let urged = "Guaido urged the armed forces to rise against Maduro.";
        let day = "2019-04-30";
        assert_eq!(
            merged_into(&[
                (day, called, 0, &[1, 2]),
                (day, spoke, 0, &[1, 2]),
                (day, urged, 0, &[1, 2]),
            ]),
            [0, 1, 0]
        );
        assert_eq!(
            merged_into(&[(day, called, 0, &[1, 2]), (day, spoke, 1, &[1, 2])]),
            [0, 0]
        );
        let (merged, _) = merge(vec![
            event(day, called, 0, &[1]),
            event(day, urged, 0, &[1]),
        ]);
        assert_eq!(
            merged[0].also,
            [(0, 1)],
            "the other sentence, by its offset"
        );
    }

    #[test]
    fn one_article_giving_other_figures_tells_two_facts() {
        assert_eq!(
            numbers("rose to 6.8 percent, the most since 2019"),
            numbers("6.8")
        );
        assert_eq!(numbers("2,000 feet (600 m), IE8").len(), 2);
        let rose = |percent| {
            format!("Inflation in Bolivia rose to {percent} percent in October, the highest level.")
        };
        let (low, high) = (rose("6.8"), rose("7.9"));
        let day = "2019-10-31";
        assert_eq!(
            merged_into(&[
                (day, &low, 0, &[1]),
                (day, &high, 0, &[1]),
                (day, &low, 0, &[1])
            ]),
            [0, 1, 0]
        );
        // Two outlets' figures for one happening may differ.
        assert_eq!(
            merged_into(&[(day, &low, 0, &[1]), (day, &high, 1, &[1])]),
            [0, 0]
        );
    }

    #[test]
    fn a_report_like_only_a_later_report_joins_on_a_shared_actor() {
        let day = "2013-06-06";
        let starred = "The swimmer starred in musicals of the 1940s.";
        assert_eq!(
            merged_into(&[
                (
                    day,
                    "Esther Williams died on Thursday in Beverly Hills at the age of 91.",
                    0,
                    &[1, 2]
                ),
                (
                    day,
                    "Esther Williams, the swimmer who starred in aqua-musicals, died in her \
                     sleep in Beverly Hills.",
                    1,
                    &[1, 2]
                ),
                // Like the second report (starred, musicals, swimmer), not the first.
                (day, starred, 2, &[1]),
                (day, starred, 3, &[]),
            ]),
            [0, 0, 0, 1]
        );
    }
}
