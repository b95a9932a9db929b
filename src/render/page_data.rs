//! What every view of the site is made from ([`PageData`]): the briefing, the
//! words and escaped text its pages repeat, worked out once ([`PageText`]),
//! and the theme; and how an item is listed ([`Listing`], [`Speaker`]).

use super::Theme;
use crate::model::Briefing;
use rayon::prelude::*;
use serde::Serialize;

/// What pages write of the briefing again and again, worked out once: an
/// article's date or an event's in words, and names, titles and paths escaped
/// for HTML (an event, an actor or an article is listed on many pages).
pub struct PageText {
    /// Per article: `4 May 2019` and `2019-05-04`.
    article_dates: Vec<Option<(String, String)>>,
    /// Each date events fall on: `30 April 2019`, `week of 29 April 2019`,
    /// `April 2019` (events are in date order, so each date comes once).
    event_labels: Vec<String>,
    /// Per event: its date in `event_labels`.
    event_label: Vec<usize>,
    /// What the compiled partials write, escaped once here rather than on
    /// every page that lists an event, a quote or an article (see [`super::compiled`]).
    pub html: Escaped,
}

/// Text of the briefing as HTML writes it, escaped once: an event, an actor
/// or an article is listed on many pages, and the compiled partials copy these.
pub struct Escaped {
    /// Per date of `PageText::event_labels`: the label and its TIMEX3 value.
    pub event_labels: Vec<String>,
    pub event_values: Vec<String>,
    /// Per article: `articles/<id>/index.html`, the title, the date (as
    /// [`PageText`] words it, and ISO) and the source's name.
    pub article_paths: Vec<String>,
    pub article_titles: Vec<String>,
    pub article_dates: Vec<Option<(String, String)>>,
    pub article_sources: Vec<Option<String>>,
    /// Per actor: the id, `actors/<id>/index.html`, the name.
    pub actor_ids: Vec<String>,
    pub actor_paths: Vec<String>,
    pub actor_names: Vec<String>,
}

impl Escaped {
    fn new(
        b: &Briefing,
        event_labels: &[String],
        event_values: &[String],
        article_dates: &[Option<(String, String)>],
    ) -> Escaped {
        use super::escape::escape_html as esc;
        use super::links::{actor_path, article_path};
        Escaped {
            event_labels: event_labels.iter().map(|l| esc(l)).collect(),
            event_values: event_values.iter().map(|v| esc(v)).collect(),
            article_paths: b
                .articles
                .iter()
                .map(|a| esc(&article_path(&a.id)))
                .collect(),
            article_titles: b.articles.iter().map(|a| esc(&a.title)).collect(),
            article_dates: article_dates
                .iter()
                .map(|d| d.as_ref().map(|(label, iso)| (esc(label), esc(iso))))
                .collect(),
            article_sources: b
                .articles
                .iter()
                .map(|a| a.source.as_deref().map(esc))
                .collect(),
            actor_ids: b.actors.iter().map(|a| esc(&a.id)).collect(),
            actor_paths: b.actors.iter().map(|a| esc(&actor_path(&a.id))).collect(),
            actor_names: b.actors.iter().map(|a| esc(&a.name)).collect(),
        }
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
        PageText {
            html: Escaped::new(b, &event_labels, &event_values, &article_dates),
            article_dates,
            event_labels,
            event_label,
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

    /// Event `event`'s date: its label in [`Escaped::event_labels`].
    pub fn event_date_index(&self, event: usize) -> usize {
        self.text.event_label[event]
    }

    pub fn html(&self) -> &Escaped {
        &self.text.html
    }
}

/// Most other reports an event lists by name; the rest are counted.
pub const ALSO_LIMIT: usize = 5;

/// Where an event is listed, which decides what its item carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// On its article's own page: it links to its sentence in the text above,
    /// and leaves its actors out, since the text links each of them already.
    OwnArticle,
    /// On the page of actor `.0`: it names its article, and lists its other actors.
    OwnActor(usize),
    /// On the overview: it names its article.
    Elsewhere,
    /// On the timeline: it names its article and carries its actors' ids for
    /// the timeline's filter.
    Timeline,
}

/// Whether a quote's view names its speaker (`hide_speaker` in the partial).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Named,
    /// On the speaker's own page.
    Implied,
}

impl Listing {
    /// Whether the item lists `actor` among the actors of its event.
    pub fn lists_actor(self, actor: usize) -> bool {
        match self {
            Listing::OwnArticle => false,
            Listing::OwnActor(page) => actor != page,
            Listing::Elsewhere | Listing::Timeline => true,
        }
    }
}
