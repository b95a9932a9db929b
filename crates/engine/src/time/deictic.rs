//! Resolvers for expressions that point from the DCT or from the last date
//! in the text: day words, weekdays, "last week", "two days later".

use super::amounts::duration_value;
use super::calendar::year_for;
use super::point::{Point, add, weekday_near};
use super::resolve::*;
use super::tense::Tense;
use super::time_words::{self as lx, Count, Unit};
use crate::TimexType;
use chrono::{Datelike, NaiveDate, Weekday};

pub fn clock_time(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let (h, mi) = match c.get("noon").map(lx::normalise).as_deref() {
        Some("midnight") => (24, 0),
        Some(_) => (12, 0),
        // "14:30 GMT": a 24-hour clock, which the zone marks as a time
        // (HeidelTime time rule r7a, with the colon only).
        None if c.has("h24") => (num(c.get("h24"))?, num(c.get("mi24"))?),
        None => {
            let mut h: u32 = num(c.get("h"))?;
            let pm = c.get("ap")?.eq_ignore_ascii_case("p");
            if !(1..=12).contains(&h) {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            (h, num(c.get("mi")).unwrap_or(0))
        }
    };
    let day = match (ctx.dct, c.get("day")) {
        (None, _) => "XXXX-XX-XX".to_string(),
        (Some(dct), None) => match (c.get("mon").and_then(lx::month), num::<u32>(c.get("d"))) {
            (Some(m), Some(d)) => Point::Day(year_for(dct, m, d, || ctx.tense())?).value(),
            // "was shot at 10 p.m.": the day the text is talking about.
            _ => Point::Day(ctx.day_anchor.unwrap_or(dct)).value(),
        },
        (Some(dct), Some(w)) => {
            let d = match lx::normalise(w).as_str() {
                "yesterday" => add(dct, -1, Unit::Day)?,
                "tomorrow" => add(dct, 1, Unit::Day)?,
                "today" | "tonight" => dct,
                _ => weekday_date(dct, lx::weekday(w)?, None, || ctx.tense())?,
            };
            Point::Day(d).value()
        }
    };
    text(TimexType::Time, format!("{day}T{h:02}:{mi:02}"))
}

pub fn year_ago_adjective(_c: &Caps, ctx: &Ctx) -> Option<Found> {
    let base = match ctx.anchor {
        Some(p @ Point::Quarter(..)) => p,
        _ => Point::Year(ctx.dct?.year()),
    };
    Some(date(base.shift(-1, Unit::Year)?)?.derived())
}

/// `n` units from the anchor (or the DCT): the anchor's granularity when it
/// is at least as fine as the unit.
fn from_anchor(ctx: &Ctx, n: i64, unit: Unit) -> Option<Point> {
    // `killed last October ... crossed out that same day`: the last date named is a
    // month, so the day is one of its days, not the last day named before it.
    if unit <= Unit::Week
        && let Some(month @ Point::Month(..)) = ctx.anchor
    {
        return Some(Point::at(add(month.first_day()?, n, unit)?, Unit::Month));
    }
    if unit <= Unit::Week {
        let base = ctx.day_anchor.or(ctx.dct)?;
        return Some(Point::at(add(base, n, unit)?, unit));
    }
    // A quarter a year earlier is that quarter of the year before; a day a
    // year earlier is only known to the year.
    match ctx.anchor {
        Some(a) if a.unit() == Unit::Quarter && unit >= Unit::Quarter && unit <= Unit::Year => {
            a.shift(n, unit)
        }
        Some(a) if a.unit() <= Unit::Year => {
            Some(Point::at(add(a.first_day()?, n, unit)?, unit.max(a.unit())))
        }
        _ => Some(Point::at(add(ctx.dct?, n, unit)?, unit)),
    }
}

pub fn units_ago(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let dir = lx::normalise(c.get("dir")?);
    let unit = lx::unit(c.get("unit")?)?;
    if (dir == "before" || dir == "after") && !c.has("punct") {
        // "two days after the vote": only the length is ours to resolve.
        let mut f = text(TimexType::Duration, duration_value(count(c)?, unit))?;
        f.span = span_of(c, "dur");
        return Some(f);
    }
    let back = matches!(dir.as_str(), "ago" | "earlier" | "previously" | "before");
    let n = match count(c)? {
        Count::N(n) => i64::from(n) * if back { -1 } else { 1 },
        Count::Fuzzy => {
            let r = if back { "PAST_REF" } else { "FUTURE_REF" };
            let mut f = text(TimexType::Date, r)?;
            f.span = span_of(c, "t");
            return Some(f);
        }
    };
    let p = if dir == "ago" || dir == "from now" || dir == "hence" {
        match (ctx.anchor, unit) {
            (Some(a @ Point::Quarter(..)), Unit::Year) => a.shift(n, unit),
            // "a decade ago" names a year, not a decade.
            _ => ctx
                .dct
                .and_then(|d| Some(Point::at(add(d, n, unit)?, unit.min(Unit::Year)))),
        }
    } else {
        from_anchor(ctx, n, unit)
    };
    let mut f = match p {
        Some(p) => date(p)?,
        None if ctx.dct.is_none() => text(
            TimexType::Date,
            if back { "PAST_REF" } else { "FUTURE_REF" },
        )?,
        None => return None,
    };
    f.span = span_of(c, "t");
    Some(f.derived())
}

pub fn anchored(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let unit = lx::unit(c.get("unit").or(c.get("unit2")).or(c.get("unit3"))?)?;
    let w = c
        .get("w")
        .or(c.get("dir"))
        .map_or_else(|| "same".to_string(), lx::normalise);
    let open_ended = (w == "before" || w == "after") && !c.has("punct");
    // `later in the day before returning home`: `before` leads a clause of its
    // own, the words are no date.
    if open_ended && next_word(ctx).ends_with("ing") {
        return None;
    }
    let n = match w.as_str() {
        "next" | "following" | "after" => 1,
        "same" => 0,
        _ => -1,
    };
    let mut f = match from_anchor(ctx, n, unit) {
        Some(p) => date(p)?,
        None => text(TimexType::Date, "XXXX-XX-XX")?,
    };
    f.span = span_of(c, "t");
    if open_ended {
        f.forward = Some((n, unit));
    }
    Some(f.derived())
}

/// The word right after the match, lowercase.
fn next_word(ctx: &Ctx) -> String {
    ctx.text[ctx.end..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

fn pod_code(c: &Caps) -> Option<&'static str> {
    lx::lookup(lx::PARTS_OF_DAY, c.get("pod")?)
}

pub fn day_word(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let w = lx::normalise(c.get("w")?);
    let (shift, tonight) = match w.as_str() {
        "yesterday" => (-1, false),
        "tomorrow" => (1, false),
        "tonight" => (0, true),
        _ => (0, false),
    };
    let pod = if tonight { Some("NI") } else { pod_code(c) };
    let Some(dct) = ctx.dct else {
        let r = match shift {
            -1 => "PAST_REF",
            1 => "FUTURE_REF",
            _ => "PRESENT_REF",
        };
        return text(TimexType::Date, r);
    };
    let d = Point::Day(add(dct, shift, Unit::Day)?);
    // TimeML types a day narrowed to a part of the day ("yesterday
    // morning") as a TIME.
    match pod {
        Some(p) => text(TimexType::Time, format!("{}T{p}", d.value())),
        None => date(d),
    }
}

pub fn part_of_day(c: &Caps, ctx: &Ctx) -> Option<Found> {
    // "by mid-afternoon": a part of the DCT's day.
    let pod = match c.get("mid").map(lx::normalise) {
        Some(m) if m.ends_with("morning") => "MO",
        Some(m) if m.ends_with("afternoon") => "AF",
        Some(_) => "MI",
        None => pod_code(c)?,
    };
    let last = c.get("w").is_some_and(|w| w.eq_ignore_ascii_case("last"));
    if last && pod != "NI" {
        return None;
    }
    let shift = match c.get("day").map(lx::normalise).as_deref() {
        Some("yesterday") => -1,
        Some("tomorrow") => 1,
        _ if last => -1,
        _ => 0,
    };
    let day = match ctx.dct {
        Some(dct) => Point::Day(add(dct, shift, Unit::Day)?).value(),
        None => "XXXX-XX-XX".to_string(),
    };
    text(TimexType::Time, format!("{day}T{pod}"))
}

pub fn weekday_set(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let wd = lx::weekday(c.get("wd").or(c.get("wds"))?)?;
    let n = wd.number_from_monday();
    let pod = pod_code(c).map(|p| format!("T{p}")).unwrap_or_default();
    text(TimexType::Set, format!("XXXX-WXX-{n}{pod}"))
}

/// The date of a weekday: before the DCT in a past or unmarked clause, after
/// it in a future one; `last`/`next` exclude the DCT itself. `tense` is only
/// asked for a weekday without `last`/`next` (reading the clause is costly).
fn weekday_date(
    dct: NaiveDate,
    wd: Weekday,
    rel: Option<&str>,
    tense: impl FnOnce() -> Tense,
) -> Option<NaiveDate> {
    match rel {
        Some("last" | "past") => weekday_near(dct, wd, false, false),
        Some("next" | "coming") => weekday_near(dct, wd, true, false),
        _ => weekday_near(dct, wd, tense() == Tense::Future, true),
    }
}

/// Capitalised words that make a weekday after them the name of a day of its own
/// (`Patch Tuesday`, `Black Friday`, `Palm Sunday`), not the nearest such weekday.
const NAMED_DAY_WORDS: &[&str] = &[
    "Patch", "Super", "Black", "Cyber", "Giving", "Ash", "Good", "Palm", "Easter", "Holy",
    "Maundy", "Shrove", "Fat", "Bloody", "Mad", "Blue",
];

pub fn weekday(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let before = ctx.text.get(..ctx.start).unwrap_or("").trim_end();
    let word_before = before.rsplit(|ch: char| !ch.is_alphanumeric()).next();
    if word_before.is_some_and(|w| NAMED_DAY_WORDS.contains(&w)) {
        return None;
    }
    let wd = lx::weekday(c.get("wd")?)?;
    let rel = c.get("rel").map(lx::normalise);
    let pod = pod_code(c);
    let Some(dct) = ctx.dct else {
        let pod = pod.map(|p| format!("T{p}")).unwrap_or_default();
        let kind = if pod.is_empty() {
            TimexType::Date
        } else {
            TimexType::Time
        };
        return text(kind, format!("XXXX-WXX-{}{pod}", wd.number_from_monday()));
    };
    let d = Point::Day(weekday_date(dct, wd, rel.as_deref(), || ctx.tense())?);
    // "Friday morning" is a TIME in TimeML, like "this morning".
    match pod {
        Some(p) => text(TimexType::Time, format!("{}T{p}", d.value())),
        None => date(d),
    }
}

/// "the end of the year": the DCT's year (month, week); the position is a
/// modifier, not part of the value.
pub fn end_of_unit(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let unit = lx::unit(c.get("unit")?)?;
    relative(ctx, "PRESENT_REF", |dct| Some(Point::at(dct, unit)))
}

/// "the weekend": the one before the DCT unless the clause looks ahead.
pub fn the_weekend(_c: &Caps, ctx: &Ctx) -> Option<Found> {
    let tense = ctx.tense();
    relative(ctx, "XXXX-WXX-WE", |dct| {
        Some(Point::Weekend(weekday_near(
            dct,
            Weekday::Sat,
            tense == Tense::Future,
            true,
        )?))
    })
}

pub fn relative_unit(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let rel = lx::normalise(c.get("rel")?);
    let unit_word = lx::normalise(c.get("unit")?);
    let n = match rel.as_str() {
        "last" | "past" | "previous" => -1,
        "next" | "coming" | "following" => 1,
        _ => 0,
    };
    if unit_word == "weekend" {
        let tense = ctx.tense();
        return relative(ctx, "XXXX-WXX-WE", |dct| {
            let sat = match n {
                0 => weekday_near(dct, Weekday::Sat, tense == Tense::Future, true)?,
                _ => weekday_near(dct, Weekday::Sat, n > 0, false)?,
            };
            Some(Point::Weekend(sat))
        });
    }
    let unit = lx::unit(&unit_word)?;
    // "the past decade" is the stretch up to now; "the last decade" the 2000s.
    if rel == "past" && unit >= Unit::Decade {
        return text(TimexType::Duration, duration_value(Count::N(1), unit));
    }
    if rel == "following" {
        return Some(date(from_anchor(ctx, 1, unit)?)?.derived());
    }
    let fallback = match n {
        -1 => "PAST_REF",
        1 => "FUTURE_REF",
        _ => "PRESENT_REF",
    };
    relative(ctx, fallback, |dct| {
        Some(Point::at(add(dct, n, unit)?, unit))
    })
}

/// Prepositions before "the year" / "the week" that make it the current one
/// ("for the year, volume was flat", "the week's most active session").
const THE_UNIT_LEADS: &[&str] = &["for", "of", "in", "during", "through", "throughout"];

/// Words after "the year" that make it some other year ("the year before",
/// "the year of the dragon", "the year 2000").
const THE_UNIT_NOT_BEFORE: &[&str] = &[
    "ago",
    "earlier",
    "before",
    "after",
    "later",
    "ended",
    "ending",
    "end",
    "of",
    "that",
    "when",
    "in",
    "to",
    "two",
    "one",
    "nineteen",
    "following",
    "since",
    "which",
];

/// "for the year", "of the week": the DCT's year or week.
pub fn the_unit(c: &Caps, ctx: &Ctx) -> Option<Found> {
    if !THE_UNIT_LEADS.contains(&ctx.word_before().as_str()) {
        return None;
    }
    let after = ctx.text.get(ctx.end..).unwrap_or("");
    if after.starts_with(['-', '\'', '’']) && !after.starts_with("'s") && !after.starts_with("’s")
    {
        return None;
    }
    let next = after
        .trim_start()
        .split(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if THE_UNIT_NOT_BEFORE.contains(&next.as_str())
        || next.starts_with(|ch: char| ch.is_ascii_digit())
    {
        return None;
    }
    let unit = lx::unit(c.get("unit")?)?;
    // "Friday's close ... for the week": the week of the last day named.
    let day = ctx.day_anchor.filter(|_| unit == Unit::Week);
    relative(ctx, "PRESENT_REF", |dct| {
        Some(Point::at(day.unwrap_or(dct), unit))
    })
}

/// Where a bare "the morning" refers to a particular one ("placed orders in
/// the morning"); "the morning after the storm" names its own day.
const BARE_POD_LEADS: &[&str] = &["in", "during", "by"];
const BARE_POD_NOT_BEFORE: &[&str] = &["of", "after", "before", "when"];

/// "that night", "the next morning", "in the morning": a part of the day
/// the text is talking about (or of the DCT), the next one for "next".
pub fn anchored_pod(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let pod = pod_code(c)?;
    let bare = lx::normalise(c.get("w")?) == "the";
    if bare {
        let next = ctx
            .text
            .get(ctx.end..)
            .unwrap_or("")
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if !BARE_POD_LEADS.contains(&ctx.word_before().as_str())
            || BARE_POD_NOT_BEFORE.contains(&next.as_str())
        {
            return None;
        }
    }
    let shift = match c.get("next").map(lx::normalise).as_deref() {
        Some("next" | "following") => 1,
        _ => 0,
    };
    let day = match ctx.dct {
        Some(dct) => Point::Day(add(ctx.day_anchor.unwrap_or(dct), shift, Unit::Day)?).value(),
        None => "XXXX-XX-XX".to_string(),
    };
    Some(text(TimexType::Time, format!("{day}T{pod}"))?.derived())
}

/// "4 in the morning", "nine at night": an hour read by its part of the day.
pub fn clock_pod(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let mut h = match lx::number(c.get("h")?)? {
        Count::N(h) => h,
        Count::Fuzzy => return None,
    };
    if !(1..=12).contains(&h) {
        return None;
    }
    let evening = match c.get("pod").map(lx::normalise).as_deref() {
        Some("morning") => false,
        Some(_) => true,
        None => h >= 6,
    };
    if evening && h < 12 {
        h += 12;
    } else if !evening && h == 12 {
        h = 0;
    }
    let mi: u32 = num(c.get("mi")).unwrap_or(0);
    let day = match ctx.dct {
        Some(dct) => Point::Day(ctx.day_anchor.unwrap_or(dct)).value(),
        None => "XXXX-XX-XX".to_string(),
    };
    text(TimexType::Time, format!("{day}T{h:02}:{mi:02}"))
}

#[cfg(test)]
mod tests {
    use super::super::tests::one;
    use crate::TimexType::{Set, Time};

    #[test]
    fn a_24_hour_clock_with_a_zone() {
        one(
            "The polls close at 21:00 GMT.",
            "21:00 GMT",
            Time,
            "2019-05-02T21:00",
        );
        // "0735 GMT" without its colon is left alone: TimeBank does not mark
        // such a conversion of a time already given ("10:35 a.m. (0735 GMT)").
        assert!(super::super::tests::found("at 10:35 a.m. (0735 GMT)").len() == 1);
    }

    #[test]
    fn parts_of_the_day_with_their_modifiers() {
        one(
            "Later this afternoon the minister spoke.",
            "Later this afternoon",
            Time,
            "2019-05-02TAF",
        );
        one(
            "Shots rang out late last night.",
            "late last night",
            Time,
            "2019-05-01TNI",
        );
        one("She works mornings.", "mornings", Set, "TMO");
    }
}
