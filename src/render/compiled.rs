//! Compiled twins of the default theme's hottest partials.
//!
//! A big briefing lists each of its events on the timeline, on its article and
//! on the page of each of its actors: hundreds of thousands of items, where Tera
//! spends about ten microseconds on each (a cache of rendered events shared
//! between pages was tried: with this twin it saved nothing measurable). When the site does not override them,
//! these functions write exactly what the templates would (a test renders every
//! event of the fixture sites both ways and compares the bytes); a site that
//! overrides one gets its own template, through Tera, as always.

use super::escape::escape_into;
use super::views::EventView;
use std::fmt::Write as _;

/// The templates [`event`] stands in for: overriding either turns it off.
pub const EVENT_TEMPLATES: &[&str] = &["partials/event.html", "partials/actor_link.html"];

/// `templates/partials/event.html`, with `partials/actor_link.html` inside.
pub fn event(e: &EventView) -> String {
    let mut h = String::with_capacity(256 + e.text.len() * 2);
    h.push_str("<li class=\"event\" data-actors=\"");
    escape_into(&mut h, &e.actor_ids);
    h.push_str("\">\n<p><time datetime=\"");
    escape_into(&mut h, &e.date_iso);
    h.push_str("\">");
    escape_into(&mut h, &e.date);
    h.push_str("</time> ");
    escape_into(&mut h, &e.text);
    h.push_str(" <a class=\"source\" href=\"");
    escape_into(&mut h, &e.url);
    h.push_str("\">");
    match &e.article {
        Some(article) => escape_into(&mut h, &article.title),
        None => h.push_str("in the article"),
    }
    h.push_str("</a></p>\n");
    if !e.also.is_empty() {
        h.push_str("<p class=\"also\">Also reported in ");
        push_links(&mut h, e.also.iter().map(|a| (None, &*a.url, &*a.title)));
        if e.also_more > 0 {
            // Writing to a String cannot fail.
            let _ = write!(h, " and {} more", e.also_more);
        }
        h.push_str("</p>");
    }
    h.push('\n');
    if !e.actors.is_empty() {
        h.push_str("<p class=\"with\">");
        push_links(
            &mut h,
            e.actors.iter().map(|a| (Some(a.kind), &*a.url, &*a.name)),
        );
        h.push_str("</p>");
    }
    h.push_str("\n</li>\n");
    h
}

/// Links separated by `, `: `(actor kind, url, text)`; with a kind, marked up as
/// `partials/actor_link.html` does.
fn push_links<'a>(
    h: &mut String,
    links: impl Iterator<Item = (Option<&'a str>, &'a str, &'a str)>,
) {
    for (i, (kind, url, text)) in links.enumerate() {
        if i > 0 {
            h.push_str(", ");
        }
        match kind {
            Some(kind) => {
                h.push_str("<a class=\"actor ");
                escape_into(h, kind);
                h.push_str("\" href=\"");
            }
            None => h.push_str("<a href=\""),
        }
        escape_into(h, url);
        h.push_str("\">");
        escape_into(h, text);
        h.push_str("</a>");
    }
}

#[cfg(test)]
mod tests {
    use super::super::views::{Dates, Prepared, Source};
    use super::super::{Links, Theme};
    use super::*;

    /// Every event of the fixture sites (the hostile one carries markup, quotes
    /// and ampersands in its text and titles), in both forms, at two depths.
    #[test]
    fn the_compiled_event_is_the_template_byte_for_byte() {
        let sites = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites");
        let (mut compared, mut with_actors) = (0, 0);
        for site in ["basic", "hostile"] {
            let opts = crate::BuildOptions {
                root: sites.join(site),
                ..Default::default()
            };
            let (b, _, _, _) = crate::assemble(&opts, crate::Caches::default()).expect("assemble");
            let theme = Theme::load(&opts.root).expect("theme");
            let dates = Dates::new(&b);
            let p = Prepared::new(&b, &dates, &theme);
            for links in [
                Links::from_page("articles/x/index.html"),
                Links::from_page("index.html"),
            ] {
                for event in 0..b.events.len() {
                    for source in [Source::Named, Source::Implied] {
                        let view = EventView::new(&p, event, source, &links);
                        with_actors += usize::from(!view.actors.is_empty());
                        let by_tera = theme
                            .render_fragment("partials/event.html", "e", &view)
                            .expect("tera");
                        assert_eq!(super::event(&view), by_tera, "event {event} of {site}");
                        compared += 1;
                        // Other reports, and more of them than are named.
                        let mut view = view;
                        let link = super::super::views::ArticleLink {
                            title: "Tom & \"Jerry\" <b>'s</b>".into(),
                            url: "../../articles/a/index.html#s1".into(),
                            date: None,
                            date_iso: None,
                            source: None,
                        };
                        for also_more in [0, 3] {
                            view.also = vec![link.clone(), link.clone()];
                            view.also_more = also_more;
                            let by_tera = theme
                                .render_fragment("partials/event.html", "e", &view)
                                .expect("tera");
                            assert_eq!(
                                super::event(&view),
                                by_tera,
                                "event {event} of {site}, also"
                            );
                        }
                    }
                }
            }
        }
        assert!(compared > 20, "the fixtures have events: {compared}");
        assert!(with_actors > 10, "and actors in them: {with_actors}");
    }
}
