//! Near spellings of a name ("Gaido" for "Guaido"), decided on normalised (slug) words.
//!
//! The threshold is deliberately tight: a wrong merge of two people is worse than a missed
//! one. Both words must have at least `MIN_LEN` letters and start alike, differ by one edit
//! (two for long words), and stay close by Jaro-Winkler.

/// Shorter words are too often different names one letter apart ("Kim"/"Kin", "Lee"/"Lea").
const MIN_LEN: usize = 5;
/// Words this long may differ by two edits.
const LONG_LEN: usize = 9;
const MIN_JARO_WINKLER: f64 = 0.9;

pub fn near_spelling(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < MIN_LEN || a.chars().next() != b.chars().next() {
        return false;
    }
    let max_edits = if la.max(lb) >= LONG_LEN { 2 } else { 1 };
    strsim::damerau_levenshtein(a, b) <= max_edits && strsim::jaro_winkler(a, b) >= MIN_JARO_WINKLER
}

/// `s` and every string one deletion away from it. Two strings within one edit of each
/// other share a key, so an index over these keys finds near spellings without comparing
/// all pairs.
pub fn deletion_keys(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut keys = Vec::with_capacity(chars.len() + 1);
    keys.push(s.to_string());
    for i in 0..chars.len() {
        let key: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
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
    }

    #[test]
    fn deletion_keys_meet_for_one_edit() {
        let a = deletion_keys("gaido");
        let b = deletion_keys("guaido");
        assert!(a.iter().any(|k| b.contains(k)));
    }
}
