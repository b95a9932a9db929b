//! The static search index: every actor, article, quote and event as a short
//! record, in chunk files that the page script fetches only when the reader
//! searches, in order, and only until it has a page of results: a search for
//! a name is answered by the first chunk, and no file a reader fetches grows
//! with the site (the whole index of a big site is many megabytes).
//!
//! `search/index.json` lists the chunks; `search/<n>.json.gz` holds records
//! `RECORDS_PER_CHUNK * n ..` of the list: actors first, then articles, quotes
//! and events, so the likeliest hits come first, as a gzip-compressed JSON array: news
//! text packs to a fifth, and the index is the bulk of a big site's bytes after its pages
//! (GitHub Pages counts stored bytes; the page script unpacks with the browser's own
//! `DecompressionStream`). A chunk is made from its own
//! slice of the model alone, so chunks render in parallel and `briefing serve`
//! renders just the one asked for.
//!
//! Not Pagefind: its index is chunked by word, so a rare word costs one fetch,
//! but indexing the HTML of every page of a big site costs more build time than
//! the build-time target allows; these records come straight from the model,
//! at a small fraction of that cost.

use super::body::quote_anchor;
use super::links::sentence_anchor;
use super::links::{actor_path, article_path};
use super::page_data::PageData;
use crate::model::{Actor, Briefing, QuoteEntry};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
struct Record<'a> {
    /// Kind: `article`, `actor`, `event`, `quote`.
    k: &'static str,
    /// The text shown and searched.
    t: &'a str,
    /// A second line: date, kind and role, or speaker.
    s: Cow<'a, str>,
    /// Link, relative to the site root.
    u: String,
    /// Extra words that match but are not shown (an actor's other names).
    #[serde(skip_serializing_if = "String::is_empty")]
    x: String,
}

/// Records per chunk file. A record is a few hundred bytes of news text, so a
/// chunk is a few hundred kilobytes: well under the 1 MB that any page may
/// weigh, yet few enough fetches that a search over a big site stays quick.
pub const RECORDS_PER_CHUNK: usize = 1000;

/// Where the list of chunks goes, relative to the output folder.
pub const MANIFEST: &str = "search/index.json";

/// The path of chunk `n`, relative to the output folder.
pub fn chunk_path(n: usize) -> String {
    format!("search/{n}.json.gz")
}

/// How many records the index of `b` has: one per actor, article, quote, event.
fn record_count(b: &Briefing) -> usize {
    b.actors.len() + b.articles.len() + b.quotes.len() + b.events.len()
}

/// How many chunk files the index of `b` has.
pub fn chunk_count(b: &Briefing) -> usize {
    record_count(b).div_ceil(RECORDS_PER_CHUNK)
}

#[derive(Serialize)]
struct Manifest {
    /// Chunk paths relative to the site root, in search order.
    chunks: Vec<String>,
}

/// `search/index.json`: the chunks, in the order to search them.
pub fn manifest(b: &Briefing) -> Vec<u8> {
    let manifest = Manifest {
        chunks: (0..chunk_count(b)).map(chunk_path).collect(),
    };
    let mut bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// `search/<n>.json.gz`: the records of chunk `n` as a JSON array (empty past the end),
/// gzip-compressed.
pub fn chunk(p: &PageData, n: usize) -> Vec<u8> {
    let from = n.saturating_mul(RECORDS_PER_CHUNK);
    let to = from
        .saturating_add(RECORDS_PER_CHUNK)
        .min(record_count(p.b));
    let records: Vec<Record> = (from..to).map(|i| record(p, i)).collect();
    let mut json = serde_json::to_vec(&records).unwrap_or_default();
    json.push(b'\n');
    gzip(&json)
}

/// `bytes` gzip-compressed at the fastest level: it packs news text nearly as well as the
/// default level (a fifth against a sixth) at a third of the time. The header carries no
/// time or name, so the same records give the same bytes.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::fast(),
    );
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Record `i` of the index: actors, then articles, quotes and events.
fn record<'a>(p: &PageData<'a>, i: usize) -> Record<'a> {
    let b = p.b;
    let i = match i.checked_sub(b.actors.len()) {
        None => return actor_record(&b.actors[i]),
        Some(i) => i,
    };
    let i = match i.checked_sub(b.articles.len()) {
        None => return article_record(p, i),
        Some(i) => i,
    };
    match i.checked_sub(b.quotes.len()) {
        None => quote_record(b, &b.quotes[i]),
        Some(i) => event_record(p, i),
    }
}

fn actor_record(a: &Actor) -> Record<'_> {
    let role = a
        .roles
        .first()
        .map(|r| format!(" · {r}"))
        .unwrap_or_default();
    Record {
        k: "actor",
        t: &a.name,
        s: format!("{}{role}", a.kind.as_str()).into(),
        u: actor_path(&a.id),
        x: a.aliases.join(" "),
    }
}

fn article_record<'a>(p: &PageData<'a>, i: usize) -> Record<'a> {
    let a = &p.b.articles[i];
    Record {
        k: "article",
        t: &a.title,
        s: p.article_date(i).map_or("", |(label, _)| label).into(),
        u: article_path(&a.id),
        x: String::new(),
    }
}

fn quote_record<'a>(b: &'a Briefing, q: &QuoteEntry) -> Record<'a> {
    let speaker = q
        .speaker
        .map_or("speaker not named", |s| b.actors[s].name.as_str());
    let article = &b.articles[q.article];
    Record {
        k: "quote",
        t: b.quote_text(q),
        s: format!("{speaker}, {}", article.title).into(),
        u: format!("{}#{}", article_path(&article.id), quote_anchor(q.offset)),
        x: String::new(),
    }
}

fn event_record<'a>(p: &PageData<'a>, i: usize) -> Record<'a> {
    let b = p.b;
    let e = &b.events[i];
    let article = &b.articles[e.article];
    Record {
        k: "event",
        t: b.event_text(e),
        s: Cow::Borrowed(p.event_date(i)),
        u: format!(
            "{}#{}",
            article_path(&article.id),
            sentence_anchor(e.offset)
        ),
        x: String::new(),
    }
}
