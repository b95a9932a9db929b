//! Which way a clause looks: the nearest tense-bearing word to an expression
//! decides whether a bare "Tuesday" or "March 3" lies before or after the DCT.

use super::time_words::{
    FUTURE_LEADS, FUTURE_MARKERS, IRREGULAR_PAST, PAST_MARKERS, PRESENT_SCHEDULE, is_time_word,
};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// No marker in the clause.
    Unknown,
}

/// Words before an expression within which a modal is the auxiliary of the verb that
/// governs it (`would hold a vigil Thursday`).
const MODAL_REACH: usize = 4;

/// How far either side of the expression to look, in bytes.
const WINDOW: usize = 160;

/// The tense of the clause around `text[start..end]`.
pub fn tense_at(text: &str, start: usize, end: usize) -> Tense {
    let (left, right) = clause(text, start, end);
    // "as soon as Tuesday", "no later than March 1": a deadline ahead,
    // whatever the verb of the clause.
    let lead = left.trim_end();
    if FUTURE_LEADS.iter().any(|p| ends_with_ignore_case(lead, p)) {
        return Tense::Future;
    }
    // (distance from the expression, word, its tense) for the whole clause, in
    // order; each word classified once.
    let mut ws: Vec<(usize, &str, Option<Tense>)> = Vec::with_capacity(64);
    ws.extend(words(left).map(|(off, w)| (left.len() - off, w, classify(w))));
    let n_left = ws.len();
    ws.extend(words(right).map(|(off, w)| (off + 1, w, classify(w))));
    // "announced on Thursday, will close ...": the verb the expression hangs
    // on (only prepositions between) decides before any nearer marker.
    let governor = (0..n_left)
        .rev()
        .find(|&i| !ws.get(i).is_some_and(|(_, w, _)| is_link(w)));
    let mut best: Option<(usize, Tense)> = None;
    for (i, &(dist, w, class)) in ws.iter().enumerate() {
        let Some(mut t) = class else { continue };
        // The word after this one on its side of the expression: `plans` then `Tuesday`
        // (`announced plans Tuesday to ...`) is no `plans to`.
        let next_word = ws
            .get(i + 1)
            .filter(|_| i + 1 != n_left)
            .map(|&(_, next, _)| next);
        // A plan looks ahead when it is one (`plans to`, `set for`), not in
        // `vacation plans for the trip` or `the hastily planned trip`.
        let plan_needs: &[&str] = if is_one_of(w, &["plan", "plans"]) {
            &["to"]
        } else if is_one_of(w, &["planned", "planning", "set"]) {
            &["to", "for", "on"]
        } else {
            &[]
        };
        if !plan_needs.is_empty() && !next_word.is_some_and(|next| is_one_of(next, plan_needs)) {
            continue;
        }
        // `last` looks back only before a time (`last week`), not in `a last attempt`;
        // `next` and `coming` ahead only so (`next month`), not in `next to the embassy`
        // or `screams coming from the house`.
        if is_one_of(w, &["last", "next", "coming"]) && !next_word.is_some_and(is_time_word) {
            continue;
        }
        // "will be held", "would have ended": an auxiliary just before
        // makes a participle look ahead.
        let aux = ws[i.saturating_sub(3)..i]
            .iter()
            .any(|(_, a, _)| is_future_aux(a));
        // "were planning", "was expected": a form of "be" takes the tense
        // of the participle after it.
        let be_then_future = is_one_of(w, &["was", "were", "been"])
            && ws
                .get(i + 1)
                .is_some_and(|(_, _, n)| *n == Some(Tense::Future));
        if aux || be_then_future {
            t = Tense::Future;
        }
        if governor == Some(i) {
            return t;
        }
        // `could`, `might`, `would` say what was possible or said of then as often as what
        // lies ahead (`police could be seen`, `one that would hold a shotgun, ... in a
        // Dumpster Monday`): only as the auxiliary of the verb the expression goes with
        // (`would hold a vigil Thursday`, `could resume Tuesday`) do they look ahead.
        let own_modal = i < n_left && n_left - i <= MODAL_REACH;
        if !own_modal && is_one_of(w, &["could", "might", "would"]) {
            continue;
        }
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, t));
        }
    }
    best.map_or_else(|| scheduled(right, &ws, n_left), |(_, t)| t)
}

/// A clause with no marker (its words `ws`, the first `n_left` of them before the
/// expression) looks ahead when its verb is a present form of a schedule
/// (`PRESENT_SCHEDULE`) and the expression is no attribute of a noun (`after Tuesday's
/// shooting`, `the Tuesday attack`, which lie behind whatever the verb).
fn scheduled(right: &str, ws: &[(usize, &str, Option<Tense>)], n_left: usize) -> Tense {
    let attribute = right.starts_with(['\'', '’'])
        || n_left
            .checked_sub(1)
            .is_some_and(|last| is_one_of(ws[last].1, &["the", "a", "an", "that", "this"]));
    if !attribute && ws.iter().any(|(_, w, _)| is_one_of(w, PRESENT_SCHEDULE)) {
        Tense::Future
    } else {
        Tense::Unknown
    }
}

// The word tests below compare ASCII case-insensitively against lowercase lists instead
// of lowercasing each word into a new string: a clause has dozens of words, each tested
// several times, for every time expression.

/// `word.to_ascii_lowercase()` is one of `lowercase` (all lowercase themselves).
fn is_one_of(word: &str, lowercase: &[&str]) -> bool {
    lowercase.iter().any(|m| word.eq_ignore_ascii_case(m))
}

/// `s.to_ascii_lowercase().ends_with(suffix)`, `suffix` being lowercase ASCII.
fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn classify(word: &str) -> Option<Tense> {
    // No marker is longer: such a word can only be a past participle (most
    // words of a clause are tested against no list at all).
    if word.len() > MAX_MARKER {
        return ends_with_ignore_case(word, "ed").then_some(Tense::Past);
    }
    let mut buf = [0u8; MAX_MARKER];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    if let Some(&t) = markers().get(&*lower) {
        Some(t)
    } else {
        (word.len() > 4 && ends_with_ignore_case(word, "ed")).then_some(Tense::Past)
    }
}

/// `FUTURE_MARKERS` and `PAST_MARKERS` by word (as ASCII-lowercased bytes), a
/// word on both lists looking ahead: one lookup instead of a scan of both lists.
fn markers() -> &'static FxHashMap<&'static [u8], Tense> {
    static MAP: OnceLock<FxHashMap<&'static [u8], Tense>> = OnceLock::new();
    MAP.get_or_init(|| {
        let past = PAST_MARKERS
            .iter()
            .chain(IRREGULAR_PAST)
            .map(|m| (m.as_bytes(), Tense::Past));
        let future = FUTURE_MARKERS.iter().map(|m| (m.as_bytes(), Tense::Future));
        past.chain(future).collect()
    })
}

/// The length of the longest word of `FUTURE_MARKERS`, `PAST_MARKERS` and
/// `IRREGULAR_PAST` (checked by a test).
const MAX_MARKER: usize = 10;

/// Words that may stand between a verb and the expression it governs
/// ("met on Monday", "left early Friday").
fn is_link(word: &str) -> bool {
    is_one_of(word, &["on", "at", "by", "early", "late", "the", "of"])
}

fn is_future_aux(word: &str) -> bool {
    is_one_of(word, &["will", "'ll", "would", "shall"])
}

/// The clause text left and right of the expression: cut at sentence ends
/// and semicolons, and at most `WINDOW` bytes away (on a char boundary).
fn clause(text: &str, start: usize, end: usize) -> (&str, &str) {
    let mut lo = start.saturating_sub(WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (end + WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let left = text.get(lo..start).unwrap_or("");
    let right = text.get(end..hi).unwrap_or("");
    // The break may be a multi-byte mark (`“`): cut after the whole character.
    let left_at = lo;
    let left = match left
        .char_indices()
        .rev()
        .find(|&(i, c)| is_break(text, left_at + i, c))
    {
        Some((i, c)) => &left[i + c.len_utf8()..],
        None => left,
    };
    let right = match right
        .char_indices()
        .find(|&(i, c)| is_break(text, end + i, c))
    {
        Some((i, _)) => &right[..i],
        None => right,
    };
    (left, right)
}

/// Whether the character `c` at byte `at` of `text` ends a clause; the dot of `p.m.` or
/// `Calif.,` does not.
fn is_break(text: &str, at: usize, c: char) -> bool {
    matches!(c, ';' | '!' | '?' | '\n' | '"' | '“' | '”')
        || (c == '.' && !crate::text::is_inner_dot(text, at))
}

/// Words of `s` with their byte offsets; an apostrophe starts a word so that
/// `'ll` stands alone.
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .scan(0usize, move |pos, w| {
            let off = *pos;
            *pos += w.len() + 1;
            Some((off, w))
        })
        .flat_map(|(off, w)| {
            let (a, b) = match w.find(['\'', '’']) {
                Some(i) if i > 0 => (&w[..i], Some((off + i, &w[i..]))),
                _ => (w, None),
            };
            std::iter::once((off, a)).chain(b)
        })
        .filter(|(_, w)| !w.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn marker_lists_are_lowercase() {
        use super::super::time_words::{FUTURE_LEADS, FUTURE_MARKERS, PAST_MARKERS};
        for m in FUTURE_MARKERS
            .iter()
            .chain(PAST_MARKERS)
            .chain(IRREGULAR_PAST)
            .chain(FUTURE_LEADS)
        {
            assert_eq!(m.to_ascii_lowercase(), *m);
        }
        assert!(super::is_one_of("WILL", &["will"]) && !super::is_one_of("willing", &["will"]));
        assert!(super::ends_with_ignore_case("As Soon AS", "as soon as"));
        assert!(!super::ends_with_ignore_case("é", "as"));
        assert_eq!(super::classify("STARTED"), Some(super::Tense::Past));
        assert_eq!(super::classify("Ted"), None);
        assert_eq!(super::classify("CONSIDERED"), Some(super::Tense::Past));
        assert_eq!(super::classify("considering"), None);
        assert_eq!(super::classify("Will"), Some(super::Tense::Future));
        assert_eq!(super::classify("YESTERDAY"), Some(super::Tense::Past));
        assert_eq!(super::classify("éd"), None);
        let longest = FUTURE_MARKERS
            .iter()
            .chain(PAST_MARKERS)
            .chain(IRREGULAR_PAST)
            .map(|m| m.len());
        assert_eq!(longest.max(), Some(super::MAX_MARKER));
    }

    use super::*;

    fn tense_of(sentence: &str, expr: &str) -> Tense {
        let start = sentence.find(expr).expect("expression in sentence");
        tense_at(sentence, start, start + expr.len())
    }

    #[test]
    fn plans_and_lasts_look_ahead_or_back_only_when_they_are_about_time() {
        let s = "On Friday, when Albright set aside vacation plans for the trip, the department \
                 lifted a warning.";
        assert_eq!(tense_of(s, "Friday"), Tense::Past);
        let s = "A mediator will meet both sides on Saturday in a last attempt to avert a strike.";
        assert_eq!(tense_of(s, "Saturday"), Tense::Future);
        assert_eq!(
            tense_of("The vote is set for Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense_of("He plans to resign on Monday.", "Monday"),
            Tense::Future
        );
        let s = "No one could stop the bullet that tore into his back Friday night.";
        assert_eq!(tense_of(s, "Friday"), Tense::Past);
    }

    /// A curly quote before the expression is not cut mid-character (a case from tests/never_panic.rs).
    #[test]
    fn a_multibyte_break_before_the_expression() {
        let text = "\u{201c}1\nSeP\u{201c}";
        let _ = crate::time::find_timexes(text, chrono::NaiveDate::from_ymd_opt(2019, 5, 2));
        let start = text.find("SeP").expect("SeP");
        let _ = tense_at(text, start, start + 3);
    }

    #[test]
    fn nearest_marker_wins() {
        assert_eq!(
            tense_of("The minister said on Tuesday that", "Tuesday"),
            Tense::Past
        );
        assert_eq!(
            tense_of("The board will meet on Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense_of("She said the board will meet on Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(tense_of("They'll vote Friday.", "Friday"), Tense::Future);
        assert_eq!(tense_of("Rain on Friday.", "Friday"), Tense::Unknown);
    }

    #[test]
    fn a_deadline_phrase_looks_ahead() {
        assert_eq!(
            tense_of(
                "He said the team could leave as early as Tuesday.",
                "Tuesday"
            ),
            Tense::Future
        );
    }

    #[test]
    fn sentence_ends_cut_the_clause() {
        assert_eq!(
            tense_of("We will see. Talks resume Friday.", "Friday"),
            Tense::Unknown
        );
    }
}
