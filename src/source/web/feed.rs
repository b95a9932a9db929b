//! A feed file (RSS 0.9-2.0, Atom, JSON Feed; `feed-rs` reads all of them into
//! one model) as one article per item.

use super::{body, web_url};
use crate::source::{Article, BlockKind, Diagnostic, assemble_body};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use feed_rs::model::{Entry, Feed, Text};

/// One article per item of the feed in `bytes`, in the feed's order.
pub fn read_feed(shown: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Vec<Article> {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(wall_clock_time)
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(e) => {
            diags.push(Diagnostic::error(
                shown,
                None,
                format!("not an RSS, Atom or JSON feed briefing can read: {e}"),
            ));
            return Vec::new();
        }
    };
    let source = feed
        .title
        .as_ref()
        .map(plain_text)
        .filter(|t| !t.is_empty());
    let mut articles = Vec::with_capacity(feed.entries.len());
    for (number, entry) in feed.entries.iter().enumerate() {
        match item_article(shown, &feed, source.as_deref(), entry) {
            Some(article) => articles.push(article),
            None => diags.push(Diagnostic::warning(
                shown,
                None,
                format!("item {} has neither a title nor text; skipped", number + 1),
            )),
        }
    }
    if feed.entries.is_empty() {
        diags.push(Diagnostic::warning(shown, None, "the feed has no items"));
    }
    articles
}

fn item_article(shown: &str, feed: &Feed, source: Option<&str>, entry: &Entry) -> Option<Article> {
    let paragraphs = match (&entry.content, &entry.summary) {
        (Some(content), _)
            if content
                .body
                .as_deref()
                .is_some_and(|b| !b.trim().is_empty()) =>
        {
            let body = content.body.as_deref().unwrap_or_default();
            if content.content_type.subty() == "plain" {
                plain_paragraphs(body)
            } else {
                body::blocks_from_content_html(body, "")
            }
        }
        (_, Some(summary)) => text_blocks(summary),
        _ => Vec::new(),
    };
    let (body, blocks) = assemble_body(paragraphs);
    let title = entry
        .title
        .as_ref()
        .map(plain_text)
        .filter(|t| !t.is_empty())
        .or_else(|| first_words(&body))?;
    if body.is_empty() && entry.title.is_none() {
        return None;
    }
    let url = entry
        .links
        .iter()
        .filter(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .find_map(|l| web_url(&l.href));
    let author = entry
        .authors
        .iter()
        .chain(&feed.authors)
        .find_map(|p| p.name.as_deref().and_then(person_name));
    let date = entry.published.or(entry.updated).map(|t| t.date_naive());
    Some(Article {
        path: shown.to_string(),
        title,
        date,
        source: source.map(str::to_string),
        url,
        author,
        tags: entry
            .categories
            .iter()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
            .filter(|t| !t.trim().is_empty())
            .collect(),
        draft: false,
        body: body.into(),
        blocks,
        copies: Vec::new(),
    })
}

/// A feed's author as a name: RSS writes `desk@example.org (Ann Lee)`, which
/// arrives as `(Ann Lee)`; an address alone is no name.
fn person_name(raw: &str) -> Option<String> {
    let name = raw.trim();
    let name = name
        .strip_prefix('(')
        .and_then(|n| n.strip_suffix(')'))
        .unwrap_or(name)
        .trim();
    (!name.is_empty() && !name.contains('@')).then(|| name.to_string())
}

/// The blocks of a feed's text field, HTML or plain by its declared type.
fn text_blocks(text: &Text) -> Vec<(BlockKind, String)> {
    if text.content_type.subty() == "plain" {
        plain_paragraphs(&text.content)
    } else {
        body::blocks_from_content_html(&text.content, "")
    }
}

/// A text field as one line of plain text (a title may carry markup).
fn plain_text(text: &Text) -> String {
    text_blocks(text)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain text split into paragraphs at blank lines.
fn plain_paragraphs(text: &str) -> Vec<(BlockKind, String)> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| (BlockKind::Paragraph, p))
        .collect()
}

/// An untitled item (allowed in RSS 2.0) is named by its first words.
fn first_words(body: &str) -> Option<String> {
    let words: Vec<&str> = body.split_whitespace().take(10).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A feed's timestamp as its writer's wall-clock time.
///
/// feed-rs keeps times in UTC, but an item published at 23:30 in New York
/// (`-05:00`) happened on the day New York saw, not the next day in UTC; the
/// date is what the timeline keeps. So the parsed time's offset is dropped
/// and its local time kept.
fn wall_clock_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let local = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .map(|t| t.naive_local())
        .ok()
        .or_else(|| rfc2822_with_zone_name(text))
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        })
        .or_else(|| {
            let day = text.get(..10)?;
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })?;
    Some(local.and_utc())
}

/// RFC 822 dates with a zone name chrono does not know (`CEST`, `IST`) or
/// none at all, read without it.
fn rfc2822_with_zone_name(text: &str) -> Option<NaiveDateTime> {
    let without_zone = match text.rsplit_once(' ') {
        Some((head, zone)) if zone.chars().all(|c| c.is_ascii_alphabetic()) => head,
        _ => text,
    };
    let without_weekday = without_zone
        .split_once(", ")
        .map_or(without_zone, |(_, rest)| rest);
    ["%d %b %Y %H:%M:%S", "%d %b %Y %H:%M", "%d %B %Y %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(without_weekday.trim(), f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Council approves the budget</title><link>https://wire.example.org/budget</link>
<pubDate>Tue, 30 Apr 2019 23:30:00 -0400</pubDate><author>desk@wire.example.org (Ann Lee)</author>
<description><![CDATA[<p>The city council approved the budget on Tuesday.</p><p>The mayor said it was fair.</p>]]></description>
</item>
<item><description>An untitled item: the mayor resigned.</description><pubDate>Wed, 01 May 2019 08:00:00 CEST</pubDate></item>
<item><title>Unsafe link</title><link>javascript:alert(1)</link><description>Text.</description></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2019-05-02T10:00:00Z</updated>
<author><name>Desk</name></author>
<entry><title type="html">Talks &lt;em&gt;resume&lt;/em&gt; in Geneva</title><id>urn:1</id>
<link rel="alternate" href="https://atom.example.org/talks"/>
<published>2019-05-02T09:00:00+02:00</published><updated>2019-05-03T09:00:00+02:00</updated>
<content type="html">&lt;p&gt;Talks resumed in Geneva on Thursday.&lt;/p&gt;</content></entry>
</feed>"#;

    #[test]
    fn every_rss_item_is_an_article_on_its_own_day() {
        let mut diags = Vec::new();
        let articles = read_feed("seeds/wire.rss", RSS.as_bytes(), &mut diags);
        assert_eq!(articles.len(), 3, "{diags:?}");
        let budget = &articles[0];
        assert_eq!(budget.title, "Council approves the budget");
        assert_eq!(
            budget.date,
            NaiveDate::from_ymd_opt(2019, 4, 30),
            "the writer's day, not UTC's"
        );
        assert_eq!(
            budget.url.as_deref(),
            Some("https://wire.example.org/budget")
        );
        assert_eq!(budget.source.as_deref(), Some("Example Wire"));
        assert_eq!(
            &*budget.body,
            "The city council approved the budget on Tuesday.\n\nThe mayor said it was fair."
        );
        assert_eq!(articles[1].title, "An untitled item: the mayor resigned.");
        assert_eq!(articles[1].date, NaiveDate::from_ymd_opt(2019, 5, 1));
        assert_eq!(articles[2].url, None);
        assert_eq!(budget.author.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn atom_entries_keep_published_over_updated() {
        let mut diags = Vec::new();
        let articles = read_feed("seeds/news.atom", ATOM.as_bytes(), &mut diags);
        assert_eq!(articles.len(), 1, "{diags:?}");
        assert_eq!(articles[0].title, "Talks resume in Geneva");
        assert_eq!(articles[0].date, NaiveDate::from_ymd_opt(2019, 5, 2));
        assert_eq!(articles[0].author.as_deref(), Some("Desk"));
        assert_eq!(&*articles[0].body, "Talks resumed in Geneva on Thursday.");
    }

    #[test]
    fn json_feed_items_are_articles() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"JSON News",
          "items":[{"id":"1","url":"https://j.example.org/1","title":"Polls open",
          "content_text":"Polls opened at seven.\n\nTurnout was high.","date_published":"2019-05-03T07:00:00-05:00"}]}"#;
        let mut diags = Vec::new();
        let articles = read_feed("seeds/news.json", json.as_bytes(), &mut diags);
        assert_eq!(articles.len(), 1, "{diags:?}");
        assert_eq!(articles[0].date, NaiveDate::from_ymd_opt(2019, 5, 3));
        assert_eq!(articles[0].blocks.len(), 2);
    }

    #[test]
    fn a_file_that_is_no_feed_is_an_error_naming_it() {
        let mut diags = Vec::new();
        assert!(read_feed("seeds/data.json", b"{\"a\": 1}", &mut diags).is_empty());
        assert!(read_feed("seeds/x.xml", b"<not a feed", &mut diags).is_empty());
        assert!(
            diags
                .iter()
                .all(|d| d.severity == crate::source::Severity::Error)
        );
        assert!(diags[0].to_string().contains("seeds/data.json"));
    }
}
