//! Events: sentences that carry a resolved calendar date.

use super::{Event, Mention, Timex, TimexType};
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

/// One event per sentence holding a calendar DATE. The most precise date in the
/// sentence is the event's date (`announced January 23` beats `this year`); among
/// equally precise ones, the first.
pub fn find_events(
    text: &str,
    sentences: &[Range<usize>],
    timexes: &[Timex],
    mentions: &[Mention],
) -> Vec<Event> {
    let mut events = Vec::new();
    for sentence in sentences {
        let inside = |start: usize, end: usize| start >= sentence.start && end <= sentence.end;
        // Timexes and mentions are sorted by start: look only at this sentence's slice.
        let from = timexes.partition_point(|t| t.start < sentence.start);
        let to = timexes.partition_point(|t| t.start < sentence.end);
        let Some(date) = timexes[from..to.max(from)]
            .iter()
            .filter(|t| {
                t.kind == TimexType::Date
                    && inside(t.start, t.end)
                    && is_calendar_value(&t.value)
                    && !opens_a_span(&text[sentence.start..t.start])
            })
            .min_by_key(|t| (precision_rank(&t.value), t.start))
        else {
            continue;
        };
        // A dateline or a timestamp (`WEDNESDAY, APRIL 24, 2013, 10:34 AM`) says when
        // but not what: a sentence with no word outside its time expressions is no event.
        let times = &timexes[from..to.max(from)];
        let in_a_time = |at: usize| times.iter().any(|t| t.start <= at && at < t.end);
        let says_what = text[sentence.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .any(|w| {
                // The word's offset in the text: `split` yields subslices of it.
                let at = w.as_ptr() as usize - text.as_ptr() as usize;
                !in_a_time(at)
            });
        if !says_what {
            continue;
        }
        let from = mentions.partition_point(|m| m.start < sentence.start);
        let to = mentions
            .partition_point(|m| m.start < sentence.end)
            .max(from);
        let mut actors: Vec<usize> = Vec::new();
        for m in mentions[from..to].iter().filter(|m| inside(m.start, m.end)) {
            if !actors.contains(&m.actor) {
                actors.push(m.actor);
            }
        }
        events.push(Event {
            start: sentence.start,
            end: sentence.end,
            date: date.value.clone(),
            actors,
        });
    }
    events
}

/// Words before a date that make it the edge of a span (`held since 2017`,
/// `in power until 2020`), not the day something happened.
const SPAN_EDGES: &[&str] = &["since", "until", "till", "through"];

/// True when the words before a date (`before`) end with a span edge.
fn opens_a_span(before: &str) -> bool {
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| SPAN_EDGES.iter().any(|e| w.eq_ignore_ascii_case(e)))
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

    /// Sixty characters of text: the tests place timexes and mentions by offset.
    const TEXT: &str = "0123456789012345678901234567890123456789012345678901234567890123";

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
        let events = find_events(text, &sentences, &timexes, &[]);
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
        let events = find_events(text, &sentences, &timexes, &mentions);
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
        let events = find_events(TEXT, &sentences, &timexes, &mentions);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].date, "2019-04-30");
        assert_eq!(events[0].actors, [1]);
        assert_eq!((events[0].start, events[0].end), (21, 40));
    }

    #[test]
    fn the_most_precise_date_of_a_sentence_wins() {
        let sentences = [Range { start: 0, end: 60 }];
        let timexes = [
            Timex {
                start: 5,
                end: 14,
                kind: TimexType::Date,
                value: "2019".into(),
            },
            Timex {
                start: 30,
                end: 40,
                kind: TimexType::Date,
                value: "2019-01-23".into(),
            },
            Timex {
                start: 45,
                end: 50,
                kind: TimexType::Date,
                value: "2019-02-01".into(),
            },
        ];
        let events = find_events(TEXT, &sentences, &timexes, &[]);
        assert_eq!(events[0].date, "2019-01-23");
    }
}
