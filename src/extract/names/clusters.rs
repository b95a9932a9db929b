//! Word clusters: which words behave alike in a large unlabelled text.
//!
//! CoNLL's training text is small; most names and many context words of a news
//! article never occur in it. Clusters of word vectors learnt from billions of
//! words (GloVe 6B, see `data/ner/README.md`) say that an unseen `Rovaniemi`
//! sits with the towns and `spokeswoman` with `spokesman` (Turian et al. 2010,
//! Ratinov & Roth 2009). Each word has one cluster per granularity, coarse to
//! fine; the tagger sees the cluster numbers as features.
//!
//! File format (`data/ner/clusters.bin`, written by `src/bin/build_clusters.rs`,
//! little endian): magic `CLU1`, level count (u32), the cluster count of each
//! level (u32 each), word count (u32), then for each word its cluster number at
//! every level (u16 each), its byte length (u8) and its lowercase UTF-8 bytes.

use super::features::{IdMap, lower_hash};
use std::sync::OnceLock;

/// Granularities the tagger uses (coarse to fine); a file with fewer levels
/// leaves the rest unknown.
pub const LEVELS: usize = 3;
/// Cluster number of a word the table does not hold.
pub const UNKNOWN: u16 = u16::MAX;

const MAGIC: &[u8; 4] = b"CLU1";
const DATA: &[u8] = include_bytes!("../../../data/ner/clusters.bin");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClusterError {
    #[error("not a cluster file (bad magic or header)")]
    Header,
    #[error("cluster file is truncated or a cluster number is out of range")]
    Body,
    #[error("levels, words and cluster numbers do not line up")]
    Shape,
}

/// A cluster table: words in frequency order and their clusters at each level.
#[derive(Debug, PartialEq, Eq)]
pub struct Clusters {
    sizes: Vec<u32>,
    words: Vec<String>,
    /// `ids[level][word]`.
    ids: Vec<Vec<u16>>,
}

fn read_u32(b: &[u8], at: &mut usize) -> Option<u32> {
    let v = u32::from_le_bytes(b.get(*at..*at + 4)?.try_into().ok()?);
    *at += 4;
    Some(v)
}

impl Clusters {
    /// Words longer than 255 bytes are dropped (no real word is).
    pub fn from_parts(
        sizes: Vec<u32>,
        words: Vec<String>,
        ids: Vec<Vec<u16>>,
    ) -> Result<Clusters, ClusterError> {
        let fits = ids.len() == sizes.len()
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
        Ok(Clusters {
            ids: ids.iter().map(|l| pick(l)).collect(),
            words: words.into_iter().filter(|w| w.len() <= 255).collect(),
            sizes,
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
        for (i, w) in self.words.iter().enumerate() {
            for level in &self.ids {
                out.extend_from_slice(&level[i].to_le_bytes());
            }
            out.push(w.len() as u8);
            out.extend_from_slice(w.as_bytes());
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Clusters, ClusterError> {
        let mut words = Vec::new();
        let mut ids: Vec<Vec<u16>> = Vec::new();
        let sizes = parse(b, |w, c| {
            ids.resize(c.len(), Vec::new());
            for (level, &id) in ids.iter_mut().zip(c) {
                level.push(id);
            }
            words.push(w.to_string());
        })?;
        ids.resize(sizes.len(), Vec::new());
        Ok(Clusters { sizes, words, ids })
    }

    /// Number of granularities.
    pub fn levels(&self) -> usize {
        self.sizes.len()
    }
}

/// Walks a cluster file: calls `each` with every word and its cluster numbers
/// (one per level), without allocating; returns the cluster count of each level.
fn parse(b: &[u8], mut each: impl FnMut(&str, &[u16])) -> Result<Vec<u32>, ClusterError> {
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
    let mut ids = [0u16; 16];
    for _ in 0..n {
        for (slot, &k) in ids.iter_mut().zip(&sizes) {
            let c = b.get(at..at + 2).ok_or(ClusterError::Body)?;
            at += 2;
            *slot = u16::from_le_bytes([c[0], c[1]]);
            if u32::from(*slot) >= k {
                return Err(ClusterError::Body);
            }
        }
        let len = usize::from(*b.get(at).ok_or(ClusterError::Body)?);
        let w = b.get(at + 1..at + 1 + len).ok_or(ClusterError::Body)?;
        at += 1 + len;
        let w = std::str::from_utf8(w).map_err(|_| ClusterError::Body)?;
        each(w, &ids[..levels]);
    }
    Ok(sizes)
}

/// The words of a cluster file keyed by `lower_hash`, so a token is looked up
/// by the hash the tagger computes anyway. When two words fold to one key
/// (`café`, `cafe`) the more frequent (earlier) one wins.
fn lookup(b: &[u8]) -> Result<IdMap<[u16; LEVELS]>, ClusterError> {
    let mut map = IdMap::default();
    parse(b, |w, ids| {
        let mut c = [UNKNOWN; LEVELS];
        for (slot, &id) in c.iter_mut().zip(ids) {
            *slot = id;
        }
        map.entry(lower_hash(w)).or_insert(c);
    })?;
    Ok(map)
}

/// The clusters of the word whose `lower_hash` is `lower`, coarse to fine;
/// `UNKNOWN` at every level for a word the table lacks (or if the compiled-in
/// table does not parse, which only costs the tagger some accuracy).
pub fn of(lower: u64) -> [u16; LEVELS] {
    static TABLE: OnceLock<IdMap<[u16; LEVELS]>> = OnceLock::new();
    TABLE
        .get_or_init(|| lookup(DATA).unwrap_or_default())
        .get(&lower)
        .copied()
        .unwrap_or([UNKNOWN; LEVELS])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Clusters {
        Clusters::from_parts(
            vec![2, 4],
            vec!["paris".into(), "london".into(), "said".into()],
            vec![vec![0, 0, 1], vec![3, 3, 2]],
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
            Clusters::from_bytes(b"CLU2").err(),
            Some(ClusterError::Header)
        );
        assert_eq!(
            Clusters::from_bytes(&bytes[..bytes.len() - 1]).err(),
            Some(ClusterError::Body)
        );
        let bad = Clusters::from_parts(vec![2], vec!["a".into()], vec![vec![5]]);
        assert_eq!(bad.err(), Some(ClusterError::Shape));
    }

    #[test]
    fn looks_words_up_case_blind() {
        let map = lookup(&sample().to_bytes()).expect("parses");
        assert_eq!(map.get(&lower_hash("London")), Some(&[0, 3, UNKNOWN]));
        assert_eq!(map.get(&lower_hash("SAID")), Some(&[1, 2, UNKNOWN]));
        assert_eq!(map.get(&lower_hash("Rome")), None);
    }

    #[test]
    fn compiled_in_table_groups_like_words() {
        // Nordic cities, surnames and reporting verbs each share a fine cluster,
        // and the three clusters differ.
        let fine = |w: &str| of(lower_hash(w))[LEVELS - 1];
        assert_ne!(fine("Helsinki"), UNKNOWN);
        assert_eq!(fine("Helsinki"), fine("Stockholm"));
        assert_eq!(fine("Smith"), fine("Jones"));
        assert_eq!(fine("said"), fine("told"));
        assert_ne!(fine("Helsinki"), fine("Smith"));
        assert_ne!(fine("Smith"), fine("said"));
        assert_eq!(of(lower_hash("Xqzzyv")), [UNKNOWN; LEVELS]);
    }
}
