//! Slim views, one per page kind: exactly what each template shows, nothing more.
//! Templates never see the whole briefing (that is where big sites get slow).

use super::body::{body_html, sentence_anchor};
use super::links::Links;
use crate::model::{Actor, ArticleEntry, Briefing, EventEntry, QuoteEntry};
use serde::Serialize;

#[derive(Serialize)]
pub struct ActorLink {
    pub name: String,
    pub url: String,
    pub kind: &'static str,
    pub role: Option<String>,
    pub articles: usize,
}

impl ActorLink {
    pub fn new(actor: &Actor, links: &Links) -> ActorLink {
        ActorLink {
            name: actor.name.clone(),
            url: links.actor(&actor.id),
            kind: actor.kind.as_str(),
            role: actor.roles.first().cloned(),
            articles: actor.articles.len(),
        }
    }
}

#[derive(Serialize)]
pub struct ArticleLink {
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub source: Option<String>,
}

impl ArticleLink {
    pub fn new(article: &ArticleEntry, links: &Links) -> ArticleLink {
        ArticleLink {
            title: article.title.clone(),
            url: links.article(&article.id),
            date: article.date.map(|d| d.format("%-d %B %Y").to_string()),
            date_iso: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
            source: article.source.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct EventView {
    pub date: String,
    pub date_iso: String,
    pub text: String,
    /// The sentence in its article.
    pub url: String,
    pub article: ArticleLink,
    /// Other articles that report the same event, linked at their sentence.
    pub also: Vec<ArticleLink>,
    pub actors: Vec<ActorLink>,
    /// Actor ids, for the timeline's filter.
    pub actor_ids: String,
}

impl EventView {
    pub fn new(b: &Briefing, e: &EventEntry, links: &Links) -> EventView {
        let article = &b.articles[e.article];
        EventView {
            date: e.when.label(),
            date_iso: e.when.value.clone(),
            text: e.text.clone(),
            url: format!(
                "{}#{}",
                links.article(&article.id),
                sentence_anchor(e.offset)
            ),
            article: ArticleLink::new(article, links),
            also: e
                .also
                .iter()
                .map(|&(a, offset)| {
                    let mut link = ArticleLink::new(&b.articles[a], links);
                    link.url = format!("{}#{}", link.url, sentence_anchor(offset));
                    link
                })
                .collect(),
            actors: e
                .actors
                .iter()
                .map(|&a| ActorLink::new(&b.actors[a], links))
                .collect(),
            actor_ids: e
                .actors
                .iter()
                .map(|&a| b.actors[a].id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

#[derive(Serialize)]
pub struct QuoteView {
    pub text: String,
    pub speaker: Option<ActorLink>,
    pub article: ArticleLink,
}

impl QuoteView {
    pub fn new(b: &Briefing, q: &QuoteEntry, links: &Links) -> QuoteView {
        QuoteView {
            text: q.text.clone(),
            speaker: q.speaker.map(|s| ActorLink::new(&b.actors[s], links)),
            article: ArticleLink::new(&b.articles[q.article], links),
        }
    }
}

/// What every page's frame (`base.html`) needs.
#[derive(Serialize)]
pub struct Frame {
    pub site_title: String,
    pub language: String,
    pub title: String,
    pub description: String,
    pub canonical: Option<String>,
    pub home: String,
    pub actors: String,
    pub timeline: String,
    pub css: String,
    pub script: String,
    /// The search index; its links are relative to `root`.
    pub search_index: String,
    pub root: String,
    /// Which navigation entry is the current page.
    pub section: &'static str,
}

#[derive(Serialize)]
pub struct OverviewView {
    pub period: Option<String>,
    pub article_count: usize,
    pub actor_count: usize,
    pub event_count: usize,
    pub key_actors: Vec<ActorLink>,
    pub network: Option<super::network::Network>,
    pub latest_events: Vec<EventView>,
    pub quotes: Vec<QuoteView>,
    pub articles: Vec<ArticleLink>,
}

#[derive(Serialize)]
pub struct ArticleView {
    pub title: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub source: Option<String>,
    pub original_url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub body_html: String,
    pub actors: Vec<ActorLink>,
    pub events: Vec<EventView>,
    pub quotes: Vec<QuoteView>,
}

impl ArticleView {
    pub fn new(b: &Briefing, a: &ArticleEntry, links: &Links) -> ArticleView {
        let head = ArticleLink::new(a, links);
        ArticleView {
            title: a.title.clone(),
            date: head.date,
            date_iso: head.date_iso,
            source: a.source.clone(),
            original_url: a.url.clone(),
            author: a.author.clone(),
            tags: a.tags.clone(),
            body_html: body_html(b, a, links),
            actors: a
                .actors
                .iter()
                .map(|&x| ActorLink::new(&b.actors[x], links))
                .collect(),
            events: a
                .events
                .iter()
                .map(|&e| EventView::new(b, &b.events[e], links))
                .collect(),
            quotes: a
                .quotes
                .iter()
                .map(|&q| QuoteView::new(b, &b.quotes[q], links))
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct RelatedView {
    pub actor: ActorLink,
    pub shared: usize,
}

#[derive(Serialize)]
pub struct ActorView {
    pub name: String,
    pub kind: &'static str,
    pub roles: Vec<String>,
    pub aliases: Vec<String>,
    pub mention_count: usize,
    pub quotes: Vec<QuoteView>,
    pub articles: Vec<ArticleLink>,
    pub events: Vec<EventView>,
    pub related: Vec<RelatedView>,
}

impl ActorView {
    pub fn new(b: &Briefing, a: &Actor, links: &Links) -> ActorView {
        ActorView {
            name: a.name.clone(),
            kind: a.kind.as_str(),
            roles: a.roles.clone(),
            aliases: a.aliases.clone(),
            mention_count: a.mention_count,
            quotes: a
                .quotes
                .iter()
                .map(|&q| QuoteView::new(b, &b.quotes[q], links))
                .collect(),
            articles: a
                .articles
                .iter()
                .map(|&x| ArticleLink::new(&b.articles[x], links))
                .collect(),
            events: a
                .events
                .iter()
                .map(|&e| EventView::new(b, &b.events[e], links))
                .collect(),
            related: a
                .related
                .iter()
                .map(|&(r, shared)| RelatedView {
                    actor: ActorLink::new(&b.actors[r], links),
                    shared,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct KindGroup {
    pub kind: &'static str,
    pub label: &'static str,
    pub actors: Vec<ActorLink>,
}

#[derive(Serialize)]
pub struct ActorsView {
    pub groups: Vec<KindGroup>,
}

#[derive(Serialize)]
pub struct DayGroup {
    pub label: String,
    pub date_iso: String,
    pub events: Vec<EventView>,
}

#[derive(Serialize)]
pub struct MonthGroup {
    pub label: String,
    pub id: String,
    pub days: Vec<DayGroup>,
}

#[derive(Serialize)]
pub struct TimelineView {
    pub months: Vec<MonthGroup>,
    /// Actors that have events, for the filter: most events first.
    pub filter_actors: Vec<FilterActor>,
    /// Server-drawn axis: one mark per day with events.
    pub axis: Vec<AxisMark>,
}

#[derive(Serialize)]
pub struct FilterActor {
    pub id: String,
    pub name: String,
    pub events: usize,
}

#[derive(Serialize)]
pub struct AxisMark {
    pub label: String,
    pub date_iso: String,
    /// Position along the axis, 0..=100.
    pub percent: f64,
    pub events: usize,
    pub anchor: String,
}
