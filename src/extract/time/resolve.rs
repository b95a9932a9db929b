//! Resolvers: a rule's match in, a TIMEX3 type and value out, resolved
//! against the DCT, the clause's tense and the last date the text resolved.

use super::lexicon::{self as lx, Count, Holiday, Unit};
use super::point::{Point, add, weekday_near};
use super::tense::{Tense, tense_at};
use crate::extract::TimexType;
use chrono::{Datelike, NaiveDate, Weekday};

/// A rule's captures, with the match's place in the whole text.
pub struct Caps<'t> {
    pub caps: regex::Captures<'t>,
}

impl<'t> Caps<'t> {
    pub fn get(&self, name: &str) -> Option<&'t str> {
        self.caps.name(name).map(|m| m.as_str())
    }
    pub fn has(&self, name: &str) -> bool {
        self.caps.name(name).is_some()
    }
    pub fn all(&self) -> &'t str {
        self.caps.get(0).map_or("", |m| m.as_str())
    }
}

/// What the resolvers know besides the match.
pub struct Ctx<'t> {
    pub text: &'t str,
    pub dct: Option<NaiveDate>,
    /// The last date resolved in the text, at any granularity.
    pub anchor: Option<Point>,
    /// The last day resolved in the text.
    pub day_anchor: Option<NaiveDate>,
    pub start: usize,
    pub end: usize,
}

impl Ctx<'_> {
    fn tense(&self) -> Tense {
        tense_at(self.text, self.start, self.end)
    }
    /// The word before the match, lowercased.
    fn word_before(&self) -> String {
        let before = self.text.get(..self.start).unwrap_or("");
        let w = before.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next();
        w.unwrap_or("").to_lowercase()
    }
}

pub enum Value {
    Point(Point),
    Text(String),
}

pub struct Found {
    pub kind: TimexType,
    pub value: Value,
    /// Span inside the match when it is narrower than the match (byte
    /// offsets into the whole text).
    pub span: Option<(usize, usize)>,
    /// False for dates counted from another date ("a year earlier"): they
    /// must not become the anchor themselves, or offsets would compound.
    pub sets_anchor: bool,
}

impl Found {
    fn derived(mut self) -> Self {
        self.sets_anchor = false;
        self
    }
}

fn date(p: Point) -> Option<Found> {
    Some(Found { kind: TimexType::Date, value: Value::Point(p), span: None, sets_anchor: true })
}

fn text(kind: TimexType, v: impl Into<String>) -> Option<Found> {
    Some(Found { kind, value: Value::Text(v.into()), span: None, sets_anchor: true })
}

/// A DCT-relative date, or the TIMEX3 underspecified `fallback` without a DCT.
fn relative(ctx: &Ctx, fallback: &str, f: impl FnOnce(NaiveDate) -> Option<Point>) -> Option<Found> {
    match ctx.dct {
        Some(d) => date(f(d)?),
        None => text(TimexType::Date, fallback),
    }
}

fn num<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    let digits: String = s?.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

fn count(c: &Caps) -> Option<Count> {
    lx::number(c.get("n")?)
}

/// Month names that double as common words need a capital or a year/day
/// right beside them; bare "may" is the modal verb.
fn month_ok(c: &Caps, ctx: &Ctx) -> Option<u32> {
    let raw = c.get("mon")?;
    let m = lx::month(raw)?;
    let capital = raw.chars().next().is_some_and(char::is_uppercase);
    if !capital {
        return None;
    }
    if m == 5 && raw.len() == 3 && !c.has("d") && !c.has("y") && !c.has("rel") && !c.has("ry") {
        let w = ctx.word_before();
        const BEFORE_MAY: &[&str] = &["in", "since", "until", "by", "during", "from", "through", "of", "early", "late", "mid", "last", "next", "this", "till", "before", "after"];
        if !BEFORE_MAY.contains(&w.as_str()) {
            return None;
        }
    }
    Some(m)
}

pub fn full_date(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let y: i32 = num(c.get("y"))?;
    let m = match c.get("m") {
        Some(m) => num(Some(m))?,
        None => lx::month(c.get("mon")?)?,
    };
    date(Point::Day(NaiveDate::from_ymd_opt(y, m, num(c.get("d"))?)?))
}

/// The year for a month (and day) without one: the DCT's year, moved back
/// or forward when the clause's tense says the plain reading is wrong.
fn year_for(dct: NaiveDate, m: u32, d: u32, tense: Tense) -> Option<NaiveDate> {
    let cands: Vec<NaiveDate> = [-1, 0, 1]
        .iter()
        .filter_map(|k| NaiveDate::from_ymd_opt(dct.year() + k, m, d))
        .collect();
    let dist = |x: &NaiveDate| (*x - dct).num_days();
    let closest = *cands.iter().min_by_key(|x| dist(x).abs())?;
    // The nearest reading wins unless it lies far on the wrong side of the
    // DCT for the clause's tense.
    let flipped = match tense {
        Tense::Past if dist(&closest) > FAR_DAYS => cands.iter().rev().find(|x| **x <= dct),
        Tense::Future if dist(&closest) < -FAR_DAYS => cands.iter().find(|x| **x >= dct),
        _ => None,
    };
    Some(flipped.copied().unwrap_or(closest))
}

/// How far (in days) a date may lie on the wrong side of the DCT for its tense.
const FAR_DAYS: i64 = 90;

pub fn month_day(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let m = month_ok(c, ctx)?;
    let d: u32 = num(c.get("d"))?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let tense = ctx.tense();
    relative(ctx, &format!("XXXX-{m:02}-{d:02}"), |dct| Some(Point::Day(year_for(dct, m, d, tense)?)))
}

/// "Monday, Oct. 26": the date decides; the weekday is only a check.
pub fn weekday_month_day(c: &Caps, ctx: &Ctx) -> Option<Found> {
    if c.has("y") { full_date(c, ctx) } else { month_day(c, ctx) }
}

pub fn month_year(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let raw = c.get("mon")?;
    if !raw.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    date(Point::Month(num(c.get("y"))?, lx::month(raw)?))
}

pub fn month(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let m = month_ok(c, ctx)?;
    let tense = ctx.tense();
    let rel = c.get("rel").map(lx::normalise);
    let ry = c.get("ry").map(lx::normalise);
    relative(ctx, &format!("XXXX-{m:02}"), |dct| {
        let (y, cur) = (dct.year(), dct.month());
        let year = match (rel.as_deref(), ry.as_deref()) {
            (_, Some("last")) => y - 1,
            (_, Some("next")) => y + 1,
            (_, Some(_)) | (Some("this"), _) => y,
            (Some("last" | "past"), _) => if m < cur { y } else { y - 1 },
            (Some(_), _) => if m > cur { y } else { y + 1 },
            (None, _) => year_for(dct, m, 1, tense)?.year(),
        };
        Some(Point::Month(year, m))
    })
}

pub fn clock_time(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let (h, mi) = match c.get("noon").map(lx::normalise).as_deref() {
        Some("midnight") => (24, 0),
        Some(_) => (12, 0),
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
        (Some(dct), None) => Point::Day(dct).value(),
        (Some(dct), Some(w)) => {
            let d = match lx::normalise(w).as_str() {
                "yesterday" => add(dct, -1, Unit::Day)?,
                "tomorrow" => add(dct, 1, Unit::Day)?,
                "today" | "tonight" => dct,
                _ => weekday_date(dct, lx::weekday(w)?, None, ctx.tense())?,
            };
            Point::Day(d).value()
        }
    };
    text(TimexType::Time, format!("{day}T{h:02}:{mi:02}"))
}

fn quarter_of(d: NaiveDate) -> Point {
    Point::at(d, Unit::Quarter)
}

pub fn ordinal_quarter(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let q = lx::lookup(lx::ORDINALS, c.get("ord")?)?;
    if let Some(y) = num::<i32>(c.get("y1").or(c.get("y2"))) {
        return date(Point::Quarter(y, q));
    }
    // A quarter still to come is last year's unless the clause looks ahead.
    let tense = ctx.tense();
    relative(ctx, &format!("XXXX-Q{q}"), |dct| {
        let cur = (dct.month() - 1) / 3 + 1;
        let y = if q > cur && tense != Tense::Future { dct.year() - 1 } else { dct.year() };
        Some(Point::Quarter(y, q))
    })
}

/// The quarter a news report is about: the last one to have ended.
fn reporting_quarter(ctx: &Ctx) -> Option<Point> {
    match ctx.anchor {
        Some(p @ Point::Quarter(..)) => Some(p),
        _ => quarter_of(add(ctx.dct?, -3, Unit::Month)?).into(),
    }
}

pub fn named_quarter(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let w = c.get("w").map(lx::normalise);
    let period = c.get("what").is_some_and(|s| s.eq_ignore_ascii_case("period"));
    if period && w.is_none() {
        return None;
    }
    let p = match w.as_deref() {
        Some("current") => return date(quarter_of(ctx.dct?)),
        Some("year-ago" | "year-earlier" | "comparable") => reporting_quarter(ctx)?.shift(-1, Unit::Year)?,
        _ => reporting_quarter(ctx)?,
    };
    Some(date(p)?.derived())
}

pub fn half_year(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let h = if c.get("ord")?.eq_ignore_ascii_case("first") { 1 } else { 2 };
    match num::<i32>(c.get("y")) {
        Some(y) => date(Point::Half(y, h)),
        None => relative(ctx, &format!("XXXX-H{h}"), |dct| Some(Point::Half(dct.year(), h))),
    }
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
    if unit <= Unit::Week {
        let base = ctx.day_anchor.or(ctx.dct)?;
        return Some(Point::at(add(base, n, unit)?, unit));
    }
    // A quarter a year earlier is that quarter of the year before; a day a
    // year earlier is only known to the year.
    match ctx.anchor {
        Some(a) if a.unit() == Unit::Quarter && unit >= Unit::Quarter && unit <= Unit::Year => a.shift(n, unit),
        Some(a) if a.unit() <= Unit::Year => {
            Some(Point::at(add(a.first_day()?, n, unit)?, unit.max(a.unit())))
        }
        _ => Some(Point::at(add(ctx.dct?, n, unit)?, unit)),
    }
}

fn span_of(c: &Caps, name: &str) -> Option<(usize, usize)> {
    c.caps.name(name).map(|m| (m.start(), m.end()))
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
            _ => ctx.dct.and_then(|d| Some(Point::at(add(d, n, unit)?, unit.min(Unit::Year)))),
        }
    } else {
        from_anchor(ctx, n, unit)
    };
    let mut f = match p {
        Some(p) => date(p)?,
        None if ctx.dct.is_none() => text(TimexType::Date, if back { "PAST_REF" } else { "FUTURE_REF" })?,
        None => return None,
    };
    f.span = span_of(c, "t");
    Some(f.derived())
}

pub fn anchored(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let unit = lx::unit(c.get("unit").or(c.get("unit2")).or(c.get("unit3"))?)?;
    let w = c.get("w").or(c.get("dir")).map_or_else(|| "same".to_string(), lx::normalise);
    if (w == "before" || w == "after") && !c.has("punct") && ctx.day_anchor.is_none() {
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
    Some(f.derived())
}

fn duration_value(n: Count, unit: Unit) -> String {
    let (k, letter, time) = match unit {
        Unit::Second => (1, "S", true),
        Unit::Minute => (1, "M", true),
        Unit::Hour => (1, "H", true),
        Unit::Day => (1, "D", false),
        Unit::Week => (1, "W", false),
        Unit::Month => (1, "M", false),
        Unit::Quarter => (3, "M", false),
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

pub fn duration(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    if c.has("old") && c.get("old").is_some_and(|o| o.eq_ignore_ascii_case("old")) {
        return None;
    }
    let raw_n = lx::normalise(c.get("n")?);
    let unit = lx::unit(c.get("unit")?)?;
    // "a second term", "a quarter of the vote": ordinals and fractions.
    if (raw_n == "a" || raw_n == "an") && matches!(unit, Unit::Second | Unit::Quarter) {
        return None;
    }
    text(TimexType::Duration, duration_value(count(c)?, unit))
}

pub fn plural_units(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let unit = lx::unit(c.get("unit")?)?;
    match c.get("q").map(lx::normalise).as_deref() {
        Some("recent" | "the past" | "past") => text(TimexType::Date, "PAST_REF"),
        Some("the coming" | "coming" | "the next") => text(TimexType::Date, "FUTURE_REF"),
        Some(_) => text(TimexType::Duration, duration_value(Count::Fuzzy, unit)),
        None if unit >= Unit::Week || c.has("long") => text(TimexType::Duration, duration_value(Count::Fuzzy, unit)),
        None => None,
    }
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
    match pod {
        Some(p) if tonight => text(TimexType::Time, format!("{}T{p}", d.value())),
        Some(p) => text(TimexType::Date, format!("{}T{p}", d.value())),
        None => date(d),
    }
}

pub fn part_of_day(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let pod = pod_code(c)?;
    let last = c.get("w")?.eq_ignore_ascii_case("last");
    if last && pod != "NI" {
        return None;
    }
    let day = match ctx.dct {
        Some(dct) => Point::Day(add(dct, if last { -1 } else { 0 }, Unit::Day)?).value(),
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
/// it in a future one; `last`/`next` exclude the DCT itself.
fn weekday_date(dct: NaiveDate, wd: Weekday, rel: Option<&str>, tense: Tense) -> Option<NaiveDate> {
    match rel {
        Some("last" | "past") => weekday_near(dct, wd, false, false),
        Some("next" | "coming") => weekday_near(dct, wd, true, false),
        _ => weekday_near(dct, wd, tense == Tense::Future, true),
    }
}

pub fn weekday(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let wd = lx::weekday(c.get("wd")?)?;
    let rel = c.get("rel").map(lx::normalise);
    let pod = pod_code(c);
    let Some(dct) = ctx.dct else {
        let pod = pod.map(|p| format!("T{p}")).unwrap_or_default();
        return text(TimexType::Date, format!("XXXX-WXX-{}{pod}", wd.number_from_monday()));
    };
    let d = Point::Day(weekday_date(dct, wd, rel.as_deref(), ctx.tense())?);
    match pod {
        Some(p) => text(TimexType::Date, format!("{}T{p}", d.value())),
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
        Some(Point::Weekend(weekday_near(dct, Weekday::Sat, tense == Tense::Future, true)?))
    })
}

/// Years said in words, as transcripts write them: "nineteen ninety-six",
/// "the year two thousand".
pub fn spoken_year(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let y = match (c.get("hi"), c.get("lo")) {
        (Some(hi), Some(lo)) => match (lx::number(hi)?, lx::number(lo)?) {
            (Count::N(h), Count::N(l)) if l < 100 => h * 100 + l,
            _ => return None,
        },
        _ => match lx::number(c.get("after").unwrap_or("zero")) {
            Some(Count::N(l)) if l < 100 => 2000 + l,
            _ if !c.has("after") => 2000,
            _ => return None,
        },
    };
    date(Point::Year(i32::try_from(y).ok()?))
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
    if rel == "following" {
        return Some(date(from_anchor(ctx, 1, unit)?)?.derived());
    }
    let fallback = match n {
        -1 => "PAST_REF",
        1 => "FUTURE_REF",
        _ => "PRESENT_REF",
    };
    relative(ctx, fallback, |dct| Some(Point::at(add(dct, n, unit)?, unit)))
}

fn season_index(code: &str) -> u32 {
    match code {
        "WI" => 0,
        "SP" => 1,
        "SU" => 2,
        _ => 3,
    }
}

pub fn season(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let code = lx::lookup(lx::SEASONS, c.get("s")?)?;
    if let Some(y) = num::<i32>(c.get("y")) {
        return date(Point::Season(y, code));
    }
    let rel = c.get("rel").map(lx::normalise);
    let before = ctx.word_before();
    let has_pos = c.all().split_whitespace().count() > 1;
    if rel.is_none() && !has_pos && !matches!(before.as_str(), "in" | "the" | "this" | "during" | "by" | "until" | "since") {
        return None;
    }
    let tense = ctx.tense();
    relative(ctx, &format!("XXXX-{code}"), |dct| {
        let (y, now) = (dct.year(), (dct.month() % 12) / 3);
        let s = season_index(code);
        let year = match rel.as_deref() {
            Some("last" | "past") => if s < now { y } else { y - 1 },
            Some("next" | "coming") => if s > now { y } else { y + 1 },
            _ => match tense {
                Tense::Past if s > now => y - 1,
                Tense::Future if s < now => y + 1,
                _ => y,
            },
        };
        Some(Point::Season(year, code))
    })
}

pub fn decade(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let d = match (c.get("c"), c.get("d2")) {
        (Some(cent), _) => num::<i32>(Some(cent))? * 10 + num::<i32>(c.get("d"))?,
        (None, Some(d2)) => {
            let d2: i32 = num(Some(d2))?;
            let cent = ctx.dct.map_or(19, |d| d.year() / 100);
            let cand = cent * 10 + d2;
            // "the '90s" read in 2019 is the 1990s, "the '10s" the 2010s.
            if ctx.dct.is_some_and(|dct| cand * 10 > dct.year()) { cand - 10 } else { cand }
        }
        _ => return None,
    };
    date(Point::Decade(d))
}

pub fn century(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    let w = lx::normalise(c.get("n")?).replace('-', " ");
    let n: i32 = match w.as_str() {
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty first" => 21,
        _ => num(Some(&w))?,
    };
    if n < 1 {
        return None;
    }
    date(Point::Century(n - 1))
}

pub fn year(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let y: i32 = num(c.get("y"))?;
    // Money, percentages and long numbers are not years.
    let before = ctx.text.get(..ctx.start).unwrap_or("");
    let after = ctx.text.get(ctx.end..).unwrap_or("");
    if before.ends_with(['$', '#', '.', ',', '-']) || before.ends_with("No. ") {
        return None;
    }
    let mut next = after.chars();
    match (next.next(), next.next()) {
        (Some('%'), _) | (Some('.' | ',' | ':'), Some('0'..='9')) => return None,
        _ => {}
    }
    let word_after = after.trim_start().split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
    const NOT_AFTER_YEAR: &[&str] = &["percent", "people", "points", "shares", "million", "billion", "feet", "meters", "miles", "yards", "pounds", "tons", "barrels", "kilometers", "troops", "members", "workers", "employees", "cars", "units", "acres", "votes"];
    if NOT_AFTER_YEAR.contains(&word_after.to_lowercase().as_str()) {
        return None;
    }
    date(Point::Year(y))
}

fn nth_weekday(y: i32, m: u32, wd: Weekday, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(y, m, wd, u8::try_from(n).ok()?)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(y, m, wd, 4))
}

pub fn holiday(c: &Caps, ctx: &Ctx) -> Option<Found> {
    let h = lx::lookup(lx::HOLIDAYS, c.get("h")?)?;
    let on = |y: i32| match h {
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Holiday::Nth(m, wd, n) => nth_weekday(y, m, wd, n),
    };
    if let Some(y) = num::<i32>(c.get("y")) {
        return date(Point::Day(on(y)?));
    }
    let tense = ctx.tense();
    let rel = c.get("rel").map(lx::normalise);
    relative(ctx, "XXXX-XX-XX", |dct| {
        let this = on(dct.year())?;
        let d = match (rel.as_deref(), tense) {
            (Some("last"), _) | (None, Tense::Past) if this > dct => on(dct.year() - 1)?,
            (Some("next"), _) | (None, Tense::Future) if this < dct => on(dct.year() + 1)?,
            _ => this,
        };
        Some(Point::Day(d))
    })
}

pub fn set_word(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    if let Some(w) = c.get("w") {
        let v = match lx::normalise(w).as_str() {
            "daily" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "quarterly" => "P3M",
            "hourly" => "PT1H",
            "nightly" => "TNI",
            _ => "P1Y",
        };
        return text(TimexType::Set, v);
    }
    let unit = lx::unit(c.get("unit")?)?;
    let n = match c.get("n").map(lx::normalise).as_deref() {
        None => Count::N(1),
        Some("other") => Count::N(2),
        Some(_) => count(c)?,
    };
    text(TimexType::Set, duration_value(n, unit))
}

pub fn reference(c: &Caps, _ctx: &Ctx) -> Option<Found> {
    text(TimexType::Date, lx::lookup(lx::REFERENCES, c.get("r")?)?)
}
