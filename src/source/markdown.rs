//! Markdown articles: TOML front matter between `+++` lines, then a CommonMark body.
//!
//! The body is reduced to plain-text blocks (paragraphs, headings, list items,
//! quotes): extraction reads plain text, and the article page is rendered from
//! these blocks with every character escaped. Raw HTML in the Markdown is
//! dropped, never passed through, so an article cannot inject markup.

use super::{Article, BlockKind, Diagnostic, assemble_body, parse_date};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<toml::Value>,
    source: Option<String>,
    url: Option<String>,
    author: Option<String>,
    tags: Vec<String>,
    draft: bool,
}

const KNOWN_KEYS: &[&str] = &["title", "date", "source", "url", "author", "tags", "draft"];

pub fn parse(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Article> {
    let (front, body_md, body_line) = match split_front_matter(text) {
        Ok(Some((toml_text, body, body_line))) => {
            let front = read_front_matter(path, toml_text, diags)?;
            (front, body, body_line)
        }
        Ok(None) => (FrontMatter::default(), text, 1),
        Err(line) => {
            diags.push(Diagnostic::error(
                path,
                Some(line),
                "front matter opened with `+++` is never closed; skipped",
            ));
            return None;
        }
    };
    let blocks = blocks(body_md);
    let mut blocks_iter = blocks.into_iter().peekable();
    let title = match front.title.filter(|t| !t.trim().is_empty()) {
        Some(t) => t.trim().to_string(),
        None => {
            // No title in front matter: a leading heading is the title.
            match blocks_iter.next_if(|(k, _)| *k == BlockKind::Heading) {
                Some((_, heading)) => heading,
                None => {
                    diags.push(Diagnostic::error(
                        path,
                        Some(1),
                        "no `title` in the front matter and no heading; skipped",
                    ));
                    return None;
                }
            }
        }
    };
    let date = match &front.date {
        None => {
            diags.push(Diagnostic::warning(
                path,
                Some(1),
                "no `date` in the front matter; the article is built but not on the timeline",
            ));
            None
        }
        Some(value) => {
            let parsed = match value {
                toml::Value::Datetime(dt) => dt.date.and_then(|d| {
                    chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                }),
                toml::Value::String(s) => parse_date(s),
                _ => None,
            };
            if parsed.is_none() {
                diags.push(Diagnostic::warning(path, line_of_key(text, "date"), format!("`date = {value}` is not a date briefing reads; the article is built but not on the timeline")));
            }
            parsed
        }
    };
    let (body, blocks) = assemble_body(blocks_iter.collect());
    if body.is_empty() {
        diags.push(Diagnostic::warning(
            path,
            Some(body_line),
            "title but no body text",
        ));
    }
    Some(Article {
        path: path.to_string(),
        title,
        date,
        source: front.source,
        url: front.url.and_then(|u| super::web_url(&u)),
        author: front.author,
        tags: front.tags,
        draft: front.draft,
        body: body.into(),
        blocks,
        copies: Vec::new(),
    })
}

/// Splits `+++\n toml \n+++\n body`. Ok(None) when there is no front matter;
/// Err(line) when the opening `+++` on that line is never closed.
fn split_front_matter(text: &str) -> Result<Option<(&str, &str, usize)>, usize> {
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let skipped_lines = text[..text.len() - trimmed.len()].matches('\n').count();
    let Some(after_open) = trimmed.strip_prefix("+++") else {
        return Ok(None);
    };
    let Some(after_open) = after_open
        .trim_start_matches([' ', '\t'])
        .strip_prefix('\n')
    else {
        return Ok(None);
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let toml_text = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let body_line = skipped_lines + 2 + toml_text.matches('\n').count() + 1;
            return Ok(Some((toml_text, body, body_line)));
        }
        offset += line.len();
    }
    Err(skipped_lines + 1)
}

fn read_front_matter(
    path: &str,
    toml_text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    // Line numbers in the file: the front matter starts on the line after `+++`.
    let line_in_file = |offset: usize| {
        toml_text[..offset.min(toml_text.len())]
            .matches('\n')
            .count()
            + 2
    };
    let table: toml::Table = match toml::from_str(toml_text) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_in_file(s.start));
            diags.push(Diagnostic::error(
                path,
                line,
                format!("malformed front matter: {}; skipped", e.message()),
            ));
            return None;
        }
    };
    for key in table.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        let line = toml_text.find(key.as_str()).map(line_in_file);
        diags.push(Diagnostic::warning(
            path,
            line,
            format!("unknown front matter key `{key}` is ignored"),
        ));
    }
    match FrontMatter::deserialize(toml::Value::Table(table)) {
        Ok(f) => Some(f),
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                None,
                format!("front matter: {}; skipped", e.message()),
            ));
            None
        }
    }
}

fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map(|i| i + 1)
}

/// `text` with every run of whitespace made one space and none at either
/// end (what `split_whitespace` joined by spaces gives), leaving `text`
/// empty. Most blocks already are so, and are taken as they are: no copy,
/// no pass over their characters but one over their bytes.
fn collapse_whitespace(text: &mut String) -> String {
    if is_collapsed(text) {
        return std::mem::take(text);
    }
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    text.clear();
    collapsed
}

/// Whether `text` has no whitespace but single spaces between other characters.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for &b in bytes {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            // The rest of ASCII's whitespace, as `char::is_whitespace` has it.
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            _ => after_space = false,
        }
    }
    // Beyond ASCII, whitespace (a no-break space, an em space...) takes
    // several bytes: looked for only in the texts that have such bytes.
    text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// The plain text of each block of a CommonMark document.
fn blocks(markdown: &str) -> Vec<(BlockKind, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut heading = 0usize;
    let mut list = 0usize;
    let mut quote = 0usize;
    let flush = |current: &mut String, out: &mut Vec<(BlockKind, String)>, kind: BlockKind| {
        let text = collapse_whitespace(current);
        if !text.is_empty() {
            out.push((kind, text));
        }
    };
    for event in Parser::new(markdown) {
        let kind = if heading > 0 {
            BlockKind::Heading
        } else if list > 0 {
            BlockKind::ListItem
        } else if quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        match event {
            Event::Start(Tag::Heading { .. }) => heading += 1,
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out, kind);
                list += 1;
            }
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut current, &mut out, kind);
                heading = heading.saturating_sub(1);
            }
            Event::End(TagEnd::Item) => {
                flush(&mut current, &mut out, kind);
                list = list.saturating_sub(1);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut out, kind);
                quote = quote.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::TableCell) => {
                flush(&mut current, &mut out, kind)
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            // Raw HTML is dropped: article text is untrusted.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    let kind = BlockKind::Paragraph;
    flush(&mut current, &mut out, kind);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn whitespace_collapses_as_split_and_joined() {
        let texts = [
            "",
            " ",
            "one",
            "one two",
            " one two",
            "one two ",
            "one  two",
            "one\ttwo",
            "one\ntwo\r\n",
            "one\u{0B}two\u{0C}",
            "Guaidó said\u{A0}so",
            "Guaidó said so",
            "em\u{2003}space",
            "\u{85}next line",
            "  many   spaces\t\there  ",
        ];
        for text in texts {
            let mut current = text.to_string();
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(&mut current), expected, "{text:?}");
            assert!(current.is_empty());
        }
    }

    #[test]
    fn front_matter_and_blocks() {
        let text = "+++\ntitle = \"T\"\ndate = 2019-05-01\ntags = [\"a\"]\n+++\n# Head\n\nOne *two*\nthree.\n\n- item\n";
        let mut d = Vec::new();
        let a = parse("x.md", text, &mut d).expect("article");
        assert_eq!(a.title, "T");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2019, 5, 1));
        assert_eq!(&*a.body, "Head\n\nOne two three.\n\nitem");
        let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::ListItem
            ]
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn string_dates_and_raw_html_dropped() {
        let text = "+++\ntitle = \"T\"\ndate = \"May 2, 2019\"\n+++\nHi <script>alert(1)</script> there\n\n<div>x</div>\n";
        let mut d = Vec::new();
        let a = parse("x.md", text, &mut d).expect("article");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2019, 5, 2));
        assert!(!a.body.contains('<'), "{}", a.body);
    }

    #[test]
    fn malformed_front_matter_names_the_line() {
        let mut d = Vec::new();
        assert!(parse("x.md", "+++\ntitle = \"T\"\ndate = = 3\n+++\nbody", &mut d).is_none());
        assert_eq!(d[0].line, Some(3), "{:?}", d[0]);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let mut d = Vec::new();
        assert!(parse("x.md", "+++\ntitle = \"T\"\nbody", &mut d).is_none());
        assert_eq!(d[0].line, Some(1));
    }

    #[test]
    fn unknown_keys_warn_and_unsafe_urls_drop() {
        let mut d = Vec::new();
        let a = parse("x.md", "+++\ntitle = \"T\"\ndate = 2019-05-01\nurl = \"javascript:alert(1)\"\nmood = 1\n+++\nb", &mut d)
            .expect("article");
        assert_eq!(a.url, None);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(5));
    }
}
