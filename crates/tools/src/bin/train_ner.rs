//! Trains, evaluates and times the name recogniser.
//!
//! ```text
//! train_ner train --train train.jsonl --dev dev.jsonl --out crates/engine/data/ner/model.bin
//! train_ner predict GOLD.jsonl --out pred.jsonl     # the compiled-in model, for score_ner.py
//! train_ner bench FILE...                           # throughput of `recognise`
//! ```
//!
//! Training is deterministic: the same data and options give the same model.
//! Input is the CoNLL-2003 JSONL of `/work/shared/eval/ner` (see its README).

use anyhow::{Context, Result, bail};
use briefing_engine::NameSpan;
use briefing_engine::names::features::{self, NUM_TAGS, O, Prepared, tag};
use briefing_engine::names::gazetteer::{FIRST_NAME, Gazetteer, LISTS, MINED};
use briefing_engine::names::model::{Model, Scorer, bucket};
use briefing_engine::names::{self, Frozen, HAND_LISTS, KINDS};
use clap::{Parser, Subcommand};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Train on `--train`, report dev scores per epoch, write the model and mined lists.
    Train {
        #[arg(long)]
        train: PathBuf,
        #[arg(long)]
        dev: PathBuf,
        #[arg(long, default_value = "crates/engine/data/ner/model.bin")]
        out: PathBuf,
        #[arg(long, default_value = "crates/engine/data/ner/mined.tsv")]
        mined: PathBuf,
        #[arg(long, default_value_t = 9)]
        epochs: usize,
        /// Perceptrons trained on different document orders, then averaged.
        #[arg(long, default_value_t = 5)]
        ensemble: usize,
        /// log2 of the number of feature buckets.
        #[arg(long, default_value_t = 18)]
        bits: u32,
        /// Drop averaged weights smaller than this: keeps the model small and
        /// fast (an ensemble's average has many tiny weights; dropping them
        /// shrinks the table at no cost on dev).
        #[arg(long, default_value_t = 0.2)]
        prune: f32,
        /// Write the final model's dev predictions here (scorer format).
        #[arg(long)]
        pred: Option<PathBuf>,
        /// More training documents (e.g. the dev file, once tuning is done,
        /// for a final model; its dev scores then mean nothing).
        #[arg(long)]
        also: Option<PathBuf>,
        /// Mixed into the document-order seeds: other seeds show how much a
        /// dev score moves with the order alone (0: the committed model's).
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Tag a gold JSONL file with the compiled-in model; write scorer input.
    Predict {
        gold: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the names `recognise` finds in a plain text file.
    Show { file: PathBuf },
    /// Time `recognise` over files (plain text, or JSONL whose `text` fields are used).
    Bench {
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
}

#[derive(Deserialize)]
struct GoldEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    typ: String,
}

#[derive(Deserialize)]
struct GoldDoc {
    id: String,
    text: String,
    #[serde(default)]
    entities: Vec<GoldEntity>,
}

/// A gold entity as a byte range and a type index.
struct Entity {
    start: usize,
    end: usize,
    kind: usize,
}

struct Doc {
    id: String,
    text: String,
    entities: Vec<Entity>,
}

fn read_docs(path: &PathBuf) -> Result<Vec<Doc>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {path:?}"))?;
    let mut docs = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let d: GoldDoc = serde_json::from_str(line)?;
        // Code point offsets to byte offsets.
        let mut byte_of: Vec<usize> = d.text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(d.text.len());
        let mut entities = Vec::new();
        for e in &d.entities {
            let kind = ["PER", "ORG", "LOC", "MISC"]
                .iter()
                .position(|t| *t == e.typ)
                .with_context(|| format!("unknown type {}", e.typ))?;
            let (Some(&start), Some(&end)) = (byte_of.get(e.start), byte_of.get(e.end)) else {
                bail!("entity out of range in {}", d.id);
            };
            entities.push(Entity { start, end, kind });
        }
        docs.push(Doc {
            id: d.id,
            text: d.text,
            entities,
        });
    }
    Ok(docs)
}

/// BILOU tags of the tokens from gold spans; counts entities whose edges fall inside a token.
fn gold_tags(p: &Prepared, doc: &Doc, misaligned: &mut usize) -> Vec<usize> {
    let mut tags = vec![O; p.tokens.len()];
    for e in &doc.entities {
        let inside: Vec<usize> = (0..p.tokens.len())
            .filter(|&i| p.tokens[i].start >= e.start && p.tokens[i].end <= e.end)
            .collect();
        let straddles = p
            .tokens
            .iter()
            .any(|t| t.start < e.end && t.end > e.start && (t.start < e.start || t.end > e.end));
        if straddles || inside.is_empty() {
            *misaligned += 1;
        }
        for (k, &i) in inside.iter().enumerate() {
            let pos = match (k == 0, k + 1 == inside.len()) {
                (true, true) => features::U,
                (true, false) => features::B,
                (false, true) => features::L,
                (false, false) => features::I,
            };
            tags[i] = tag(e.kind, pos);
        }
    }
    tags
}

/// Averaged perceptron over the hashed table (Daumé's trick: average = w - u / c).
struct Perceptron {
    bits: u32,
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
}

impl Scorer for Perceptron {
    fn score(&self, feats: &[u64], out: &mut [f32; NUM_TAGS]) {
        out.fill(0.0);
        for &f in feats {
            let b = bucket(f, self.bits) * NUM_TAGS;
            for (o, w) in out.iter_mut().zip(&self.w[b..b + NUM_TAGS]) {
                *o += w;
            }
        }
    }
    fn learn(&mut self, feats: &[u64], gold: usize, pred: usize) {
        for &f in feats {
            let b = bucket(f, self.bits) * NUM_TAGS;
            self.w[b + gold] += 1.0;
            self.u[b + gold] += self.c;
            self.w[b + pred] -= 1.0;
            self.u[b + pred] -= self.c;
        }
    }
    fn tick(&mut self) {
        self.c += 1.0;
    }
}

impl Perceptron {
    /// Adds `share` times the averaged weights (`w - u / c`) to `into`.
    fn add_averaged(&self, into: &mut [f32], share: f32) {
        for ((a, w), u) in into.iter_mut().zip(&self.w).zip(&self.u) {
            *a += (f64::from(*w) - u / self.c) as f32 * share;
        }
    }
}

/// Micro P/R/F1 over PER, ORG, LOC with exact typed spans.
fn evaluate(docs: &[Doc], preds: &[Vec<NameSpan>]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for (d, pred) in docs.iter().zip(preds) {
        let gold: BTreeSet<(usize, usize, usize)> = d
            .entities
            .iter()
            .filter(|e| e.kind < 3)
            .map(|e| (e.start, e.end, e.kind))
            .collect();
        let got: BTreeSet<(usize, usize, usize)> = pred
            .iter()
            .filter_map(|s| {
                let k = KINDS.iter().position(|k| *k == s.kind)?;
                (k < 3).then_some((s.start, s.end, k))
            })
            .collect();
        tp += gold.intersection(&got).count();
        np += got.len();
        ng += gold.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

fn write_predictions(path: &PathBuf, docs: &[Doc], preds: &[Vec<NameSpan>]) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (d, pred) in docs.iter().zip(preds) {
        let cp = |b: usize| d.text[..b].chars().count();
        let mentions: Vec<serde_json::Value> = pred
            .iter()
            .map(|s| {
                serde_json::json!({"start": cp(s.start), "end": cp(s.end), "kind": s.kind.as_str()})
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": d.id, "mentions": mentions})
        )?;
    }
    Ok(())
}

/// Words written in lowercase at least `COMMON_MIN` times in the training text.
fn common_words(docs: &[Doc]) -> BTreeSet<String> {
    const COMMON_MIN: usize = 1;
    let mut counts = std::collections::HashMap::<&str, usize>::new();
    for d in docs {
        for w in d.text.split_whitespace() {
            if w.chars().all(|c| c.is_lowercase()) {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= COMMON_MIN)
        .map(|(w, _)| w.to_string())
        .collect()
}

/// Gazetteer of the hand lists plus the names of `docs` (as mined lists).
fn gazetteer_from(docs: &[&Doc]) -> (Gazetteer, BTreeSet<(usize, String)>) {
    let mut mined = BTreeSet::new();
    for d in docs {
        for e in &d.entities {
            let name = &d.text[e.start..e.end];
            mined.insert((MINED + e.kind, name.to_string()));
            // First names of people named in full.
            if let (0, Some((first, _))) = (e.kind, name.split_once(' '))
                && first.len() > 1
                && first.chars().all(char::is_alphabetic)
            {
                mined.insert((FIRST_NAME, first.to_string()));
            }
        }
    }
    let mut gaz = Gazetteer::default();
    gaz.add_tsv(HAND_LISTS);
    for (list, phrase) in &mined {
        gaz.add(*list, phrase);
    }
    (gaz, mined)
}

/// Training options.
struct Opts {
    seed: u64,
    epochs: usize,
    ensemble: usize,
    bits: u32,
    prune: f32,
}

/// A training document made ready: prepared text and gold tags.
struct TrainDoc {
    p: Prepared,
    gold: Vec<usize>,
}

/// Trains the tagger on `docs`: `o.ensemble` perceptrons, each over its own
/// fixed-seed shuffle of the documents, whose averaged weights are averaged
/// again (a single perceptron's score swings with the order it reads the
/// documents in; the mean of several swings less).
/// `each_epoch` sees the combined model after every epoch.
fn train_pass(docs: &[&TrainDoc], o: &Opts, mut each_epoch: impl FnMut(usize, &Model)) -> Model {
    let size = (1usize << o.bits) * NUM_TAGS;
    let base = 0x2545_f491_4f6c_dd1du64 ^ o.seed.wrapping_mul(0xd6e8_feb8_6659_fd93);
    let mut members: Vec<(Perceptron, Vec<usize>, u64)> = (0..o.ensemble.max(1))
        .map(|m| {
            let model = Perceptron {
                bits: o.bits,
                w: vec![0.0; size],
                u: vec![0.0; size],
                c: 1.0,
            };
            // Member 0 keeps the base seed; the others get seeds of their own.
            let seed = base ^ (m as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            (model, (0..docs.len()).collect(), seed)
        })
        .collect();
    let combined = |members: &[(Perceptron, Vec<usize>, u64)]| {
        let mut avg = vec![0f32; size];
        for (m, _, _) in members {
            m.add_averaged(&mut avg, 1.0 / members.len() as f32);
        }
        let prune = o.prune;
        avg.iter_mut()
            .filter(|a| a.abs() < prune)
            .for_each(|a| *a = 0.0);
        Model::quantise(o.bits, &avg)
    };
    for epoch in 1..=o.epochs {
        for (model, order, rng) in &mut members {
            // Fisher-Yates with xorshift: a fixed seed keeps training deterministic.
            for i in (1..order.len()).rev() {
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                order.swap(i, (*rng % (i as u64 + 1)) as usize);
            }
            for &d in order.iter() {
                let td = docs[d];
                names::decode(&td.p, model, Some(&td.gold));
            }
        }
        each_epoch(epoch, &combined(&members));
    }
    combined(&members)
}

fn tag_all(docs: &[Doc], prepared: &[Prepared], m: &Model) -> Vec<Vec<NameSpan>> {
    docs.iter()
        .zip(prepared)
        .map(|(d, p)| names::spans(&d.text, p, &names::decode(p, &mut Frozen(m), None)))
        .collect()
}

fn train(
    train: &PathBuf,
    dev: &PathBuf,
    out: &PathBuf,
    mined_out: &PathBuf,
    o: &Opts,
    pred: Option<&PathBuf>,
    also: Option<&PathBuf>,
) -> Result<()> {
    let mut train_docs = read_docs(train)?;
    if let Some(path) = also {
        train_docs.extend(read_docs(path)?);
        eprintln!("training on {path:?} too: the dev scores below are not held out");
    }
    let dev_docs = read_docs(dev)?;
    // Two folds by parity: each half of the training text sees lists mined from
    // the other half only, as unseen text will (names it lists, and names it doesn't).
    let fold_docs: [Vec<&Doc>; 2] = [0, 1].map(|f| {
        train_docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 != f)
            .map(|(_, d)| d)
            .collect()
    });
    let fold_gaz = [
        gazetteer_from(&fold_docs[0]).0,
        gazetteer_from(&fold_docs[1]).0,
    ];
    let all: Vec<&Doc> = train_docs.iter().collect();
    let (mut full_gaz, mined) = gazetteer_from(&all);
    let common = common_words(&train_docs);
    let mut fold_gaz = fold_gaz;
    for g in fold_gaz.iter_mut().chain([&mut full_gaz]) {
        for w in &common {
            g.add_common(w);
        }
    }

    let mut misaligned = 0;
    let tdocs: Vec<TrainDoc> = train_docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = features::prepare(&d.text, &fold_gaz[i % 2]);
            let gold = gold_tags(&p, d, &mut misaligned);
            TrainDoc { p, gold }
        })
        .collect();
    let dev_prepared: Vec<Prepared> = dev_docs
        .iter()
        .map(|d| features::prepare(&d.text, &full_gaz))
        .collect();
    eprintln!(
        "{} train docs, {} tokens; {misaligned} gold entities not aligned with tokens",
        tdocs.len(),
        tdocs.iter().map(|t| t.p.tokens.len()).sum::<usize>()
    );

    let m = train_pass(&tdocs.iter().collect::<Vec<_>>(), o, |epoch, m| {
        let (pr, rc, f) = evaluate(&dev_docs, &tag_all(&dev_docs, &dev_prepared, m));
        eprintln!("epoch {epoch:2}: dev P {pr:.4} R {rc:.4} F1 {f:.4}");
    });
    if let Some(path) = pred {
        write_predictions(path, &dev_docs, &tag_all(&dev_docs, &dev_prepared, &m))?;
    }
    let bytes = m.to_bytes();
    std::fs::write(out, &bytes)?;
    eprintln!("wrote {out:?} ({} bytes)", bytes.len());
    let mut tsv =
        String::from("# Mined from CoNLL-2003 train by `train_ner train`; do not edit.\n");
    for (list, phrase) in &mined {
        tsv.push_str(&format!("{}\t{phrase}\n", LISTS[*list]));
    }
    for w in &common {
        tsv.push_str(&format!("common\t{w}\n"));
    }
    std::fs::write(mined_out, tsv)?;
    eprintln!("wrote {mined_out:?} ({} names)", mined.len());
    Ok(())
}

fn texts(files: &[PathBuf]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(f).with_context(|| format!("reading {f:?}"))?;
        if f.extension().is_some_and(|e| e == "jsonl") {
            for line in raw.lines().filter(|l| !l.trim().is_empty()) {
                let d: GoldDoc = serde_json::from_str(line)?;
                out.push(d.text);
            }
        } else {
            out.push(raw);
        }
    }
    Ok(out)
}

fn main() -> Result<()> {
    match Cli::parse().cmd {
        Cmd::Train {
            train: t,
            dev,
            out,
            mined,
            epochs,
            ensemble,
            bits,
            prune,
            pred,
            also,
            seed,
        } => {
            let o = Opts {
                seed,
                epochs,
                ensemble,
                bits,
                prune,
            };
            train(&t, &dev, &out, &mined, &o, pred.as_ref(), also.as_ref())
        }
        Cmd::Predict { gold, out } => {
            let docs = read_docs(&gold)?;
            let preds: Vec<_> = docs.iter().map(|d| names::recognise(&d.text)).collect();
            write_predictions(&out, &docs, &preds)
        }
        Cmd::Show { file } => {
            let text = std::fs::read_to_string(&file)?;
            for s in names::recognise(&text) {
                println!("{:12} {}", s.kind.as_str(), &text[s.start..s.end]);
            }
            Ok(())
        }
        Cmd::Bench { files, rounds } => {
            let t0 = Instant::now();
            names::recognise("Warm up.");
            eprintln!("model load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
            let docs = texts(&files)?;
            let bytes: usize = docs.iter().map(String::len).sum();
            let mut rates = Vec::new();
            for _ in 0..rounds {
                let t = Instant::now();
                let n: usize = docs.iter().map(|d| names::recognise(d).len()).sum();
                let secs = t.elapsed().as_secs_f64();
                rates.push(bytes as f64 / secs / 1e6);
                eprintln!("{bytes} bytes, {n} names in {:.3}s", secs);
            }
            rates.sort_by(f64::total_cmp);
            println!("median throughput: {:.2} MB/s", rates[rates.len() / 2]);
            Ok(())
        }
    }
}
