//! Escaping of untrusted text for HTML and XML.

/// Escapes text for HTML and XML, in element content and in quoted attribute
/// values: the five characters that can end either. Tera's own escaper also
/// encodes `/`, which no context here needs and which would make every
/// relative link a third longer.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape_html`] appending to `out`. Most text has nothing to escape: it is
/// scanned eight bytes at a time, and copied in runs between the characters
/// that need an entity.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len());
    let mut clean = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8)
            && let Ok(word) = <[u8; 8]>::try_from(word)
            && !has_special(u64::from_le_bytes(word))
        {
            i += 8;
            continue;
        }
        let entity = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => {
                i += 1;
                continue;
            }
        };
        // The five are ASCII, so `clean` and `i` are character boundaries.
        out.push_str(&text[clean..i]);
        out.push_str(entity);
        i += 1;
        clean = i;
    }
    out.push_str(&text[clean..]);
}

/// Whether any byte of `word` is one that [`escape_into`] replaces (the
/// classic test for a zero byte, applied to `word` XOR each of them).
fn has_special(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let is = |c: u8| zero(word ^ (ONES * u64::from(c)));
    (is(b'&') | is(b'<') | is(b'>') | is(b'"') | is(b'\'')) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_can_end_text_or_an_attribute() {
        assert_eq!(
            escape_html(r#"<a href="x" title='y'>Tom & Jerry</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
    }

    #[test]
    fn leaves_everything_else_alone() {
        let text = "../../actors/nicolás-maduro/index.html?a=1 — «ok» 東京";
        assert_eq!(escape_html(text), text.replace('&', "&amp;"));
    }

    /// Every position of a special character in runs longer and shorter than
    /// the eight-byte scan, against the plain byte-by-byte rule.
    #[test]
    fn the_word_scan_misses_nothing() {
        let plain = |t: &str| {
            t.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect::<String>()
        };
        for len in 0..20 {
            for at in 0..len {
                for special in ['&', '<', '>', '"', '\'', 'é'] {
                    let text: String = (0..len)
                        .map(|i| if i == at { special } else { 'a' })
                        .collect();
                    assert_eq!(escape_html(&text), plain(&text), "{text}");
                }
            }
        }
        let mixed = "«ok» 東京 & \"x\" <y> 'z' ÿÿÿÿÿÿÿÿ&";
        assert_eq!(escape_html(mixed), plain(mixed));
    }

    #[test]
    fn appends() {
        let mut out = String::from("<p>");
        escape_into(&mut out, "1 < 2");
        assert_eq!(out, "<p>1 &lt; 2");
    }
}
