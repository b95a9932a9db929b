//! Resolvers for lengths and frequencies (durations, sets) and for the
//! general references to the present, past and future.

use super::point::Point;
use super::resolve::*;
use super::time_words::{self as lx, Count, Unit};
use crate::TimexType;

pub(super) fn duration_value(n: Count, unit: Unit) -> String {
    let (k, letter, time) = match unit {
        Unit::Second => (1, "S", true),
        Unit::Minute => (1, "M", true),
        Unit::Hour => (1, "H", true),
        Unit::Day => (1, "D", false),
        Unit::Week => (1, "W", false),
        Unit::Month => (1, "M", false),
        Unit::Quarter => (1, "Q", false),
        Unit::Year => (1, "Y", false),
        Unit::Decade => (10, "Y", false),
        Unit::Century => (100, "Y", false),
    };
    let q = match n {
        Count::N(n) => (u64::from(n) * k).to_string(),
        Count::Fuzzy => "X".to_string(),
    };
    format!("P{}{q}{letter}", if time { "T" } else { "" })
}

/// Words before "a year" that make it a rate ("twice a year", "$5 a year",
/// "3 percent a year"): a SET, not a length.
const RATE_WORDS: &[&str] = &[
    "once", "twice", "times", "percent", "cent", "dollars", "cents", "million", "billion",
];

/// Words ending in "s" that are no plural count before "a year".
const NOT_PLURAL: &[&str] = &[
    "was",
    "has",
    "is",
    "this",
    "his",
    "its",
    "as",
    "thus",
    "perhaps",
    "always",
    "plus",
    "afterwards",
    "towards",
    "besides",
    "whereas",
    "unless",
    "does",
    "yes",
];

/// "fifty thousand CDs a year", "interviews a day": a plural noun before
/// the unit counts things per unit.
fn after_plural(word: &str) -> bool {
    word.len() > 2
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && word.chars().all(|ch| ch.is_ascii_alphabetic())
        && !NOT_PLURAL.contains(&word)
}

/// "5% a year": the sign leaves no word before the match.
fn after_percent(ctx: &Ctx) -> bool {
    ctx.text
        .get(..ctx.start)
        .is_some_and(|b| b.trim_end().ends_with('%'))
}

pub fn duration(c: &Caps, ctx: &Ctx) -> Option<Found> {
    if c.has("old") && c.get("old").is_some_and(|o| o.eq_ignore_ascii_case("old")) {
        return None;
    }
    let raw_n = lx::normalise(c.get("n")?);
    let unit = lx::unit(c.get("unit")?)?;
    // "a second term", "a quarter of the vote": ordinals and fractions.
    if (raw_n == "a" || raw_n == "an") && matches!(unit, Unit::Second | Unit::Quarter) {
        return None;
    }
    // "a year-earlier loss": the unit starts a compound of its own.
    let after = ctx.text.get(ctx.end..).unwrap_or("");
    if after.starts_with('-') && after[1..].starts_with(|ch: char| ch.is_alphabetic()) {
        return None;
    }
    let article = raw_n == "a" || raw_n == "an";
    // "a years-long fight": the article goes with the noun, not the unit.
    if article && c.get("unit").is_some_and(|u| u.ends_with(['s', 'S'])) {
        return None;
    }
    let before = ctx.word_before();
    if article
        && c.all().len() <= raw_n.len() + 1 + unit_len(c)
        && (RATE_WORDS.contains(&before.as_str())
            || before.chars().any(|ch| ch.is_ascii_digit())
            || after_plural(&before)
            || after_percent(ctx))
    {
        return text(TimexType::Set, duration_value(Count::N(1), unit));
    }
    let n = count(c)?;
    let value = match n {
        Count::N(k) if c.has("half") || c.has("half2") => half_value(k, unit),
        _ => None,
    };
    let value = value.unwrap_or_else(|| duration_value(n, unit));
    let mut f = text(TimexType::Duration, value)?;
    // "over the past five years", "the two-day summit": the modifier before
    // "the", and "the" before an adjective, are outside the expression.
    let adjective = c.get("sep").is_some_and(|s| s.contains('-')) && !c.has("pl");
    let skip_to = match (c.group("mod"), c.group("the")) {
        (_, Some(the)) if adjective => Some(the.end),
        (Some(_), Some(the)) => Some(the.start),
        _ => None,
    };
    // "a month-long strike": the article belongs to "strike".
    let long = c.get("old").is_some_and(|o| o.eq_ignore_ascii_case("long"));
    let skip_to = match c.group("unit") {
        Some(u) if article && long => Some(u.start),
        _ => skip_to,
    };
    if let Some(s) = skip_to {
        f.span = Some((s, ctx.end));
    }
    Some(f)
}

/// "2 1/2 years", "a minute and a half": the half written in the next
/// smaller unit, as TimeBank does (`P2Y6M`, `PT1M30S`). `None` where that
/// unit would not be a whole number or ISO 8601 cannot mix the two
/// (weeks), and the caller keeps the whole units.
fn half_value(n: u32, unit: Unit) -> Option<String> {
    Some(match unit {
        Unit::Minute => format!("PT{n}M30S"),
        Unit::Hour => format!("PT{n}H30M"),
        Unit::Day => format!("P{n}DT12H"),
        Unit::Month => format!("P{n}M15D"),
        Unit::Quarter => format!("P{}M15D", n * 3 + 1),
        Unit::Year => format!("P{n}Y6M"),
        Unit::Decade => format!("P{}Y", n * 10 + 5),
        Unit::Century => format!("P{}Y", n * 100 + 50),
        Unit::Second | Unit::Week => return None,
    })
}

fn unit_len(c: &Caps) -> usize {
    c.get("unit").map_or(0, str::len)
}

/// Words that, just before a bare "years", show that a count was there and
/// the duration rule turned it down ("52 years old", "two thousand years").
fn is_count_word(w: &str) -> bool {
    w.chars().all(|ch| ch.is_ascii_digit() || ch == ',') && !w.is_empty()
        || matches!(lx::number(w), Some(Count::N(_)))
        || matches!(w, "thousand" | "thousands" | "million" | "millions")
}

pub fn plural_units(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let unit = lx::unit(c.get("unit")?)?;
    if !c.has("q") && !c.has("long") && is_count_word(&ctx.word_before()) {
        return None;
    }
    // "years ago": some time in the past, a date.
    if c.has("ago") && !c.has("q") {
        return text(TimexType::Date, "PAST_REF");
    }
    if c.has("ago") {
        // "the past years ago" is no expression; keep the plural alone.
        let mut f = plural_units_value(c, unit)?;
        f.span = Some((ctx.start, c.group("unit")?.end));
        return Some(f);
    }
    plural_units_value(c, unit)
}

fn plural_units_value(c: &Caps, unit: Unit) -> Option<Found> {
    match c.get("q").map(lx::normalise).as_deref() {
        // "recent weeks", "the coming years": TimeBank reads these as
        // stretches of unknown length, except "recent years", which it
        // mostly reads as the past (HeidelTime's `PXY` loses on train).
        Some("recent") if unit == Unit::Year => text(TimexType::Date, "PAST_REF"),
        Some(_) => text(TimexType::Duration, duration_value(Count::Fuzzy, unit)),
        None if unit >= Unit::Week || c.has("long") => {
            text(TimexType::Duration, duration_value(Count::Fuzzy, unit))
        }
        None => None,
    }
}

/// "for the year ended March 31": a company's reporting year, a length
/// (the date after it is its own expression); "the full year": this year.
pub fn year_ended(c: &Caps, ctx: &Ctx) -> Option<Found> {
    if let Some(unit) = c.group("unit") {
        let mut f = text(TimexType::Duration, "P1Y")?;
        f.span = Some((ctx.start, unit.end));
        return Some(f);
    }
    relative(ctx, "PRESENT_REF", |dct| Some(Point::at(dct, Unit::Year)))
}

pub fn reference(c: &Caps, ctx: &Ctx) -> Option<Found> {
    // "from now on", "better than now" are idioms, not references; TimeBank
    // does mark the "now" of "for now" and "until now".
    if c.get("r").is_some_and(|r| r.eq_ignore_ascii_case("now"))
        && matches!(ctx.word_before().as_str(), "from" | "than")
    {
        return None;
    }
    // "Now, he says ...": a sentence-opening discourse marker, not a time.
    let r = c.get("r")?;
    if r == "Now" && ctx.text.get(ctx.end..).is_some_and(|t| t.starts_with(',')) {
        return None;
    }
    text(TimexType::Date, lx::lookup(lx::REFERENCES, r)?)
}

/// "a week-long festival", "their third day-long meeting": one unit long.
pub fn unit_long(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let unit = lx::unit(c.get("unit")?)?;
    text(TimexType::Duration, duration_value(Count::N(1), unit))
}

/// "two to three weeks", "12-18 months": a range of lengths is one
/// expression valued at its lower bound (`P2W`), as TimeBank writes "two to
/// three weeks" and HeidelTime's duration rule r5 values it. Followed by
/// "ago" or "old" it is no length, and the shorter rules take it.
pub fn duration_range(c: &Caps, ctx: &Ctx) -> Option<Found> {
    if c.has("after") {
        return None;
    }
    let (lo, hi) = match (c.get("n"), c.get("n2")) {
        (Some(a), Some(b)) => (a, b),
        _ => (c.get("d")?, c.get("d2")?),
    };
    let (Count::N(n), Count::N(m)) = (lx::number(lo)?, lx::number(hi)?) else {
        return None;
    };
    if n >= m {
        return None;
    }
    let unit = lx::unit(c.get("unit")?)?;
    let mut f = text(TimexType::Duration, duration_value(Count::N(n), unit))?;
    // "over the next two to three years": the modifier before "the" stays out.
    if let (Some(_), Some(the)) = (c.group("mod"), c.group("the")) {
        f.span = Some((the.start, ctx.end));
    }
    Some(f)
}

/// "half an hour", "a half-century": half of a unit (`PT30M`, `P50Y`).
pub fn half_unit(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let unit = lx::normalise(c.get("unit")?);
    text(TimexType::Duration, lx::lookup(lx::HALF_OF, &unit)?)
}
