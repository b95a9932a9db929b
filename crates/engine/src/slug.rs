//! Slugs: the one way a name or a title becomes an id and a path segment.

/// Lowercase ASCII words joined by `-`: `Leopoldo López` -> `leopoldo-lopez`,
/// `U.S.` -> `u-s`, `Côte d'Ivoire` -> `cote-divoire` (an apostrophe joins, it
/// does not split). Never `.` or `..`, never holds a `/`: a slug can only name
/// a folder inside its parent. Empty when the text has no letter or digit.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // deunicode leaves plain ASCII as it is: skip its copy.
        push_words(&mut out, text);
    } else {
        push_words(&mut out, &deunicode::deunicode(text));
    }
    // Long titles make unwieldy URLs: cut at a word boundary.
    if out.len() > MAX_LEN {
        let cut = out[..MAX_LEN].rfind('-').unwrap_or(MAX_LEN);
        out.truncate(cut);
    }
    out
}

/// The longest slug, in bytes.
const MAX_LEN: usize = 80;

/// Appends the words of ASCII `text` to `out`, lowercase, joined by `-`.
fn push_words(out: &mut String, text: &str) {
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            gap = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert_eq!(slug("Leopoldo López"), "leopoldo-lopez");
        assert_eq!(slug("U.S."), "u-s");
        assert_eq!(slug("  O'Brien  "), "obrien");
        assert_eq!(slug("Côte d’Ivoire"), "cote-divoire");
        assert_eq!(
            slug("  Venezuela's opposition: leader!  "),
            "venezuelas-opposition-leader"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("北京"), "bei-jing");
        assert_eq!(slug("..."), "");
        assert_eq!(slug("--a--b--"), "a-b");
    }

    #[test]
    fn long_slugs_are_cut_at_a_word() {
        let long = "word ".repeat(40);
        let s = slug(&long);
        assert!(s.len() <= 80 && s.ends_with("word"), "{s}");
    }
}
