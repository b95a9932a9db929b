//! Time expressions (TIMEX3) and their values against the article date.
//!
//! HeidelTime-style: a table of rules (`rules`), each a pattern over word
//! tables (`lexicon`) and a resolver (`resolve`). All patterns are joined into
//! one regex so the text is scanned once; the rule that matched is found from
//! its capture group, and only then is its own pattern run, at that place, to
//! read the parts. Relative expressions are resolved against the DCT, the
//! clause's tense (`tense`) and the last date resolved in the text.

mod amounts;
mod calendar;
mod deictic;
mod frequency;
mod lexicon;
mod point;
mod resolve;
mod rules;
mod tense;

use super::Timex;
use chrono::NaiveDate;
use point::Point;
use regex::Regex;
use regex_automata::Input;
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use resolve::{Caps, Ctx, Value};
use std::sync::LazyLock;

struct Compiled {
    /// Every rule's pattern as one multi-pattern regex, in priority order:
    /// its match says which rule matched (the pattern id) straight from the
    /// DFA, with no capture pass over all the rules.
    combined: meta::Regex,
    /// Each rule's own pattern with its named groups.
    each: Vec<Regex>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let each: Vec<Regex> = rules::RULES
        .iter()
        .map(|r| {
            let p = format!("(?i){}", rules::expand(r.pattern));
            Regex::new(&p).unwrap_or_else(|e| panic!("time rule {}: {e}", r.name))
        })
        .collect();
    let alternatives: Vec<String> = rules::RULES
        .iter()
        .map(|r| format!("(?i){}", rules::strip_names(&rules::expand(r.pattern))))
        .collect();
    // Leftmost-first across patterns, the earlier pattern winning at the same
    // start, as the alternation `(r1)|(r2)|...` would; no group is needed.
    let combined = meta::Regex::builder()
        .configure(meta::Config::new().which_captures(WhichCaptures::Implicit))
        .build_many(&alternatives)
        .unwrap_or_else(|e| panic!("combined time rules: {e}"));
    Compiled { combined, each }
});

/// A day's name as running text writes it (`Monday`), from the time tables.
pub fn is_day_name(word: &str) -> bool {
    lexicon::is_day_name(word)
}

/// Finds the time expressions in `text`, resolving relative ones against `dct`
/// (without it they keep TIMEX3's underspecified forms: `XXXX-04-30`,
/// `PAST_REF`). Sorted by position, non-overlapping.
pub fn find_timexes(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let c = &*COMPILED;
    let mut ctx = Ctx {
        text,
        dct,
        anchor: None,
        day_anchor: None,
        start: 0,
        end: 0,
    };
    let mut out = Vec::new();
    let mut forward = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(whole) = c.combined.search(&Input::new(text).range(pos..)) else {
            break;
        };
        // A rejected match (lowercase "may", "a second term") is retried one
        // character further on, so a shorter rule can still match inside it.
        let retry = next_char(text, whole.start());
        pos = retry;
        let i = whole.pattern().as_usize();
        let (Some(rule), Some(re)) = (rules::RULES.get(i), c.each.get(i)) else {
            continue;
        };
        let Some(own) = re.captures_at(text, whole.start()) else {
            continue;
        };
        let Some(m) = own.get(0) else { continue };
        if m.start() != whole.start() {
            continue;
        }
        ctx.start = m.start();
        ctx.end = m.end();
        let Some(found) = (rule.resolve)(&Caps { caps: own }, &ctx) else {
            continue;
        };
        let (start, end) = found.span.unwrap_or((ctx.start, ctx.end));
        pos = ctx.end.max(retry);
        if out.last().is_some_and(|t: &Timex| t.end > start) {
            continue;
        }
        let value = match found.value {
            Value::Point(p) => {
                if found.sets_anchor {
                    remember(&mut ctx, p);
                }
                p.value()
            }
            Value::Text(s) => s,
        };
        if let Some(shift) = found.forward {
            forward.push((out.len(), shift));
        }
        out.push(Timex {
            start,
            end,
            kind: found.kind,
            value,
        });
    }
    for (i, (n, unit)) in forward {
        if let (Some(v), true) = (from_next_day(&out, i, n, unit), i < out.len()) {
            out[i].value = v;
        }
    }
    out
}

/// How far ahead (bytes) "the day after <event>" looks for the event's date.
const FORWARD_WINDOW: usize = 600;

/// "His comments come the day after X joined ... on Tuesday": the value
/// counted from the first day named after `out[i]`, if one is named close by.
fn from_next_day(out: &[Timex], i: usize, n: i64, unit: lexicon::Unit) -> Option<String> {
    let this = out.get(i)?;
    let next = out.get(i + 1..)?.iter().find_map(|t| {
        let near = t.start.saturating_sub(this.end) <= FORWARD_WINDOW;
        let day = NaiveDate::parse_from_str(t.value.get(..10)?, "%Y-%m-%d").ok();
        if near { day } else { None }
    })?;
    Some(Point::at(point::add(next, n, unit)?, unit).value())
}

/// The byte offset of the character after the one at `i`.
fn next_char(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(text.len(), |ch| i + ch.len_utf8())
}

/// Later anchored expressions ("the day after", "a year earlier") count from
/// the last date resolved.
fn remember(ctx: &mut Ctx, p: Point) {
    match p {
        Point::Decade(_) | Point::Century(_) => {}
        Point::Day(d) => {
            ctx.day_anchor = Some(d);
            ctx.anchor = Some(p);
        }
        _ => ctx.anchor = Some(p),
    }
}

/// The names of the rules, for diagnostics.
pub fn rule_names() -> impl Iterator<Item = &'static str> {
    rules::RULES.iter().map(|r| r.name)
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_more;
