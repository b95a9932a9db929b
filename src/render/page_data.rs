//! What every view of the site is made from ([`PageData`]): the briefing, the
//! words and escaped text its pages repeat, worked out once ([`PageText`]),
//! and the theme; and how an item is listed ([`Listing`], [`QuotePlace`]).

use super::Theme;
use super::links::{Href, Links};
use crate::model::Briefing;
use rayon::prelude::*;
use serde::Serialize;

/// What pages write of the briefing again and again, worked out once: an
/// article's date or an event's in words, and each actor's page path as HTML
/// writes it (an article's text links every mention of an actor).
pub struct PageText {
    /// Per article: `4 May 2019` and `2019-05-04`.
    article_dates: Vec<Option<(String, String)>>,
    /// Each date events fall on: `30 April 2019`, `week of 29 April 2019`,
    /// `April 2019` (events are in date order, so each date comes once), and
    /// its TIMEX3 value.
    event_labels: Vec<String>,
    event_values: Vec<String>,
    /// Per event: its date in `event_labels`.
    event_label: Vec<usize>,
    /// Per actor: `actors/<id>/index.html` and the name, escaped for HTML.
    actor_paths_html: Vec<String>,
    actor_names_html: Vec<String>,
    /// Per article: `articles/<id>/index.html`, the title and the source's
    /// name, escaped for HTML.
    article_paths_html: Vec<String>,
    article_titles_html: Vec<String>,
    article_sources_html: Vec<Option<String>>,
}

/// A text of the briefing that pages list by the hundred thousand (a title,
/// a name), with its form escaped for HTML made once: Tera's views see the
/// text, the compiled templates write the escaped form.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub raw: &'a str,
    pub html: &'a str,
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.raw
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.raw)
    }
}

impl PageText {
    pub fn new(b: &Briefing) -> PageText {
        let mut event_labels: Vec<String> = Vec::new();
        let mut event_values: Vec<String> = Vec::new();
        let mut event_label = Vec::with_capacity(b.events.len());
        let mut last = None;
        for e in &b.events {
            if last != Some(e.when) {
                event_labels.push(e.when.label());
                event_values.push(e.when.value());
                last = Some(e.when);
            }
            event_label.push(event_labels.len() - 1);
        }
        let article_dates: Vec<_> = b
            .articles
            .par_iter()
            .map(|a| {
                a.date.map(|d| {
                    (
                        d.format("%-d %B %Y").to_string(),
                        d.format("%Y-%m-%d").to_string(),
                    )
                })
            })
            .collect();
        use super::escape::escape_html as esc;
        use super::links::{actor_path, article_path};
        let actors = &b.actors;
        let articles = &b.articles;
        PageText {
            article_dates,
            event_labels,
            event_values,
            event_label,
            actor_paths_html: actors.par_iter().map(|a| esc(&actor_path(&a.id))).collect(),
            actor_names_html: actors.par_iter().map(|a| esc(&a.name)).collect(),
            article_paths_html: articles
                .par_iter()
                .map(|a| esc(&article_path(&a.id)))
                .collect(),
            article_titles_html: articles.par_iter().map(|a| esc(&a.title)).collect(),
            article_sources_html: articles
                .par_iter()
                .map(|a| a.source.as_deref().map(esc))
                .collect(),
        }
    }
}

/// What the views are made from: the briefing, the text its pages repeat,
/// and the theme that renders its items.
pub struct PageData<'a> {
    pub b: &'a Briefing,
    text: &'a PageText,
    theme: &'a Theme,
}

/// An item of a list (an event, a quote, an article) as its partial in
/// `templates/partials/` renders it: a page writes `{{ e.html | safe }}`.
#[derive(Serialize)]
pub struct Rendered {
    pub html: String,
}

impl<'a> PageData<'a> {
    pub fn new(b: &'a Briefing, text: &'a PageText, theme: &'a Theme) -> PageData<'a> {
        PageData { b, text, theme }
    }

    /// The theme the items are rendered with.
    pub fn theme(&self) -> &'a Theme {
        self.theme
    }

    pub fn event_date(&self, event: usize) -> &'a str {
        &self.text.event_labels[self.text.event_label[event]]
    }

    pub fn article_date(&self, article: usize) -> Option<&'a (String, String)> {
        self.text.article_dates[article].as_ref()
    }

    /// Event `event`'s date as TIMEX3 writes it (`2019-04-30`, `2019-W18`).
    pub fn event_value(&self, event: usize) -> &'a str {
        &self.text.event_values[self.text.event_label[event]]
    }

    /// Per actor: its page's path, escaped for HTML.
    pub fn actor_paths_html(&self) -> &'a [String] {
        &self.text.actor_paths_html
    }

    /// Actor `actor`'s name.
    pub fn actor_name(&self, actor: usize) -> Text<'a> {
        Text {
            raw: &self.b.actors[actor].name,
            html: &self.text.actor_names_html[actor],
        }
    }

    /// The link to actor `actor`'s page from a page whose links are `links`.
    pub fn actor_href<'l>(&self, actor: usize, links: &'l Links) -> Href<'l>
    where
        'a: 'l,
    {
        links.actor_href(&self.b.actors[actor].id, &self.text.actor_paths_html[actor])
    }

    /// Article `article`'s title.
    pub fn article_title(&self, article: usize) -> Text<'a> {
        Text {
            raw: &self.b.articles[article].title,
            html: &self.text.article_titles_html[article],
        }
    }

    /// Article `article`'s source's name, if it has one.
    pub fn article_source(&self, article: usize) -> Option<Text<'a>> {
        let raw = self.b.articles[article].source.as_deref()?;
        let html = self.text.article_sources_html[article].as_deref()?;
        Some(Text { raw, html })
    }

    /// The link to article `article`, at the sentence starting at byte
    /// `sentence` when given, from a page whose links are `links`.
    pub fn article_href<'l>(
        &self,
        article: usize,
        sentence: Option<usize>,
        links: &'l Links,
    ) -> Href<'l>
    where
        'a: 'l,
    {
        links.article_href(
            &self.b.articles[article].id,
            &self.text.article_paths_html[article],
            sentence,
        )
    }
}

/// Most other articles an event lists by name; the rest are counted. A busy
/// story's every outlet fits: a reader weighs a happening by who reports it.
pub const ALSO_LIMIT: usize = 50;

/// Where an event is listed, which decides what its item carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// On the page of actor `.0`: it names its article, and lists its other actors.
    OwnActor(usize),
    /// On the overview: it names its article.
    Elsewhere,
    /// On the timeline: it names its article and carries its actors' ids for
    /// the timeline's filter.
    Timeline,
}

/// What the page a quote is listed on already tells of it, and so its item
/// leaves out (`hide_speaker`, `hide_article` in the partial).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum QuotePlace {
    /// Elsewhere: the item names both its speaker and its article.
    Anywhere,
    /// On the speaker's own page.
    SpeakersPage,
    /// On the page of the article it is quoted in.
    ArticlesPage,
}

impl QuotePlace {
    pub fn hides_speaker(self) -> bool {
        self == QuotePlace::SpeakersPage
    }

    pub fn hides_article(self) -> bool {
        self == QuotePlace::ArticlesPage
    }
}

impl Listing {
    /// Whether the item lists `actor` among the actors of its event.
    pub fn lists_actor(self, actor: usize) -> bool {
        match self {
            Listing::OwnActor(page) => actor != page,
            Listing::Elsewhere | Listing::Timeline => true,
        }
    }
}
