//! Resolvers for recurring times (TimeML SET): frequency words ("daily"),
//! quantified units ("every week", "twice a year") and plural recurring
//! times ("on weekends"). TimeML writes the period as the value (`P1W`,
//! `XXXX-WXX-WE`); the count ("twice") would go in `freq`, which we do not
//! emit.

use super::amounts::duration_value;
use super::resolve::*;
use super::time_words::{self as lx, Count};
use crate::TimexType;

/// Words after "quarterly" that still leave it an adverb ("adjusted
/// quarterly and reviewed").
const AFTER_ADVERB: &[&str] = &["and", "or", "from", "since", "until", "through", "to"];

/// "daily", "every week", "each other month", "every night".
pub fn set_word(c: &Caps, ctx: &Ctx) -> Option<Found> {
    if let Some(w) = c.get("w") {
        // "its quarterly dividend" is an adjective, which TimeBank leaves
        // alone; only the adverb ("paid quarterly") is a frequency.
        if w.eq_ignore_ascii_case("quarterly") {
            let next = ctx
                .text
                .get(ctx.end..)
                .unwrap_or("")
                .trim_start()
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            if !next.is_empty() && !AFTER_ADVERB.contains(&next.to_lowercase().as_str()) {
                return None;
            }
        }
        return text(TimexType::Set, lx::lookup(lx::SET_WORDS, w)?);
    }
    if let Some(t) = c.get("t") {
        return text(TimexType::Set, lx::lookup(lx::SET_TIMES, t)?);
    }
    let unit = lx::unit(c.get("unit")?)?;
    let n = match c.get("n").map(lx::normalise).as_deref() {
        None => Count::N(1),
        Some("other") => Count::N(2),
        Some(_) => count(c)?,
    };
    text(TimexType::Set, duration_value(n, unit))
}

/// "twice a year", "three times per week", "once a month", "two days each
/// week": the whole phrase is the SET and its value the unit, one of them
/// (HeidelTime set rules r2 and r4). The counted unit must be the smaller
/// ("three weeks every day" is no frequency).
pub fn times_per_unit(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let unit = lx::unit(c.get("unit")?)?;
    if let Some(u1) = c.get("u1")
        && lx::unit(u1)? >= unit
    {
        return None;
    }
    text(TimexType::Set, duration_value(Count::N(1), unit))
}

/// "on weekends", "winters in Moscow": a plural recurring time alone is
/// each of them. After a count ("two summers") it is a number of them, no
/// set, and is left alone.
pub fn plural_set(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let before = ctx.word_before();
    if before.chars().any(|ch| ch.is_ascii_digit())
        || lx::number(&before).is_some()
        || matches!(before.as_str(), "past" | "last" | "next" | "few" | "recent")
    {
        return None;
    }
    text(TimexType::Set, lx::lookup(lx::PLURAL_SETS, c.get("w")?)?)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, one};
    use crate::TimexType::{Duration, Set};

    #[test]
    fn frequency_words_from_the_table() {
        one("The council meets biweekly.", "biweekly", Set, "P2W");
        one(
            "Rents are reviewed semiannually.",
            "semiannually",
            Set,
            "P6M",
        );
        one("The ferry sails nightly.", "nightly", Set, "TNI");
    }

    #[test]
    fn every_part_of_the_day_and_weekend() {
        one("She runs every morning.", "every morning", Set, "TMO");
        one("The bar is loud every night.", "every night", Set, "TNI");
        one(
            "They drive north each weekend.",
            "each weekend",
            Set,
            "XXXX-WXX-WE",
        );
        one(
            "Buses come every other week.",
            "every other week",
            Set,
            "P2W",
        );
    }

    #[test]
    fn times_per_unit_is_one_expression() {
        one("The board meets twice a year.", "twice a year", Set, "P1Y");
        one("He calls once a week.", "once a week", Set, "P1W");
        one(
            "Nurses check him three times per day.",
            "three times per day",
            Set,
            "P1D",
        );
        one(
            "They met several times a month.",
            "several times a month",
            Set,
            "P1M",
        );
        one(
            "The clinic opens two days each week.",
            "two days each week",
            Set,
            "P1W",
        );
    }

    #[test]
    fn plural_recurring_times() {
        one(
            "The shop closes on weekends.",
            "weekends",
            Set,
            "XXXX-WXX-WE",
        );
        one("Winters here are long.", "Winters", Set, "XXXX-WI");
        // After a count the plural is a number of them, not a set.
        assert!(
            !found("He spent two summers in Maine.")
                .iter()
                .any(|(t, k, _)| t == "summers" && *k == Set)
        );
    }

    #[test]
    fn a_range_of_lengths_is_one_expression() {
        one(
            "Repairs will take two to three weeks.",
            "two to three weeks",
            Duration,
            "P2W",
        );
        one(
            "The plant closes for 12-18 months.",
            "12-18 months",
            Duration,
            "P12M",
        );
        one(
            "Prices may rise over the next one or two years.",
            "the next one or two years",
            Duration,
            "P1Y",
        );
        // "twenty-four" is one number, not a range.
        one(
            "The strike lasted twenty-four hours.",
            "twenty-four hours",
            Duration,
            "PT24H",
        );
        // "two to three weeks ago" is a date, found by the shorter rules.
        one(
            "It closed two to three weeks ago.",
            "three weeks ago",
            crate::TimexType::Date,
            "2019-W15",
        );
    }

    #[test]
    fn half_of_a_unit() {
        one(
            "The vote took half an hour.",
            "half an hour",
            Duration,
            "PT30M",
        );
        one(
            "The firm has stood for half a century.",
            "half a century",
            Duration,
            "P50Y",
        );
        one("They waited a half-hour.", "a half-hour", Duration, "PT30M");
    }
}
