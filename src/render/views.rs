//! Slim views, one per page kind: exactly what each template shows, nothing more.
//! Templates never see the whole briefing (that is where big sites get slow).

use super::RenderError;
use super::body::{body_html, sentence_html};
use super::links::{Href, Links, actor_articles_path};
use super::page_data::{ALSO_LIMIT, Listing, PageData, QuotePlace, Rendered, Text};
use crate::model::{Actor, ArticleEntry, EventEntry, QuoteEntry};
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;

#[derive(Serialize)]
pub struct ActorLink<'a> {
    pub name: Text<'a>,
    pub url: Href<'a>,
    pub kind: &'static str,
    pub role: Option<&'a str>,
    pub articles: usize,
}

impl<'a> ActorLink<'a> {
    pub fn new(p: &PageData<'a>, actor: usize, links: &'a Links) -> ActorLink<'a> {
        let a = &p.b.actors[actor];
        ActorLink {
            name: p.actor_name(actor),
            url: p.actor_href(actor, links),
            kind: a.kind.as_str(),
            role: a.roles.first().map(String::as_str),
            articles: a.articles.len(),
        }
    }
}

/// An actor in a list (an article's actors, an actor's companions, the
/// overview's, the actors page): its link as `partials/actor_link.html`
/// renders it, which the page writes (`{{ a.html | safe }}`), beside what the
/// list shows of it. The link's parts stay, for themes that write their own.
#[derive(Serialize)]
pub struct ActorItem<'a> {
    pub html: String,
    #[serde(flatten)]
    pub link: ActorLink<'a>,
}

/// The link's parts read as the item's own (`a.name`), as they are in the
/// template's view of it.
impl<'a> std::ops::Deref for ActorItem<'a> {
    type Target = ActorLink<'a>;
    fn deref(&self) -> &ActorLink<'a> {
        &self.link
    }
}

#[derive(Clone, Serialize)]
pub struct ArticleLink<'a> {
    pub title: Text<'a>,
    pub url: Href<'a>,
    pub date: Option<&'a str>,
    pub date_iso: Option<&'a str>,
    pub source: Option<Text<'a>>,
}

impl<'a> ArticleLink<'a> {
    /// Article `article`, linked at the sentence starting at byte `sentence` when given.
    pub fn new(
        p: &PageData<'a>,
        article: usize,
        sentence: Option<usize>,
        links: &'a Links,
    ) -> ArticleLink<'a> {
        let date = p.article_date(article);
        ArticleLink {
            title: p.article_title(article),
            url: p.article_href(article, sentence, links),
            date: date.map(|d| d.0.as_str()),
            date_iso: date.map(|d| d.1.as_str()),
            source: p.article_source(article),
        }
    }
}

/// Another article that reports an event, linked at its sentence, and at its other
/// sentences that tell the same happening.
#[derive(Serialize)]
pub struct ReportLink<'a> {
    pub title: Text<'a>,
    pub url: Href<'a>,
    pub again: Vec<Href<'a>>,
}

impl<'a> ReportLink<'a> {
    /// The articles other than its own that report `e`, in the order they joined it, the
    /// first [`ALSO_LIMIT`].
    fn of(p: &PageData<'a>, e: &EventEntry, links: &'a Links) -> Vec<ReportLink<'a>> {
        let mut reports: Vec<(usize, ReportLink<'a>)> = Vec::new();
        for &(article, offset) in e.also.iter().filter(|&&(a, _)| a != e.article) {
            let href = p.article_href(article, Some(offset), links);
            match reports.iter().position(|(a, _)| *a == article) {
                Some(k) => reports[k].1.again.push(href),
                None if reports.len() < ALSO_LIMIT => reports.push((
                    article,
                    ReportLink {
                        title: p.article_title(article),
                        url: href,
                        again: Vec::new(),
                    },
                )),
                None => {}
            }
        }
        reports.into_iter().map(|(_, report)| report).collect()
    }
}

#[derive(Serialize)]
pub struct EventView<'a> {
    pub date: &'a str,
    pub date_iso: &'a str,
    /// The sentence; of an overlong one, the stretch a list shows (see [`listed_stretch`]),
    /// its cuts marked `…`.
    pub text: Cow<'a, str>,
    /// The same as HTML, each actor it names linked (but the page's own actor).
    pub text_html: String,
    /// The sentence in its article.
    pub url: Href<'a>,
    /// The article it comes from.
    pub article: ArticleLink<'a>,
    /// Its article's other sentences that tell the same happening.
    pub again: Vec<Href<'a>>,
    /// Other articles that report the same event, linked at their sentence:
    /// the first [`ALSO_LIMIT`].
    pub also: Vec<ReportLink<'a>>,
    /// How many more articles report it.
    pub also_more: usize,
    /// Its actors (but the page's own), for a site's own partial; empty while the site
    /// keeps the default one, which links them in `text_html`.
    pub actors: Vec<ActorLink<'a>>,
    /// Actor ids, for the timeline's filter; empty elsewhere.
    pub actor_ids: String,
}

impl<'a> EventView<'a> {
    pub fn new(
        p: &PageData<'a>,
        event: usize,
        listing: Listing,
        links: &'a Links,
    ) -> EventView<'a> {
        let b = p.b;
        let e: &EventEntry = &b.events[event];
        let article = &b.articles[e.article];
        let shown = listed_stretch(article, e, listing);
        let (before, after) = (
            if shown.start > e.offset { "… " } else { "" },
            if shown.end < e.end { " …" } else { "" },
        );
        let text = &article.body[shown.clone()];
        EventView {
            date: p.event_date(event),
            date_iso: p.event_value(event),
            text: if before.is_empty() && after.is_empty() {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(format!("{before}{text}{after}"))
            },
            text_html: sentence_html(
                p,
                article,
                shown,
                [before, after],
                |a| listing.lists_actor(a),
                links,
            ),
            url: p.article_href(e.article, Some(e.offset), links),
            article: ArticleLink::new(p, e.article, None, links),
            again: e
                .also
                .iter()
                .filter(|&&(a, _)| a == e.article)
                .map(|&(a, offset)| p.article_href(a, Some(offset), links))
                .collect(),
            also: ReportLink::of(p, e, links),
            also_more: (e.reporting_articles().len() - 1).saturating_sub(ALSO_LIMIT),
            // The default partial links the names in `text_html` and reads no list; a
            // site's own partial may.
            actors: if p.theme().twins.event {
                Vec::new()
            } else {
                e.actors
                    .iter()
                    .filter(|&&a| listing.lists_actor(a))
                    .map(|&a| ActorLink::new(p, a, links))
                    .collect()
            },
            actor_ids: if listing == Listing::Timeline {
                e.actors
                    .iter()
                    .map(|&a| b.actors[a].id.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                String::new()
            },
        }
    }
}

#[derive(Serialize)]
pub struct QuoteView<'a> {
    pub text: &'a str,
    pub speaker: Option<ActorLink<'a>>,
    pub article: ArticleLink<'a>,
}

impl<'a> QuoteView<'a> {
    pub fn new(p: &PageData<'a>, q: &'a QuoteEntry, links: &'a Links) -> QuoteView<'a> {
        QuoteView {
            text: p.b.quote_text(q),
            speaker: q.speaker.map(|s| ActorLink::new(p, s, links)),
            article: ArticleLink::new(p, q.article, None, links),
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
    pub favicon: String,
    /// The search index; its links are relative to `root`.
    pub search_index: String,
    pub root: String,
    /// Which navigation entry is the current page.
    pub section: &'static str,
}

#[derive(Serialize)]
pub struct OverviewView<'a> {
    pub period: Option<String>,
    pub article_count: usize,
    pub actor_count: usize,
    pub event_count: usize,
    pub key_actors: Vec<ActorItem<'a>>,
    pub network: Option<super::network::Network>,
    pub latest_events: Vec<Rendered>,
    pub quotes: Vec<Rendered>,
    pub articles: Vec<Rendered>,
    /// Articles not listed on the overview.
    pub more_articles: usize,
}

#[derive(Serialize)]
pub struct CopyView<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub date: Option<&'a str>,
    pub date_iso: Option<&'a str>,
    pub source: Option<&'a str>,
    pub original_url: Option<&'a str>,
    pub author: Option<&'a str>,
    pub tags: &'a [String],
    /// Other outlets that published the same story: each named by its
    /// source (or title), linked to its copy when the address is known.
    pub copies: Vec<CopyView<'a>>,
    pub body_html: String,
    /// The most mentioned [`ARTICLE_ACTORS`]; the text links every one.
    pub actors: Vec<ActorItem<'a>>,
    pub more_actors: usize,
    /// The first [`ARTICLE_EVENTS`], each pointing at its sentence in the text.
    pub events: Vec<ArticleEventView<'a>>,
    pub more_events: usize,
    /// The first [`ARTICLE_QUOTES`].
    pub quotes: Vec<Rendered>,
    pub more_quotes: usize,
}

/// The most of an event's sentence a list shows, in bytes. News sentences are shorter; a
/// text without full stops (a pasted table, an unpunctuated transcript) reads as one sentence
/// of megabytes, which every page of every actor it names would otherwise repeat whole.
const LISTED_SENTENCE: usize = 600;

/// The stretch of `e`'s sentence a listing shows: all of it when short; otherwise
/// [`LISTED_SENTENCE`] bytes starting a little before the first mention of the page's own
/// actor (or at the start), cut at spaces.
fn listed_stretch(article: &ArticleEntry, e: &EventEntry, listing: Listing) -> Range<usize> {
    if e.end - e.offset <= LISTED_SENTENCE {
        return e.offset..e.end;
    }
    let body = &article.body;
    let own = match listing {
        Listing::OwnActor(actor) => {
            let first = article.mentions.partition_point(|&(s, _, _)| s < e.offset);
            article.mentions[first..]
                .iter()
                .take_while(|&&(s, _, _)| s < e.end)
                .find(|&&(_, _, a)| a == actor)
                .map(|&(s, _, _)| s)
        }
        _ => None,
    };
    let mut from = own.map_or(e.offset, |s| {
        s.saturating_sub(LISTED_SENTENCE / 4).max(e.offset)
    });
    let mut to = (from + LISTED_SENTENCE).min(e.end);
    // Where characters end, then at spaces where there are any.
    while !body.is_char_boundary(from) {
        from += 1;
    }
    while to > from && !body.is_char_boundary(to) {
        to -= 1;
    }
    if from > e.offset
        && let Some(space) = body[from..to].find(' ')
    {
        from += space + 1;
    }
    if to < e.end
        && let Some(space) = body[from..to].rfind(' ')
    {
        to = from + space;
    }
    from..to
}

/// How much of an article its page lists beside the text. News articles hold fewer; a
/// pasted transcript may hold tens of thousands, which the text itself marks.
pub const ARTICLE_ACTORS: usize = 50;
pub const ARTICLE_EVENTS: usize = 100;
pub const ARTICLE_QUOTES: usize = 50;
/// Words of an event's sentence its article's list shows: the sentence itself is in the
/// text beside it, one click away.
const EXCERPT_WORDS: usize = 12;
/// And characters: a "word" of a text without spaces may be any length.
const EXCERPT_CHARS: usize = 120;

/// An event as an article that reports it lists it: its date, linked to the article's own
/// sentence in the text, that sentence's opening words, and one other article that reports
/// it. (A merged event's first report may be another article's.)
#[derive(Serialize)]
pub struct ArticleEventView<'a> {
    pub date: &'a str,
    pub date_iso: &'a str,
    pub url: Href<'a>,
    pub excerpt: String,
    pub also: Option<ArticleLink<'a>>,
    /// How many more articles report it.
    pub also_more: usize,
}

impl<'a> ArticleEventView<'a> {
    fn new(
        p: &PageData<'a>,
        event: usize,
        article: usize,
        links: &'a Links,
    ) -> ArticleEventView<'a> {
        let e: &EventEntry = &p.b.events[event];
        let reports = || std::iter::once((e.article, e.offset)).chain(e.also.iter().copied());
        let own = &p.b.articles[article];
        // The article's first sentence of the event: it is listed here for that sentence.
        let start = reports()
            .filter(|&(a, _)| a == article)
            .map(|(_, offset)| offset)
            .min()
            .unwrap_or(e.offset);
        let sentence = own
            .event_sentences
            .binary_search_by_key(&start, |&(s, _)| s)
            .ok()
            .and_then(|i| {
                let (s, end) = own.event_sentences[i];
                own.body.get(s..end)
            })
            .unwrap_or_default();
        let other = reports().find(|&(a, _)| a != article);
        ArticleEventView {
            date: p.event_date(event),
            date_iso: p.event_value(event),
            url: Href::sentence_here(start),
            excerpt: excerpt(sentence, EXCERPT_WORDS),
            also: other.map(|(a, offset)| ArticleLink::new(p, a, Some(offset), links)),
            // The articles but this one and the one named.
            also_more: e.reporting_articles().len().saturating_sub(2),
        }
    }
}

/// The first `words` words of `text`, and at most [`EXCERPT_CHARS`] characters, with an
/// ellipsis when there is more.
fn excerpt(text: &str, words: usize) -> String {
    let mut parts = text.split_whitespace();
    let mut out = parts.by_ref().take(words).collect::<Vec<_>>().join(" ");
    let mut cut = parts.next().is_some();
    if let Some((at, _)) = out.char_indices().nth(EXCERPT_CHARS) {
        out.truncate(at);
        cut = true;
    }
    if cut {
        out.push_str(" …");
    }
    out
}

impl<'a> ArticleView<'a> {
    pub fn new(
        p: &PageData<'a>,
        article: usize,
        links: &'a Links,
    ) -> Result<ArticleView<'a>, RenderError> {
        let b = p.b;
        let a: &ArticleEntry = &b.articles[article];
        let date = p.article_date(article);
        Ok(ArticleView {
            title: &a.title,
            date: date.map(|d| d.0.as_str()),
            date_iso: date.map(|d| d.1.as_str()),
            source: a.source.as_deref(),
            original_url: a.url.as_deref(),
            author: a.author.as_deref(),
            tags: &a.tags,
            copies: a
                .copies
                .iter()
                .map(|c| CopyView {
                    name: c.source.as_deref().unwrap_or(&c.title),
                    url: c.url.as_deref(),
                })
                .collect(),
            body_html: body_html(p, a, links),
            actors: a
                .actors
                .iter()
                .take(ARTICLE_ACTORS)
                .map(|&x| p.actor_item(x, links))
                .collect::<Result<_, _>>()?,
            more_actors: a.actors.len().saturating_sub(ARTICLE_ACTORS),
            events: a
                .events
                .iter()
                .take(ARTICLE_EVENTS)
                .map(|&e| ArticleEventView::new(p, e, article, links))
                .collect(),
            more_events: a.events.len().saturating_sub(ARTICLE_EVENTS),
            quotes: a
                .quotes
                .iter()
                .take(ARTICLE_QUOTES)
                .map(|&q| p.quote_item(q, QuotePlace::ArticlesPage, links))
                .collect::<Result<_, _>>()?,
            more_quotes: a.quotes.len().saturating_sub(ARTICLE_QUOTES),
        })
    }
}

#[derive(Serialize)]
pub struct RelatedView<'a> {
    pub actor: ActorItem<'a>,
    pub shared: usize,
}

/// How much of an actor the actor page itself lists; the rest of its articles
/// go on numbered pages, its other events are on the timeline.
pub const ACTOR_ARTICLES: usize = 50;
pub const ACTOR_EVENTS: usize = 30;
pub const ACTOR_QUOTES: usize = 20;
/// Articles per page of an actor's article list.
pub const ACTOR_ARTICLES_PER_PAGE: usize = 200;

#[derive(Serialize)]
pub struct ActorView<'a> {
    pub name: &'a str,
    pub kind: &'static str,
    pub roles: &'a [String],
    pub aliases: &'a [String],
    pub mention_count: usize,
    /// Their speaker is the page's actor, so they do not name it.
    pub quotes: Vec<Rendered>,
    pub total_quotes: usize,
    /// Newest first, the first [`ACTOR_ARTICLES`].
    pub articles: Vec<Rendered>,
    pub total_articles: usize,
    /// The page listing the articles after these, and how many there are.
    pub more_articles: Option<String>,
    pub older_articles: usize,
    /// In date order, the latest [`ACTOR_EVENTS`].
    pub events: Vec<Rendered>,
    pub total_events: usize,
    pub related: Vec<RelatedView<'a>>,
    /// The timeline filtered to this actor.
    pub timeline: String,
}

/// How many pages of articles an actor has beyond its own page.
pub fn actor_article_pages(actor: &Actor) -> usize {
    actor
        .articles
        .len()
        .saturating_sub(ACTOR_ARTICLES)
        .div_ceil(ACTOR_ARTICLES_PER_PAGE)
}

impl<'a> ActorView<'a> {
    pub fn new(
        p: &PageData<'a>,
        actor: usize,
        links: &'a Links,
    ) -> Result<ActorView<'a>, RenderError> {
        let a: &'a Actor = &p.b.actors[actor];
        let first_events = a.events.len().saturating_sub(ACTOR_EVENTS);
        Ok(ActorView {
            name: &a.name,
            kind: a.kind.as_str(),
            roles: &a.roles,
            aliases: &a.aliases,
            mention_count: a.mention_count,
            quotes: a
                .quotes
                .iter()
                .take(ACTOR_QUOTES)
                .map(|&q| p.quote_item(q, QuotePlace::SpeakersPage, links))
                .collect::<Result<_, _>>()?,
            total_quotes: a.quotes.len(),
            articles: a
                .articles
                .iter()
                .take(ACTOR_ARTICLES)
                .map(|&x| p.article_item(x, links))
                .collect::<Result<_, _>>()?,
            total_articles: a.articles.len(),
            older_articles: a.articles.len().saturating_sub(ACTOR_ARTICLES),
            more_articles: (actor_article_pages(a) > 0)
                .then(|| links.file(&actor_articles_path(&a.id, 2))),
            events: a.events[first_events..]
                .iter()
                .map(|&e| p.event_item(e, Listing::OwnActor(actor), links))
                .collect::<Result<_, _>>()?,
            total_events: a.events.len(),
            related: a
                .related
                .iter()
                .map(|&(r, shared)| {
                    Ok(RelatedView {
                        actor: p.actor_item(r, links)?,
                        shared,
                    })
                })
                .collect::<Result<_, RenderError>>()?,
            timeline: format!("{}?actor={}", links.timeline(), a.id),
        })
    }
}

/// A page of an actor's articles beyond the first [`ACTOR_ARTICLES`].
#[derive(Serialize)]
pub struct ActorArticlesView<'a> {
    pub name: &'a str,
    pub actor_url: String,
    pub page: usize,
    pub pages: usize,
    pub first: usize,
    pub articles: Vec<Rendered>,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl<'a> ActorArticlesView<'a> {
    /// Page `page` (2 and up) of the articles of `a`.
    pub fn new(
        p: &PageData<'a>,
        a: &'a Actor,
        page: usize,
        links: &'a Links,
    ) -> Result<ActorArticlesView<'a>, RenderError> {
        let pages = actor_article_pages(a) + 1;
        let from = ACTOR_ARTICLES + (page - 2) * ACTOR_ARTICLES_PER_PAGE;
        let to = (from + ACTOR_ARTICLES_PER_PAGE).min(a.articles.len());
        Ok(ActorArticlesView {
            name: &a.name,
            actor_url: links.actor(&a.id),
            page,
            pages,
            first: from + 1,
            articles: a.articles[from.min(to)..to]
                .iter()
                .map(|&x| p.article_item(x, links))
                .collect::<Result<_, _>>()?,
            previous: Some(if page == 2 {
                links.actor(&a.id)
            } else {
                links.file(&actor_articles_path(&a.id, page - 1))
            }),
            next: (page < pages).then(|| links.file(&actor_articles_path(&a.id, page + 1))),
        })
    }
}

#[derive(Serialize)]
pub struct KindGroup<'a> {
    pub kind: &'static str,
    pub label: &'static str,
    pub actors: Vec<ActorItem<'a>>,
}

#[derive(Serialize)]
pub struct ActorsView<'a> {
    pub groups: Vec<KindGroup<'a>>,
}

#[derive(Serialize)]
pub struct DayGroup {
    pub label: String,
    pub date_iso: String,
    pub events: Vec<Rendered>,
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
    /// Actors that have events on this page, for the filter: most events first.
    pub filter_actors: Vec<FilterActor>,
    /// Server-drawn axis of the whole timeline: one mark per date with events.
    pub axis: Vec<AxisMark>,
    /// Every page of a paginated timeline, on its index only (empty on the
    /// month pages, and when it all fits on one page).
    pub pages: Vec<PageLink>,
    pub previous: Option<PageLink>,
    pub next: Option<PageLink>,
    /// `timeline/index.html`.
    pub index: String,
    pub paginated: bool,
    /// This page's label, on a page of a paginated timeline.
    pub page_label: Option<String>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub label: String,
    pub url: String,
    pub events: usize,
    pub current: bool,
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
}
