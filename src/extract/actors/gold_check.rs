//! A check of resolution against gold names, run by hand (never in CI, it reads no repository
//! file): feeds each document's gold entity spans to `resolve` and writes the mentions it keeps
//! as predictions for `score_ner.py`, so the score shows what cleaning and merging cost.
//!
//! BRIEFING_GOLD=dev.jsonl BRIEFING_PRED=/tmp/pred.jsonl \
//!   cargo test --release gold_check -- --ignored --nocapture
//! python3 score_ner.py dev.jsonl /tmp/pred.jsonl

use super::{merge_across, resolve};
use crate::extract::{ActorKind, NameSpan};
use std::io::Write;

fn kind_of(t: &str) -> Option<ActorKind> {
    match t {
        "PER" => Some(ActorKind::Person),
        "ORG" => Some(ActorKind::Organization),
        "LOC" => Some(ActorKind::Place),
        "MISC" => Some(ActorKind::Group),
        _ => None,
    }
}

#[test]
#[ignore]
fn gold_check() -> Result<(), Box<dyn std::error::Error>> {
    let (Ok(gold), Ok(pred)) = (
        std::env::var("BRIEFING_GOLD"),
        std::env::var("BRIEFING_PRED"),
    ) else {
        return Ok(());
    };
    let mut out = std::fs::File::create(pred)?;
    let mut actors_out = std::fs::File::create("/tmp/gold_check_actors.txt")?;
    let mut everyone = Vec::new();
    for line in std::fs::read_to_string(gold)?.lines() {
        let doc: serde_json::Value = serde_json::from_str(line)?;
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
                // The recogniser's kind for the span, as the NER yardstick scores it.
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
        everyone.extend(actors.iter().cloned());
        writeln!(actors_out, "== {}", doc["id"])?;
        for a in &actors {
            writeln!(
                actors_out,
                "{:?} {} | {} | {:?} | {:?}",
                a.kind, a.id, a.name, a.aliases, a.roles
            )?;
        }
    }
    // Merges across documents that join different names, for reading.
    let merged = merge_across(&everyone);
    let mut merges_out = std::fs::File::create("/tmp/gold_check_merges.txt")?;
    for (i, &r) in merged.iter().enumerate() {
        if everyone[i].id != everyone[r].id {
            writeln!(
                merges_out,
                "{:?} {} -> {}",
                everyone[i].kind, everyone[i].name, everyone[r].name
            )?;
        }
    }
    Ok(())
}
