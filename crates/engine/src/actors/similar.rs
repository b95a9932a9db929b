//! Near spellings of a name ("Gaido" for "Guaido"), decided on normalised (slug) words.
//!
//! The threshold is deliberately tight: a wrong merge of two people is worse than a missed
//! one. Both words must have at least `MIN_LEN` letters and start alike, differ by one edit
//! (two for long words), and stay close by Jaro-Winkler. A letter swapped for another
//! ("Davis"/"David", "Boston"/"Bolton") makes a different name too often, so substitutions
//! count only in words of `MIN_SUBSTITUTION_LEN` letters or more; a dropped, added or
//! transposed letter is the usual typo. A plural is not a misspelling ("the Clintons").

/// Shorter words are too often different names one letter apart ("Kim"/"Kin", "Lee"/"Lea").
const MIN_LEN: usize = 5;
/// Substituted letters count only in words this long.
const MIN_SUBSTITUTION_LEN: usize = 7;
/// Words this long may differ by two edits.
const LONG_LEN: usize = 9;
const MIN_JARO_WINKLER: f64 = 0.9;

pub fn near_spelling(a: &str, b: &str) -> bool {
    if a == b || is_plural_of(a, b) {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < MIN_LEN || a.chars().next() != b.chars().next() {
        return false;
    }
    let max_edits = if la.max(lb) >= LONG_LEN { 2 } else { 1 };
    let edits = strsim::damerau_levenshtein(a, b);
    // Same length and no transposition: the difference is substituted letters.
    let substituted = la == lb && strsim::levenshtein(a, b) == edits;
    edits <= max_edits
        && (!substituted || la >= MIN_SUBSTITUTION_LEN)
        && strsim::jaro_winkler(a, b) >= MIN_JARO_WINKLER
}

/// A near spelling by a dropped, added or transposed letter only: for lone words across
/// articles, where "Hussein" and "Hussain" are as likely two people as one.
pub fn near_spelling_without_substitution(a: &str, b: &str) -> bool {
    near_spelling(a, b)
        && !(a.chars().count() == b.chars().count()
            && strsim::levenshtein(a, b) == strsim::damerau_levenshtein(a, b))
}

/// Surnames this short may be near spellings after the same given name.
const MIN_SURNAME_LEN: usize = 4;

/// A surname with one letter dropped or added (`Rait`, `Raite`), down to `MIN_SURNAME_LEN`
/// letters: only for a surname after the same given name, which anchors the match that a
/// lone short word could not (`Kim`, `Kin`).
pub fn surname_one_letter_apart(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    la.min(lb) >= MIN_SURNAME_LEN
        && la.abs_diff(lb) == 1
        && a.chars().next() == b.chars().next()
        && !is_plural_of(a, b)
        && strsim::levenshtein(a, b) == 1
}

/// True when one word is the other with an `s` added ("Chechens", "Chechen").
pub fn is_plural_of(a: &str, b: &str) -> bool {
    a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

/// Hashes of `s` and of every string one deletion away from it. Two strings within one edit
/// of each other share a hash, so an index over these finds near spellings without comparing
/// all pairs. (Hash collisions only add candidates, which `near_spelling` then rejects.)
pub fn deletion_keys(s: &str) -> Vec<u64> {
    deletion_keys_within(s, 1)
}

/// The deletion keys under which `word` meets every word it is a `near_spelling` of: none
/// for words too short to have one; one deletion deep unless a partner two edits away is
/// possible (one of them `LONG_LEN` long, so `word` at least two letters short of it).
pub fn near_spelling_keys(word: &str) -> Vec<u64> {
    match word.chars().count() {
        n if n < MIN_LEN => Vec::new(),
        n if n + 2 < LONG_LEN => deletion_keys_within(word, 1),
        _ => deletion_keys_within(word, 2),
    }
}

/// Hashes of `s` and of every string up to `deletions` deletions away from it: two strings
/// within that many edits (insertions, deletions, substitutions, transpositions) share one.
pub fn deletion_keys_within(s: &str, deletions: usize) -> Vec<u64> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let chars: Vec<char> = s.chars().collect();
    let fnv = |skip: &[usize]| {
        chars
            .iter()
            .enumerate()
            .filter(|(i, _)| !skip.contains(i))
            .flat_map(|(_, c)| {
                let mut buf = [0u8; 4];
                let len = c.encode_utf8(&mut buf).len();
                buf.into_iter().take(len)
            })
            .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
    };
    let n = chars.len();
    let mut keys = vec![fnv(&[])];
    if deletions >= 1 {
        keys.extend((0..n).map(|i| fnv(&[i])));
    }
    if deletions >= 2 {
        keys.extend(
            (0..n)
                .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
                .map(|(i, j)| fnv(&[i, j])),
        );
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_are_near() {
        assert!(near_spelling("gaido", "guaido"));
        assert!(near_spelling("guiado", "guaido"));
        assert!(near_spelling("zelenskiy", "zelensky"));
        assert!(near_spelling("mohammed", "mohamed"));
    }

    #[test]
    fn different_names_are_not_near() {
        assert!(!near_spelling("kim", "kin"));
        assert!(!near_spelling("maduro", "madura-x"));
        assert!(!near_spelling("bolton", "colton"));
        assert!(!near_spelling("guaido", "guaido"));
        assert!(!near_spelling("pompeo", "pompey-x"));
        assert!(!near_spelling("davis", "david"));
        assert!(!near_spelling("boston", "bolton"));
        assert!(!near_spelling("clintons", "clinton"));
    }

    #[test]
    fn lone_words_need_more_than_a_substitution() {
        assert!(near_spelling("hussein", "hussain"));
        assert!(!near_spelling_without_substitution("hussein", "hussain"));
        assert!(near_spelling_without_substitution("gaido", "guaido"));
        assert!(near_spelling_without_substitution("guiado", "guaido"));
    }

    #[test]
    fn a_short_surname_may_lose_or_gain_one_letter() {
        assert!(surname_one_letter_apart("rait", "raite"));
        assert!(surname_one_letter_apart("raite", "rait"));
        assert!(!surname_one_letter_apart("rait", "rain"), "a substitution");
        assert!(!surname_one_letter_apart("park", "parks"), "a plural");
        assert!(!surname_one_letter_apart("lee", "leee"), "too short");
        assert!(
            !surname_one_letter_apart("rait", "brait"),
            "another first letter"
        );
    }

    #[test]
    fn deletion_keys_meet_for_one_edit() {
        let a = deletion_keys("gaido");
        let b = deletion_keys("guaido");
        assert!(a.iter().any(|k| b.contains(k)));
    }

    #[test]
    fn near_spellings_share_a_key() {
        let shared = |a: &str, b: &str| {
            let b = near_spelling_keys(b);
            near_spelling_keys(a).iter().any(|k| b.contains(k))
        };
        for (a, b) in [
            ("gaido", "guaido"),
            ("guiado", "guaido"),
            ("zelenskiy", "zelensky"),
            ("mohammed", "mohamed"),
            ("hussein", "hussain"),
            ("schwarzenegger", "schwarzeneger"),
        ] {
            assert!(near_spelling(a, b), "{a} {b}");
            assert!(shared(a, b), "{a} {b}");
        }
    }

    #[test]
    fn deletion_keys_within_two_meet_for_two_edits() {
        let shared = |a: &str, b: &str| {
            let b = deletion_keys_within(b, 2);
            deletion_keys_within(a, 2).iter().any(|k| b.contains(k))
        };
        assert!(shared("zelenskiy", "zelensky"));
        assert!(shared("schwarzenegger", "schwarzeneger"));
        assert!(shared("abcdefghij", "abdcefghkj"));
        assert!(!shared("abcdefghij", "klmnopqrst"));
    }
}
