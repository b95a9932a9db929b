//! A name's last word written alone elsewhere in the document names the same
//! person or body (`Felt died at his home` after `W. Mark Felt`, `the Saints
//! placed` after `New Orleans Saints`). The tagger reads each sentence on its
//! own, and a lone surname or team word that is also an English word (`Felt`,
//! `Luck`, `Page`) looks like no name there; the document says it is one.

use super::features::Prepared;
use super::{ORGANIZATION, PERSON};
use rustc_hash::FxHashMap;

/// Shorter words are too often something else (`Al`, `Le`).
const MIN_LETTERS: usize = 3;

/// Adds, as names of their own, the lone occurrences of the last word of the document's
/// longer person and organization names. `found` holds (first token, last token, kind) in
/// text order, and stays so.
pub(super) fn add_name_word_echoes(
    text: &str,
    p: &Prepared,
    found: &mut Vec<(usize, usize, usize)>,
) {
    // The last word of each longer name, with its kind; a word two kinds end is neither's.
    let mut ends: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    for &(first, last, k) in found.iter() {
        if first == last || !matches!(k, PERSON | ORGANIZATION) {
            continue;
        }
        let word = p.tokens[last].text(text);
        if can_echo(word) {
            ends.entry(word)
                .and_modify(|kind| {
                    if *kind != Some(k) {
                        *kind = None;
                    }
                })
                .or_insert(Some(k));
        }
    }
    if ends.is_empty() {
        return;
    }
    let capitalised = |i: usize| {
        p.tokens
            .get(i)
            .is_some_and(|t| t.text(text).starts_with(char::is_uppercase))
    };
    let mut echoes = Vec::new();
    for i in super::features::tokens_outside(found, p.tokens.len()) {
        let Some(&Some(kind)) = ends.get(p.tokens[i].text(text)) else {
            continue;
        };
        let info = &p.info[i];
        // Beside another capitalised word it is part of a name the tagger missed, which
        // this word alone does not name (`Page Six`); in a line of capitals every word is.
        let alone =
            !capitalised(i + 1) && (info.starts_sentence() || !capitalised(i.wrapping_sub(1)));
        if alone && !info.in_capitals_line() {
            echoes.push((i, i, kind));
        }
    }
    if !echoes.is_empty() {
        found.extend(echoes);
        found.sort_unstable_by_key(|&(first, _, _)| first);
    }
}

/// Whether a name's last word may stand for the name alone: a capitalised word of a few
/// letters, not a title, an organization's generic word, a function word or a day.
fn can_echo(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= MIN_LETTERS
        && word.starts_with(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && !crate::actors::is_non_name(word)
        && !crate::actors::is_org_word(word)
        && !crate::actors::is_corporate_form(word)
        && !crate::time::is_day_name(word)
}
