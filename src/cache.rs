//! Extraction results kept between builds: in memory for `briefing serve`, and
//! on disk (`.briefing-cache/` in the site root) for `briefing build`. An article
//! whose text and date did not change is not extracted again.
//!
//! The key of an entry hashes the text, the date and the extractor's fingerprint
//! (a hash of the sources and data briefing was built from, made by `build.rs`),
//! so a briefing built from other code never reads what this one extracted.

use briefing_engine::Extraction;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use xxhash_rust::xxh3::Xxh3;

#[derive(Default)]
pub struct ExtractionCache {
    entries: Mutex<HashMap<u64, Arc<Extraction>>>,
    /// The entries differ from the file they came from (or there was none):
    /// a rebuild with nothing changed does not write the file again.
    changed: AtomicBool,
}

// The extractor's fingerprint (`build.rs`): a hash of the sources and data it
// is compiled from.
include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

/// What an extraction is filed under: the extractor, the date and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u64);

impl Key {
    /// The hash itself, for keys made of many extraction keys.
    pub fn as_u64(self) -> u64 {
        self.0
    }
}

/// The [`Key`] of `body` at `date`. A build computes each article's key once
/// (in parallel) for both [`ExtractionCache::retain`] and [`ExtractionCache::get`].
pub fn key(body: &str, date: Option<NaiveDate>) -> Key {
    Key(hash(body, date))
}

fn hash(body: &str, date: Option<NaiveDate>) -> u64 {
    let mut h = Xxh3::new();
    h.update(&SOURCE_FINGERPRINT.to_le_bytes());
    h.update(
        &date
            .map_or(i64::MIN, |d| i64::from(d.num_days_from_ce()))
            .to_le_bytes(),
    );
    h.update(body.as_bytes());
    h.digest()
}

/// The cache file of a site.
pub fn disk_path(root: &std::path::Path) -> std::path::PathBuf {
    root.join(".briefing-cache").join("extractions.bin")
}

/// The file of a site's parsed articles (see [`crate::source::ParseCache::load`]),
/// beside its extraction cache.
pub fn parsed_path(root: &std::path::Path) -> std::path::PathBuf {
    root.join(".briefing-cache").join("articles.bin")
}

/// The file of a site's assembly memo (see [`crate::model::Memo::load`]),
/// beside its extraction cache.
pub fn memo_path(root: &std::path::Path) -> std::path::PathBuf {
    root.join(".briefing-cache").join("assembly.bin")
}

/// The start of an extraction cache file.
const EXTRACTIONS_MAGIC: &[u8; 8] = b"BRFEXTR2";

/// Writes `path` atomically (see [`write_atomically`]) as a sealed file: `magic`,
/// the extractor's fingerprint, what `write` writes, then an XXH3 of it. A file
/// read back through [`unseal`] is whole, of the same kind and of this extractor.
pub fn write_sealed(
    path: &std::path::Path,
    magic: &[u8; 8],
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomically(path, |out| {
        out.write_all(magic)?;
        out.write_all(&SOURCE_FINGERPRINT.to_le_bytes())?;
        let mut hashing = Hashing {
            out: &mut *out,
            hash: Xxh3::new(),
        };
        write(&mut hashing)?;
        let checksum = hashing.hash.digest();
        out.write_all(&checksum.to_le_bytes())
    })
}

/// The payload of a file written by [`write_sealed`] with `magic`; `None` when
/// it is of another kind, of another extractor, cut short or damaged.
fn unseal<'b>(bytes: &'b [u8], magic: &[u8; 8]) -> Option<&'b [u8]> {
    let payload = bytes
        .strip_prefix(magic.as_slice())?
        .strip_prefix(SOURCE_FINGERPRINT.to_le_bytes().as_slice())?;
    let (payload, checksum) = payload.split_last_chunk::<8>()?;
    (xxhash_rust::xxh3::xxh3_64(payload) == u64::from_le_bytes(*checksum)).then_some(payload)
}

/// Stores `value` at `path` in postcard, as a sealed file (see [`write_sealed`]).
pub fn save_sealed<T: serde::Serialize + ?Sized>(
    path: &std::path::Path,
    magic: &[u8; 8],
    value: &T,
) -> std::io::Result<()> {
    write_sealed(path, magic, |out| {
        // postcard writes field by field, often a byte at a time: buffered
        // here, those writes are copies into a buffer instead of calls through
        // `dyn Write` and the hasher behind it, which then see large chunks.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
        postcard::to_io(value, &mut buffered).map_err(std::io::Error::other)?;
        std::io::Write::flush(&mut buffered)
    })
}

/// What [`save_sealed`] stored at `path` with `magic`; `None` when there is no
/// such file, or it is of another kind or extractor, damaged, or not a `T`.
pub fn load_sealed<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    magic: &[u8; 8],
) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    postcard::from_bytes(unseal(&bytes, magic)?).ok()
}

/// Stores `entries` at `path` as a sealed file (see [`write_sealed`]): their
/// number, then each one in postcard after its length in bytes. Read back by
/// [`load_sealed_list`] one entry at a time, a big cache never sits in memory
/// whole as bytes next to the values made from them: fresh memory is dear
/// (the kernel zeroes each page on first touch, a large part of its share of
/// a rebuild).
///
/// Each entry is dropped once written: entries that own their values (see
/// [`ExtractionCache::save`]) free them as the file grows.
pub fn save_sealed_list<T: serde::Serialize>(
    path: &std::path::Path,
    magic: &[u8; 8],
    entries: impl ExactSizeIterator<Item = T>,
) -> std::io::Result<()> {
    use std::io::Write;
    write_sealed(path, magic, |out| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        out.write_all(&(entries.len() as u64).to_le_bytes())?;
        let mut bytes = Vec::new();
        for entry in entries {
            bytes.clear();
            bytes = postcard::to_extend(&entry, bytes).map_err(std::io::Error::other)?;
            out.write_all(&(bytes.len() as u64).to_le_bytes())?;
            out.write_all(&bytes)?;
        }
        out.flush()
    })
}

/// What [`save_sealed_list`] stored at `path` with `magic`; `None` when there
/// is no such file, or it is of another kind or extractor, damaged, or not a
/// list of `T`. The file is read through a small buffer, an entry at a time,
/// hashed as it goes: the values are kept only if the checksum at the end agrees.
pub fn load_sealed_list<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    magic: &[u8; 8],
) -> Option<Vec<T>> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut input = std::io::BufReader::with_capacity(1 << 16, file);
    let mut head = [0u8; 16];
    input.read_exact(&mut head).ok()?;
    if head[..8] != magic[..] || head[8..] != SOURCE_FINGERPRINT.to_le_bytes() {
        return None;
    }
    fn read_u64(input: &mut impl Read, hash: &mut Xxh3) -> Option<u64> {
        let mut word = [0u8; 8];
        input.read_exact(&mut word).ok()?;
        hash.update(&word);
        Some(u64::from_le_bytes(word))
    }
    let mut hash = Xxh3::new();
    let count = read_u64(&mut input, &mut hash)?;
    // Each entry takes 8 bytes at least: a damaged count reserves no more than the file holds.
    let mut values = Vec::with_capacity(usize::try_from(count.min(size / 8)).ok()?);
    let mut bytes = Vec::new();
    for _ in 0..count {
        let len = read_u64(&mut input, &mut hash)?;
        if len > size {
            return None;
        }
        bytes.resize(usize::try_from(len).ok()?, 0);
        input.read_exact(&mut bytes).ok()?;
        hash.update(&bytes);
        values.push(postcard::from_bytes(&bytes).ok()?);
    }
    let mut checksum = [0u8; 8];
    input.read_exact(&mut checksum).ok()?;
    let at_end = input.read(&mut [0u8; 1]).ok()? == 0;
    (at_end && hash.digest() == u64::from_le_bytes(checksum)).then_some(values)
}

/// Passes what is written on, hashing it.
struct Hashing<'w> {
    out: &'w mut dyn std::io::Write,
    hash: Xxh3,
}

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Writes `path` through a temporary file renamed over it: a build stopped
/// half way leaves the old file or the new one, never a mix. `write` streams
/// the contents, so they are never held whole in memory.
pub fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        std::io::Write::flush(&mut out)
    });
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            // Best effort: a stray temporary file is only litter.
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

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
        let k = key.0;
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

    /// Forgets every entry.
    pub fn clear(&self) {
        if let Ok(mut m) = self.entries.lock() {
            m.clear();
            self.changed.store(true, Ordering::Relaxed);
        }
    }

    /// Forgets every entry but those of `live` (the keys of the live articles).
    pub fn retain(&self, live: &[Key]) {
        let keys: std::collections::HashSet<u64> = live.iter().map(|k| k.0).collect();
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
    /// The cache is used up: each extraction is let go as soon as it is
    /// written. A build saves while it assembles the articles and drops each
    /// extraction once its article is placed, so an extraction is freed when
    /// both are done with it, and its memory serves the model.
    pub fn save(self, path: &std::path::Path) -> std::io::Result<()> {
        if !self.changed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let Ok(entries) = self.entries.into_inner() else {
            return Ok(());
        };
        let mut list: Vec<(u64, Arc<Extraction>)> = entries.into_iter().collect();
        list.sort_unstable_by_key(|(k, _)| *k);
        save_sealed_list(path, EXTRACTIONS_MAGIC, list.into_iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        first.save(&path).expect("saved");

        let loaded = ExtractionCache::load(&path);
        get(&loaded, "Maduro spoke in Caracas on Tuesday.");
        loaded.retain(&[key("Maduro spoke in Caracas on Tuesday.", date())]);
        std::fs::write(&path, b"left alone").expect("write");
        loaded.save(&path).expect("nothing to save");
        assert_eq!(std::fs::read(&path).expect("read"), b"left alone");
    }

    #[test]
    fn a_new_or_dropped_entry_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("extractions.bin");
        let first = ExtractionCache::default();
        get(&first, "Guaido rallied supporters on Wednesday.");
        first.save(&path).expect("saved");

        let added = ExtractionCache::load(&path);
        get(&added, "Pompeo met Lavrov in Finland on Monday.");
        added.save(&path).expect("saved");
        let reloaded = ExtractionCache::load(&path);
        assert_eq!(reloaded.entries.lock().map(|m| m.len()).ok(), Some(2));

        reloaded.retain(&[]);
        reloaded.save(&path).expect("saved");
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
        first.save(&path).expect("saved");
        let good = std::fs::read(&path).expect("read");
        let entries = |bytes: &[u8]| {
            std::fs::write(&path, bytes).expect("write");
            let cache = ExtractionCache::load(&path);
            cache.entries.lock().map(|m| m.len()).ok()
        };
        assert_eq!(entries(&good), Some(1), "the file as saved is read");

        let mut foreign = good.clone();
        foreign[EXTRACTIONS_MAGIC.len()] ^= 1; // another extractor's fingerprint
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
        cache.save(&path).expect("saved");
        assert_ne!(std::fs::read(&path).expect("read"), b"not a cache");
    }
}
