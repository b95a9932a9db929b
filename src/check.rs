//! Internal link checking over rendered files: every `href` and `src` that points
//! inside the site must name a file the build writes, and a link to a place in a
//! page (`#s120`) a place that page has.

use crate::render::OutputFile;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A link that leads nowhere: the page it is on and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub target: String,
}

fn id_pattern() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r#"\sid="([^"]*)""#).unwrap_or_else(|e| panic!("static regex: {e}"))
    })
}

fn attribute_pattern() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r#"(?:href|src)="([^"]*)""#)
            .unwrap_or_else(|e| panic!("static regex: {e}"))
    })
}

/// Checks every relative link of every HTML page; `404.html` links from the base path.
pub fn broken_links(files: &[OutputFile], base_path: &str) -> Vec<BrokenLink> {
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // The places each page has, as `path#id`.
    let places: HashSet<String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .flat_map(|f| {
            let html = String::from_utf8_lossy(&f.bytes);
            id_pattern()
                .captures_iter(&html)
                .filter_map(|cap| cap.get(1))
                .map(|id| format!("{}#{}", f.path, unescape(id.as_str())))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut broken = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        for cap in attribute_pattern().captures_iter(&html) {
            let raw = cap.get(1).map_or("", |m| m.as_str());
            let target = unescape(raw);
            let (target, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (target.as_str(), None),
            };
            let target = target.split('?').next().unwrap_or("");
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let resolved = if target.is_empty() {
                match fragment {
                    // A place on the page itself.
                    Some(_) => Some(file.path.clone()),
                    None => continue,
                }
            } else if let Some(abs) = target.strip_prefix(base_path) {
                Some(abs.to_string())
            } else if target.starts_with('/') {
                None
            } else {
                resolve(&file.path, target)
            };
            let ok = resolved.is_some_and(|r| {
                let r = if r.is_empty() || r.ends_with('/') {
                    format!("{r}index.html")
                } else {
                    r
                };
                paths.contains(r.as_str())
                    // `#` and `#top` are the top of any page (HTML's rule for fragments).
                    && fragment.is_none_or(|f| {
                        f.is_empty() || f == "top" || places.contains(&format!("{r}#{f}"))
                    })
            });
            if !ok {
                broken.push(BrokenLink {
                    page: file.path.clone(),
                    target: raw.to_string(),
                });
            }
        }
    }
    broken
}

/// Attributes are escaped (see `render::escape`); links compare unescaped.
/// `&amp;` goes last, so `&amp;quot;` stays the text `&quot;`.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `target` relative to the folder of `page`; None when it climbs above the root.
fn resolve(page: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if target.ends_with('/') {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_broken_and_accepts_good_links() {
        let files = [
            file(
                "index.html",
                r#"<a href="actors/x/index.html">x</a><a href="missing.html">m</a>"#,
            ),
            file(
                "actors/x/index.html",
                r##"<a href="../../index.html#top">home</a><a href="../../../out.html">o</a>
                <span id="s12">A sentence.</span><a href="#s12">here</a><a href="#s13">gone</a>
                <a href="../../index.html#s12">not there</a><a href="index.html?q=1#s12">there</a>"##,
            ),
            file("404.html", r#"<a href="/repo/index.html">home</a>"#),
        ];
        let broken = broken_links(&files, "/repo/");
        let targets: Vec<&str> = broken.iter().map(|b| b.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "missing.html",
                "../../../out.html",
                "#s13",
                "../../index.html#s12"
            ]
        );
    }
}
