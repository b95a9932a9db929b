//! One sentence per rule, the seed article's expressions, and properties.

use super::*;
use crate::TimexType;

pub(super) fn dct() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2019, 5, 2)
}

/// (text, type, value) of every timex found in `s` with the DCT 2019-05-02.
pub(super) fn found(s: &str) -> Vec<(String, TimexType, String)> {
    find_timexes(s, dct())
        .into_iter()
        .map(|t| (s[t.start..t.end].to_string(), t.kind, t.value))
        .collect()
}

pub(super) fn one(s: &str, text: &str, kind: TimexType, value: &str) {
    let f = found(s);
    assert!(
        f.iter()
            .any(|(t, k, v)| t == text && *k == kind && v == value),
        "{s:?}: wanted {text:?} {kind:?} {value:?}, got {f:?}"
    );
}

use TimexType::{Date, Duration, Set, Time};

#[test]
fn seed_article_expressions() {
    one(
        "Guaido called on Tuesday for an uprising.",
        "Tuesday",
        Date,
        "2019-04-30",
    );
    one(
        "Protesters returned to the streets on Wednesday.",
        "Wednesday",
        Date,
        "2019-05-01",
    );
    one(
        "He declared himself president on January 23.",
        "January 23",
        Date,
        "2019-01-23",
    );
    one(
        "The uprising began on April 30, 2019, at dawn.",
        "April 30, 2019",
        Date,
        "2019-04-30",
    );
    one(
        "Inflation this year is expected to reach 10 million percent.",
        "this year",
        Date,
        "2019",
    );
}

/// The seed article itself (dated Thursday 2 May 2019).
#[test]
fn seed_article_file() {
    let s = include_str!("../../../../seeds/000_963c8e0ce4245619.txt");
    let got: Vec<(String, String)> = find_timexes(s, dct())
        .into_iter()
        .map(|t| (s[t.start..t.end].to_string(), t.value))
        .collect();
    for (text, value) in [
        ("the day after", "2019-05-01"),
        ("Tuesday", "2019-04-30"),
        ("Wednesday", "2019-05-01"),
        ("January 23", "2019-01-23"),
        ("April 30, 2019", "2019-04-30"),
        ("this year", "2019"),
    ] {
        assert!(
            got.iter().any(|(t, v)| t == text && v == value),
            "{text} -> {value}: {got:?}"
        );
    }
}

#[test]
fn the_day_after_counts_from_the_last_day() {
    one(
        "The vote was on April 30. The day after, crowds gathered.",
        "The day after",
        Date,
        "2019-05-01",
    );
}

#[test]
fn that_same_day_after_a_month_is_a_day_of_that_month() {
    one(
        "The list was posted on Tuesday. A doctor on it was killed last October, and his \
         name was crossed out that same day.",
        "that same day",
        Date,
        "2018-10",
    );
}

#[test]
fn the_day_after_an_event_counts_from_the_event() {
    let s = "Thursday, 02 May, 2019\n\nHis comments come the day after the uprising. \
             The video was released on Tuesday.";
    one(s, "the day after", Date, "2019-05-01");
}

#[test]
fn full_dates_in_news_formats() {
    one(
        "It opened 30 April 2019 in Paris.",
        "30 April 2019",
        Date,
        "2019-04-30",
    );
    one(
        "Filed 2019-04-30 in court.",
        "2019-04-30",
        Date,
        "2019-04-30",
    );
    one(
        "The deal closed Sept. 30, 1989.",
        "Sept. 30, 1989",
        Date,
        "1989-09-30",
    );
}

#[test]
fn weekdays_follow_the_tense() {
    one(
        "The council will meet on Tuesday.",
        "Tuesday",
        Date,
        "2019-05-07",
    );
    one(
        "The council met on Thursday.",
        "Thursday",
        Date,
        "2019-05-02",
    );
    one(
        "Talks ended last Friday.",
        "last Friday",
        Date,
        "2019-04-26",
    );
    one(
        "He left Sunday night.",
        "Sunday night",
        Time,
        "2019-04-28TNI",
    );
}

#[test]
fn a_weekday_in_a_schedule_lies_ahead() {
    // The DCT is Thursday 2 May 2019.
    one(
        "The Saints meet the Colts on Saturday.",
        "Saturday",
        Date,
        "2019-05-04",
    );
    one("The vote is on Sunday.", "Sunday", Date, "2019-05-05");
    one(
        "The team begins its tour Monday in Leeds.",
        "Monday",
        Date,
        "2019-05-06",
    );
    // A marker of the past still decides; a day that qualifies a noun lies behind.
    one(
        "The Saints did not play Saturday.",
        "Saturday",
        Date,
        "2019-04-27",
    );
    one(
        "He is in custody after Tuesday's attack.",
        "Tuesday",
        Date,
        "2019-04-30",
    );
    one(
        "Police are studying the Monday shooting.",
        "Monday",
        Date,
        "2019-04-29",
    );
    // `next` to a place looks nowhere.
    one(
        "A bomb ripped through a building next to the U.S. embassy in Nairobi on Friday.",
        "Friday",
        Date,
        "2019-04-26",
    );
    // The dot of an abbreviation ends no clause: the verb before it still governs.
    one(
        "The game kicks off at 3:30 p.m. Saturday.",
        "3:30 p.m. Saturday",
        Time,
        "2019-05-04T15:30",
    );
    one(
        "She checked into a clinic in Newport Beach, Calif., on Wednesday night, for what is to be a long stay.",
        "Wednesday night",
        Time,
        "2019-05-01TNI",
    );
}

#[test]
fn a_modal_or_a_word_that_only_looks_like_a_marker_does_not_decide() {
    // The DCT is Thursday 2 May 2019.
    one(
        "Obama announced plans Tuesday to resume the reviews.",
        "Tuesday",
        Date,
        "2019-04-30",
    );
    one(
        "A neighbour heard screams coming from the house on Saturday.",
        "Saturday",
        Date,
        "2019-04-27",
    );
    one(
        "On Tuesday, police could be seen inside the store the crowd looted.",
        "Tuesday",
        Date,
        "2019-04-30",
    );
    one(
        "She dismissed a report Monday that he might be involved.",
        "Monday",
        Date,
        "2019-04-29",
    );
    one(
        "A box that would hold a shotgun sat in a Dumpster outside his apartment Monday.",
        "Monday",
        Date,
        "2019-04-29",
    );
    // As the auxiliary of the verb the day goes with, a modal still looks ahead.
    one(
        "Devine said relatives would hold a vigil Tuesday at their home.",
        "Tuesday",
        Date,
        "2019-05-07",
    );
    one(
        "The talks could resume Tuesday.",
        "Tuesday",
        Date,
        "2019-05-07",
    );
}

#[test]
fn hours_later_stay_on_their_day_until_they_make_days() {
    one(
        "Ortiz was shot on Friday. Deputies found him three hours later.",
        "three hours later",
        Date,
        "2019-04-26",
    );
    one(
        "Ortiz was shot on Friday. He died 48 hours later.",
        "48 hours later",
        Date,
        "2019-04-28",
    );
}

#[test]
fn a_named_day_is_no_weekday_of_the_calendar() {
    for s in [
        "The fix comes ahead of next month's Patch Tuesday.",
        "Shoppers lined up on Black Friday.",
        "Crowds gathered for Palm Sunday.",
    ] {
        let f = found(s);
        assert!(
            f.iter().all(|(t, _, _)| !t.ends_with("day")),
            "{s:?}: {f:?}"
        );
    }
    one(
        "Markets fell in Moscow Tuesday.",
        "Tuesday",
        Date,
        "2019-04-30",
    );
}

#[test]
fn day_words() {
    one("Shares fell yesterday.", "yesterday", Date, "2019-05-01");
    one("The index rose today.", "today", Date, "2019-05-02");
    one("Results come tomorrow.", "tomorrow", Date, "2019-05-03");
    one("He will speak tonight.", "tonight", Time, "2019-05-02TNI");
    one(
        "Police arrived last night.",
        "last night",
        Time,
        "2019-05-01TNI",
    );
    one(
        "She spoke this morning.",
        "this morning",
        Time,
        "2019-05-02TMO",
    );
}

#[test]
fn relative_units() {
    one("Sales rose last week.", "last week", Date, "2019-W17");
    one("It happens next month.", "next month", Date, "2019-06");
    one(
        "Prices fell earlier this month.",
        "earlier this month",
        Date,
        "2019-05",
    );
    one("Prices fell last year.", "last year", Date, "2018");
    one(
        "We will see this weekend.",
        "this weekend",
        Date,
        "2019-W18-WE",
    );
}

#[test]
fn month_day_both_orders_and_year_by_tense() {
    one(
        "The report came out on 23 January.",
        "23 January",
        Date,
        "2019-01-23",
    );
    one(
        "The talks resumed December 5.",
        "December 5",
        Date,
        "2018-12-05",
    );
    one(
        "The summit will be held on June 9.",
        "June 9",
        Date,
        "2019-06-09",
    );
}

#[test]
fn months_and_years() {
    one(
        "The plant closed in March 2018.",
        "March 2018",
        Date,
        "2018-03",
    );
    one("Sales rose in March.", "March", Date, "2019-03");
    one(
        "He retired last November.",
        "last November",
        Date,
        "2018-11",
    );
    one("The firm was founded in 1998.", "1998", Date, "1998");
    one(
        "Results for fiscal 1989 were weak.",
        "fiscal 1989",
        Date,
        "1989",
    );
    assert!(found("It may rain.").is_empty());
    assert!(found("He paid $1990 for 2000 shares.").is_empty());
}

#[test]
fn seasons_quarters_halves_decades() {
    one(
        "The plan was drawn up last summer.",
        "last summer",
        Date,
        "2018-SU",
    );
    one(
        "It opens in the spring of 2020.",
        "spring of 2020",
        Date,
        "2020-SP",
    );
    one(
        "Profit rose in the third quarter.",
        "the third quarter",
        Date,
        "2018-Q3",
    );
    one(
        "Profit rose in the third quarter of 1997.",
        "the third quarter of 1997",
        Date,
        "1997-Q3",
    );
    one(
        "Sales in the first quarter rose; the quarter was good.",
        "the quarter",
        Date,
        "2019-Q1",
    );
    one(
        "Sales fell in the first half.",
        "the first half",
        Date,
        "2019-H1",
    );
    one("Rates soared in the 1970s.", "the 1970s", Date, "197");
    one(
        "It was built in the 19th century.",
        "the 19th century",
        Date,
        "18",
    );
}

#[test]
fn offsets_from_the_dct_and_the_anchor() {
    one(
        "The law passed two years ago.",
        "two years ago",
        Date,
        "2017",
    );
    one(
        "Profit rose in the third quarter of 1989 from $5 a year earlier.",
        "a year earlier",
        Date,
        "1988-Q3",
    );
    one(
        "The deal was signed on March 3. Two days later, it collapsed.",
        "Two days later",
        Date,
        "2019-03-05",
    );
}

#[test]
fn references() {
    one("Prices are now higher.", "now", Date, "PRESENT_REF");
    one("He recently resigned.", "recently", Date, "PAST_REF");
    one("In the past, rates were low.", "the past", Date, "PAST_REF");
    one(
        "Rates will rise in the future.",
        "the future",
        Date,
        "FUTURE_REF",
    );
    one(
        "He currently works in Caracas.",
        "currently",
        Date,
        "PRESENT_REF",
    );
}

#[test]
fn clock_times() {
    one(
        "The polls close at 2 p.m. local time.",
        "2 p.m. local time",
        Time,
        "2019-05-02T14:00",
    );
    one(
        "They met at 10:30 a.m. Tuesday.",
        "10:30 a.m. Tuesday",
        Time,
        "2019-04-30T10:30",
    );
    one("The vote ends at noon.", "noon", Time, "2019-05-02T12:00");
    one(
        "Bids are due by 5 p.m. EST, May 9.",
        "5 p.m. EST, May 9",
        Time,
        "2019-05-09T17:00",
    );
}

#[test]
fn durations() {
    one(
        "He served three years in prison.",
        "three years",
        Duration,
        "P3Y",
    );
    one("The strike lasted two weeks.", "two weeks", Duration, "P2W");
    one("The talks took months.", "months", Duration, "PXM");
    one("Power was out for 24 hours.", "24 hours", Duration, "PT24H");
    one(
        "The siege lasted twenty four days.",
        "twenty four days",
        Duration,
        "P24D",
    );
    one(
        "Output fell in the past two months.",
        "the past two months",
        Duration,
        "P2M",
    );
    one("It is a two-year contract.", "two-year", Duration, "P2Y");
    one("The two-day summit ends.", "two-day", Duration, "P2D");
    one(
        "Over the past five years, prices doubled.",
        "the past five years",
        Duration,
        "P5Y",
    );
    one(
        "It took about three weeks.",
        "about three weeks",
        Duration,
        "P3W",
    );
    one(
        "He waited for several days.",
        "several days",
        Duration,
        "PXD",
    );
    assert!(found("He won a second term.").is_empty());
}

#[test]
fn sets() {
    one(
        "The market opens every Monday.",
        "every Monday",
        Set,
        "XXXX-WXX-1",
    );
    one("The report is published annually.", "annually", Set, "P1Y");
    one("It is checked each year.", "each year", Set, "P1Y");
    one("Trains run daily.", "daily", Set, "P1D");
    one("The board meets twice a year.", "twice a year", Set, "P1Y");
}

#[test]
fn anchored_phrases_and_rejections() {
    one(
        "He was arrested on May 3. Earlier that day, police searched his home.",
        "Earlier that day",
        Date,
        "2019-05-03",
    );
    one(
        "The talks resumed two weeks after the vote.",
        "two weeks",
        Duration,
        "P2W",
    );
    one(
        "The deal should close by the end of the year.",
        "the end of the year",
        Date,
        "2019",
    );
    one(
        "The rally, in may 5 cities, drew crowds on Friday.",
        "Friday",
        Date,
        "2019-04-26",
    );
}

#[test]
fn spoken_years_and_the_weekend() {
    one(
        "It began in nineteen ninety-six.",
        "nineteen ninety-six",
        Date,
        "1996",
    );
    one(
        "Fears about the year two thousand grew.",
        "the year two thousand",
        Date,
        "2000",
    );
    one(
        "Fighting eased over the weekend.",
        "the weekend",
        Date,
        "2019-W17-WE",
    );
}

#[test]
fn holidays() {
    one(
        "Shops closed on Christmas Day.",
        "Christmas Day",
        Date,
        "2018-12-25",
    );
}

#[test]
fn without_a_dct_values_stay_underspecified() {
    let got: Vec<String> = find_timexes("He said on Tuesday that on April 30 and last year", None)
        .into_iter()
        .map(|t| t.value)
        .collect();
    assert_eq!(got, ["XXXX-WXX-2", "XXXX-04-30", "PAST_REF"]);
}

#[test]
fn every_rule_has_a_name() {
    assert!(rule_names().all(|n| !n.is_empty()));
}

/// The capture pass over the combined regex's span reads the groups a regex
/// search from the match's start reads (the plain way to read them), rule by
/// rule, at every match of the combined regex in texts of all the rules.
#[test]
fn the_anchored_capture_pass_agrees_with_a_regex_search() {
    let c = &*COMPILED;
    let texts = [
        include_str!("tests.rs"),
        include_str!("rule_tests.rs"),
        "On Monday, Oct. 26, 2015, at 10:30 p.m. EST the 2019 first quarter ended; \
         two to three years ago, about five years earlier, the past 12 months, \
         three times a week, last Tuesday morning and May 5 or the 5th of May.",
    ];
    let mut checked = 0;
    for text in texts {
        let mut scratch = Scratch::default();
        let mut pos = 0;
        while let Some(whole) = c.combined.search(&Input::new(text).range(pos..)) {
            pos = next_char(text, whole.start());
            let i = whole.pattern().as_usize();
            let rule = &rules::RULES[i];
            let pattern = format!("(?i){}", rules::expand(rule.pattern));
            let old = regex::Regex::new(&pattern).expect("rule pattern");
            let by_regex = old.captures_at(text, whole.start()).expect("a match");
            let by_span = scratch
                .captures(i, &c.each[i], text, whole.span())
                .expect("the span matches");
            assert_eq!(by_regex.get(0).map(|m| m.range()), Some(whole.range()));
            for name in old.capture_names().flatten() {
                let want = by_regex.name(name).map(|m| m.range());
                let got = by_span.get_group_by_name(name).map(|s| s.range());
                assert_eq!(got, want, "rule {} group {name}", rule.name);
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} matches");
}
