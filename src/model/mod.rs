//! Assemble: the extractions of all articles merged into one [`Briefing`].
//!
//! Plain data only: indices link articles, actors, events and quotes. Nothing
//! here knows about templates, URLs or files.

mod actors;
mod dedup;
mod overrides;
pub mod when;

use crate::config::Config;
use crate::source::{Article, Block};
use briefing_engine::slug::slug;
use briefing_engine::{ActorKind, Extraction};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
pub use when::{Precision, When};

#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    pub site: Site,
    /// Newest first; ties by title.
    pub articles: Vec<ArticleEntry>,
    /// By id.
    pub actors: Vec<Actor>,
    /// In date order.
    pub events: Vec<EventEntry>,
    /// In article order, then text order.
    pub quotes: Vec<QuoteEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub cname: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEntry {
    pub id: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub path: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub body: Arc<str>,
    pub blocks: Vec<Block>,
    /// Other outlets' copies of this story, merged into it.
    pub copies: Vec<crate::source::ArticleCopy>,
    /// Actor mentions in the body, in text order: `(start, end, actor index)`.
    pub mentions: Vec<(usize, usize, usize)>,
    /// Actors of this article, most mentioned first.
    pub actors: Vec<usize>,
    pub events: Vec<usize>,
    pub quotes: Vec<usize>,
    /// This article's dated sentences, `(start, end)` in `body`, in text order: where
    /// events link to.
    pub event_sentences: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    /// Articles it appears in, newest first.
    pub articles: Vec<usize>,
    pub mention_count: usize,
    /// How much the actor matters to the briefing (see [`salience`]).
    pub salience: f64,
    pub events: Vec<usize>,
    pub quotes: Vec<usize>,
    /// Actors that appear in the same articles, most often first: `(actor, articles shared)`.
    pub related: Vec<(usize, usize)>,
}

/// The actors of an event (see [`EventEntry::actors`]).
pub type EventActors = smallvec::SmallVec<[usize; 3]>;

#[derive(Debug, Clone, PartialEq)]
pub struct EventEntry {
    pub when: When,
    pub article: usize,
    /// Byte offset of the sentence in the article body: the anchor the timeline links to.
    pub offset: usize,
    /// Where the sentence ends: its text is `body[offset..end]` of the article
    /// (see [`Briefing::event_text`]), not a copy.
    pub end: usize,
    /// Its actors, kept in the entry itself up to three (nearly every event
    /// has no more): every page that lists the event reads them, and one more
    /// place to fetch from memory for every listing costs more than the room.
    pub actors: EventActors,
    /// Its other reports, `(article, sentence offset)`: sentences of other articles, or
    /// other sentences of its own article that tell the same happening.
    pub also: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteEntry {
    pub speaker: Option<usize>,
    pub article: usize,
    pub offset: usize,
    /// Where the quotation ends: its text is `body[offset..end]` of the article
    /// (see [`Briefing::quote_text`]), not a copy.
    pub end: usize,
}

impl EventEntry {
    /// The articles that report it, each once: its own first, then the others in the
    /// order they joined it.
    pub fn reporting_articles(&self) -> smallvec::SmallVec<[usize; 4]> {
        /// Up to this many reports, looking through the list is cheaper than hashing.
        const SCANNED: usize = 16;
        let mut articles = smallvec::SmallVec::new();
        articles.push(self.article);
        if self.also.len() <= SCANNED {
            for &(article, _) in &self.also {
                if !articles.contains(&article) {
                    articles.push(article);
                }
            }
            return articles;
        }
        let mut seen = std::collections::HashSet::new();
        seen.insert(self.article);
        for &(article, _) in &self.also {
            if seen.insert(article) {
                articles.push(article);
            }
        }
        articles
    }
}

impl Briefing {
    /// The sentence an event comes from.
    pub fn event_text(&self, event: &EventEntry) -> &str {
        sentence(&self.articles, event)
    }

    /// The words of a quotation.
    pub fn quote_text(&self, quote: &QuoteEntry) -> &str {
        self.articles
            .get(quote.article)
            .and_then(|a| a.body.get(quote.offset..quote.end))
            .unwrap_or("")
    }
}

/// The sentence of `event` in its article (empty if the offsets do not fit,
/// which the model never makes).
fn sentence<'a>(articles: &'a [ArticleEntry], event: &EventEntry) -> &'a str {
    articles
        .get(event.article)
        .and_then(|a| a.body.get(event.offset..event.end))
        .unwrap_or("")
}

/// How many related actors an actor keeps.
const RELATED_LIMIT: usize = 10;

/// How many of an article's actors (its most mentioned) each of its actors counts as
/// company. News articles name far fewer; a pasted transcript may name tens of thousands,
/// and pairing all of them would cost the square of that.
const COMPANY_PER_ARTICLE: usize = 100;

/// Merges articles and their extractions (same order) into a briefing.
pub fn build(
    config: &Config,
    articles: Vec<Article>,
    extractions: Vec<Arc<Extraction>>,
) -> Briefing {
    build_with(config, articles, extractions, &[], None)
}

/// What one assembly keeps for the next: the parts whose inputs an edit left
/// as they were are reused, not computed again. `briefing serve` keeps it in
/// memory; `briefing build` in a file (see `crate::cache`).
#[derive(Default)]
pub struct Memo {
    actors: actors::MergedActors,
    days: dedup::MergedDays,
    /// It was read from a file: saving it again is needed only if a build changed it.
    read: bool,
}

/// What an article's extraction is known by, from build to build: a hash of
/// its date and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtractionKey(u64);

impl ExtractionKey {
    /// The hash itself, for keys made of many extraction keys.
    pub fn as_u64(self) -> u64 {
        self.0
    }
}

/// The [`ExtractionKey`] of `body` at `date`. A build computes each article's
/// key once, for the extraction cache and for the memo alike.
pub fn extraction_key(body: &str, date: Option<chrono::NaiveDate>) -> ExtractionKey {
    use chrono::Datelike;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(
        &date
            .map_or(i64::MIN, |d| i64::from(d.num_days_from_ce()))
            .to_le_bytes(),
    );
    h.update(body.as_bytes());
    ExtractionKey(h.digest())
}

/// A memo as a cache file stores it (see `crate::cache`).
#[derive(serde::Deserialize)]
pub struct StoredMemo {
    actors: Option<(u64, actors::ActorLayer)>,
    days: dedup::StoredDays,
}

/// [`StoredMemo`] borrowing the actor layer, for writing.
#[derive(serde::Serialize)]
pub struct StoredMemoRef<'a> {
    actors: Option<(u64, &'a actors::ActorLayer)>,
    days: dedup::StoredDays,
}

impl Memo {
    /// The memo a cache file held, or an empty one when there was no readable
    /// file. Either keeps no extraction alive.
    pub fn from_stored(stored: Option<StoredMemo>) -> Memo {
        let Some(StoredMemo { actors, days }) = stored else {
            return Memo {
                actors: actors::MergedActors::by_key(None),
                ..Memo::default()
            };
        };
        // A layer that points outside itself was not written by this code.
        let actors = actors
            .filter(|(_, layer)| layer.global_of_flat.iter().all(|&g| g < layer.actors.len()));
        Memo {
            actors: actors::MergedActors::by_key(actors),
            days: dedup::MergedDays::from_stored(days),
            read: true,
        }
    }

    /// Hands `store` the memo as a cache file stores it, unless it holds what
    /// it was read with (then `None`).
    pub fn store_changed<R>(&self, store: impl FnOnce(&StoredMemoRef) -> R) -> Option<R> {
        if self.read && !self.actors.changed() && !self.days.changed() {
            return None;
        }
        let actors = self.actors.stored();
        let stored = StoredMemoRef {
            actors: actors.as_ref().map(|(key, layer)| (*key, layer.as_ref())),
            days: self.days.stored(),
        };
        Some(store(&stored))
    }
}

/// [`build`], reusing from `memo` what the last build computed from the same
/// input. `extraction_keys` are the keys of the extractions (see
/// [`extraction_key`]), in the same order, or empty when not known.
pub fn build_with(
    config: &Config,
    articles: Vec<Article>,
    mut extractions: Vec<Arc<Extraction>>,
    extraction_keys: &[ExtractionKey],
    memo: Option<&Memo>,
) -> Briefing {
    // Shared with the extraction cache: copied only when site.toml changes them.
    if overrides::changes_extractions(&config.actors) {
        for ex in &mut extractions {
            overrides::apply_local(&config.actors, Arc::make_mut(ex));
        }
    }
    let article_ids = article_ids(&articles);

    // Every article's actors merged into the briefing's actors.
    let layer = match memo {
        Some(memo) => {
            let key = (extraction_keys.len() == extractions.len())
                .then(|| actors::inputs_key(&config.actors, extraction_keys));
            memo.actors.merge(config, &extractions, key)
        }
        None => Arc::new(actors::merge(config, &extractions)),
    };
    let mut actors = layer.actors.clone();
    let global_of_flat = &layer.global_of_flat;

    // Each article on its own (in parallel): its mentions, events and quotes in
    // global actor numbers. Then, in order, the indices that tie them together.
    let mut flat_base = Vec::with_capacity(extractions.len());
    let mut base = 0;
    for ex in &extractions {
        flat_base.push(base);
        base += ex.actors.len();
    }
    let echo_words = echo_words(&actors);
    let parts: Vec<ArticlePart> = articles
        .into_par_iter()
        .zip(extractions)
        .zip(flat_base)
        .map(|((article, ex), base)| {
            article_part(article, &ex, &echo_words, |local| {
                global_of_flat[base + local]
            })
        })
        .collect();
    let events = all_events(&parts);
    let mut entries = Vec::with_capacity(parts.len());
    let mut quotes = Vec::with_capacity(parts.iter().map(|p| p.quotes.len()).sum());
    let mut events_before = 0;
    for (ai, (part, id)) in parts.into_iter().zip(article_ids).enumerate() {
        for &(a, n) in &part.counts {
            actors[a].articles.push(ai);
            actors[a].mention_count += n;
        }
        let article_events = (events_before..events_before + part.events.len()).collect();
        events_before += part.events.len();
        let article_quotes = (quotes.len()..quotes.len() + part.quotes.len()).collect();
        quotes.extend(part.quotes.into_iter().map(|mut q| {
            q.article = ai;
            q
        }));
        let article = part.article;
        entries.push(ArticleEntry {
            id,
            title: article.title,
            date: article.date,
            path: article.path,
            source: article.source,
            url: article.url,
            author: article.author,
            tags: article.tags,
            body: article.body,
            blocks: article.blocks,
            copies: article.copies,
            mentions: part.mentions,
            actors: part.actors,
            events: article_events,
            quotes: article_quotes,
            event_sentences: part.event_sentences,
        });
    }
    finish(
        config,
        entries,
        actors,
        events,
        quotes,
        memo.map(|m| &m.days),
    )
}

/// What one article brings to the briefing, in global actor numbers; the
/// `article` fields of its events and quotes are set when it gets its place.
struct ArticlePart {
    article: Article,
    mentions: Vec<(usize, usize, usize)>,
    /// Its actors, most mentioned first.
    actors: Vec<usize>,
    /// `(actor, mentions)`, by actor.
    counts: Vec<(usize, usize)>,
    events: Vec<EventEntry>,
    /// Where its events' sentences are, in text order.
    event_sentences: Vec<(usize, usize)>,
    quotes: Vec<QuoteEntry>,
}

/// The words a longer person's or organization's name may be written as alone in an
/// article that never writes the whole (`Saints`, see
/// [`briefing_engine::names::site_echoes`]), each with the one actor it stands for. A word
/// that ends two actors' names, or is another actor's whole name, stands for neither.
fn echo_words(actors: &[Actor]) -> std::collections::HashMap<String, usize> {
    let mut words: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for (a, actor) in actors.iter().enumerate() {
        if matches!(actor.kind, ActorKind::Person | ActorKind::Organization)
            && let Some(word) = briefing_engine::names::echo_word(&actor.name)
        {
            words
                .entry(word)
                .and_modify(|only| {
                    if *only != Some(a) {
                        *only = None;
                    }
                })
                .or_insert(Some(a));
        }
    }
    for actor in actors {
        if let Some(only) = words.get_mut(actor.name.as_str()) {
            *only = None;
        }
    }
    words
        .into_iter()
        .filter_map(|(word, only)| Some((word.to_string(), only?)))
        .collect()
}

fn article_part(
    article: Article,
    ex: &Extraction,
    echo_words: &std::collections::HashMap<String, usize>,
    global: impl Fn(usize) -> usize,
) -> ArticlePart {
    let mut mentions: Vec<(usize, usize, usize)> = ex
        .mentions
        .iter()
        .map(|m| (m.start, m.end, global(m.actor)))
        .collect();
    if !echo_words.is_empty() {
        let mut taken: Vec<(usize, usize)> = mentions.iter().map(|&(s, e, _)| (s, e)).collect();
        taken.sort_unstable();
        let echoes = briefing_engine::names::site_echoes(&article.body, &taken, |w| {
            echo_words.get(w).copied()
        });
        if !echoes.is_empty() {
            mentions.extend(echoes);
            mentions.sort_unstable();
        }
    }
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for &(_, _, a) in &mentions {
        *counts.entry(a).or_default() += 1;
    }
    let counts: Vec<(usize, usize)> = counts.into_iter().collect();
    let mut actors: Vec<(usize, usize)> = counts.clone();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let events: Vec<EventEntry> = ex
        .events
        .iter()
        .filter_map(|ev| {
            Some(EventEntry {
                when: When::parse(&ev.date)?,
                article: 0,
                offset: ev.start,
                end: ev.end,
                actors: ev.actors.iter().map(|&l| global(l)).collect(),
                also: Vec::new(),
            })
        })
        .collect();
    let quotes = ex
        .quotes
        .iter()
        .map(|q| QuoteEntry {
            speaker: q.speaker.map(&global),
            article: 0,
            offset: q.start,
            end: q.end,
        })
        .collect();
    let mut event_sentences: Vec<(usize, usize)> =
        events.iter().map(|e| (e.offset, e.end)).collect();
    event_sentences.sort_unstable();
    ArticlePart {
        article,
        mentions,
        actors: actors.into_iter().map(|(a, _)| a).collect(),
        counts,
        events,
        event_sentences,
        quotes,
    }
}

/// The events of all parts in one list, in part order, each with its
/// article's number. Written in parallel: on a big site the list is large
/// (hundreds of thousands of events), and filling it is
/// mostly the kernel handing out fresh pages, which one thread would do while
/// the other idled.
fn all_events(parts: &[ArticlePart]) -> Vec<EventEntry> {
    // starts[p]: the place of part p's first event.
    let starts: Vec<usize> = parts
        .iter()
        .scan(0, |next, part| {
            let start = *next;
            *next += part.events.len();
            Some(start)
        })
        .collect();
    let total = parts.iter().map(|p| p.events.len()).sum();
    let mut events = Vec::with_capacity(total);
    events.par_extend((0..total).into_par_iter().map(|k| {
        // The last part starting at or before k (parts without events share
        // their start with the next part, which is the one holding k).
        let p = starts.partition_point(|&s| s <= k) - 1;
        EventEntry {
            article: p,
            ..parts[p].events[k - starts[p]].clone()
        }
    }));
    events
}

/// Orders everything and fills the back-references (actor -> events, quotes).
fn finish(
    config: &Config,
    mut articles: Vec<ArticleEntry>,
    mut actors: Vec<Actor>,
    mut events: Vec<EventEntry>,
    quotes: Vec<QuoteEntry>,
    days: Option<&dedup::MergedDays>,
) -> Briefing {
    // Articles newest first. Reindex everything that points at them.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        articles[b]
            .date
            .cmp(&articles[a].date)
            .then(articles[a].id.cmp(&articles[b].id))
    });
    let mut new_pos = vec![0usize; articles.len()];
    for (new, &old) in order.iter().enumerate() {
        new_pos[old] = new;
    }
    let mut slots: Vec<Option<ArticleEntry>> = articles.drain(..).map(Some).collect();
    let mut articles: Vec<ArticleEntry> =
        order.iter().filter_map(|&old| slots[old].take()).collect();
    let mut quotes = quotes;
    for q in &mut quotes {
        q.article = new_pos[q.article];
    }
    quotes.sort_by_key(|q| (q.article, q.offset));
    for ev in &mut events {
        ev.article = new_pos[ev.article];
    }
    // Events in date order; same date: the newer report last, then text order.
    // An article has one event per sentence, so no two events share a key and
    // the unstable sort (faster here than one by cached keys) is exact.
    events.par_sort_unstable_by_key(|e| (e.when, std::cmp::Reverse(e.article), e.offset));
    for a in &mut articles {
        a.events.clear();
        a.quotes.clear();
    }
    let reports: Vec<(usize, usize)> = events.iter().map(|e| (e.article, e.offset)).collect();
    let body_hashes: Vec<u64> = match days {
        Some(_) => articles
            .par_iter()
            .map(|a| xxhash_rust::xxh3::xxh3_64(a.body.as_bytes()))
            .collect(),
        None => Vec::new(),
    };
    let source = |e: &EventEntry| body_hashes.get(e.article).copied().unwrap_or(0);
    let id_keys = |ids: &mut dyn Iterator<Item = &str>| -> Vec<u64> {
        match days {
            Some(_) => ids
                .map(|id| xxhash_rust::xxh3::xxh3_64(id.as_bytes()))
                .collect(),
            None => Vec::new(),
        }
    };
    let actor_keys = id_keys(&mut actors.iter().map(|a| a.id.as_str()));
    let article_keys = id_keys(&mut articles.iter().map(|a| a.id.as_str()));
    let remembered = days.map(|days| dedup::Remembered {
        days,
        source: &source,
        actors: &actor_keys,
        articles: &article_keys,
    });
    let (events, merged_into) =
        dedup::merge_duplicates(events, &|e| sentence(&articles, e), remembered);
    for (&(article, _), &i) in reports.iter().zip(&merged_into) {
        articles[article].events.push(i);
    }
    for a in &mut articles {
        a.events.sort_unstable();
        a.events.dedup();
    }
    for (i, ev) in events.iter().enumerate() {
        for &a in &ev.actors {
            if actors[a].events.last() != Some(&i) {
                actors[a].events.push(i);
            }
        }
    }
    for (i, q) in quotes.iter().enumerate() {
        articles[q.article].quotes.push(i);
        if let Some(s) = q.speaker {
            actors[s].quotes.push(i);
        }
    }
    for actor in &mut actors {
        for a in &mut actor.articles {
            *a = new_pos[*a];
        }
        actor.articles.sort_unstable();
        actor.articles.dedup();
    }
    let related = related(&actors, &articles);
    let titles: Vec<String> = articles
        .par_iter()
        .map(|a| a.title.to_lowercase())
        .collect();
    actors
        .par_iter_mut()
        .zip(related)
        .enumerate()
        .for_each(|(i, (actor, related))| {
            actor.salience = salience(i, actor, &articles, &titles);
            actor.related = related;
        });
    Briefing {
        site: Site {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.clone(),
            language: config.language.clone(),
            cname: config.cname.clone(),
        },
        articles,
        actors,
        events,
        quotes,
    }
}

/// Salience: how much an actor matters, not just how often its name appears.
/// Each article it appears in counts, more when it is in the headline or among
/// the article's three most mentioned actors; quotes and dated events add; raw
/// mention counts add only logarithmically, so one long article cannot crown an actor.
/// `titles` are the articles' titles in lower case.
fn salience(index: usize, actor: &Actor, articles: &[ArticleEntry], titles: &[String]) -> f64 {
    let surname = actor
        .name
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    let mut score = 0.0;
    for &a in &actor.articles {
        let article = &articles[a];
        let in_title = !surname.is_empty() && titles[a].contains(&surname);
        let leading = article.actors.iter().take(3).any(|&x| x == index);
        score += 1.0 + f64::from(u8::from(in_title)) + 0.5 * f64::from(u8::from(leading));
    }
    score
        + 0.5 * actor.quotes.len() as f64
        + 0.25 * actor.events.len() as f64
        + (1.0 + actor.mention_count as f64).ln()
}

/// Counts, for every actor, the articles it shares with each other actor (one of the first
/// `COMPANY_PER_ARTICLE` of the article).
/// Actor by actor, in parallel, with a dense counter: no map per actor.
fn related(actors: &[Actor], articles: &[ArticleEntry]) -> Vec<Vec<(usize, usize)>> {
    actors
        .par_iter()
        .enumerate()
        .map_init(
            || vec![0usize; actors.len()],
            |counts, (a, actor)| {
                let mut seen: Vec<usize> = Vec::new();
                for &article in &actor.articles {
                    for &b in articles[article].actors.iter().take(COMPANY_PER_ARTICLE) {
                        if b != a {
                            if counts[b] == 0 {
                                seen.push(b);
                            }
                            counts[b] += 1;
                        }
                    }
                }
                let mut v: Vec<(usize, usize)> = seen.iter().map(|&b| (b, counts[b])).collect();
                for &b in &seen {
                    counts[b] = 0;
                }
                // The first RELATED_LIMIT in order, without sorting the rest
                // (a country shares articles with thousands of actors).
                let order =
                    |x: &(usize, usize), y: &(usize, usize)| y.1.cmp(&x.1).then(x.0.cmp(&y.0));
                if v.len() > RELATED_LIMIT {
                    v.select_nth_unstable_by(RELATED_LIMIT - 1, order);
                    v.truncate(RELATED_LIMIT);
                }
                v.sort_by(order);
                v
            },
        )
        .collect()
}

/// Unique, stable article ids from titles, in path order.
fn article_ids(articles: &[Article]) -> Vec<String> {
    let mut slugs = UniqueSlugs::default();
    articles
        .iter()
        .map(|a| slugs.claim(slug(&a.title), "article"))
        .collect()
}

/// Ids handed out so far, and for each base the last number tried after it, so that a
/// thousand articles of one title ("Morning briefing") cost a thousand look-ups, not half a
/// million.
#[derive(Default)]
pub(crate) struct UniqueSlugs {
    taken: HashSet<String>,
    tried: std::collections::HashMap<String, usize>,
}

impl UniqueSlugs {
    /// Makes `base` unique among the slugs handed out by appending `-2`, `-3`, ...; an empty
    /// base becomes `fallback`.
    pub(crate) fn claim(&mut self, base: String, fallback: &str) -> String {
        let base = if base.is_empty() {
            fallback.to_string()
        } else {
            base
        };
        if self.taken.insert(base.clone()) {
            return base;
        }
        // A number tried before was taken then and still is: start after it.
        let tried = self.tried.entry(base.clone()).or_insert(1);
        loop {
            *tried += 1;
            let candidate = format!("{base}-{tried}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_slugs_count_up() {
        let mut slugs = UniqueSlugs::default();
        assert_eq!(slugs.claim("a".into(), "x"), "a");
        assert_eq!(slugs.claim("a".into(), "x"), "a-2");
        assert_eq!(slugs.claim("".into(), "x"), "x");
        assert_eq!(slugs.claim("a".into(), "x"), "a-3");
        // A title that reads like a numbered one takes its number first.
        assert_eq!(slugs.claim("b-2".into(), "x"), "b-2");
        assert_eq!(slugs.claim("b".into(), "x"), "b");
        assert_eq!(slugs.claim("b".into(), "x"), "b-3");
        assert_eq!(slugs.claim("b".into(), "x"), "b-4");
    }

    #[test]
    fn an_event_s_reporting_articles_are_each_named_once_its_own_first() {
        let event = EventEntry {
            when: When::parse("2019-04-30").expect("date"),
            article: 3,
            offset: 0,
            end: 0,
            actors: EventActors::new(),
            also: vec![(1, 10), (3, 40), (1, 90), (0, 5)],
        };
        assert_eq!(event.reporting_articles().as_slice(), [3, 1, 0]);
        // Many reports: the same, whether the list is looked through or hashed.
        let many = EventEntry {
            also: (0..40).map(|n| (n % 7, n)).collect(),
            ..event
        };
        assert_eq!(many.reporting_articles().as_slice(), [3, 0, 1, 2, 4, 5, 6]);
    }

    /// The briefing of `seeds`, each `(path, text)`, built as `briefing serve`
    /// does with `memo`, or afresh.
    fn briefing(seeds: &[(&str, &str)], memo: Option<&Memo>) -> Briefing {
        let (articles, extractions, _) = extracted(seeds);
        build_with(&Config::default(), articles, extractions, &[], memo)
    }

    const OSLO: &str = "Talks in Oslo\n\nThursday, 16 May, 2019\n\n\
        Envoys of Nicolas Maduro met aides of Juan Guaido in Oslo on Wednesday. \
        Norway's foreign minister Ine Eriksen Soreide said on Thursday that the talks would go on.";
    const CARACAS: &str = "Guaido calls for marches\n\nWednesday, 1 May, 2019\n\n\
        Juan Guaido called on Venezuelans to march in Caracas on Wednesday. \
        Maduro told soldiers at Fuerte Tiuna on Thursday that they must stay loyal.";

    #[test]
    fn an_actor_is_shown_by_its_common_spelling_not_a_rarer_misspelling() {
        let article = |title: &str, name: &str| {
            format!(
                "{title}\n\nThursday, 16 May, 2019\n\n\
                 {name} was sentenced in Albany on Wednesday. {name} is 17."
            )
        };
        let seeds = [
            article("Sentenced", "Jermayne Timmons"),
            article("Sentenced again", "Jermayne Timmons"),
            article("A sentence", "Jerymayne Timmons"),
        ];
        let seeds: Vec<(String, &str)> = seeds
            .iter()
            .enumerate()
            .map(|(i, text)| (format!("seeds/{i}.txt"), text.as_str()))
            .collect();
        let seeds: Vec<(&str, &str)> = seeds.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        let b = briefing(&seeds, None);
        let timmons: Vec<(&str, &[String])> = b
            .actors
            .iter()
            .filter(|a| a.name.contains("Timmons"))
            .map(|a| (a.name.as_str(), a.aliases.as_slice()))
            .collect();
        assert_eq!(
            timmons,
            [("Jermayne Timmons", &["Jerymayne Timmons".to_string()][..])]
        );
    }

    #[test]
    fn a_rebuild_reusing_the_memo_equals_a_fresh_build() {
        let memo = Memo::default();
        let first = [("seeds/a.txt", OSLO), ("seeds/b.txt", CARACAS)];
        assert_eq!(briefing(&first, Some(&memo)), briefing(&first, None));
        let same_actors = format!("{CARACAS} The marches went on until late.");
        let new_actor = format!(
            "{CARACAS} Mike Pompeo said on Wednesday that the United States stood by Guaido."
        );
        // Sorted before every other actor and every other article: all numbers move.
        let first_actor =
            format!("{OSLO} Aaron Abbott, an adviser, said on Thursday that he was hopeful.");
        const NEWEST: &str = "Talks resume\n\nFriday, 17 May, 2019\n\n\
            Envoys of Nicolas Maduro and Juan Guaido met again in Oslo on Friday.";
        let edits: [Vec<(&str, &str)>; 6] = [
            // Reused: nothing changed.
            vec![("seeds/a.txt", OSLO), ("seeds/b.txt", CARACAS)],
            // Reused actors, events of one article changed.
            vec![("seeds/a.txt", OSLO), ("seeds/b.txt", &same_actors)],
            // New actors: merged again.
            vec![("seeds/a.txt", OSLO), ("seeds/b.txt", &new_actor)],
            // An actor sorted first: every actor's number moves.
            vec![("seeds/a.txt", &first_actor), ("seeds/b.txt", &new_actor)],
            // A newer article: every article's number moves.
            vec![
                ("seeds/a.txt", &first_actor),
                ("seeds/b.txt", &new_actor),
                ("seeds/c.txt", NEWEST),
            ],
            // An article gone.
            vec![("seeds/b.txt", &new_actor)],
        ];
        for seeds in &edits {
            assert_eq!(briefing(seeds, Some(&memo)), briefing(seeds, None));
        }
    }

    #[test]
    fn events_keep_their_articles_among_articles_without_events() {
        const QUIET: &str = "A quiet day\n\nFriday, 17 May, 2019\n\nNothing much happened.";
        let seeds = [
            ("seeds/a.txt", QUIET),
            ("seeds/b.txt", OSLO),
            ("seeds/c.txt", QUIET),
            ("seeds/d.txt", QUIET),
            ("seeds/e.txt", CARACAS),
            ("seeds/f.txt", QUIET),
        ];
        let b = briefing(&seeds, None);
        assert!(b.events.len() >= 4, "{:?}", b.events);
        for (i, e) in b.events.iter().enumerate() {
            let article = &b.articles[e.article];
            assert_ne!(article.title, "A quiet day", "{e:?}");
            assert!(article.events.contains(&i), "{e:?}");
            let source = if article.title == "Talks in Oslo" {
                OSLO
            } else {
                CARACAS
            };
            assert!(source.contains(b.event_text(e)), "{e:?}");
        }
        for article in &b.articles {
            assert!(
                article
                    .events
                    .iter()
                    .all(|&i| b.articles[b.events[i].article].id == article.id)
            );
        }
    }

    /// The articles of `seeds`, each `(path, text)`, their extractions and
    /// the keys of their extractions.
    fn extracted(
        seeds: &[(&str, &str)],
    ) -> (Vec<Article>, Vec<Arc<Extraction>>, Vec<ExtractionKey>) {
        let mut articles = Vec::new();
        let mut extractions = Vec::new();
        let mut keys = Vec::new();
        for (path, text) in seeds {
            let mut diagnostics = Vec::new();
            let article = crate::source::read_articles(
                std::path::Path::new(path),
                path,
                text.as_bytes(),
                &mut diagnostics,
            )
            .into_iter()
            .next()
            .expect("our test article parses");
            keys.push(extraction_key(&article.body, article.date));
            extractions.push(Arc::new(briefing_engine::extract(
                &article.body,
                article.date,
            )));
            articles.push(article);
        }
        (articles, extractions, keys)
    }

    /// The briefing of `seeds` as `briefing build` assembles it, with `memo`.
    fn briefing_keyed(seeds: &[(&str, &str)], config: &Config, memo: &Memo) -> Briefing {
        let (articles, extractions, keys) = extracted(seeds);
        build_with(config, articles, extractions, &keys, Some(memo))
    }

    /// The caches of the site whose memo file is `path`, as `briefing build` loads them.
    fn caches_at(path: &std::path::Path) -> crate::cache::Caches {
        let root = path.parent().and_then(std::path::Path::parent);
        crate::cache::Caches::of_site(root.expect("a memo file under a site"))
    }

    /// Saves the memo of `caches`, as `briefing build` does.
    fn save_memo(caches: &crate::cache::Caches) -> std::io::Result<()> {
        caches.save_memo().map_or(Ok(()), |(_, e)| Err(e))
    }

    /// [`briefing_keyed`] with the memo stored at `path`, saved again after.
    fn built_with_file(
        seeds: &[(&str, &str)],
        config: &Config,
        path: &std::path::Path,
    ) -> Briefing {
        let caches = caches_at(path);
        let memo = &caches.memo;
        let briefing = briefing_keyed(seeds, config, memo);
        save_memo(&caches).expect("memo saved");
        briefing
    }

    /// The briefing of `seeds` built afresh.
    fn fresh(seeds: &[(&str, &str)], config: &Config) -> Briefing {
        let (articles, extractions, _) = extracted(seeds);
        build(config, articles, extractions)
    }

    #[test]
    fn a_memo_file_round_trips_and_is_not_written_again_unchanged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(".briefing-cache").join("assembly.bin");
        let seeds = [("seeds/a.txt", OSLO), ("seeds/b.txt", CARACAS)];
        let config = Config::default();
        let first = built_with_file(&seeds, &config, &path);
        assert_eq!(first, fresh(&seeds, &config));
        let loaded_caches = caches_at(&path);
        let loaded = &loaded_caches.memo;
        assert!(loaded.read, "the memo just saved reads back");
        assert!(loaded.actors.stored().is_some(), "with its actors");
        assert!(!loaded.days.stored().is_empty(), "and its dates");
        assert_eq!(
            built_with_file(&seeds, &config, &path),
            first,
            "from the file"
        );
        // A build with nothing changed leaves the file alone.
        let caches = caches_at(&path);
        let memo = &caches.memo;
        let again = briefing_keyed(&seeds, &config, memo);
        std::fs::remove_file(&path).expect("removed");
        save_memo(&caches).expect("nothing to save");
        assert!(!path.exists(), "an unchanged memo was written again");
        assert_eq!(again, first);
    }

    #[test]
    fn a_damaged_or_foreign_memo_file_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(".briefing-cache").join("assembly.bin");
        let seeds = [("seeds/a.txt", OSLO), ("seeds/b.txt", CARACAS)];
        let config = Config::default();
        let expected = fresh(&seeds, &config);
        built_with_file(&seeds, &config, &path);
        let good = std::fs::read(&path).expect("read");

        let mut foreign = good.clone();
        // Another extractor's fingerprint.
        foreign[crate::cache::MEMO_MAGIC.len()] ^= 1;
        let mut flipped = good.clone();
        let middle = good.len() / 2;
        flipped[middle] ^= 0x40;
        let damaged: [&[u8]; 5] = [
            b"not a memo",
            &[],
            &good[..good.len() - 1],
            &foreign,
            &flipped,
        ];
        for bytes in damaged {
            std::fs::write(&path, bytes).expect("write");
            let caches = caches_at(&path);
            let memo = &caches.memo;
            assert!(!memo.read);
            assert!(memo.actors.stored().is_none());
            assert_eq!(built_with_file(&seeds, &config, &path), expected);
            assert_eq!(std::fs::read(&path).expect("read"), good, "written anew");
        }
    }

    #[test]
    fn a_changed_article_or_setting_is_not_answered_from_the_memo_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(".briefing-cache").join("assembly.bin");
        let config = Config::default();
        built_with_file(
            &[("seeds/a.txt", OSLO), ("seeds/b.txt", CARACAS)],
            &config,
            &path,
        );
        let new_actor = format!(
            "{CARACAS} Mike Pompeo said on Wednesday that the United States stood by Guaido."
        );
        let same_actors = format!("{CARACAS} The marches went on until late on Wednesday.");
        let edits: [Vec<(&str, &str)>; 4] = [
            vec![("seeds/a.txt", OSLO), ("seeds/b.txt", &new_actor)],
            vec![("seeds/a.txt", OSLO), ("seeds/b.txt", &same_actors)],
            vec![("seeds/b.txt", &same_actors), ("seeds/c.txt", OSLO)],
            vec![("seeds/a.txt", OSLO)],
        ];
        for seeds in &edits {
            let caches = caches_at(&path);
            let memo = &caches.memo;
            assert_eq!(briefing_keyed(seeds, &config, memo), fresh(seeds, &config));
            assert!(memo.actors.changed() || memo.days.changed());
            save_memo(&caches).expect("saved");
        }
        // A correction in site.toml merges the actors again.
        let seeds = [("seeds/a.txt", OSLO), ("seeds/b.txt", CARACAS)];
        built_with_file(&seeds, &config, &path);
        let mut renamed = Config::default();
        renamed
            .actors
            .rename
            .insert("Nicolas Maduro".to_string(), "President Maduro".to_string());
        let with_memo = built_with_file(&seeds, &renamed, &path);
        let expected = fresh(&seeds, &renamed);
        assert!(expected.actors.iter().any(|a| a.name == "President Maduro"));
        assert_eq!(with_memo, expected);
    }
}
