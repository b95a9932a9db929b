//! Resolution of name mentions to actors, within one text (`resolve`) and across texts
//! (`merge_across`).
//!
//! Titles and honorifics are roles, not names; countries, their abbreviations and demonyms
//! are one actor per country; a surname or a misspelling joins the full name it stands for.
//! The word lists behind these rules live in `data/`.

mod forms;
mod joins;
mod local;
mod merge;
mod name_lists;
mod roles;
mod similar;
mod surnames;

#[cfg(test)]
pub(crate) mod tests;

use super::{ActorKind, LocalActor, Mention, NameSpan};

/// Groups the names found in one text into actors. Actors come in order of first mention;
/// mentions (the name part of each span, titles trimmed) are sorted by offset.
pub fn resolve(text: &str, names: &[NameSpan]) -> (Vec<LocalActor>, Vec<Mention>) {
    local::resolve(text, names)
}

/// Merges actors across articles: for each actor of `actors`, the index of the
/// actor it merges into (itself when it stands alone).
pub fn merge_across<A: std::borrow::Borrow<LocalActor>>(actors: &[A]) -> Vec<usize> {
    merge::merge_across(actors)
}

/// Rule 8 of the merge, within each article: a place named beside its team is the team
/// (`Indianapolis` beside `the Colts`, where the Colts are the site's Indianapolis Colts).
/// Returns the actors rewired, in order: they say nothing of the team's kind.
pub fn places_as_their_teams<A: std::borrow::Borrow<LocalActor>>(
    actors: &[A],
    articles: &[std::ops::Range<usize>],
    representative: &mut [usize],
) -> Vec<usize> {
    merge::places_as_their_teams(actors, articles, representative)
}

/// The kind of a name its articles give it, from how many give it each kind (`votes`, in
/// [`ActorKind::ALL`] order): the most given (`Saints` a team, though one article took it
/// for a place), `tie` among equals, then the first of `ALL`. A full name (`words` two or
/// more) that a third of its articles or more give a person is a person's: a title before
/// it (`President-elect Barack Obama`) is what makes others read it as a body.
pub fn kind_by_votes(
    votes: &[usize; ActorKind::ALL.len()],
    words: usize,
    tie: ActorKind,
) -> ActorKind {
    let persons = votes[ActorKind::Person as usize];
    if words >= 2 && 3 * persons >= votes.iter().sum::<usize>() && persons > 0 {
        return ActorKind::Person;
    }
    ActorKind::ALL
        .iter()
        .copied()
        .max_by_key(|&k| (votes[k as usize], k == tie, std::cmp::Reverse(k)))
        .unwrap_or(tie)
}

/// Merges the roles an actor is given across articles: one form per role, case ignored (the
/// most frequent capitalisation, else the one with more capitals), most cited first.
pub fn merge_roles<'a>(roles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    roles::merge_roles(roles)
}

/// True when a single word is never a name by itself: a pronoun, function word, day or month
/// ("Instead", "Those", "Thursday"). All-capital abbreviations (`US`) are not stop words.
pub fn is_stop_word(word: &str) -> bool {
    name_lists::lexicon().is_stop_word(word)
}

/// True when a single word is not a name: a stop word, an honorific (`Mr`) or a title
/// (`President`).
pub fn is_non_name(word: &str) -> bool {
    let lx = name_lists::lexicon();
    lx.is_stop_word(word) || lx.is_honorific(word) || lx.is_title_word(word)
}

/// The canonical country name a name, abbreviation or demonym stands for
/// (`U.S.` -> `United States`, `Venezuelan` -> `Venezuela`).
pub fn country(form: &str) -> Option<&'static str> {
    name_lists::lexicon().country(form)
}

/// Whether a person's name carries a word of description beside a name: before it
/// (`Notorious Bettie Page`, `Comedian Ellen DeGeneres`) or, a title, after it (`Sanjay
/// Gupta Surgeon`, a headline's `Sanjay Gupta Surgeon General`). `is_a_form` says whether the
/// name without that word, two words or more, is another form of the same person's (in
/// practice, a more common one). A given name or an initial opening the name is a name's
/// (`Gabriel Garcia Marquez`, `W. Mark Felt`).
pub fn carries_a_description(name: &str, is_a_form: impl Fn(&str) -> bool) -> bool {
    let lx = name_lists::lexicon();
    let before = name.split_once(' ').is_some_and(|(first, rest)| {
        let mut letters = first.chars();
        letters.next().is_some_and(char::is_uppercase)
            && first.chars().count() >= 3
            && letters.all(char::is_lowercase)
            && rest.contains(' ')
            && !lx.is_first_name(first)
            && !crate::names::is_particle(&first.to_lowercase())
            && is_a_form(rest)
    });
    let after = name.rsplit_once(' ').is_some_and(|(rest, last)| {
        rest.contains(' ') && lx.is_title_word(last) && is_a_form(rest)
    });
    before || after
}

/// Whether name `a` is name `b` misspelt: as many words, each the same as the other's or
/// a near spelling of it (`Jerymayne Timmons` for `Jermayne Timmons`), not both the same.
pub fn misspells(a: &str, b: &str) -> bool {
    let (a, b) = (merge::words_of(a), merge::words_of(b));
    a.len() == b.len()
        && a != b
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x == y || similar::near_spelling(x, y))
}

/// True when a word may be part of a role or title (`president`, `opposition`), for
/// callers that need to skip role words around a name.
pub fn is_role_word(word: &str) -> bool {
    let lx = name_lists::lexicon();
    lx.is_title_word(word) || lx.is_modifier(word) || lx.is_honorific(word)
}

/// True when a word names a kind of place whose name follows `of` (`Gulf` of `Aden`).
pub fn is_place_word(word: &str) -> bool {
    name_lists::lexicon().is_place_word(word)
}

/// True when a word makes a name an organisation's (`Corporation`, `Group`).
pub fn is_org_word(word: &str) -> bool {
    name_lists::lexicon().is_org_word(word)
}

/// Corporate forms: a company's name is complete with them, so a place after
/// `of` says where it is, not which it is (`Kia Motors Corp` of `South Korea`), and
/// `Microsoft Corp.` is `Microsoft`.
const CORPORATE: &[&str] = &[
    "corp",
    "corp.",
    "corporation",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "co",
    "co.",
    "company",
    "plc",
    "holdings",
    "industries",
    "group",
    "ag",
    "sa",
];

/// A generational suffix closing a person's name (`Jr.`, `sr`, `III`), case and dot aside.
/// `II` and `IV` close other names too (`World War II`); the others only a person's.
pub fn generational_suffix(word: &str) -> Option<GenerationalSuffix> {
    let bare = word.strip_suffix('.').unwrap_or(word);
    if ["jr", "sr", "iii"]
        .iter()
        .any(|s| bare.eq_ignore_ascii_case(s))
    {
        Some(GenerationalSuffix::OnlyOfPersons)
    } else if ["ii", "iv"].iter().any(|s| bare.eq_ignore_ascii_case(s)) {
        Some(GenerationalSuffix::AlsoOfThings)
    } else {
        None
    }
}

/// Whether a generational suffix makes the name it closes a person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenerationalSuffix {
    OnlyOfPersons,
    AlsoOfThings,
}

/// True when `word` is a corporate form (`Corp.`, `Inc`, `Holdings`), case aside.
pub fn is_corporate_form(word: &str) -> bool {
    CORPORATE.contains(&word.to_lowercase().as_str())
}

/// True when a word is a demonym the country table knows (`Venezuelan`, `Venezuelans`).
pub fn is_demonym(word: &str) -> bool {
    name_lists::lexicon().is_demonym(word)
}
