//! Roles: the titles and descriptions a text gives a person, either before the name
//! ("US Secretary of State Mike Pompeo", "opposition leader Juan Guaido") or as an apposition
//! after it ("John Bolton, the national security adviser,").
//!
//! A role must contain a title from `data/titles.txt`; the words around it may only be role
//! modifiers (`data/role_modifiers.txt`), other titles, or capitalised words that belong to a
//! recognised non-person name ("US", "White House", "Venezuelan"). This keeps verbs and clauses
//! ("said President Trump", "forces loyal to President Maduro") out of roles.

use super::name_lists::{Lexicon, lexicon};
use crate::text::{Token, tokenize};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// How far around a name a role is looked for, in bytes.
const WINDOW: usize = 200;
/// The longest capitalised object of an "X of Y" title ("Minister of Foreign Affairs").
const MAX_OF_OBJECT: usize = 4;
/// The longest apposition taken as a role, in words.
const MAX_APPOSITION: usize = 12;
/// A title must come within this many words of the apposition's start.
const MAX_APPOSITION_LEAD: usize = 4;

/// Prepositions that may continue a role after its title ("head of the National Assembly").
const ROLE_PREPOSITIONS: &[&str] = &["of", "for", "at", "to", "in", "on"];
/// Words that may open an apposition before the role itself.
const APPOSITION_OPENERS: &[&[&str]] = &[
    &["who", "is", "the"],
    &["who", "was", "the"],
    &["who", "is", "a"],
    &["who", "was", "a"],
    &["who", "is"],
    &["who", "was"],
    &["the"],
    &["a"],
    &["an"],
];
/// Prepositions after which a place name is an adverbial, not part of a role.
const LOCATIVES: &[&str] = &["in", "at", "from", "near", "inside", "outside", "across"];
/// Tokens that close an apposition.
const APPOSITION_CLOSERS: &[&str] = &[
    ",", ".", ";", ":", ")", "—", "–", "\"", "”", "who", "which", "whose",
];

fn char_floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn char_ceil(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Tokens of `text[from..to]` with offsets into `text`.
fn tokens_in(text: &str, from: usize, to: usize) -> Vec<Token> {
    let Some(slice) = text.get(from..to) else {
        return Vec::new();
    };
    tokenize(slice)
        .into_iter()
        .map(|t| Token {
            start: t.start + from,
            end: t.end + from,
        })
        .collect()
}

fn is_punct(word: &str) -> bool {
    !word.chars().any(char::is_alphanumeric)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when `word` may sit inside a role around its title.
fn is_role_filler(lx: &Lexicon, word: &str, tok: Token, names: &[Range<usize>]) -> bool {
    if is_punct(word) || lx.is_stop_word(word) {
        return false;
    }
    lx.is_title_word(word)
        || lx.is_modifier(word)
        || (is_capitalised(word) && covering(names, tok).is_some())
}

/// The name among `names` that covers `tok`. `names` are sorted by start and do not
/// overlap, as the recogniser gives them, so one binary search finds it however long the text.
fn covering(names: &[Range<usize>], tok: Token) -> Option<&Range<usize>> {
    let k = names.partition_point(|r| r.start <= tok.start);
    names[..k].last().filter(|r| tok.end <= r.end)
}

/// Start (token index) of a title ending right before token `end`, including the
/// "Title of Capitalised Words" form ("Secretary of State").
fn title_before(lx: &Lexicon, words: &[&str], end: usize) -> Option<usize> {
    if let Some(len) = lx.title_ending(&words[..end]) {
        return Some(end - len);
    }
    let mut j = end;
    while j > 0
        && end - j < MAX_OF_OBJECT
        && is_capitalised(words[j - 1])
        && !lx.is_stop_word(words[j - 1])
    {
        j -= 1;
    }
    if j < end && j > 0 && words[j - 1] == "of" {
        let len = lx.title_ending(&words[..j - 1])?;
        return Some(j - 1 - len);
    }
    None
}

/// The role written before a name starting at `name_start`, as a byte range.
/// `names` are the non-person names of the text, sorted by start, whose words may be part of
/// a role.
pub fn role_before(text: &str, name_start: usize, names: &[Range<usize>]) -> Option<Range<usize>> {
    let from = window_before(text, name_start);
    // Most names have no title right before them, which the last few words show: the
    // whole window is tokenised only when they may end a title.
    if !may_end_in_title(lexicon(), text, from, name_start) {
        return None;
    }
    role_in_window(text, from, name_start, names)
}

/// Start of the text a role before `name_start` is looked for in: `WINDOW` bytes back,
/// not across a line break.
fn window_before(text: &str, name_start: usize) -> usize {
    let from = char_floor(text, name_start.saturating_sub(WINDOW));
    text[from..name_start]
        .rfind('\n')
        .map_or(from, |i| from + i + 1)
}

/// False when `title_before` cannot find a title ending `text[from..to]`: its last word
/// ends no title and no "of" ("Secretary of State") is among the words it looks at.
/// Reads the last words only.
fn may_end_in_title(lx: &Lexicon, text: &str, from: usize, to: usize) -> bool {
    // "of", then at most MAX_OF_OBJECT capitalised words.
    let looked_at = MAX_OF_OBJECT + 1;
    let toks = tokens_in(text, start_of_last_chunks(text, from, to, looked_at), to);
    let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
    words.last().is_some_and(|w| lx.ends_title(w))
        || words.iter().rev().take(looked_at).any(|w| *w == "of")
}

/// Where the last `n` whitespace-separated chunks of `text[from..to]` start (`from` when
/// there are fewer). No token crosses whitespace and every chunk makes one at least, so
/// `text[start..to]` tokenises into the last tokens of `text[from..to]`, `n` or more.
fn start_of_last_chunks(text: &str, from: usize, to: usize, n: usize) -> usize {
    let mut chunks = 0;
    let mut in_chunk = false;
    for (i, c) in text[from..to].char_indices().rev() {
        if !c.is_whitespace() {
            in_chunk = true;
        } else if in_chunk {
            chunks += 1;
            if chunks == n {
                return from + i + c.len_utf8();
            }
            in_chunk = false;
        }
    }
    from
}

/// The role ending right before `name_start`, looked for in `text[from..name_start]`.
fn role_in_window(
    text: &str,
    from: usize,
    name_start: usize,
    names: &[Range<usize>],
) -> Option<Range<usize>> {
    let lx = lexicon();
    let toks = tokens_in(text, from, name_start);
    let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
    let head = title_before(lx, &words, words.len())?;
    let mut k = head;
    while k > 0 && is_role_filler(lx, words[k - 1], toks[k - 1], names) {
        k -= 1;
    }
    // "in Caracas President Maduro": a name after a locative preposition is a place
    // adverbial, not part of the role.
    while k < head && k > 0 && LOCATIVES.contains(&words[k - 1].to_lowercase().as_str()) {
        let Some(name) = covering(names, toks[k]) else {
            break;
        };
        while k < head && toks[k].start < name.end {
            k += 1;
        }
    }
    let last = toks.last()?;
    Some(toks[k].start..last.end)
}

/// The role given in an apposition after a name ending at `name_end`
/// ("John Bolton, the national security adviser, said"), as a byte range.
pub fn role_after(text: &str, name_end: usize, names: &[Range<usize>]) -> Option<Range<usize>> {
    let lx = lexicon();
    let to = char_ceil(text, name_end.saturating_add(WINDOW));
    let to = text[name_end..to].find('\n').map_or(to, |i| name_end + i);
    // An apposition opens with a comma token, which only a comma as the first
    // character after the spaces makes: most names are not followed by one, and
    // are then not tokenised. (`tokenize` splits at `char::is_whitespace`.)
    let first = text[name_end..to]
        .trim_start_matches(char::is_whitespace)
        .chars()
        .next();
    if first != Some(',') {
        return None;
    }
    let toks = tokens_in(text, name_end, to);
    let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
    if words.first() != Some(&",") {
        return None;
    }
    let rest = &words[1..];
    let opener = APPOSITION_OPENERS
        .iter()
        .find(|o| o.len() <= rest.len() && rest.iter().zip(o.iter()).all(|(w, o)| w == o))
        .map_or(0, |o| o.len());
    let begin = 1 + opener;
    let close = (begin..words.len()).find(|&i| APPOSITION_CLOSERS.contains(&words[i]))?;
    let phrase = &words[begin..close];
    if phrase.is_empty() || phrase.len() > MAX_APPOSITION {
        return None;
    }
    // The title comes first, after modifiers only; what follows it is a prepositional tail.
    let lead = (0..phrase.len().min(MAX_APPOSITION_LEAD + 1)).find(|&i| {
        lx.title_starting(&phrase[i..]).is_some()
            && phrase[..i]
                .iter()
                .zip(&toks[begin..])
                .all(|(w, t)| is_role_filler(lx, w, *t, names))
    })?;
    let title_len = lx.title_starting(&phrase[lead..])?;
    let after = lead + title_len;
    if after < phrase.len() && !ROLE_PREPOSITIONS.contains(&phrase[after]) {
        return None;
    }
    Some(toks[begin].start..toks[close - 1].end)
}

/// One form per role across articles, most cited first: forms that differ only in case are
/// one role ("National security adviser", "national security adviser"), written as most
/// articles write it, or with more capitals on a tie ("Defense Minister").
pub fn merge_roles<'a>(roles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut by_key: HashMap<String, (usize, HashMap<&'a str, usize>)> = HashMap::default();
    for r in roles {
        let entry = by_key.entry(r.to_lowercase()).or_default();
        entry.0 += 1;
        *entry.1.entry(r).or_default() += 1;
    }
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    let mut merged: Vec<(usize, &str)> = by_key
        .values()
        .filter_map(|(total, forms)| {
            forms
                .iter()
                .max_by(|a, b| {
                    (a.1, capitals(a.0))
                        .cmp(&(b.1, capitals(b.0)))
                        .then(b.0.cmp(a.0))
                })
                .map(|(form, _)| (*total, *form))
        })
        .collect();
    merged.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    merged.into_iter().map(|(_, r)| r.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str, name: &str, names: &[&str]) -> Option<String> {
        let start = text.find(name)?;
        let mut spans: Vec<Range<usize>> = names
            .iter()
            .filter_map(|n| text.find(n).map(|s| s..s + n.len()))
            .collect();
        spans.sort_by_key(|r| r.start);
        role_before(text, start, &spans).map(|r| text[r].to_string())
    }

    fn after(text: &str, name: &str) -> Option<String> {
        let end = text.find(name)? + name.len();
        role_after(text, end, &[]).map(|r| text[r].to_string())
    }

    /// The shortcut of `role_before` finds what the whole window finds, before every
    /// character of texts with titles, "of" phrases, line breaks and non-ASCII text.
    #[test]
    fn the_last_words_shortcut_agrees_with_the_whole_window() {
        let texts = [
            "On Monday US Secretary of State Anna Pike flew home. The head of the \
             National Assembly of Ruritania Ana Ruiz, and  Prime Minister Li Wei met.",
            "White House press secretary Jo Reed spoke.\nNational security adviser Tim Holt \
             spoke to \u{201c}President Ed Moss\u{201d} of (Freedonia) and ex-President Kim.",
            "Officials in Caracas President Ana Ruiz ignored Minister of Foreign Affairs \
             Señor José López, Gen. Tom Rey's aide and the leader of the opposition Juan Guaidó.",
        ];
        for text in texts {
            let mut names: Vec<Range<usize>> = ["US", "White House", "Caracas", "Freedonia"]
                .iter()
                .filter_map(|n| text.find(n).map(|s| s..s + n.len()))
                .collect();
            names.sort_by_key(|r| r.start);
            for (at, _) in text.char_indices() {
                let full = role_in_window(text, window_before(text, at), at, &names);
                assert_eq!(role_before(text, at, &names), full, "at {at} in {text:?}");
            }
        }
    }

    #[test]
    fn last_chunks_start_after_whitespace() {
        let t = "a  b\tc\u{a0}d";
        assert_eq!(start_of_last_chunks(t, 0, t.len(), 1), 8);
        assert_eq!(start_of_last_chunks(t, 0, t.len(), 2), 5);
        assert_eq!(start_of_last_chunks(t, 0, t.len(), 3), 3);
        assert_eq!(start_of_last_chunks(t, 0, t.len(), 4), 0);
        assert_eq!(start_of_last_chunks(t, 0, 4, 1), 3);
    }

    #[test]
    fn an_apposition_needs_a_comma_first() {
        let t = "Officials met Tim Holt \u{a0}, the national security adviser, on Monday.";
        assert_eq!(
            after(t, "Tim Holt").as_deref(),
            Some("national security adviser")
        );
        let t = "Officials met Tim Holt; the national security adviser, on Monday.";
        assert_eq!(after(t, "Tim Holt"), None);
        let t = "Officials met Tim Holt\n, the national security adviser, on Monday.";
        assert_eq!(after(t, "Tim Holt"), None);
    }

    #[test]
    fn title_of_capitalised_words_with_a_country() {
        let t = "On Monday US Secretary of State Anna Pike flew home.";
        assert_eq!(
            before(t, "Anna", &["US"]).as_deref(),
            Some("US Secretary of State")
        );
    }

    #[test]
    fn modifiers_and_names_extend_a_title() {
        let t = "White House press secretary Jo Reed spoke.";
        assert_eq!(
            before(t, "Jo", &["White House"]).as_deref(),
            Some("White House press secretary")
        );
        let t = "National security adviser Tim Holt spoke.";
        assert_eq!(
            before(t, "Tim", &[]).as_deref(),
            Some("National security adviser")
        );
        let t = "It backed Freedonian opposition leader Ana Ruiz.";
        assert_eq!(
            before(t, "Ana", &["Freedonian"]).as_deref(),
            Some("Freedonian opposition leader")
        );
    }

    #[test]
    fn verbs_and_possessives_stop_a_role() {
        let t = "Then said President Ed Moss that it was over.";
        assert_eq!(before(t, "Ed", &[]).as_deref(), Some("President"));
        let t = "Ruritania's opposition leader Ana Ruiz spoke.";
        assert_eq!(
            before(t, "Ana", &["Ruritania"]).as_deref(),
            Some("opposition leader")
        );
        let t = "Protests in Caracas President Ana Ruiz ignored.";
        assert_eq!(before(t, "Ana", &["Caracas"]).as_deref(), Some("President"));
        let t = "Yesterday Ana Ruiz spoke.";
        assert_eq!(before(t, "Ana", &[]), None);
    }

    #[test]
    fn appositions_give_roles() {
        let t = "Tim Holt, the national security adviser, said no.";
        assert_eq!(
            after(t, "Tim Holt").as_deref(),
            Some("national security adviser")
        );
        let t = "Ana Ruiz, who is head of the opposition-ruled National Assembly, spoke.";
        assert_eq!(
            after(t, "Ana Ruiz").as_deref(),
            Some("head of the opposition-ruled National Assembly")
        );
    }

    #[test]
    fn roles_differing_in_case_are_one() {
        let roles = [
            "national security adviser",
            "National security adviser",
            "Defense Minister",
            "defense minister",
            "national security adviser",
        ];
        assert_eq!(
            merge_roles(roles),
            ["national security adviser", "Defense Minister"]
        );
    }

    #[test]
    fn clauses_are_not_appositions() {
        assert_eq!(after("Ana Ruiz, the leader said, won.", "Ana Ruiz"), None);
        assert_eq!(
            after("Ana Ruiz, who calls himself the boss, won.", "Ana Ruiz"),
            None
        );
        assert_eq!(after("Ana Ruiz said the president lied.", "Ana Ruiz"), None);
    }
}
