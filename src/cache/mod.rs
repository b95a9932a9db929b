//! What one build keeps for the next, behind one door: the parsed articles
//! (by path and text), the extractions (by text and date) and the assembly
//! memo (the actors merged across articles, the events merged by day).
//!
//! [`Caches`] holds them in memory: `briefing serve` keeps one from build to
//! build. `briefing build` reads them from `.briefing-cache/` under the site
//! root ([`Caches::of_site`]) and writes them back as soon as each is complete.
//! Either way a cache is only a shortcut: a missing, damaged or foreign file
//! costs time, never correctness. The stages know nothing of files: `source`
//! and `model` hand over and take back their plain data.

mod extractions;
mod sealed;

pub use extractions::ExtractionCache;

use crate::model::{Memo, StoredMemo};
use crate::source::{ParseCache, StoredFile};
use std::path::{Path, PathBuf};

// The fingerprint of the sources briefing is built from (`build/main.rs`):
// every cache file is filed under it.
include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

/// What a build may reuse from the last one, and keeps for the next: in
/// memory only ([`Caches::default`], the preview's), or also in a site's
/// cache folder ([`Caches::of_site`], `briefing build`'s).
#[derive(Default)]
pub struct Caches {
    pub parsed: ParseCache,
    pub extractions: ExtractionCache,
    pub memo: Memo,
    /// Where they are saved, if anywhere.
    folder: Option<CacheFolder>,
}

impl Caches {
    /// What the cache folder of the site at `root` holds (each file read on
    /// its own thread); empty caches for files that are missing or cannot be read.
    pub fn of_site(root: &Path) -> Caches {
        let folder = CacheFolder::of_site(root);
        let (parsed, (extractions, memo)) = rayon::join(
            || folder.load_parsed(),
            || rayon::join(|| folder.load_extractions(), || folder.load_memo()),
        );
        Caches {
            parsed,
            extractions,
            memo,
            folder: Some(folder),
        }
    }

    /// Saves the parsed articles and the extractions, when they changed, into
    /// the cache folder (if the caches have one), and empties the extractions:
    /// a build calls it once it has extracted every article, while it
    /// assembles them. Returns, per file that could not be written, its path
    /// and the error.
    pub fn save_articles(&self) -> Vec<(PathBuf, std::io::Error)> {
        let Some(folder) = &self.folder else {
            return Vec::new();
        };
        let (parsed, extractions) = rayon::join(
            || folder.save_parsed(&self.parsed),
            || self.extractions.save_and_empty(&folder.extractions_path()),
        );
        [
            (folder.parsed_path(), parsed),
            (folder.extractions_path(), extractions),
        ]
        .into_iter()
        .filter_map(|(path, saved)| saved.err().map(|e| (path, e)))
        .collect()
    }

    /// Saves the assembly memo, when it changed, into the cache folder (if
    /// the caches have one): a build calls it once the briefing is assembled.
    pub fn save_memo(&self) -> Option<(PathBuf, std::io::Error)> {
        let folder = self.folder.as_ref()?;
        let saved = folder.save_memo(&self.memo);
        saved.err().map(|e| (folder.memo_path(), e))
    }
}

/// A site's cache files: `.briefing-cache/` under its root.
struct CacheFolder {
    folder: PathBuf,
}

/// The start of each kind of cache file, before the fingerprint.
const PARSED_MAGIC: &[u8; 8] = b"BRFPARS2";
pub(crate) const MEMO_MAGIC: &[u8; 8] = b"BRFMEMO1";

impl CacheFolder {
    fn of_site(root: &Path) -> CacheFolder {
        CacheFolder {
            folder: root.join(".briefing-cache"),
        }
    }

    fn parsed_path(&self) -> PathBuf {
        self.folder.join("articles.bin")
    }

    fn extractions_path(&self) -> PathBuf {
        self.folder.join("extractions.bin")
    }

    fn memo_path(&self) -> PathBuf {
        self.folder.join("assembly.bin")
    }

    fn load_parsed(&self) -> ParseCache {
        ParseCache::from_stored(sealed::load_sealed_list::<StoredFile>(
            &self.parsed_path(),
            PARSED_MAGIC,
        ))
    }

    fn load_extractions(&self) -> ExtractionCache {
        ExtractionCache::load(&self.extractions_path())
    }

    fn load_memo(&self) -> Memo {
        Memo::from_stored(sealed::load_sealed::<StoredMemo>(
            &self.memo_path(),
            MEMO_MAGIC,
        ))
    }

    fn save_parsed(&self, parsed: &ParseCache) -> std::io::Result<()> {
        let path = self.parsed_path();
        parsed
            .store_changed(|stored| {
                sealed::save_sealed_list(&path, PARSED_MAGIC, stored.into_iter())
            })
            .unwrap_or(Ok(()))
    }

    fn save_memo(&self, memo: &Memo) -> std::io::Result<()> {
        let path = self.memo_path();
        memo.store_changed(|stored| sealed::save_sealed(&path, MEMO_MAGIC, stored))
            .unwrap_or(Ok(()))
    }
}
