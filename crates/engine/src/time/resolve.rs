//! Resolvers: a rule's match in, a TIMEX3 type and value out, resolved
//! against the DCT, the clause's tense and the last date the text resolved.

use super::point::Point;
use super::tense::{Tense, tense_at};
use super::time_words::{self as lx, Count, Unit};
use crate::TimexType;
use chrono::NaiveDate;
use regex_automata::Span;
use regex_automata::util::captures::Captures;

/// A rule's captures, with the match's place in the whole text.
pub struct Caps<'t> {
    pub text: &'t str,
    pub caps: &'t Captures,
}

impl<'t> Caps<'t> {
    /// The text of group `name`, if it took part in the match.
    pub fn get(&self, name: &str) -> Option<&'t str> {
        self.group(name).and_then(|s| self.text.get(s.range()))
    }
    pub fn has(&self, name: &str) -> bool {
        self.group(name).is_some()
    }
    /// The whole match.
    pub fn all(&self) -> &'t str {
        self.caps
            .get_match()
            .and_then(|m| self.text.get(m.range()))
            .unwrap_or("")
    }
    /// Where group `name` matched, as byte offsets into the whole text.
    pub fn group(&self, name: &str) -> Option<Span> {
        self.caps.get_group_by_name(name)
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
    pub(super) fn tense(&self) -> Tense {
        tense_at(self.text, self.start, self.end)
    }
    /// The word before the match, lowercased.
    pub(super) fn word_before(&self) -> String {
        let before = self.text.get(..self.start).unwrap_or("");
        let w = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next();
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
    /// "the day after <event>": counted from the next day the text names
    /// nearby, if it names one (see `find_timexes`).
    pub forward: Option<(i64, Unit)>,
}

impl Found {
    pub(super) fn derived(mut self) -> Self {
        self.sets_anchor = false;
        self
    }
}

pub(super) fn date(p: Point) -> Option<Found> {
    Some(Found {
        kind: TimexType::Date,
        value: Value::Point(p),
        span: None,
        sets_anchor: true,
        forward: None,
    })
}

pub(super) fn text(kind: TimexType, v: impl Into<String>) -> Option<Found> {
    Some(Found {
        kind,
        value: Value::Text(v.into()),
        span: None,
        sets_anchor: true,
        forward: None,
    })
}

/// A DCT-relative date, or the TIMEX3 underspecified `fallback` without a DCT.
pub(super) fn relative(
    ctx: &Ctx,
    fallback: &str,
    f: impl FnOnce(NaiveDate) -> Option<Point>,
) -> Option<Found> {
    match ctx.dct {
        Some(d) => date(f(d)?),
        None => text(TimexType::Date, fallback),
    }
}

pub(super) fn num<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    let digits: String = s?.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

pub(super) fn count(c: &Caps) -> Option<Count> {
    lx::number(c.get("n")?)
}

/// Month names that double as common words need a capital or a year/day
/// right beside them; bare "may" is the modal verb.
pub(super) fn month_ok(c: &Caps, ctx: &Ctx) -> Option<u32> {
    let raw = c.get("mon")?;
    let m = lx::month(raw)?;
    let capital = raw.chars().next().is_some_and(char::is_uppercase);
    if !capital {
        return None;
    }
    if m == 5 && raw.len() == 3 && !c.has("d") && !c.has("y") && !c.has("rel") && !c.has("ry") {
        let w = ctx.word_before();
        const BEFORE_MAY: &[&str] = &[
            "in", "since", "until", "by", "during", "from", "through", "of", "early", "late",
            "mid", "last", "next", "this", "till", "before", "after",
        ];
        if !BEFORE_MAY.contains(&w.as_str()) {
            return None;
        }
    }
    Some(m)
}

pub(super) fn span_of(c: &Caps, name: &str) -> Option<(usize, usize)> {
    c.group(name).map(|s| (s.start, s.end))
}
