//! Compiled twins of the default theme's pages that a big briefing has by the
//! thousand: articles, actors and the timeline's months, each inside
//! `base.html`.
//!
//! Through Tera, such a page first copies its view, with the items and the
//! article text already rendered, into a tree of JSON values, then copies it
//! again into the page, a large part of an article page's cost. These
//! functions write the same bytes straight from the view. Tests build the
//! fixture sites both ways and compare every file.

use super::super::escape::escape_into;
use super::super::page_data::Rendered;
use super::super::views::{ActorView, ArticleView, Frame, TimelineView};
use std::fmt::Write as _;

/// Appends `text` escaped, as Tera's `{{ text }}` writes it.
fn text(h: &mut String, text: &str) {
    escape_into(h, text);
}

/// Tera's `pluralize`: `s` unless there is exactly one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whether Tera takes an optional string for true: present and not empty.
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// `templates/base.html` up to where the page's content goes.
fn frame_open(f: &Frame, h: &mut String) {
    h.push_str("<!DOCTYPE html>\n<html lang=\"");
    text(h, &f.language);
    h.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    if f.section == "home" {
        text(h, &f.site_title);
    } else {
        text(h, &f.title);
        h.push_str(" · ");
        text(h, &f.site_title);
    }
    h.push_str("</title>\n<meta name=\"description\" content=\"");
    text(h, &f.description);
    h.push_str("\">\n");
    if let Some(canonical) = given(f.canonical.as_deref()) {
        h.push_str("<link rel=\"canonical\" href=\"");
        text(h, canonical);
        h.push_str("\">\n<meta property=\"og:url\" content=\"");
        text(h, canonical);
        h.push_str("\">\n");
    }
    h.push_str("<meta property=\"og:title\" content=\"");
    text(h, &f.title);
    h.push_str("\">\n<meta property=\"og:description\" content=\"");
    text(h, &f.description);
    h.push_str("\">\n<meta property=\"og:type\" content=\"");
    h.push_str(if f.section == "articles" {
        "article"
    } else {
        "website"
    });
    h.push_str("\">\n<meta property=\"og:site_name\" content=\"");
    text(h, &f.site_title);
    h.push_str("\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"stylesheet\" href=\"");
    text(h, &f.css);
    h.push_str("\">\n<link rel=\"icon\" href=\"");
    text(h, &f.favicon);
    h.push_str("\" type=\"image/svg+xml\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
    text(h, &f.site_title);
    h.push_str("\" href=\"");
    text(h, &f.home.replace("index.html", "atom.xml"));
    h.push_str("\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site\">\n<nav aria-label=\"Site\">\n<a class=\"brand\" href=\"");
    text(h, &f.home);
    h.push('"');
    current(h, f.section == "home");
    h.push('>');
    text(h, &f.site_title);
    h.push_str("</a>\n<ul>\n<li><a href=\"");
    text(h, &f.actors);
    h.push('"');
    current(h, f.section == "actors");
    h.push_str(">Actors</a></li>\n<li><a href=\"");
    text(h, &f.timeline);
    h.push('"');
    current(h, f.section == "timeline");
    h.push_str(">Timeline</a></li>\n</ul>\n<form class=\"search\" role=\"search\" data-index=\"");
    text(h, &f.search_index);
    h.push_str("\" data-root=\"");
    text(h, &f.root);
    h.push_str("\" hidden>\n<label class=\"visually-hidden\" for=\"search\">Search actors, events, quotes and articles</label>\n<input type=\"search\" id=\"search\" placeholder=\"Search\" autocomplete=\"off\" aria-describedby=\"search-status\">\n<p id=\"search-status\" class=\"visually-hidden\" aria-live=\"polite\"></p>\n<ol id=\"search-results\" class=\"search-results\" hidden></ol>\n</form>\n</nav>\n</header>\n<main id=\"main\">\n");
}

fn current(h: &mut String, is_current: bool) {
    if is_current {
        h.push_str(" aria-current=\"page\"");
    }
}

/// `templates/base.html` after the page's content.
fn frame_close(f: &Frame, h: &mut String) {
    h.push_str("\n</main>\n<footer class=\"site\">\n<p>Built by briefing from the articles in <code>seeds/</code>. Names, dates and quotes are found by machine: check them against the articles.</p>\n</footer>\n<script src=\"");
    text(h, &f.script);
    h.push_str("\" defer></script>\n</body>\n</html>\n");
}

/// `templates/article.html`.
pub fn article(f: &Frame, v: &ArticleView, h: &mut String) {
    frame_open(f, h);
    h.push_str("\n<article>\n<header>\n<h1>");
    text(h, v.title);
    h.push_str("</h1>\n<p class=\"meta\">");
    match given(v.date) {
        Some(date) => {
            h.push_str("<time datetime=\"");
            text(h, v.date_iso.unwrap_or_default());
            h.push_str("\">");
            text(h, date);
            h.push_str("</time>");
        }
        None => h.push_str("Undated"),
    }
    for part in [v.source, v.author].into_iter().filter_map(given) {
        h.push_str(" · ");
        text(h, part);
    }
    if let Some(url) = given(v.original_url) {
        h.push_str(" · <a href=\"");
        text(h, url);
        h.push_str("\" rel=\"nofollow noopener\">original</a>");
    }
    h.push_str("</p>\n</header>\n<div class=\"body\">\n");
    h.push_str(&v.body_html);
    h.push_str("\n</div>\n</article>\n");
    if !(v.actors.is_empty() && v.events.is_empty() && v.quotes.is_empty()) {
        h.push_str("<aside aria-label=\"In this article\">\n");
        if !v.actors.is_empty() {
            h.push_str("<section aria-labelledby=\"actors\">\n<h2 id=\"actors\">Actors</h2>\n<ul class=\"actors\">");
            for a in &v.actors {
                h.push_str("<li>");
                h.push_str(&a.html);
                if let Some(role) = given(a.link.role) {
                    h.push_str(" <span class=\"role\">");
                    text(h, role);
                    h.push_str("</span>");
                }
                h.push_str("</li>");
            }
            h.push_str("</ul>\n</section>");
        }
        h.push('\n');
        rendered_section(
            h,
            "<section aria-labelledby=\"events\">\n<h2 id=\"events\">Events</h2>\n<ol class=\"events\">",
            &v.events,
            "</ol>\n</section>",
        );
        h.push('\n');
        rendered_section(
            h,
            "<section aria-labelledby=\"quotes\">\n<h2 id=\"quotes\">Quotes</h2>\n",
            &v.quotes,
            "\n</section>",
        );
        h.push_str("\n</aside>");
    }
    h.push('\n');
    frame_close(f, h);
}

/// `open`, the items already rendered, and `close`; nothing when there are no items.
fn rendered_section(h: &mut String, open: &str, items: &[Rendered], close: &str) {
    if items.is_empty() {
        return;
    }
    h.push_str(open);
    for item in items {
        h.push_str(&item.html);
    }
    h.push_str(close);
}

/// `templates/actor.html`.
pub fn actor(f: &Frame, v: &ActorView, h: &mut String) {
    frame_open(f, h);
    h.push_str("\n<h1>");
    text(h, v.name);
    h.push_str("</h1>\n<p class=\"meta\"><span class=\"kind ");
    text(h, v.kind);
    h.push_str("\">");
    text(h, v.kind);
    // Writing to a String cannot fail.
    let _ = write!(
        h,
        "</span> · mentioned {} time{} in {} article{}</p>\n<dl class=\"facts\">\n",
        v.mention_count,
        plural(v.mention_count),
        v.total_articles,
        plural(v.total_articles)
    );
    for (label, items) in [("Roles", v.roles), ("Also called", v.aliases)] {
        if !items.is_empty() {
            h.push_str("<dt>");
            h.push_str(label);
            h.push_str("</dt><dd><ul class=\"inline\">");
            for item in items {
                h.push_str("<li>");
                text(h, item);
                h.push_str("</li>");
            }
            h.push_str("</ul></dd>");
        }
        h.push('\n');
    }
    h.push_str("</dl>\n");
    if !v.quotes.is_empty() {
        h.push_str("<section aria-labelledby=\"quotes\">\n<h2 id=\"quotes\">Quotes</h2>\n");
        if v.total_quotes > v.quotes.len() {
            let _ = write!(
                h,
                "<p class=\"meta\">The first {} of {}.</p>",
                v.quotes.len(),
                v.total_quotes
            );
        }
        h.push('\n');
        for q in &v.quotes {
            h.push_str(&q.html);
        }
        h.push_str("\n</section>");
    }
    h.push('\n');
    if !v.events.is_empty() {
        h.push_str("<section aria-labelledby=\"events\">\n<h2 id=\"events\">Events</h2>\n");
        if v.total_events > v.events.len() {
            let _ = write!(
                h,
                "<p class=\"meta\">The latest {} of {}; <a href=\"",
                v.events.len(),
                v.total_events
            );
            text(h, &v.timeline);
            h.push_str("\">all of them on the timeline</a>.</p>");
        }
        h.push_str("\n<ol class=\"events\">");
        for e in &v.events {
            h.push_str(&e.html);
        }
        h.push_str("</ol>\n</section>");
    }
    h.push_str("\n<section aria-labelledby=\"articles\">\n<h2 id=\"articles\">Articles</h2>\n<ul class=\"articles\">");
    for a in &v.articles {
        h.push_str(&a.html);
    }
    h.push_str("</ul>\n");
    if let Some(more) = given(v.more_articles.as_deref()) {
        h.push_str("<p><a href=\"");
        text(h, more);
        let _ = write!(h, "\">Older articles</a> ({} more)</p>", v.older_articles);
    }
    h.push_str("\n</section>\n");
    if !v.related.is_empty() {
        h.push_str("<section aria-labelledby=\"related\">\n<h2 id=\"related\">Appears with</h2>\n<ul class=\"actors\">");
        for r in &v.related {
            h.push_str("<li>");
            h.push_str(&r.actor.html);
            let _ = write!(
                h,
                " <span class=\"count\">{} article{}</span></li>",
                r.shared,
                plural(r.shared)
            );
        }
        h.push_str("</ul>\n</section>");
    }
    h.push('\n');
    frame_close(f, h);
}

/// `templates/timeline.html`.
pub fn timeline(f: &Frame, v: &TimelineView, h: &mut String) {
    frame_open(f, h);
    h.push_str("\n<h1>");
    match given(v.page_label.as_deref()) {
        Some(label) => {
            h.push_str("Timeline: ");
            text(h, label);
        }
        None => h.push_str("Timeline"),
    }
    h.push_str("</h1>\n");
    if let (Some(first), Some(last)) = (v.axis.first(), v.axis.last()) {
        h.push_str("\n<figure class=\"axis\" aria-label=\"Where the events fall in time\">\n<ol aria-hidden=\"true\">");
        for mark in &v.axis {
            h.push_str("<li style=\"left: ");
            push_number(h, mark.percent);
            h.push_str("%\" title=\"");
            text(h, &mark.label);
            let _ = write!(h, ": {} event{}\"></li>", mark.events, plural(mark.events));
        }
        h.push_str("</ol>\n<figcaption>");
        text(h, &first.label);
        h.push_str(" to ");
        text(h, &last.label);
        h.push_str("</figcaption>\n</figure>\n");
    }
    h.push('\n');
    if v.paginated {
        h.push_str("<nav class=\"pages\" aria-label=\"Timeline pages\">\n");
        if v.previous.is_some() || v.next.is_some() {
            h.push_str("<p class=\"prev-next\">");
            if let Some(previous) = &v.previous {
                h.push_str("<a rel=\"prev\" href=\"");
                text(h, &previous.url);
                h.push_str("\">← ");
                text(h, &previous.label);
                h.push_str("</a>");
            }
            h.push_str(" <a href=\"");
            text(h, &v.index);
            h.push_str("\">All months</a> ");
            if let Some(next) = &v.next {
                h.push_str("<a rel=\"next\" href=\"");
                text(h, &next.url);
                h.push_str("\">");
                text(h, &next.label);
                h.push_str(" →</a>");
            }
            h.push_str("</p>");
        }
        h.push('\n');
        if given(v.page_label.as_deref()).is_none() {
            h.push_str("<ul class=\"inline\">");
            for p in &v.pages {
                h.push_str("<li><a href=\"");
                text(h, &p.url);
                h.push_str("\">");
                text(h, &p.label);
                let _ = write!(h, "</a> <span class=\"count\">{}</span></li>", p.events);
            }
            h.push_str("</ul>");
        }
        h.push_str("\n</nav>");
    }
    h.push('\n');
    if !v.months.is_empty() {
        h.push('\n');
        if !v.filter_actors.is_empty() {
            h.push_str("<form class=\"filter\" hidden>\n<label for=\"actor-filter\">Show events with</label>\n<select id=\"actor-filter\">\n<option value=\"\">every actor</option>\n");
            for a in &v.filter_actors {
                h.push_str("<option value=\"");
                text(h, &a.id);
                h.push_str("\">");
                text(h, &a.name);
                let _ = write!(h, " ({})</option>", a.events);
            }
            h.push_str("\n</select>\n</form>");
        }
        h.push('\n');
        for month in &v.months {
            h.push_str("<section class=\"month\" aria-labelledby=\"");
            text(h, &month.id);
            h.push_str("\">\n<h2 id=\"");
            text(h, &month.id);
            h.push_str("\">");
            text(h, &month.label);
            h.push_str("</h2>\n");
            for day in &month.days {
                h.push_str("<h3 id=\"d");
                text(h, &day.date_iso);
                h.push_str("\">");
                text(h, &day.label);
                h.push_str("</h3>\n<ol class=\"events\">");
                for e in &day.events {
                    h.push_str(&e.html);
                }
                h.push_str("</ol>\n");
            }
            h.push_str("\n</section>\n");
        }
        h.push('\n');
    } else if !v.paginated {
        h.push_str("<p>No dated events yet.</p>");
    }
    h.push('\n');
    frame_close(f, h);
}

/// A number as Tera writes one that came from an `f64`.
fn push_number(h: &mut String, n: f64) {
    let _ = write!(h, "{n}");
}
