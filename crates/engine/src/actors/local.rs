//! Resolution within one text: cleans each recognised name, groups name forms into actors
//! (countries through the country table, surnames into the full names they shorten,
//! misspellings into the name they misspell, acronyms into the organisation they abbreviate)
//! and picks each actor's canonical name, aliases and roles.

use super::forms::{Form, Occurrence, is_capitalised};
use super::joins::{
    Groups, join_acronyms, join_given_names, join_misspellings, join_plurals, join_short_forms,
};
use super::name_lists::{Lexicon, lexicon};
use super::roles::{role_after, role_before};
use super::surnames::{assign, join_surnames};
use super::{GenerationalSuffix, generational_suffix};
use crate::names::is_particle;
use crate::slug::slug;
use crate::text::tokenize;
use crate::{ActorKind, LocalActor, Mention, NameSpan};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;
use std::ops::Range;

fn is_punct(word: &str) -> bool {
    !word.chars().any(char::is_alphanumeric)
}

/// How deep into a person span a title is looked for.
const MAX_ROLE_IN_SPAN: usize = 3;

/// Number of leading words of a person span that are honorifics or titles, not name
/// ("Mr Bolton", "President Nicolas Maduro", "Opposition leader Juan Guaido").
fn leading_titles(lx: &Lexicon, words: &[&str]) -> usize {
    // Capitalised words before a title near the start belong to the role, whatever they are
    // ("Freedonian President Ana Ruiz"): names do not hold titles in CoNLL spans.
    let mut a = (1..words.len().min(MAX_ROLE_IN_SPAN + 1))
        .rev()
        .find(|&j| {
            j + 1 < words.len()
                && lx.is_title_word(words[j])
                && words[..=j]
                    .iter()
                    .all(|w| is_capitalised(w) && !lx.is_stop_word(w))
        })
        .map_or(0, |j| j + 1);
    while a + 1 < words.len() {
        let w = words[a];
        if lx.is_honorific(w) || lx.is_opener(w) {
            a += 1;
            continue;
        }
        // A run of title and modifier words that ends in a title.
        let mut i = a;
        // A country or demonym may open the run ("Venezuelan President Nicolas Maduro").
        while i + 1 < words.len()
            && (lx.is_title_word(words[i])
                || lx.is_modifier(words[i])
                || (i == a && lx.country(words[i]).is_some()))
        {
            i += 1;
        }
        match (a..=i)
            .rev()
            .find(|&j| j > a && lx.title_ending(&words[a..j]).is_some())
        {
            Some(j) if is_capitalised(w) => a = j,
            _ => break,
        }
    }
    a
}

/// A word that cannot stand inside a name: lowercase letters only and no name particle
/// (`led`, `own`, `country`; not `of`, `de`, `'s`).
fn is_loose_word(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && !word.chars().any(char::is_uppercase)
        && !is_particle(word)
        && !matches!(word, "'s" | "’s")
}

/// Length of the name at the start of `words`: up to the first lowercase word that is no
/// name particle, trailing particles and punctuation dropped. A recogniser span that runs on
/// into the sentence ("Maduro led his own Workers") keeps its capitalised head ("Maduro");
/// one that starts lowercase ("own Workers") keeps nothing.
fn name_run(words: &[&str]) -> usize {
    let Some(mut b) = words.iter().position(|w| is_loose_word(w)) else {
        return words.len();
    };
    while b > 0 && (is_particle(words[b - 1]) || is_punct(words[b - 1])) {
        b -= 1;
    }
    b
}

/// Cleans one recognised span: trims punctuation, possessives, honorifics and titles (persons)
/// or sentence-opening function words (others). `None` when nothing name-like is left.
fn clean(text: &str, span: &NameSpan) -> Option<Occurrence> {
    let lx = lexicon();
    let slice = text.get(span.start..span.end)?;
    let toks = tokenize(slice);
    let words: Vec<&str> = toks.iter().map(|t| t.text(slice)).collect();
    // Brackets stay when they pair inside the span ("Mladost ( BJ )").
    let opens = words.iter().filter(|w| **w == "(").count();
    let closes = words.iter().filter(|w| **w == ")").count();
    let strip = |w: &str| is_punct(w) && w != "." && (opens != closes || !matches!(w, "(" | ")"));
    let mut b = words.len();
    while b > 0 && (strip(words[b - 1]) || matches!(words[b - 1], "'s" | "’s" | "'S")) {
        b -= 1;
    }
    let mut a = 0;
    while a < b && strip(words[a]) {
        a += 1;
    }
    if a >= b || words[a..b].iter().all(|w| is_punct(w)) {
        return None;
    }
    // "Admiral Mark Fischer" labelled an organisation: a title then two or three capitalised
    // words, none an organisation word or a country, make a person ("General Motors" and
    // "General Electric Company" stay).
    let mut kind = span.kind;
    // "Warship INS Sukanya", "Indian Naval Ship Sukanya": the kind of vessel describes the
    // ship that the rest names; a ship acts as its crew, a body of people.
    if let Some(j) = (a..b - 1).rev().find(|&j| is_vessel_word(words[j]))
        && words[a..b].iter().all(|w| is_capitalised(w))
        && !lx.is_org_word(words[b - 1])
    {
        a = j + 1;
        kind = ActorKind::Organization;
    }
    // "INS Sukanya", "USS Cole": a ship's prefix makes the name a ship's.
    if b - a >= 2 && SHIP_PREFIXES.contains(&words[a]) {
        kind = ActorKind::Organization;
    }
    if kind != ActorKind::Person {
        let t = leading_titles(lx, &words[a..b]);
        let rest = &words[(a + t).min(b)..b];
        if t > 0
            && (2..=3).contains(&rest.len())
            && rest
                .iter()
                .all(|w| is_capitalised(w) && !lx.is_org_word(w) && lx.country(w).is_none())
        {
            kind = ActorKind::Person;
        }
        // "Arcade Joseph Comeaux Jr." labelled an organisation: a generational suffix closes
        // only a person's name.
        if let [name @ .., last] = &words[a..b]
            && generational_suffix(last) == Some(GenerationalSuffix::OnlyOfPersons)
            && (2..=4).contains(&name.len())
            && name
                .iter()
                .all(|w| is_capitalised(w) && !lx.is_org_word(w) && lx.country(w).is_none())
        {
            kind = ActorKind::Person;
        }
    }
    // An honorific alone is no name, whatever the recogniser called it ("Mr." as an
    // organisation before a name it left out), nor is a time zone ("21:00 GMT"); a title
    // alone may be a surname: "King".
    if b - a == 1 && (lx.is_honorific(words[a]) || crate::time::is_time_zone(words[a])) {
        return None;
    }
    if kind == ActorKind::Person {
        a += leading_titles(lx, &words[a..b]);
        if b - a == 1 && lx.is_honorific(words[a]) {
            return None;
        }
    } else {
        // "Instead Washington": drop sentence openers glued to the name.
        while b - a > 1 && lx.is_opener(words[a]) {
            a += 1;
        }
        // "Oregon State Police Lt. Gregg Hastings": an abbreviated title closing an
        // organisation's name is the role of the person named next, not the name's.
        while b - a > 1 && words[b - 1].ends_with('.') && lx.is_title_word(words[b - 1]) {
            b -= 1;
        }
        // "the United States" is the country "United States"; "The Netherlands" keeps its
        // capital "The" as part of the name.
        if b - a > 1 && words[a] == "the" {
            let rest = &slice[toks[a + 1].start..toks[b - 1].end];
            if lx.country(rest).is_some() {
                a += 1;
            }
        }
    }
    b = a + name_run(&words[a..b]);
    // "Monroe Doctrine", "Operation Freedom": a thing's name, not an actor's.
    if kind != ActorKind::Person && lx.is_thing(&words[a..b]) {
        return None;
    }
    // "the International efforts", "Windows", "Fish": a group (nationalities, faiths,
    // parties) of one word that is a common English word is an adjective or a thing the
    // recogniser capitalised on its way, unless it names a country's people.
    if kind == ActorKind::Group
        && b - a == 1
        && crate::names::is_common_word(words[a])
        && lx.country(words[a]).is_none()
    {
        return None;
    }
    if b <= a {
        return None;
    }
    // "an Ethiopian-flagged vessel", "a London-based firm": an adjective of where
    // something is, not an actor.
    if b - a == 1
        && let Some((_, suffix)) = words[a].rsplit_once('-')
        && PLACE_ADJECTIVES.contains(&suffix.to_ascii_lowercase().as_str())
    {
        return None;
    }
    let range = span.start + toks[a].start..span.start + toks[b - 1].end;
    let (mut surface, nickname) = without_nickname(&text[range.clone()]);
    // Recogniser junk: no capital letter anywhere ("said", "the").
    if !surface.chars().any(char::is_uppercase) {
        return None;
    }
    // "Mt Cook" is Mount Cook, "Ft. Worth" Fort Worth: one name however it is abbreviated.
    if let Some((first, rest)) = surface.split_once(' ')
        && let Some(&(_, full)) = PLACE_ABBREVIATIONS.iter().find(|(a, _)| *a == first)
    {
        surface = format!("{full} {rest}");
    }
    Some(Occurrence {
        range,
        kind,
        surface,
        nickname,
    })
}

/// Abbreviated words that open place names, and the words they stand for.
const PLACE_ABBREVIATIONS: [(&str, &str); 4] = [
    ("Mt", "Mount"),
    ("Mt.", "Mount"),
    ("Ft", "Fort"),
    ("Ft.", "Fort"),
];

/// Kinds of vessel written before a ship's name (`Warship INS Sukanya`).
const VESSEL_WORDS: [&str; 12] = [
    "warship",
    "ship",
    "vessel",
    "frigate",
    "destroyer",
    "corvette",
    "cruiser",
    "tanker",
    "freighter",
    "trawler",
    "submarine",
    "yacht",
];

/// Prefixes of ships' names: Indian, United States, Her (His) Majesty's, Australian and
/// Canadian naval ships, motor vessels and royal mail ships (`MS` and `SS` are as often a
/// person's initials: `MS Dhoni`).
const SHIP_PREFIXES: [&str; 8] = ["INS", "USS", "USNS", "HMS", "HMAS", "HMCS", "MV", "RMS"];

fn is_vessel_word(word: &str) -> bool {
    VESSEL_WORDS.iter().any(|v| v.eq_ignore_ascii_case(word))
}

/// The letters of a model's designation: two or three ASCII letters, two of them capitals
/// (`AK`, `MiG`, `AR`).
fn is_model_letters(word: &str) -> bool {
    (2..=3).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_alphabetic())
        && word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// A model's designation: its letters, a hyphen or none, and a number of two digits or more
/// (`AK-47`, `AK47s`, `MiG-29`, `MH17`); one letter (`G20`, `F-16`) is too often a group's name.
fn is_model_designation(word: &str) -> bool {
    let Some(digits_at) = word.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let letters = word[..digits_at].trim_end_matches('-');
    let digits = word[digits_at..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    is_model_letters(letters) && digits >= 2
}

/// Whether the words at `range` of `text` are a model's designation or a name right after
/// one, which name a thing, not an actor: `AK-47`, `a MiG-29`, `six AK 47 rifles` (letters
/// that the number after them makes a designation), `AK-47 Rifles`, `AK 47 Rifles`.
fn names_a_model(text: &str, range: &Range<usize>) -> bool {
    let written = &text[range.clone()];
    let (Some(first), Some(last)) = (
        written.split_whitespace().next(),
        written.split_whitespace().next_back(),
    ) else {
        return false;
    };
    let completes = |word: &str, end: usize| {
        is_model_designation(word) || is_model_letters(word) && model_number_follows(&text[end..])
    };
    let first_end = range.start + written.find(first).unwrap_or(0) + first.len();
    let mut before = text[..range.start].split_whitespace().rev();
    let (word_before, second_before) = (before.next(), before.next());
    // `AK 47 Rifles`: the designation written in two words.
    let number_of_a_model = word_before
        .is_some_and(|n| n.len() >= 2 && n.bytes().all(|b| b.is_ascii_digit()))
        && second_before.is_some_and(is_model_letters);
    completes(first, first_end)
        || completes(last, range.end)
        || word_before.is_some_and(is_model_designation)
        || number_of_a_model
}

/// Codes of the currencies news quotes amounts in.
const CURRENCY_CODES: [&str; 25] = [
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "RUB", "CHF", "AUD", "CAD", "HKD", "SGD",
    "KRW", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "NZD", "TRY", "SAR", "AED",
];

/// Whether the words at `range` of `text` are a currency's code beside an amount (`100
/// billion USD`, `USD 40 million`, `USD40m`), which names no actor.
fn names_a_currency(text: &str, range: &Range<usize>) -> bool {
    let word = &text[range.clone()];
    let code = word.get(..3).filter(|code| CURRENCY_CODES.contains(code));
    let Some(code) = code else {
        return false;
    };
    let digits_after = |s: &str| s.trim_start().starts_with(|c: char| c.is_ascii_digit());
    let rest = &word[code.len()..];
    if !rest.is_empty() {
        return digits_after(rest);
    }
    let amount_before = text[..range.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| {
            w.ends_with(|c: char| c.is_ascii_digit())
                || ["thousand", "million", "billion", "trillion"].contains(&w)
        });
    amount_before || digits_after(&text[range.end..])
}

/// Degrees written after a person's name (`Regina Benjamin, MD`), dots left out.
const DEGREES: [&str; 10] = [
    "MD", "PhD", "DDS", "DVM", "JD", "MBA", "MPH", "RN", "LLD", "Esq",
];

/// Whether a word is one of [`DEGREES`], with or without dots (`M.D.`); read for every
/// name's occurrence, so nothing is allocated.
fn is_degree(word: &str) -> bool {
    let letters = || word.bytes().filter(|&b| b != b'.');
    // Most names are longer than any degree, dots and all: they are told by length alone.
    if word.len() > 2 * MAX_DEGREE_LETTERS {
        return false;
    }
    let count = letters().count();
    DEGREES
        .iter()
        .any(|d| d.len() == count && letters().eq(d.bytes()))
}

/// The letters of the longest of [`DEGREES`].
const MAX_DEGREE_LETTERS: usize = 3;

/// Whether the words at `range` of `text` are a degree, which names no actor: after a
/// person's name (or another degree) and a comma (`Regina Benjamin, MD, PhD`), or before
/// `degree` (`her MD degree`). `Baltimore, MD` after a place stays a place.
fn names_a_degree(text: &str, range: &Range<usize>, spans: &[&NameSpan]) -> bool {
    if !is_degree(&text[range.clone()]) {
        return false;
    }
    let before = text[..range.start].trim_end();
    let after_a_name = before.strip_suffix(',').is_some_and(|name| {
        let name = name.trim_end();
        // The span just before, when it ends where the comma stands; spans are sorted.
        let at = spans.partition_point(|s| s.start < name.len());
        let person =
            at > 0 && spans[at - 1].end == name.len() && spans[at - 1].kind == ActorKind::Person;
        let degree = name
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .next()
            .is_some_and(is_degree);
        person || degree
    });
    let degree_word = text[range.end..]
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("degree"));
    after_a_name || degree_word
}

/// Things a model's designation is written before (`AK 47 rifles`).
const MODEL_NOUNS: [&str; 14] = [
    "rifle",
    "rifles",
    "gun",
    "guns",
    "assault",
    "jet",
    "jets",
    "fighter",
    "fighters",
    "aircraft",
    "helicopter",
    "helicopters",
    "missile",
    "missiles",
];

/// Whether the text after a model's letters completes its designation: a hyphen and a
/// number of two digits or more (`AK-47`), or a space, such a number and one of
/// [`MODEL_NOUNS`] (`AK 47 rifles`).
fn model_number_follows(after: &str) -> bool {
    let number_of = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(rest) = after.strip_prefix('-') {
        return number_of(rest) >= 2;
    }
    let mut words = after.split_whitespace();
    let number = words.next().unwrap_or_default();
    after.starts_with(' ')
        && number.len() >= 2
        && number_of(number) == number.len()
        && words
            .next()
            .map(|w| w.trim_end_matches(|c: char| c.is_ascii_punctuation()))
            .is_some_and(|w| MODEL_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

/// Words that make a place name into an adjective of where something is:
/// `London-based`, `Ethiopian-flagged`, `Kenyan-born`.
const PLACE_ADJECTIVES: [&str; 4] = ["based", "flagged", "born", "registered"];

/// Whether the word after byte `at` of `text` is a reporting verb or a verb in
/// the past tense (`said`, `announced`): what follows a name and a weekday when
/// the weekday dates the sentence.
fn verb_follows(text: &str, at: usize) -> bool {
    let next = text
        .get(at..)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .trim_end_matches(|c: char| !c.is_alphabetic());
    next.chars().next().is_some_and(char::is_lowercase)
        && (next.ends_with("ed") || crate::quotes::is_reporting_verb(next))
}

/// A name as written, whitespace collapsed, split from a nickname given in
/// quotes inside it: `Maurice "Mo" Cheeks` is `Maurice Cheeks`, called `Mo`.
fn without_nickname(written: &str) -> (String, Option<String>) {
    let words: Vec<&str> = written.split_whitespace().collect();
    let opens = |w: &str| w.starts_with(OPENING_QUOTES) && w.len() > 1;
    let closes = |w: &str| w.ends_with(CLOSING_QUOTES);
    if let Some(from) = words.iter().position(|w| opens(w))
        && from > 0
        && let Some(to) = (from..words.len()).find(|&i| closes(words[i]))
        && to + 1 < words.len()
    {
        let nickname = words[from..=to]
            .join(" ")
            .trim_matches(|c| OPENING_QUOTES.contains(&c) || CLOSING_QUOTES.contains(&c))
            .to_string();
        let name: Vec<&str> = words[..from]
            .iter()
            .chain(&words[to + 1..])
            .copied()
            .collect();
        if !nickname.is_empty() {
            return (name.join(" "), Some(nickname));
        }
    }
    (words.join(" "), None)
}

/// How long a nickname in quotes may be, in bytes.
const MAX_NICKNAME: usize = 40;
/// The quotes a nickname opens with, and those it closes with.
const OPENING_QUOTES: [char; 4] = ['"', '“', '\'', '‘'];
const CLOSING_QUOTES: [char; 4] = ['"', '”', '\'', '’'];

/// Where the text names someone with a nickname in quotes between given name and surname
/// (`Vincent "The Chin" Gigante`, `Vincent 'Chin' Gigante`): the byte range from the word
/// before the opening quote to the capitalised word after the closing one, and where that
/// first word ends. In text order.
fn nicknamed_names(text: &str) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    // Opening quotes found by their first byte (`“` and `‘` begin with 0xE2): a search
    // by characters decodes the whole text.
    let bytes = text.as_bytes();
    while let Some(at) = bytes[from..]
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | 0xE2))
    {
        let quote = from + at;
        let open = text[quote..].chars().next().unwrap_or(' ');
        if !OPENING_QUOTES.contains(&open) {
            from = quote + open.len_utf8();
            continue;
        }
        from = quote + open.len_utf8();
        let Some(before) = text[..quote].strip_suffix(' ') else {
            continue;
        };
        let given_start = before.trim_end_matches(char::is_alphabetic).len();
        if !before[given_start..].starts_with(char::is_uppercase) {
            continue;
        }
        let closers: &[char] = if matches!(open, '"' | '“') {
            &['"', '”']
        } else {
            &['\'', '’']
        };
        let inner = &text[from..];
        let Some((len, close)) = inner
            .char_indices()
            .take_while(|&(at, _)| at <= MAX_NICKNAME)
            .find(|&(_, c)| closers.contains(&c))
        else {
            continue;
        };
        let nickname = &inner[..len];
        let words_only = nickname
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-'));
        if !words_only
            || nickname.starts_with(' ')
            || nickname.ends_with(' ')
            || !nickname
                .split(' ')
                .any(|w| w.starts_with(char::is_uppercase))
        {
            continue;
        }
        let after_close = from + len + close.len_utf8();
        let Some(rest) = text[after_close..].strip_prefix(' ') else {
            continue;
        };
        let surname = rest
            .find(|c: char| !c.is_alphabetic() && c != '-')
            .unwrap_or(rest.len());
        if surname < 2 || !rest.starts_with(char::is_uppercase) {
            continue;
        }
        let end = after_close + 1 + surname;
        found.push((given_start..end, quote - 1));
        from = after_close;
    }
    found
}

/// The spans of each name with a nickname in quotes (see [`nicknamed_names`]) made one
/// person's span: the recogniser cuts such names at the quotes (`Vincent` `"The Chin"`
/// `Gigante`) or runs into them (`Vincent "Chin` `Gigante`). A span must cover the first
/// word, and be a person's or that word a given name.
fn join_nicknamed(text: &str, spans: &[&NameSpan]) -> Vec<NameSpan> {
    let named = nicknamed_names(text);
    let lx = lexicon();
    let mut out: Vec<NameSpan> = Vec::with_capacity(spans.len());
    let (mut i, mut k) = (0, 0);
    while i < spans.len() {
        let span = spans[i];
        while named.get(k).is_some_and(|(r, _)| r.end <= span.start) {
            k += 1;
        }
        if let Some((range, given_end)) = named.get(k)
            && span.start < range.end
            && range.start < span.end
        {
            let overlapping = spans[i..]
                .iter()
                .take_while(|s| s.start < range.end)
                .count();
            let members = &spans[i..i + overlapping];
            let given = &text[range.start..*given_end];
            let covers_given = members
                .iter()
                .any(|m| m.start < *given_end && range.start < m.end);
            let person = members.iter().any(|m| m.kind == ActorKind::Person)
                || lx.is_first_name(given)
                || !lx.given_name_lines(&given.to_lowercase()).is_empty();
            if covers_given && person {
                out.push(NameSpan {
                    start: members
                        .iter()
                        .map(|m| m.start)
                        .fold(range.start, usize::min),
                    end: members.iter().map(|m| m.end).fold(range.end, usize::max),
                    kind: ActorKind::Person,
                });
                i += overlapping;
                k += 1;
                continue;
            }
        }
        out.push(span.clone());
        i += 1;
    }
    out
}

/// `clean` of every span, in order. A name recurs through a text ("Maduro" five
/// times), and what `clean` makes of a span depends on its words and kind
/// alone: each distinct span is cleaned once, the others placed from it.
fn clean_all(text: &str, spans: &[&NameSpan]) -> Vec<Occurrence> {
    let mut cleaned: HashMap<(&str, ActorKind), Option<Occurrence>> = HashMap::default();
    spans
        .iter()
        .filter_map(|span| {
            let slice = text.get(span.start..span.end)?;
            let first = cleaned.entry((slice, span.kind)).or_insert_with(|| {
                // Cleaned as if the span began the text: its range is relative.
                let at_start = NameSpan {
                    start: 0,
                    end: slice.len(),
                    ..**span
                };
                clean(slice, &at_start)
            });
            let occ = first.as_ref()?;
            let mut range = span.start + occ.range.start..span.start + occ.range.end;
            if names_a_model(text, &range)
                || names_a_degree(text, &range, spans)
                || names_a_currency(text, &range)
            {
                return None;
            }
            let mut surface = occ.surface.clone();
            // "Springfield, Mo.": a state's abbreviation takes the dot the span left out.
            if occ.kind == ActorKind::Place
                && text[range.end..].starts_with('.')
                && lexicon().us_state(&format!("{surface}.")).is_some()
            {
                range.end += 1;
                surface.push('.');
            }
            // "Microsoft Wednesday announced", "walked into the Albany County
            // Courthouse Monday": a weekday after a name, before the verb or after
            // two words or more, is the sentence's, not the name's ("Sheffield
            // Wednesday beat Leeds" keeps it).
            if let Some((name, day)) = occ.surface.rsplit_once(' ')
                && crate::time::is_day_name(day)
                && (verb_follows(text, range.end) || name.contains(' '))
            {
                let kept = text[range.clone()].trim_end_matches(day).trim_end().len();
                range.end = range.start + kept;
                surface = name.to_string();
            }
            Some(Occurrence {
                range,
                kind: occ.kind,
                surface,
                nickname: occ.nickname.clone(),
            })
        })
        .collect()
}

/// For each occurrence, true when it is an organisation named only as part of a person's title
/// ("Central Bank Governor Ana Ruiz"): such a name says which bank only if the text names it
/// elsewhere too, so a cluster made only of these is no actor.
fn in_roles(text: &str, occs: &[Occurrence]) -> Vec<bool> {
    let lx = lexicon();
    let mut person_starts: Vec<usize> = occs
        .iter()
        .filter(|o| o.kind == ActorKind::Person)
        .map(|o| o.range.start)
        .collect();
    person_starts.sort_unstable();
    let is_person_start = |at: usize| person_starts.binary_search(&at).is_ok();
    occs.iter()
        .map(|occ| {
            if occ.kind != ActorKind::Organization {
                return false;
            }
            let end = occ.range.end;
            let to = (end + ROLE_LOOKAHEAD..end + ROLE_LOOKAHEAD + 4)
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len())
                .min(text.len());
            // The person must start within `end..to`: most organisations have none there,
            // and need not be tokenised after.
            let first_after = person_starts.partition_point(|&p| p < end);
            if person_starts.get(first_after).is_none_or(|&p| p >= to) {
                return false;
            }
            let Some(after) = text.get(end..to) else {
                return false;
            };
            let toks = tokenize(after);
            let words: Vec<&str> = toks.iter().map(|t| t.text(after)).collect();
            lx.title_starting(&words)
                .and_then(|n| toks.get(n))
                .is_some_and(|t| is_person_start(end + t.start))
        })
        .collect()
}

/// How far after an organisation's name a title and a person are looked for, in bytes.
const ROLE_LOOKAHEAD: usize = 48;

/// The key occurrences are grouped by, and the country (or US state) they name, if any.
fn form_key(lx: &Lexicon, occ: &Occurrence) -> (String, Option<&'static str>) {
    if occ.kind != ActorKind::Person
        && let Some(country) = lx.country(&occ.surface)
    {
        return (slug(country), Some(country));
    }
    if occ.kind == ActorKind::Place
        && let Some(state) = lx.us_state(&occ.surface)
    {
        return (slug(state), Some(state));
    }
    (slug(&occ.surface), None)
}

fn name_words(surface: &str) -> Vec<String> {
    surface
        .split_whitespace()
        .map(slug)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Groups occurrences by normalised form, each form with its majority kind.
fn build_forms(occs: &[Occurrence]) -> Vec<Form> {
    let lx = lexicon();
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut forms: Vec<Form> = Vec::new();
    // The form and weakness of a surface (and whether it names a person,
    // which `form_key` reads): worked out at its first occurrence only.
    let mut by_surface: HashMap<(&str, bool), Option<(usize, bool)>> = HashMap::default();
    for (o, occ) in occs.iter().enumerate() {
        let person = occ.kind == ActorKind::Person;
        let found = *by_surface
            .entry((occ.surface.as_str(), person))
            .or_insert_with(|| {
                let (key, country) = form_key(lx, occ);
                if key.is_empty() {
                    return None;
                }
                let weak =
                    occ.surface.split_whitespace().count() == 1 && lx.is_stop_word(&occ.surface);
                let f = *index.entry(key).or_insert_with(|| {
                    forms.push(Form {
                        words: name_words(&occ.surface),
                        kind: occ.kind,
                        occurrences: Vec::new(),
                        country,
                        weak: true,
                    });
                    forms.len() - 1
                });
                Some((f, weak))
            });
        let Some((f, weak)) = found else {
            continue;
        };
        forms[f].occurrences.push(o);
        forms[f].weak &= weak;
    }
    for form in &mut forms {
        let mut counts: Vec<(usize, ActorKind)> = Vec::new();
        for &o in &form.occurrences {
            match counts.iter_mut().find(|(_, k)| *k == occs[o].kind) {
                Some((n, _)) => *n += 1,
                None => counts.push((1, occs[o].kind)),
            }
        }
        // Most frequent kind; the first seen on a tie (max_by_key keeps the last maximum).
        if let Some((_, k)) = counts.iter().rev().max_by_key(|(n, _)| *n) {
            form.kind = *k;
        }
        if form.country.is_some() {
            form.kind = ActorKind::Place;
        }
        // "the South American country": a name ending in a demonym is an adjective of
        // origin, a group at most, never an organisation or a place.
        let ends_in_demonym = form
            .occurrences
            .first()
            .and_then(|&o| occs[o].surface.split_whitespace().last())
            .is_some_and(|w| lx.is_demonym(w));
        if form.country.is_none() && form.words.len() >= 2 && ends_in_demonym {
            form.kind = ActorKind::Group;
        }
    }
    // Lone words the recogniser called persons: the surnames of the text.
    let surnames: HashSet<String> = forms
        .iter()
        .filter(|f| f.kind == ActorKind::Person && f.words.len() == 1)
        .flat_map(|f| f.words.first().cloned())
        .collect();
    for form in &mut forms {
        if let Some(&o) = form.occurrences.first()
            && looks_like_person(lx, form, &occs[o].surface, &surnames)
        {
            form.kind = ActorKind::Person;
        }
    }
    forms
}

/// A name of two or three capitalised words the recogniser called an organisation or group
/// that reads as a person's: it opens with a given name ("Leopoldo López"), or ends in a word
/// the text uses alone as a person's name, and holds no organisation word ("Kim Petroleum
/// Group" stays).
fn looks_like_person(lx: &Lexicon, form: &Form, surface: &str, surnames: &HashSet<String>) -> bool {
    let words: Vec<&str> = surface.split_whitespace().collect();
    matches!(form.kind, ActorKind::Organization | ActorKind::Group)
        && form.country.is_none()
        && (2..=3).contains(&words.len())
        && words.len() == form.words.len()
        && words
            .iter()
            .all(|w| is_capitalised(w) && !is_shouted(w) && !lx.is_org_word(w))
        && words.iter().all(|w| lx.country(w).is_none())
        && (lx.is_first_name(words[0]) || form.words.last().is_some_and(|l| surnames.contains(l)))
}

/// All capitals, as in headlines ("UNITED NATIONS", "SHEARER").
fn is_shouted(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() > 1 && !s.chars().any(char::is_lowercase)
}

/// The canonical name of a group of forms: the fullest form (most words), then the most
/// frequent, then the first; within that form mixed case beats headline capitals, then the
/// accented spelling wins ("López").
fn canonical(forms: &[Form], members: &[usize], occs: &[Occurrence]) -> (String, ActorKind) {
    if let Some(country) = members.iter().find_map(|&f| forms[f].country) {
        return (country.to_string(), ActorKind::Place);
    }
    let best = members.iter().copied().max_by_key(|&f| {
        let first = forms[f]
            .occurrences
            .first()
            .map_or(0, |&o| occs[o].range.start);
        (
            forms[f].words.len(),
            forms[f].occurrences.len(),
            std::cmp::Reverse(first),
        )
    });
    let Some(best) = best else {
        return (String::new(), ActorKind::Group);
    };
    let form = &forms[best];
    let surfaces: Vec<&str> = form
        .occurrences
        .iter()
        .map(|&o| occs[o].surface.as_str())
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for s in &surfaces {
        *counts.entry(s).or_default() += 1;
    }
    let name = surfaces
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| {
            let count = counts.get(s).copied().unwrap_or(0);
            (!is_shouted(s), !s.is_ascii(), count, std::cmp::Reverse(i))
        })
        .map_or_else(String::new, |(_, s)| s.to_string());
    (name, form.kind)
}

/// The role at `r` as the text would write it mid-sentence: a capital that only opens the
/// sentence goes ("National security adviser John Bolton said" gives "national security
/// adviser", as "the national security adviser" elsewhere does). A title capitalised before
/// the name ("Defense Minister", "Secretary of State") keeps its capitals: the later words say
/// which style it is.
fn sentence_case_role(text: &str, r: Range<usize>) -> String {
    let role = &text[r.clone()];
    let opens_sentence = text[..r.start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '“' | '”' | ':' | '—'));
    let mut words = role.split_whitespace();
    let Some(first) = words.next() else {
        return role.to_string();
    };
    let rest: Vec<&str> = words.collect();
    let lx = lexicon();
    // Every later word lowercase: "Secretary of State" is a title-case title.
    if opens_sentence
        && !rest.is_empty()
        && rest.iter().all(|w| !w.chars().any(char::is_uppercase))
        && (lx.is_title_word(first) || lx.is_modifier(first))
        && first.chars().skip(1).all(|c| !c.is_uppercase())
    {
        let mut chars = role.chars();
        if let Some(c) = chars.next() {
            return c.to_lowercase().chain(chars).collect();
        }
    }
    role.to_string()
}

/// Adds `role` to `roles` unless a case-insensitive equal is already there.
fn push_role(roles: &mut Vec<String>, role: &str) {
    let role = role.split_whitespace().collect::<Vec<_>>().join(" ");
    if !role.is_empty() && !roles.iter().any(|r| r.eq_ignore_ascii_case(&role)) {
        roles.push(role);
    }
}

pub fn resolve(text: &str, names: &[NameSpan]) -> (Vec<LocalActor>, Vec<Mention>) {
    let mut sorted: Vec<&NameSpan> = names.iter().collect();
    sorted.sort_by_key(|s| (s.start, s.end));
    let joined = join_nicknamed(text, &sorted);
    let spans: Vec<&NameSpan> = joined.iter().collect();
    let occs = clean_all(text, &spans);
    let forms = build_forms(&occs);
    let mut groups = Groups::new(&forms);
    join_short_forms(&forms, &mut groups);
    let ambiguous = join_surnames(&forms, &mut groups);
    join_given_names(&forms, &mut groups);
    join_misspellings(&forms, &mut groups);
    join_plurals(&forms, &mut groups);
    join_acronyms(&forms, &occs, &mut groups);
    let moved = assign(text, &forms, &occs, &mut groups, &ambiguous);
    let in_role = in_roles(text, &occs);

    // Each occurrence's group: its form's, or the one an ambiguous surname was assigned to.
    let mut form_of: Vec<Option<usize>> = vec![None; occs.len()];
    for (f, form) in forms.iter().enumerate() {
        for &o in &form.occurrences {
            form_of[o] = Some(f);
        }
    }
    let mut members: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::default();
    for f in 0..forms.len() {
        members.entry(groups.root(f)).or_default().0.push(f);
    }
    for o in 0..occs.len() {
        if let Some(f) = moved[o].or(form_of[o]) {
            members.entry(groups.root(f)).or_default().1.push(o);
        }
    }
    // Groups in order of first mention; all-weak ones, and ambiguous surnames whose every
    // occurrence went to a full name, dropped.
    let mut clusters: Vec<(usize, Vec<usize>, Vec<usize>)> = members
        .into_values()
        .filter(|(m, os)| m.iter().any(|&f| !forms[f].weak) && !os.iter().all(|&o| in_role[o]))
        .filter_map(|(m, os)| {
            let first = os.iter().map(|&o| occs[o].range.start).min()?;
            Some((first, m, os))
        })
        .collect();
    clusters.sort_by_key(|c| c.0);

    let mut others: Vec<Range<usize>> = names
        .iter()
        .filter(|n| n.kind != ActorKind::Person)
        .map(|n| n.start..n.end)
        .collect();
    others.sort_by_key(|r| (r.start, r.end));
    let mut actors = Vec::with_capacity(clusters.len());
    let mut mentions = Vec::new();
    for (a, (_, m, os)) in clusters.iter().enumerate() {
        let (name, kind) = canonical(&forms, m, &occs);
        let mut in_order = os.clone();
        in_order.sort_unstable();
        let mut roles = Vec::new();
        let mut aliases = BTreeSet::new();
        for &o in &in_order {
            let occ = &occs[o];
            mentions.push(Mention {
                start: occ.range.start,
                end: occ.range.end,
                kind: occ.kind,
                actor: a,
            });
            if occ.surface != name {
                aliases.insert(occ.surface.clone());
            }
            // `Mo` of Maurice "Mo" Cheeks is `Mo Cheeks` elsewhere; a longer
            // nickname stands alone (`The Chin`).
            if let Some(nickname) = &occ.nickname {
                match (nickname.split_whitespace().count(), name.rsplit_once(' ')) {
                    (1, Some((_, last))) => aliases.insert(format!("{nickname} {last}")),
                    _ => aliases.insert(nickname.clone()),
                };
            }
            if kind == ActorKind::Person {
                let before = role_before(text, occ.range.start, &others);
                let after = role_after(text, occ.range.end, &others);
                for r in before.into_iter().chain(after) {
                    push_role(&mut roles, &sentence_case_role(text, r));
                }
            }
        }
        actors.push(LocalActor {
            id: slug(&name),
            name,
            kind,
            aliases: aliases.into_iter().collect(),
            roles,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    (actors, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::tests::spans;

    #[test]
    fn degrees_are_told_with_and_without_dots() {
        let longest = DEGREES.iter().map(|d| d.len()).max();
        assert_eq!(longest, Some(MAX_DEGREE_LETTERS));
        for word in ["MD", "M.D.", "Ph.D.", "L.L.D.", "M.P.H.", "Esq."] {
            assert!(is_degree(word), "{word}");
        }
        for word in ["M", "Maryland", "MDs", "P.h.D.D.", "Benjamin"] {
            assert!(!is_degree(word), "{word}");
        }
    }

    /// `in_roles` without its shortcuts: every organisation's lookahead tokenised, persons in a set.
    fn in_roles_tokenising_each(text: &str, occs: &[Occurrence]) -> Vec<bool> {
        let lx = lexicon();
        let persons: HashSet<usize> = occs
            .iter()
            .filter(|o| o.kind == ActorKind::Person)
            .map(|o| o.range.start)
            .collect();
        occs.iter()
            .map(|occ| {
                if occ.kind != ActorKind::Organization {
                    return false;
                }
                let end = occ.range.end;
                let to = (end + ROLE_LOOKAHEAD..end + ROLE_LOOKAHEAD + 4)
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len())
                    .min(text.len());
                let Some(after) = text.get(end..to) else {
                    return false;
                };
                let toks = tokenize(after);
                let words: Vec<&str> = toks.iter().map(|t| t.text(after)).collect();
                lx.title_starting(&words)
                    .and_then(|n| toks.get(n))
                    .is_some_and(|t| persons.contains(&(end + t.start)))
            })
            .collect()
    }

    #[test]
    fn in_roles_agrees_with_tokenising_every_lookahead() {
        use ActorKind::{Organization as Org, Person as Per};
        let text = "Central Bank Governor Ana Ruiz met the Central Bank. Later Acme Corp chief \
                    executive Tom Rey, of Acme Corp, said Acme Corp Chairman Li Wei and the \
                    Central Bank Governor, Ana Ruiz, agreed. Acme Corp spokesman José López, \
                    and Acme Corp  President   Tom Rey. Central Bank";
        let names = [
            ("Central Bank", Org),
            ("Acme Corp", Org),
            ("Ana Ruiz", Per),
            ("Tom Rey", Per),
            ("Li Wei", Per),
            ("José López", Per),
        ];
        let occs: Vec<Occurrence> = spans(text, &names)
            .iter()
            .filter_map(|s| clean(text, s))
            .collect();
        let in_role = in_roles(text, &occs);
        assert_eq!(in_role, in_roles_tokenising_each(text, &occs));
        assert!(in_role.iter().filter(|&&r| r).count() >= 2, "{in_role:?}");
    }
}
