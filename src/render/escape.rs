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

/// [`escape_html`] appending to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    let mut clean = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[clean..i]);
        out.push_str(entity);
        clean = i + 1;
    }
    out.push_str(&text[clean..]);
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

    #[test]
    fn appends() {
        let mut out = String::from("<p>");
        escape_into(&mut out, "1 < 2");
        assert_eq!(out, "<p>1 &lt; 2");
    }
}
