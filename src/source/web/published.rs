//! Publication date of a saved web page.
//!
//! The timeline stands on this date, and a wrong date is worse than none, so the reader
//! trusts sources in a fixed order and answers `None` rather than guess:
//!
//! 1. schema.org JSON-LD `datePublished` (also in `@graph` and arrays), article types first;
//! 2. publication meta tags (`article:published_time`, Dublin Core, `pubdate`, `sailthru.date`,
//!    `parsely-pub-date`, ...);
//! 3. publication markup: `itemprop=datePublished`, `<time pubdate>`, `abbr.published`, ...;
//! 4. a full date in the URL path (`/2020/06/07/`, `20200607`);
//! 5. text in date-ish elements (class/id "date", "byline", "meta", ...) and labelled text
//!    ("Published: ...", "veröffentlicht am 7. Juni 2020", ...).
//!
//! Modification dates are read too, but only to bound the others (a page cannot have been
//! published after it was last changed) and as a last resort when they agree with something.
//! Timestamps keep the calendar day as written (`2020-06-07T23:30:00-04:00` is the 7th): the
//! publisher's local day is what a reader of the page saw.
//!
//! The approach follows htmldate's documented order (header markup, then structural markers,
//! then text), written anew; the cost is one HTML parse plus a few linear scans.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use ego_tree::NodeRef;
use regex::Regex;
use scraper::{Html, Node};

/// Earliest year accepted: the web had few dated news pages before, and older numbers are
/// mostly birth years, founding years and the like.
const MIN_YEAR: i32 = 1995;

/// How trustworthy a source of dates is; smaller is more trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// JSON-LD `datePublished` on an article-like object.
    JsonLdArticle,
    /// JSON-LD `datePublished` on another object (WebPage, ...).
    JsonLdOther,
    /// A meta tag named for publication.
    Meta,
    /// `itemprop=datePublished`, `<time pubdate>`, `abbr.published` and the like.
    Markup,
    /// A meta tag with a generic name (`date`, `created`, `timestamp`).
    MetaWeak,
    /// A full date in the URL.
    Url,
    /// Text of an element whose class or id says "date", "byline", ...
    DateElement,
    /// A date written just before or after the page's first `<h1>`.
    NearTitle,
    /// Text after a label such as "Published on" / "veröffentlicht am".
    Labelled,
    /// The first `<time datetime>` of the page.
    FirstTime,
    /// A modification date (JSON-LD `dateModified`, `article:modified_time`, ...).
    Modified,
    /// Year and month from the URL (`/2020/06/slug`), stored as the 1st: not a day by itself,
    /// but it confirms or refutes the others.
    UrlMonth,
}

#[derive(Clone, Debug)]
struct Candidate {
    kind: Kind,
    date: NaiveDate,
    /// Where it came from, for `explain` (tests print it when a date is wrong).
    #[cfg_attr(not(test), allow(dead_code))]
    why: String,
    /// Written as a UTC timestamp (`Z`, `+00:00`): its day may be the publisher's next day.
    utc: bool,
}

/// The page's publication day, or `None` when the page does not say it clearly.
///
/// `url` is the address the page was fetched from, if known; the page's own canonical URL
/// (`<link rel=canonical>`, `og:url`) is read as well.
pub fn publication_date(doc: &Html, url: Option<&str>) -> Option<NaiveDate> {
    let cands = collect(doc, url);
    choose(&cands).map(|c| c.date)
}

/// Every candidate found with its source, most trusted first, for debugging and the probe.
#[cfg(test)]
pub fn explain(doc: &Html, url: Option<&str>) -> Vec<String> {
    let mut cands = collect(doc, url);
    cands.sort_by_key(|c| c.kind);
    let chosen = choose(&cands).map(|c| (c.kind, c.date));
    cands.push(Candidate {
        kind: Kind::UrlMonth,
        date: NaiveDate::MIN,
        why: format!("=> chosen {chosen:?}"),
        utc: false,
    });
    cands
        .iter()
        .map(|c| {
            let mark = if Some((c.kind, c.date)) == chosen {
                "*"
            } else {
                " "
            };
            format!(
                "{mark} {:?} {} {}{}",
                c.kind,
                c.date,
                if c.utc { "UTC " } else { "" },
                c.why
            )
        })
        .collect()
}

/// How much a kind's first date counts in the vote: roughly its log-odds of being right
/// (measured on the even half of the yardstick: URL and publication markup are rarely wrong,
/// generic `date` meta tags and modification dates often are).
fn weight(k: Kind) -> f64 {
    match k {
        Kind::Url => 3.0,
        Kind::JsonLdArticle | Kind::Meta | Kind::Markup => 2.5,
        Kind::JsonLdOther | Kind::DateElement | Kind::NearTitle | Kind::Labelled => 2.0,
        Kind::FirstTime => 1.5,
        Kind::MetaWeak => 1.0,
        Kind::Modified => 0.7,
        Kind::UrlMonth => 0.0,
    }
}

/// Picks the answer: each kind of source votes once, with its first plausible date, and the
/// date with the most weight wins (ties go to the most trusted kind). Sources disagree more
/// often than one would hope (a JSON-LD date in UTC, a stale CMS field, a teaser's date), and
/// agreement between independent ones is the best evidence there is.
fn choose(cands: &[Candidate]) -> Option<Candidate> {
    // The page's last change bounds its publication; without one, "now" (a saved page was
    // saved at or before now) is the only bound.
    let slack = chrono::Days::new(1);
    let latest_modified = cands
        .iter()
        .filter(|c| c.kind == Kind::Modified)
        .map(|c| c.date)
        .max();
    let today = chrono::Local::now().date_naive();
    let bound = today.checked_add_days(slack).unwrap_or(today);
    let plausible = |c: &Candidate| {
        if c.date > bound {
            return false;
        }
        match latest_modified {
            // Dates read from text that are later than the page's own modification date are
            // teasers, comments or event dates, not the publication.
            Some(m) if c.kind >= Kind::Url && c.kind != Kind::Modified => {
                c.date <= m.checked_add_days(slack).unwrap_or(m)
            }
            _ => true,
        }
    };
    // The first plausible candidate of each kind, in document order.
    let mut firsts: Vec<&Candidate> = Vec::new();
    for c in cands.iter().filter(|c| plausible(c)) {
        if !firsts.iter().any(|f| f.kind == c.kind) {
            firsts.push(c);
        }
    }
    let month = firsts
        .iter()
        .find(|c| c.kind == Kind::UrlMonth)
        .map(|c| (c.date.year(), c.date.month()));
    // Days written in local time (not as UTC timestamps).
    let local: Vec<NaiveDate> = firsts
        .iter()
        .filter(|c| !c.utc && c.kind != Kind::UrlMonth)
        .map(|c| c.date)
        .collect();
    // (date, score, most trusted supporting kind, supported by a non-modification source,
    // number of supporting kinds)
    let mut tally: Vec<(NaiveDate, f64, Kind, bool, u32)> = Vec::new();
    for c in firsts.iter().filter(|c| c.kind != Kind::UrlMonth) {
        let mut date = c.date;
        // A UTC timestamp of an evening article in the Americas falls on the next day; when a
        // source written in local time says the day before, that is the publisher's day.
        if c.utc
            && !local.contains(&date)
            && let Some(prev) = date.pred_opt()
            && local.contains(&prev)
        {
            date = prev;
        }
        let published = c.kind != Kind::Modified;
        match tally.iter_mut().find(|t| t.0 == date) {
            Some(t) => {
                t.1 += weight(c.kind);
                t.2 = t.2.min(c.kind);
                t.3 |= published;
                t.4 += 1;
            }
            None => tally.push((date, weight(c.kind), c.kind, published, 1)),
        }
    }
    if let Some((y, m)) = month {
        // A year and month in the URL confirm the days in that month and cast doubt on others.
        for t in &mut tally {
            if t.0.year() == y && t.0.month() == m {
                t.1 += 1.5;
            } else {
                t.1 *= 0.5;
            }
        }
    }
    let best = tally
        .iter()
        .filter(|t| t.3)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))?;
    // A modification date alone is not a publication date.
    let top = tally.iter().map(|t| t.1).fold(f64::MIN, f64::max);
    if best.1 < top {
        return None;
    }
    // A date read from page text by one heuristic alone is a guess when another source says
    // otherwise, and the first `<time>` of a page alone is a guess anyway.
    let text_only = best.4 == 1
        && matches!(
            best.2,
            Kind::DateElement | Kind::NearTitle | Kind::Labelled | Kind::FirstTime
        );
    let contested = tally.iter().any(|t| t.0 != best.0 && t.3);
    if text_only && (contested || best.2 == Kind::FirstTime) {
        return None;
    }
    Some(Candidate {
        kind: best.2,
        date: best.0,
        why: String::new(),
        utc: false,
    })
}

// ---------------------------------------------------------------------------------------------
// Collecting candidates

fn collect(doc: &Html, url: Option<&str>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mdy = prefers_month_first(doc);
    let mut ctx = Walk {
        out: Vec::new(),
        urls: Vec::new(),
        body_text: String::new(),
        mdy,
        first_time: None,
        h1_at: None,
        headline_path: headline_path(doc),
        date_elements: 0,
    };
    walk(doc.tree.root(), &mut ctx);
    out.append(&mut ctx.out);
    if let Some(c) = ctx.first_time.take() {
        out.push(c);
    }
    // URL dates: the fetched URL first, then the page's own canonical addresses.
    let mut seen_url = false;
    for u in url.into_iter().map(str::to_string).chain(ctx.urls) {
        if !seen_url {
            let before = out.len();
            url_candidates(&u, &mut out);
            seen_url = out.len() > before;
        }
    }
    labelled_candidates(&ctx.body_text, mdy, &mut out);
    if let Some(at) = ctx.h1_at {
        near_title_candidates(&ctx.body_text, at, mdy, &mut out);
    }
    out
}

/// Per kind, how many candidates are read: only the first plausible one votes, and the cap
/// keeps a page of 600,000 "date" spans cheap.
const MAX_PER_KIND: usize = 64;

/// State of the single document walk.
struct Walk {
    out: Vec<Candidate>,
    /// Canonical / og:url addresses found in the page.
    urls: Vec<String>,
    /// Visible text of the body, whitespace-collapsed, for labelled patterns.
    body_text: String,
    /// Ambiguous numeric dates read month first (US English pages).
    mdy: bool,
    first_time: Option<Candidate>,
    /// Offset in `body_text` where the first visible `<h1>` starts.
    h1_at: Option<usize>,
    /// The first `<h1>` and its ancestors: a container that holds the headline is the
    /// article, whatever its class says ("has-sidebar" layouts).
    headline_path: Vec<ego_tree::NodeId>,
    /// Date-ish elements read so far.
    date_elements: usize,
}

fn headline_path(doc: &Html) -> Vec<ego_tree::NodeId> {
    let h1 = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "h1"));
    h1.map(|n| n.ancestors().map(|a| a.id()).collect())
        .unwrap_or_default()
}

/// Context inherited down the tree.
#[derive(Clone, Copy)]
struct Inherit {
    /// Inside a comment section, sidebar, related-articles list...: their dates are not the
    /// page's.
    excluded: bool,
    /// Inside script/style/template: not visible text.
    invisible: bool,
}

/// Upper bound on the visible text kept for labelled patterns: labels sit near the top of
/// an article, and the bound keeps a 20 MB page cheap.
const MAX_BODY_TEXT: usize = 400_000;

fn walk(root: NodeRef<'_, Node>, ctx: &mut Walk) {
    // Iterative depth-first walk: deep junk HTML must not overflow the stack.
    let mut stack: Vec<(NodeRef<'_, Node>, Inherit)> = vec![(
        root,
        Inherit {
            excluded: false,
            invisible: false,
        },
    )];
    while let Some((node, inh)) = stack.pop() {
        let mut inh = inh;
        match node.value() {
            Node::Text(t) if !inh.invisible && ctx.body_text.len() < MAX_BODY_TEXT => {
                push_collapsed(&mut ctx.body_text, t);
            }
            Node::Element(el) => {
                let name = el.name();
                match name {
                    "script" => {
                        inh.invisible = true;
                        let ty = el.attr("type").unwrap_or("").to_ascii_lowercase();
                        if ty.contains("ld+json") {
                            let text = node_text(node, usize::MAX);
                            json_ld_candidates(&text, &mut ctx.out);
                        }
                    }
                    "style" | "noscript" | "template" | "head" | "title" | "select" | "option" => {
                        inh.invisible = true
                    }
                    "meta" => meta_candidate(el, ctx),
                    "h1" if !inh.invisible && !inh.excluded && ctx.h1_at.is_none() => {
                        ctx.h1_at = Some(ctx.body_text.len())
                    }
                    "link" => {
                        if el
                            .attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                            && let Some(h) = el.attr("href")
                        {
                            ctx.urls.push(h.to_string());
                        }
                    }
                    _ => {}
                }
                let class_id = match (el.attr("class"), el.attr("id")) {
                    (None, None) => String::new(),
                    (c, i) => {
                        format!("{} {}", c.unwrap_or(""), i.unwrap_or("")).to_ascii_lowercase()
                    }
                };
                if is_excluded_zone(name, &class_id) && !ctx.headline_path.contains(&node.id()) {
                    inh.excluded = true;
                }
                if name != "meta" && !inh.invisible {
                    element_candidates(node, el, name, &class_id, inh, ctx);
                }
                // Block elements separate words in the collected text.
                if !inh.invisible && !ctx.body_text.ends_with(' ') {
                    ctx.body_text.push(' ');
                }
            }
            _ => {}
        }
        // Children pushed in reverse so that they pop in document order.
        let mut ch = node.last_child();
        while let Some(c) = ch {
            stack.push((c, inh));
            ch = c.prev_sibling();
        }
    }
}

fn push_collapsed(buf: &mut String, s: &str) {
    for w in s.split_whitespace() {
        if !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        buf.push_str(w);
    }
}

/// Text of a subtree, whitespace-collapsed, stopping after `max` bytes: the walks of nested
/// date-ish elements must stay cheap.
fn node_text(node: NodeRef<'_, Node>, max: usize) -> String {
    let mut s = String::new();
    let mut visited = 0usize;
    for d in node.descendants() {
        visited += 1;
        if s.len() > max || visited > 4 * max.min(1 << 20) + 64 {
            break;
        }
        if let Node::Text(t) = d.value() {
            // Script text inside a date element is not date text, except for the JSON-LD
            // caller which passes the script itself.
            let in_script = d.parent().and_then(|p| {
                p.value()
                    .as_element()
                    .map(|e| e.name() == "script" || e.name() == "style")
            });
            if in_script == Some(true) && d.parent().map(|p| p.id()) != Some(node.id()) {
                continue;
            }
            if max == usize::MAX {
                s.push_str(t);
            } else {
                push_collapsed(&mut s, t);
                s.push(' ');
            }
        }
    }
    s
}

/// Class/id words that mark parts of a page whose dates are someone else's.
fn is_excluded_zone(name: &str, class_id: &str) -> bool {
    if matches!(name, "aside" | "nav") {
        return true;
    }
    // CMSs put layout words on the page-wide containers ("one-sidebar" on Drupal's body).
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    const WORDS: &[&str] = &[
        "comment",
        "related",
        "sidebar",
        "recent",
        "popular",
        "calendar",
        "reply",
        "kommentar",
        "recommend",
        "trending",
        "mostread",
        "meistgelesen",
        "breaking",
    ];
    // Whole class tokens (or their BEM parts), not substrings: "twocolumnsrightsidebar" is a
    // layout wrapper around the whole page.
    class_id
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .any(|tok| WORDS.iter().any(|w| tok.starts_with(w)))
}

fn meta_candidate(el: &scraper::node::Element, ctx: &mut Walk) {
    let key = el
        .attr("property")
        .or_else(|| el.attr("name"))
        .or_else(|| el.attr("itemprop"))
        .or_else(|| el.attr("http-equiv"))
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let Some(value) = el.attr("content").or_else(|| el.attr("datetime")) else {
        return;
    };
    if key == "og:url" || key == "twitter:url" {
        ctx.urls.push(value.to_string());
        return;
    }
    // Parse.ly keeps its metadata as JSON in one meta tag.
    if key == "parsely-page" {
        static PUB: LazyLock<Regex> = LazyLock::new(|| re(r#""pub_date"\s*:\s*"([^"]{6,40})""#));
        if let Some(d) = PUB
            .captures(value)
            .and_then(|c| c.get(1))
            .and_then(|m| parse_machine(m.as_str(), ctx.mdy))
        {
            ctx.out.push(Candidate {
                utc: false,
                kind: Kind::Meta,
                date: d,
                why: format!("meta {key}"),
            });
        }
        return;
    }
    let kind = if META_PUBLISHED.contains(&key.as_str()) || el.attr("pubdate").is_some() {
        Kind::Meta
    } else if META_WEAK.contains(&key.as_str()) {
        Kind::MetaWeak
    } else if META_MODIFIED.contains(&key.as_str()) {
        Kind::Modified
    } else {
        return;
    };
    if let Some(d) = parse_machine(value, ctx.mdy) {
        ctx.out.push(Candidate {
            utc: is_utc(value),
            kind,
            date: d,
            why: format!("meta {key}={}", short(value)),
        });
    }
}

/// Meta names that mean "published" (htmldate's list, trimmed of generic names).
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "article:published",
    "article.published",
    "article_date_original",
    "article.created",
    "article:post_date",
    "article:publicationdate",
    "og:published_time",
    "og:article:published_time",
    "bt:pubdate",
    "citation_date",
    "citation_publication_date",
    "citation_online_date",
    "content_create_date",
    "cxenseparse:recs:publishtime",
    "date_published",
    "datecreated",
    "dateposted",
    "datepublished",
    "dc.date",
    "dc.created",
    "dc.date.created",
    "dc.date.issued",
    "dc.date.publication",
    "dc.issued",
    "dcterms.created",
    "dcterms.date",
    "dcterms.issued",
    "dc:created",
    "dc:date",
    "dcterms:created",
    "dcterms:issued",
    "displaydate",
    "originalpublicationdate",
    "parsely-pub-date",
    "pdate",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "published-date",
    "published_time",
    "publication_date",
    "publication-date",
    "publishing_date",
    "rnews:datepublished",
    "sailthru.date",
    "shareaholic:article_published_time",
    "article:published_date",
    "article.published_time",
    "og:article:published",
    "buildarticledate",
    "nv:date",
    "publishedate",
    "date.published",
    "article_published_time",
    "published_at",
];

/// Generic meta names: often the publication, sometimes the moment the page was generated.
const META_WEAK: &[&str] = &["date", "created", "timestamp", "gentime"];

const META_MODIFIED: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "og:article:modified_time",
    "datemodified",
    "dc.modified",
    "dcterms.modified",
    "dc.date.modified",
    "modified_time",
    "updated_time",
    "last-modified",
    "lastmodified",
    "article.updated",
    "revised",
];

/// Candidates from one element of the body: publication markup, the first `<time>`, and the
/// text of date-ish elements.
fn element_candidates(
    node: NodeRef<'_, Node>,
    el: &scraper::node::Element,
    name: &str,
    class_id: &str,
    inh: Inherit,
    ctx: &mut Walk,
) {
    // Microdata (itemprop) and RDFa (property) name the same schema.org / Dublin Core terms.
    let itemprop = match (el.attr("itemprop"), el.attr("property")) {
        (None, None) => String::new(),
        (a, b) => format!("{} {}", a.unwrap_or(""), b.unwrap_or("")).to_ascii_lowercase(),
    };
    let machine = el
        .attr("datetime")
        .or_else(|| el.attr("content"))
        .or_else(|| el.attr("title"));
    // itemprop=datePublished on any element: the microdata twin of JSON-LD.
    if itemprop.contains("datepublished")
        || itemprop.contains("datecreated")
        || itemprop.contains("dc:date")
        || itemprop.contains("dc:created")
        || itemprop.contains("dcterms:created")
    {
        let d = machine
            .and_then(|v| parse_machine(v, ctx.mdy))
            .or_else(|| first_text_date(&node_text(node, 200), ctx.mdy));
        if let Some(d) = d {
            ctx.out.push(Candidate {
                utc: machine.is_some_and(is_utc),
                kind: Kind::Markup,
                date: d,
                why: format!("itemprop {itemprop}"),
            });
        }
        return;
    }
    if itemprop.contains("datemodified")
        || itemprop.contains("dc:modified")
        || itemprop.contains("dcterms:modified")
    {
        if let Some(d) = machine.and_then(|v| parse_machine(v, ctx.mdy)) {
            ctx.out.push(Candidate {
                utc: false,
                kind: Kind::Modified,
                date: d,
                why: "itemprop dateModified".into(),
            });
        }
        return;
    }
    if inh.excluded {
        return;
    }
    let says_published = class_id.contains("publish")
        || class_id.contains("entry-date")
        || class_id.contains("pubdate");
    let says_updated = is_update_word(class_id);
    if name == "time"
        && let Some(d) = el.attr("datetime").and_then(|v| parse_machine(v, ctx.mdy))
    {
        let utc = el.attr("datetime").is_some_and(is_utc);
        let why = format!("time.{}", short(class_id));
        if (el.attr("pubdate").is_some() || says_published) && !says_updated {
            ctx.out.push(Candidate {
                utc,
                kind: Kind::Markup,
                date: d,
                why,
            });
        } else if says_updated {
            ctx.out.push(Candidate {
                utc,
                kind: Kind::Modified,
                date: d,
                why,
            });
        } else if ctx.first_time.is_none() {
            ctx.first_time = Some(Candidate {
                utc,
                kind: Kind::FirstTime,
                date: d,
                why,
            });
        }
    }
    if name == "abbr"
        && says_published
        && let Some(d) = el.attr("title").and_then(|v| parse_machine(v, ctx.mdy))
    {
        ctx.out.push(Candidate {
            utc: false,
            kind: Kind::Markup,
            date: d,
            why: "abbr.published".into(),
        });
    }
    if !says_updated && is_date_element(class_id) && ctx.date_elements < MAX_PER_KIND {
        ctx.date_elements += 1;
        let text = node_text(node, 160);
        if text.len() <= 160
            && let Some(d) = first_text_date(&cut_at_update(&text), ctx.mdy)
        {
            let kind = if says_published {
                Kind::Markup
            } else {
                Kind::DateElement
            };
            ctx.out.push(Candidate {
                utc: false,
                kind,
                date: d,
                why: format!("<{name} {}> {}", short(class_id), short(&text)),
            });
        }
    }
}

fn is_date_element(class_id: &str) -> bool {
    const WORDS: &[&str] = &[
        "date",
        "time",
        "publish",
        "posted",
        "byline",
        "datum",
        "meta",
        "dateline",
        "info",
        "stand",
        "author",
        "autor",
        "zeit",
        "fecha",
        "data",
        "created",
        "erstellt",
        "submitted",
        "details",
    ];
    WORDS.iter().any(|w| class_id.contains(w))
}

fn is_update_word(s: &str) -> bool {
    static UPD: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)updat|modif|aktualisiert|geändert|revised|mis à jour|actualizado|bearbeitet")
    });
    UPD.is_match(s)
}

/// Keeps what comes before an "updated" label: "Published 7 June, updated 8 June" is the 7th.
fn cut_at_update(text: &str) -> String {
    static UPD: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)updat|modif|aktualisiert|geändert|revised|mis à jour|actualizado|zuletzt")
    });
    match UPD.find(text) {
        Some(m) => text[..m.start()].to_string(),
        None => text.to_string(),
    }
}

fn short(s: &str) -> String {
    s.chars().take(60).collect()
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

fn json_ld_candidates(text: &str, out: &mut Vec<Candidate>) {
    // CMSs wrap JSON-LD in comments or CDATA markers; serde_json needs them gone.
    let cleaned = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .replace("//<![CDATA[", "")
        .replace("//]]>", "");
    match serde_json::from_str::<serde_json::Value>(cleaned.trim()) {
        Ok(v) => {
            let mut found = Vec::new();
            json_walk(&v, 0, &mut found);
            // Objects of the top level (or of @graph) describe this page; nested ones are
            // often other articles (hasPart, relatedLink, ...).
            found.sort_by_key(|(nested, _, _)| *nested);
            out.extend(found.into_iter().map(|(_, _, c)| c));
        }
        Err(_) => {
            // Broken JSON (stray control characters, trailing commas) is common: fall back to
            // the first datePublished string.
            static DP: LazyLock<Regex> =
                LazyLock::new(|| re(r#""date(Published|Modified)"\s*:\s*"([^"]{6,40})""#));
            for c in DP.captures_iter(&cleaned) {
                let kind = if &c[1] == "Published" {
                    Kind::JsonLdOther
                } else {
                    Kind::Modified
                };
                if let Some(d) = parse_machine(&c[2], false) {
                    out.push(Candidate {
                        utc: is_utc(&c[2]),
                        kind,
                        date: d,
                        why: format!("json-ld(regex) date{}", &c[1]),
                    });
                }
            }
        }
    }
}

/// Collects (nesting depth, order, candidate) from schema.org objects.
fn json_walk(v: &serde_json::Value, nested: usize, out: &mut Vec<(usize, usize, Candidate)>) {
    use serde_json::Value;
    match v {
        Value::Array(items) => {
            for it in items {
                json_walk(it, nested, out);
            }
        }
        Value::Object(map) => {
            let types = match map.get("@type") {
                Some(Value::String(s)) => s.to_ascii_lowercase(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_ascii_lowercase(),
                _ => String::new(),
            };
            let article = ["article", "posting", "report", "blog", "review"]
                .iter()
                .any(|w| types.contains(w));
            let n = out.len();
            for (key, kind_if_article, kind_else) in [
                ("datePublished", Kind::JsonLdArticle, Kind::JsonLdOther),
                ("dateCreated", Kind::JsonLdOther, Kind::JsonLdOther),
                ("dateModified", Kind::Modified, Kind::Modified),
            ] {
                if let Some(s) = map.get(key).and_then(Value::as_str)
                    && let Some(d) = parse_machine(s, false)
                {
                    let kind = if article { kind_if_article } else { kind_else };
                    out.push((
                        nested,
                        n,
                        Candidate {
                            utc: is_utc(s),
                            kind,
                            date: d,
                            why: format!("json-ld {types} {key}={}", short(s)),
                        },
                    ));
                }
            }
            for (k, child) in map {
                // @graph lists this page's own nodes: not a nesting level.
                let depth = if k == "@graph" { nested } else { nested + 1 };
                if matches!(child, Value::Object(_) | Value::Array(_)) {
                    json_walk(child, depth, out);
                }
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// URL

/// A full date in the URL: `/2020/06/07/`, `/2020-06-07-`, `_20200607`, ...
fn url_candidates(url: &str, out: &mut Vec<Candidate>) {
    static YMD: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?:^|[/_\-.=])((?:19|20)\d\d)[/_\-.]?(0[1-9]|1[0-2])[/_\-.]?(0[1-9]|[12]\d|3[01])(?:[/_\-.?#&]|$)",
        )
    });
    static SEP: LazyLock<Regex> = LazyLock::new(|| {
        re(r"/((?:19|20)\d\d)[/_\-](0?[1-9]|1[0-2])[/_\-](0?[1-9]|[12]\d|3[01])(?:[/_\-.?#&]|$)")
    });
    // An archived copy's address holds the capture time and then the original address.
    static WAYBACK: LazyLock<Regex> =
        LazyLock::new(|| re(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(.+)$"));
    if let Some(c) = WAYBACK.captures(url)
        && let Some(inner) = c.get(1)
    {
        return url_candidates(inner.as_str(), out);
    }
    // Only the path and query: a host name has no dates.
    let path = url
        .split_once("://")
        .map(|(_, rest)| rest.find('/').map(|i| &rest[i..]).unwrap_or(""))
        .unwrap_or(url);
    let full_date = |date: NaiveDate| Candidate {
        utc: false,
        kind: Kind::Url,
        date,
        why: format!("url {}", short(path)),
    };
    let caps = SEP.captures(path).or_else(|| YMD.captures(path));
    if let Some(c) = caps
        && let Some(d) = ymd(&c[1], &c[2], &c[3])
    {
        out.push(full_date(d));
        return;
    }
    // Day first, as German and French CMSs write it: /08112021-title, /~02-01-2022-title.
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?:^|[/_\-~=])(0[1-9]|[12]\d|3[01])([_\-.]?)(0[1-9]|1[0-2])([_\-.]?)((?:19|20)\d\d)(?:[/_\-.?#&]|$)",
        )
    });
    if let Some(c) = DMY.captures(path)
        && c[2] == c[4]
        && let Some(d) = ymd(&c[5], &c[3], &c[1])
    {
        out.push(full_date(d));
        return;
    }
    static YM: LazyLock<Regex> = LazyLock::new(|| re(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/"));
    if let Some(c) = YM.captures(path)
        && let Some(d) = ymd(&c[1], &c[2], "1")
    {
        out.push(Candidate {
            utc: false,
            kind: Kind::UrlMonth,
            date: d,
            why: format!("url month {}", short(path)),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Labelled text

fn labelled_candidates(text: &str, mdy: bool, out: &mut Vec<Candidate>) {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?:veröffentlicht|publiziert|erschienen|erstellt|published|posted|publié|publicado|pubblicato|gepubliceerd|opublikowano|yayınlanma|опубликовано|дата публикации|datum|date)\s*(?:am|on|le|el|il|op|:|/)?\s*:?\s*",
        )
    });
    for m in LABEL.find_iter(text) {
        let end = m.end();
        // The date must follow the label closely.
        let window: String = text[end..].chars().take(50).collect();
        if let Some((pos, d)) = text_dates(&window, mdy).into_iter().next()
            && pos <= 15
        {
            out.push(Candidate {
                utc: false,
                kind: Kind::Labelled,
                date: d,
                why: format!("label '{}' {}", m.as_str().trim(), short(&window)),
            });
            // The first labelled date is the article's; later ones are comments and teasers.
            return;
        }
    }
}

/// Bylines sit right above or below the headline: the first date after the `<h1>` (within
/// a few hundred characters), else the last one shortly before it.
fn near_title_candidates(text: &str, at: usize, mdy: bool, out: &mut Vec<Candidate>) {
    let start = text.floor_char_boundary(at.saturating_sub(200));
    let at = text.floor_char_boundary(at);
    let end = text.floor_char_boundary(at.saturating_add(600));
    let after = text_dates(&text[at..end], mdy).into_iter().next();
    let before = text_dates(&text[start..at], mdy).into_iter().last();
    if let Some((_, d)) = after.or(before) {
        out.push(Candidate {
            utc: false,
            kind: Kind::NearTitle,
            date: d,
            why: "near h1".into(),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Date parsing

fn re(p: &str) -> Regex {
    // The patterns are constants of this file, checked by the unit tests.
    Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"))
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    valid(NaiveDate::from_ymd_opt(y, m, d)?)
}

fn valid(d: NaiveDate) -> Option<NaiveDate> {
    (d.year() >= MIN_YEAR && d.year() <= 2100).then_some(d)
}

/// A machine-readable date (meta content, `datetime`, JSON-LD): ISO 8601 and its cousins,
/// RFC 2822, Unix time, or failing that a human date.
fn parse_machine(s: &str, mdy: bool) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^\D{0,12}?((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?:$|[T\s_]|[^\d])")
    });
    if let Some(c) = ISO.captures(s) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    // Unix time in seconds or milliseconds: the day in UTC, the only zone it implies.
    if s.bytes().all(|b| b.is_ascii_digit()) && (s.len() == 10 || s.len() == 13) {
        let secs: i64 = s[..10].parse().ok()?;
        return valid(chrono::DateTime::from_timestamp(secs, 0)?.date_naive());
    }
    first_text_date(s, mdy)
}

/// A timestamp with a time of day in UTC.
fn is_utc(s: &str) -> bool {
    static UTC: LazyLock<Regex> =
        LazyLock::new(|| re(r"\d:\d\d(?::\d\d)?(?:\.\d+)?\s*(?:Z|[+-]00:?00|UTC|GMT)\s*$"));
    UTC.is_match(s.trim())
}

fn first_text_date(s: &str, mdy: bool) -> Option<NaiveDate> {
    text_dates(s, mdy).into_iter().next().map(|(_, d)| d)
}

/// All dates written in `s` with their byte positions, in order.
fn text_dates(s: &str, mdy: bool) -> Vec<(usize, NaiveDate)> {
    static YMD: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?:^|[^\d.])((?:19|20)\d\d)(?:[-/.]|\.\s)(0?[1-9]|1[0-2])(?:[-/.]|\.\s)(0?[1-9]|[12]\d|3[01])(?:[^\d]|$)",
        )
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?:^|[^\d.])(0?[1-9]|[12]\d|3[01])([-/.])(0?[1-9]|1[0-2]|1[3-9]|2\d|3[01])([-/.])((?:19|20)\d\d)(?:[^\d]|$)",
        )
    });
    static CJK: LazyLock<Regex> =
        LazyLock::new(|| re(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"));
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?:^|[^\d])(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+|of\s+)?(\p{L}{3,11})\.?,?\s*(?:de\s+)?((?:19|20)\d\d)(?:[^\d]|$)",
        )
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)(\p{L}{3,11})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?:[^\d]|$)")
    });
    let mut found = Vec::new();
    for c in YMD.captures_iter(s) {
        if let (Some(m), Some(d)) = (c.get(1), ymd(&c[1], &c[2], &c[3])) {
            found.push((m.start(), d));
        }
    }
    for c in DMY.captures_iter(s) {
        if c[2] != c[4] {
            continue;
        }
        let (a, b): (u32, u32) = match (c[1].parse(), c[3].parse()) {
            (Ok(a), Ok(b)) => (a, b),
            _ => continue,
        };
        // dd.mm.yyyy is always day first; with slashes or dashes, a number above 12 decides,
        // else the page's language does (month first in US English).
        let (day, month) = if &c[2] == "." || a > 12 || (b <= 12 && !mdy) {
            (a, b)
        } else {
            (b, a)
        };
        if let (Some(m), Some(y)) = (c.get(1), c[5].parse::<i32>().ok())
            && let Some(d) = NaiveDate::from_ymd_opt(y, month, day).and_then(valid)
        {
            found.push((m.start(), d));
        }
    }
    for c in CJK.captures_iter(s) {
        if let (Some(m), Some(d)) = (c.get(1), ymd(&c[1], &c[2], &c[3])) {
            found.push((m.start(), d));
        }
    }
    for c in DAY_MONTH.captures_iter(s) {
        if let (Some(m), Some(mon)) = (c.get(1), month_number(&c[2]))
            && let Some(d) = ymd(&c[3], &mon.to_string(), &c[1])
        {
            found.push((m.start(), d));
        }
    }
    for c in MONTH_DAY.captures_iter(s) {
        if let (Some(m), Some(mon)) = (c.get(1), month_number(&c[1]))
            && let Some(d) = ymd(&c[3], &mon.to_string(), &c[2])
        {
            found.push((m.start(), d));
        }
    }
    found.sort_by_key(|(p, _)| *p);
    found
}

/// Whether ambiguous numeric dates (06/07/2020) are month first: only for US English pages.
fn prefers_month_first(doc: &Html) -> bool {
    let lang = doc
        .root_element()
        .attr("lang")
        .unwrap_or("")
        .to_ascii_lowercase();
    lang == "en-us" || lang == "en"
}

fn month_number(word: &str) -> Option<u32> {
    static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
        let table: [&str; 12] = [
            "january jan januar jänner jän janvier enero gennaio janeiro januari ocak stycznia января січня janv ene gen",
            "february feb februar février fevrier febrero febbraio fevereiro februari şubat lutego февраля лютого févr fév",
            "march mar märz maerz mrz mär mars marzo março maart mart marca марта березня",
            "april apr avril abril aprile nisan kwietnia апреля квітня avr",
            "may mai mayo maggio maio mei mayıs maja мая травня",
            "june jun juni juin junio giugno junho haziran czerwca июня червня",
            "july jul juli juillet julio luglio julho temmuz lipca июля липня juil",
            "august aug août aout agosto augustus ağustos sierpnia августа серпня ago",
            "september sep sept septembre septiembre setiembre settembre setembro eylül września сентября вересня set",
            "october oct okt oktober octobre octubre ottobre outubro ekim października октября жовтня out ott",
            "november nov novembre noviembre novembro kasım listopada ноября листопада",
            "december dec dez dezember décembre decembre diciembre dicembre dezembro aralık grudnia декабря грудня déc dic",
        ];
        let mut m = HashMap::new();
        for (i, words) in table.iter().enumerate() {
            for w in words.split_whitespace() {
                m.insert(w.to_string(), i as u32 + 1);
            }
        }
        m
    });
    MONTHS.get(&word.to_lowercase()).copied()
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(html: &str, url: Option<&str>) -> Option<NaiveDate> {
        publication_date(&crate::source::web::parse_page(html), url)
    }

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn json_ld_graph_article_wins_over_webpage() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebPage","datePublished":"2019-01-01T00:00:00Z"},
              {"@type":"NewsArticle","datePublished":"2020-06-07T23:30:00-04:00","dateModified":"2020-06-09"}]}
            </script></head><body></body></html>"#;
        assert_eq!(date_of(html, None), d("2020-06-07"));
    }

    #[test]
    fn local_day_as_written() {
        let html =
            r#"<meta property="article:published_time" content="2020-06-07T23:30:00-04:00">"#;
        assert_eq!(date_of(html, None), d("2020-06-07"));
    }

    #[test]
    fn sources_vote() {
        // Meta tag and visible byline agree against the URL.
        let html = r#"<meta name="pubdate" content="20200607"><p class="byline">7 June 2020</p>"#;
        assert_eq!(
            date_of(html, Some("https://x.org/2020/06/08/a")),
            d("2020-06-07")
        );
        // The URL alone outweighs one labelled date.
        let html = "<p>Datum: 01.02.2019</p>";
        assert_eq!(
            date_of(html, Some("https://x.org/2020/06/08/a")),
            d("2020-06-08")
        );
    }

    #[test]
    fn german_labelled_text() {
        let html =
            "<html lang=de><body><p>Von Anna B., veröffentlicht am 7. Juni 2020</p></body></html>";
        assert_eq!(date_of(html, None), d("2020-06-07"));
    }

    #[test]
    fn date_element_and_updates() {
        let html = r#"<div class="post-date">Published June 7, 2020 | Updated June 9, 2020</div>"#;
        assert_eq!(date_of(html, None), d("2020-06-07"));
        let html = r#"<span class="byline">07.06.2020, 14:03 Uhr</span>"#;
        assert_eq!(date_of(html, None), d("2020-06-07"));
    }

    #[test]
    fn comments_are_not_the_article() {
        let html = r#"<div class="comments"><span class="date">01.01.2021</span></div>"#;
        assert_eq!(date_of(html, None), None);
    }

    #[test]
    fn modified_only_is_not_published() {
        let html = r#"<meta property="article:modified_time" content="2020-06-07">"#;
        assert_eq!(date_of(html, None), None);
    }

    #[test]
    fn rejects_implausible_years_and_days() {
        let html = r#"<meta name="date" content="1970-01-01">"#;
        assert_eq!(date_of(html, None), None);
        let html = r#"<meta name="date" content="2020-02-30">"#;
        assert_eq!(date_of(html, None), None);
        let html = r#"<meta name="date" content="2999-01-01">"#;
        assert_eq!(date_of(html, None), None);
    }

    #[test]
    fn utc_timestamp_yields_to_local_day() {
        // 02:54 UTC on the 2nd is the evening of the 1st in New York, as the URL says.
        let html = r#"<meta property="article:published_time" content="2020-05-02T02:54:29Z">"#;
        assert_eq!(
            date_of(html, Some("https://x.com/2020/05/01/story")),
            d("2020-05-01")
        );
    }

    #[test]
    fn lone_text_guess_against_other_source_is_dropped() {
        // Two text heuristics disagree (byline element vs. the text under the headline), and
        // nothing else speaks: no answer rather than a guess.
        let html = r#"<h1>Title</h1><p>Stand 03.03.2021</p><span class="date">01.01.2020</span>"#;
        assert_eq!(date_of(html, None), None);
    }

    #[test]
    fn headline_container_is_not_a_sidebar() {
        let html = r#"<body><div class="layout has-sidebar"><h1>T</h1>
            <span class="post-date">07.06.2020</span></div></body>"#;
        assert_eq!(date_of(html, None), d("2020-06-07"));
    }

    #[test]
    fn explain_lists_each_candidate_and_marks_the_chosen_one() {
        let html = r#"<meta property="article:published_time" content="2020-06-07T10:00:00+02:00">
            <p class=date>08.06.2020</p>"#;
        let lines = explain(&crate::source::web::parse_page(html), None);
        let chosen: Vec<&String> = lines.iter().filter(|l| l.starts_with('*')).collect();
        assert_eq!(chosen.len(), 1, "{lines:#?}");
        assert!(chosen[0].contains("2020-06-07"), "{lines:#?}");
        assert!(lines.iter().any(|l| l.contains("2020-06-08")), "{lines:#?}");
    }

    #[test]
    fn a_date_before_deep_nesting_is_read() {
        let deep = format!("<p class=date>07.06.2020</p>{}", "<div>".repeat(200_000));
        assert_eq!(date_of(&deep, None), d("2020-06-07"));
    }

    #[test]
    fn url_patterns() {
        let mut v = Vec::new();
        url_candidates("https://example.com/news/20200607-title.html", &mut v);
        url_candidates("https://example.com/2020/6/7/title", &mut v);
        url_candidates("https://2020.example.com/123456789/x", &mut v);
        url_candidates("https://example.de/aktuelles/07062020-title", &mut v);
        url_candidates(
            "https://web.archive.org/web/20210101000000/http://ex.de/2020/06/07/x",
            &mut v,
        );
        let got: Vec<_> = v.iter().map(|c| c.date).collect();
        assert_eq!(got, vec![d("2020-06-07").unwrap_or_default(); 4]);
    }

    #[test]
    fn text_formats() {
        for (s, want) in [
            ("7th June 2020", "2020-06-07"),
            ("Jun 7, 2020", "2020-06-07"),
            ("7 de junio de 2020", "2020-06-07"),
            ("2020年6月7日", "2020-06-07"),
            ("07.06.2020", "2020-06-07"),
            ("Sun, 07 Jun 2020 23:30:00 -0400", "2020-06-07"),
            ("7 июня 2020", "2020-06-07"),
            ("1591531200", "2020-06-07"),
        ] {
            assert_eq!(parse_machine(s, false), d(want), "{s}");
        }
        assert_eq!(parse_machine("06/07/2020", true), d("2020-06-07"));
        assert_eq!(parse_machine("07/06/2020", false), d("2020-06-07"));
        assert_eq!(parse_machine("June 2020", false), None);
    }

    #[test]
    fn never_panics_on_junk() {
        for s in [
            "",
            " ",
            "<",
            "<meta content>",
            "<script type=application/ld+json>{{{</script>",
            "\u{0}\u{feff}<<<>>>",
            "<time datetime=>",
        ] {
            let _ = date_of(s, Some("::::"));
            let _ = date_of(s, None);
        }
        let deep = "<div class=date>".repeat(20_000);
        let _ = date_of(&deep, None);
    }
}
