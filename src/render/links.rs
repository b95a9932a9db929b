//! Every link a page makes comes from here, so base paths come out right by construction.
//!
//! Links between pages are relative (`../../actors/x/index.html`): the site works
//! unchanged at a domain root, under a GitHub Pages `/repo/` subpath, and opened
//! straight from disk. Only canonical URLs, the feed and the sitemap are absolute.

/// Links as seen from one page at `depth` folders below the output root.
#[derive(Debug, Clone)]
pub struct Links {
    root: String,
    /// `root` as HTML writes it, for the compiled partials.
    root_html: String,
}

impl Links {
    /// From the page at `path` (relative to the output folder, e.g. `actors/x/index.html`).
    pub fn from_page(path: &str) -> Links {
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        Links {
            root_html: root.clone(),
            root,
        }
    }

    /// From a page served at any depth (`404.html`): links start at the site's base path.
    pub fn absolute(base_path: &str) -> Links {
        let mut root = base_path.to_string();
        if !root.ends_with('/') {
            root.push('/');
        }
        Links {
            root_html: super::escape::escape_html(&root),
            root,
        }
    }

    /// [`Links::root`] escaped for HTML.
    pub fn root_html(&self) -> &str {
        &self.root_html
    }

    /// The root followed by `parts`, in one allocation: links are made by the
    /// hundred thousand.
    fn join(&self, parts: &[&str]) -> String {
        let len = self.root.len() + parts.iter().map(|p| p.len()).sum::<usize>();
        let mut link = String::with_capacity(len);
        link.push_str(&self.root);
        for part in parts {
            link.push_str(part);
        }
        link
    }

    pub fn root(&self) -> &str {
        &self.root
    }
    pub fn home(&self) -> String {
        self.join(&[OVERVIEW_PATH])
    }
    pub fn article(&self, id: &str) -> String {
        self.join(&article_parts(id))
    }
    pub fn actor(&self, id: &str) -> String {
        self.join(&actor_parts(id))
    }
    /// The link to the article of id `id` whose path is `path_html` escaped
    /// for HTML, at the sentence starting at byte `sentence` when given.
    pub fn article_href<'a>(
        &'a self,
        id: &'a str,
        path_html: &'a str,
        sentence: Option<usize>,
    ) -> Href<'a> {
        Href {
            root: &self.root,
            root_html: &self.root_html,
            path: article_parts(id),
            path_html,
            sentence,
        }
    }
    /// The link to the actor of id `id` whose path is `path_html` escaped for HTML.
    pub fn actor_href<'a>(&'a self, id: &'a str, path_html: &'a str) -> Href<'a> {
        Href {
            root: &self.root,
            root_html: &self.root_html,
            path: actor_parts(id),
            path_html,
            sentence: None,
        }
    }
    pub fn actors(&self) -> String {
        self.join(&[ACTORS_PATH])
    }
    pub fn timeline(&self) -> String {
        self.join(&[TIMELINE_PATH])
    }
    pub fn asset(&self, name: &str) -> String {
        self.join(&["static/", name])
    }
    pub fn file(&self, name: &str) -> String {
        self.join(&[name])
    }
}

/// The overview, the list of actors and the timeline's first page.
pub const OVERVIEW_PATH: &str = "index.html";
pub const ACTORS_PATH: &str = "actors/index.html";
pub const TIMELINE_PATH: &str = "timeline/index.html";

/// `actors/<id>/articles/<page>/index.html`: an actor's older articles, pages 2 and up.
pub fn actor_articles_path(id: &str, page: usize) -> String {
    format!("actors/{id}/articles/{page}/index.html")
}

/// `timeline/<month>/index.html`, or `timeline/<month>/<part>/index.html` for
/// part `part` of a month too long for one page.
pub fn timeline_page_path(month: &str, part: Option<usize>) -> String {
    match part {
        None => format!("timeline/{month}/index.html"),
        Some(part) => format!("timeline/{month}/{part}/index.html"),
    }
}

/// A link kept as its parts and written out where it is used: listed items
/// carry several links each, on pages by the hundred thousand, and most are
/// written once. Tera's views see it as the text it stands for.
#[derive(Debug, Clone, Copy)]
pub struct Href<'a> {
    root: &'a str,
    root_html: &'a str,
    path: [&'a str; 3],
    /// `path` joined and escaped for HTML.
    path_html: &'a str,
    /// A sentence of the page, by the byte it starts at (see [`SentenceAnchor`]).
    sentence: Option<usize>,
}

impl<'a> Href<'a> {
    /// The link to the sentence starting at byte `offset` of the page it is on.
    pub fn sentence_here(offset: usize) -> Href<'a> {
        Href {
            root: "",
            root_html: "",
            path: ["", "", ""],
            path_html: "",
            sentence: Some(offset),
        }
    }

    /// Appends the link to `out`, escaped for HTML.
    pub fn write_html(&self, out: &mut String) {
        out.push_str(self.root_html);
        out.push_str(self.path_html);
        if let Some(offset) = self.sentence {
            // Writing to a String cannot fail.
            let _ = std::fmt::Write::write_fmt(out, format_args!("#{}", SentenceAnchor(offset)));
        }
    }
}

impl std::fmt::Display for Href<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.root)?;
        for part in self.path {
            f.write_str(part)?;
        }
        match self.sentence {
            Some(offset) => write!(f, "#{}", SentenceAnchor(offset)),
            None => Ok(()),
        }
    }
}

impl serde::Serialize for Href<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The anchor id of the sentence at byte `offset` of an article body, written
/// where it is needed (`s120`): pages carry these by the hundred thousand.
#[derive(Clone, Copy)]
pub struct SentenceAnchor(pub usize);

impl std::fmt::Display for SentenceAnchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s{}", self.0)
    }
}

/// [`SentenceAnchor`] as a string.
pub fn sentence_anchor(offset: usize) -> String {
    SentenceAnchor(offset).to_string()
}

/// `articles/<id>/index.html`, in parts.
fn article_parts(id: &str) -> [&str; 3] {
    ["articles/", id, "/index.html"]
}

/// `actors/<id>/index.html`, in parts.
fn actor_parts(id: &str) -> [&str; 3] {
    ["actors/", id, "/index.html"]
}

pub fn article_path(id: &str) -> String {
    article_parts(id).concat()
}

pub fn actor_path(id: &str) -> String {
    actor_parts(id).concat()
}

/// The public URL of the page at `path`: `https://x.github.io/repo/actors/y/`.
pub fn absolute_url(base_url: &str, path: &str) -> String {
    let base = base_url.trim_end_matches('/');
    let pretty = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base}/{pretty}")
}

/// The path part of a base URL: `https://x.github.io/repo/` -> `/repo/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = if base_url.contains("://") {
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    } else {
        after_scheme
    };
    let mut path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    if !path.ends_with('/') {
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_to_the_root() {
        assert_eq!(
            Links::from_page("index.html").actor("x"),
            "actors/x/index.html"
        );
        assert_eq!(
            Links::from_page("actors/y/index.html").article("a"),
            "../../articles/a/index.html"
        );
        assert_eq!(
            Links::from_page("timeline/index.html").home(),
            "../index.html"
        );
    }

    #[test]
    fn base_paths_and_absolute_urls() {
        assert_eq!(base_path("https://u.github.io/repo/"), "/repo/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("/"), "/");
        assert_eq!(
            absolute_url("https://u.github.io/repo/", "actors/x/index.html"),
            "https://u.github.io/repo/actors/x/"
        );
        assert_eq!(
            Links::absolute("/repo/").timeline(),
            "/repo/timeline/index.html"
        );
    }
}
