//! Runs the time-expression extractor over TempEval-style JSON Lines and
//! writes predictions for `score_timex.py` (code point offsets).
//!
//! ```text
//! eval_timex IN.jsonl > pred.jsonl          # predictions
//! eval_timex --bench IN.jsonl [ROUNDS]      # throughput on stderr
//! ```

use anyhow::{Context, Result, bail};
use briefing_engine::time::find_timexes;
use chrono::NaiveDate;
use serde::Deserialize;
use std::io::{BufWriter, Write};
use std::time::Instant;

#[derive(Deserialize)]
struct Doc {
    id: String,
    text: String,
    dct: Option<String>,
}

fn read(path: &str) -> Result<Vec<Doc>> {
    let s = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("{path}:{}", i + 1)))
        .collect()
}

fn dct(d: &Doc) -> Option<NaiveDate> {
    d.dct
        .as_deref()
        .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
}

/// Byte offset to code point index.
fn cp(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, path, rest @ ..] if flag == "--bench" => {
            let docs = read(path)?;
            let rounds: usize = rest.first().map_or(Ok(20), |r| r.parse())?;
            let bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>() * rounds;
            let _ = find_timexes("warm up on Tuesday", None);
            let t = Instant::now();
            let mut n = 0;
            for _ in 0..rounds {
                for d in &docs {
                    n += find_timexes(&d.text, dct(d)).len();
                }
            }
            let secs = t.elapsed().as_secs_f64();
            eprintln!(
                "{} bytes, {n} timexes in {secs:.3} s: {:.1} MB/s",
                bytes,
                bytes as f64 / secs / 1e6
            );
        }
        [path] => {
            let docs = read(path)?;
            let mut out = BufWriter::new(std::io::stdout().lock());
            for d in &docs {
                let timexes: Vec<serde_json::Value> = find_timexes(&d.text, dct(d))
                    .into_iter()
                    .map(|t| {
                        serde_json::json!({
                            "start": cp(&d.text, t.start),
                            "end": cp(&d.text, t.end),
                            "text": &d.text[t.start..t.end],
                            "type": t.kind,
                            "value": t.value,
                        })
                    })
                    .collect();
                let line = serde_json::json!({"id": d.id, "timexes": timexes});
                writeln!(out, "{line}")?;
            }
        }
        _ => bail!("usage: eval_timex IN.jsonl | eval_timex --bench IN.jsonl [ROUNDS]"),
    }
    Ok(())
}
