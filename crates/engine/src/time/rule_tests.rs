//! One sentence per rule for halves, ages, parts of the day, calendar sets,
//! reporting years and tense markers.

use super::find_timexes;
use super::tests::{found, one};
use crate::TimexType::{Date, Duration, Set, Time};

fn none(s: &str) {
    let f = found(s);
    assert!(f.is_empty(), "{s:?}: wanted nothing, got {f:?}");
}

#[test]
fn halves_are_written_in_the_smaller_unit() {
    one(
        "The refugees waited 2 1/2 years for a camp.",
        "2 1/2 years",
        Duration,
        "P2Y6M",
    );
    one(
        "The rescue took three and a half hours.",
        "three and a half hours",
        Duration,
        "PT3H30M",
    );
    one(
        "A minute and a half later the lights went out.",
        "A minute and a half",
        Duration,
        "PT1M30S",
    );
}

#[test]
fn ages_and_large_counts_leave_no_bare_plural() {
    none("Ms. Ortega, 61 years old, chairs the board.");
    none("The guild has guarded its craft for two thousand years.");
}

#[test]
fn bare_plural_with_ago_is_the_past() {
    one("Years ago the mill closed.", "Years ago", Date, "PAST_REF");
}

#[test]
fn couple_of_counts_two() {
    one(
        "Over the next couple of years the line will grow.",
        "the next couple of years",
        Duration,
        "P2Y",
    );
}

#[test]
fn weekday_or_day_word_with_part_of_day_is_a_time() {
    one(
        "The ferry sank Tuesday night off the coast.",
        "Tuesday night",
        Time,
        "2019-04-30TNI",
    );
    one(
        "Voting closed yesterday evening.",
        "yesterday evening",
        Time,
        "2019-05-01TEV",
    );
    one(
        "Shares slid by mid-afternoon Monday.",
        "Monday",
        Date,
        "2019-04-29",
    );
}

#[test]
fn every_month_or_season_is_a_set() {
    one(
        "The fair returns each July to the valley.",
        "each July",
        Set,
        "XXXX-07",
    );
    one(
        "Geese pass over every winter.",
        "every winter",
        Set,
        "XXXX-WI",
    );
}

#[test]
fn spoken_decades() {
    one(
        "The studio thrived in the nineties.",
        "the nineties",
        Date,
        "199",
    );
}

#[test]
fn in_the_year_is_this_year() {
    one(
        "Later in the year the plant reopened.",
        "Later in the year",
        Date,
        "2019",
    );
}

#[test]
fn discourse_now_is_not_a_time() {
    none("Now, the council says, the road must wait.");
    one("The road is now open.", "now", Date, "PRESENT_REF");
}

#[test]
fn last_half_of_a_year() {
    one(
        "Orders fell in the last half of 2018.",
        "the last half of 2018",
        Date,
        "2018-H2",
    );
    none("He scored twice in the second half of the match.");
    one(
        "Margins shrank in the first half of the year.",
        "the first half of the year",
        Date,
        "2019-H1",
    );
    one(
        "Hiring resumes in the second half of next year.",
        "the second half of next year",
        Date,
        "2020-H2",
    );
}

#[test]
fn or_so_before_ago() {
    one(
        "A month or so ago the pier collapsed.",
        "A month or so ago",
        Date,
        "2019-04",
    );
}

#[test]
fn earlier_before_a_weekday_and_only_before_a_length_stay_outside() {
    one(
        "Earlier Tuesday, the mayor resigned.",
        "Tuesday",
        Date,
        "2019-04-30",
    );
    one(
        "The strike lasted only three days.",
        "three days",
        Duration,
        "P3D",
    );
}

#[test]
fn reporting_year_is_a_length() {
    one(
        "Net income for the year ended March 31 rose 4%.",
        "the year",
        Duration,
        "P1Y",
    );
    one(
        "Sales for the full year should top $2 billion.",
        "the full year",
        Date,
        "2019",
    );
}

#[test]
fn since_and_effective_set_the_tense() {
    one(
        "The bridge has been closed since March.",
        "March",
        Date,
        "2019-03",
    );
    one(
        "The new fares apply effective Jan. 15.",
        "Jan. 15",
        Date,
        "2020-01-15",
    );
    one(
        "The plant has run at a loss since Sept. 12.",
        "Sept. 12",
        Date,
        "2018-09-12",
    );
}

#[test]
fn year_end_is_this_year() {
    one(
        "The sale should close by year-end.",
        "year-end",
        Date,
        "2019",
    );
    one("Rates may rise by year's end.", "year's end", Date, "2019");
}

#[test]
fn now_after_for_and_until_is_marked() {
    one(
        "For now, the shelters stay open.",
        "now",
        Date,
        "PRESENT_REF",
    );
    none("From now on, tickets cost more.");
}

#[test]
fn near_and_short_term_look_ahead() {
    one(
        "Analysts see little relief in the near term.",
        "the near term",
        Date,
        "FUTURE_REF",
    );
}

#[test]
fn a_year_after_a_percentage_is_a_rate() {
    one("Rents rose 4% a year.", "a year", Set, "P1Y");
    one("Fees rose 2 per cent a year.", "a year", Set, "P1Y");
}

#[test]
fn trading_days_are_days() {
    one(
        "The shares recovered within eight trading days.",
        "eight trading days",
        Duration,
        "P8D",
    );
}

#[test]
fn the_year_after_a_preposition_is_the_current_one() {
    one(
        "For the year, cereal volume was flat.",
        "the year",
        Date,
        "2019",
    );
    one(
        "It was the busiest session of the week.",
        "the week",
        Date,
        "2019-W18",
    );
    // Some other year, or a reporting year with its own rule.
    let f = found("They married in the year 2000.");
    assert!(f.iter().all(|(t, _, _)| t != "the year"), "{f:?}");
    none("It was the year of the flood.");
}

#[test]
fn a_bare_day_after_a_month_and_day_shares_its_month() {
    one(
        "The summit meets on April 24 and 25 in Lisbon.",
        "25",
        Date,
        "2019-04-25",
    );
    none("The vote was 24 and 25 against.");
}

#[test]
fn a_prefixed_year_keeps_its_prefix() {
    one(
        "The post-1959 politics split families.",
        "post-1959",
        Date,
        "1959",
    );
}

#[test]
fn mid_afternoon_alone_is_today() {
    one(
        "By mid-afternoon the rally had grown.",
        "mid-afternoon",
        Time,
        "2019-05-02TAF",
    );
}

#[test]
fn the_verb_an_expression_hangs_on_decides_its_tense() {
    one(
        "The merger, announced on Monday, will close in June.",
        "Monday",
        Date,
        "2019-04-29",
    );
}

#[test]
fn mid_afternoon_yesterday_is_a_part_of_that_day() {
    one(
        "Shares rose at mid-afternoon yesterday in London.",
        "mid-afternoon yesterday",
        Time,
        "2019-05-01TAF",
    );
}

#[test]
fn unit_long_adjectives_are_one_unit() {
    one(
        "Their third day-long meeting ended in a deal.",
        "day-long",
        Duration,
        "P1D",
    );
    one(
        "A month-long strike closed the port.",
        "month-long",
        Duration,
        "P1M",
    );
    one(
        "It ended a years-long feud over water.",
        "years-long",
        Duration,
        "PXY",
    );
}

#[test]
fn quarterly_is_a_set() {
    one(
        "The fund pays its dividend quarterly.",
        "quarterly",
        Set,
        "P3M",
    );
}

#[test]
fn quarterly_before_a_noun_is_no_set() {
    none("The board raised its quarterly dividend.");
}

#[test]
fn a_bare_clock_time_is_on_the_day_under_discussion() {
    one(
        "The guard was shot on April 20. It happened at 10 p.m. near the gate.",
        "10 p.m.",
        Time,
        "2019-04-20T22:00",
    );
}

#[test]
fn a_part_of_the_day_under_discussion() {
    one(
        "Police came on April 20. They left the next morning.",
        "the next morning",
        Time,
        "2019-04-21TMO",
    );
    one(
        "Traders placed big orders in the morning.",
        "the morning",
        Time,
        "2019-05-02TMO",
    );
    none("The morning of the storm was calm.");
}

#[test]
fn an_hour_read_by_its_part_of_the_day() {
    one(
        "The convoy leaves at 4 in the morning.",
        "4 in the morning",
        Time,
        "2019-05-02T04:00",
    );
    one(
        "They met at nine at night.",
        "nine at night",
        Time,
        "2019-05-02T21:00",
    );
}

#[test]
fn movable_holidays() {
    one(
        "Crowds gathered on Easter Sunday.",
        "Easter Sunday",
        Date,
        "2019-04-21",
    );
    one(
        "Pilgrims prayed as Easter week began.",
        "Easter week",
        Date,
        "2019-W16",
    );
    one(
        "Turnout on Election Day 2018 was high.",
        "Election Day 2018",
        Date,
        "2018-11-06",
    );
}

#[test]
fn a_holiday_week_under_way_is_this_one() {
    let f = find_timexes(
        "Protesters prayed as Easter week began.",
        chrono::NaiveDate::from_ymd_opt(2000, 4, 17),
    );
    assert_eq!(
        f.first().map(|t| t.value.as_str()),
        Some("2000-W16"),
        "{f:?}"
    );
}

#[test]
fn things_counted_per_unit_are_a_set() {
    one(
        "The plant ships ten thousand cars a week.",
        "a week",
        Set,
        "P1W",
    );
    one(
        "The talks were suspended for a week.",
        "a week",
        Duration,
        "P1W",
    );
}

#[test]
fn a_year_and_its_reporting_period() {
    one(
        "Profit rose in the third quarter from $2 million in the 2018 quarter.",
        "the 2018 quarter",
        Date,
        "2018-Q3",
    );
    one(
        "Sales rose, compared with a year-earlier loss of $3 million.",
        "year-earlier",
        Date,
        "2018",
    );
}

#[test]
fn an_unmarked_month_well_ahead_is_the_past_one() {
    // DCT 1989-10-30: next March is four months ahead, last March seven back.
    let f = find_timexes(
        "The stock hit $42 in June from $29 in March.",
        chrono::NaiveDate::from_ymd_opt(1989, 10, 30),
    );
    assert!(f.iter().any(|t| t.value == "1989-03"), "{f:?}");
}
