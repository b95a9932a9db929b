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
    let body = &article.body;
    // Events, quotes (the model sorts quotes by article and offset) and mentions all come in
    // text order, so each block finds its own by binary search: a transcript of 50,000
    // paragraphs must not scan the whole text for each.
    let events = &article.event_sentences;
    let quotes: Vec<usize> = article
        .quotes
        .iter()
        .map(|&q| briefing.quotes[q].offset)
        .collect();
    let mentions = &article.mentions;
    debug_assert!(events.is_sorted() && quotes.is_sorted(), "in text order");
    debug_assert!(
        mentions.windows(2).all(|w| w[0].0 <= w[1].0),
        "mentions in text order"
    );
    let mut html = String::with_capacity(body.len() * 2);
    for block in &article.blocks {
        let (open, close) = match block.kind {
            BlockKind::Paragraph => ("<p>", "</p>\n"),
            BlockKind::Heading => ("<h2>", "</h2>\n"),
            BlockKind::ListItem => ("<ul><li>", "</li></ul>\n"),
            BlockKind::Quote => ("<blockquote><p>", "</p></blockquote>\n"),
        };
        let mut markers: Vec<(usize, Marker)> = Vec::new();
        // Where the block's sentences begin and end, in order: events of one sentence share
        // a span and spans never overlap, so a span that overlaps the last one kept is a
        // repeat.
        let mut edges: Vec<usize> = Vec::new();
        let first = events.partition_point(|&(s, _)| s < block.start);
        for &(s, e) in events[first..].iter().take_while(|&&(s, _)| s < block.end) {
            if e <= block.end && edges.last().is_none_or(|&last| s >= last) {
                edges.extend([s, e]);
                markers.push((s, Marker::OpenEvent(s)));
                markers.push((e, Marker::CloseEvent));
            }
        }
        let first = quotes.partition_point(|&q| q < block.start);
        for &q in quotes[first..].iter().take_while(|&&q| q < block.end) {
            markers.push((q, Marker::QuoteAnchor(q)));
        }
        let first = mentions.partition_point(|&(s, _, _)| s < block.start);
        for (i, &(s, e, _)) in mentions
            .iter()
            .enumerate()
            .skip(first)
            .take_while(|&(_, &(s, _, _))| s < block.end)
        {
            // A mention that straddled a sentence edge would break the nesting: left as text.
            let next_edge = edges.partition_point(|&edge| edge <= s);
            let straddles = edges.get(next_edge).is_some_and(|&edge| edge < e);
            if e <= block.end && !straddles {
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
                    open_actor_link(&mut html, "mention", p, article.mentions[i].2, links);
                }
            }
        }
        escape_into(&mut html, &body[at..block.end]);
        html.push_str(close);
    }
    html
}

/// The text of `article` in `range` (an event's sentence), escaped, between the plain-text
/// `ends` (marks of a cut), each actor it names linked to the actor's page unless `linked`
/// says no (the page of that actor itself): the names a listed event carries, linked where
/// the reader meets them instead of repeated in a list beside it.
pub fn sentence_html(
    p: &PageData,
    article: &ArticleEntry,
    range: std::ops::Range<usize>,
    ends: [&str; 2],
    linked: impl Fn(usize) -> bool,
    links: &Links,
) -> String {
    let body = &article.body;
    let Some(text) = body.get(range.clone()) else {
        return String::new();
    };
    let mut html = String::with_capacity(text.len() * 9 / 8 + 64);
    escape_into(&mut html, ends[0]);
    let mut at = range.start;
    let first = article
        .mentions
        .partition_point(|&(s, _, _)| s < range.start);
    for &(s, e, actor) in article.mentions[first..]
        .iter()
        .take_while(|&&(s, _, _)| s < range.end)
    {
        if e > range.end || s < at || !linked(actor) {
            continue;
        }
        escape_into(&mut html, &body[at..s]);
        open_actor_link(&mut html, "actor", p, actor, links);
        escape_into(&mut html, &body[s..e]);
        html.push_str("</a>");
        at = e;
    }
    escape_into(&mut html, &body[at..range.end]);
    escape_into(&mut html, ends[1]);
    html
}

/// Opens the link of a name in running text to its actor's page: `<a class="CLASS KIND"
/// href="…">` (`mention` in an article's text, the scorers' hook; `actor` elsewhere, as
/// `partials/actor_link.html` writes it).
fn open_actor_link(html: &mut String, class: &str, p: &PageData, actor: usize, links: &Links) {
    html.push_str("<a class=\"");
    html.push_str(class);
    html.push(' ');
    html.push_str(p.b.actors[actor].kind.as_str());
    html.push_str("\" href=\"");
    html.push_str(links.root_html());
    html.push_str(&p.actor_paths_html()[actor]);
    html.push_str("\">");
}
