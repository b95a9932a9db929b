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
mod point;
mod resolve;
mod rules;
mod tense;
mod time_words;

pub(crate) use time_words::IRREGULAR_PAST;

use super::{Timex, TimexType};
use chrono::NaiveDate;
use point::Point;
use regex_automata::meta;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{NFA, WhichCaptures};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, Span};
use resolve::{Caps, Ctx, Value};
use std::cell::RefCell;
use std::sync::LazyLock;

struct Compiled {
    /// Every rule's pattern as one multi-pattern regex, in priority order:
    /// its match says which rule matched (the pattern id) straight from the
    /// DFA, with no capture pass over all the rules.
    combined: meta::Regex,
    /// Each rule's own pattern with its named groups.
    each: Vec<RulePattern>,
}

/// One rule's own pattern, for the capture pass over the span the combined
/// regex matched. Leftmost-first as the combined regex is, the pattern
/// matches that very span, so it runs anchored there: no DFA needs to find
/// the match again (as a regex's capture search would), only an NFA engine
/// reads the groups, the backtracker if the span is within its bounds, else
/// the PikeVM (the same answer, slower).
struct RulePattern {
    backtracker: BoundedBacktracker,
    pikevm: PikeVM,
}

impl RulePattern {
    fn new(pattern: &str) -> Result<RulePattern, Box<dyn std::error::Error>> {
        let nfa = NFA::new(pattern)?;
        Ok(RulePattern {
            backtracker: BoundedBacktracker::new_from_nfa(nfa.clone())?,
            pikevm: PikeVM::new_from_nfa(nfa)?,
        })
    }
}

/// Scratch space for the capture pass, per rule, made on first use and kept
/// by each thread from one text to the next: the engines' caches and the
/// captures they fill.
#[derive(Default)]
struct Scratch {
    rules: Vec<Option<RuleScratch>>,
}

struct RuleScratch {
    backtracker: backtrack::Cache,
    /// Made only when needed: it is sized by the whole NFA.
    pikevm: Option<pikevm::Cache>,
    caps: Captures,
}

impl Scratch {
    /// The groups of rule `i` matching exactly `text[span]`, if it does.
    fn captures(
        &mut self,
        i: usize,
        re: &RulePattern,
        text: &str,
        span: Span,
    ) -> Option<&Captures> {
        if self.rules.len() <= i {
            self.rules.resize_with(i + 1, || None);
        }
        let s = self.rules[i].get_or_insert_with(|| RuleScratch {
            backtracker: re.backtracker.create_cache(),
            pikevm: None,
            caps: re.backtracker.create_captures(),
        });
        let input = Input::new(text).span(span).anchored(Anchored::Yes);
        // The backtracker refuses a span too long for its bounds.
        let bounded = re
            .backtracker
            .try_search(&mut s.backtracker, &input, &mut s.caps);
        if bounded.is_err() {
            let cache = s.pikevm.get_or_insert_with(|| re.pikevm.create_cache());
            re.pikevm.search(cache, &input, &mut s.caps);
        }
        s.caps.get_match().filter(|m| m.span() == span)?;
        Some(&s.caps)
    }
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    // Real work, on the way of every build that extracts: the rules
    // one by one compile on a thread of their own while they are combined
    // here. (An OS thread, not rayon: a rayon worker waiting for its half
    // could pick up an extraction that waits for this very lock.)
    let compile_each = || -> Vec<RulePattern> {
        rules::RULES
            .iter()
            .map(|r| {
                let p = format!("(?i){}", rules::expand(r.pattern));
                RulePattern::new(&p).unwrap_or_else(|e| panic!("time rule {}: {e}", r.name))
            })
            .collect()
    };
    let combine = || {
        let alternatives: Vec<String> = rules::RULES
            .iter()
            .map(|r| format!("(?i){}", rules::strip_names(&rules::expand(r.pattern))))
            .collect();
        // Leftmost-first across patterns, the earlier pattern winning at the same
        // start, as the alternation `(r1)|(r2)|...` would; no group is needed.
        meta::Regex::builder()
            .configure(meta::Config::new().which_captures(WhichCaptures::Implicit))
            .build_many(&alternatives)
            .unwrap_or_else(|e| panic!("combined time rules: {e}"))
    };
    let (each, combined) = std::thread::scope(|s| {
        let each = s.spawn(compile_each);
        let combined = combine();
        // A rule that does not compile is a bug, passed on as the panic it is.
        let each = each.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (each, combined)
    });
    Compiled { combined, each }
});

/// Compiles the time patterns now rather than at the first text.
pub fn warm_up() {
    LazyLock::force(&COMPILED);
}

/// A time zone's abbreviation (`GMT`, `ET`), from the time tables.
pub fn is_time_zone(word: &str) -> bool {
    rules::ZONE.split('|').any(|zone| zone == word)
}

/// A day's name as running text writes it (`Monday`), from the time tables.
pub fn is_day_name(word: &str) -> bool {
    time_words::is_day_name(word)
}

/// True for a word that names a day or a part of one (`Friday`, `March`,
/// `tonight`, `morning`), from the time tables.
pub fn names_a_day(word: &str) -> bool {
    time_words::names_a_day(word)
}

/// The part of the day a word names, as a TIMEX3 code (`morning`: `MO`;
/// `tonight`: `NI`), from the time tables.
pub fn part_of_day(word: &str) -> Option<&'static str> {
    if word.eq_ignore_ascii_case("tonight") {
        return Some("NI");
    }
    time_words::part_of_day(word)
}

/// Finds the time expressions in `text`, resolving relative ones against `dct`
/// (without it they keep TIMEX3's underspecified forms: `XXXX-04-30`,
/// `PAST_REF`). Sorted by position, non-overlapping.
pub fn find_timexes(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    thread_local! {
        static SCRATCH: RefCell<Scratch> = RefCell::default();
    }
    SCRATCH.with_borrow_mut(|scratch| find_with(text, dct, scratch))
}

fn find_with(text: &str, dct: Option<NaiveDate>, scratch: &mut Scratch) -> Vec<Timex> {
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
        let Some(own) = scratch.captures(i, re, text, whole.span()) else {
            continue;
        };
        ctx.start = whole.start();
        ctx.end = whole.end();
        let Some(found) = (rule.resolve)(&Caps { text, caps: own }, &ctx) else {
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
            Value::Text(s) => {
                // `9 p.m. on December 28` anchors `that night` as a date would.
                let day = s
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                if let (true, TimexType::Time, Some(d)) = (found.sets_anchor, found.kind, day) {
                    remember(&mut ctx, Point::Day(d));
                }
                s
            }
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
fn from_next_day(out: &[Timex], i: usize, n: i64, unit: time_words::Unit) -> Option<String> {
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
mod rule_tests;
#[cfg(test)]
mod tests;
