//! A name's last word written alone elsewhere in the document names the same
//! person or body (`Felt died at his home` after `W. Mark Felt`, `the Saints
//! placed` after `New Orleans Saints`). The tagger reads each sentence on its
//! own, and a lone surname or team word that is also an English word (`Felt`,
//! `Luck`, `Page`) looks like no name there; the document says it is one.

use super::features::Prepared;
use super::{ORGANIZATION, PERSON};
use rustc_hash::FxHashMap;
use std::collections::HashSet;

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
        let words = p.tokens[first..=last].iter().map(|t| t.text(text));
        if let Some(word) = last_word(words).filter(|w| can_echo(w)) {
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

/// The word a longer person's or organization's name may be written as alone in other
/// articles of a site (`Saints` for New Orleans Saints): its last (before a `Jr.` or `Sr.`),
/// when that can stand for the name (see `can_echo`).
pub fn echo_word(name: &str) -> Option<&str> {
    last_word(name.split_whitespace()).filter(|w| can_echo(w))
}

/// The last word of a name of several words, before a `Jr.` or `Sr.` (`Arcade Joseph
/// Comeaux Jr.` is written `Comeaux`); `None` for a name of one word.
fn last_word<'a>(words: impl DoubleEndedIterator<Item = &'a str>) -> Option<&'a str> {
    let mut words = words.filter(|w| *w != ".");
    let mut last = words.next_back()?;
    if crate::actors::generational_suffix(last)
        .is_some_and(|s| s == crate::actors::GenerationalSuffix::OnlyOfPersons)
    {
        last = words.next_back()?;
    }
    words.next().is_some().then_some(last)
}

/// Whether `word` is a common lowercase word, or one of `plain` (the words the text writes
/// in lower case, gathered at the first asking: one pass over the text however many words
/// are asked about).
fn writes_as_a_plain_word<'t>(
    text: &'t str,
    runs: &[(usize, usize)],
    plain: &mut Option<HashSet<&'t str>>,
    word: &str,
) -> bool {
    if super::is_common_word(word) {
        return true;
    }
    let plain = plain.get_or_insert_with(|| {
        runs.iter()
            .map(|&(s, e)| &text[s..e])
            .filter(|w| w.starts_with(char::is_lowercase))
            .collect()
    });
    plain.contains(word.to_lowercase().as_str())
}

/// The lone occurrences in `text` of the words of a site's longer names (`stands_for`:
/// what a word from [`echo_word`] stands for, if it is one), outside the names already found
/// there (`taken`: byte ranges, sorted). The tagger reads each article on its own, and a
/// team's or person's last word alone (`the Saints placed`, `say Luck exceeded`) looks like
/// no name in an article that never writes the whole. Being written with a capital, with no
/// capitalised word beside it, is what makes it a name: a word of a longer capitalised run
/// (`Good Luck Inc`, a headline) is left alone, and so is a sentence's first word that is
/// also a plain word (`Felt was ...`; `Saints put Bush on I.R.` is a name). Byte ranges and
/// values, in text order.
pub fn site_echoes<T>(
    text: &str,
    taken: &[(usize, usize)],
    stands_for: impl Fn(&str) -> Option<T>,
) -> Vec<(usize, usize, T)> {
    let mut found = Vec::new();
    let runs = word_runs(text);
    let capitalised = |w: Option<&(usize, usize)>| {
        w.is_some_and(|&(s, e)| {
            let word = &text[s..e];
            word.starts_with(char::is_uppercase)
                && !matches!(word, "The" | "A" | "An" | "THE" | "AN")
        })
    };
    let mut next_taken = 0;
    let mut plain = None;
    for (n, &(start, end)) in runs.iter().enumerate() {
        // Most words are in lower case: not looked up.
        if !text[start..end].starts_with(char::is_uppercase) {
            continue;
        }
        let Some(value) = stands_for(&text[start..end]) else {
            continue;
        };
        while taken.get(next_taken).is_some_and(|&(_, e)| e <= start) {
            next_taken += 1;
        }
        if taken.get(next_taken).is_some_and(|&(s, _)| s < end) {
            continue;
        }
        let before = n.checked_sub(1).map(|p| runs[p]);
        let gap_before = &text[before.map_or(0, |(_, e)| e)..start];
        let opens_sentence = before.is_none()
            || gap_before.contains(['.', '!', '?', '\n', ':', '"', '“', '—'])
            || gap_before.contains("--");
        let after = runs.get(n + 1);
        let joined_after = after.is_some_and(|&(s, _)| text[end..s].trim().is_empty());
        let joined_before = gap_before.trim().is_empty();
        // `Group of Seven`: the end of a longer name the tagger missed, joined by a particle.
        let particle_before = joined_before
            && before.is_some_and(|(s, e)| super::is_particle(&text[s..e]))
            && n >= 2
            && text[runs[n - 2].1..runs[n - 1].0].trim().is_empty()
            && capitalised(runs.get(n - 2));
        // `Cap d'Antibes`, `Bay of Pigs`: the start of one.
        let particle_after = joined_after
            && after.is_some_and(|&(s, e)| {
                let word = &text[s..e];
                super::is_particle(word) || (word.len() == 1 && word != "I")
            })
            && capitalised(runs.get(n + 2));
        // A sentence may open with a plain word written with its capital (`Felt was ...`,
        // `People said`): there it is a name only when it is no common word in lower case,
        // here (the article writes it so) or in English at large.
        if (opens_sentence && writes_as_a_plain_word(text, &runs, &mut plain, &text[start..end]))
            || particle_before
            || particle_after
            || (joined_before && capitalised(before.as_ref()))
            || (joined_after && capitalised(after))
            || text[end..].starts_with(['\'', '’', '-'])
        {
            continue;
        }
        found.push((start, end, value));
    }
    found
}

/// The runs of letters and digits of `text`, as byte ranges.
fn word_runs(text: &str) -> Vec<(usize, usize)> {
    if text.is_ascii() {
        // The common case: a byte is a character.
        let bytes = text.bytes().map(|b| b.is_ascii_alphanumeric());
        runs_of(bytes.enumerate(), text.len())
    } else {
        runs_of(
            text.char_indices().map(|(i, c)| (i, c.is_alphanumeric())),
            text.len(),
        )
    }
}

/// The byte ranges of the runs of `true` in `(offset, in a word)`, `len` bytes in all.
fn runs_of(chars: impl Iterator<Item = (usize, bool)>, len: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::with_capacity(len / 6);
    let mut start = None;
    for (i, in_word) in chars {
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, len));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_names_last_word_alone_mid_sentence_is_an_echo() {
        assert_eq!(echo_word("New Orleans Saints"), Some("Saints"));
        assert_eq!(echo_word("Saints"), None);
        // Generic and function words stand for nothing alone.
        assert_eq!(echo_word("Staunton Police Department"), None);
        assert_eq!(echo_word("Bank of the"), None);
        let words: FxHashMap<&str, usize> = [("Saints", 1), ("Luck", 2)].into_iter().collect();
        let text = "The Saints placed Thomas on IR. Saints fans wept; say Luck \
                    exceeded it. Good Luck Inc said so. It is Luck's year, said Saints. \
                    Then Order of Saints met, at Saints de Paris.";
        let at = |w: &str, nth: usize| text.match_indices(w).nth(nth).map(|(i, _)| i);
        let lookup = |w: &str| words.get(w).copied();
        let found: Vec<(usize, usize)> = site_echoes(text, &[], lookup)
            .into_iter()
            .map(|(s, _, v)| (s, v))
            .collect();
        let want = vec![
            (at("Saints", 0).unwrap_or(0), 1),
            (at("Saints", 1).unwrap_or(0), 1),
            (at("Luck", 0).unwrap_or(0), 2),
            (at("Saints", 2).unwrap_or(0), 1),
        ];
        assert_eq!(found, want);
        // Text beyond ASCII splits into the same words.
        let accented = "Le café said Saints won.";
        assert_eq!(site_echoes(accented, &[], lookup).len(), 1);
        // A name found already is not found again.
        let first = at("Saints", 0).unwrap_or(0);
        let taken = [(first, first + 6)];
        assert_eq!(site_echoes(text, &taken, lookup).len(), 3);
    }

    #[test]
    fn a_sentence_opens_with_an_echo_only_when_it_is_no_plain_word() {
        assert_eq!(echo_word("Arcade Joseph Comeaux Jr."), Some("Comeaux"));
        let words: FxHashMap<&str, usize> = [("Chargers", 1), ("Felt", 2), ("Comeaux", 3)]
            .into_iter()
            .collect();
        let lookup = |w: &str| words.get(w).copied();
        let found = |text: &str| -> Vec<usize> {
            site_echoes(text, &[], lookup)
                .into_iter()
                .map(|(_, _, v)| v)
                .collect()
        };
        // `felt` is a common word; `chargers` and `comeaux` are not.
        assert_eq!(
            found("Chargers defensive tackle Jamal Williams was arrested. Felt was 95."),
            [1]
        );
        assert_eq!(
            found("Officials said so. Comeaux, 49, took their guns."),
            [3]
        );
        // An article that writes the word in lower case means the word.
        assert!(found("Chargers were sold out. Phone chargers ran short.").is_empty());
    }
}
