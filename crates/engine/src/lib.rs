//! Extraction: plain text and the article's date in, plain data out.
//!
//! Nothing here touches the file system or knows about templates. Offsets are
//! byte offsets into the text given; the `extract` command converts them to
//! code points at the edge, where the JSON interface asks for them.

pub mod actors;
pub mod events;
pub mod names;
pub mod quotes;
pub mod slug;
pub mod text;
pub mod time;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What an actor is. CoNLL's PER/ORG/LOC/MISC map onto these one to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Place,
    Group,
}

impl ActorKind {
    pub const ALL: [ActorKind; 4] = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Place,
        ActorKind::Group,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Place => "place",
            ActorKind::Group => "group",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A name found in the text by the recogniser, before resolution to an actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameSpan {
    pub start: usize,
    pub end: usize,
    pub kind: ActorKind,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression with its TIMEX3 value, resolved against the article date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    /// TIMEX3 value: `2019-04-30`, `2019-W18`, `P3D`, `PRESENT_REF`, ...
    pub value: String,
}

/// An actor as one article knows it: every form of its name in this text merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalActor {
    /// Slug of `name`: lowercase ASCII words joined by `-`.
    pub id: String,
    /// The fullest proper form of the name seen (`Nicolas Maduro`).
    pub name: String,
    pub kind: ActorKind,
    /// Other forms of the name seen in the text (`Maduro`), sorted, without `name`.
    pub aliases: Vec<String>,
    /// Titles and descriptions the text gives the actor (`US Secretary of State`).
    pub roles: Vec<String>,
}

/// One occurrence of an actor in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// What the words name here, as the recogniser saw them: `Venezuelan` is a
    /// group mention even though it links to the place actor `Venezuela`.
    pub kind: ActorKind,
    /// Index into `Extraction::actors`.
    pub actor: usize,
}

/// A direct quotation; `start..end` covers the quoted words without the marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    /// Index into `Extraction::actors`; `None` when the text does not say who spoke.
    pub speaker: Option<usize>,
}

/// A sentence that carries a resolved calendar date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The sentence, as byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// The calendar date: `2019-04-30`, `2019-W18`, `2019-04` or `2019`.
    pub date: String,
    /// Indices into `Extraction::actors`, in order of first mention in the sentence.
    pub actors: Vec<usize>,
}

/// Everything extraction finds in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub actors: Vec<LocalActor>,
    pub mentions: Vec<Mention>,
    pub timexes: Vec<Timex>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
}

/// Runs every extractor over one text. `dct` is the document creation time
/// (the article's date) that relative dates are resolved against.
pub fn extract(text: &str, dct: Option<NaiveDate>) -> Extraction {
    let (names, sentences) = names::recognise_with_sentences(text);
    let (actors, mentions) = actors::resolve(text, &names);
    let timexes = time::find_timexes(text, dct);
    let quotes = quotes::find_quotes(text, &sentences, &mentions, &actors);
    let events = events::find_events(text, dct, &sentences, &timexes, &mentions);
    let mut ex = Extraction {
        actors,
        mentions,
        timexes,
        quotes,
        events,
    };
    // A build holds every article's extraction at once: no room to spare in them.
    ex.actors.shrink_to_fit();
    ex.mentions.shrink_to_fit();
    ex.timexes.shrink_to_fit();
    ex.quotes.shrink_to_fit();
    ex.events.shrink_to_fit();
    ex
}

/// Loads the extractor's tables (the name model, word clusters, gazetteer,
/// compiled time patterns: real work on first use), the three
/// biggest side by side when another rayon thread is free to take one, then
/// the rest by extracting from a sentence that needs them all. A build calls it while it reads the articles, so that
/// extraction does not start with both threads waiting for one to load them.
///
/// The tables load on the build's own rayon threads rather than on threads
/// of their own: what their construction allocates and frees stays with
/// threads that go on allocating, and is used again instead of fresh memory
/// (which the kernel must clear first), so a build spends less system time.
/// No lock is
/// initialised inside this join, so a thread waiting in it can take up any job.
pub fn warm_up() {
    const SENTENCE: &str = "\"We will be back,\" Foreign Minister Jorge Arreaza of \
        Venezuela said in Caracas on Tuesday, two days after the talks.";
    rayon::join(time::warm_up, || {
        rayon::join(names::word_clusters::warm_up, names::warm_up)
    });
    let _ = extract(SENTENCE, NaiveDate::from_ymd_opt(2019, 5, 2));
}

/// The entries of a word-list file under `data/`: one per line, blank lines
/// and `#` comments skipped.
pub(crate) fn list_entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}
