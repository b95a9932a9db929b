//! The word lists resolution works from: countries and demonyms, titles, honorifics, role
//! modifiers and non-name words. Each lives in `data/` as a plain list so it can be read and
//! extended without touching code; they are parsed once, on first use.

use crate::list_entries as entries;
use deunicode::deunicode;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const TITLES: &str = include_str!("../../data/titles.txt");
const HONORIFICS: &str = include_str!("../../data/honorifics.txt");
const MODIFIERS: &str = include_str!("../../data/role_modifiers.txt");
const STOPNAMES: &str = include_str!("../../data/stopnames.txt");
const OPENERS: &str = include_str!("../../data/sentence_openers.txt");
const FIRST_NAMES: &str = include_str!("../../data/first_names.txt");
const ORG_WORDS: &str = include_str!("../../data/org_words.txt");
const THING_WORDS: &str = include_str!("../../data/thing_words.txt");
const PLACE_WORDS: &str = include_str!("../../data/place_words.txt");
const US_STATES: &str = include_str!("../../data/us_states.tsv");
const GIVEN_NAME_VARIANTS: &str = include_str!("../../data/given_name_variants.tsv");

/// Every list, parsed.
pub struct Lexicon {
    /// Normalised country form (name, abbreviation or demonym) -> canonical name.
    countries: HashMap<String, &'static str>,
    /// Normalised forms that are demonyms (`venezuelan`, `venezuelans`).
    demonyms: HashSet<String>,
    /// Titles as lowercase token lists (`["secretary", "of", "state"]` style entries allowed).
    titles: Vec<Vec<String>>,
    /// Titles (indices into `titles`) by their first and by their last word: a lookup tries
    /// only the few titles that can match, not all of them.
    titles_by_first: HashMap<String, Vec<usize>>,
    titles_by_last: HashMap<String, Vec<usize>>,
    /// Single-word titles, for quick membership tests.
    title_words: HashSet<String>,
    honorifics: HashSet<String>,
    modifiers: HashSet<String>,
    stop: HashSet<String>,
    openers: HashSet<String>,
    /// Given names, folded (`ivan`): the hand list and those mined for the recogniser.
    first_names: HashSet<String>,
    org_words: HashSet<String>,
    thing_words: HashSet<String>,
    place_words: HashSet<String>,
    /// A US state's abbreviation as written (`Calif.`) -> the state's name.
    us_states: HashMap<&'static str, &'static str>,
    /// Given name or familiar form (`fred`) -> the lines of the variants table that hold
    /// it, one per full name it may stand for (`frederick`, `alfred`…).
    given_name_lines: HashMap<String, Vec<u32>>,
}

fn word_set(list: &'static str) -> HashSet<String> {
    entries(list).map(str::to_lowercase).collect()
}

/// The key a country form is looked up by: ASCII, lowercase, no dots, single spaces, no
/// leading "the" (`the U.S.` -> `us`, `Côte d'Ivoire` -> `cote d'ivoire`).
pub fn country_key(s: &str) -> String {
    if is_plain_ascii(s) {
        return ascii_country_key(s);
    }
    let ascii = deunicode(s).to_lowercase().replace('.', "");
    let words: Vec<&str> = ascii.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// True when `deunicode` leaves `s` as it is (ASCII below DEL), so the fast paths may skip it.
pub fn is_plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| b < 0x7f)
}

/// `country_key` of plain ASCII in one pass and one allocation (it runs for every name).
fn ascii_country_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let start = key.len();
        if start > 0 {
            key.push(' ');
        }
        key.extend(
            word.chars()
                .filter(|&c| c != '.')
                .map(|c| c.to_ascii_lowercase()),
        );
        // A word of dots only is no word.
        if key.len() == start + usize::from(start > 0) {
            key.truncate(start);
        }
    }
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => key,
    }
}

/// Plural of a demonym: `Venezuelan` -> `Venezuelans`; `Swiss`, `Chinese`, `Irish` have none.
fn demonym_plural(d: &str) -> Option<String> {
    let lower = d.to_lowercase();
    let invariant = ["s", "sh", "ch", "ese", "x", "i"];
    if invariant.iter().any(|e| lower.ends_with(e)) {
        None
    } else {
        Some(format!("{lower}s"))
    }
}

fn parse_countries() -> (HashMap<String, &'static str>, HashSet<String>) {
    let mut map = HashMap::default();
    let mut demonyms = HashSet::default();
    for line in entries(COUNTRIES) {
        let mut cols = line.split('\t');
        let Some(name) = cols.next().map(str::trim).filter(|n| !n.is_empty()) else {
            continue;
        };
        let others = cols.next().unwrap_or("");
        let dems = cols.next().unwrap_or("");
        map.insert(country_key(name), name);
        for form in others.split(';').map(str::trim).filter(|f| !f.is_empty()) {
            map.insert(country_key(form), name);
        }
        for dem in dems.split(';').map(str::trim).filter(|f| !f.is_empty()) {
            let key = country_key(dem);
            map.insert(key.clone(), name);
            demonyms.insert(key);
            if let Some(plural) = demonym_plural(dem) {
                let key = country_key(&plural);
                map.insert(key.clone(), name);
                demonyms.insert(key);
            }
        }
    }
    (map, demonyms)
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let (countries, demonyms) = parse_countries();
        let titles: Vec<Vec<String>> = entries(TITLES)
            .map(|t| t.split_whitespace().map(str::to_lowercase).collect())
            .collect();
        let mut titles_by_first: HashMap<String, Vec<usize>> = HashMap::default();
        let mut titles_by_last: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, t) in titles.iter().enumerate() {
            if let (Some(first), Some(last)) = (t.first(), t.last()) {
                titles_by_first.entry(first.clone()).or_default().push(i);
                titles_by_last.entry(last.clone()).or_default().push(i);
            }
        }
        let title_words = titles
            .iter()
            .filter(|t| t.len() == 1)
            .map(|t| t[0].clone())
            .collect();
        Lexicon {
            countries,
            demonyms,
            titles,
            titles_by_first,
            titles_by_last,
            title_words,
            honorifics: word_set(HONORIFICS),
            modifiers: word_set(MODIFIERS),
            stop: word_set(STOPNAMES),
            openers: word_set(OPENERS),
            first_names: entries(FIRST_NAMES)
                .chain(
                    crate::names::MINED_LISTS
                        .lines()
                        .filter_map(|l| l.strip_prefix("first_name\t")),
                )
                .map(|n| deunicode(n.trim()).to_lowercase())
                .collect(),
            org_words: word_set(ORG_WORDS),
            thing_words: word_set(THING_WORDS),
            place_words: word_set(PLACE_WORDS),
            us_states: entries(US_STATES)
                .filter_map(|line| line.split_once('\t'))
                .flat_map(|(state, abbreviations)| {
                    abbreviations.split(';').map(move |a| (a.trim(), state))
                })
                .collect(),
            given_name_lines: given_name_lines(),
        }
    })
}

/// Whether two lists of [`Lexicon::given_name_lines`] meet.
pub fn share_a_line(a: &[u32], b: &[u32]) -> bool {
    a.iter().any(|l| b.contains(l))
}

/// Every name of the variants table, full or familiar, with the numbers of the lines that
/// hold it (`name<TAB>form,form,...`).
fn given_name_lines() -> HashMap<String, Vec<u32>> {
    let mut lines: HashMap<String, Vec<u32>> = HashMap::default();
    for (n, line) in (0u32..).zip(entries(GIVEN_NAME_VARIANTS)) {
        let (name, forms) = line.split_once('\t').unwrap_or((line, ""));
        for form in std::iter::once(name).chain(forms.split(',')) {
            let form = form.trim();
            if !form.is_empty() {
                lines.entry(form.to_string()).or_default().push(n);
            }
        }
    }
    lines
}

impl Lexicon {
    /// The canonical country a name, abbreviation or demonym stands for.
    pub fn country(&self, form: &str) -> Option<&'static str> {
        self.countries.get(&country_key(form)).copied()
    }

    /// The US state an abbreviation written as in a dateline stands for (`Mo.` -> Missouri).
    pub fn us_state(&self, form: &str) -> Option<&'static str> {
        self.us_states.get(form).copied()
    }

    pub fn is_demonym(&self, form: &str) -> bool {
        self.demonyms.contains(&country_key(form))
    }

    pub fn is_honorific(&self, word: &str) -> bool {
        with_lower(word, |l| self.honorifics.contains(l))
    }

    /// A one-word title (`president`, `Gen.`), case-insensitive, also one to come
    /// (`Mayor-elect`) and, before names, several people's (`Detectives`).
    pub fn is_title_word(&self, word: &str) -> bool {
        let several = starts_capitalised(word);
        with_lower(word, |l| {
            title_key(l, several, |k| self.title_words.contains(k)).is_some()
        })
    }

    /// A word that may stand before a title in a role (`opposition`, `national`).
    pub fn is_modifier(&self, word: &str) -> bool {
        with_lower(word, |l| self.modifiers.contains(l))
    }

    /// Length in words of the longest title that ends the word list `words`.
    pub fn title_ending(&self, words: &[&str]) -> Option<usize> {
        let (last, before) = words.split_last()?;
        let several = starts_capitalised(last);
        let candidates = with_lower(last, |l| {
            let key = title_key(l, several, |k| self.titles_by_last.contains_key(k))?;
            self.titles_by_last.get(key)
        })?;
        candidates
            .iter()
            .map(|&i| &self.titles[i])
            .filter(|t| t.len() <= words.len())
            .filter(|t| {
                // The last word matched by its key; the words before as they are.
                let tail = &before[words.len() - t.len()..];
                tail.iter().zip(t.iter()).all(|(w, t)| lower_is(w, t))
            })
            .map(Vec::len)
            .max()
    }

    /// True when some title ends in `word` (`president`, `state` of "Secretary of State").
    pub fn ends_title(&self, word: &str) -> bool {
        let several = starts_capitalised(word);
        with_lower(word, |l| {
            title_key(l, several, |k| self.titles_by_last.contains_key(k)).is_some()
        })
    }

    /// Length in words of the longest title that starts the word list `words`.
    pub fn title_starting(&self, words: &[&str]) -> Option<usize> {
        let first = words.first()?;
        let candidates = with_lower(first, |l| self.titles_by_first.get(l))?;
        candidates
            .iter()
            .map(|&i| &self.titles[i])
            .filter(|t| t.len() <= words.len())
            .filter(|t| words.iter().zip(t.iter()).all(|(w, t)| lower_is(w, t)))
            .map(Vec::len)
            .max()
    }

    /// A given name (`Leopoldo`, `Ivan`), accents and case ignored.
    pub fn is_first_name(&self, word: &str) -> bool {
        if is_plain_ascii(word) {
            with_lower(word, |l| self.first_names.contains(l))
        } else {
            self.first_names.contains(&deunicode(word).to_lowercase())
        }
    }

    /// The lines of the given-name variants table that hold a given name, lower case: two
    /// names are a full name and a familiar form of it (`frederick`, `fred`), or two familiar
    /// forms of one (`katie`, `kathy`), when their lines meet (see [`share_a_line`]).
    pub fn given_name_lines(&self, name: &str) -> &[u32] {
        self.given_name_lines.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether a name of these words names a thing, not an actor: `Monroe
    /// Doctrine`, `Patriot Act`, `Operation Freedom`.
    pub fn is_thing(&self, words: &[&str]) -> bool {
        let thing = |w: &str| with_lower(w, |l| self.thing_words.contains(l));
        match words {
            [first, .., last] => thing(last) || first.eq_ignore_ascii_case("operation"),
            _ => false,
        }
    }

    /// A word that names a kind of place and takes the place's name after `of` (`Gulf`).
    pub fn is_place_word(&self, word: &str) -> bool {
        with_lower(word, |l| self.place_words.contains(l))
    }

    /// A word that makes a name an organisation's (`Group`, `Bank`).
    pub fn is_org_word(&self, word: &str) -> bool {
        with_lower(word, |l| self.org_words.contains(l))
    }

    /// A sentence-opening word a recogniser may glue to a name ("Instead", "But").
    pub fn is_opener(&self, word: &str) -> bool {
        with_lower(word, |l| self.openers.contains(l))
    }

    /// A word that is never a name on its own: pronouns, function words, days, months.
    /// All-capital words (`US`, `IT`) are abbreviations, not the pronouns they spell.
    pub fn is_stop_word(&self, word: &str) -> bool {
        let all_caps = word.chars().filter(|c| c.is_alphabetic()).count() > 1
            && word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        !all_caps && with_lower(word, |l| self.stop.contains(l))
    }
}

/// Calls `f` with `word.to_lowercase()`, without allocating for the short ASCII words
/// the lists are looked up with thousands of times per text.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        if let Ok(l) = std::str::from_utf8(lower) {
            return f(l);
        }
    }
    f(&word.to_lowercase())
}

/// The title word a lowercase word stands for, among those `is_title` knows: itself, the
/// title of one to come (`mayor-elect`), or, when `several` (the word was capitalised, as
/// before names: `Detectives Ed Beck`), the singular of several people's. Lowercase plurals
/// are people spoken to, not a role (`told reporters Guaido would`).
fn title_key(l: &str, several: bool, is_title: impl Fn(&str) -> bool) -> Option<&str> {
    let l = l
        .strip_suffix("-elect")
        .or_else(|| l.strip_suffix("-designate"))
        .unwrap_or(l);
    if is_title(l) {
        return Some(l);
    }
    let one = l.strip_suffix('s').filter(|_| several && l.len() > 4)?;
    (is_title(one) && OCCUPATION_ENDINGS.iter().any(|e| one.ends_with(e))).then_some(one)
}

/// Endings of titles that name a job (`detective`, `officer`, `senator`, `agent`): their
/// plurals before names are several people's roles. Ranks of birth and their plurals are
/// names too often (`Queens Park Rangers`, `Kings Cross`).
const OCCUPATION_ENDINGS: [&str; 8] = ["er", "or", "ive", "ant", "ent", "ist", "ian", "ee"];

fn starts_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `word.to_lowercase() == lower` for a lowercase `lower`, without allocating for ASCII words.
fn lower_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase() == lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn familiar_forms_are_variants_of_their_given_name() {
        let lx = lexicon();
        let variants = |a, b| share_a_line(lx.given_name_lines(a), lx.given_name_lines(b));
        assert!(variants("frederick", "fred"));
        assert!(variants("katie", "kathryn"));
        assert!(variants("bill", "william"));
        assert!(!variants("john", "joan"));
        assert!(!variants("daniel", "danielle"));
        assert!(lx.given_name_lines("qwzx").is_empty());
    }

    #[test]
    fn countries_have_one_canonical_name() {
        let lx = lexicon();
        for form in [
            "US",
            "U.S.",
            "USA",
            "the United States",
            "America",
            "American",
        ] {
            assert_eq!(lx.country(form), Some("United States"), "{form}");
        }
        assert_eq!(lx.country("Russian Federation"), Some("Russia"));
        assert_eq!(lx.country("Venezuelans"), Some("Venezuela"));
        assert_eq!(lx.country("Côte d'Ivoire"), Some("Ivory Coast"));
        assert_eq!(lx.country("Caracas"), None);
        assert!(lx.is_demonym("Venezuelan"));
        assert!(!lx.is_demonym("Venezuela"));
    }

    #[test]
    fn titles_match_at_the_end_of_a_phrase() {
        let lx = lexicon();
        assert_eq!(
            lx.title_ending(&["White", "House", "press", "secretary"]),
            Some(2)
        );
        assert_eq!(lx.title_ending(&["opposition", "leader"]), Some(1));
        assert_eq!(lx.title_ending(&["reporters"]), None);
        assert_eq!(lx.title_ending(&["Police", "Detectives"]), Some(1));
        assert_eq!(lx.title_ending(&["Mayor-elect"]), Some(1));
        assert_eq!(lx.title_starting(&["Prime", "Minister", "Boris"]), Some(2));
    }

    #[test]
    fn stop_words_spare_abbreviations() {
        let lx = lexicon();
        assert!(lx.is_stop_word("Instead"));
        assert!(lx.is_stop_word("Thursday"));
        assert!(lx.is_stop_word("Christmas"));
        assert!(lx.is_stop_word("us"));
        assert!(!lx.is_stop_word("US"));
        assert!(!lx.is_stop_word("Maduro"));
    }

    #[test]
    fn first_names_and_organisation_words() {
        let lx = lexicon();
        assert!(lx.is_first_name("Leopoldo") && lx.is_first_name("IVÁN"));
        assert!(!lx.is_first_name("Caracas"));
        assert!(lx.is_org_word("Group") && !lx.is_org_word("Ruiz"));
        assert!(lx.is_title_word("Detectives") && lx.is_title_word("Mayor-elect"));
        assert!(!lx.is_title_word("Mrs") && !lx.is_title_word("Ruiz"));
        assert!(!lx.is_title_word("Queens") && lx.is_title_word("Queen"));
    }

    #[test]
    fn lowercasing_helpers_agree_with_to_lowercase() {
        for w in [
            "President",
            "GEN.",
            "élysée",
            "ÉLYSÉE",
            "",
            "a-very-long-ascii-word-of-forty-bytes!",
        ] {
            assert_eq!(with_lower(w, str::to_owned), w.to_lowercase(), "{w}");
            assert!(lower_is(w, &w.to_lowercase()), "{w}");
            assert!(!lower_is(w, "president x"), "{w}");
        }
        let lx = lexicon();
        assert!(lx.is_title_word("PRESIDENT") && lx.is_honorific("Mr"));
        for s in [
            "the U.S.",
            "The  United States",
            "U . S",
            "the",
            "THE",
            "the .",
            ". the x",
            "x\u{b}y",
        ] {
            let slow = {
                let ascii = deunicode(s).to_lowercase().replace('.', "");
                let words: Vec<&str> = ascii.split_whitespace().collect();
                match words.split_first() {
                    Some((&"the", rest)) if !rest.is_empty() => rest.join(" "),
                    _ => words.join(" "),
                }
            };
            assert_eq!(ascii_country_key(s), slow, "{s:?}");
        }
        assert_eq!(lx.title_starting(&[]), None);
        assert_eq!(lx.title_ending(&[]), None);
    }
}
