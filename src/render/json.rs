//! `briefing.json`: the whole model, in the shape INTERFACES.md promises.

use crate::model::{Briefing, When};
use serde::Serialize;
use serde_json::value::RawValue;
use std::io::Write as _;

/// The file is big (the biggest of a big site): its lists
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
    /// Other outlets' copies of the story; absent when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    copies: &'a [crate::source::ArticleCopy],
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
    article: &'a RawValue,
    /// The other articles reporting the event, each once. Left out when there are none
    /// (most events): a list for every event that only repeated `article`
    /// would be a sizeable share of the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    also: Option<S>,
    actors: A,
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    text: &'a str,
    speaker: Option<&'a RawValue>,
    article: &'a RawValue,
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
    // Ids are near half the file (every event names its article and actors):
    // each is written as a JSON string once here, then copied wherever it appears.
    let actor_ids = json_strings(b.actors.iter().map(|a| a.id.as_str()))?;
    let article_ids = json_strings(b.articles.iter().map(|a| a.id.as_str()))?;
    let actor_id = |i: usize| &*actor_ids[i];
    let article_id = |i: usize| &*article_ids[i];
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
                copies: &a.copies,
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
                also: e
                    .also
                    .iter()
                    .any(|&(a, _)| a != e.article)
                    .then_some(Seq(move || {
                        e.reporting_articles().into_iter().skip(1).map(article_id)
                    })),
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
    let mut ser = serde_json::Serializer::with_formatter(&mut out, RecordLines::default());
    json.serialize(&mut ser)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Each string as JSON writes it, quotes and escapes included, ready to be
/// copied into the file as it is.
fn json_strings<'s>(strings: impl Iterator<Item = &'s str>) -> std::io::Result<Vec<Box<RawValue>>> {
    strings
        .map(|s| {
            serde_json::to_string(s)
                .and_then(RawValue::from_string)
                .map_err(std::io::Error::other)
        })
        .collect()
}

/// Writes JSON one record per line: the top-level keys and the items of the
/// lists under them each start a line, and everything deeper is compact. The
/// file stays easy to grep, diff and page through, at a little over the size
/// of compact JSON (fully indented JSON is much bigger and slower to write).
#[derive(Default)]
struct RecordLines {
    /// How many arrays and objects are open.
    depth: usize,
    /// Whether the innermost open array or object has an item yet.
    has_items: bool,
}

impl RecordLines {
    /// The depth (1: the top object) at which a container's items start lines:
    /// the top object's keys, and the records of the lists under them.
    fn spread(depth: usize, array: bool) -> bool {
        depth == 1 || (array && depth == 2)
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_items = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
        array: bool,
    ) -> std::io::Result<()> {
        if Self::spread(self.depth, array) && self.has_items {
            w.write_all(b"\n")?;
        }
        self.depth -= 1;
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
        array: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if Self::spread(self.depth, array) {
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for RecordLines {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]", true)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first, true)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_items = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}", false)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first, false)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_items = true;
        Ok(())
    }
}

/// Serialises a value as the text `Display` writes.
fn as_text<S: serde::Serializer>(value: &impl std::fmt::Display, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_lines(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, RecordLines::default());
        let _ = v.serialize(&mut ser);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn one_record_per_line_and_the_same_json() {
        let v = serde_json::json!({
            "site": {"title": "T", "base_url": "/"},
            "articles": [{"id": "a", "actors": ["x", "y"]}, {"id": "b", "actors": []}],
            "events": [],
            "quotes": [{"text": "line\nbreak, \"quoted\"", "speaker": null}]
        });
        let text = record_lines(&v);
        // (`json!` sorts keys.)
        let lines = [
            "{",
            r#""articles":["#,
            r#"{"actors":["x","y"],"id":"a"},"#,
            r#"{"actors":[],"id":"b"}"#,
            "],",
            r#""events":[],"#,
            r#""quotes":["#,
            r#"{"speaker":null,"text":"line\nbreak, \"quoted\""}"#,
            "],",
            r#""site":{"base_url":"/","title":"T"}"#,
            "}",
        ];
        assert_eq!(text, lines.join("\n"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, v);
    }
}
