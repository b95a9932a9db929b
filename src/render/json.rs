//! `briefing.json`: the whole model, in the shape INTERFACES.md promises.

use crate::model::{Briefing, When};
use serde::Serialize;
use std::io::Write as _;

/// The file is big (a hundred megabytes for ten thousand articles): its lists
/// are made as they are written ([`Seq`]), never whole in memory.
#[derive(Serialize)]
struct Json<'a, Ar, Ac, Ev, Qu> {
    site: SiteJson<'a>,
    articles: Ar,
    actors: Ac,
    events: Ev,
    quotes: Qu,
}

/// A list written from the iterator its function makes: serialised as a `Vec`
/// of the same items would be.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// The public URL of a page, as `links::absolute_url` makes it: `base/<kind>/<id>/`.
struct PageUrl<'a> {
    base: &'a str,
    kind: &'static str,
    id: &'a str,
}

impl Serialize for PageUrl<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let base = self.base.trim_end_matches('/');
        s.collect_str(&format_args!("{base}/{}/{}/", self.kind, self.id))
    }
}

/// A date as `2019-05-04`.
struct IsoDate(chrono::NaiveDate);

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

#[derive(Serialize)]
struct SiteJson<'a> {
    title: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct ArticleJson<'a, A> {
    id: &'a str,
    title: &'a str,
    date: Option<IsoDate>,
    url: PageUrl<'a>,
    actors: A,
}

#[derive(Serialize)]
struct ActorJson<'a, A> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    roles: &'a [String],
    url: PageUrl<'a>,
    articles: A,
    mention_count: usize,
}

#[derive(Serialize)]
struct EventJson<'a, S, A> {
    /// Its TIMEX3 value, written straight from the date.
    #[serde(serialize_with = "as_text")]
    date: When,
    text: &'a str,
    article: &'a str,
    /// Every article reporting the event, `article` first.
    sources: S,
    actors: A,
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
    let base = b.site.base_url.as_str();
    let json = Json {
        site: SiteJson {
            title: &b.site.title,
            base_url: &b.site.base_url,
        },
        articles: Seq(|| {
            b.articles.iter().map(move |a| ArticleJson {
                id: &a.id,
                title: &a.title,
                date: a.date.map(IsoDate),
                url: PageUrl {
                    base,
                    kind: "articles",
                    id: &a.id,
                },
                actors: Seq(move || a.actors.iter().map(move |&x| actor_id(x))),
            })
        }),
        actors: Seq(|| {
            b.actors.iter().map(move |a| ActorJson {
                id: &a.id,
                name: &a.name,
                kind: a.kind.as_str(),
                aliases: &a.aliases,
                roles: &a.roles,
                url: PageUrl {
                    base,
                    kind: "actors",
                    id: &a.id,
                },
                articles: Seq(move || a.articles.iter().map(move |&x| article_id(x))),
                mention_count: a.mention_count,
            })
        }),
        events: Seq(|| {
            b.events.iter().map(move |e| EventJson {
                date: e.when,
                text: b.event_text(e),
                article: article_id(e.article),
                sources: Seq(move || {
                    std::iter::once(e.article)
                        .chain(e.also.iter().map(|&(a, _)| a))
                        .map(article_id)
                }),
                actors: Seq(move || e.actors.iter().map(move |&x| actor_id(x))),
            })
        }),
        quotes: Seq(|| {
            b.quotes.iter().map(move |q| QuoteJson {
                text: b.quote_text(q),
                speaker: q.speaker.map(actor_id),
                article: article_id(q.article),
            })
        }),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    serde_json::to_writer_pretty(&mut out, &json)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Serialises a value as the text `Display` writes.
fn as_text<S: serde::Serializer>(value: &impl std::fmt::Display, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}
