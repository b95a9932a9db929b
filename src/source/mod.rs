//! Load and parse: walk `seeds/`, decode each file, read `.txt` and `.md` articles,
//! saved web pages and feeds (`web/`), and merge syndicated copies (`copies`).
//!
//! Every problem with one file becomes a [`Diagnostic`] naming it; the other
//! files still load. Nothing here knows about extraction or HTML.

mod copies;
mod date;
mod markdown;
mod txt;
mod web;

pub use date::parse_date;
pub use web::{read_feed, read_page, read_page_with_charset, web_url};

use chrono::NaiveDate;
use std::fmt;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One article as read from disk: metadata and plain text, before extraction.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// Path relative to the site root, with `/` separators (`seeds/001_x.md`).
    pub path: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// The text extraction reads: the blocks' text joined by blank lines.
    /// Shared, not copied, by the preview's cache and the model built from it.
    pub body: std::sync::Arc<str>,
    /// The article's blocks, as byte ranges of `body`.
    pub blocks: Vec<Block>,
    /// The same story as other outlets published it (syndicated copies),
    /// merged into this article: see [`copies`].
    pub copies: Vec<ArticleCopy>,
}

/// Another outlet's copy of an article: where it was, under what title.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleCopy {
    pub path: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A problem with one input file, with its line (1-based) when it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            path: path.into(),
            line,
            message: message.into(),
        }
    }
    pub fn error(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{level}: {}:{line}: {}", self.path, self.message),
            None => write!(f, "{level}: {}: {}", self.path, self.message),
        }
    }
}

/// What loading gives: the good articles, and what was wrong with the rest.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Largest file read as an article; anything bigger is not news prose.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Loads every article file under `root/seeds` ([`FileKind`]), in path order.
/// Drafts are skipped unless `drafts` is set.
pub fn load(root: &Path, drafts: bool) -> Loaded {
    load_cached(root, drafts, None)
}

/// Parsed articles kept between builds: in memory by `briefing serve`, in a
/// file (`.briefing-cache/articles.bin`) by `briefing build`. A file whose text
/// is as the last build read it is not parsed again.
///
/// The preview also trusts a file's size and modification time, and does not
/// read a file whose stamp did not change (it rebuilds at least a debounce
/// interval after a save, so a later save always carries a later modification
/// time). A cache read from disk does not: between separate builds a file may
/// come back with an old stamp (a restored backup, an archive unpacked with
/// fixed times), so every file is read and its text compared.
#[derive(Default)]
pub struct ParseCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, CachedFile>>,
    /// Trust stamps (the preview's own cache), or compare texts (a file's).
    from_disk: bool,
    /// The entries differ from the file they came from: a build with nothing
    /// changed does not write the file again.
    changed: std::sync::atomic::AtomicBool,
}

/// What one file gives: its articles (a feed holds many) and what was wrong.
type Parsed = (Vec<Article>, Vec<Diagnostic>);

#[derive(Clone)]
struct CachedFile {
    stamp: Option<(u64, std::time::SystemTime)>,
    hash: u64,
    parsed: std::sync::Arc<Parsed>,
}

impl CachedFile {
    /// Whether the cache file keeps it: an article parsed without problems.
    fn is_stored(&self) -> bool {
        matches!(&*self.parsed, (articles, diagnostics) if !articles.is_empty() && diagnostics.is_empty())
    }
}

/// An entry of a parse cache file: a file's path as shown, the hash of its
/// text, and the article parsed from it. Files with problems are parsed again
/// each time, so their diagnostics are reported each time.
pub type StoredFile = (String, u64, Vec<Article>);

impl ParseCache {
    /// A cache of the entries a cache file held (`briefing build`'s), or of
    /// none when there was no readable file. It compares each file's text:
    /// between separate builds a file may come back with an old stamp.
    pub fn from_stored(stored: Option<Vec<StoredFile>>) -> ParseCache {
        ParseCache {
            // Without a readable file, the next save writes one anew.
            changed: std::sync::atomic::AtomicBool::new(stored.is_none()),
            from_disk: true,
            entries: std::sync::Mutex::new(
                stored
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(shown, hash, articles)| {
                        let parsed = std::sync::Arc::new((articles, Vec::new()));
                        let entry = CachedFile {
                            stamp: None,
                            hash,
                            parsed,
                        };
                        (shown, entry)
                    })
                    .collect(),
            ),
        }
    }

    /// Hands `store` the entries a cache file keeps, in path order, when they
    /// differ from what the cache was made from; `None` when they do not.
    pub fn store_changed<R>(
        &self,
        store: impl FnOnce(Vec<(&String, u64, &Vec<Article>)>) -> R,
    ) -> Option<R> {
        use std::sync::atomic::Ordering;
        if !self.changed.load(Ordering::Relaxed) {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let mut stored: Vec<(&String, u64, &Vec<Article>)> = entries
            .iter()
            .filter(|(_, f)| f.is_stored())
            .map(|(shown, f)| (shown, f.hash, &f.parsed.0))
            .collect();
        stored.sort_by(|a, b| a.0.cmp(b.0));
        let stored = store(stored);
        drop(entries);
        self.changed.store(false, Ordering::Relaxed);
        Some(stored)
    }
}

/// A file's size and modification time, when the file system gives both.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// [`load`], reading and parsing only the files `cache` does not hold as they are.
pub fn load_cached(root: &Path, drafts: bool, cache: Option<&ParseCache>) -> Loaded {
    use rayon::prelude::*;
    struct File {
        shown: String,
        /// What to keep for the next build; None after a problem reading it.
        keep: Option<CachedFile>,
        /// Parsed by this build, not taken from the cache.
        fresh: bool,
        read_diagnostics: Vec<Diagnostic>,
        parsed: Parsed,
    }
    let mut loaded = Loaded::default();
    let seeds = root.join("seeds");
    let paths = article_paths(root, &seeds, &mut loaded.diagnostics);
    // Files are read and parsed in parallel, then kept in path order.
    let files: Vec<File> = paths
        .par_iter()
        .map(|path| {
            let shown = display_path(root, path);
            let known = cache.and_then(|c| c.entries.lock().ok()?.get(&shown).cloned());
            // Only the preview's cache trusts stamps: no one else stats every file twice.
            let stamp = cache.filter(|c| !c.from_disk).and_then(|_| stamp(path));
            if let Some(known) = known
                .as_ref()
                .filter(|k| stamp.is_some() && k.stamp == stamp)
            {
                return File {
                    shown,
                    parsed: (*known.parsed).clone(),
                    keep: Some(known.clone()),
                    fresh: false,
                    read_diagnostics: Vec::new(),
                };
            }
            let mut read_diagnostics = Vec::new();
            let Some(bytes) = read_file(path, &shown, &mut read_diagnostics) else {
                return File {
                    shown,
                    keep: None,
                    fresh: false,
                    read_diagnostics,
                    parsed: (Vec::new(), Vec::new()),
                };
            };
            let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
            let (parsed, fresh) = match known.filter(|k| k.hash == hash) {
                Some(k) => (k.parsed, false),
                None => {
                    let mut diagnostics = Vec::new();
                    let articles = read_articles(path, &shown, &bytes, &mut diagnostics);
                    (std::sync::Arc::new((articles, diagnostics)), true)
                }
            };
            let keep = read_diagnostics.is_empty().then(|| CachedFile {
                stamp,
                hash,
                parsed: std::sync::Arc::clone(&parsed),
            });
            let parsed = std::sync::Arc::unwrap_or_clone(parsed);
            File {
                shown,
                keep,
                fresh,
                read_diagnostics,
                parsed,
            }
        })
        .collect();
    if let Some(cache) = cache
        && let Ok(mut entries) = cache.entries.lock()
    {
        // Only the files of this build stay: the cache never outgrows the site.
        let stored_before = entries.values().filter(|f| f.is_stored()).count();
        entries.clear();
        for f in &files {
            if let Some(keep) = &f.keep {
                entries.insert(f.shown.clone(), keep.clone());
            }
        }
        // A file parsed anew, or one gone: what the cache file holds is out of date.
        let parsed_anew = files
            .iter()
            .any(|f| f.fresh && f.keep.as_ref().is_some_and(CachedFile::is_stored));
        if parsed_anew || entries.values().filter(|f| f.is_stored()).count() != stored_before {
            cache
                .changed
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    for f in files {
        let (articles, parse_diagnostics) = f.parsed;
        loaded.diagnostics.extend(f.read_diagnostics);
        loaded.diagnostics.extend(parse_diagnostics);
        loaded
            .articles
            .extend(articles.into_iter().filter(|a| drafts || !a.draft));
    }
    loaded.articles = copies::merge_copies(std::mem::take(&mut loaded.articles));
    loaded
}

/// What a file holds, by its extension: the one place that maps names to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.txt`: a title line, a date line, paragraphs.
    Text,
    /// `.md`: Markdown with TOML front matter.
    Markdown,
    /// `.html`, `.htm`: a saved web page.
    WebPage,
    /// `.xml`, `.rss`, `.atom`, `.json`: an RSS, Atom or JSON feed.
    Feed,
}

impl FileKind {
    pub fn of(path: &Path) -> Option<FileKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "txt" => FileKind::Text,
            "md" => FileKind::Markdown,
            "html" | "htm" => FileKind::WebPage,
            "xml" | "rss" | "atom" | "json" => FileKind::Feed,
            _ => return None,
        })
    }
}

/// Reads the articles of the file at `path` (named `shown` in messages).
pub fn read_file_articles(path: &Path, shown: &str, diags: &mut Vec<Diagnostic>) -> Vec<Article> {
    match read_file(path, shown, diags) {
        Some(bytes) => read_articles(path, shown, &bytes, diags),
        None => Vec::new(),
    }
}

/// Reads the articles of one file from its bytes, by its kind: none when it
/// holds nothing usable (said in `diags`), several for a feed.
pub fn read_articles(
    path: &Path,
    shown: &str,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Article> {
    match FileKind::of(path) {
        Some(FileKind::WebPage) => web::read_page(shown, bytes, None, diags)
            .into_iter()
            .collect(),
        Some(FileKind::Feed) => web::read_feed(shown, bytes, diags),
        kind => {
            let Some(text) = decode_text(shown, bytes, diags) else {
                return Vec::new();
            };
            let article = match kind {
                Some(FileKind::Markdown) => markdown::parse(shown, &text, diags),
                _ => txt::parse(shown, &text, diags),
            };
            article.into_iter().collect()
        }
    }
}

/// The article files under `seeds`, sorted; symbolic links are followed only
/// when they stay inside the site root, and loops end the walk of that branch.
fn article_paths(root: &Path, seeds: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if !seeds.is_dir() {
        diags.push(Diagnostic::error(
            &display_path(root, seeds),
            None,
            "no seeds/ folder: put articles (.txt, .md, saved .html pages or feeds) there",
        ));
        return paths;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // Folders reached through a symbolic link: only files in them, or links
    // themselves, can lie outside the root, so only they are resolved (a
    // system call per path component: too dear for every file of a big site).
    let mut linked_dirs: Vec<PathBuf> = Vec::new();
    if std::fs::symlink_metadata(seeds).is_ok_and(|m| m.file_type().is_symlink()) {
        linked_dirs.push(seeds.to_path_buf());
    }
    for entry in WalkDir::new(seeds).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .map_or_else(|| "seeds".to_string(), |p| display_path(root, p));
                let why = if e.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else {
                    e.to_string()
                };
                diags.push(Diagnostic::warning(&shown, None, why));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            // walkdir counts the root it was given as followed: only deeper folders tell.
            if entry.depth() > 0 && entry.path_is_symlink() {
                linked_dirs.push(entry.path().to_path_buf());
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if FileKind::of(path).is_none() {
            continue;
        }
        if entry.path_is_symlink() || linked_dirs.iter().any(|d| path.starts_with(d)) {
            let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
            if !real.starts_with(&canonical_root) {
                diags.push(Diagnostic::warning(
                    &display_path(root, path),
                    None,
                    "symbolic link leads outside the site root; skipped",
                ));
                continue;
            }
        }
        paths.push(path.to_path_buf());
    }
    paths
}

/// The bytes of one file, at most [`MAX_FILE_BYTES`] of them; an empty or
/// unreadable file is a diagnostic and nothing else.
fn read_file(path: &Path, shown: &str, diags: &mut Vec<Diagnostic>) -> Option<Vec<u8>> {
    // One open for the size and the bytes; never more than the limit read,
    // whatever the size said (a file may grow, a device may never end).
    let read = || -> std::io::Result<(u64, Vec<u8>)> {
        use std::io::Read;
        let file = std::fs::File::open(path)?;
        let size = file.metadata()?.len();
        let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize + 1);
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        Ok((size.max(bytes.len() as u64), bytes))
    };
    match read() {
        Ok((size, _)) if size > MAX_FILE_BYTES => {
            diags.push(Diagnostic::error(
                shown,
                None,
                format!("file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit; skipped"),
            ));
            None
        }
        Ok((_, bytes)) if bytes.trim_ascii().is_empty() => {
            diags.push(Diagnostic::warning(shown, None, "empty file; skipped"));
            None
        }
        Ok((_, bytes)) => Some(bytes),
        Err(e) => {
            diags.push(Diagnostic::error(shown, None, format!("cannot read: {e}")));
            None
        }
    }
}

/// A text file's bytes as text: UTF-8 without a byte order mark and with `\n`
/// line ends; invalid bytes are replaced (with a warning naming the first bad
/// line), and a binary file is refused.
fn decode_text(shown: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<String> {
    if bytes.contains(&0) {
        diags.push(Diagnostic::error(
            shown,
            None,
            "binary file (holds NUL bytes); skipped",
        ));
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            diags.push(Diagnostic::warning(
                shown,
                Some(line),
                "invalid UTF-8; bad bytes replaced with U+FFFD",
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if text.trim().is_empty() {
        diags.push(Diagnostic::warning(shown, None, "empty file; skipped"));
        return None;
    }
    Some(text)
}

/// `path` relative to `root` with `/` separators, for messages and ids.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Joins paragraphs into a body and its blocks.
pub(crate) fn assemble_body(paragraphs: Vec<(BlockKind, String)>) -> (String, Vec<Block>) {
    // Sized once: a build holds every body at once.
    let size = paragraphs.iter().map(|(_, t)| t.trim().len() + 2).sum();
    let mut body = String::with_capacity(size);
    let mut blocks = Vec::with_capacity(paragraphs.len());
    for (kind, text) in paragraphs {
        if text.trim().is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(text.trim());
        blocks.push(Block {
            kind,
            start,
            end: body.len(),
        });
    }
    (body, blocks)
}
