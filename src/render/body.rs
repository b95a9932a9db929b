//! The article text as HTML: every character escaped, actor mentions linked to
//! actor pages, and each dated sentence given an anchor the timeline links to.

use super::links::Links;
use crate::model::{ArticleEntry, Briefing};
use crate::source::BlockKind;
use tera::escape_html;

/// The anchor id of the sentence at byte `offset` of an article body.
pub fn sentence_anchor(offset: usize) -> String {
    format!("s{offset}")
}

pub fn body_html(briefing: &Briefing, article: &ArticleEntry, links: &Links) -> String {
    let body = &article.body;
    let mut html = String::with_capacity(body.len() * 2);
    let mut mentions = article.mentions.iter().peekable();
    let mut events = article
        .events
        .iter()
        .map(|&e| &briefing.events[e])
        .peekable();
    for block in &article.blocks {
        let (open, close) = match block.kind {
            BlockKind::Paragraph => ("<p>", "</p>\n"),
            BlockKind::Heading => ("<h2>", "</h2>\n"),
            BlockKind::ListItem => ("<ul><li>", "</li></ul>\n"),
            BlockKind::Quote => ("<blockquote><p>", "</p></blockquote>\n"),
        };
        html.push_str(open);
        let mut at = block.start;
        // Sentences with events in this block, as (start, end) ranges.
        let mut open_event: Option<usize> = None;
        loop {
            let next_mention = mentions
                .peek()
                .filter(|m| m.0 >= at && m.1 <= block.end)
                .map(|m| m.0);
            let next_event_start = events
                .peek()
                .filter(|e| e.offset >= at && e.offset < block.end && open_event.is_none())
                .map(|e| e.offset);
            let next_event_end = open_event;
            let next = [next_mention, next_event_start, next_event_end]
                .into_iter()
                .flatten()
                .min();
            let Some(next) = next else { break };
            html.push_str(&escape_html(&body[at..next]));
            at = next;
            if Some(next) == next_event_end {
                html.push_str("</span>");
                open_event = None;
                // Several events may share one sentence: skip to the next sentence's event.
                while events.peek().is_some_and(|e| e.offset < at) {
                    events.next();
                }
                continue;
            }
            if Some(next) == next_event_start {
                if let Some(e) = events.next() {
                    let end = e.offset + e.text.len();
                    html.push_str(&format!(
                        "<span class=\"event\" id=\"{}\">",
                        sentence_anchor(e.offset)
                    ));
                    open_event = Some(end.min(block.end));
                }
                continue;
            }
            if let Some(&&(start, end, actor)) = mentions.peek() {
                mentions.next();
                let a = &briefing.actors[actor];
                html.push_str(&format!(
                    "<a class=\"mention {}\" href=\"{}\">{}</a>",
                    a.kind.as_str(),
                    escape_html(&links.actor(&a.id)),
                    escape_html(&body[start..end])
                ));
                at = end;
            }
        }
        html.push_str(&escape_html(&body[at..block.end]));
        if open_event.take().is_some() {
            html.push_str("</span>");
        }
        // Mentions that straddle a block boundary (should not happen) are dropped, not misplaced.
        while mentions.peek().is_some_and(|m| m.0 < block.end) {
            mentions.next();
        }
        html.push_str(close);
    }
    html
}
