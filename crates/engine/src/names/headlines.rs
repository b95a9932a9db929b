//! Names in headline case. The recogniser learnt names from sentence case,
//! where a capital marks a name; in a headline every word has one, and
//! `Peyton Manning Passes Colts` reads as one name. A name in the headline-case
//! lines that open a text (its title, a kicker, a subtitle) is kept when the
//! article's prose names it too; when the prose names only pieces of it
//! (`Peyton Manning`, `Colts`), it becomes those pieces; when it names none but
//! writes one of its words in lower case, it is no name. A two-word name is
//! split only when its other word is one the prose writes in lower case
//! (`Obama Announces`: the prose says `announced`), as two capitalised words are
//! most often a name whose first word the prose leaves out (`Mark Felt`).
//!
//! Only the opening lines: headline-case lines after the first line of prose
//! are mostly tables, results and datelines (`Real Madrid 3 Barcelona 1`,
//! `London Newsroom +44 171`), where a two-word name is a team or a desk.

use crate::NameSpan;
use std::collections::{HashMap, HashSet};

/// Words a name needs before it is split whatever its other words are.
const MIN_WORDS: usize = 3;
/// Opening lines read as headlines at most.
const MAX_HEADLINE_LINES: usize = 4;
/// Headline lines longer than this in all are no headlines to look for the prose's names in.
const MAX_HEADLINE_BYTES: usize = 1000;

/// Splits names found in the headline-case opening lines into the pieces the
/// rest of the text names; `names` are in text order and stay so.
pub fn split_headline_names(text: &str, names: &mut Vec<NameSpan>) {
    let headlines_end = opening_headlines_end(text);
    if headlines_end == 0 {
        return;
    }
    let in_headline = |span: &NameSpan| span.start < headlines_end;
    // What the prose calls a name, case aside, and the kind it gives it.
    let known: HashMap<String, crate::ActorKind> = names
        .iter()
        .filter(|n| !in_headline(n))
        .map(|n| (text[n.start..n.end].to_lowercase(), n.kind))
        .collect();
    // And the word a longer person's or organization's name is written as alone (`Manning`
    // of `Peyton Manning`, `Colts` of `Indianapolis Colts`): a piece a headline may give.
    let mut last_words: HashMap<String, Option<crate::ActorKind>> = HashMap::new();
    for n in names.iter().filter(|n| !in_headline(n)) {
        if matches!(
            n.kind,
            crate::ActorKind::Person | crate::ActorKind::Organization
        ) && let Some(word) = super::echoes::echo_word(&text[n.start..n.end])
        {
            last_words
                .entry(word.to_lowercase())
                .and_modify(|kind| {
                    if *kind != Some(n.kind) {
                        *kind = None;
                    }
                })
                .or_insert(Some(n.kind));
        }
    }
    let piece_kind = |piece: &str| {
        let piece = piece.to_lowercase();
        known
            .get(&piece)
            .copied()
            .or_else(|| last_words.get(&piece).copied().flatten())
    };
    // Read once, when a name first needs it.
    let mut prose_words: Option<HashSet<&str>> = None;
    let mut prose_stems: Option<HashSet<String>> = None;
    let mut result = Vec::with_capacity(names.len());
    for name in names.drain(..) {
        let surface = &text[name.start..name.end];
        let n_words = words_of(surface).count();
        if in_headline(&name)
            && n_words == 1
            && !known.contains_key(&surface.to_lowercase())
            && runs_into_prose_words(
                surface,
                prose_words.get_or_insert_with(|| lowercase_words(&text[headlines_end..])),
            )
        {
            // A lone headline word the prose writes in lower case is the headline's word
            // (`... Internet Explorer Flaw`, the prose telling of `the flaw`).
            continue;
        }
        if !in_headline(&name) || n_words < 2 || known.contains_key(&surface.to_lowercase()) {
            result.push(name);
            continue;
        }
        let pieces = known_pieces(text, &name, &piece_kind);
        if n_words < MIN_WORDS {
            let stems = prose_stems.get_or_insert_with(|| lowercase_stems(&text[headlines_end..]));
            if !pieces.is_empty() && uncovered_words_are_prose(text, &name, &pieces, stems) {
                result.extend(pieces);
            } else {
                result.push(name);
            }
        } else if !pieces.is_empty() {
            result.extend(pieces);
        } else if !runs_into_prose_words(
            surface,
            prose_words.get_or_insert_with(|| lowercase_words(&text[headlines_end..])),
        ) {
            result.push(name);
        }
    }
    add_prose_names_in_capitals(text, headlines_end, &known, &mut result);
    *names = result;
}

/// A line of capitals (`INDIAN NAVY FOILS PIRATE ATTACK IN GULF OF ADEN`) gives the
/// tagger nothing to tell names by, and it finds pieces (`NAVY`, `GULF OF`): where such a
/// line writes a name of several words the prose gives, that name stands in their place.
/// `names` are in text order and stay so.
fn add_prose_names_in_capitals(
    text: &str,
    headlines_end: usize,
    known: &HashMap<String, crate::ActorKind>,
    names: &mut Vec<NameSpan>,
) {
    let headlines = &text[..headlines_end];
    let in_capitals = |line: &str| !line.chars().any(char::is_lowercase);
    // Each of the prose's names is looked for: in headlines, which are short, not in a
    // text of capitals that only looks like one.
    if headlines.len() > MAX_HEADLINE_BYTES
        || !headlines.is_ascii()
        || !headlines.lines().any(in_capitals)
    {
        return;
    }
    let lowered = headlines.to_ascii_lowercase();
    // Whether no letter or digit stands at byte `i` (the text's ends count as none).
    let no_word_at = |i: Option<usize>| {
        i.and_then(|i| lowered.as_bytes().get(i))
            .is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    let mut found: Vec<NameSpan> = Vec::new();
    let mut longest_first: Vec<(&String, &crate::ActorKind)> = known
        .iter()
        .filter(|(name, _)| name.contains(' '))
        .collect();
    longest_first.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    for (name, &kind) in longest_first {
        for (start, _) in lowered.match_indices(name.as_str()) {
            let end = start + name.len();
            let line_start = headlines[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = headlines[end..]
                .find('\n')
                .map_or(headlines.len(), |i| end + i);
            if no_word_at(start.checked_sub(1))
                && no_word_at(Some(end))
                && in_capitals(&headlines[line_start..line_end])
                && !found.iter().any(|f| f.start < end && start < f.end)
            {
                found.push(NameSpan { start, end, kind });
            }
        }
    }
    if found.is_empty() {
        return;
    }
    names.retain(|n| !found.iter().any(|f| f.start < n.end && n.start < f.end));
    names.extend(found);
    names.sort_by_key(|n| n.start);
}

/// Where the headline-case lines that open `text` end (0 when its first line
/// is prose): up to `MAX_HEADLINE_LINES` lines, blank ones aside.
fn opening_headlines_end(text: &str) -> usize {
    let mut end = 0;
    let mut at = 0;
    let mut lines = 0;
    for line in text.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if lines == MAX_HEADLINE_LINES || !is_headline(line) {
            break;
        }
        lines += 1;
        end = line_start + line.trim_end().len();
    }
    end
}

/// Whether every word of `name` outside `pieces` is one the prose writes in
/// lower case, in some form (`Announces` for `announced`).
fn uncovered_words_are_prose(
    text: &str,
    name: &NameSpan,
    pieces: &[NameSpan],
    prose_stems: &HashSet<String>,
) -> bool {
    words_of(&text[name.start..name.end])
        .map(|(s, e)| (name.start + s, name.start + e))
        .filter(|&(s, e)| !pieces.iter().any(|p| p.start <= s && e <= p.end))
        .all(|(s, e)| stem(&text[s..e].to_lowercase()).is_some_and(|st| prose_stems.contains(&st)))
}

/// A lower-case word without its inflection (`announces`, `announced` ->
/// `announc`); none for words too short to tell.
fn stem(word: &str) -> Option<String> {
    let word: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    if word.chars().count() < 4 {
        return None;
    }
    let cut = ["ing", "es", "ed", "s"]
        .iter()
        .find_map(|suffix| {
            word.strip_suffix(suffix)
                .filter(|rest| rest.chars().count() >= 4)
        })
        .unwrap_or(&word);
    Some(cut.to_string())
}

/// The stems of the words the prose writes in lower case.
fn lowercase_stems(prose: &str) -> HashSet<String> {
    lowercase_words(prose)
        .into_iter()
        .filter_map(stem)
        .collect()
}

/// Whether a headline name holds a word of four letters or more that the
/// prose writes in lower case (`Swimmer And Actress Dies Aged`: the prose
/// says `actress` and `died`, not a name): then it is the headline's words,
/// not a name.
fn runs_into_prose_words(name: &str, prose_words: &HashSet<&str>) -> bool {
    name.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .any(|w| prose_words.contains(w.to_lowercase().as_str()))
}

/// The words the prose writes in lower case.
fn lowercase_words(prose: &str) -> HashSet<&str> {
    prose
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// The longest runs of the name's words that the prose names, left to right.
fn known_pieces(
    text: &str,
    name: &NameSpan,
    known: &impl Fn(&str) -> Option<crate::ActorKind>,
) -> Vec<NameSpan> {
    let words: Vec<(usize, usize)> = words_of(&text[name.start..name.end])
        .map(|(s, e)| (name.start + s, name.start + e))
        .collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (i..words.len()).rev().find_map(|last| {
            let (start, end) = (words[i].0, words[last].1);
            known(&text[start..end]).map(|kind| (last, NameSpan { start, end, kind }))
        });
        match found {
            Some((last, piece)) => {
                pieces.push(piece);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    pieces
}

/// Byte ranges of the words of `s` (runs without whitespace).
fn words_of(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    s.split_whitespace().map(move |w| {
        let start = at + s[at..].find(w).unwrap_or(0);
        at = start + w.len();
        (start, at)
    })
}

/// Whether a line is in headline case: every word of four letters or more
/// starts with a capital, and there are at least two such words (`Colts Beat
/// Chiefs 20-13 To Clinch Playoff Berth`, `WLADIMIR KLITSCHKO RETAINS TITLE`).
fn is_headline(line: &str) -> bool {
    let long_words = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4);
    let mut count = 0;
    for word in long_words {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorKind;

    fn span(text: &str, name: &str, kind: ActorKind) -> NameSpan {
        let start = text.find(name).unwrap_or_default();
        NameSpan {
            start,
            end: start + name.len(),
            kind,
        }
    }

    /// The names as written, with their kinds.
    fn named<'t>(text: &'t str, names: &[NameSpan]) -> Vec<(&'t str, ActorKind)> {
        names
            .iter()
            .map(|n| (&text[n.start..n.end], n.kind))
            .collect()
    }

    /// `name` as it first stands at or after the first `from` of `text` (in the prose).
    fn span_after(text: &str, from: &str, name: &str, kind: ActorKind) -> NameSpan {
        let prose = text.find(from).unwrap_or_default();
        let start = prose + text[prose..].find(name).unwrap_or_default();
        NameSpan {
            start,
            end: start + name.len(),
            kind,
        }
    }

    #[test]
    fn a_headline_name_becomes_the_names_the_prose_gives() {
        let text = "Peyton Manning Passes Colts Past Titans\n\nPeyton Manning threw three \
                    touchdowns as the Colts beat the Titans on Sunday.";
        let body = text.find("Peyton Manning threw").unwrap_or_default();
        let mut names = vec![
            span(text, "Peyton Manning Passes Colts", ActorKind::Person),
            span(text, "Titans", ActorKind::Organization),
            NameSpan {
                start: body,
                end: body + "Peyton Manning".len(),
                kind: ActorKind::Person,
            },
        ];
        let colts = text.rfind("Colts").unwrap_or_default();
        names.push(NameSpan {
            start: colts,
            end: colts + 5,
            kind: ActorKind::Organization,
        });
        split_headline_names(text, &mut names);
        let found = named(text, &names);
        assert_eq!(
            found,
            [
                ("Peyton Manning", ActorKind::Person),
                ("Colts", ActorKind::Organization),
                ("Titans", ActorKind::Organization),
                ("Peyton Manning", ActorKind::Person),
                ("Colts", ActorKind::Organization),
            ]
        );
    }

    #[test]
    fn a_two_word_headline_name_loses_a_verb_of_the_prose_and_keeps_a_first_name() {
        let text = "Office of the Press Secretary\n\nPresident Obama Announces Nominee\n\n\
                    Mark Felt Dies\n\nThe president announced his choice on Monday. Obama \
                    praised Felt, who died at 95.";
        let prose = text.find("The president").unwrap_or_default();
        let at = |name: &str| {
            let start = prose + text[prose..].find(name).unwrap_or_default();
            NameSpan {
                start,
                end: start + name.len(),
                kind: ActorKind::Person,
            }
        };
        let mut names = vec![
            span(text, "Obama Announces", ActorKind::Person),
            span(text, "Mark Felt", ActorKind::Person),
            at("Obama"),
            at("Felt"),
        ];
        split_headline_names(text, &mut names);
        let found: Vec<&str> = names.iter().map(|n| &text[n.start..n.end]).collect();
        assert_eq!(found, ["Obama", "Mark Felt", "Obama", "Felt"]);
    }

    #[test]
    fn a_headline_name_splits_into_the_words_the_prose_writes_alone() {
        let text = "Colts Beat Jaguars As Manning Throws Three\n\nPeyton Manning led the \
                    Indianapolis Colts past the Jacksonville Jaguars.";
        let at = |name: &str, kind: ActorKind| span_after(text, "Peyton", name, kind);
        let mut names = vec![
            span(text, "Colts Beat Jaguars", ActorKind::Organization),
            span(text, "Manning Throws Three", ActorKind::Person),
            at("Peyton Manning", ActorKind::Person),
            at("Indianapolis Colts", ActorKind::Organization),
            at("Jacksonville Jaguars", ActorKind::Organization),
        ];
        split_headline_names(text, &mut names);
        let found = &named(text, &names)[..3];
        assert_eq!(
            found,
            [
                ("Colts", ActorKind::Organization),
                ("Jaguars", ActorKind::Organization),
                ("Manning", ActorKind::Person),
            ]
        );
    }

    #[test]
    fn a_line_of_capitals_writes_the_prose_s_names_whole() {
        let text = "INDIAN NAVY FOILS ATTACK IN GULF OF ADEN\n\nThe Indian Navy foiled an \
                    attack in the Gulf of Aden.";
        let at = |name: &str, kind: ActorKind| span_after(text, "The Indian", name, kind);
        let mut names = vec![
            span(text, "NAVY", ActorKind::Organization),
            span(text, "GULF OF", ActorKind::Group),
            span(text, "ADEN", ActorKind::Place),
            at("Indian Navy", ActorKind::Organization),
            at("Gulf of Aden", ActorKind::Place),
        ];
        split_headline_names(text, &mut names);
        let found = named(text, &names);
        assert_eq!(
            found,
            [
                ("INDIAN NAVY", ActorKind::Organization),
                ("GULF OF ADEN", ActorKind::Place),
                ("Indian Navy", ActorKind::Organization),
                ("Gulf of Aden", ActorKind::Place),
            ]
        );
    }

    #[test]
    fn a_lone_headline_word_the_prose_writes_in_lower_case_is_no_name() {
        let text = "Microsoft Patches Browser Flaw\n\nMicrosoft fixed the flaw on Tuesday, \
                    Reuters reported.";
        let mut names = vec![
            span(text, "Microsoft", ActorKind::Organization),
            span(text, "Flaw", ActorKind::Person),
            span_after(text, "fixed", "Reuters", ActorKind::Organization),
        ];
        split_headline_names(text, &mut names);
        let found = named(text, &names);
        assert_eq!(
            found,
            [
                ("Microsoft", ActorKind::Organization),
                ("Reuters", ActorKind::Organization)
            ]
        );
    }

    #[test]
    fn a_headline_name_of_the_prose_s_ordinary_words_is_dropped() {
        let text = "Swimmer And Actress Dies Aged 90\nThe actress, who swam for her \
                    country in 1948, died on Monday.";
        let mut names = vec![span(
            text,
            "Swimmer And Actress Dies Aged",
            ActorKind::Person,
        )];
        split_headline_names(text, &mut names);
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn names_the_prose_never_gives_and_prose_lines_are_kept() {
        let text = "AL-AIN , United Arab Emirates 1996-12-06\nJapan began the defence of \
                    their title with a win against Syria.";
        let mut names = vec![
            span(text, "United Arab Emirates", ActorKind::Place),
            span(text, "Japan", ActorKind::Place),
            span(text, "Syria", ActorKind::Place),
        ];
        let before = names.clone();
        split_headline_names(text, &mut names);
        assert_eq!(names, before);
    }
}
