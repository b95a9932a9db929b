//! Read the news as people save it: web pages (`.html`) and feeds (RSS, Atom,
//! JSON Feed) become articles like any other. `briefing add` reads what it
//! fetches through the same functions, so a page saved by hand and a page
//! fetched give the same article.

mod body;
mod feed;
mod page;
mod published;

pub use feed::read_feed;
pub use page::{read_page, read_page_with_charset};

/// A page's document tree, parsed up to where its nesting runs away.
pub fn parse_page(html: &str) -> scraper::Html {
    scraper::Html::parse_document(&html[..nesting_cut(html)])
}

/// An HTML fragment's tree (a feed item's content), as [`parse_page`] bounds it.
pub fn parse_fragment(html: &str) -> scraper::Html {
    scraper::Html::parse_fragment(&html[..nesting_cut(html)])
}

/// Net open elements beyond which the rest of a page is not parsed. html5ever's tree builder
/// scans its stack of open elements, so its cost grows with the square of the nesting depth
/// (20,000 nested `<div>`s take seconds); real pages stay far below this, and a page that
/// degenerates has said its date, if ever, before.
const MAX_NESTING: usize = 3000;

/// Byte length of the prefix of `html` that keeps the estimated nesting under
/// `MAX_NESTING`. A linear scan of start and end tags, ignoring void elements and those a
/// parser closes by itself (`p`, `li`, ...): an estimate, used only as a safety valve.
fn nesting_cut(html: &str) -> usize {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(off) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'<'))
    {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = b.get(start..).map_or(0, |r| {
            r.iter().take_while(|c| c.is_ascii_alphanumeric()).count()
        });
        if name_len == 0 {
            continue;
        }
        let name = b
            .get(start..start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        const SELF_CLOSING: &[&[u8]] = &[
            b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
            b"source", b"track", b"wbr", b"param", b"p", b"li", b"option", b"td", b"tr", b"th",
            b"dt", b"dd", b"tbody", b"thead",
        ];
        if SELF_CLOSING.contains(&name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_NESTING {
                return html.floor_char_boundary(i - 1);
            }
        }
    }
    html.len()
}

/// The text of an HTML document's bytes, in the encoding it declares.
///
/// Order of trust, as browsers do it: a byte order mark, then the charset the
/// server sent (`http_charset`, from `Content-Type`), then a `<meta>`
/// declaration in the first kilobytes; a page declaring nothing is UTF-8 when
/// it decodes as such and Windows-1252 (what browsers assume for old Western
/// pages) when it does not.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> String {
    use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| meta_charset(bytes));
    // A page that says UTF-16 in its markup cannot be, since the markup was
    // read as ASCII: browsers take that as UTF-8 too.
    let encoding = match declared {
        Some(e) if e.output_encoding() == UTF_8 => UTF_8,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    encoding.decode_with_bom_removal(bytes).0.into_owned()
}

/// The encoding a page's `<meta charset>` or `<meta http-equiv
/// content="...; charset=...">` names within its first 4 KB.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let start = from + at + b"charset".len();
        from = start;
        let rest = &head[start..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
        let rest = rest.strip_prefix(b"'").unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| {
                matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace()
            })
            .unwrap_or(rest.len());
        if let Some(encoding) = encoding_rs::Encoding::for_label(&rest[..end]) {
            return Some(encoding);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Only web links may leave a page: `javascript:`, `data:` and the like are dropped.
pub fn web_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8)?.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_encoding_is_used() {
        let latin1 = b"<html><head><meta charset=\"ISO-8859-1\"></head><body>M\xe4rz</body>";
        assert!(decode_html(latin1, None).contains("März"));
        let equiv = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>\xcc\xee\xf1\xea\xe2\xe0";
        assert!(decode_html(equiv, None).contains("Москва"));
        let server = b"<p>M\xe4rz</p>";
        assert!(decode_html(server, Some("iso-8859-1")).contains("März"));
    }

    #[test]
    fn undeclared_pages_are_utf8_when_they_can_be() {
        assert!(decode_html("<p>März</p>".as_bytes(), None).contains("März"));
        assert!(decode_html(b"<p>M\xe4rz</p>", None).contains("März"));
        let bom = b"\xEF\xBB\xBF<meta charset=windows-1252><p>\xc3\xa4</p>";
        assert!(decode_html(bom, None).contains("<p>ä</p>"));
    }

    #[test]
    fn runaway_nesting_is_cut_and_ordinary_pages_are_not() {
        let deep = format!("<p>kept</p>{}", "<div>".repeat(200_000));
        assert!(nesting_cut(&deep) < 20_000);
        let flat = "<div>x</div><p>y<li>z<br>".repeat(10_000);
        assert_eq!(nesting_cut(&flat), flat.len());
    }

    #[test]
    fn only_web_links_are_kept() {
        assert_eq!(web_url(" https://a.org/x "), Some("https://a.org/x".into()));
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("HTTP://A.ORG"), Some("HTTP://A.ORG".into()));
        assert_eq!(web_url("http"), None);
    }
}
