//! Scores actor resolution on its own: feeds each document's gold entity spans
//! to `resolve` (instead of the recogniser's) and writes the mentions it keeps
//! as predictions for `score_ner.py`, so the score shows what cleaning and
//! merging cost. It also writes, for reading, each document's actors and the
//! merges across documents that join different names.
//!
//! ```text
//! gold_check --gold ../shared/eval/ner/dev.jsonl --pred pred.jsonl \
//!     --actors actors.txt --merges merges.txt
//! python3 ../shared/eval/score_ner.py ../shared/eval/ner/dev.jsonl pred.jsonl
//! ```

use anyhow::{Context, Result};
use briefing_engine::actors::{merge_across, resolve};
use briefing_engine::{ActorKind, NameSpan};
use clap::Parser;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Parser)]
#[command(about = "Scores actor resolution on gold name spans")]
struct Args {
    /// Lines of {"id", "text", "entities": [{"start", "end", "type"}]}, offsets in code points.
    #[arg(long)]
    gold: PathBuf,
    /// Where to write the predictions, for score_ner.py.
    #[arg(long)]
    pred: PathBuf,
    /// Where to write each document's actors (optional).
    #[arg(long)]
    actors: Option<PathBuf>,
    /// Where to write the merges across documents that join different names (optional).
    #[arg(long)]
    merges: Option<PathBuf>,
}

/// The CoNLL type of a gold entity as an actor kind.
fn kind_of(t: &str) -> Option<ActorKind> {
    match t {
        "PER" => Some(ActorKind::Person),
        "ORG" => Some(ActorKind::Organization),
        "LOC" => Some(ActorKind::Place),
        "MISC" => Some(ActorKind::Group),
        _ => None,
    }
}

fn create(path: &PathBuf) -> Result<BufWriter<std::fs::File>> {
    let file = std::fs::File::create(path).with_context(|| format!("{}", path.display()))?;
    Ok(BufWriter::new(file))
}

fn main() -> Result<()> {
    let args = Args::parse();
    let gold =
        std::fs::read_to_string(&args.gold).with_context(|| format!("{}", args.gold.display()))?;
    let mut out = create(&args.pred)?;
    let mut actors_out = args.actors.as_ref().map(create).transpose()?;
    let mut everyone = Vec::new();
    for (number, line) in gold.lines().enumerate() {
        let doc: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}", args.gold.display(), number + 1))?;
        let text = doc["text"].as_str().unwrap_or_default();
        // Code point index -> byte offset.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let chars_at = |b: usize| bytes.partition_point(|&x| x < b);
        let names: Vec<NameSpan> = doc["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let s = bytes.get(usize::try_from(e["start"].as_u64()?).ok()?)?;
                let t = bytes.get(usize::try_from(e["end"].as_u64()?).ok()?)?;
                Some(NameSpan {
                    start: *s,
                    end: *t,
                    kind: kind_of(e["type"].as_str()?)?,
                })
            })
            .collect();
        let (actors, mentions) = resolve(text, &names);
        let mentions: Vec<serde_json::Value> = mentions
            .iter()
            .map(|m| {
                // The gold kind of the span, as the NER yardstick scores it.
                let kind = names
                    .iter()
                    .find(|n| n.start <= m.start && m.end <= n.end)
                    .map_or(actors[m.actor].kind, |n| n.kind);
                serde_json::json!({"start": chars_at(m.start), "end": chars_at(m.end), "kind": kind.as_str()})
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": doc["id"], "mentions": mentions})
        )?;
        if let Some(actors_out) = actors_out.as_mut() {
            writeln!(actors_out, "== {}", doc["id"])?;
            for a in &actors {
                writeln!(
                    actors_out,
                    "{:?} {} | {} | {:?} | {:?}",
                    a.kind, a.id, a.name, a.aliases, a.roles
                )?;
            }
        }
        everyone.extend(actors);
    }
    out.flush()?;
    if let Some(mut actors_out) = actors_out {
        actors_out.flush()?;
    }
    if let Some(path) = &args.merges {
        let merged = merge_across(&everyone);
        let mut merges_out = create(path)?;
        for (i, &r) in merged.iter().enumerate() {
            if everyone[i].id != everyone[r].id {
                writeln!(
                    merges_out,
                    "{:?} {} -> {}",
                    everyone[i].kind, everyone[i].name, everyone[r].name
                )?;
            }
        }
        merges_out.flush()?;
    }
    Ok(())
}
