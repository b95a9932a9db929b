//! The actors' network on the overview: who appears with whom, laid out on a
//! circle (deterministic, readable without JavaScript), drawn as inline SVG.

use super::links::Links;
use crate::model::{Actor, Briefing};
use serde::Serialize;

/// How many actors the drawing holds: more becomes unreadable.
const NODES: usize = 14;
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 440.0;

#[derive(Serialize)]
pub struct Node {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub label: String,
    pub url: String,
    pub kind: &'static str,
    /// Text anchor for the label: labels point away from the centre.
    pub anchor: &'static str,
    pub lx: f64,
    pub ly: f64,
}

#[derive(Serialize)]
pub struct Edge {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub width: f64,
}

#[derive(Serialize)]
pub struct Network {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The most salient actors and the articles they share. `ranked` is by salience.
pub fn network(b: &Briefing, ranked: &[&Actor], links: &Links) -> Option<Network> {
    let chosen: Vec<&Actor> = ranked.iter().copied().take(NODES).collect();
    if chosen.len() < 2 {
        return None;
    }
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    // An ellipse leaves room for labels on the left and right.
    let (rx, ry) = (WIDTH / 2.0 - 170.0, HEIGHT / 2.0 - 40.0);
    let max_articles = chosen
        .iter()
        .map(|a| a.articles.len())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let positions: Vec<(f64, f64, f64)> = (0..chosen.len())
        .map(|i| {
            let angle = -std::f64::consts::FRAC_PI_2
                + i as f64 * std::f64::consts::TAU / chosen.len() as f64;
            (cx + rx * angle.cos(), cy + ry * angle.sin(), angle)
        })
        .collect();
    let index_of = |actor: usize| {
        chosen
            .iter()
            .position(|a| std::ptr::eq(*a, &b.actors[actor]))
    };
    let mut edges = Vec::new();
    for (i, actor) in chosen.iter().enumerate() {
        for &(other, shared) in &actor.related {
            if let Some(j) = index_of(other).filter(|&j| j > i) {
                edges.push(Edge {
                    x1: round(positions[i].0),
                    y1: round(positions[i].1),
                    x2: round(positions[j].0),
                    y2: round(positions[j].1),
                    width: round((1.0 + shared as f64).ln() * 1.5 + 0.5),
                });
            }
        }
    }
    let nodes = chosen
        .iter()
        .zip(&positions)
        .map(|(a, &(x, y, angle))| {
            let r = round(5.0 + 9.0 * (a.articles.len() as f64 / max_articles).sqrt());
            let (dx, dy) = (angle.cos(), angle.sin());
            let anchor = if dx > 0.3 {
                "start"
            } else if dx < -0.3 {
                "end"
            } else {
                "middle"
            };
            Node {
                x: round(x),
                y: round(y),
                r,
                label: a.name.clone(),
                url: links.actor(&a.id),
                kind: a.kind.as_str(),
                anchor,
                lx: round(x + dx * (r + 6.0)),
                ly: round(
                    y + dy * (r + 6.0)
                        + if dy > 0.3 {
                            12.0
                        } else if dy < -0.3 {
                            -4.0
                        } else {
                            4.0
                        },
                ),
            }
        })
        .collect();
    Some(Network {
        width: WIDTH,
        height: HEIGHT,
        nodes,
        edges,
    })
}
