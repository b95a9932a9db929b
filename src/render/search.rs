//! The static search index: every article, actor, event and quote, in one JSON
//! file that the page script fetches only when the reader starts a search.
//!
//! Pagefind was considered (it chunks its index and scales further) but indexing
//! the HTML of 12,000 pages costs seconds that the build-time target cannot pay;
//! a flat index of short records is built in milliseconds from the model.

use super::views::Prepared;
use serde::Serialize;
use std::fmt;
use std::io::Write as _;

#[derive(Serialize)]
struct Record<'a> {
    /// Kind: `article`, `actor`, `event`, `quote`.
    k: &'static str,
    /// The text shown and searched.
    t: &'a str,
    /// A second line: date, kind and role, or speaker.
    #[serde(serialize_with = "as_text")]
    s: Line<'a>,
    /// Link, relative to the site root.
    #[serde(serialize_with = "as_text")]
    u: Link<'a>,
    /// Extra words that match but are not shown (an actor's other names).
    #[serde(skip_serializing_if = "Aliases::is_empty", serialize_with = "as_text")]
    x: Aliases<'a>,
}

/// A record's second line, written straight into the file (no string per record).
enum Line<'a> {
    Text(&'a str),
    /// `person · minister`.
    Kind(&'static str, Option<&'a str>),
    /// `Speaker, article title`.
    Speaker(&'a str, &'a str),
}

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Text(t) => f.write_str(t),
            Line::Kind(kind, None) => f.write_str(kind),
            Line::Kind(kind, Some(role)) => write!(f, "{kind} · {role}"),
            Line::Speaker(speaker, title) => write!(f, "{speaker}, {title}"),
        }
    }
}

/// A record's link: `links::actor_path`, `links::article_path`, with the
/// anchor of `body::sentence_anchor` (`s`) or of a quote (`q`, see `body`).
enum Link<'a> {
    Actor(&'a str),
    Article(&'a str, Option<(char, usize)>),
}

impl fmt::Display for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Link::Actor(id) => write!(f, "actors/{id}/index.html"),
            Link::Article(id, None) => write!(f, "articles/{id}/index.html"),
            Link::Article(id, Some((kind, offset))) => {
                write!(f, "articles/{id}/index.html#{kind}{offset}")
            }
        }
    }
}

/// An actor's other names, separated by spaces.
struct Aliases<'a>(&'a [String]);

impl Aliases<'_> {
    /// Whether the names join to nothing (then the field is left out).
    fn is_empty(&self) -> bool {
        self.0.iter().all(String::is_empty) && self.0.len() <= 1
    }
}

impl fmt::Display for Aliases<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, alias) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(alias)?;
        }
        Ok(())
    }
}

/// Serialises a value as the text `Display` writes.
fn as_text<S: serde::Serializer>(value: &impl fmt::Display, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// `search.json` in memory.
pub fn search_index(p: &Prepared) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_search_index(p, &mut bytes);
    bytes
}

/// `search.json` written to `out` as it is made: one record at a time, the
/// array's brackets and commas by hand (what `serde_json::to_writer` writes
/// for a sequence).
pub fn write_search_index(p: &Prepared, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let b = p.b;
    let actors = b.actors.iter().map(|a| Record {
        k: "actor",
        t: &a.name,
        s: Line::Kind(a.kind.as_str(), a.roles.first().map(String::as_str)),
        u: Link::Actor(&a.id),
        x: Aliases(&a.aliases),
    });
    let articles = b.articles.iter().enumerate().map(|(i, a)| Record {
        k: "article",
        t: &a.title,
        s: Line::Text(p.article_date(i).map_or("", |d| d.0.as_str())),
        u: Link::Article(&a.id, None),
        x: Aliases(&[]),
    });
    let quotes = b.quotes.iter().map(|q| {
        let speaker = q
            .speaker
            .map_or("speaker not named", |s| b.actors[s].name.as_str());
        let article = &b.articles[q.article];
        Record {
            k: "quote",
            t: b.quote_text(q),
            s: Line::Speaker(speaker, &article.title),
            u: Link::Article(&article.id, Some(('q', q.offset))),
            x: Aliases(&[]),
        }
    });
    let events = b.events.iter().enumerate().map(|(i, e)| Record {
        k: "event",
        t: b.event_text(e),
        s: Line::Text(p.event_date(i)),
        u: Link::Article(&b.articles[e.article].id, Some(('s', e.offset))),
        x: Aliases(&[]),
    });
    // Big chunks: the file is tens of megabytes, written in 8 KB calls otherwise.
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    out.write_all(b"[")?;
    for (i, record) in actors
        .chain(articles)
        .chain(quotes)
        .chain(events)
        .enumerate()
    {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut out, &record)?;
    }
    out.write_all(b"]\n")?;
    out.flush()
}
