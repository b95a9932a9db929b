//! Events: sentences that carry a resolved calendar date.

use super::{Event, Mention, Timex, TimexType};
use crate::time::IRREGULAR_PAST;
use chrono::NaiveDate;
use std::ops::Range;

/// True for TIMEX3 values the timeline can place: a day, an ISO week, a month or a year.
pub fn is_calendar_value(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |r: Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        8 => digits(0..4) && &b[4..6] == b"-W" && digits(6..8),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// The day a TIMEX3 value names or narrows to a part of: `2019-04-30` and
/// `2019-04-30TNI` (`Tuesday night`) are both 30 April; other values are not a day.
fn day_of(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    let rest = &value[10..];
    (is_calendar_value(day) && (rest.is_empty() || rest.starts_with('T'))).then_some(day)
}

/// A sentence's events. Each day its happenings are placed on (`arrested on
/// Monday and charged on Wednesday`: two) gives one event; with no day, the most
/// precise week, month or year does. Dates that only describe something
/// ([`describes_something`]) place nothing. A sentence with no date of its own
/// goes on with the last day named before it when it tells what happened next
/// in the simple past: in the same paragraph (`... on Monday. Police arrested
/// two men.`), or further on when it reports what an actor of the sentence that
/// named the day said (`Adams said Sunday ...` and, a paragraph on, `Adams
/// said ...`); never a day after `dct` (a plan's next sentence is seldom on the
/// plan's day) nor one more than [`STORY_DAYS`] before it.
pub fn find_events(
    text: &str,
    dct: Option<NaiveDate>,
    sentences: &[Range<usize>],
    timexes: &[Timex],
    mentions: &[Mention],
) -> Vec<Event> {
    let mut events = Vec::new();
    // The story's own days: not ahead of the article, nor so far back that the
    // date only opens a piece of background (`who led the 2016 walkout`).
    let the_storys = |day: &str| {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        dct.is_none_or(|dct| day.is_some_and(|d| d <= dct && (dct - d).num_days() <= STORY_DAYS))
    };
    let mut carried: Option<StoryDay> = None;
    let mut previous_end = 0;
    for sentence in sentences {
        // The gaps between sentences, each read once: linear in the text.
        let gap = text.get(previous_end.min(sentence.start)..sentence.start);
        previous_end = sentence.end;
        if gap.is_some_and(|gap| gap.contains('\n'))
            && let Some(story) = carried.as_mut()
        {
            story.in_paragraph = false;
        }
        let inside = |start: usize, end: usize| start >= sentence.start && end <= sentence.end;
        // Timexes and mentions are sorted by start: look only at this sentence's slice.
        let from = timexes.partition_point(|t| t.start < sentence.start);
        let to = timexes
            .partition_point(|t| t.start < sentence.end)
            .max(from);
        let times = &timexes[from..to];
        let dates: Vec<&Timex> = times
            .iter()
            .filter(|t| {
                inside(t.start, t.end)
                    && match t.kind {
                        TimexType::Date => is_calendar_value(&t.value),
                        // `Friday afternoon`, `that night`; a bare `6 p.m.` only
                        // borrows a day from the text around it.
                        TimexType::Time => {
                            day_of(&t.value).is_some() && names_a_day(&text[t.start..t.end])
                        }
                        _ => false,
                    }
            })
            .collect();
        let governing: Vec<&Timex> = dates
            .iter()
            .enumerate()
            .filter(|&(i, t)| {
                !describes_something(text, sentence, t)
                    && !one_of_two(text, &dates, i)
                    && !generic_today(text, sentence, t)
            })
            .map(|(_, t)| *t)
            .collect();
        let mut days: Vec<&str> = Vec::new();
        for day in governing.iter().filter_map(|t| day_of(&t.value)) {
            if !days.contains(&day) {
                if days.len() == DAYS_A_SENTENCE {
                    // A list of dates: the sentence is placed on its first.
                    days.truncate(1);
                    break;
                }
                days.push(day);
            }
        }
        let from = mentions.partition_point(|m| m.start < sentence.start);
        let to = mentions
            .partition_point(|m| m.start < sentence.end)
            .max(from);
        let sentence_mentions = || mentions[from..to].iter().filter(|m| inside(m.start, m.end));
        // The sentence's actors in order of first mention, read only for a
        // sentence that names a date or becomes an event.
        let actors = || {
            let mut actors: Vec<usize> = Vec::new();
            for m in sentence_mentions() {
                if !actors.contains(&m.actor) {
                    actors.push(m.actor);
                }
            }
            actors
        };
        // A sentence goes on with the day in its paragraph, or a paragraph on
        // when it reports what an actor of the sentence that named the day said.
        let goes_on = carried.as_ref().is_some_and(|story| {
            story.in_paragraph
                || (sentence_mentions().any(|m| story.actors.contains(&m.actor))
                    && reports_speech(&text[sentence.clone()]))
        });
        if days.is_empty() {
            if let Some(coarse) = governing
                .iter()
                .filter(|t| t.kind == TimexType::Date && is_calendar_value(&t.value))
                .min_by_key(|t| (precision_rank(&t.value), t.start))
            {
                days.push(&coarse.value);
            } else if dates.is_empty()
                && goes_on
                && tells_what_happened(&text[sentence.clone()])
                && let Some(story) = carried.as_mut()
            {
                days.push(story.day);
                story.in_paragraph = true;
            }
        }
        if !dates.is_empty() {
            carried = match days.first() {
                Some(day) if day.len() == 10 && the_storys(day) => Some(StoryDay {
                    day,
                    in_paragraph: true,
                    actors: actors(),
                }),
                _ => None,
            };
        }
        if days.is_empty() {
            continue;
        }
        // A dateline or a timestamp (`WEDNESDAY, APRIL 24, 2013, 10:34 AM`) says when
        // but not what: a sentence with no word outside its time expressions is no event.
        let in_a_time = |at: usize| times.iter().any(|t| t.start <= at && at < t.end);
        // A dateline's words are names (`BRUSSELS, December 2 (Xinhua) --`): a
        // sentence says what happened in at least one lowercase word.
        let says_what = text[sentence.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2 && w.starts_with(char::is_lowercase))
            .any(|w| {
                // The word's offset in the text: `split` yields subslices of it.
                let at = w.as_ptr() as usize - text.as_ptr() as usize;
                !in_a_time(at)
            });
        if !says_what {
            continue;
        }
        let actors = actors();
        for day in days {
            events.push(Event {
                start: sentence.start,
                end: sentence.end,
                date: day.to_string(),
                actors: actors.clone(),
            });
        }
    }
    events
}

/// How many days one sentence's happenings are placed on at most: a sentence
/// tells a few happenings; one that names more days is a list of dates (a
/// schedule, a sentence that runs on), placed on its first day only rather than
/// copied all over the timeline.
const DAYS_A_SENTENCE: usize = 3;

/// The day the story is telling, as the sentences go by.
struct StoryDay<'t> {
    day: &'t str,
    /// Whether the sentence that named the day, or the last one it was carried
    /// to, is in the paragraph being read.
    in_paragraph: bool,
    /// The actors of the sentence that named the day.
    actors: Vec<usize>,
}

/// How many days before the article a day may lie and still be carried on to
/// the next sentences: about a month of news.
const STORY_DAYS: i64 = 31;

/// Words before a date that make it the edge of a span (`held since 2017`,
/// `in power until 2020`) or a term of something (`the quarter ended Sept. 30`,
/// `a dividend payable Dec. 15`), not the day something happened.
const SPAN_EDGES: &[&str] = &[
    "since", "until", "till", "through", "from", "to", "by", "around", "ended", "ending",
    "payable", "due",
];

/// Words before `on` that make the date a term, not a happening (`due on Dec. 1`,
/// `shareholders of record on July 29`).
const TERMS: &[&str] = &[
    "due",
    "payable",
    "record",
    "date",
    "effective",
    "expires",
    "expiring",
];

/// True when a TIME expression names its day (`Friday afternoon`, `that
/// night`, `December 28`), unlike a bare clock time (`6 p.m.`).
fn names_a_day(expression: &str) -> bool {
    expression
        .split(|c: char| !c.is_alphabetic())
        .any(crate::time::names_a_day)
}

/// Words before a past participle that make it no happening told in the
/// story's order: a perfect (`has denied`), a present or infinitive passive (`is
/// expected`, `to be reunited`), a modal (`could have ended`) or a determiner
/// (`the planned trip`).
const NOT_A_PAST_BEFORE: &[&str] = &[
    "has", "have", "had", "hasn't", "haven't", "hadn't", "be", "been", "being", "is", "are", "am",
    "to", "will", "would", "could", "should", "can", "may", "might", "must", "a", "an", "the",
    "his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those",
];

/// True when the sentence reports what someone said (`Adams said`, `he told`).
fn reports_speech(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphabetic())
        .any(|w| REPORTING_VERBS.contains(&w) || w == "added")
}

/// Auxiliaries that stay in force a word further back (`has clearly been`,
/// `would not`).
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "be", "been", "is", "are", "will", "would", "could", "should", "can",
    "may", "might", "must",
];

/// Present-tense verbs that, as the first verb of a sentence, make it say how
/// things are (`It is undergoing tests`, `His presence is necessary`) rather
/// than go on with what happened on the day just named.
const PRESENT_STATES: &[&str] = &["is", "are", "am", "remains", "remain", "seems", "seem"];

/// Words after a present verb that make it report a happening rather than
/// tell a state (`It is believed the gunman fled`, `it is unclear why`).
const HEARSAY: &[&str] = &[
    "alleged",
    "believed",
    "clear",
    "feared",
    "known",
    "likely",
    "reported",
    "said",
    "suspected",
    "thought",
    "unclear",
    "understood",
];

/// Words after which a verb belongs to a clause describing a noun (`the man,
/// who is 45, was arrested`), not to the sentence.
const RELATIVE_PRONOUNS: &[&str] = &["who", "which", "that", "whose", "whom", "where"];

/// True when the sentence tells a happening in the simple past (`Police arrested
/// two men`, `He said`, `was treated`) outside quotation marks, so that it can go
/// on with the day just named. A sentence whose own first verb is in the
/// present (`It is undergoing tests, and officials have said it resembles the
/// rifle used in the slaying`) tells a state, whatever past participle follows.
fn tells_what_happened(sentence: &str) -> bool {
    let opens = |word: &str| word.starts_with(['"', '\u{201c}']) || word.starts_with("``");
    let closes = |word: &str| word.ends_with(['"', '\u{201d}']) || word.contains("''");
    // A sentence whose first quotation mark closes began inside a quotation
    // (`We are Irish citizens,'' Adams said`).
    let mut quoted = sentence
        .split_whitespace()
        .find(|w| opens(w) || closes(w))
        .is_some_and(|w| !opens(w));
    // Inside a clause describing a noun (`Nashua, whose business is selling
    // copiers, said`), until a comma closes it.
    let mut describing = false;
    // The two words before, lowercase: a participle's auxiliary may stand two
    // words back (`has been clouded`, `would not be`).
    let mut before: [String; 2] = Default::default();
    let mut words = sentence.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let (opens, closes) = (opens(word), closes(word));
        quoted |= opens && !closes;
        let bare = word
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        describing |= RELATIVE_PRONOUNS.contains(&bare.as_str());
        // `It is believed the gunman fled`: the present only reports.
        let mut reports = || {
            words.peek().is_some_and(|next| {
                let next = next.trim_matches(|c: char| !c.is_alphabetic());
                HEARSAY.iter().any(|h| next.eq_ignore_ascii_case(h))
            })
        };
        if !quoted && !describing && PRESENT_STATES.contains(&bare.as_str()) && !reports() {
            return false;
        }
        let regular = bare.len() > 3 && bare.ends_with("ed") && !bare.starts_with("un");
        let past = regular || IRREGULAR_PAST.contains(&bare.as_str());
        // `poorly ventilated`, `hastily planned`: an adverb makes it an adjective.
        let after_adverb = before[1].ends_with("ly");
        let after_auxiliary = NOT_A_PAST_BEFORE.contains(&before[1].as_str())
            || AUXILIARIES.contains(&before[0].as_str());
        if !quoted && past && !after_adverb && !after_auxiliary {
            return true;
        }
        quoted &= !closes;
        describing &= !word.ends_with(',');
        before.rotate_left(1);
        before[1] = bare;
    }
    false
}

/// Words that open a clause describing something else (`where the Granma landed
/// on Dec. 2, 1956`, `since Sinn Fein was expelled on Feb. 20`): a date inside
/// it is that clause's, not the sentence's.
const DESCRIBING_CLAUSES: &[&str] = &["since", "where", "which", "who", "whom", "whose"];

/// Participles that open a clause describing the noun before it when `to` follows (`the
/// peace process, set to resume Monday`): a plan of that thing, not the sentence's news.
const DESCRIBING_PARTICIPLES: &[&str] = &["expected", "scheduled", "set", "slated"];

/// Words before `of` that make `the night of March 3` the day itself, not a
/// description (`the events of 30 April`).
const PARTS_OF_A_DAY: &[&str] = &[
    "night",
    "morning",
    "afternoon",
    "evening",
    "day",
    "weekend",
    "end",
    "middle",
];

/// Words before a noun that make it one thing (`his capture`, `the attack`).
const DETERMINERS: &[&str] = &["the", "his", "her", "its", "their", "a", "an"];

/// Prepositions that make a phrase tell when the sentence's happening was,
/// relative to another (`weeks after the attack on Monday`).
const TIME_PREPOSITIONS: &[&str] = &["of", "after", "before", "since", "following", "until"];

/// Words after `the <date>` that go on with the sentence rather than name the
/// thing the date describes (`the Dec. 21 bombing`).
const NOT_A_NOUN: &[&str] = &["of", "and", "or", "to", "at", "in", "on", "when", "as"];

/// Marks that end a describing clause: the sentence's own clause goes on after them.
fn closes_a_clause(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2013}' | '\u{2014}')
}

/// True when the date `t` only describes something in its sentence: the edge of a
/// span, a term (`ended Sept. 30`), a possessive (`Friday's purchases`), a date
/// before a noun (`the Dec. 21, 1988, bombing`), a date of a noun (`the events of
/// 30 April`) or a date inside a relative or `since` clause.
fn describes_something(text: &str, sentence: &Range<usize>, t: &Timex) -> bool {
    let before = clause_window(&text[sentence.start..t.start]);
    let after = &text[t.end..sentence.end];
    let is = |w: &str, list: &[&str]| list.iter().any(|e| w.eq_ignore_ascii_case(e));
    let mut words_before = before.split_whitespace().rev();
    let previous = words_before.next().unwrap_or("");
    if is(previous, SPAN_EDGES) || after.starts_with("'s") || after.starts_with("\u{2019}s") {
        return true;
    }
    // `due on Dec. 1`, `The record date is Nov. 9`.
    if is(previous, &["on", "is", "was"])
        && words_before.clone().next().is_some_and(|w| is(w, TERMS))
    {
        return true;
    }
    // `holders of record Nov. 30`; a share price's `record Tuesday` is its day.
    if previous.eq_ignore_ascii_case("record")
        && words_before
            .clone()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("of"))
    {
        return true;
    }
    // `within weeks of his capture on March 26`, `after the attack on Monday`:
    // the date is the noun's, inside a phrase that only tells when the
    // sentence's own happening was.
    if previous.eq_ignore_ascii_case("on") {
        let mut phrase = words_before.clone();
        let noun = phrase.next().unwrap_or("");
        let determiner = phrase.next().unwrap_or("");
        let preposition = phrase.next().unwrap_or("");
        if noun.chars().all(|c| c.is_ascii_lowercase())
            && is(determiner, DETERMINERS)
            && is(preposition, TIME_PREPOSITIONS)
        {
            return true;
        }
    }
    if previous.eq_ignore_ascii_case("of") {
        let noun = words_before.next().unwrap_or("");
        return !is(
            noun.trim_matches(|c: char| !c.is_alphanumeric()),
            PARTS_OF_A_DAY,
        );
    }
    // `the Dec. 21, 1988, bombing` inside the sentence; a sentence that opens on
    // it (`The Aug. 7 bombings killed 200`) tells that bombing's day.
    if previous.eq_ignore_ascii_case("the") && !before.trim().eq_ignore_ascii_case("the") {
        let word: String = after
            .trim_start_matches([',', ' '])
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if word.starts_with(char::is_lowercase) && !is(&word, NOT_A_NOUN) {
            return true;
        }
    }
    // `Rescued on Nov. 25 by fishermen, Elian has become ...`: an opening
    // participle describes the subject; `With the finding of a rifle 11 days
    // ago, the authorities say ...`: an opening `with` tells the circumstance.
    let first = before.split_whitespace().next().unwrap_or("");
    if t.start - sentence.start == before.len()
        && !before.contains(closes_a_clause)
        && (first.len() > 3 && first.ends_with("ed") || first == "With")
    {
        return true;
    }
    // A relative or `since` clause is short and is over once the sentence's
    // own reporting verb comes (`officials who monitor Cambodia said Thursday`).
    let clause = before.rsplit(closes_a_clause).next().unwrap_or(before);
    let words: Vec<&str> = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // `..., set to resume Monday in Belfast`.
    if clause.len() < before.len()
        && words.len() <= RELATIVE_CLAUSE_WORDS
        && words.first().is_some_and(|w| is(w, DESCRIBING_PARTICIPLES))
        && words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("to"))
    {
        return true;
    }
    words
        .iter()
        .rposition(|w| is(w, DESCRIBING_CLAUSES))
        .is_some_and(|at| {
            words.len() - at <= RELATIVE_CLAUSE_WORDS
                && !words[at..].iter().any(|w| is(w, REPORTING_VERBS))
        })
}

/// How many words a describing clause runs before its date, at most.
const RELATIVE_CLAUSE_WORDS: usize = 10;

const REPORTING_VERBS: &[&str] = &["said", "says", "told"];

/// True when `dates[i]` (a sentence's dates, in order) is one of two joined by
/// `or` (`late tonight or early Sunday`): the text does not say which day it is.
fn one_of_two(text: &str, dates: &[&Timex], i: usize) -> bool {
    let joined = |a: &Timex, b: &Timex| {
        a.end <= b.start
            && b.start - a.end <= " or ".len() + 2
            && text[a.end..b.start].trim().eq_ignore_ascii_case("or")
    };
    let t = dates[i];
    (i > 0 && joined(dates[i - 1], t)) || dates.get(i + 1).is_some_and(|next| joined(t, next))
}

/// True for a `today` that means nowadays (`faster than can be done today`).
fn generic_today(text: &str, sentence: &Range<usize>, t: &Timex) -> bool {
    let clause = clause_window(&text[sentence.start..t.start])
        .rsplit(closes_a_clause)
        .next()
        .unwrap_or("");
    text[t.start..t.end].eq_ignore_ascii_case("today")
        && clause
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("than"))
}

/// How far before a date its clause is read, in bytes: clauses are short, and a
/// sentence that runs on for megabytes must not be read again for each date.
const CLAUSE_BYTES: usize = 240;

/// The last [`CLAUSE_BYTES`] (or fewer, to a character boundary) of `before`.
fn clause_window(before: &str) -> &str {
    let mut from = before.len().saturating_sub(CLAUSE_BYTES);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    &before[from..]
}

/// Lower is more precise: a day, a week, a month, a year.
fn precision_rank(value: &str) -> u8 {
    match value.len() {
        10 => 0,
        8 => 1,
        7 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorKind;

    /// Sixty-four characters of text: the tests place timexes and mentions by offset.
    const TEXT: &str = "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij";

    /// The events extraction finds in `text` published on `dct`, as (the
    /// sentence's first three words, date).
    fn events_of(text: &str, dct: (i32, u32, u32)) -> Vec<(String, String)> {
        let ex = crate::extract(text, NaiveDate::from_ymd_opt(dct.0, dct.1, dct.2));
        ex.events
            .iter()
            .map(|e| {
                let words: Vec<&str> = text[e.start..e.end].split_whitespace().take(3).collect();
                (words.join(" "), e.date.clone())
            })
            .collect()
    }

    fn expect(events: &[(&str, &str)]) -> Vec<(String, String)> {
        events
            .iter()
            .map(|(w, d)| ((*w).to_string(), (*d).to_string()))
            .collect()
    }

    #[test]
    fn a_date_that_describes_something_does_not_place_the_sentence() {
        // Thursday 5 November 2026.
        let dct = (2026, 11, 5);
        let text = "Oneida Ltd. declared on Tuesday a dividend of 10 cents, payable Dec. 15.";
        assert_eq!(
            events_of(text, dct),
            expect(&[("Oneida Ltd. declared", "2026-11-03")])
        );
        let text = "The council met on 6 May for the first time since the events of 30 April.";
        assert_eq!(
            events_of(text, dct),
            expect(&[("The council met", "2026-05-06")])
        );
        let text = "Net income for the three months to April 30 rose 4 percent.";
        assert_eq!(events_of(text, dct), []);
        let text = "The Nov. 2 blast killed four people.";
        assert_eq!(
            events_of(text, dct),
            expect(&[("The Nov. 2", "2026-11-02")])
        );
        let text = "Shareholders cheered Monday's vote. The record date is Nov. 9.";
        assert_eq!(events_of(text, dct), []);
        let text = "Oneida declared a dividend payable Dec. 15 to holders of record Nov. 30.";
        assert_eq!(events_of(text, dct), []);
        let text = "The index closed at a record Tuesday.";
        assert_eq!(
            events_of(text, dct),
            expect(&[("The index closed", "2026-11-03")])
        );
        let text = "Rescued on Nov. 2 by fishermen, the boy has become a symbol.";
        assert_eq!(events_of(text, dct), []);
        let text = "With the finding of a rifle 11 days ago, the police say they have a case.";
        assert_eq!(events_of(text, dct), []);
        let text = "He said Howes died within weeks of his capture on March 26, 1996.";
        assert_eq!(events_of(text, dct), []);
        let text = "After the attack on Monday, the rebels fled.";
        assert_eq!(events_of(text, dct), []);
        let text = "Police said the attack on Monday killed four people.";
        assert_eq!(
            events_of(text, dct),
            expect(&[("Police said the", "2026-11-02")])
        );
        let text = "Extremists tried to undermine the peace process, set to resume Monday.";
        assert_eq!(events_of(text, dct), []);
        let text = "The peace talks are set to resume Monday.";
        assert_eq!(
            events_of(text, dct),
            expect(&[("The peace talks", "2026-11-09")])
        );
        let text =
            "The firm unveiled a scanner on Thursday that works faster than anything sold today.";
        assert_eq!(
            events_of(text, dct),
            expect(&[("The firm unveiled", "2026-11-05")])
        );
    }

    #[test]
    fn each_day_of_a_sentence_gives_an_event() {
        // Sunday 4 December 2022.
        let text = "Police arrested the driver on Monday and charged him on Wednesday.";
        assert_eq!(
            events_of(text, (2022, 12, 4)),
            expect(&[
                ("Police arrested the", "2022-11-28"),
                ("Police arrested the", "2022-11-30")
            ])
        );
        // A list of days is placed on its first.
        let text = "Hearings were held on Monday, Tuesday, Wednesday and Thursday.";
        assert_eq!(
            events_of(text, (2022, 12, 4)),
            expect(&[("Hearings were held", "2022-11-28")])
        );
        // Either of two days is neither.
        let text = "The storm will make landfall late tonight or early Sunday.";
        assert_eq!(events_of(text, (2022, 12, 3)), []);
    }

    #[test]
    fn a_time_of_day_places_the_event_on_its_day() {
        // Friday 29 October 2021.
        // A bare clock time, a paragraph on, borrows a day it does not name.
        let text = "The depot was robbed on Thursday afternoon.\n\nBuses left at 6 p.m.";
        assert_eq!(
            events_of(text, (2021, 10, 29)),
            expect(&[("The depot was", "2021-10-28")])
        );
        let text =
            "A mediator will meet both sides on Saturday in a last attempt to avert the strike.";
        assert_eq!(
            events_of(text, (2021, 10, 29)),
            expect(&[("A mediator will", "2021-10-30")])
        );
    }

    #[test]
    fn a_paragraph_goes_on_with_the_day_it_named() {
        // Thursday 4 January 2024.
        let text = "The fire started at 9 p.m. on December 28. Four firefighters were treated \
                    that night. Crews have fought such fires for years.\n\nThe mayor spoke.";
        assert_eq!(
            events_of(text, (2024, 1, 4)),
            expect(&[
                ("The fire started", "2023-12-28"),
                ("Four firefighters were", "2023-12-28")
            ])
        );
        // A paragraph on, the day goes on with what the same people said.
        let text = "Gerry Adams spoke to reporters on Sunday.\n\nAdams said the talks would go on.\n\n\
                    The talks have stalled for years.\n\nPolice said the roads were closed.";
        assert_eq!(
            events_of(text, (1998, 3, 22)),
            expect(&[
                ("Gerry Adams spoke", "1998-03-22"),
                ("Adams said the", "1998-03-22")
            ])
        );
        // A sentence that tells how things are does not go on with the day,
        // whatever participle follows; one that only reports a happening does.
        let text = "The rifle was found on April 8. It is undergoing tests, and officials \
                    have said it resembles the rifle used in the slaying. It is believed the \
                    gunman fled on foot. Nashua, whose business is copiers, said it agreed.";
        assert_eq!(
            events_of(text, (1999, 4, 19)),
            expect(&[
                ("The rifle was", "1999-04-08"),
                ("It is believed", "1999-04-08"),
                ("Nashua, whose business", "1999-04-08")
            ])
        );
        // A sentence begun inside a quotation tells what comes after it.
        let text = "Adams spoke on Sunday. We are Irish citizens,'' Adams said.";
        assert_eq!(
            events_of(text, (1998, 3, 22)),
            expect(&[
                ("Adams spoke on", "1998-03-22"),
                ("We are Irish", "1998-03-22")
            ])
        );
        // A plan's next sentence is not on the plan's day.
        let text = "The vote is set for Tuesday. Farrant declined to comment.";
        assert_eq!(
            events_of(text, (2026, 2, 20)),
            expect(&[("The vote is", "2026-02-24")])
        );
    }

    #[test]
    fn a_dateline_and_a_clause_before_a_gerund_are_no_events() {
        let text = "BRUSSELS, December 2 (Xinhua) --\n\nShe will spend an hour in Nairobi later in \
                    the day before returning home.";
        assert_eq!(events_of(text, (1998, 12, 3)), []);
    }

    #[test]
    fn a_date_after_since_is_not_an_event() {
        let text = "He has been held since 2017. He was freed on Tuesday.";
        let sentences = [0..28, 29..text.len()];
        let timexes = [
            Timex {
                start: 23,
                end: 27,
                kind: TimexType::Date,
                value: "2017".into(),
            },
            Timex {
                start: 45,
                end: 52,
                kind: TimexType::Date,
                value: "2019-04-30".into(),
            },
        ];
        let events = find_events(text, None, &sentences, &timexes, &[]);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].date, "2019-04-30");
    }

    #[test]
    fn a_line_that_is_only_a_date_or_a_time_is_no_event() {
        let text =
            "WEDNESDAY, APRIL 24, 2013, 10:34 AM\n\nPolice arrested a man on April 24, 2013.";
        let (names, sentences) = crate::names::recognise_with_sentences(text);
        let (_, mentions) = crate::actors::resolve(text, &names);
        let timexes = crate::time::find_timexes(text, chrono::NaiveDate::from_ymd_opt(2013, 4, 24));
        let events = find_events(text, None, &sentences, &timexes, &mentions);
        assert_eq!(events.len(), 1, "{events:?}");
        assert!(text[events[0].start..events[0].end].starts_with("Police"));
    }

    #[test]
    fn calendar_values() {
        for v in ["2019", "2019-04", "2019-W18", "2019-04-30"] {
            assert!(is_calendar_value(v), "{v}");
        }
        for v in [
            "PRESENT_REF",
            "P3D",
            "2019-SU",
            "2019-Q1",
            "2019-04-30T14:00",
            "XXXX-04-30",
        ] {
            assert!(!is_calendar_value(v), "{v}");
        }
    }

    #[test]
    fn a_dated_sentence_becomes_an_event_with_its_actors() {
        let sentences = [0..20, 21..40];
        let timexes = [Timex {
            start: 25,
            end: 32,
            kind: TimexType::Date,
            value: "2019-04-30".into(),
        }];
        let mentions = [
            Mention {
                kind: ActorKind::Person,
                start: 0,
                end: 5,
                actor: 0,
            },
            Mention {
                kind: ActorKind::Person,
                start: 21,
                end: 24,
                actor: 1,
            },
            Mention {
                kind: ActorKind::Person,
                start: 33,
                end: 36,
                actor: 1,
            },
        ];
        let events = find_events(TEXT, None, &sentences, &timexes, &mentions);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].date, "2019-04-30");
        assert_eq!(events[0].actors, [1]);
        assert_eq!((events[0].start, events[0].end), (21, 40));
    }

    #[test]
    fn a_day_beats_a_week_or_a_year() {
        let sentences = [Range { start: 0, end: 60 }];
        let timex = |start: usize, value: &str| Timex {
            start,
            end: start + 5,
            kind: TimexType::Date,
            value: value.into(),
        };
        let timexes = [
            timex(5, "2019"),
            timex(22, "2019-W04"),
            timex(44, "2019-01-23"),
        ];
        let events = find_events(TEXT, None, &sentences, &timexes, &[]);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].date, "2019-01-23");
        let events = find_events(TEXT, None, &sentences, &timexes[..2], &[]);
        assert_eq!(events[0].date, "2019-W04");
    }
}
