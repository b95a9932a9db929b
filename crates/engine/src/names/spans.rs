//! From tags to names: the spans the tags mark, mended by rules the tagger
//! cannot learn from one sentence (titles, split names, a document's types).

use super::features::{self, O, Prepared, split_tag};
use super::{KINDS, ORGANIZATION, PERSON, PLACE};
use crate::{ActorKind, NameSpan};
use std::sync::OnceLock;

/// Titles that CoNLL leaves out of a person's name (`Mr Bolton` -> `Bolton`).
const PERSON_TITLES: &str = include_str!("../../data/ner/person_titles.txt");

/// True when `word` opens a person's name without being part of it (`Mr`, `Cardinal`).
pub(super) fn is_person_title(word: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::list_entries(PERSON_TITLES).collect())
        .contains(word)
}

/// Lowercase words that may stand inside a name (`of`, `for`, `de`); see the file.
const PARTICLES: &str = include_str!("../../data/name_particles.txt");

/// True when `word` is a lowercase name particle (`of`, `for`, `van`).
pub fn is_particle(word: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::list_entries(PARTICLES).collect())
        .contains(word)
}

/// Appends the entity `span` (first token, last token, type) to `acc`, mending names the
/// tagger split at a connector: "Democratic Institute" + "for Energy Security" is one
/// organization. A name that opens with a lowercase particle and follows another name
/// directly continues it (an organization if either part is one); with no name before it,
/// the particle is dropped ("for Energy Security" -> "Energy Security"). Two names of one kind
/// with a single space between are one ("Mark" "Fischer"), and so is a name followed by an
/// organisation word ("Andersen Logistics" "Corporation"). Two names one `of`
/// or `for` apart, neither a person and one an organization, are one organization ("Green
/// Institute" for "Climate Research").
pub(super) fn rejoin_split_name(
    text: &str,
    p: &Prepared,
    mut acc: Vec<(usize, usize, usize)>,
    (mut first, last, k): (usize, usize, usize),
) -> Vec<(usize, usize, usize)> {
    if !is_particle(p.tokens[first].text(text)) {
        // "Bosnia" and "Herzegovina": two places one `and` apart that together name a country.
        if let Some(prev) = acc.last_mut()
            && prev.1 + 2 == first
            && prev.2 == PLACE
            && k == PLACE
            && p.tokens[first - 1].text(text) == "and"
            && text
                .get(p.tokens[prev.0].start..p.tokens[last].end)
                .and_then(crate::actors::country)
                .is_some()
        {
            prev.1 = last;
            return acc;
        }
        // "Green Institute" for "Climate Research": two non-person names one `of` or `for`
        // apart are one name ("Bank of England", "University of Caracas"), and so are
        // two `of the` apart ("International Committee" of the "Red Cross").
        // Tokens between the last name and this one.
        let connector = match first.saturating_sub(prev_end(&acc)) {
            1 => matches!(p.tokens[first - 1].text(text), "of" | "for"),
            2 => p.tokens[first - 2].text(text) == "of" && p.tokens[first - 1].text(text) == "the",
            _ => false,
        };
        // "Gulf" of "Aden": a kind of place and, one `of` after it, the place's name are
        // one place.
        if let Some(prev) = acc.last_mut()
            && prev.1 + 2 == first
            && prev.2 == PLACE
            && k == PLACE
            && p.tokens[first - 1].text(text) == "of"
            && crate::actors::is_place_word(p.tokens[prev.1].text(text))
        {
            prev.1 = last;
            return acc;
        }
        if let Some(prev) = acc.last_mut()
            && connector
            && (k != PLACE || wants_complement(p.tokens[prev.1].text(text)))
            && prev.2 != PERSON
            && k != PERSON
            && (prev.2 == ORGANIZATION || k == ORGANIZATION)
        {
            prev.1 = last;
            prev.2 = ORGANIZATION;
            return acc;
        }
        // "Andersen Logistics" then "Corporation", "Mark" then "Fischer": a name of one kind
        // right after another, with only a space between, is the same name cut in two.
        let org_word = first == last && crate::actors::is_org_word(p.tokens[first].text(text));
        // And a place's name right before an organization's names the organization of the
        // place (`San Diego` `Chargers`, `US` `Navy`).
        let of_a_place = k == ORGANIZATION && acc.last().is_some_and(|prev| prev.2 == PLACE);
        if let Some(prev) = acc.last_mut()
            && prev.1 + 1 == first
            && (prev.2 == k || org_word || of_a_place)
            && text
                .get(p.tokens[prev.1].end..p.tokens[first].start)
                .is_some_and(|gap| gap == " ")
        {
            prev.1 = last;
            if org_word || of_a_place {
                prev.2 = ORGANIZATION;
            }
            return acc;
        }
        acc.push((first, last, k));
        return acc;
    }
    if let Some(prev) = acc.last_mut()
        && prev.1 + 1 == first
    {
        prev.1 = last;
        if k == ORGANIZATION {
            prev.2 = ORGANIZATION;
        }
        return acc;
    }
    while first < last && is_particle(p.tokens[first].text(text)) {
        first += 1;
    }
    if !is_particle(p.tokens[first].text(text)) {
        acc.push((first, last, k));
    }
    acc
}

/// True when an organization word names a body that an `of` place completes
/// (`Bank` of `England`, `University` of `Caracas`); a team or a company
/// followed by `of` and a place is two names (`Benetton` of `Italy`).
pub(super) fn wants_complement(word: &str) -> bool {
    crate::actors::is_org_word(word) && !crate::actors::is_corporate_form(word)
}

/// The token after the last name of `acc` (0 when there is none), to measure the gap to the next.
fn prev_end(acc: &[(usize, usize, usize)]) -> usize {
    acc.last().map_or(0, |prev| prev.1 + 1)
}

/// True when a token can close a name: it has a capital letter or a digit, or is
/// a closing bracket or dot (`(Reuters)`, `Corp.`).
pub(super) fn ends_name(token: &str) -> bool {
    token.chars().any(|c| c.is_uppercase() || c.is_numeric()) || matches!(token, ")" | ".")
}

/// A name the document gives one type at least this many times as often as
/// another is that type everywhere.
const MAJORITY: u16 = 2;

/// Makes a document's types agree: a name written the same way is the same
/// thing, so an occurrence typed against a clear majority (`Tavildara` once a
/// person, four times a place) takes the majority's type. All-capital forms
/// are left alone: headlines and datelines (`CHICAGO` the place over a table
/// of `CHICAGO` the team) are where one spelling names different things.
pub(super) fn agree_types(text: &str, p: &Prepared, found: &mut [(usize, usize, usize)]) {
    let name = |&(first, last, _): &(usize, usize, usize)| {
        text.get(p.tokens[first].start..p.tokens[last].end)
            .unwrap_or("")
    };
    let mut counts: rustc_hash::FxHashMap<&str, [u16; features::TYPES]> =
        rustc_hash::FxHashMap::default();
    for span in found.iter() {
        counts.entry(name(span)).or_default()[span.2] += 1;
    }
    for span in found.iter_mut() {
        let n = name(span);
        if !n.chars().any(char::is_lowercase) {
            continue;
        }
        let Some(c) = counts.get(n) else { continue };
        let best = (0..features::TYPES).max_by_key(|&k| c[k]).unwrap_or(span.2);
        if c[best] >= MAJORITY * c[span.2] {
            span.2 = best;
        }
    }
}

/// A country's capital-letter code the tagger left out (`US` in `US Secretary
/// of State Mike Pompeo`, `the US estimates`) is a place: the code stands for
/// its country wherever prose writes it. Not in a line of capitals, where
/// `US` may be the pronoun (`HELP US`).
fn add_country_codes(text: &str, p: &Prepared, found: &mut Vec<(usize, usize, usize)>) {
    let has_lowercase = |i: usize| {
        p.tokens
            .get(i)
            .is_some_and(|t| t.text(text).chars().any(char::is_lowercase))
    };
    let mut codes = Vec::new();
    for i in features::tokens_outside(found, p.tokens.len()) {
        let word = p.tokens[i].text(text);
        let letters = word.chars().filter(char::is_ascii_alphabetic).count();
        let is_code = (2..=6).contains(&word.len())
            && letters >= 2
            && word.chars().all(|c| c.is_ascii_uppercase() || c == '.');
        if is_code
            && (has_lowercase(i + 1) || i > 0 && has_lowercase(i - 1))
            && crate::actors::country(word).is_some()
        {
            codes.push((i, i, PLACE));
        }
    }
    if !codes.is_empty() {
        found.extend(codes);
        found.sort_unstable_by_key(|&(first, _, _)| first);
    }
}

/// Turns BILOU tags into spans. Decoding keeps tags well-formed; an entity left
/// open anyway is closed at its last token. A leading honorific is dropped from
/// a person's name.
/// A person's name does not end in a middle initial when a capitalised word follows: the
/// tagger stops at `George W.` before `Bush enacted` (`bush` is also a word), or reads the
/// `Bush` after it as a name of its own. The word closes the name.
fn close_middle_initials(
    text: &str,
    p: &Prepared,
    tags: &[usize],
    found: Vec<(usize, usize, usize)>,
) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(found.len());
    for (first, last, k) in found {
        if let Some(prev) = out.last_mut()
            && KINDS[prev.2] == ActorKind::Person
            && is_initial(p.tokens[prev.1].text(text))
            && first == prev.1 + 1
            && first == last
        {
            prev.1 = last;
            continue;
        }
        out.push((first, last, k));
    }
    for span in &mut out {
        let next = span.1 + 1;
        if KINDS[span.2] == ActorKind::Person
            && is_initial(p.tokens[span.1].text(text))
            && tags.get(next) == Some(&O)
            && p.tokens.get(next).is_some_and(|t| {
                let w = t.text(text);
                w.starts_with(char::is_uppercase)
                    && w.chars().all(char::is_alphabetic)
                    && !crate::actors::is_non_name(w)
            })
        {
            span.1 = next;
        }
    }
    out
}

/// A middle initial: one capital letter and a dot (`W.`).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(c), Some('.'), None) if c.is_uppercase()
    )
}

pub fn spans(text: &str, p: &Prepared, tags: &[usize]) -> Vec<NameSpan> {
    // Entities as token index ranges (first, last) with their type.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let cur = split_tag(t);
        let continues =
            cur.is_some_and(|(k, pos)| open.is_some_and(|(_, ko)| ko == k) && matches!(pos, 1 | 2));
        if let (Some((first, k)), false) = (open, continues) {
            found.push((first, i - 1, k));
            open = None;
        }
        if let (Some((k, _)), None) = (cur, open) {
            open = Some((i, k));
        }
        if let (Some((first, k)), Some((_, 2 | 3))) = (open, cur) {
            found.push((first, i, k));
            open = None;
        }
    }
    if let Some((first, k)) = open {
        found.push((first, tags.len() - 1, k));
    }
    let found = close_middle_initials(text, p, tags, found);
    let mut found: Vec<(usize, usize, usize)> = found
        .into_iter()
        .map(|(mut first, mut last, k)| {
            // A name ends in a capitalised word or a number, not in `'s` or `country`.
            while last > first && !ends_name(p.tokens[last].text(text)) {
                last -= 1;
            }
            if KINDS[k] == ActorKind::Person
                && first < last
                && is_person_title(p.tokens[first].text(text))
            {
                first += 1;
            }
            // A person's or a place's name does not end in a day a tagger ran it on into
            // (`met Jose Insulza Monday`, `in Queens Friday night`); a team's may
            // (`Sheffield Wednesday`), so an organization's is cut below, by the document.
            if matches!(KINDS[k], ActorKind::Person | ActorKind::Place)
                && first < last
                && crate::time::is_day_name(p.tokens[last].text(text))
            {
                last -= 1;
            }
            (first, last, k)
        })
        .filter(|&(first, last, _)| !(first == last && p.info[first].likely_common_opener()))
        // A name starts with a word or a number; one that starts with a mark
        // (`Workers' Day` cut after its apostrophe) is a piece of a longer phrase.
        .filter(|&(first, _, _)| {
            p.tokens[first]
                .text(text)
                .chars()
                .any(char::is_alphanumeric)
        })
        .fold(Vec::new(), |acc, span| {
            rejoin_split_name(text, p, acc, span)
        });
    cut_days_off_organizations(text, p, &mut found);
    split_at_inner_ranks(text, p, &mut found);
    complete_cut_names(text, p, &mut found);
    type_teams_named_for_places(text, p, &mut found);
    agree_types(text, p, &mut found);
    super::echoes::add_name_word_echoes(text, p, &mut found);
    add_country_codes(text, p, &mut found);
    found
        .into_iter()
        .map(|(first, last, k)| NameSpan {
            start: p.tokens[first].start,
            end: if KINDS[k] == ActorKind::Person {
                p.tokens[last].end
            } else {
                end_before_lowercase_suffix(p.tokens[last].text(text), p.tokens[last].end)
            },
            kind: KINDS[k],
        })
        .collect()
}

/// An organization's name run on through an abbreviated rank into the name after it
/// (`Oregon State Police Lt. Hastings said`) is the organization, then the person the
/// rank is the role of. `found` is in text order, and stays so.
pub(super) fn split_at_inner_ranks(
    text: &str,
    p: &Prepared,
    found: &mut Vec<(usize, usize, usize)>,
) {
    let word = |i: usize| p.tokens[i].text(text);
    let rank_at = |&(first, last, k): &(usize, usize, usize)| {
        (k == ORGANIZATION)
            .then(|| {
                (first + 1..last).find(|&j| word(j).ends_with('.') && is_person_title(word(j)))
            })
            .flatten()
            .filter(|&j| (j + 1..=last).all(|i| word(i).starts_with(char::is_uppercase)))
    };
    if !found.iter().any(|span| rank_at(span).is_some()) {
        return;
    }
    *found = found
        .iter()
        .flat_map(|&span| match rank_at(&span) {
            Some(j) => vec![(span.0, j - 1, ORGANIZATION), (j + 1, span.1, PERSON)],
            None => vec![span],
        })
        .collect();
}

/// A name the tagger cut short is the longer name the document writes in full elsewhere
/// when the words right after it complete that name: `an Oregon State Police bomb squad
/// technician`, read as the place `Oregon State`, is the organization of `the Oregon
/// State Police` two sentences on. `found` is in text order, and stays so.
pub(super) fn complete_cut_names(text: &str, p: &Prepared, found: &mut [(usize, usize, usize)]) {
    let name = |first: usize, last: usize| {
        text.get(p.tokens[first].start..p.tokens[last].end)
            .unwrap_or("")
    };
    // The names of several words, with the kind each was first found as, and how many
    // words past their first they run: a cut name is looked up once per such length,
    // so a long text of many names costs no more per name than a short one.
    let mut full: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut lengths: Vec<usize> = Vec::new();
    for &(first, last, k) in found.iter() {
        if last > first && last - first <= MAX_COMPLETED_WORDS {
            full.entry(name(first, last)).or_insert(k);
            lengths.push(last - first);
        }
    }
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths.dedup();
    for i in 0..found.len() {
        let (first, last, _) = found[i];
        // The words after the name up to the next name are free to complete it.
        let free_until = found.get(i + 1).map_or(p.tokens.len(), |next| next.0);
        let completed = lengths
            .iter()
            .filter(|&&extra| extra > last - first && first + extra < free_until)
            .find_map(|&extra| Some((extra, *full.get(name(first, first + extra))?)));
        if let Some((extra, k)) = completed {
            found[i] = (first, first + extra, k);
        }
    }
}

/// The longest names [`complete_cut_names`] completes a cut one to, in words past the first.
const MAX_COMPLETED_WORDS: usize = 8;

/// Cuts a day off the end of an organization's or group's name when the document names it
/// without the day too (`Microsoft Wednesday took the step ... until Microsoft fixed it`);
/// a name that always carries its day is one (`Sheffield Wednesday`).
fn cut_days_off_organizations(text: &str, p: &Prepared, found: &mut [(usize, usize, usize)]) {
    let name = |first: usize, last: usize| {
        text.get(p.tokens[first].start..p.tokens[last].end)
            .unwrap_or("")
    };
    let ends_in_day = |&(first, last, _): &(usize, usize, usize)| {
        first < last && crate::time::is_day_name(p.tokens[last].text(text))
    };
    if !found.iter().any(ends_in_day) {
        return;
    }
    let names: rustc_hash::FxHashSet<&str> = found
        .iter()
        .map(|&(first, last, _)| name(first, last))
        .collect();
    for span in found.iter_mut() {
        if ends_in_day(span) && names.contains(name(span.0, span.1 - 1)) {
            span.1 -= 1;
        }
    }
}

/// A place's name followed by a plural word no place list holds names a team or a paper
/// of the place, not the place (`New Orleans Saints`, `Kansas City Chiefs`, `New York
/// Times`): an organization. The place lists know `Virgin Islands` and `Palm Springs`.
/// `found` is in text order.
fn type_teams_named_for_places(text: &str, p: &Prepared, found: &mut [(usize, usize, usize)]) {
    let place_bit = |i: usize, position: usize| {
        p.info[i].gaz() & (1 << (4 * super::gazetteer::PLACE + position)) != 0
    };
    let plural_word = |word: &str| {
        word.len() >= 4
            && word.starts_with(char::is_uppercase)
            && word.ends_with('s')
            && !word.ends_with("ss")
            && word.chars().skip(1).all(char::is_lowercase)
    };
    // The tagger may leave the plural out of the name (`Kansas City` `Chiefs`): a plural
    // right after a place's name, a space between, in no name of its own, joins it.
    for i in 0..found.len() {
        let (_, last, k) = found[i];
        let next = last + 1;
        if k == PLACE
            && next < p.tokens.len()
            && found.get(i + 1).is_none_or(|after| after.0 > next)
            && text.get(p.tokens[last].end..p.tokens[next].start) == Some(" ")
            && plural_word(p.tokens[next].text(text))
            && !crate::time::is_day_name(p.tokens[next].text(text).trim_end_matches('s'))
        {
            found[i].1 = next;
        }
    }
    for span in found.iter_mut() {
        let (first, last, k) = *span;
        if k != PLACE || first == last {
            continue;
        }
        let plural_word = plural_word(p.tokens[last].text(text));
        let place_before = if last - 1 == first {
            place_bit(first, features::U)
        } else {
            place_bit(first, features::B) && place_bit(last - 1, features::L)
        };
        let in_a_place = place_bit(last, features::I) || place_bit(last, features::L);
        if plural_word && place_before && !in_a_place && !p.info[last].in_capitals_line() {
            span.2 = ORGANIZATION;
        }
    }
}

/// Where a name other than a person's ends when its last word runs on through a hyphen
/// into a lower-case word (`Ethiopian-flagged`, `U.S.-based`, `Chiefs-like`): before the
/// hyphen. A person's may not (`Kang Young-hoon`). `last_word` ends at `end`.
fn end_before_lowercase_suffix(last_word: &str, end: usize) -> usize {
    let mut word = last_word;
    while let Some(hyphen) = word.rfind('-')
        && hyphen > 0
        && word[hyphen + 1..]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    {
        word = &word[..hyphen];
    }
    end - last_word.len() + word.len()
}
