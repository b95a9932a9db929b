//! The default theme's busiest templates as Rust functions, written at build
//! time from the templates themselves by `build/templates.rs`: the events,
//! quotes, article items and actor links that big briefings list by the
//! hundred thousand, and the article, actor and timeline pages they have by
//! the thousand. Each function takes the view Tera would be given and writes
//! what Tera would; [`Twins`] says which a site may use (those whose
//! templates it leaves as they come). Tests render every item and page of the
//! fixture sites both ways and compare the bytes.
//!
//! Below are the few things the written functions call: how a value is
//! written ([`Emit`], [`Raw`]), when a value counts as true ([`Truth`]), as
//! Tera decides both, and numbers for comparisons.

use super::escape::escape_into;
use super::links::Href;
use super::page_data::Text;
use super::views::{
    ActorLink, ActorView, ArticleLink, ArticleView, EventView, Frame, PageLink, QuoteView,
    TimelineView,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The functions, written by `build/templates.rs` (in the build's output folder).
#[allow(unused_parens, unused_variables, clippy::all)]
mod written {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/compiled_templates.rs"));
}

pub use written::{
    actor_link, actor_page, article_item, article_page, event, quote, timeline_page,
};

/// Which compiled templates a theme can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Twins {
    /// [`event`] for `partials/event.html`.
    pub event: bool,
    /// [`quote`] for `partials/quote.html`.
    pub quote: bool,
    /// [`article_item`] for `partials/article_item.html`.
    pub article_item: bool,
    /// [`actor_link`] for `partials/actor_link.html`, in lists of actors.
    pub actor_link: bool,
    /// [`article_page`] for `article.html` in `base.html`.
    pub article_page: bool,
    /// [`actor_page`] for `actor.html` in `base.html`.
    pub actor_page: bool,
    /// [`timeline_page`] for `timeline.html` in `base.html`.
    pub timeline_page: bool,
}

impl Twins {
    /// None at all: everything through Tera.
    #[cfg(test)]
    pub fn none() -> Twins {
        Twins {
            event: false,
            quote: false,
            article_item: false,
            actor_link: false,
            article_page: false,
            actor_page: false,
            timeline_page: false,
        }
    }

    /// For a theme of `templates` (the defaults with the site's own laid over
    /// them): each function whose templates are the built-in ones, byte for
    /// byte, so a site that copied the default theme whole keeps them.
    pub fn new(templates: &BTreeMap<String, String>) -> Twins {
        let built_in = |names: &[&str]| {
            names.iter().all(|&name| {
                let default = super::DEFAULT_TEMPLATES
                    .iter()
                    .find(|&&(n, _)| n == name)
                    .map(|&(_, text)| text);
                default.is_some() && templates.get(name).map(String::as_str) == default
            })
        };
        Twins {
            event: built_in(written::EVENT_TEMPLATES),
            quote: built_in(written::QUOTE_TEMPLATES),
            article_item: built_in(written::ARTICLE_ITEM_TEMPLATES),
            actor_link: built_in(written::ACTOR_LINK_TEMPLATES),
            article_page: built_in(written::ARTICLE_PAGE_TEMPLATES),
            actor_page: built_in(written::ACTOR_PAGE_TEMPLATES),
            timeline_page: built_in(written::TIMELINE_PAGE_TEMPLATES),
        }
    }
}

/// A value as `{{ value }}` writes it in an HTML template: escaped as Tera
/// escapes; nothing for a missing one.
pub trait Emit {
    fn emit(&self, h: &mut String);
}

/// A value as `{{ value | safe }}` writes it: as it is.
pub trait Raw {
    fn raw(&self, h: &mut String);
}

/// When `{% if value %}` takes a value for true, as Tera does (a text or a
/// list that is not empty, a number that is not 0, a value that is there),
/// and what the branch then reads it as.
pub trait Truth {
    type Inner: ?Sized;
    fn truth(&self) -> Option<&Self::Inner>;
}

fn emit<T: Emit + ?Sized>(h: &mut String, value: &T) {
    value.emit(h);
}

fn raw<T: Raw + ?Sized>(h: &mut String, value: &T) {
    value.raw(h);
}

fn truth<T: Truth + ?Sized>(value: &T) -> Option<&T::Inner> {
    value.truth()
}

/// A number, for `<` and `>`.
fn number<T: Number>(value: &T) -> f64 {
    value.as_f64()
}

/// A number of a view, or of a template.
pub trait Number {
    fn as_f64(&self) -> f64;
}

impl Number for usize {
    fn as_f64(&self) -> f64 {
        *self as f64
    }
}

impl Number for i64 {
    fn as_f64(&self) -> f64 {
        *self as f64
    }
}

/// Tera's `pluralize`: `s` unless there is exactly one.
fn plural(n: &usize) -> &'static str {
    if *n == 1 { "" } else { "s" }
}

impl Emit for str {
    fn emit(&self, h: &mut String) {
        escape_into(h, self);
    }
}

impl Emit for String {
    fn emit(&self, h: &mut String) {
        escape_into(h, self);
    }
}

impl Emit for std::borrow::Cow<'_, str> {
    fn emit(&self, h: &mut String) {
        escape_into(h, self);
    }
}

impl<T: Emit + ?Sized> Emit for &T {
    fn emit(&self, h: &mut String) {
        (**self).emit(h);
    }
}

impl<T: Emit> Emit for Option<T> {
    fn emit(&self, h: &mut String) {
        if let Some(value) = self {
            value.emit(h);
        }
    }
}

impl Emit for usize {
    fn emit(&self, h: &mut String) {
        // Writing to a String cannot fail.
        let _ = write!(h, "{self}");
    }
}

impl Emit for f64 {
    fn emit(&self, h: &mut String) {
        let _ = write!(h, "{self}");
    }
}

impl Emit for Text<'_> {
    fn emit(&self, h: &mut String) {
        h.push_str(self.html);
    }
}

impl Emit for Href<'_> {
    fn emit(&self, h: &mut String) {
        self.write_html(h);
    }
}

impl Raw for Text<'_> {
    fn raw(&self, h: &mut String) {
        h.push_str(self.raw);
    }
}

impl Raw for str {
    fn raw(&self, h: &mut String) {
        h.push_str(self);
    }
}

impl Raw for String {
    fn raw(&self, h: &mut String) {
        h.push_str(self);
    }
}

impl<T: Raw + ?Sized> Raw for &T {
    fn raw(&self, h: &mut String) {
        (**self).raw(h);
    }
}

impl Truth for str {
    type Inner = str;
    fn truth(&self) -> Option<&str> {
        (!self.is_empty()).then_some(self)
    }
}

impl Truth for String {
    type Inner = str;
    fn truth(&self) -> Option<&str> {
        (!self.is_empty()).then_some(self.as_str())
    }
}

impl<T> Truth for [T] {
    type Inner = [T];
    fn truth(&self) -> Option<&[T]> {
        (!self.is_empty()).then_some(self)
    }
}

impl<T> Truth for Vec<T> {
    type Inner = [T];
    fn truth(&self) -> Option<&[T]> {
        (!self.is_empty()).then_some(self.as_slice())
    }
}

impl<T: Truth + ?Sized> Truth for &T {
    type Inner = T::Inner;
    fn truth(&self) -> Option<&T::Inner> {
        (**self).truth()
    }
}

impl<T: Truth> Truth for Option<T> {
    type Inner = T::Inner;
    fn truth(&self) -> Option<&T::Inner> {
        self.as_ref().and_then(Truth::truth)
    }
}

impl<'a> Truth for Text<'a> {
    type Inner = Text<'a>;
    fn truth(&self) -> Option<&Text<'a>> {
        (!self.raw.is_empty()).then_some(self)
    }
}

impl Truth for bool {
    type Inner = bool;
    fn truth(&self) -> Option<&bool> {
        self.then_some(self)
    }
}

impl Truth for usize {
    type Inner = usize;
    fn truth(&self) -> Option<&usize> {
        (*self != 0).then_some(self)
    }
}

/// Views that are always there when they are given: true.
macro_rules! always_true {
    ($($view:ident $(<$lifetime:lifetime>)?),*) => {$(
        impl$(<$lifetime>)? Truth for $view$(<$lifetime>)? {
            type Inner = Self;
            fn truth(&self) -> Option<&Self> {
                Some(self)
            }
        }
    )*};
}

always_true!(ArticleLink<'a>, ActorLink<'a>, PageLink);

#[cfg(test)]
mod tests {
    use super::super::page_data::{Listing, PageData, PageText, QuotePlace};
    use super::super::views::{ActorLink, ArticleLink, EventView, QuoteView};
    use super::super::{Links, Theme};

    /// The briefings of the fixture sites (the hostile one carries markup,
    /// quotes and ampersands in its text and titles), with their theme.
    fn fixtures() -> Vec<(&'static str, crate::model::Briefing, Theme)> {
        let sites = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites");
        ["basic", "hostile"]
            .into_iter()
            .map(|site| {
                let opts = crate::BuildOptions {
                    root: sites.join(site),
                    ..Default::default()
                };
                let b = crate::assemble(&opts, &crate::cache::Caches::default())
                    .expect("assemble")
                    .briefing;
                (site, b, Theme::load(&opts.root).expect("theme"))
            })
            .collect()
    }

    /// Pages at three depths, and the 404 page's links from a base path that
    /// needs escaping.
    fn page_links() -> [Links; 3] {
        [
            Links::from_page("articles/x/index.html"),
            Links::from_page("index.html"),
            Links::absolute("/a&b/"),
        ]
    }

    /// Gives the fixtures' articles every form the partials tell apart:
    /// undated, without a source, with an empty one (Tera takes it for none),
    /// with one that needs escaping; takes the speaker from some quotes; and
    /// gives some actors names and ids that need escaping.
    fn vary(b: &mut crate::model::Briefing) {
        for a in b.actors.iter_mut().step_by(2) {
            a.name = format!("<i>\"{}\" & 'co'</i>", a.name);
            a.id = format!("{}&<\"'>", a.id);
        }
        for (i, a) in b.articles.iter_mut().enumerate() {
            match i % 4 {
                0 => a.date = None,
                1 => a.source = None,
                2 => a.source = Some(String::new()),
                _ => a.source = Some("<b>\"Tom\" & 'Jerry'</b>".into()),
            }
        }
        for q in b.quotes.iter_mut().step_by(3) {
            q.speaker = None;
        }
    }

    /// Every quote of the fixture sites, on pages that name its speaker and on
    /// its speaker's own page, at three depths: as the Tera partial writes it.
    #[test]
    fn the_compiled_quote_is_the_template_byte_for_byte() {
        let (mut compared, mut with_speaker, mut without) = (0, 0, 0);
        for (site, mut b, theme) in fixtures() {
            for varied in [false, true] {
                if varied {
                    vary(&mut b);
                }
                let dates = PageText::new(&b);
                let p = PageData::new(&b, &dates, &theme);
                for links in page_links() {
                    for quote in 0..b.quotes.len() {
                        for place in [
                            QuotePlace::Anywhere,
                            QuotePlace::SpeakersPage,
                            QuotePlace::ArticlesPage,
                        ] {
                            let view = QuoteView::new(&p, &b.quotes[quote], &links);
                            with_speaker += usize::from(view.speaker.is_some());
                            without += usize::from(view.speaker.is_none());
                            let mut ctx = tera::Context::new();
                            ctx.insert("q", &view);
                            if place.hides_speaker() {
                                ctx.insert("hide_speaker", &true);
                            }
                            if place.hides_article() {
                                ctx.insert("hide_article", &true);
                            }
                            let by_tera = theme
                                .render_context("partials/quote.html", &ctx)
                                .expect("tera");
                            let mut compiled = String::from("before");
                            super::quote(
                                &view,
                                place.hides_speaker(),
                                place.hides_article(),
                                &mut compiled,
                            );
                            assert_eq!(
                                compiled,
                                format!("before{by_tera}"),
                                "quote {quote} of {site}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 20, "the fixtures have quotes: {compared}");
        assert!(with_speaker > 10, "with a speaker: {with_speaker}");
        assert!(without > 10, "and without: {without}");
    }

    /// Every article of the fixture sites, at three depths, dated and not,
    /// with and without a source: as the Tera partial writes it.
    #[test]
    fn the_compiled_article_item_is_the_template_byte_for_byte() {
        let (mut compared, mut dated, mut with_source) = (0, 0, 0);
        for (site, mut b, theme) in fixtures() {
            for varied in [false, true] {
                if varied {
                    vary(&mut b);
                }
                let dates = PageText::new(&b);
                let p = PageData::new(&b, &dates, &theme);
                for links in page_links() {
                    for article in 0..b.articles.len() {
                        let view = ArticleLink::new(&p, article, None, &links);
                        dated += usize::from(view.date.is_some());
                        with_source += usize::from(view.source.is_some_and(|s| !s.is_empty()));
                        let by_tera = theme
                            .render_fragment("partials/article_item.html", "a", &view)
                            .expect("tera");
                        let mut compiled = String::from("before");
                        super::article_item(&view, &mut compiled);
                        assert_eq!(
                            compiled,
                            format!("before{by_tera}"),
                            "article {article} of {site}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 20, "the fixtures have articles: {compared}");
        assert!(dated > 10 && dated < compared, "some dated: {dated}");
        assert!(
            with_source > 10 && with_source < compared,
            "some with a source: {with_source}"
        );
    }

    /// Every actor of the fixture sites, at three depths, with names that need
    /// escaping: as the Tera partial writes its link.
    #[test]
    fn the_compiled_actor_link_is_the_template_byte_for_byte() {
        let mut compared = 0;
        for (site, mut b, theme) in fixtures() {
            for varied in [false, true] {
                if varied {
                    vary(&mut b);
                }
                let dates = PageText::new(&b);
                let p = PageData::new(&b, &dates, &theme);
                for links in page_links() {
                    for actor in 0..b.actors.len() {
                        let view = ActorLink::new(&p, actor, &links);
                        let by_tera = theme
                            .render_fragment("partials/actor_link.html", "a", &view)
                            .expect("tera");
                        let mut compiled = String::from("before");
                        super::actor_link(&view, &mut compiled);
                        assert_eq!(
                            compiled,
                            format!("before{by_tera}"),
                            "actor {actor} of {site}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 20, "the fixtures have actors: {compared}");
    }

    /// A theme that leaves the partials alone, or copies them unchanged, keeps
    /// the twins; one that changes a partial loses the twins that stand in for it.
    #[test]
    fn a_twin_serves_only_the_built_in_templates() {
        let defaults: std::collections::BTreeMap<String, String> = super::super::DEFAULT_TEMPLATES
            .iter()
            .map(|&(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let all = super::Twins {
            event: true,
            quote: true,
            article_item: true,
            actor_link: true,
            article_page: true,
            actor_page: true,
            timeline_page: true,
        };
        assert_eq!(super::Twins::new(&defaults), all);
        let changed = |name: &str| {
            let mut templates = defaults.clone();
            templates.insert(name.into(), "mine".into());
            super::Twins::new(&templates)
        };
        assert_eq!(changed("index.html"), all);
        assert_eq!(changed("actors.html"), all);
        // The event partial links the names in its sentence itself, without this partial.
        assert_eq!(
            changed("partials/actor_link.html"),
            super::Twins {
                actor_link: false,
                ..all
            }
        );
        assert_eq!(
            changed("partials/event.html"),
            super::Twins {
                event: false,
                ..all
            }
        );
        assert_eq!(
            changed("partials/quote.html"),
            super::Twins {
                quote: false,
                ..all
            }
        );
        assert_eq!(
            changed("partials/article_item.html"),
            super::Twins {
                article_item: false,
                ..all
            }
        );
        assert_eq!(
            changed("base.html"),
            super::Twins {
                article_page: false,
                actor_page: false,
                timeline_page: false,
                ..all
            }
        );
        for (page, twin) in [
            (
                "article.html",
                super::Twins {
                    article_page: false,
                    ..all
                },
            ),
            (
                "actor.html",
                super::Twins {
                    actor_page: false,
                    ..all
                },
            ),
            (
                "timeline.html",
                super::Twins {
                    timeline_page: false,
                    ..all
                },
            ),
        ] {
            assert_eq!(changed(page), twin, "{page}");
        }
    }

    /// Every event of the fixture sites (the hostile one carries markup, quotes
    /// and ampersands in its text and titles), in both forms, at three depths,
    /// and again with other reports: fewer than are named, and more, some of
    /// them further sentences of one article.
    #[test]
    fn the_compiled_event_is_the_template_byte_for_byte() {
        let (mut compared, mut with_actors, mut with_also, mut with_again) = (0, 0, 0, 0);
        for (site, mut b, theme) in fixtures() {
            for extra_reports in [0, 2, 8] {
                if extra_reports > 0 {
                    let n = b.articles.len();
                    for (i, e) in b.events.iter_mut().enumerate() {
                        e.also = (0..extra_reports).map(|k| ((i + k) % n, 7 * k)).collect();
                    }
                }
                let dates = PageText::new(&b);
                let p = PageData::new(&b, &dates, &theme);
                for links in page_links() {
                    for event in 0..b.events.len() {
                        for listing in [
                            Listing::OwnActor(event % b.actors.len().max(1)),
                            Listing::OwnActor(b.events[event].actors.first().copied().unwrap_or(0)),
                            Listing::Elsewhere,
                            Listing::Timeline,
                        ] {
                            let mut view = EventView::new(&p, event, listing, &links);
                            if extra_reports == 8 {
                                // More articles than a list names: the fixtures have too
                                // few to reach the limit.
                                view.also_more = 3;
                            }
                            with_actors +=
                                usize::from(view.text_html.contains("<a class=\"actor "));
                            with_also += usize::from(view.also_more > 0);
                            with_again += usize::from(
                                !view.again.is_empty()
                                    && view.also.iter().any(|a| !a.again.is_empty()),
                            );
                            let by_tera = theme
                                .render_fragment("partials/event.html", "e", &view)
                                .expect("tera");
                            let mut compiled = String::from("before");
                            super::event(&view, &mut compiled);
                            assert_eq!(
                                compiled,
                                format!("before{by_tera}"),
                                "event {event} of {site}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 20, "the fixtures have events: {compared}");
        assert!(with_actors > 10, "and actors linked in them: {with_actors}");
        assert!(
            with_also > 10,
            "and more reports than are named: {with_also}"
        );
        assert!(
            with_again > 10,
            "and further sentences of one article: {with_again}"
        );
    }

    /// Makes every list long enough to be cut short or paged: each event
    /// repeated (the timeline then needs pages), and every actor in more
    /// articles, events and quotes than its page lists.
    fn crowd(b: &mut crate::model::Briefing) {
        use super::super::views::{ACTOR_ARTICLES, ACTOR_EVENTS, ACTOR_QUOTES};
        let repeat = super::super::timeline::PAGE_EVENTS / b.events.len().max(1) + 2;
        b.events = b
            .events
            .iter()
            .flat_map(|e| std::iter::repeat_n(e.clone(), repeat))
            .collect();
        let (events, quotes, articles) = (b.events.len(), b.quotes.len(), b.articles.len());
        for a in &mut b.actors {
            a.events = (0..events).cycle().take(ACTOR_EVENTS + 3).collect();
            a.quotes = (0..quotes).cycle().take(ACTOR_QUOTES + 3).collect();
            a.articles = (0..articles).cycle().take(ACTOR_ARTICLES + 3).collect();
        }
    }

    /// Every file of the fixture sites, as they are, with their text and names
    /// varied, and with long lists: the same bytes with the compiled twins as
    /// through Tera alone.
    #[test]
    fn the_compiled_pages_are_the_templates_byte_for_byte() {
        let sites = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites");
        let mut compared = std::collections::BTreeMap::new();
        for (site, mut b, twinned) in fixtures() {
            assert!(
                twinned.twins.article_page
                    && twinned.twins.actor_page
                    && twinned.twins.timeline_page,
                "{site} uses the default theme"
            );
            let mut tera_only = Theme::load(&sites.join(site)).expect("theme");
            tera_only.twins = super::Twins::none();
            for step in ["as is", "varied", "crowded"] {
                match step {
                    "varied" => vary(&mut b),
                    "crowded" => crowd(&mut b),
                    _ => {}
                }
                let by_tera = super::super::render(&b, &tera_only).expect("tera");
                let compiled = super::super::render(&b, &twinned).expect("compiled");
                assert_eq!(by_tera.len(), compiled.len(), "{site} {step}");
                for (t, c) in by_tera.iter().zip(&compiled) {
                    assert_eq!(t.path, c.path);
                    assert_eq!(
                        String::from_utf8_lossy(&c.bytes),
                        String::from_utf8_lossy(&t.bytes),
                        "{} of {site}, {step}",
                        t.path
                    );
                    let kind = t.path.split('/').next().unwrap_or_default();
                    *compared.entry(kind.to_string()).or_insert(0) += 1;
                }
                let text = |path: &str| {
                    compiled
                        .iter()
                        .filter(|f| f.path.starts_with(path))
                        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
                        .collect::<String>()
                };
                if step == "crowded" {
                    // Each cut-short or paged list was written.
                    assert!(text("timeline/").contains("rel=\"next\""), "{site}");
                    assert!(text("actors/").contains("The latest"), "{site}");
                    assert!(text("actors/").contains("The first"), "{site}");
                    assert!(text("actors/").contains("Older articles"), "{site}");
                }
            }
        }
        for kind in ["articles", "actors", "timeline"] {
            assert!(
                compared.get(kind).copied().unwrap_or(0) > 5,
                "{kind}: {compared:?}"
            );
        }
    }
}
