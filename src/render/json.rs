//! `briefing.json`: the whole model, in the shape INTERFACES.md promises.

use super::links;
use crate::model::{Briefing, When};
use serde::Serialize;
use std::io::Write as _;

#[derive(Serialize)]
struct Json<'a> {
    site: SiteJson<'a>,
    articles: Vec<ArticleJson<'a>>,
    actors: Vec<ActorJson<'a>>,
    events: Vec<EventJson<'a>>,
    quotes: Vec<QuoteJson<'a>>,
}

#[derive(Serialize)]
struct SiteJson<'a> {
    title: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<String>,
    url: String,
    actors: Vec<&'a str>,
}

#[derive(Serialize)]
struct ActorJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    roles: &'a [String],
    url: String,
    articles: Vec<&'a str>,
    mention_count: usize,
}

#[derive(Serialize)]
struct EventJson<'a> {
    /// Its TIMEX3 value, written straight from the date.
    #[serde(serialize_with = "as_text")]
    date: When,
    text: &'a str,
    article: &'a str,
    /// Every article reporting the event, `article` first.
    sources: Vec<&'a str>,
    actors: Vec<&'a str>,
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    article: &'a str,
}

/// `briefing.json` in memory.
pub fn briefing_json(b: &Briefing) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_briefing_json(b, &mut bytes);
    bytes
}

/// `briefing.json` written to `out` as it is made: on a big site it is the
/// biggest file, and never needs to be whole in memory.
pub fn write_briefing_json(b: &Briefing, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let actor_id = |i: usize| b.actors[i].id.as_str();
    let article_id = |i: usize| b.articles[i].id.as_str();
    let url = |path: String| links::absolute_url(&b.site.base_url, &path);
    let json = Json {
        site: SiteJson {
            title: &b.site.title,
            base_url: &b.site.base_url,
        },
        articles: b
            .articles
            .iter()
            .map(|a| ArticleJson {
                id: &a.id,
                title: &a.title,
                date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
                url: url(links::article_path(&a.id)),
                actors: a.actors.iter().map(|&x| actor_id(x)).collect(),
            })
            .collect(),
        actors: b
            .actors
            .iter()
            .map(|a| ActorJson {
                id: &a.id,
                name: &a.name,
                kind: a.kind.as_str(),
                aliases: &a.aliases,
                roles: &a.roles,
                url: url(links::actor_path(&a.id)),
                articles: a.articles.iter().map(|&x| article_id(x)).collect(),
                mention_count: a.mention_count,
            })
            .collect(),
        events: b
            .events
            .iter()
            .map(|e| EventJson {
                date: e.when,
                text: b.event_text(e),
                article: article_id(e.article),
                sources: std::iter::once(e.article)
                    .chain(e.also.iter().map(|&(a, _)| a))
                    .map(article_id)
                    .collect(),
                actors: e.actors.iter().map(|&x| actor_id(x)).collect(),
            })
            .collect(),
        quotes: b
            .quotes
            .iter()
            .map(|q| QuoteJson {
                text: b.quote_text(q),
                speaker: q.speaker.map(actor_id),
                article: article_id(q.article),
            })
            .collect(),
    };
    // Big chunks: these files are a hundred megabytes, written in 8 KB calls otherwise.
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    serde_json::to_writer_pretty(&mut out, &json)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Serialises a value as the text `Display` writes.
fn as_text<S: serde::Serializer>(value: &impl std::fmt::Display, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}
