//! What one build keeps for the next, behind one door: the parsed articles
//! (by path and text), the extractions (by text and date) and the assembly
//! memo (the actors merged across articles, the events merged by day).
//!
//! [`Caches`] holds them in memory: `briefing serve` keeps one from build to
//! build. [`CacheFolder`] keeps them on disk, in `.briefing-cache/` under the
//! site root, for `briefing build`: it loads a [`Caches`] before a build and
//! saves it after. Either way a cache is only a shortcut: a missing, damaged
//! or foreign file costs time, never correctness. The stages know nothing of
//! files: `source` and `model` hand over and take back their plain data.

mod extractions;
mod sealed;

pub use extractions::ExtractionCache;

use crate::model::{Memo, StoredMemo};
use crate::source::{ParseCache, StoredFile};
use std::path::{Path, PathBuf};

// The fingerprint of the sources briefing is built from (`build/main.rs`):
// every cache file is filed under it.
include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

/// What a build may reuse from the last one, and keeps for the next.
#[derive(Default)]
pub struct Caches {
    pub parsed: ParseCache,
    pub extractions: ExtractionCache,
    pub memo: Memo,
}

/// A site's cache files.
pub struct CacheFolder {
    folder: PathBuf,
}

/// The start of each kind of cache file, before the fingerprint.
const PARSED_MAGIC: &[u8; 8] = b"BRFPARS2";
pub(crate) const MEMO_MAGIC: &[u8; 8] = b"BRFMEMO1";

impl CacheFolder {
    /// The cache files of the site at `root`.
    pub fn of_site(root: &Path) -> CacheFolder {
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

    /// What the files hold (each read on its own thread); empty caches for
    /// files that are missing or cannot be read.
    pub fn load(&self) -> Caches {
        let (parsed, (extractions, memo)) = rayon::join(
            || self.load_parsed(),
            || rayon::join(|| self.load_extractions(), || self.load_memo()),
        );
        Caches {
            parsed,
            extractions,
            memo,
        }
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

    pub(crate) fn load_memo(&self) -> Memo {
        Memo::from_stored(sealed::load_sealed::<StoredMemo>(
            &self.memo_path(),
            MEMO_MAGIC,
        ))
    }

    /// Writes each cache whose content changed into its file (written whole
    /// to a temporary file, then renamed). The caches are used up: each
    /// extraction is let go as soon as it is written. Returns, per file that
    /// could not be written, its path and the error.
    pub fn save(&self, caches: Caches) -> Vec<(PathBuf, std::io::Error)> {
        let Caches {
            parsed,
            extractions,
            memo,
        } = caches;
        let (parsed, (extractions, memo)) = rayon::join(
            || self.save_parsed(&parsed),
            || {
                rayon::join(
                    || extractions.save(&self.extractions_path()),
                    || self.save_memo(&memo),
                )
            },
        );
        [
            (self.parsed_path(), parsed),
            (self.extractions_path(), extractions),
            (self.memo_path(), memo),
        ]
        .into_iter()
        .filter_map(|(path, saved)| saved.err().map(|e| (path, e)))
        .collect()
    }

    fn save_parsed(&self, parsed: &ParseCache) -> std::io::Result<()> {
        let path = self.parsed_path();
        parsed
            .store_changed(|stored| {
                sealed::save_sealed_list(&path, PARSED_MAGIC, stored.into_iter())
            })
            .unwrap_or(Ok(()))
    }

    pub(crate) fn save_memo(&self, memo: &Memo) -> std::io::Result<()> {
        let path = self.memo_path();
        memo.store_changed(|stored| sealed::save_sealed(&path, MEMO_MAGIC, stored))
            .unwrap_or(Ok(()))
    }
}
