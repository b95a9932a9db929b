//! A saved web page as an article: its title, publication date, author,
//! source and canonical URL from the page's own metadata, and its body text
//! without the page's navigation, ads and comments.

use super::{body, decode_html, published, web_url};
use crate::source::{Article, Diagnostic, assemble_body};
use scraper::{Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

/// Reads one saved page. `url` is where it was fetched from, when known
/// (`briefing add`); a page saved by hand names itself in its metadata.
pub fn read_page(
    shown: &str,
    bytes: &[u8],
    url: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    read_page_with_charset(shown, bytes, url, None, diags)
}

/// [`read_page`] for a page whose server named its charset.
pub fn read_page_with_charset(
    shown: &str,
    bytes: &[u8],
    url: Option<&str>,
    http_charset: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let html = decode_html(bytes, http_charset);
    let document = super::parse_page(&html);
    let linked = linked_data(&document);
    let metadata = Metadata::of(&document, &linked, url);
    let blocks = body::article_blocks(&html, metadata.url.as_deref().or(url));
    let (body, blocks) = assemble_body(blocks);
    let title = match metadata.title {
        Some(title) => title,
        None => {
            diags.push(Diagnostic::warning(
                shown,
                None,
                "the page names no title (no <title>, og:title or headline); skipped",
            ));
            return None;
        }
    };
    if body.is_empty() {
        diags.push(Diagnostic::warning(
            shown,
            None,
            "no article text found on the page; skipped",
        ));
        return None;
    }
    let date = published::publication_date(&document, url);
    if date.is_none() {
        diags.push(Diagnostic::warning(
            shown,
            None,
            "the page gives no publication date briefing trusts; the article is built but not on the timeline",
        ));
    }
    Some(Article {
        path: shown.to_string(),
        title,
        date,
        source: metadata.source,
        url: metadata.url,
        author: metadata.author,
        tags: Vec::new(),
        draft: false,
        body: body.into(),
        blocks,
        copies: Vec::new(),
    })
}

/// The schema.org objects of a page's `<script type="application/ld+json">`
/// blocks, flattened out of arrays and `@graph`s. A block that is not valid
/// JSON is skipped: pages often carry broken ones beside good ones.
pub fn linked_data(document: &Html) -> Vec<Value> {
    static SCRIPTS: LazyLock<Selector> = LazyLock::new(|| selector("script[type]"));
    let mut objects = Vec::new();
    for script in document.select(&SCRIPTS) {
        let kind = script.value().attr("type").unwrap_or_default();
        if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
            continue;
        }
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(mut object) => {
                    if let Some(graph) = object.remove("@graph") {
                        stack.push(graph);
                    }
                    objects.push(Value::Object(object));
                }
                _ => {}
            }
        }
    }
    objects
}

/// Whether a schema.org object describes an article (`NewsArticle`,
/// `BlogPosting`, `ReportageNewsArticle`, ...), by its `@type`.
pub fn is_article(object: &Value) -> bool {
    let is_article_type = |t: &str| {
        t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report")
    };
    match object.get("@type") {
        Some(Value::String(t)) => is_article_type(t),
        Some(Value::Array(types)) => types
            .iter()
            .any(|t| t.as_str().is_some_and(is_article_type)),
        _ => false,
    }
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?}: {e}"))
}

/// The content of the first `<meta>` whose `name` or `property` is one of `keys`,
/// in the order of `keys`.
pub fn meta(document: &Html, keys: &[&str]) -> Option<String> {
    static METAS: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
    let metas: Vec<(String, &str)> = document
        .select(&METAS)
        .filter_map(|m| {
            let element = m.value();
            let key = element
                .attr("property")
                .or_else(|| element.attr("name"))
                .or_else(|| element.attr("itemprop"))?;
            Some((key.trim().to_ascii_lowercase(), element.attr("content")?))
        })
        .collect();
    keys.iter().find_map(|key| {
        metas
            .iter()
            .find(|(k, content)| k == key && !content.trim().is_empty())
            .map(|(_, content)| squeeze(content))
    })
}

/// The text of an element, its words joined by single spaces.
fn text_of(element: scraper::ElementRef<'_>) -> String {
    squeeze(&element.text().collect::<String>())
}

/// Words joined by single spaces.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Metadata {
    title: Option<String>,
    author: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

impl Metadata {
    fn of(document: &Html, linked: &[Value], fetched_from: Option<&str>) -> Metadata {
        static CANONICAL: LazyLock<Selector> =
            LazyLock::new(|| selector("link[rel=canonical][href]"));
        static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
        static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
        static AUTHOR_LINK: LazyLock<Selector> = LazyLock::new(|| selector("[rel=author]"));
        let article = linked.iter().find(|o| is_article(o));
        let text_field = |key: &str| {
            article
                .and_then(|a| a.get(key))
                .and_then(Value::as_str)
                .map(squeeze)
                .filter(|s| !s.is_empty())
        };
        let url = document
            .select(&CANONICAL)
            .find_map(|l| l.value().attr("href").and_then(web_url))
            .or_else(|| meta(document, &["og:url"]).and_then(|u| web_url(&u)))
            .or_else(|| fetched_from.and_then(web_url));
        let source = meta(document, &["og:site_name", "application-name"])
            .or_else(|| article.and_then(|a| a.get("publisher")).and_then(name_of))
            .or_else(|| url.as_deref().and_then(host_of));
        let page_title = document.select(&TITLE).next().map(text_of);
        let title = meta(document, &["og:title", "twitter:title"])
            .or_else(|| text_field("headline"))
            .or_else(|| document.select(&H1).next().map(text_of))
            .or(page_title)
            .map(|t| without_site_name(&t, source.as_deref()))
            .filter(|t| !t.is_empty());
        let author = article
            .and_then(|a| a.get("author"))
            .and_then(name_of)
            .or_else(|| meta(document, &["author", "article:author", "dc.creator"]))
            .or_else(|| document.select(&AUTHOR_LINK).next().map(text_of))
            .map(|a| byline_name(&a))
            .filter(|a| !a.is_empty() && web_url(a).is_none());
        Metadata {
            title,
            author,
            source,
            url,
        }
    }
}

/// The `name` of a schema.org person or organisation, or of the first of a
/// list of them; a plain string is its own name.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(squeeze(s)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(squeeze),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
    .filter(|n| !n.is_empty())
}

/// `By Jane Doe` is Jane Doe.
fn byline_name(text: &str) -> String {
    let text = squeeze(text);
    for prefix in ["By ", "by ", "BY ", "Von ", "von "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    text
}

/// `news.example.org` of `https://www.news.example.org/x`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A page title without the site's name that pages append or prepend
/// (`Quake hits Iran | Example News`).
fn without_site_name(title: &str, site: Option<&str>) -> String {
    let title = squeeze(title);
    const SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " :: "];
    for separator in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|s| {
                let s = s.to_lowercase();
                let t = tail.to_lowercase();
                t == s || s.contains(&t) || t.contains(&s)
            });
            if is_site {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(separator) {
            let is_site = site.is_some_and(|s| head.eq_ignore_ascii_case(s));
            if is_site {
                return tail.trim().to_string();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Quake hits southern Iran | Example News</title>
        <meta property="og:site_name" content="Example News">
        <link rel="canonical" href="https://news.example.org/2013/04/quake">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Example News"},
          {"@type":"NewsArticle","headline":"Quake hits southern Iran",
           "datePublished":"2013-04-09T18:30:00+04:30",
           "author":[{"@type":"Person","name":"Jane Roe"}]}]}</script>
        <script type="application/ld+json">{ broken json</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Quake hits southern Iran</h1>
        <p>An earthquake with a magnitude of 6.3 struck southern Iran on Tuesday, killing at least 30 people in villages near the town of Kaki, officials said.</p>
        <p>The quake hit near the Bushehr nuclear plant, but the plant was not damaged, the Iranian state news agency reported on Tuesday evening.</p>
        <p>Rescue teams were sent to the area from the provincial capital, and the Red Crescent set up tents for those whose houses collapsed.</p>
        </article>
        <footer><p>Copyright 2013 Example News. All rights reserved.</p></footer>
        </body></html>"#;

    #[test]
    fn a_saved_page_gives_its_metadata_and_its_text() {
        let mut diags = Vec::new();
        let article = read_page("seeds/quake.html", PAGE.as_bytes(), None, &mut diags)
            .expect("the page is an article");
        assert_eq!(article.title, "Quake hits southern Iran");
        assert_eq!(article.source.as_deref(), Some("Example News"));
        assert_eq!(
            article.url.as_deref(),
            Some("https://news.example.org/2013/04/quake")
        );
        assert_eq!(article.author.as_deref(), Some("Jane Roe"));
        assert_eq!(article.date, chrono::NaiveDate::from_ymd_opt(2013, 4, 9));
        assert!(article.body.starts_with("An earthquake with a magnitude"));
        assert!(!article.body.contains("Copyright"));
        assert!(!article.body.contains("Home"));
        assert_eq!(article.blocks.len(), 3);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn a_page_without_text_is_named_and_skipped() {
        let mut diags = Vec::new();
        let page = b"<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>";
        assert!(read_page("seeds/empty.html", page, None, &mut diags).is_none());
        assert!(diags[0].to_string().contains("seeds/empty.html"));
    }

    #[test]
    fn site_names_leave_titles() {
        let site = Some("Example News");
        assert_eq!(without_site_name("A | Example News", site), "A");
        assert_eq!(without_site_name("Example News - A b c", site), "A b c");
        assert_eq!(without_site_name("Left - right", site), "Left - right");
        assert_eq!(
            host_of("https://www.a.example.org:8080/x?y"),
            Some("a.example.org".into())
        );
        assert_eq!(byline_name("By  Jane Doe"), "Jane Doe");
    }

    #[test]
    fn junk_is_no_article_and_no_panic() {
        let mut diags = Vec::new();
        for junk in [
            &b""[..],
            b"\xff\xfe\x00<",
            b"<html",
            b"<<<>>>&&&",
            b"<script>",
        ] {
            let _ = read_page("seeds/junk.html", junk, None, &mut diags);
        }
    }
}
