//! The trained weights: a hashed feature table of 16-bit integers.
//!
//! File format (little endian): magic `NER1`, table bits (u32), tag count (u32),
//! scale (f32: weight = value / scale), entry count (u32), then the non-zero
//! entries of the flattened `bucket * tags + tag` table, each as the varint gap
//! from the previous entry's index and an i16 value. Zero weights are left out,
//! which keeps the file small.
//!
//! In memory, only the buckets with a non-zero weight get a row (a minority of
//! them: the perceptron only learns from features of its mistakes), found
//! through an index; empty buckets share an all-zero row 0. That is well under
//! the dense table's size, which keeps more of it in cache: scoring, most of the
//! tagger's time, waits on memory.

use super::features::NUM_TAGS;

/// Something that scores the tags for a token from its features.
pub trait Scorer {
    fn score(&self, feats: &[u64], out: &mut [f32; NUM_TAGS]);
    /// Perceptron update; only the trainer's table learns.
    fn learn(&mut self, _feats: &[u64], _gold: usize, _pred: usize) {}
    /// Called once per training token, for the averaging clock.
    fn tick(&mut self) {}
    /// The integer table behind the scores, when it is one: the decoder can
    /// then add up cached partial sums (`word_sums`) with the same result.
    fn as_model(&self) -> Option<&Model> {
        None
    }
}

/// The table index of a feature hash in a table of `1 << bits` buckets.
#[inline]
pub fn bucket(h: u64, bits: u32) -> usize {
    (h >> (64 - bits)) as usize
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a name model (bad magic or header)")]
    Header,
    #[error("name model is truncated or has an entry out of range")]
    Body,
}

pub struct Model {
    /// Tells models apart for caches of their sums (`word_sums`); unique in the process.
    id: u64,
    bits: u32,
    scale: f32,
    /// Bucket -> row number in `rows` (0: the zero row).
    index: Vec<u32>,
    rows: Vec<[i16; NUM_TAGS]>,
}

const MAGIC: &[u8; 4] = b"NER1";

fn read_u32(b: &[u8], at: &mut usize) -> Option<u32> {
    let v = u32::from_le_bytes(b.get(*at..*at + 4)?.try_into().ok()?);
    *at += 4;
    Some(v)
}

fn read_varint(b: &[u8], at: &mut usize) -> Option<usize> {
    let mut v = 0usize;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(*at)?;
        *at += 1;
        v |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Model {
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Quantises float weights (`(1 << bits) * NUM_TAGS` of them) into a model.
    pub fn quantise(bits: u32, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
        let mut m = Model {
            id: next_id(),
            bits,
            scale,
            index: vec![0; 1 << bits],
            rows: vec![[0; NUM_TAGS]],
        };
        for (b, ws) in weights.chunks(NUM_TAGS).enumerate() {
            let row: [i16; NUM_TAGS] =
                std::array::from_fn(|t| ws.get(t).map_or(0, |w| (w * scale).round() as i16));
            if row.iter().any(|&w| w != 0)
                && let Some(slot) = m.index.get_mut(b)
            {
                *slot = m.rows.len() as u32;
                m.rows.push(row);
            }
        }
        m
    }

    /// The non-zero weights as (index in the flattened `bucket * tags + tag`
    /// table, value), in index order.
    fn nonzero(&self) -> impl Iterator<Item = (usize, i16)> + '_ {
        self.index.iter().enumerate().flat_map(move |(b, &r)| {
            let row = self.rows.get(r as usize).filter(|_| r != 0);
            row.into_iter().flat_map(move |row| {
                row.iter()
                    .enumerate()
                    .filter(|(_, w)| **w != 0)
                    .map(move |(t, &w)| (b * NUM_TAGS + t, w))
            })
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let nonzero = self.nonzero().count() as u32;
        out.extend_from_slice(&nonzero.to_le_bytes());
        let mut last = 0usize;
        for (i, w) in self.nonzero() {
            let mut gap = i - last;
            last = i;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let mut at = 0;
        if b.get(..4) != Some(MAGIC) {
            return Err(ModelError::Header);
        }
        at += 4;
        let bits = read_u32(b, &mut at).ok_or(ModelError::Header)?;
        let tags = read_u32(b, &mut at).ok_or(ModelError::Header)?;
        let scale = f32::from_bits(read_u32(b, &mut at).ok_or(ModelError::Header)?);
        let n = read_u32(b, &mut at).ok_or(ModelError::Header)?;
        if !(8..=26).contains(&bits) || tags as usize != NUM_TAGS || scale.is_nan() || scale <= 0.0
        {
            return Err(ModelError::Header);
        }
        // A first pass counts the rows, so the table is allocated once at its
        // size: grown by doubling, it would briefly hold both the old and the
        // new buffer, enough to set the whole program's peak memory.
        let (mut rows, mut idx, mut last, mut scan) = (1usize, 0usize, usize::MAX, at);
        for _ in 0..n {
            idx = idx
                .checked_add(read_varint(b, &mut scan).ok_or(ModelError::Body)?)
                .ok_or(ModelError::Body)?;
            scan += 2;
            if idx / NUM_TAGS != last {
                last = idx / NUM_TAGS;
                rows += 1;
            }
        }
        let mut m = Model {
            id: next_id(),
            bits,
            scale,
            index: vec![0; 1 << bits],
            rows: Vec::with_capacity(rows),
        };
        m.rows.push([0; NUM_TAGS]);
        let mut idx = 0usize;
        for _ in 0..n {
            idx = idx
                .checked_add(read_varint(b, &mut at).ok_or(ModelError::Body)?)
                .ok_or(ModelError::Body)?;
            let v = b.get(at..at + 2).ok_or(ModelError::Body)?;
            at += 2;
            let slot = m.index.get_mut(idx / NUM_TAGS).ok_or(ModelError::Body)?;
            if *slot == 0 {
                *slot = m.rows.len() as u32;
                m.rows.push([0; NUM_TAGS]);
            }
            if let Some(row) = m.rows.get_mut(*slot as usize) {
                row[idx % NUM_TAGS] = i16::from_le_bytes([v[0], v[1]]);
            }
        }
        Ok(m)
    }
}

/// Features scored per batch in `Model::score`: a token has about seventy.
const BATCH: usize = 64;

impl Scorer for Model {
    /// The table (a few MB) outgrows the core's L2 cache, so each lookup tends to
    /// wait on memory. The lookups are done in batches, in two passes so their
    /// misses overlap instead of queueing: every row is found and asked for
    /// (`prefetch`), then they are summed, which beats a single pass. (Rows
    /// kept sparse, as tag masks and values, make the table smaller but cost
    /// more in mispredicted branches than they save in misses.)
    fn score(&self, feats: &[u64], out: &mut [f32; NUM_TAGS]) {
        let mut acc = [0i32; NUM_TAGS];
        self.add_sums(feats, &mut acc);
        self.scores(&acc, out);
    }

    fn as_model(&self) -> Option<&Model> {
        Some(self)
    }
}

impl Model {
    /// Adds the weights of `feats` into `acc`, as integers: sums are exact, so
    /// they can be made in any order and in parts.
    pub fn add_sums(&self, feats: &[u64], acc: &mut [i32; NUM_TAGS]) {
        let mut found = [0u32; BATCH];
        for batch in feats.chunks(BATCH) {
            let found = &mut found[..batch.len()];
            for (r, &f) in found.iter_mut().zip(batch) {
                *r = self.index.get(bucket(f, self.bits)).copied().unwrap_or(0);
                if let Some(row) = self.rows.get(*r as usize) {
                    prefetch(row);
                }
            }
            add_rows(&self.rows, found, acc);
        }
    }

    /// The scores of summed weights.
    pub fn scores(&self, acc: &[i32; NUM_TAGS], out: &mut [f32; NUM_TAGS]) {
        for (o, &a) in out.iter_mut().zip(acc) {
            *o = a as f32 / self.scale;
        }
    }
}

/// Adds the rows numbered `found` into `acc`; with AVX2 where the CPU has it
/// (the build targets plain x86_64, whose SSE2 widens 16-bit weights four at a
/// time). Integer sums: the result is the same either way.
fn add_rows(rows: &[[i16; NUM_TAGS]], found: &[u32], acc: &mut [i32; NUM_TAGS]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has just been found to support AVX2.
        unsafe { add_rows_avx2(rows, found, acc) };
        return;
    }
    add_rows_plain(rows, found, acc);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(rows: &[[i16; NUM_TAGS]], found: &[u32], acc: &mut [i32; NUM_TAGS]) {
    add_rows_plain(rows, found, acc);
}

#[inline(always)]
fn add_rows_plain(rows: &[[i16; NUM_TAGS]], found: &[u32], acc: &mut [i32; NUM_TAGS]) {
    for &r in found {
        if let Some(row) = rows.get(r as usize) {
            for (a, w) in acc.iter_mut().zip(row) {
                *a += i32::from(*w);
            }
        }
    }
}

/// Asks the CPU to bring both cache lines a row may straddle towards the core; a
/// hint only, it changes no result.
#[inline(always)]
fn prefetch(row: &[i16; NUM_TAGS]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let p = row.as_ptr().cast::<i8>();
        // SAFETY: a prefetch never faults nor reads into the program; SSE, which
        // it needs, is part of every x86_64 CPU.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(p);
            _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(size_of::<[i16; NUM_TAGS]>() - 1));
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = row;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_bytes() {
        let bits = 8;
        let mut w = vec![0f32; (1 << bits) * NUM_TAGS];
        w[3] = 1.5;
        w[NUM_TAGS * 7 + 2] = -0.25;
        let m = Model::quantise(bits, &w);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("parses");
        let feat = 7u64 << (64 - bits);
        let (mut a, mut b) = ([0f32; NUM_TAGS], [0f32; NUM_TAGS]);
        m.score(&[feat], &mut a);
        back.score(&[feat], &mut b);
        assert_eq!(a, b);
        assert!((b[2] + 0.25).abs() < 1e-3);
    }

    #[test]
    fn rejects_damaged_files() {
        assert_eq!(Model::from_bytes(b"nope").err(), Some(ModelError::Header));
        let mut w = vec![0f32; (1 << 8) * NUM_TAGS];
        w[5] = 1.0;
        let bytes = Model::quantise(8, &w).to_bytes();
        assert_eq!(
            Model::from_bytes(&bytes[..bytes.len() - 1]).err(),
            Some(ModelError::Body)
        );
    }
}
