//! Render: the briefing into pages, through Tera templates.
//!
//! Default templates and assets are embedded in the binary; a site's own
//! `templates/` and `static/` override them file by file. Each page kind gets a
//! slim view (see [`views`]); `links` makes every URL.

mod body;
mod compiled;
mod escape;
mod items;
mod json;
pub mod links;
mod network;
mod page_data;
mod search;
mod timeline;
mod views;

use crate::model::{Briefing, Precision};
use links::{Links, actor_articles_path};
use page_data::{Listing, PageData, PageText, QuotePlace, Rendered};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use views::*;

/// A file of the built site: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The icon, inlined as a data URL: a request for it would be one more per
/// page, and browsers abandon it mid-flight whenever the reader clicks on.
/// It holds no `"`, `&`, `<` or `>`: the theme writes it unescaped (`| safe`),
/// where escaping would make each of its quotes five bytes on every page.
static FAVICON: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let svg = include_str!("../../static/favicon.svg").trim();
    let encoded: String = svg
        .chars()
        .map(|c| match c {
            '"' => "'".to_string(),
            '#' => "%23".to_string(),
            ' ' => "%20".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            '\n' => String::new(),
            c => c.to_string(),
        })
        .collect();
    format!("data:image/svg+xml,{encoded}")
});

/// The default theme, embedded so a folder holding only `seeds/` builds.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    (
        "partials/actor_link.html",
        include_str!("../../templates/partials/actor_link.html"),
    ),
    (
        "partials/article_item.html",
        include_str!("../../templates/partials/article_item.html"),
    ),
    (
        "partials/event.html",
        include_str!("../../templates/partials/event.html"),
    ),
    (
        "partials/quote.html",
        include_str!("../../templates/partials/quote.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("actor.html", include_str!("../../templates/actor.html")),
    ("actors.html", include_str!("../../templates/actors.html")),
    (
        "actor_articles.html",
        include_str!("../../templates/actor_articles.html"),
    ),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("briefing.js", include_bytes!("../../static/briefing.js")),
];

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// The templates and assets of one site.
pub struct Theme {
    tera: tera::Tera,
    assets: BTreeMap<String, Vec<u8>>,
    /// Which of the default partials have a compiled twin this site can use
    /// (it left their templates as they come): events, quotes and article
    /// items are most of what a big site renders.
    twins: compiled::Twins,
    /// Per template, the size of the page it last made: the next one's buffer
    /// starts that big instead of growing (and copying) its way there.
    last_size: std::collections::HashMap<String, std::sync::atomic::AtomicUsize>,
}

/// Tera's error chain in one line: the cause is where the useful part is.
fn describe(err: &tera::Error) -> String {
    let mut msg = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

impl Theme {
    /// The embedded theme with the site's `templates/` and `static/` files laid over it.
    pub fn load(root: &Path) -> Result<Theme, RenderError> {
        let mut templates: BTreeMap<String, String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for (name, bytes) in read_dir_files(&root.join("templates"))? {
            let text = String::from_utf8(bytes).map_err(|_| RenderError::Template {
                name: name.clone(),
                message: "not UTF-8".into(),
            })?;
            templates.insert(name, text);
        }
        let twins = compiled::Twins::new(&templates);
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape::escape_html);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| RenderError::Template {
                name: "templates".into(),
                message: describe(&e),
            })?;
        let mut assets: BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        assets.extend(read_dir_files(&root.join("static"))?);
        let last_size = templates
            .keys()
            .map(|name| (name.clone(), std::sync::atomic::AtomicUsize::new(0)))
            .collect();
        Ok(Theme {
            tera,
            assets,
            twins,
            last_size,
        })
    }

    /// A part of a page: `template` with `value` as its one variable `name`.
    fn render_fragment<T: Serialize>(
        &self,
        template: &str,
        name: &str,
        value: &T,
    ) -> Result<String, RenderError> {
        let mut ctx = tera::Context::new();
        ctx.insert(name, value);
        self.render_context(template, &ctx)
    }

    /// A part of a page: `template` with the variables of `ctx`.
    fn render_context(&self, template: &str, ctx: &tera::Context) -> Result<String, RenderError> {
        self.tera
            .render(template, ctx)
            .map_err(|e| RenderError::Template {
                name: template.into(),
                message: describe(&e),
            })
    }

    /// The page `write` makes in place of `template`, in a buffer as big as
    /// the last page it made.
    fn write_sized(&self, template: &str, write: impl FnOnce(&mut String)) -> Vec<u8> {
        use std::sync::atomic::Ordering::Relaxed;
        let last = self.last_size.get(template);
        let size = last.map_or(0, |s| s.load(Relaxed));
        let mut page = String::with_capacity(size + size / 4 + 4096);
        write(&mut page);
        if let Some(last) = last {
            last.store(page.len(), Relaxed);
        }
        page.into_bytes()
    }

    fn render<T: Serialize>(
        &self,
        template: &str,
        frame: &Frame,
        view: &T,
    ) -> Result<Vec<u8>, RenderError> {
        use std::sync::atomic::Ordering::Relaxed;
        let mut ctx = tera::Context::new();
        ctx.insert("frame", frame);
        ctx.insert("view", view);
        let last = self.last_size.get(template);
        let size = last.map_or(0, |s| s.load(Relaxed));
        let mut bytes = Vec::with_capacity(size + size / 4 + 4096);
        self.tera
            .render_to(template, &ctx, &mut bytes)
            .map_err(|e| RenderError::Template {
                name: template.into(),
                message: describe(&e),
            })?;
        if let Some(last) = last {
            last.store(bytes.len(), Relaxed);
        }
        Ok(bytes)
    }
}

/// Files directly in `dir` and below, by path relative to `dir` (`/` separators), sorted.
fn read_dir_files(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, RenderError> {
    let mut files = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = crate::source::display_path(dir, entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|source| RenderError::Read {
            path: entry.path().display().to_string(),
            source,
        })?;
        files.insert(rel, bytes);
    }
    Ok(files)
}

/// How many items the overview lists of each kind.
const OVERVIEW_ACTORS: usize = 12;
const OVERVIEW_EVENTS: usize = 10;
const OVERVIEW_QUOTES: usize = 6;
/// The overview lists the newest articles; the rest are reached through actors,
/// the timeline and search.
const OVERVIEW_ARTICLES: usize = 100;

/// Renders every page, feed and data file of the site, in memory.
pub fn render(b: &Briefing, theme: &Theme) -> Result<Vec<OutputFile>, RenderError> {
    struct Collect(std::sync::Mutex<Vec<OutputFile>>);
    impl Sink for Collect {
        fn file(&self, file: OutputFile) -> std::io::Result<()> {
            if let Ok(mut files) = self.0.lock() {
                files.push(file);
            }
            Ok(())
        }
        fn stream(
            &self,
            path: &str,
            write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
        ) -> std::io::Result<()> {
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            self.file(OutputFile {
                path: path.to_string(),
                bytes,
            })
        }
    }
    let sink = Collect(std::sync::Mutex::new(Vec::new()));
    render_each(b, theme, &sink)?;
    let mut files = sink.0.into_inner().unwrap_or_default();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// One file of the site, to be made.
#[derive(Debug, Clone, Copy)]
enum Job {
    Json,
    /// The list of the search index's chunks.
    SearchManifest,
    /// One chunk of the search index.
    SearchChunk(usize),
    Feed(&'static str),
    Overview,
    Article(usize),
    Actor(usize),
    /// Page 2 and up of an actor's articles.
    ActorArticles(usize, usize),
    Actors,
    /// The timeline's index (`None`) or one of its pages.
    Timeline(Option<usize>),
    NotFound,
    Asset(usize),
    NoJekyll,
    Cname,
}

/// Every file of a site and where it goes: made once per briefing, it lets a
/// build render them all and `briefing serve` render just the one asked for.
pub struct Plan {
    text: PageText,
    timeline: Vec<timeline::TimelinePage>,
    /// With the whole-site files first: the biggest jobs start soonest.
    jobs: Vec<(String, Job)>,
    by_path: std::collections::HashMap<String, usize>,
}

impl Plan {
    pub fn new(b: &Briefing, theme: &Theme) -> Plan {
        // The dates in words and the list of files are made side by side: the
        // pages wait for both.
        let (text, files) = rayon::join(|| PageText::new(b), || Files::new(b, theme));
        Plan {
            text,
            timeline: files.timeline,
            jobs: files.jobs,
            by_path: files.by_path,
        }
    }
}

/// The files of a site, as [`Plan`] lists them.
struct Files {
    timeline: Vec<timeline::TimelinePage>,
    jobs: Vec<(String, Job)>,
    by_path: std::collections::HashMap<String, usize>,
}

impl Files {
    fn new(b: &Briefing, theme: &Theme) -> Files {
        let timeline = timeline::pages(b);
        let mut jobs: Vec<(String, Job)> = vec![
            ("briefing.json".into(), Job::Json),
            (search::MANIFEST.into(), Job::SearchManifest),
            ("atom.xml".into(), Job::Feed("atom.xml")),
            ("sitemap.xml".into(), Job::Feed("sitemap.xml")),
            (links::OVERVIEW_PATH.into(), Job::Overview),
            (links::ACTORS_PATH.into(), Job::Actors),
            (links::TIMELINE_PATH.into(), Job::Timeline(None)),
            ("404.html".into(), Job::NotFound),
            (".nojekyll".into(), Job::NoJekyll),
        ];
        if cname(b).is_some() {
            jobs.push(("CNAME".into(), Job::Cname));
        }
        jobs.extend(
            theme
                .assets
                .keys()
                .enumerate()
                .map(|(i, name)| (format!("static/{name}"), Job::Asset(i))),
        );
        jobs.extend(
            (0..search::chunk_count(b)).map(|n| (search::chunk_path(n), Job::SearchChunk(n))),
        );
        jobs.extend(
            timeline
                .iter()
                .enumerate()
                .map(|(i, page)| (page.path.clone(), Job::Timeline(Some(i)))),
        );
        jobs.extend(
            b.articles
                .iter()
                .enumerate()
                .map(|(i, a)| (links::article_path(&a.id), Job::Article(i))),
        );
        jobs.extend(
            b.actors
                .iter()
                .enumerate()
                .map(|(i, a)| (links::actor_path(&a.id), Job::Actor(i))),
        );
        for (i, actor) in b.actors.iter().enumerate() {
            jobs.extend((2..=actor_article_pages(actor) + 1).map(|page| {
                (
                    actor_articles_path(&actor.id, page),
                    Job::ActorArticles(i, page),
                )
            }));
        }
        let by_path = jobs
            .iter()
            .enumerate()
            .map(|(i, (path, _))| (path.clone(), i))
            .collect();
        Files {
            timeline,
            jobs,
            by_path,
        }
    }
}

impl Plan {
    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The file at `path` (relative to the output folder), if the site has one.
    pub fn render_path(
        &self,
        b: &Briefing,
        theme: &Theme,
        path: &str,
    ) -> Option<Result<OutputFile, RenderError>> {
        let &i = self.by_path.get(path)?;
        Some(self.render_job(b, theme, i))
    }

    fn render_job(&self, b: &Briefing, theme: &Theme, i: usize) -> Result<OutputFile, RenderError> {
        let p = &PageData::new(b, &self.text, theme);
        let (path, job) = &self.jobs[i];
        // The links of a page of the site: those of the 404 page, served at
        // any path, are made below.
        let page_links = Links::from_page(path);
        let file = |bytes: Vec<u8>| {
            Ok(OutputFile {
                path: path.clone(),
                bytes,
            })
        };
        match *job {
            Job::Json => file(json::briefing_json(b)),
            Job::SearchManifest => file(search::manifest(b)),
            Job::SearchChunk(n) => file(search::chunk(p, n)),
            Job::Feed(template) => {
                let extra: Vec<&str> = self.timeline.iter().map(|t| t.path.as_str()).collect();
                feed(b, theme, template, &extra)
            }
            Job::Overview => page(
                b,
                theme,
                path,
                "index.html",
                "home",
                &b.site.title,
                &b.site.description,
                &page_links,
                overview(p, &page_links)?,
                None,
            ),
            Job::Article(i) => {
                let a = &b.articles[i];
                let desc = a.body.chars().take(160).collect::<String>();
                page(
                    b,
                    theme,
                    path,
                    "article.html",
                    "articles",
                    &a.title,
                    &desc,
                    &page_links,
                    ArticleView::new(p, i, &page_links)?,
                    theme.twins.article_page.then_some(compiled::article_page),
                )
            }
            Job::Actor(i) => {
                let a = &b.actors[i];
                let desc = format!(
                    "{} ({}): roles, quotes, articles and events in {}.",
                    a.name,
                    a.kind.as_str(),
                    b.site.title
                );
                page(
                    b,
                    theme,
                    path,
                    "actor.html",
                    "actors",
                    &a.name,
                    &desc,
                    &page_links,
                    ActorView::new(p, i, &page_links)?,
                    theme.twins.actor_page.then_some(compiled::actor_page),
                )
            }
            Job::ActorArticles(i, n) => {
                let a = &b.actors[i];
                page(
                    b,
                    theme,
                    path,
                    "actor_articles.html",
                    "actors",
                    &format!("{}: articles, page {n}", a.name),
                    &format!("Articles that mention {}.", a.name),
                    &page_links,
                    ActorArticlesView::new(p, a, n, &page_links)?,
                    None,
                )
            }
            Job::Actors => page(
                b,
                theme,
                path,
                "actors.html",
                "actors",
                "Actors",
                "Every person, organization, place and group in the briefing.",
                &page_links,
                actors_index(p, &page_links)?,
                None,
            ),
            Job::Timeline(part) => {
                let title = match part {
                    Some(n) => format!("Timeline: {}", self.timeline[n].label),
                    None => "Timeline".to_string(),
                };
                page(
                    b,
                    theme,
                    path,
                    "timeline.html",
                    "timeline",
                    &title,
                    "Dated events from all articles, in order.",
                    &page_links,
                    timeline::view(p, &self.timeline, part, &page_links)?,
                    theme.twins.timeline_page.then_some(compiled::timeline_page),
                )
            }
            Job::NotFound => {
                // Served for any missing path, so its links start at the base path.
                let links = Links::absolute(&links::base_path(&b.site.base_url));
                let frame = frame(
                    b,
                    &links,
                    "404.html",
                    "404",
                    "Page not found",
                    "This page does not exist.",
                    false,
                );
                file(theme.render("404.html", &frame, &())?)
            }
            Job::Asset(i) => file(theme.assets.values().nth(i).cloned().unwrap_or_default()),
            Job::NoJekyll => file(Vec::new()),
            Job::Cname => file(cname(b).map_or_else(Vec::new, |c| format!("{c}\n").into_bytes())),
        }
    }
}

/// The custom domain of site.toml, when it names one.
fn cname(b: &Briefing) -> Option<&str> {
    b.site
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Where the files of a site go as they are made.
pub trait Sink: Sync {
    fn file(&self, file: OutputFile) -> std::io::Result<()>;
    /// A big file, written by `write` as it is made: never whole in memory.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()>;
}

/// Renders every file of the site into `sink` as soon as it is made, from
/// several threads: a big site is never held in memory whole.
pub fn render_each(b: &Briefing, theme: &Theme, sink: &dyn Sink) -> Result<(), RenderError> {
    let plan = Plan::new(b, theme);
    (0..plan.jobs.len()).into_par_iter().try_for_each(|i| {
        let (path, job) = &plan.jobs[i];
        let written = match job {
            Job::Json => sink.stream(path, &mut |out| json::write_briefing_json(b, out)),
            _ => sink.file(plan.render_job(b, theme, i)?),
        };
        written.map_err(|source| RenderError::Write {
            path: path.clone(),
            source,
        })
    })
}

/// A page template compiled into Rust (see [`compiled`]).
type PageTwin<T> = fn(&Frame, &T, &mut String);

#[allow(clippy::too_many_arguments)]
fn page<T: Serialize>(
    b: &Briefing,
    theme: &Theme,
    path: &str,
    template: &str,
    section: &'static str,
    title: &str,
    description: &str,
    links: &Links,
    view: T,
    twin: Option<PageTwin<T>>,
) -> Result<OutputFile, RenderError> {
    let frame = frame(b, links, path, section, title, description, true);
    let bytes = match twin {
        Some(write) => theme.write_sized(template, |h| write(&frame, &view, h)),
        None => theme.render(template, &frame, &view)?,
    };
    Ok(OutputFile {
        path: path.to_string(),
        bytes,
    })
}

fn frame(
    b: &Briefing,
    links: &Links,
    path: &str,
    section: &'static str,
    title: &str,
    description: &str,
    canonical: bool,
) -> Frame {
    let absolute =
        b.site.base_url.starts_with("http://") || b.site.base_url.starts_with("https://");
    Frame {
        site_title: b.site.title.clone(),
        language: b.site.language.clone(),
        title: title.to_string(),
        description: description.split_whitespace().collect::<Vec<_>>().join(" "),
        canonical: (absolute && canonical).then(|| links::absolute_url(&b.site.base_url, path)),
        home: links.home(),
        actors: links.actors(),
        timeline: links.timeline(),
        css: links.asset("style.css"),
        script: links.asset("briefing.js"),
        favicon: FAVICON.clone(),
        search_index: links.file(search::MANIFEST),
        root: links.root().to_string(),
        section,
    }
}

fn overview<'a>(p: &PageData<'a>, links: &'a Links) -> Result<OverviewView<'a>, RenderError> {
    let b = p.b;
    let mut ranking: Vec<usize> = (0..b.actors.len()).collect();
    ranking.sort_by(|&x, &y| {
        let (x, y) = (&b.actors[x], &b.actors[y]);
        y.salience.total_cmp(&x.salience).then(x.id.cmp(&y.id))
    });
    let ranked: Vec<&crate::model::Actor> = ranking.iter().map(|&a| &b.actors[a]).collect();
    let dates: Vec<_> = b.articles.iter().filter_map(|a| a.date).collect();
    let period = match (dates.iter().min(), dates.iter().max()) {
        (Some(first), Some(last)) if first == last => Some(first.format("%-d %B %Y").to_string()),
        (Some(first), Some(last)) => Some(format!(
            "{} to {}",
            first.format("%-d %B %Y"),
            last.format("%-d %B %Y")
        )),
        _ => None,
    };
    // Latest events: the most recent dates first; only day- and week-precise ones are "news".
    let latest: Vec<Rendered> = (0..b.events.len())
        .rev()
        .filter(|&e| matches!(b.events[e].when.precision, Precision::Day | Precision::Week))
        .take(OVERVIEW_EVENTS)
        .map(|e| p.event_item(e, Listing::Elsewhere, links))
        .collect::<Result<_, _>>()?;
    // Notable quotes: attributed ones, by their speaker's salience.
    let mut quotes: Vec<usize> = (0..b.quotes.len())
        .filter(|&q| b.quotes[q].speaker.is_some())
        .collect();
    quotes.sort_by(|&x, &y| {
        let (x, y) = (&b.quotes[x], &b.quotes[y]);
        let s = |q: &crate::model::QuoteEntry| q.speaker.map_or(0.0, |s| b.actors[s].salience);
        s(y).total_cmp(&s(x))
            .then(x.article.cmp(&y.article))
            .then(x.offset.cmp(&y.offset))
    });
    Ok(OverviewView {
        period,
        article_count: b.articles.len(),
        actor_count: b.actors.len(),
        event_count: b.events.len(),
        network: network::network(b, &ranked, links),
        key_actors: ranking
            .iter()
            .take(OVERVIEW_ACTORS)
            .map(|&a| p.actor_item(a, links))
            .collect::<Result<_, _>>()?,
        latest_events: latest,
        quotes: quotes
            .iter()
            .take(OVERVIEW_QUOTES)
            .map(|&q| p.quote_item(q, QuotePlace::Anywhere, links))
            .collect::<Result<_, _>>()?,
        articles: (0..b.articles.len().min(OVERVIEW_ARTICLES))
            .map(|a| p.article_item(a, links))
            .collect::<Result<_, _>>()?,
        more_articles: b.articles.len().saturating_sub(OVERVIEW_ARTICLES),
    })
}

fn actors_index<'a>(p: &PageData<'a>, links: &'a Links) -> Result<ActorsView<'a>, RenderError> {
    let b = p.b;
    const LABELS: [(briefing_engine::ActorKind, &str); 4] = [
        (briefing_engine::ActorKind::Person, "People"),
        (briefing_engine::ActorKind::Organization, "Organizations"),
        (briefing_engine::ActorKind::Place, "Places"),
        (briefing_engine::ActorKind::Group, "Groups"),
    ];
    let mut groups = Vec::new();
    for &(kind, label) in &LABELS {
        let mut actors: Vec<usize> = (0..b.actors.len())
            .filter(|&a| b.actors[a].kind == kind)
            .collect();
        if actors.is_empty() {
            continue;
        }
        actors.sort_by(|&x, &y| {
            let (x, y) = (&b.actors[x], &b.actors[y]);
            y.articles
                .len()
                .cmp(&x.articles.len())
                .then(x.name.cmp(&y.name))
        });
        groups.push(KindGroup {
            kind: kind.as_str(),
            label,
            actors: actors
                .into_iter()
                .map(|a| p.actor_item(a, links))
                .collect::<Result<_, _>>()?,
        });
    }
    Ok(ActorsView { groups })
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    updated: String,
    summary: String,
}

#[derive(Serialize)]
struct FeedView {
    base_url: String,
    feed_url: String,
    updated: String,
    entries: Vec<FeedEntry>,
    pages: Vec<String>,
}

/// How many articles the Atom feed carries.
const FEED_ENTRIES: usize = 50;

fn feed(
    b: &Briefing,
    theme: &Theme,
    template: &str,
    extra_pages: &[&str],
) -> Result<OutputFile, RenderError> {
    let url = |path: &str| links::absolute_url(&b.site.base_url, path);
    let stamp = |d: Option<chrono::NaiveDate>| {
        d.map_or_else(
            || "1970-01-01T00:00:00Z".to_string(),
            |d| d.format("%Y-%m-%dT00:00:00Z").to_string(),
        )
    };
    let mut pages = vec![
        url(links::OVERVIEW_PATH),
        url(links::ACTORS_PATH),
        url(links::TIMELINE_PATH),
    ];
    pages.extend(b.articles.iter().map(|a| url(&links::article_path(&a.id))));
    pages.extend(b.actors.iter().map(|a| url(&links::actor_path(&a.id))));
    pages.extend(extra_pages.iter().map(|p| url(p)));
    let view = FeedView {
        base_url: url(""),
        feed_url: url("atom.xml"),
        updated: stamp(b.articles.iter().filter_map(|a| a.date).max()),
        entries: b
            .articles
            .iter()
            .take(FEED_ENTRIES)
            .map(|a| FeedEntry {
                title: a.title.clone(),
                url: url(&links::article_path(&a.id)),
                updated: stamp(a.date),
                summary: a.body.chars().take(300).collect(),
            })
            .collect(),
        pages,
    };
    let frame = frame(
        b,
        &Links::from_page(template),
        template,
        "feed",
        &b.site.title,
        &b.site.description,
        false,
    );
    Ok(OutputFile {
        path: template.into(),
        bytes: theme.render(template, &frame, &view)?,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_needs_no_escaping_in_an_attribute() {
        let icon = super::FAVICON.as_str();
        assert!(icon.starts_with("data:image/svg+xml,%3Csvg"), "{icon}");
        assert!(!icon.contains(['"', '&', '<', '>', ' ', '\n']), "{icon}");
    }
}
