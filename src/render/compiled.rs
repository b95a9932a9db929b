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
use super::links::Links;
use super::views::{ALSO_LIMIT, Prepared, Source};
use std::fmt::Write as _;

/// The templates [`event`] stands in for: overriding either turns it off.
pub const EVENT_TEMPLATES: &[&str] = &["partials/event.html", "partials/actor_link.html"];

/// `templates/partials/event.html`, with `partials/actor_link.html` inside, for
/// event `event` on a page whose links start at `links`: appended to `h`.
/// Written straight from the briefing: titles, names and paths were escaped
/// once (in [`super::views::Escaped`]); only the sentence is escaped here.
pub fn event(p: &Prepared, event: usize, source: Source, links: &Links, h: &mut String) {
    let b = p.b;
    let x = p.html();
    let e = &b.events[event];
    let text = b.event_text(e);
    let root = links.root_html();
    let also = &e.also[..e.also.len().min(ALSO_LIMIT)];
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
    h.push_str("<li class=\"event\" data-actors=\"");
    for (i, &a) in e.actors.iter().enumerate() {
        if i > 0 {
            h.push(' ');
        }
        h.push_str(&x.actor_ids[a]);
    }
    let date = p.event_date_index(event);
    h.push_str("\">\n<p><time datetime=\"");
    h.push_str(&x.event_values[date]);
    h.push_str("\">");
    h.push_str(&x.event_labels[date]);
    h.push_str("</time> ");
    escape_into(h, text);
    h.push_str(" <a class=\"source\" href=\"");
    push_sentence_link(h, root, &x.article_paths[e.article], e.offset);
    h.push_str("\">");
    match source {
        Source::Named => h.push_str(&x.article_titles[e.article]),
        Source::Implied => h.push_str("in the article"),
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
    if !e.actors.is_empty() {
        h.push_str("<p class=\"with\">");
        for (i, &a) in e.actors.iter().enumerate() {
            if i > 0 {
                h.push_str(", ");
            }
            h.push_str("<a class=\"actor ");
            h.push_str(b.actors[a].kind.as_str());
            h.push_str("\" href=\"");
            h.push_str(root);
            h.push_str(&x.actor_paths[a]);
            h.push_str("\">");
            h.push_str(&x.actor_names[a]);
            h.push_str("</a>");
        }
        h.push_str("</p>");
    }
    h.push_str("\n</li>\n");
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
    use super::super::views::{Dates, EventView, Prepared, Source};
    use super::super::{Links, Theme};

    /// Every event of the fixture sites (the hostile one carries markup, quotes
    /// and ampersands in its text and titles), in both forms, at three depths,
    /// and again with other reports: fewer than are named, and more.
    #[test]
    fn the_compiled_event_is_the_template_byte_for_byte() {
        let sites = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites");
        let (mut compared, mut with_actors, mut with_also) = (0, 0, 0);
        for site in ["basic", "hostile"] {
            let opts = crate::BuildOptions {
                root: sites.join(site),
                ..Default::default()
            };
            let (mut b, _, _, _) =
                crate::assemble(&opts, crate::Caches::default()).expect("assemble");
            let theme = Theme::load(&opts.root).expect("theme");
            for extra_reports in [0, 2, 8] {
                if extra_reports > 0 {
                    let n = b.articles.len();
                    for (i, e) in b.events.iter_mut().enumerate() {
                        e.also = (0..extra_reports).map(|k| ((i + k) % n, 7 * k)).collect();
                    }
                }
                let dates = Dates::new(&b);
                let p = Prepared::new(&b, &dates, &theme);
                for links in [
                    Links::from_page("articles/x/index.html"),
                    Links::from_page("index.html"),
                    Links::absolute("/a&b/"),
                ] {
                    for event in 0..b.events.len() {
                        for source in [Source::Named, Source::Implied] {
                            let view = EventView::new(&p, event, source, &links);
                            with_actors += usize::from(!view.actors.is_empty());
                            with_also += usize::from(view.also_more > 0);
                            let by_tera = theme
                                .render_fragment("partials/event.html", "e", &view)
                                .expect("tera");
                            let mut compiled = String::from("before");
                            super::event(&p, event, source, &links, &mut compiled);
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
}
