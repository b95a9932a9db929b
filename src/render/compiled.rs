//! Compiled twins of the default theme's hottest partials.
//!
//! A big briefing lists each of its events on the timeline, on its article and
//! on the page of each of its actors: hundreds of thousands of items, each a
//! full template render through Tera (written here, an item is cheap enough
//! that a cache of rendered events shared between pages would not pay). Its
//! quotes and articles are listed on their article's page, their actors' pages
//! and the overview: many more items, where each variable Tera
//! looks up costs more than writing the whole item here. When the site leaves
//! their templates as they come, these functions write exactly what the
//! templates would (tests render every item of the fixture sites both ways and
//! compare the bytes); a site that overrides one gets its own template, through
//! Tera, as always.

pub mod pages;

use super::escape::escape_into;
use super::links::Links;
use super::page_data::{ALSO_LIMIT, Listing, PageData, Speaker};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The templates each twin stands in for: changing any of them turns it off.
const EVENT_TEMPLATES: &[&str] = &["partials/event.html", "partials/actor_link.html"];
const QUOTE_TEMPLATES: &[&str] = &["partials/quote.html"];
const ARTICLE_ITEM_TEMPLATES: &[&str] = &["partials/article_item.html"];
const ACTOR_LINK_TEMPLATES: &[&str] = &["partials/actor_link.html"];
const ARTICLE_PAGE_TEMPLATES: &[&str] = &["base.html", "article.html"];
const ACTOR_PAGE_TEMPLATES: &[&str] = &["base.html", "actor.html"];
const TIMELINE_PAGE_TEMPLATES: &[&str] = &["base.html", "timeline.html"];

/// Which twins a theme can use.
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
    /// [`pages::article`] for `article.html` in `base.html`.
    pub article_page: bool,
    /// [`pages::actor`] for `actor.html` in `base.html`.
    pub actor_page: bool,
    /// [`pages::timeline`] for `timeline.html` in `base.html`.
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
    /// them): each twin whose templates are the built-in ones, byte for byte,
    /// so a site that copied the default theme whole keeps them.
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
            event: built_in(EVENT_TEMPLATES),
            quote: built_in(QUOTE_TEMPLATES),
            article_item: built_in(ARTICLE_ITEM_TEMPLATES),
            actor_link: built_in(ACTOR_LINK_TEMPLATES),
            article_page: built_in(ARTICLE_PAGE_TEMPLATES),
            actor_page: built_in(ACTOR_PAGE_TEMPLATES),
            timeline_page: built_in(TIMELINE_PAGE_TEMPLATES),
        }
    }
}

/// `templates/partials/event.html`, with `partials/actor_link.html` inside, for
/// event `event` on a page whose links start at `links`: appended to `h`.
/// Written straight from the briefing: titles, names and paths were escaped
/// once (in [`super::views::Escaped`]); only the sentence is escaped here.
pub fn event(p: &PageData, event: usize, listing: Listing, links: &Links, h: &mut String) {
    let b = p.b;
    let x = p.html();
    let e = &b.events[event];
    let text = b.event_text(e);
    let root = links.root_html();
    let also = &e.also[..e.also.len().min(ALSO_LIMIT)];
    let mut actors = e.actors.iter().copied().filter(|&a| listing.lists_actor(a));
    let link = root.len() + 48;
    h.reserve(
        200 + text.len()
            + text.len() / 8
            + (1 + also.len()) * (link + 32)
            + e.actors.len() * (link + 64)
            + also
                .iter()
                .map(|&(a, _)| x.article_titles[a].len())
                .sum::<usize>(),
    );
    h.push_str("<li class=\"event\"");
    if listing == Listing::Timeline && !e.actors.is_empty() {
        h.push_str(" data-actors=\"");
        for (i, &a) in e.actors.iter().enumerate() {
            if i > 0 {
                h.push(' ');
            }
            h.push_str(&x.actor_ids[a]);
        }
        h.push('"');
    }
    let date = p.event_date_index(event);
    h.push_str(">\n<p><time datetime=\"");
    h.push_str(&x.event_values[date]);
    h.push_str("\">");
    h.push_str(&x.event_labels[date]);
    h.push_str("</time> ");
    escape_into(h, text);
    h.push_str(" <a class=\"source\" href=\"");
    match listing {
        Listing::OwnArticle => {
            // The sentence is on this page: the link is its anchor alone.
            push_sentence_link(h, "", "", e.offset);
            h.push_str("\">in the article");
        }
        Listing::OwnActor(_) | Listing::Elsewhere | Listing::Timeline => {
            push_sentence_link(h, root, &x.article_paths[e.article], e.offset);
            h.push_str("\">");
            h.push_str(&x.article_titles[e.article]);
        }
    }
    h.push_str("</a></p>\n");
    if !also.is_empty() {
        h.push_str("<p class=\"also\">Also reported in ");
        for (i, &(a, offset)) in also.iter().enumerate() {
            if i > 0 {
                h.push_str(", ");
            }
            h.push_str("<a href=\"");
            push_sentence_link(h, root, &x.article_paths[a], offset);
            h.push_str("\">");
            h.push_str(&x.article_titles[a]);
            h.push_str("</a>");
        }
        let more = e.also.len() - also.len();
        if more > 0 {
            // Writing to a String cannot fail.
            let _ = write!(h, " and {more} more");
        }
        h.push_str("</p>");
    }
    h.push('\n');
    if let Some(first) = actors.next() {
        h.push_str("<p class=\"with\">");
        actor_link(p, first, links, h);
        for a in actors {
            h.push_str(", ");
            actor_link(p, a, links, h);
        }
        h.push_str("</p>");
    }
    h.push_str("\n</li>\n");
}

/// `templates/partials/quote.html` for quote `quote` on a page whose links
/// start at `links`, its speaker left out on the speaker's own page (where the
/// page sets `hide_speaker`): appended to `h`. Only the words are escaped here.
pub fn quote(p: &PageData, quote: usize, speaker: Speaker, links: &Links, h: &mut String) {
    let b = p.b;
    let x = p.html();
    let q = &b.quotes[quote];
    let text = b.quote_text(q);
    let root = links.root_html();
    h.reserve(200 + text.len() + text.len() / 8 + 2 * (root.len() + 64));
    h.push_str("<figure class=\"quote\">\n<blockquote><p>");
    escape_into(h, text);
    h.push_str("</p></blockquote>\n<figcaption>");
    if speaker == Speaker::Named {
        match q.speaker {
            // The partial writes the link inline, as `partials/actor_link.html` does.
            Some(a) => actor_link(p, a, links, h),
            None => h.push_str("Speaker not named"),
        }
        h.push_str(", ");
    }
    h.push_str("<a href=\"");
    h.push_str(root);
    h.push_str(&x.article_paths[q.article]);
    h.push_str("\">");
    h.push_str(&x.article_titles[q.article]);
    h.push_str("</a>");
    // Tera's `{% if %}` takes an empty string for false.
    if let Some((date, _)) = &x.article_dates[q.article]
        && !date.is_empty()
    {
        h.push_str(", ");
        h.push_str(date);
    }
    h.push_str("</figcaption>\n</figure>\n");
}

/// `templates/partials/article_item.html` for article `article` on a page
/// whose links start at `links`: appended to `h`, all of it escaped already.
pub fn article_item(p: &PageData, article: usize, links: &Links, h: &mut String) {
    let x = p.html();
    let root = links.root_html();
    h.reserve(160 + root.len() + x.article_paths[article].len() + x.article_titles[article].len());
    h.push_str("<li><a href=\"");
    h.push_str(root);
    h.push_str(&x.article_paths[article]);
    h.push_str("\">");
    h.push_str(&x.article_titles[article]);
    h.push_str("</a>");
    // Tera's `{% if %}` takes an empty string for false.
    if let Some((date, iso)) = &x.article_dates[article]
        && !date.is_empty()
    {
        h.push_str(" <time datetime=\"");
        h.push_str(iso);
        h.push_str("\">");
        h.push_str(date);
        h.push_str("</time>");
    }
    if let Some(source) = &x.article_sources[article]
        && !source.is_empty()
    {
        h.push_str(" <span class=\"source-name\">");
        h.push_str(source);
        h.push_str("</span>");
    }
    h.push_str("</li>\n");
}

/// `templates/partials/actor_link.html` for actor `actor` on a page whose
/// links start at `links`: appended to `h`, all of it escaped already.
pub fn actor_link(p: &PageData, actor: usize, links: &Links, h: &mut String) {
    let x = p.html();
    h.push_str("<a class=\"actor ");
    h.push_str(p.b.actors[actor].kind.as_str());
    h.push_str("\" href=\"");
    h.push_str(links.root_html());
    h.push_str(&x.actor_paths[actor]);
    h.push_str("\">");
    h.push_str(&x.actor_names[actor]);
    h.push_str("</a>");
}

/// `<root><article path>#s<offset>`: the link to a sentence (see
/// [`super::body::sentence_anchor`]), its parts already escaped.
fn push_sentence_link(h: &mut String, root: &str, article_path: &str, offset: usize) {
    h.push_str(root);
    h.push_str(article_path);
    // Writing to a String cannot fail.
    let _ = write!(h, "#s{offset}");
}

#[cfg(test)]
mod tests {
    use super::super::page_data::{Listing, PageData, PageText, Speaker};
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
                let b = crate::assemble(&opts, crate::Reuse::default())
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
                        for speaker in [Speaker::Named, Speaker::Implied] {
                            let view = QuoteView::new(&p, &b.quotes[quote], &links);
                            with_speaker += usize::from(view.speaker.is_some());
                            without += usize::from(view.speaker.is_none());
                            let mut ctx = tera::Context::new();
                            ctx.insert("q", &view);
                            if speaker == Speaker::Implied {
                                // As the actor page's `{% set hide_speaker = true %}` did.
                                ctx.insert("hide_speaker", &true);
                            }
                            let by_tera = theme
                                .render_context("partials/quote.html", &ctx)
                                .expect("tera");
                            let mut compiled = String::from("before");
                            super::quote(&p, quote, speaker, &links, &mut compiled);
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
                        let view = ArticleLink::new(&p, article, &links);
                        dated += usize::from(view.date.is_some());
                        with_source += usize::from(view.source.is_some_and(|s| !s.is_empty()));
                        let by_tera = theme
                            .render_fragment("partials/article_item.html", "a", &view)
                            .expect("tera");
                        let mut compiled = String::from("before");
                        super::article_item(&p, article, &links, &mut compiled);
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
                        let view = ActorLink::new(&b.actors[actor], &links);
                        let by_tera = theme
                            .render_fragment("partials/actor_link.html", "a", &view)
                            .expect("tera");
                        let mut compiled = String::from("before");
                        super::actor_link(&p, actor, &links, &mut compiled);
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
        assert_eq!(
            changed("partials/actor_link.html"),
            super::Twins {
                event: false,
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
    /// and again with other reports: fewer than are named, and more.
    #[test]
    fn the_compiled_event_is_the_template_byte_for_byte() {
        let (mut compared, mut with_actors, mut with_also) = (0, 0, 0);
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
                            Listing::OwnArticle,
                            Listing::OwnActor(event % b.actors.len().max(1)),
                            Listing::OwnActor(b.events[event].actors.first().copied().unwrap_or(0)),
                            Listing::Elsewhere,
                            Listing::Timeline,
                        ] {
                            let view = EventView::new(&p, event, listing, &links);
                            with_actors += usize::from(!view.actors.is_empty());
                            with_also += usize::from(view.also_more > 0);
                            let by_tera = theme
                                .render_fragment("partials/event.html", "e", &view)
                                .expect("tera");
                            let mut compiled = String::from("before");
                            super::event(&p, event, listing, &links, &mut compiled);
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
        assert!(with_actors > 10, "and actors in them: {with_actors}");
        assert!(
            with_also > 10,
            "and more reports than are named: {with_also}"
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
