//! `briefing add URL...`: fetch pages and feeds, read them as a saved file
//! would be read, and write each article into `seeds/` as Markdown with front
//! matter. An article already there (same address, or the same text) is not
//! written twice, so a scheduled run adds only what is new.

use crate::source::{self, Article, BlockKind, Diagnostic};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The most bytes read from one address: a news page or feed is far smaller,
/// and a fetch must not fill the disk or the memory.
pub const MAX_FETCH_BYTES: u64 = 16 * 1024 * 1024;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The whole exchange, redirects and body included.
const FETCH_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_REDIRECTS: u32 = 5;
pub const USER_AGENT: &str = concat!(
    "briefing/",
    env!("CARGO_PKG_VERSION"),
    " (static news briefing generator; fetches pages and feeds its user listed)"
);

/// What one `add` did for one address.
#[derive(Debug, Default)]
pub struct Added {
    /// Files written, relative to the site root.
    pub written: Vec<String>,
    /// Articles skipped as already in `seeds/`.
    pub known: usize,
    /// Addresses that failed, each with why.
    pub failed: Vec<(String, String)>,
    /// What reading the fetched pages said (no date, no text, ...).
    pub diagnostics: Vec<Diagnostic>,
}

/// Fetches every address and writes its new articles into `root/seeds`.
pub fn add(root: &Path, urls: &[String]) -> std::io::Result<Added> {
    let seeds = root.join("seeds");
    std::fs::create_dir_all(&seeds)?;
    let mut known = Known::of_site(root);
    let agent = agent();
    let mut added = Added::default();
    for url in urls {
        let articles = match fetch(&agent, url) {
            Ok(fetched) => fetched.articles(url, &mut added.diagnostics),
            Err(why) => {
                added.failed.push((url.clone(), why));
                continue;
            }
        };
        if articles.is_empty() {
            added
                .failed
                .push((url.clone(), "no article found there".into()));
        }
        for article in articles {
            if !known.is_new(&article) {
                added.known += 1;
                continue;
            }
            let path = free_path(&seeds, &article);
            std::fs::write(&path, markdown_of(&article))?;
            added.written.push(source::display_path(root, &path));
        }
    }
    Ok(added)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(FETCH_TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .user_agent(USER_AGENT)
        .http_status_as_error(false)
        .build()
        .into()
}

/// A fetched response: its bytes and what the server said they are.
struct Fetched {
    bytes: Vec<u8>,
    mime: Option<String>,
    charset: Option<String>,
}

fn fetch(agent: &ureq::Agent, url: &str) -> Result<Fetched, String> {
    if source::web_url(url).is_none() {
        return Err("not an http:// or https:// address".into());
    }
    let mut response = agent.get(url).call().map_err(|e| e.to_string())?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the server answered {status}"));
    }
    let body = response.body_mut();
    let mime = body.mime_type().map(str::to_ascii_lowercase);
    let charset = body.charset().map(str::to_string);
    let bytes = body
        .with_config()
        .limit(MAX_FETCH_BYTES)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => {
                format!("larger than {MAX_FETCH_BYTES} bytes; not read")
            }
            e => e.to_string(),
        })?;
    Ok(Fetched {
        bytes,
        mime,
        charset,
    })
}

impl Fetched {
    /// A feed by what the server says or what the bytes start with; a page otherwise.
    fn is_feed(&self) -> bool {
        let said = self.mime.as_deref().is_some_and(|m| {
            m.contains("rss") || m.contains("atom") || m.ends_with("/xml") || m.contains("json")
        });
        let start: Vec<u8> = self
            .bytes
            .iter()
            .copied()
            .skip_while(|b| b.is_ascii_whitespace() || *b >= 0x80)
            .take(512)
            .collect::<Vec<u8>>()
            .to_ascii_lowercase();
        let looks = start.starts_with(b"{")
            || (start.starts_with(b"<?xml")
                || start.starts_with(b"<rss")
                || start.starts_with(b"<feed"))
                && !contains(&start, b"<html");
        said || looks
    }

    fn articles(&self, url: &str, diags: &mut Vec<Diagnostic>) -> Vec<Article> {
        if self.is_feed() {
            source::read_feed(url, &self.bytes, diags)
        } else {
            source::read_page_with_charset(
                url,
                &self.bytes,
                Some(url),
                self.charset.as_deref(),
                diags,
            )
            .into_iter()
            .collect()
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The addresses and texts of the articles already in `seeds/`.
struct Known {
    urls: HashSet<String>,
    texts: HashSet<u64>,
}

impl Known {
    fn of_site(root: &Path) -> Known {
        let loaded = source::load(root, true);
        let mut known = Known {
            urls: HashSet::new(),
            texts: HashSet::new(),
        };
        for article in &loaded.articles {
            known.remember(article);
        }
        known
    }

    fn remember(&mut self, article: &Article) {
        // Loading merged syndicated copies into one article: their files are
        // in seeds/ all the same, and known by their addresses.
        let copies = article.copies.iter().filter_map(|c| c.url.as_ref());
        for url in article.url.iter().chain(copies) {
            self.urls.insert(url_key(url));
        }
        self.texts.insert(text_key(&article.body));
    }

    /// Whether `article` is not in the site yet; remembers it if so.
    fn is_new(&mut self, article: &Article) -> bool {
        let seen_url = article
            .url
            .as_ref()
            .is_some_and(|u| self.urls.contains(&url_key(u)));
        if seen_url || self.texts.contains(&text_key(&article.body)) {
            return false;
        }
        self.remember(article);
        true
    }
}

/// One key for the ways one address is written: scheme and host in any case,
/// with or without `www.`, a trailing slash or a `#fragment`.
fn url_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}/{}", path.trim_end_matches('/'))
}

/// The same words are the same text, however spaced.
fn text_key(body: &str) -> u64 {
    let words: Vec<&str> = body.split_whitespace().collect();
    xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes())
}

/// `seeds/2019-05-02-talks-resume-in-geneva.md`, numbered on when taken.
fn free_path(seeds: &Path, article: &Article) -> PathBuf {
    let date = article.date.map_or_else(
        || "undated".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    let slug = briefing_engine::slug::slug(&article.title);
    let mut slug: String = slug.chars().take(60).collect();
    slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        slug = "article".into();
    }
    let stem = format!("{date}-{slug}");
    let mut path = seeds.join(format!("{stem}.md"));
    let mut n = 2;
    while path.exists() {
        path = seeds.join(format!("{stem}-{n}.md"));
        n += 1;
    }
    path
}

#[derive(serde::Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

/// The article as a Markdown file that `briefing build` reads back as the same article.
pub fn markdown_of(article: &Article) -> String {
    let date = article.date.and_then(|d| {
        d.format("%Y-%m-%d")
            .to_string()
            .parse::<toml::value::Datetime>()
            .ok()
    });
    let front = FrontMatter {
        title: &article.title,
        date,
        source: article.source.as_deref(),
        url: article.url.as_deref(),
        author: article.author.as_deref(),
        tags: &article.tags,
    };
    let front = toml::to_string(&front).unwrap_or_default();
    let mut out = format!("+++\n{front}+++\n");
    for block in &article.blocks {
        let text = escape_markdown(&article.body[block.start..block.end]);
        out.push('\n');
        match block.kind {
            BlockKind::Heading => out.push_str("## "),
            BlockKind::ListItem => out.push_str("- "),
            BlockKind::Quote => out.push_str("> "),
            BlockKind::Paragraph => {}
        }
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// Text that Markdown reads back as itself: every ASCII punctuation mark
/// that can start markup is escaped with a backslash (CommonMark allows a
/// backslash before any of them), and so is a leading `1.` that would start
/// a list.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '&'
                | '!'
                | '+'
                | '-'
                | '='
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // `1999. A year` at the start of a block would be an ordered list item.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body_blocks: &[(BlockKind, &str)]) -> Article {
        let (body, blocks) = source::assemble_body(
            body_blocks
                .iter()
                .map(|(k, t)| (*k, t.to_string()))
                .collect(),
        );
        Article {
            path: "x".into(),
            title: "Talks \"resume\" = [news] in Geneva".into(),
            date: chrono::NaiveDate::from_ymd_opt(2019, 5, 2),
            source: Some("Wire".into()),
            url: Some("https://wire.example.org/talks".into()),
            author: Some("Ann Lee".into()),
            tags: vec!["world".into()],
            draft: false,
            body: body.into(),
            blocks,
            copies: Vec::new(),
        }
    }

    #[test]
    fn a_written_article_reads_back_the_same() {
        let original = article(&[
            (BlockKind::Heading, "# Not a heading level"),
            (
                BlockKind::Paragraph,
                "1999. A year *not* emphasis, <b>not html</b> & [not a link](x) `code` _x_ \\ back",
            ),
            (BlockKind::ListItem, "- a dash, + a plus, > a quote mark"),
            (BlockKind::Quote, "We won!"),
            (BlockKind::Paragraph, "Price | 3 ~ 4 = 5 &amp; more"),
        ]);
        let text = markdown_of(&original);
        let mut diags = Vec::new();
        let read = source::read_articles(Path::new("x.md"), "x", text.as_bytes(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}\n{text}");
        let mut read = read.into_iter().next().expect("an article");
        read.path = original.path.clone();
        assert_eq!(read, original, "{text}");
    }

    #[test]
    fn a_copy_merged_on_loading_is_still_known_by_its_address() {
        let site = tempfile::tempdir().expect("tempdir");
        let paragraphs = [
            (
                BlockKind::Paragraph,
                "An earthquake with a magnitude of 6.3 struck southern Iran on Tuesday, killing at least 30 people in villages near the town of Kaki, officials said.",
            ),
            (
                BlockKind::Paragraph,
                "The quake hit about 100 kilometres from the Bushehr nuclear plant, which was not damaged, the Iranian state news agency reported on Tuesday evening.",
            ),
        ];
        let mut copy = article(&paragraphs);
        copy.url = Some("https://copy.example.org/quake".into());
        let mut longer = article(&paragraphs);
        longer.url = Some("https://wire.example.org/quake".into());
        let longer_text = markdown_of(&longer)
            + "\nA third paragraph only the wire has, about the rescue teams sent from the provincial capital.\n";
        std::fs::create_dir_all(site.path().join("seeds")).expect("seeds");
        std::fs::write(site.path().join("seeds/a.md"), longer_text).expect("write");
        std::fs::write(site.path().join("seeds/b.md"), markdown_of(&copy)).expect("write");
        let loaded = source::load(site.path(), true);
        assert_eq!(loaded.articles.len(), 1, "the copy is merged on loading");
        let mut known = Known::of_site(site.path());
        assert!(!known.is_new(&copy), "the merged copy is known");
        assert!(!known.is_new(&longer));
    }

    #[test]
    fn one_address_written_many_ways_is_one_key() {
        let key = url_key("https://www.Example.org/a/b/#top");
        assert_eq!(key, url_key("http://example.org/a/b"));
        assert_ne!(key, url_key("https://example.org/a/c"));
    }

    #[test]
    fn names_are_dated_slugs_numbered_when_taken() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = article(&[(BlockKind::Paragraph, "Text.")]);
        let first = free_path(dir.path(), &a);
        assert!(
            first.ends_with("2019-05-02-talks-resume-news-in-geneva.md"),
            "{first:?}"
        );
        std::fs::write(&first, "x").expect("write");
        assert!(free_path(dir.path(), &a).ends_with("2019-05-02-talks-resume-news-in-geneva-2.md"));
    }
}
