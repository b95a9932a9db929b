//! The article text as HTML: every character escaped, actor mentions linked to
//! actor pages, each dated sentence wrapped in an anchor the timeline links to,
//! and each quote's start marked for the search results.

use super::escape::escape_into;
use super::links::{Links, SentenceAnchor};
use super::page_data::PageData;
use crate::model::ArticleEntry;
use crate::source::BlockKind;
use std::fmt::Write as _;

/// The anchor id of the quote starting at byte `offset` (the search index links there).
pub fn quote_anchor(offset: usize) -> String {
    format!("q{offset}")
}

/// Something inserted into the text at a byte offset. At one offset, closing
/// tags come first, then anchors, then opening tags (the derived order).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Marker {
    CloseMention,
    CloseEvent,
    QuoteAnchor(usize),
    OpenEvent(usize),
    OpenMention(usize),
}

pub fn body_html(p: &PageData, article: &ArticleEntry, links: &Links) -> String {
    let briefing = p.b;
    let actor_paths = p.actor_paths_html();
    let body = &article.body;
    let events = &article.event_sentences;
    let quotes: Vec<usize> = article
        .quotes
        .iter()
        .map(|&q| briefing.quotes[q].offset)
        .collect();
    let mut html = String::with_capacity(body.len() * 2);
    for block in &article.blocks {
        let (open, close) = match block.kind {
            BlockKind::Paragraph => ("<p>", "</p>\n"),
            BlockKind::Heading => ("<h2>", "</h2>\n"),
            BlockKind::ListItem => ("<ul><li>", "</li></ul>\n"),
            BlockKind::Quote => ("<blockquote><p>", "</p></blockquote>\n"),
        };
        let inside = |s: usize, e: usize| s >= block.start && e <= block.end;
        let mut markers: Vec<(usize, Marker)> = Vec::new();
        let mut block_events: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in events {
            // Events of one sentence share a span; spans never overlap.
            if inside(s, e) && !block_events.iter().any(|&(bs, be)| s < be && bs < e) {
                block_events.push((s, e));
                markers.push((s, Marker::OpenEvent(s)));
                markers.push((e, Marker::CloseEvent));
            }
        }
        for &q in quotes
            .iter()
            .filter(|&&q| q >= block.start && q < block.end)
        {
            markers.push((q, Marker::QuoteAnchor(q)));
        }
        for (i, &(s, e, _)) in article.mentions.iter().enumerate() {
            // A mention that straddled a sentence edge would break the nesting: left as text.
            let straddles = block_events
                .iter()
                .any(|&(es, ee)| (s < es && e > es) || (s < ee && e > ee));
            if inside(s, e) && !straddles {
                markers.push((s, Marker::OpenMention(i)));
                markers.push((e, Marker::CloseMention));
            }
        }
        markers.sort();
        html.push_str(open);
        let mut at = block.start;
        for (pos, marker) in markers {
            escape_into(&mut html, &body[at..pos]);
            at = pos;
            match marker {
                Marker::CloseMention => html.push_str("</a>"),
                Marker::CloseEvent => html.push_str("</span>"),
                // Writing to a String cannot fail.
                Marker::QuoteAnchor(q) => {
                    let _ = write!(html, "<span id=\"{}\"></span>", quote_anchor(q));
                }
                // Written in place: there is one per event sentence.
                Marker::OpenEvent(s) => {
                    let _ = write!(html, "<span class=\"event\" id=\"{}\">", SentenceAnchor(s));
                }
                Marker::OpenMention(i) => {
                    let actor = article.mentions[i].2;
                    html.push_str("<a class=\"mention ");
                    html.push_str(briefing.actors[actor].kind.as_str());
                    html.push_str("\" href=\"");
                    html.push_str(links.root_html());
                    html.push_str(&actor_paths[actor]);
                    html.push_str("\">");
                }
            }
        }
        escape_into(&mut html, &body[at..block.end]);
        html.push_str(close);
    }
    html
}
