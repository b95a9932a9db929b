//! Extraction results kept between builds: an article whose text and date did
//! not change is not extracted again.
//!
//! An entry is filed under its [`Key`], a hash of the text and the date; the
//! file is sealed with the fingerprint of the sources briefing was built from,
//! so a briefing built from other code never reads what this one extracted.

use super::sealed::{load_sealed_list, save_sealed_list};
use crate::model::ExtractionKey as Key;
use briefing_engine::Extraction;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct ExtractionCache {
    entries: Mutex<HashMap<u64, Arc<Extraction>>>,
    /// The entries differ from the file they came from (or there was none):
    /// a rebuild with nothing changed does not write the file again.
    changed: AtomicBool,
}

/// The start of an extraction cache file.
const EXTRACTIONS_MAGIC: &[u8; 8] = b"BRFEXTR2";

/// What a build reads of an extraction: all but the time expressions, whose
/// dates the events carry already resolved ([`briefing_engine::Event::date`]); only
/// `briefing extract` shows them, and it keeps no cache. Kept without them,
/// the cache of a big site takes less room on disk and in memory, and less
/// time to read.
fn for_builds(mut extraction: Extraction) -> Extraction {
    extraction.timexes = Vec::new();
    extraction
}

impl ExtractionCache {
    /// The extraction of `body` at `date`, from the cache or computed now.
    /// Shared with the cache, not copied: a big site holds one copy of each.
    /// `key` is `key(body, date)`.
    pub fn get(&self, key: Key, body: &str, date: Option<NaiveDate>) -> Arc<Extraction> {
        let k = key.as_u64();
        if let Some(hit) = self.entries.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return hit;
        }
        let ex = Arc::new(for_builds(briefing_engine::extract(body, date)));
        if let Ok(mut m) = self.entries.lock() {
            m.insert(k, Arc::clone(&ex));
            self.changed.store(true, Ordering::Relaxed);
        }
        ex
    }

    /// Whether it holds no extraction.
    pub fn is_empty(&self) -> bool {
        self.entries.lock().map_or(true, |m| m.is_empty())
    }

    /// Forgets every entry but those of `live` (the keys of the live articles).
    pub fn retain(&self, live: &[Key]) {
        let keys: std::collections::HashSet<u64> = live.iter().map(|k| k.as_u64()).collect();
        if let Ok(mut m) = self.entries.lock() {
            let before = m.len();
            m.retain(|k, _| keys.contains(k));
            if m.len() != before {
                self.changed.store(true, Ordering::Relaxed);
            }
        }
    }

    /// The cache stored at `path`; empty when there is none or it cannot be read
    /// (a cache is only ever a shortcut: losing it costs time, not correctness).
    pub fn load(path: &std::path::Path) -> ExtractionCache {
        let read: Option<Vec<(u64, Extraction)>> = load_sealed_list(path, EXTRACTIONS_MAGIC);
        ExtractionCache {
            // A missing or unreadable file is written anew by the next save.
            changed: AtomicBool::new(read.is_none()),
            entries: Mutex::new(
                read.unwrap_or_default()
                    .into_iter()
                    .map(|(k, e)| (k, Arc::new(e)))
                    .collect(),
            ),
        }
    }

    /// Stores the cache at `path`, written whole to a temporary file and
    /// renamed; nothing is written when it holds what it was loaded with.
    /// The cache is emptied: each extraction is let go as soon as it is
    /// written. A build saves while it assembles the articles and drops each
    /// extraction once its article is placed, so an extraction is freed when
    /// both are done with it, and its memory serves the model.
    pub fn save_and_empty(&self, path: &std::path::Path) -> std::io::Result<()> {
        let Ok(mut guard) = self.entries.lock() else {
            return Ok(());
        };
        let entries = std::mem::take(&mut *guard);
        drop(guard);
        if !self.changed.swap(false, Ordering::Relaxed) {
            return Ok(());
        }
        let mut list: Vec<(u64, Arc<Extraction>)> = entries.into_iter().collect();
        list.sort_unstable_by_key(|(k, _)| *k);
        save_sealed_list(path, EXTRACTIONS_MAGIC, list.into_iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::extraction_key as key;

    fn date() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2019, 5, 2)
    }

    fn get(cache: &ExtractionCache, text: &str) -> Arc<Extraction> {
        cache.get(key(text, date()), text, date())
    }

    #[test]
    fn an_unchanged_cache_is_not_written_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("extractions.bin");
        let first = ExtractionCache::default();
        get(&first, "Maduro spoke in Caracas on Tuesday.");
        first.save_and_empty(&path).expect("saved");

        let loaded = ExtractionCache::load(&path);
        get(&loaded, "Maduro spoke in Caracas on Tuesday.");
        loaded.retain(&[key("Maduro spoke in Caracas on Tuesday.", date())]);
        std::fs::write(&path, b"left alone").expect("write");
        loaded.save_and_empty(&path).expect("nothing to save");
        assert_eq!(std::fs::read(&path).expect("read"), b"left alone");
    }

    #[test]
    fn a_new_or_dropped_entry_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("extractions.bin");
        let first = ExtractionCache::default();
        get(&first, "Guaido rallied supporters on Wednesday.");
        first.save_and_empty(&path).expect("saved");

        let added = ExtractionCache::load(&path);
        get(&added, "Pompeo met Lavrov in Finland on Monday.");
        added.save_and_empty(&path).expect("saved");
        let reloaded = ExtractionCache::load(&path);
        assert_eq!(reloaded.entries.lock().map(|m| m.len()).ok(), Some(2));

        reloaded.retain(&[]);
        reloaded.save_and_empty(&path).expect("saved");
        let emptied = ExtractionCache::load(&path);
        assert_eq!(emptied.entries.lock().map(|m| m.len()).ok(), Some(0));
    }

    #[test]
    fn a_cached_extraction_is_what_a_build_reads_of_it() {
        let text = "Maduro spoke in Caracas on Tuesday.";
        let full = briefing_engine::extract(text, date());
        assert!(!full.timexes.is_empty(), "the text has a time expression");
        let cached = get(&ExtractionCache::default(), text);
        assert!(cached.timexes.is_empty());
        assert_eq!(*cached, for_builds(full));
    }

    #[test]
    fn a_damaged_or_foreign_file_gives_an_empty_cache() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("extractions.bin");
        let first = ExtractionCache::default();
        get(&first, "Maduro spoke in Caracas on Tuesday.");
        first.save_and_empty(&path).expect("saved");
        let good = std::fs::read(&path).expect("read");
        let entries = |bytes: &[u8]| {
            std::fs::write(&path, bytes).expect("write");
            let cache = ExtractionCache::load(&path);
            cache.entries.lock().map(|m| m.len()).ok()
        };
        assert_eq!(entries(&good), Some(1), "the file as saved is read");

        let mut foreign = good.clone();
        foreign[EXTRACTIONS_MAGIC.len()] ^= 1; // another build's fingerprint
        let mut flipped = good.clone();
        let middle = good.len() / 2;
        flipped[middle] ^= 0x40; // a bit flipped in the text of an extraction
        let mut other_kind = good.clone();
        other_kind[..8].copy_from_slice(b"BRFMEMO1");
        for damaged in [&foreign, &flipped, &other_kind, &good[..good.len() - 1]] {
            assert_eq!(entries(damaged), Some(0));
        }
    }

    #[test]
    fn a_sealed_list_reads_back_whole_or_not_at_all() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("list.bin");
        let magic = b"BRFTEST1";
        let list: Vec<(u64, String)> = (0..50).map(|i| (i, "ab".repeat(i as usize))).collect();
        save_sealed_list(&path, magic, list.iter()).expect("saved");
        let good = std::fs::read(&path).expect("read");
        let read = |bytes: &[u8]| {
            std::fs::write(&path, bytes).expect("write");
            load_sealed_list::<(u64, String)>(&path, magic)
        };
        assert_eq!(read(&good).as_deref(), Some(&list[..]));
        save_sealed_list::<u64>(&path, magic, std::iter::empty()).expect("saved");
        assert_eq!(load_sealed_list::<u64>(&path, magic), Some(Vec::new()));

        let count_at = magic.len() + 8;
        let mut huge_count = good.clone();
        huge_count[count_at..count_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        let mut huge_entry = good.clone();
        huge_entry[count_at + 8..count_at + 16].copy_from_slice(&u64::MAX.to_le_bytes());
        let mut flipped = good.clone();
        let middle = good.len() / 2;
        flipped[middle] ^= 0x01;
        let mut longer = good.clone();
        longer.push(0);
        for damaged in [
            &huge_count,
            &huge_entry,
            &flipped,
            &longer,
            &good[..good.len() - 1],
            &good[..count_at + 4],
        ] {
            assert_eq!(read(damaged), None);
        }
        std::fs::write(&path, &good).expect("write");
        assert_eq!(load_sealed_list::<(u64, String)>(&path, b"BRFTEST2"), None);
    }

    #[test]
    fn an_unreadable_file_is_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("extractions.bin");
        std::fs::write(&path, b"not a cache").expect("write");
        let cache = ExtractionCache::load(&path);
        cache.save_and_empty(&path).expect("saved");
        assert_ne!(std::fs::read(&path).expect("read"), b"not a cache");
    }
}
