//! Word clusters: which words behave alike in a large unlabelled text.
//!
//! CoNLL's training text is small; most names and many context words of a news
//! article never occur in it. Clusters of word vectors learnt from billions of
//! words (GloVe 6B, see `data/ner/README.md`) say that an unseen `Rovaniemi`
//! sits with the towns and `spokeswoman` with `spokesman` (Turian et al. 2010,
//! Ratinov & Roth 2009). Each word has one cluster per granularity, coarse to
//! fine; the tagger sees the cluster numbers as features.
//!
//! The same file also holds a coarse picture of each frequent word's vector
//! itself: its first principal components, each cut into three (clearly
//! negative, near zero, clearly positive; Guo et al. 2014 found such binarised
//! embeddings help a linear tagger more than the raw values). Clusters say
//! which group a word falls in; the components say where in the space it lies,
//! which words of different clusters can share (Turian et al. 2010 found the
//! two complementary).
//!
//! File format (`data/ner/clusters.bin`, written by `crates/tools/src/bin/build_clusters.rs`,
//! little endian): magic `CLU2`, level count (u32), the cluster count of each
//! level (u32 each), word count (u32), component count (u32, at most 32),
//! count of words with components (u32), then for each word its cluster number
//! at every level (u16 each), for the first words with components two masks
//! (bit `d`: component `d` is clearly positive; clearly negative) of
//! `ceil(components / 8)` bytes each, its byte length (u8) and its lowercase
//! UTF-8 bytes.

use super::hashing::{IdMap, lower_hash};
use std::sync::OnceLock;

/// Granularities the tagger uses (coarse to fine); a file with fewer levels
/// leaves the rest unknown.
pub const LEVELS: usize = 3;
/// Cluster number of a word the table does not hold.
pub const UNKNOWN: u16 = u16::MAX;

const MAGIC: &[u8; 4] = b"CLU2";
/// Most principal components a word's code can hold (bits of a `u32` mask).
pub const MAX_DIMS: u32 = 32;
const DATA: &[u8] = include_bytes!("../../data/ner/clusters.bin");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClusterError {
    #[error("not a cluster file (bad magic or header)")]
    Header,
    #[error("cluster file is truncated or a cluster number is out of range")]
    Body,
    #[error("levels, words and cluster numbers do not line up")]
    Shape,
}

/// A word's principal components, cut into three: bit `d` of `pos` (`neg`) is
/// set when component `d` is clearly positive (negative).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Code {
    pub pos: u32,
    pub neg: u32,
}

/// What the tagger knows of a word from the vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordClass {
    /// Clusters, coarse to fine (`UNKNOWN` for a word the table lacks).
    pub clusters: [u16; LEVELS],
    pub code: Code,
}

impl Default for WordClass {
    fn default() -> Self {
        WordClass {
            clusters: [UNKNOWN; LEVELS],
            code: Code::default(),
        }
    }
}

/// A cluster table: words in frequency order, their clusters at each level and
/// the codes of the first words.
#[derive(Debug, PartialEq, Eq)]
pub struct Clusters {
    sizes: Vec<u32>,
    words: Vec<String>,
    /// `ids[level][word]`.
    ids: Vec<Vec<u16>>,
    /// Number of principal components the codes hold.
    dims: u32,
    /// Codes of the first `codes.len()` words.
    codes: Vec<Code>,
}

fn read_u32(b: &[u8], at: &mut usize) -> Option<u32> {
    let v = u32::from_le_bytes(b.get(*at..*at + 4)?.try_into().ok()?);
    *at += 4;
    Some(v)
}

/// Bytes a mask of `dims` bits takes in the file.
fn mask_bytes(dims: u32) -> usize {
    dims.div_ceil(8) as usize
}

fn read_mask(b: &[u8], at: &mut usize, dims: u32) -> Option<u32> {
    let width = mask_bytes(dims);
    let mut v = [0u8; 4];
    v[..width].copy_from_slice(b.get(*at..*at + width)?);
    *at += width;
    Some(u32::from_le_bytes(v))
}

impl Clusters {
    /// Words longer than 255 bytes are dropped (no real word is).
    pub fn from_parts(
        sizes: Vec<u32>,
        words: Vec<String>,
        ids: Vec<Vec<u16>>,
        dims: u32,
        mut codes: Vec<Code>,
    ) -> Result<Clusters, ClusterError> {
        let mask = if dims >= MAX_DIMS {
            u32::MAX
        } else {
            (1 << dims) - 1
        };
        let fits = ids.len() == sizes.len()
            && dims <= MAX_DIMS
            && codes.len() <= words.len()
            && codes
                .iter()
                .all(|c| (c.pos | c.neg) & !mask == 0 && c.pos & c.neg == 0)
            && ids.iter().zip(&sizes).all(|(l, &k)| {
                l.len() == words.len() && l.iter().all(|&c| u32::from(c) < k && c != UNKNOWN)
            });
        if !fits {
            return Err(ClusterError::Shape);
        }
        let keep: Vec<bool> = words.iter().map(|w| w.len() <= 255).collect();
        let pick = |v: &[u16]| -> Vec<u16> {
            v.iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| *c)
                .collect()
        };
        let mut k = keep.iter();
        codes.retain(|_| k.next().copied().unwrap_or(true));
        Ok(Clusters {
            ids: ids.iter().map(|l| pick(l)).collect(),
            words: words.into_iter().filter(|w| w.len() <= 255).collect(),
            sizes,
            dims,
            codes,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.sizes.len() as u32).to_le_bytes());
        for k in &self.sizes {
            out.extend_from_slice(&k.to_le_bytes());
        }
        out.extend_from_slice(&(self.words.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.dims.to_le_bytes());
        out.extend_from_slice(&(self.codes.len() as u32).to_le_bytes());
        for (i, w) in self.words.iter().enumerate() {
            for level in &self.ids {
                out.extend_from_slice(&level[i].to_le_bytes());
            }
            if let Some(c) = self.codes.get(i) {
                let width = mask_bytes(self.dims);
                out.extend_from_slice(&c.pos.to_le_bytes()[..width]);
                out.extend_from_slice(&c.neg.to_le_bytes()[..width]);
            }
            out.push(w.len() as u8);
            out.extend_from_slice(w.as_bytes());
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Clusters, ClusterError> {
        let mut words = Vec::new();
        let mut ids: Vec<Vec<u16>> = Vec::new();
        let mut codes = Vec::new();
        let (sizes, dims) = parse(b, |w, c, code| {
            ids.resize(c.len(), Vec::new());
            for (level, &id) in ids.iter_mut().zip(c) {
                level.push(id);
            }
            words.push(w.to_string());
            codes.extend(code);
        })?;
        ids.resize(sizes.len(), Vec::new());
        Ok(Clusters {
            sizes,
            words,
            ids,
            dims,
            codes,
        })
    }

    /// Number of granularities.
    pub fn levels(&self) -> usize {
        self.sizes.len()
    }
}

/// Walks a cluster file: calls `each` with every word and its cluster numbers
/// (one per level) and code if it has one, without allocating; returns the
/// cluster count of each level and the number of components of the codes.
fn parse(
    b: &[u8],
    mut each: impl FnMut(&str, &[u16], Option<Code>),
) -> Result<(Vec<u32>, u32), ClusterError> {
    if b.get(..4) != Some(MAGIC) {
        return Err(ClusterError::Header);
    }
    let mut at = 4;
    let levels = read_u32(b, &mut at).ok_or(ClusterError::Header)? as usize;
    if !(1..=16).contains(&levels) {
        return Err(ClusterError::Header);
    }
    let sizes = (0..levels)
        .map(|_| read_u32(b, &mut at).filter(|&k| (1..=65535).contains(&k)))
        .collect::<Option<Vec<u32>>>()
        .ok_or(ClusterError::Header)?;
    let n = read_u32(b, &mut at).ok_or(ClusterError::Header)?;
    let dims = read_u32(b, &mut at).ok_or(ClusterError::Header)?;
    let coded = read_u32(b, &mut at).ok_or(ClusterError::Header)?;
    if dims > MAX_DIMS || coded > n {
        return Err(ClusterError::Header);
    }
    let mut ids = [0u16; 16];
    for i in 0..n {
        for (slot, &k) in ids.iter_mut().zip(&sizes) {
            let c = b.get(at..at + 2).ok_or(ClusterError::Body)?;
            at += 2;
            *slot = u16::from_le_bytes([c[0], c[1]]);
            if u32::from(*slot) >= k {
                return Err(ClusterError::Body);
            }
        }
        let code = if i < coded {
            let pos = read_mask(b, &mut at, dims).ok_or(ClusterError::Body)?;
            let neg = read_mask(b, &mut at, dims).ok_or(ClusterError::Body)?;
            Some(Code { pos, neg })
        } else {
            None
        };
        let len = usize::from(*b.get(at).ok_or(ClusterError::Body)?);
        let w = b.get(at + 1..at + 1 + len).ok_or(ClusterError::Body)?;
        at += 1 + len;
        let w = std::str::from_utf8(w).map_err(|_| ClusterError::Body)?;
        each(w, &ids[..levels], code);
    }
    Ok((sizes, dims))
}

/// The words of a cluster file keyed by `lower_hash`, so a token is looked up
/// by the hash the tagger computes anyway. When two words fold to one key
/// (`café`, `cafe`) the more frequent (earlier) one wins.
fn lookup(b: &[u8]) -> Result<IdMap<WordClass>, ClusterError> {
    let mut map = IdMap::default();
    parse(b, |w, ids, code| {
        let mut c = WordClass {
            code: code.unwrap_or_default(),
            ..WordClass::default()
        };
        for (slot, &id) in c.clusters.iter_mut().zip(ids) {
            *slot = id;
        }
        map.entry(lower_hash(w)).or_insert(c);
    })?;
    Ok(map)
}

/// The clusters (coarse to fine) and code of the word whose `lower_hash` is
/// `lower`; `UNKNOWN` clusters and an empty code for a word the table lacks (or
/// if the compiled-in table does not parse, which only costs the tagger some
/// accuracy).
pub fn of(lower: u64) -> WordClass {
    table().get(&lower).copied().unwrap_or_default()
}

/// The compiled-in table, parsed on first use.
fn table() -> &'static IdMap<WordClass> {
    static TABLE: OnceLock<IdMap<WordClass>> = OnceLock::new();
    TABLE.get_or_init(|| lookup(DATA).unwrap_or_default())
}

/// Parses the table now rather than at the first word looked up.
pub fn warm_up() {
    table();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Clusters {
        Clusters::from_parts(
            vec![2, 4],
            vec!["paris".into(), "london".into(), "said".into()],
            vec![vec![0, 0, 1], vec![3, 3, 2]],
            3,
            vec![
                Code {
                    pos: 0b101,
                    neg: 0b010,
                },
                Code { pos: 1, neg: 0 },
            ],
        )
        .expect("consistent parts")
    }

    #[test]
    fn round_trips_through_bytes() {
        let c = sample();
        assert_eq!(Clusters::from_bytes(&c.to_bytes()), Ok(c));
    }

    #[test]
    fn rejects_damaged_files() {
        let bytes = sample().to_bytes();
        assert_eq!(
            Clusters::from_bytes(b"CLU1").err(),
            Some(ClusterError::Header)
        );
        assert_eq!(
            Clusters::from_bytes(&bytes[..bytes.len() - 1]).err(),
            Some(ClusterError::Body)
        );
        let bad = Clusters::from_parts(vec![2], vec!["a".into()], vec![vec![5]], 0, vec![]);
        assert_eq!(bad.err(), Some(ClusterError::Shape));
        // A code may not use components beyond the table's count.
        let code = vec![Code { pos: 0b100, neg: 0 }];
        let bad = Clusters::from_parts(vec![2], vec!["a".into()], vec![vec![1]], 2, code);
        assert_eq!(bad.err(), Some(ClusterError::Shape));
    }

    #[test]
    fn looks_words_up_case_blind() {
        let map = lookup(&sample().to_bytes()).expect("parses");
        let get = |w: &str| map.get(&lower_hash(w)).copied();
        assert_eq!(get("London").map(|c| c.clusters), Some([0, 3, UNKNOWN]));
        assert_eq!(get("London").map(|c| c.code.pos), Some(1));
        assert_eq!(get("SAID").map(|c| c.clusters), Some([1, 2, UNKNOWN]));
        // Only the first words carry codes.
        assert_eq!(get("said").map(|c| c.code), Some(Code::default()));
        assert_eq!(get("Rome"), None);
    }

    #[test]
    fn compiled_in_table_groups_like_words() {
        // Nordic cities, surnames and reporting verbs each share a fine cluster,
        // and the three clusters differ.
        let fine = |w: &str| of(lower_hash(w)).clusters[LEVELS - 1];
        assert_ne!(fine("Helsinki"), UNKNOWN);
        assert_eq!(fine("Helsinki"), fine("Stockholm"));
        assert_eq!(fine("Smith"), fine("Jones"));
        assert_eq!(fine("said"), fine("told"));
        assert_ne!(fine("Helsinki"), fine("Smith"));
        assert_ne!(fine("Smith"), fine("said"));
        assert_eq!(of(lower_hash("Xqzzyv")), WordClass::default());
    }

    #[test]
    fn compiled_in_codes_place_like_words_alike() {
        // Nordic capitals, computer companies and surnames each share a code;
        // the three codes and a reporting verb's differ.
        let code = |w: &str| of(lower_hash(w)).code;
        assert_ne!(code("helsinki"), Code::default());
        assert_eq!(code("Helsinki"), code("Stockholm"));
        assert_eq!(code("IBM"), code("Microsoft"));
        assert_eq!(code("Smith"), code("Jones"));
        let distinct = [code("Helsinki"), code("IBM"), code("Smith"), code("said")];
        for (i, a) in distinct.iter().enumerate() {
            assert!(distinct[i + 1..].iter().all(|b| b != a));
        }
    }
}
