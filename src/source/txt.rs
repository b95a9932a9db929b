//! Plain-text articles: a title line, a date line, then paragraphs split on blank lines.

use super::{Article, BlockKind, Diagnostic, assemble_body, parse_date};

pub fn parse(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Article> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    let Some((_, title)) = lines.by_ref().find(|(_, l)| !l.is_empty()) else {
        diags.push(Diagnostic::warning(path, None, "empty file; skipped"));
        return None;
    };
    let mut rest: Vec<(usize, &str)> = lines.collect();
    let date_line = rest.iter().position(|(_, l)| !l.is_empty());
    let mut date = None;
    if let Some(i) = date_line {
        let (line_no, line) = rest[i];
        date = parse_date(line);
        if date.is_some() {
            rest.drain(..=i);
        } else if looks_like_a_date(line) {
            diags.push(Diagnostic::warning(
                path,
                Some(line_no),
                format!("`{line}` is not a date briefing reads (try `2 May 2019` or `2019-05-02`); the article is built but not on the timeline"),
            ));
        } else {
            diags.push(Diagnostic::warning(
                path,
                Some(line_no),
                "no date line after the title; the article is built but not on the timeline",
            ));
        }
    }
    let mut paragraphs: Vec<(BlockKind, String)> = Vec::new();
    let mut current = String::new();
    for (_, line) in rest {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push((BlockKind::Paragraph, std::mem::take(&mut current)));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push((BlockKind::Paragraph, current));
    }
    let (body, blocks) = assemble_body(paragraphs);
    if body.is_empty() {
        diags.push(Diagnostic::warning(path, None, "title but no body text"));
    }
    Some(Article {
        path: path.to_string(),
        title: title.to_string(),
        date,
        source: None,
        url: None,
        author: None,
        tags: Vec::new(),
        draft: false,
        body: body.into(),
        blocks,
        copies: Vec::new(),
    })
}

/// A short line with a digit and no sentence punctuation was probably meant as a date.
fn looks_like_a_date(line: &str) -> bool {
    line.len() < 40 && line.chars().any(|c| c.is_ascii_digit()) && !line.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn title_date_paragraphs() {
        let text = "\nA title\n\nThursday, 02 May, 2019\n\nFirst line\ncontinues.\n\nSecond.\n";
        let mut d = Vec::new();
        let a = parse("seeds/a.txt", text, &mut d).expect("article");
        assert_eq!(a.title, "A title");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2019, 5, 2));
        assert_eq!(&*a.body, "First line continues.\n\nSecond.");
        assert_eq!(a.blocks.len(), 2);
        assert!(d.is_empty());
    }

    #[test]
    fn a_bad_date_is_named_with_its_line_and_the_article_kept() {
        let mut d = Vec::new();
        let a = parse("seeds/a.txt", "Title\n\n31 Foo 2019\n\nBody.", &mut d).expect("article");
        assert_eq!(a.date, None);
        assert_eq!(&*a.body, "31 Foo 2019\n\nBody.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(3));
    }

    #[test]
    fn no_date_line_keeps_the_body() {
        let mut d = Vec::new();
        let a = parse("x.txt", "Title\nThe body starts here.", &mut d).expect("article");
        assert_eq!(&*a.body, "The body starts here.");
        assert_eq!(d.len(), 1);
    }
}
