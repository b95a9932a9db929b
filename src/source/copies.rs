//! Syndicated copies: one wire story that several outlets publish, trimmed or
//! retitled, is one article listing every source, not five.
//!
//! Two articles are copies when most of the shorter one's eight-word runs
//! (shingles) are in the longer one. Eight words in a row are rarely shared by
//! chance, and stay shared when an outlet cuts paragraphs, adds a line or
//! changes the title. Candidates are found through a bottom-k sketch of each
//! article's shingles, so the cost grows with the articles, not their pairs.

use super::{Article, ArticleCopy};
use std::collections::HashMap;

/// Words in one shingle.
const SHINGLE_WORDS: usize = 8;
/// Words of each article compared: a copy shares the story's opening, and a
/// long article costs no more than its beginning.
const WORDS_COMPARED: usize = 400;
/// The smallest shingle hashes kept per article as its sketch: two copies
/// share at least one of them with near certainty.
const SKETCH: usize = 8;
/// Articles compared per sketch key, at most: a run of words that very many
/// articles share is boilerplate, not a sign of copying.
const BUCKET: usize = 32;
/// Earlier members of a bucket each article is compared with: copies of one
/// story are alike, so a few links join them all, and a bucket of articles
/// that only share a stock phrase costs little.
const COMPARED_BEFORE: usize = 4;
/// Share of the shorter article's shingles the longer one must hold.
const MIN_CONTAINED: f64 = 0.8;
/// The shorter article must be at least this share of the longer one's
/// length: a short report is not a copy of the long one that quotes it.
const MIN_LENGTH_RATIO: f64 = 0.4;
/// Articles with fewer shingles than this are too short to call copies.
const MIN_SHINGLES: usize = 12;

/// Merges copies: each group keeps its longest text (the earliest path on a
/// tie) with the others listed in its `copies`; order is kept otherwise.
pub fn merge_copies(articles: Vec<Article>) -> Vec<Article> {
    if articles.len() < 2 {
        return articles;
    }
    let shingles: Vec<Vec<u64>> = {
        use rayon::prelude::*;
        articles.par_iter().map(|a| shingles_of(&a.body)).collect()
    };
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in shingles.iter().enumerate() {
        if s.len() < MIN_SHINGLES {
            continue;
        }
        for &key in s.iter().take(SKETCH) {
            let bucket = buckets.entry(key).or_default();
            if bucket.len() < BUCKET {
                bucket.push(i);
            }
        }
    }
    let mut groups = UnionFind::new(articles.len());
    let mut keys: Vec<&u64> = buckets.keys().collect();
    keys.sort_unstable();
    for key in keys {
        let bucket = &buckets[key];
        for (n, &b) in bucket.iter().enumerate() {
            for &a in &bucket[n.saturating_sub(COMPARED_BEFORE)..n] {
                if articles[a].path != articles[b].path
                    && groups.find(a) != groups.find(b)
                    && similar_lengths(&articles[a].body, &articles[b].body)
                    && are_copies(&shingles[a], &shingles[b])
                {
                    groups.union(a, b);
                }
            }
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..articles.len() {
        members.entry(groups.find(i)).or_default().push(i);
    }
    // The article of each group that stays: the most words, then the first.
    let mut kept_of = vec![usize::MAX; articles.len()];
    for group in members.values() {
        let kept = group
            .iter()
            .copied()
            .max_by_key(|&i| (articles[i].body.len(), std::cmp::Reverse(i)))
            .unwrap_or(group[0]);
        for &i in group {
            kept_of[i] = kept;
        }
    }
    let mut copies: HashMap<usize, Vec<ArticleCopy>> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        if kept_of[i] != i {
            copies.entry(kept_of[i]).or_default().push(ArticleCopy {
                path: article.path.clone(),
                title: article.title.clone(),
                date: article.date,
                source: article.source.clone(),
                url: article.url.clone(),
            });
        }
    }
    articles
        .into_iter()
        .enumerate()
        .filter(|(i, _)| kept_of[*i] == *i)
        .map(|(i, mut article)| {
            if let Some(mut found) = copies.remove(&i) {
                article.copies.append(&mut found);
            }
            article
        })
        .collect()
}

/// The distinct shingle hashes of the article's first [`WORDS_COMPARED`]
/// words, smallest first. Copies keep their words' case, so words are hashed
/// as written.
fn shingles_of(body: &str) -> Vec<u64> {
    let words: Vec<u64> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(WORDS_COMPARED)
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
        .collect();
    let mut hashes: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|window| {
            let mut bytes = [0u8; 8 * SHINGLE_WORDS];
            for (slot, word) in bytes.chunks_exact_mut(8).zip(window) {
                slot.copy_from_slice(&word.to_le_bytes());
            }
            xxhash_rust::xxh3::xxh3_64(&bytes)
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Whether the shorter text has at least [`MIN_LENGTH_RATIO`] of the longer's length.
fn similar_lengths(a: &str, b: &str) -> bool {
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    short as f64 >= MIN_LENGTH_RATIO * long as f64
}

/// Whether the shorter of two sorted shingle sets lies mostly in the longer.
/// Stops at the first shingle that makes the share unreachable: most
/// candidates are not copies, and say so early.
fn are_copies(a: &[u64], b: &[u64]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let allowed_misses = short.len() - (MIN_CONTAINED * short.len() as f64).ceil() as usize;
    let (mut j, mut misses) = (0, 0usize);
    for &shingle in short {
        while j < long.len() && long[j] < shingle {
            j += 1;
        }
        if j < long.len() && long[j] == shingle {
            j += 1;
        } else {
            misses += 1;
            if misses > allowed_misses {
                return false;
            }
        }
    }
    true
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    /// Joins two groups under the smaller root, so groups do not depend on
    /// the order pairs are found in.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (low, high) = (a.min(b), a.max(b));
        self.parent[high] = low;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::assemble_body;

    fn article(path: &str, source: &str, paragraphs: &[&str]) -> Article {
        let (body, blocks) = assemble_body(
            paragraphs
                .iter()
                .map(|p| (crate::source::BlockKind::Paragraph, p.to_string()))
                .collect(),
        );
        Article {
            path: path.into(),
            title: format!("Title at {source}"),
            date: chrono::NaiveDate::from_ymd_opt(2013, 4, 9),
            source: Some(source.into()),
            url: Some(format!("https://{source}/story")),
            author: None,
            tags: Vec::new(),
            draft: false,
            body: body.into(),
            blocks,
            copies: Vec::new(),
        }
    }

    const WIRE: [&str; 3] = [
        "An earthquake with a magnitude of 6.3 struck southern Iran on Tuesday, killing at least 30 people in villages near the town of Kaki, officials said.",
        "The quake hit about 100 kilometres from the Bushehr nuclear plant, which was not damaged, the Iranian state news agency reported on Tuesday evening.",
        "Rescue teams were sent to the area from the provincial capital, and the Red Crescent set up tents for families whose houses had collapsed in the quake.",
    ];

    #[test]
    fn a_wire_story_in_three_outlets_is_one_article_with_every_source() {
        let trimmed = article("seeds/b.html", "b.example", &WIRE[..2]);
        let full = article("seeds/a.html", "a.example", &WIRE);
        let mut retold = WIRE.to_vec();
        retold.push("Our correspondent adds that aftershocks were felt in the port city of Bushehr overnight.");
        let longer = article("seeds/c.html", "c.example", &retold);
        let other = article(
            "seeds/d.html",
            "d.example",
            &[
                "The city council approved the budget on Tuesday after a long debate over the cost of new buses and the repair of roads in the old town.",
            ],
        );
        let merged = merge_copies(vec![trimmed, full, other, longer]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].path, "seeds/d.html");
        let kept = &merged[1];
        assert_eq!(kept.path, "seeds/c.html", "the longest text stays");
        let sources: Vec<&str> = kept
            .copies
            .iter()
            .filter_map(|c| c.source.as_deref())
            .collect();
        assert_eq!(sources, ["b.example", "a.example"]);
    }

    #[test]
    fn reports_of_one_event_in_their_own_words_stay_apart() {
        let a = article("seeds/a.md", "a", &WIRE);
        let b = article(
            "seeds/b.md",
            "b",
            &[
                "At least 30 people died on Tuesday when a strong earthquake shook villages near Kaki in southern Iran, according to local officials.",
                "Iran's state news agency said the Bushehr nuclear power plant, about 100 kilometres away, had not been damaged by the tremor.",
                "The Red Crescent sent rescue teams and set up tents for families who lost their homes.",
            ],
        );
        assert_eq!(merge_copies(vec![a, b]).len(), 2);
    }

    #[test]
    fn a_short_report_is_not_a_copy_of_a_long_one_quoting_it() {
        let short = article("seeds/a.md", "a", &WIRE[..1]);
        let mut long: Vec<String> = WIRE.iter().map(|s| s.to_string()).collect();
        for n in 0..12 {
            long.push(format!("Paragraph {n} of a long feature about the history of earthquakes in the region, with new facts in every line of it."));
        }
        let long_refs: Vec<&str> = long.iter().map(String::as_str).collect();
        let long = article("seeds/b.md", "b", &long_refs);
        assert_eq!(merge_copies(vec![short, long]).len(), 2);
    }
}
