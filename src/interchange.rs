//! The `extract` command's JSON (INTERFACES.md): one object per text, offsets
//! in Unicode code points as Python indexes a string.

use briefing_engine::{Extraction, TimexType};
use serde::Serialize;

#[derive(Serialize)]
pub struct ExtractJson<'a> {
    pub id: &'a str,
    pub dct: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    pub mentions: Vec<MentionJson<'a>>,
    pub timexes: Vec<TimexJson<'a>>,
    pub quotes: Vec<QuoteJson<'a>>,
    pub events: Vec<EventJson<'a>>,
    pub actors: Vec<ActorJson<'a>>,
}

#[derive(Serialize)]
pub struct MentionJson<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: &'static str,
    pub actor: &'a str,
}

#[derive(Serialize)]
pub struct TimexJson<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: &'a str,
}

#[derive(Serialize)]
pub struct QuoteJson<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub speaker: Option<&'a str>,
}

/// A dated sentence as the timeline shows it: its span, its date and its actors.
#[derive(Serialize)]
pub struct EventJson<'a> {
    pub start: usize,
    pub end: usize,
    pub date: &'a str,
    pub actors: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct ActorJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub aliases: &'a [String],
    pub roles: &'a [String],
}

/// Maps byte offsets of one text to code point offsets.
pub struct CodePoints {
    /// `index[b]` = code points before byte `b` (valid at char boundaries).
    index: Vec<u32>,
}

impl CodePoints {
    pub fn new(text: &str) -> CodePoints {
        // One pass over the bytes: a byte gets the count of characters that start
        // before it, so a continuation byte counts its own character.
        let mut index = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        for &b in text.as_bytes() {
            index.push(n);
            n += u32::from(b & 0xc0 != 0x80);
        }
        index.push(n);
        CodePoints { index }
    }

    pub fn at(&self, byte: usize) -> usize {
        self.index.get(byte).copied().unwrap_or(0) as usize
    }
}

/// The interface object for one text and its extraction.
pub fn to_json<'a>(
    id: &'a str,
    dct: Option<chrono::NaiveDate>,
    text: &'a str,
    ex: &'a Extraction,
    with_text: bool,
) -> ExtractJson<'a> {
    let cp = CodePoints::new(text);
    ExtractJson {
        id,
        dct: dct.map(|d| d.format("%Y-%m-%d").to_string()),
        text: with_text.then_some(text),
        mentions: ex
            .mentions
            .iter()
            .map(|m| {
                let actor = &ex.actors[m.actor];
                MentionJson {
                    start: cp.at(m.start),
                    end: cp.at(m.end),
                    text: &text[m.start..m.end],
                    kind: m.kind.as_str(),
                    actor: &actor.id,
                }
            })
            .collect(),
        timexes: ex
            .timexes
            .iter()
            .map(|t| TimexJson {
                start: cp.at(t.start),
                end: cp.at(t.end),
                text: &text[t.start..t.end],
                kind: t.kind,
                value: &t.value,
            })
            .collect(),
        quotes: ex
            .quotes
            .iter()
            .map(|q| QuoteJson {
                start: cp.at(q.start),
                end: cp.at(q.end),
                text: &text[q.start..q.end],
                speaker: q.speaker.map(|s| ex.actors[s].id.as_str()),
            })
            .collect(),
        events: ex
            .events
            .iter()
            .map(|e| EventJson {
                start: cp.at(e.start),
                end: cp.at(e.end),
                date: &e.date,
                actors: e.actors.iter().map(|&a| ex.actors[a].id.as_str()).collect(),
            })
            .collect(),
        actors: ex
            .actors
            .iter()
            .map(|a| ActorJson {
                id: &a.id,
                name: &a.name,
                kind: a.kind.as_str(),
                aliases: &a.aliases,
                roles: &a.roles,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_count_characters_not_bytes() {
        let text = "López é x";
        let cp = CodePoints::new(text);
        let x = text.find('x').expect("x");
        assert_eq!(cp.at(x), 8);
        assert_eq!(cp.at(text.len()), text.chars().count());
        assert_eq!(cp.at(0), 0);
        // Inside a character, the count includes it.
        assert_eq!(CodePoints::new("óx").index, [0, 1, 1, 2]);
        assert_eq!(CodePoints::new("").index, [0]);
    }

    #[test]
    fn events_carry_their_span_date_and_actors_in_code_points() {
        let text = "Ölé. Juan Guaido spoke in Caracas on 30 April 2019.";
        let dct = chrono::NaiveDate::from_ymd_opt(2019, 5, 2);
        let ex = briefing_engine::extract(text, dct);
        let json = to_json("x", dct, text, &ex, false);
        assert_eq!(json.events.len(), 1, "{:?}", ex.events);
        let event = &json.events[0];
        assert_eq!(event.date, "2019-04-30");
        let chars: Vec<char> = text.chars().collect();
        let sentence: String = chars[event.start..event.end].iter().collect();
        assert!(sentence.starts_with("Juan Guaido spoke"), "{sentence}");
        assert!(event.actors.contains(&"juan-guaido"), "{:?}", event.actors);
    }
}
