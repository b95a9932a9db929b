//! The static search index: every article, actor, event and quote, in one JSON
//! file that the page script fetches only when the reader starts a search.
//!
//! Pagefind was considered (it chunks its index and scales further) but indexing
//! the HTML of 12,000 pages costs seconds that the build-time target cannot pay;
//! a flat index of short records is built in milliseconds from the model.

use super::body::{quote_anchor, sentence_anchor};
use super::links::{actor_path, article_path};
use super::views::Prepared;
use serde::Serialize;
use std::io::Write as _;

#[derive(Serialize)]
struct Record<'a> {
    /// Kind: `article`, `actor`, `event`, `quote`.
    k: &'static str,
    /// The text shown and searched.
    t: &'a str,
    /// A second line: date, kind and role, or speaker.
    s: String,
    /// Link, relative to the site root.
    u: String,
    /// Extra words that match but are not shown (an actor's other names).
    #[serde(skip_serializing_if = "String::is_empty")]
    x: String,
}

/// `search.json` in memory.
pub fn search_index(p: &Prepared) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_search_index(p, &mut bytes);
    bytes
}

/// `search.json` written to `out` as it is made.
pub fn write_search_index(p: &Prepared, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let b = p.b;
    let mut records = Vec::new();
    for a in &b.actors {
        let role = a
            .roles
            .first()
            .map(|r| format!(" · {r}"))
            .unwrap_or_default();
        records.push(Record {
            k: "actor",
            t: &a.name,
            s: format!("{}{role}", a.kind.as_str()),
            u: actor_path(&a.id),
            x: a.aliases.join(" "),
        });
    }
    for a in &b.articles {
        let date = a
            .date
            .map(|d| d.format("%-d %B %Y").to_string())
            .unwrap_or_default();
        records.push(Record {
            k: "article",
            t: &a.title,
            s: date,
            u: article_path(&a.id),
            x: String::new(),
        });
    }
    for q in &b.quotes {
        let speaker = q
            .speaker
            .map_or("speaker not named", |s| b.actors[s].name.as_str());
        let article = &b.articles[q.article];
        records.push(Record {
            k: "quote",
            t: b.quote_text(q),
            s: format!("{speaker}, {}", article.title),
            u: format!("{}#{}", article_path(&article.id), quote_anchor(q.offset)),
            x: String::new(),
        });
    }
    for (i, e) in b.events.iter().enumerate() {
        let article = &b.articles[e.article];
        records.push(Record {
            k: "event",
            t: b.event_text(e),
            s: p.event_date(i).to_string(),
            u: format!(
                "{}#{}",
                article_path(&article.id),
                sentence_anchor(e.offset)
            ),
            x: String::new(),
        });
    }
    // Big chunks: these files are a hundred megabytes, written in 8 KB calls otherwise.
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    serde_json::to_writer(&mut out, &records)?;
    out.write_all(b"\n")?;
    out.flush()
}
