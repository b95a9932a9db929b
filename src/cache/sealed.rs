//! The cache files' format: sealed files, written whole or not at all, that
//! name their kind and the sources briefing was built from, and end in a
//! checksum, so a file that is damaged, cut short or another version's is
//! never read as a cache.

use super::SOURCE_FINGERPRINT;
use xxhash_rust::xxh3::Xxh3;

/// Writes `path` atomically (see [`write_atomically`]) as a sealed file: `magic`,
/// the fingerprint of the sources, what `write` writes, then an XXH3 of it. A file
/// read back through [`unseal`] is whole, of the same kind and of this build.
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
/// it is of another kind, of another build, cut short or damaged.
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
/// such file, or it is of another kind or build, damaged, or not a `T`.
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
/// is no such file, or it is of another kind or build, damaged, or not a
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
