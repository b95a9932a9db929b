//! Slugs: lowercase ASCII words joined by `-`, safe as one path segment.

/// `Leopoldo López` -> `leopoldo-lopez`; `U.S.` -> `u-s`. Never empty, never
/// `.` or `..`, never holds a `/`: a slug can only name a folder inside its parent.
pub fn slug(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // `Côte d'Ivoire` -> `cote-divoire`: apostrophes join, they don't split.
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    // Long titles make unwieldy URLs: cut at a word boundary.
    if out.len() > 80 {
        let cut = out[..80].rfind('-').unwrap_or(80);
        out.truncate(cut);
    }
    out
}

/// Makes `base` unique among `taken` by appending `-2`, `-3`, ...; an empty base becomes `fallback`.
pub fn unique(
    base: String,
    fallback: &str,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    let base = if base.is_empty() {
        fallback.to_string()
    } else {
        base
    };
    if taken.insert(base.clone()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| taken.insert(candidate.clone()))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn slugs() {
        assert_eq!(slug("Leopoldo López"), "leopoldo-lopez");
        assert_eq!(slug("U.S."), "u-s");
        assert_eq!(
            slug("  Venezuela's opposition: leader!  "),
            "venezuelas-opposition-leader"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("北京"), "bei-jing");
        assert_eq!(slug("..."), "");
    }

    #[test]
    fn unique_slugs() {
        let mut taken = HashSet::new();
        assert_eq!(unique("a".into(), "x", &mut taken), "a");
        assert_eq!(unique("a".into(), "x", &mut taken), "a-2");
        assert_eq!(unique("".into(), "x", &mut taken), "x");
        assert_eq!(unique("a".into(), "x", &mut taken), "a-3");
    }
}
