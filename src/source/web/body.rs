//! Article body of a saved web page, as a list of blocks (paragraph / heading / list item / quote).
//!
//! Pipeline:
//! 1. `dom_smoothie` (a Readability.js port) picks the main-content subtree. We ask it to keep
//!    `class` attributes, because they are the best generic signal for the boilerplate that
//!    Readability leaves inside articles (photo captions, credits, bylines, share bars, "related" boxes).
//! 2. We walk that subtree once, iteratively (no recursion, so deeply nested junk cannot overflow
//!    the stack), skipping boilerplate subtrees and cutting text at block-level elements.
//! 3. A few text rules drop the blocks that news pages commonly carry around the story: the
//!    repeated headline, datelines, "Image copyright …", newsletter prompts, lists of related links.
//!
//! Everything here is general news-page knowledge; nothing names a site.
//!
//! Before any parsing, one linear scan of the markup (`markup_shape`) turns away pages whose
//! element count or nesting would make the parsers' cost blow up (see `MAX_DEPTH`).

use std::collections::HashMap;

use crate::source::BlockKind;
use scraper::{Html, Node};

/// Pages beyond these sizes are not articles, and parsing them is not linear: html5ever checks
/// the stack of open elements on each start tag (cost ~ elements x depth) and Readability's
/// scoring walks the ancestors of every node (worse still). Measured: 10 000 nested divs take
/// 1 s to parse and 50 s to extract. Browsers cap nesting too (Chromium's parser at 512).
/// The 181 benchmark pages peak at 1 600 start tags and a nesting of 49 (as `markup_shape`
/// counts them); the limits leave a wide margin above that.
const MAX_ELEMENTS: usize = 100_000;
const MAX_DEPTH: usize = 256;

/// Extract the article body of `html` as blocks. `url` is the page's address if known (used by
/// the extractor only to resolve relative links). Never panics; returns no blocks when the page
/// has no recognisable article.
pub fn article_blocks(html: &str, url: Option<&str>) -> Vec<(BlockKind, String)> {
    if html.trim().is_empty() {
        return Vec::new();
    }
    let shape = markup_shape(html);
    if shape.elements > MAX_ELEMENTS || shape.max_depth > MAX_DEPTH {
        return Vec::new();
    }
    let config = dom_smoothie::Config {
        keep_classes: true,
        max_elements_to_parse: MAX_ELEMENTS * 2, // backstop; markup_shape has already checked
        ..Default::default()
    };
    // dom_smoothie uses the URL only to resolve links, and rejects the whole page when the URL
    // is not absolute; checking first spares a second parse in that case.
    let url = url.filter(|u| looks_absolute(u));
    let reader = dom_smoothie::Readability::new(html, url, Some(config.clone()))
        .or_else(|_| dom_smoothie::Readability::new(html, None, Some(config)));
    let Ok(mut reader) = reader else {
        return Vec::new();
    };
    let Ok(article) = reader.parse() else {
        return Vec::new();
    };
    blocks_from_content_html(&article.content, &article.title)
}

/// The same test dom_smoothie applies: "scheme://something".
fn looks_absolute(url: &str) -> bool {
    let url = url.trim();
    url.split_once("://").is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Rough size of a page's element tree, read from the markup in one linear pass without
/// building it: the number of start tags and the deepest nesting of elements that need an
/// explicit end tag. Elements the parser closes implicitly (p, li, td, …) and void elements are
/// not counted in the depth, so sloppy but ordinary markup is not mistaken for deep nesting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkupShape {
    pub elements: usize,
    pub max_depth: usize,
}

pub fn markup_shape(html: &str) -> MarkupShape {
    const NOT_NESTING: &[&str] = &[
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
        // closed implicitly by the parser when a sibling starts
        "p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup", "rb", "rt", "rp",
    ];
    // Their content is text, not markup: skip to the end tag.
    const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

    let bytes = html.as_bytes();
    let mut shape = MarkupShape {
        elements: 0,
        max_depth: 0,
    };
    let mut depth = 0usize;
    let mut pos = 0usize;
    let find_from = |from: usize, needle: &str| -> Option<usize> {
        html.get(from..)
            .and_then(|rest| rest.find(needle))
            .map(|i| from + i)
    };
    // a plain byte scan is several times faster here than a substring search
    let find_byte = |from: usize, needle: u8| -> Option<usize> {
        bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == needle))
            .map(|i| from + i)
    };
    while let Some(lt) = find_byte(pos, b'<') {
        let after = lt + 1;
        let next = bytes.get(after).copied().unwrap_or(b' ');
        if html
            .get(after..)
            .is_some_and(|rest| rest.starts_with("!--"))
        {
            pos = find_from(after, "-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let is_end = next == b'/';
        let name_start = if is_end { after + 1 } else { after };
        let name_len = bytes.get(name_start..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()
        });
        let tag_end = find_byte(name_start, b'>').map_or(bytes.len(), |end| end + 1);
        pos = tag_end;
        if name_len == 0 || !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue; // "<!doctype", "< 3", "</ >": not an element tag
        }
        let name = html
            .get(name_start..name_start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        let nests = !NOT_NESTING.contains(&name.as_str());
        if is_end {
            if nests {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        shape.elements += 1;
        let self_closing = tag_end >= 2 && bytes.get(tag_end - 2) == Some(&b'/');
        if RAW_TEXT.contains(&name.as_str()) {
            // skip to the first "</name" in any letter case; each byte is looked at once
            let mut search = pos;
            pos = loop {
                let Some(candidate) = find_byte(search, b'<') else {
                    break bytes.len();
                };
                if bytes.get(candidate + 1) != Some(&b'/') {
                    search = candidate + 1;
                    continue;
                }
                let tail = bytes.get(candidate + 2..candidate + 2 + name.len());
                if tail.is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes())) {
                    break candidate;
                }
                search = candidate + 2;
            };
            continue;
        }
        if nests && !self_closing {
            depth += 1;
            shape.max_depth = shape.max_depth.max(depth);
        }
    }
    shape
}

/// Split an extractor's content HTML into clean blocks; `title` is the page headline (dropped
/// from the body because the site shows it separately). Public so other extractors' output can
/// go through the same cleaning.
pub fn blocks_from_content_html(content_html: &str, title: &str) -> Vec<(BlockKind, String)> {
    let raw = split_blocks(content_html);
    clean_blocks(raw, title)
}

/// A block before cleaning, with how much of its text sits inside links.
struct RawBlock {
    kind: BlockKind,
    text: String,
    link_chars: usize,
}

/// Elements whose content is never article prose.
fn is_skipped_element(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "canvas"
            | "audio"
            | "video"
            | "object"
            | "embed"
            | "figure"
            | "figcaption"
            | "picture"
            | "aside"
            | "nav"
            | "footer"
            | "form"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "label"
            | "dialog"
            | "menu"
    )
}

/// Elements that end the current block (and start a new one).
fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "hr"
            | "br"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "body"
            | "html"
            | "fieldset"
            | "hgroup"
    )
}

/// The block kind an element gives to the text inside it.
fn kind_of_element(name: &str) -> Option<BlockKind> {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
        "li" | "dt" | "dd" => Some(BlockKind::ListItem),
        "blockquote" => Some(BlockKind::Quote),
        _ => None,
    }
}

/// Words in class/id names that mark page furniture rather than story text. Matched against
/// the `-`/`_`-separated parts of each class and the id, so "article-body" is not hit by "ad".
const BOILERPLATE_NAME_PARTS: &[&str] = &[
    "caption",
    "credit",
    "credits",
    "byline",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "related",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "comments",
    "sidebar",
    "timestamp",
    "dateline",
    "recommended",
    "outbrain",
    "taboola",
    "hidden",
    "copyright",
    "disclaimer",
    "toolbar",
    "author",
    "bio",
    "gallery",
    "slideshow",
    "photo",
];

fn has_boilerplate_name(element: &scraper::node::Element) -> bool {
    let id = element.id().into_iter();
    let classes = element.classes();
    id.chain(classes).any(|name| {
        name.split(['-', '_'])
            .any(|part| BOILERPLATE_NAME_PARTS.contains(&part.to_ascii_lowercase().as_str()))
    })
}

/// Text length under every element, computed without recursion. Used so that a class-name rule
/// never throws away the bulk of the article (some sites put "share" or "author" classes on the
/// story wrapper itself).
fn subtree_text_lengths(doc: &Html) -> (HashMap<ego_tree::NodeId, usize>, usize) {
    let mut lengths = HashMap::new();
    let mut stack: Vec<usize> = vec![0];
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(_) => stack.push(0),
                Node::Text(text) => {
                    if let Some(top) = stack.last_mut() {
                        *top += text.trim().len();
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(_) = node.value() {
                    let own = stack.pop().unwrap_or(0);
                    if let Some(parent) = stack.last_mut() {
                        *parent += own;
                    }
                    lengths.insert(node.id(), own);
                }
            }
        }
    }
    let total = stack.first().copied().unwrap_or(0);
    (lengths, total)
}

/// Walk the content once and cut it into blocks.
fn split_blocks(content_html: &str) -> Vec<RawBlock> {
    // A feed item's content comes here unchecked: parse it within bounds too.
    let doc = super::parse_fragment(content_html);
    let (lengths, total_chars) = subtree_text_lengths(&doc);

    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut link_chars = 0usize;
    let mut kinds: Vec<(ego_tree::NodeId, BlockKind)> = Vec::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut link_depth = 0usize;

    let flush = |text: &mut String,
                 link_chars: &mut usize,
                 kinds: &[(ego_tree::NodeId, BlockKind)],
                 blocks: &mut Vec<RawBlock>| {
        let normalised = normalise_whitespace(text);
        if !normalised.is_empty() {
            // A paragraph inside a blockquote is still a quote; otherwise the innermost kind wins.
            let kind = if kinds.iter().any(|(_, k)| *k == BlockKind::Quote) {
                BlockKind::Quote
            } else {
                kinds.last().map_or(BlockKind::Paragraph, |(_, k)| *k)
            };
            blocks.push(RawBlock {
                kind,
                text: normalised,
                link_chars: *link_chars,
            });
        }
        text.clear();
        *link_chars = 0;
    };

    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        text.push_str(t);
                        if link_depth > 0 {
                            link_chars += t.trim().len();
                        }
                    }
                    Node::Element(element) => {
                        let name = element.name();
                        let small = lengths.get(&node.id()).copied().unwrap_or(0) * 2 < total_chars;
                        if is_skipped_element(name) || (small && has_boilerplate_name(element)) {
                            skipping = Some(node.id());
                            continue;
                        }
                        if name == "a" {
                            link_depth += 1;
                        }
                        if is_block_element(name) {
                            flush(&mut text, &mut link_chars, &kinds, &mut blocks);
                        } else if matches!(name, "td" | "th") {
                            // keep a table row on one line, cells apart
                            text.push(' ');
                        }
                        if let Some(kind) = kind_of_element(name) {
                            kinds.push((node.id(), kind));
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if let Some(skipped) = skipping {
                    if skipped == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if is_block_element(name) {
                        flush(&mut text, &mut link_chars, &kinds, &mut blocks);
                    }
                    if kinds.last().is_some_and(|(id, _)| *id == node.id()) {
                        kinds.pop();
                    }
                }
            }
        }
    }
    flush(&mut text, &mut link_chars, &kinds, &mut blocks);
    blocks
}

fn normalise_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Comparison key: lower case letters and digits only.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Openings of datelines and bylines; only short lines (the story itself may start "Posted on …").
const DATELINE_STARTS: &[&str] = &[
    "by ",
    "updated",
    "published",
    "posted",
    "last updated",
    "last modified",
    "first published",
];
const DATELINE_MAX_WORDS: usize = 12;

/// Openings of credits, cross-links and prompts.
const PROMPT_STARTS: &[&str] = &[
    "image copyright",
    "image caption",
    "image:",
    "(image",
    "photo:",
    "photograph:",
    "credit:",
    "picture:",
    "related:",
    "related articles",
    "related stories",
    "read more",
    "see more",
    "more:",
    "also read",
    "read also",
    "advertisement",
    "continue reading",
    "sign up",
    "subscribe",
    "follow us",
    "share this",
    "sharing is caring",
    "click here",
    "copyright",
    "©",
    "(c)",
    "all rights reserved",
    "this post may contain affiliate",
    "tags:",
    "filed under",
    "get the latest",
    "don't miss",
    "don’t miss",
    "recommended",
    "listen to",
    "watch:",
];

/// Phrases that, in a short line, mark a prompt, an author blurb or a photo credit.
const PROMPT_PHRASES: &[&str] = &[
    "newsletter",
    "all rights reserved",
    "subscribe to",
    "sign up for",
    "follow us on",
    "follow him on",
    "follow her on",
    "follow them on",
    "click here",
    "contributed to this report",
    "getty images",
    "(ap photo",
    "ap photo/",
    "photo by ",
    "photo credit",
    "tell us what you think",
];
const PROMPT_MAX_WORDS: usize = 30;

/// Whole-line labels of widgets left in the content.
const LABELS: &[&str] = &[
    "advert",
    "advertisement",
    "ad",
    "comments",
    "comment",
    "caption",
    "close",
    "share",
    "tweet",
    "email",
    "print",
    "loading",
    "read more",
    "more",
    "related",
    "tags",
    "next",
    "previous",
];

/// A short line that is a caption, credit, dateline, prompt or label rather than prose.
fn is_boilerplate_line(text: &str) -> bool {
    let words = word_count(text);
    if words > PROMPT_MAX_WORDS {
        return false;
    }
    // "| UPDATED: …" and "— Photo: …" start with separators left from the layout.
    let lower = text
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '©')
        .to_lowercase();
    let label = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    LABELS.contains(&label)
        || (words <= DATELINE_MAX_WORDS
            && DATELINE_STARTS.iter().any(|start| lower.starts_with(start)))
        || PROMPT_STARTS.iter().any(|start| lower.starts_with(start))
        || PROMPT_PHRASES.iter().any(|phrase| lower.contains(phrase))
}

/// Repeated blocks are deliberately kept: articles do repeat short lines ("Also at Walmart",
/// "___" separators), and de-duplicating cost more recall than the stray repeated caption it saved.
fn clean_blocks(raw: Vec<RawBlock>, title: &str) -> Vec<(BlockKind, String)> {
    let title_key = fold(title);
    let mut kept: Vec<(BlockKind, String)> = Vec::new();
    for block in raw {
        let key = fold(&block.text);
        if key.is_empty() {
            continue; // punctuation or symbols only
        }
        // The headline is shown by the site itself.
        if !title_key.is_empty() && key == title_key {
            continue;
        }
        let chars = block.text.len();
        // A block that is (almost) all link text is navigation: related stories, tag lists.
        if block.link_chars * 10 >= chars * 8 && word_count(&block.text) < 40 {
            continue;
        }
        if is_boilerplate_line(&block.text) {
            continue;
        }
        kept.push((block.kind, block.text));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_junk_inputs_give_no_blocks() {
        assert!(article_blocks("", None).is_empty());
        assert!(article_blocks("   \n", Some("not a url")).is_empty());
        let junk: String = (0u32..5000)
            .filter_map(|i| char::from_u32((i * 7919) % 0x2FFF))
            .collect();
        let _ = article_blocks(&junk, Some("https://example.com/a"));
    }

    #[test]
    fn pathological_nesting_is_turned_away_cheaply() {
        let deep = "<div>".repeat(4_000_000); // 20 MB
        assert!(markup_shape(&deep).max_depth > MAX_DEPTH);
        assert!(article_blocks(&deep, None).is_empty());
        // implicitly closed elements are not nesting
        let flat = "<p>para".repeat(10_000);
        assert_eq!(markup_shape(&flat).max_depth, 0);
        // script text is skipped, in any letter case
        let shape = markup_shape("<div><SCRIPT>if (a<b) {'<div><div>'}</script><p>x</div>");
        assert_eq!(
            shape,
            MarkupShape {
                elements: 3,
                max_depth: 1
            }
        );
    }

    #[test]
    fn a_real_looking_page_gives_its_paragraphs() {
        let body = "<p>The council voted on Tuesday to approve the new budget, which had been debated for months by members of every party.</p>".repeat(6);
        let html = format!(
            "<html><head><title>Budget passes</title></head><body><nav><a href='/'>Home</a></nav>\
             <article><h1>Budget passes</h1><p class='byline'>By A. Writer</p>{body}\
             <p>Sign up for our daily newsletter.</p></article><footer>© 2024 Paper</footer></body></html>"
        );
        for url in [
            None,
            Some("https://example.com/a"),
            Some("relative/path"),
            Some("::"),
        ] {
            let blocks = article_blocks(&html, url);
            assert_eq!(blocks.len(), 6, "{url:?}: {blocks:?}");
            assert!(blocks.iter().all(
                |(kind, text)| *kind == BlockKind::Paragraph && text.starts_with("The council")
            ));
        }
    }

    #[test]
    fn kinds_and_cleaning() {
        let content = r#"<div><h1>The Headline</h1><p class="byline">By Someone</p>
            <p>First paragraph of the story, long enough to be prose.</p>
            <figure><img src="x"><figcaption>A caption</figcaption></figure>
            <h2>A section</h2><ul><li>one point</li><li>another point</li></ul>
            <blockquote><p>Quoted words.</p></blockquote>
            <p>Sign up for our newsletter</p>
            <p><a href="/r1">Related story one</a></p></div>"#;
        let blocks = blocks_from_content_html(content, "The Headline");
        let got: Vec<(BlockKind, &str)> = blocks
            .iter()
            .map(|(kind, text)| (*kind, text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    BlockKind::Paragraph,
                    "First paragraph of the story, long enough to be prose."
                ),
                (BlockKind::Heading, "A section"),
                (BlockKind::ListItem, "one point"),
                (BlockKind::ListItem, "another point"),
                (BlockKind::Quote, "Quoted words."),
            ]
        );
    }
}
