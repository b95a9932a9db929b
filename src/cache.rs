//! Extraction results kept between builds of one process (`briefing serve`):
//! an article whose text and date did not change is not extracted again.

use crate::extract::{self, Extraction};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct ExtractionCache {
    entries: Mutex<HashMap<u64, Arc<Extraction>>>,
}

fn key(body: &str, date: Option<NaiveDate>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    date.hash(&mut h);
    h.finish()
}

impl ExtractionCache {
    /// The extraction of `body` at `date`, from the cache or computed now.
    pub fn get(&self, body: &str, date: Option<NaiveDate>) -> Extraction {
        let k = key(body, date);
        if let Some(hit) = self.entries.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return (*hit).clone();
        }
        let ex = extract::extract(body, date);
        if let Ok(mut m) = self.entries.lock() {
            m.insert(k, Arc::new(ex.clone()));
        }
        ex
    }

    /// Forgets entries not used since `keep` was built: call with the keys of the live articles.
    pub fn retain(&self, live: &[(&str, Option<NaiveDate>)]) {
        let keys: std::collections::HashSet<u64> = live.iter().map(|(b, d)| key(b, *d)).collect();
        if let Ok(mut m) = self.entries.lock() {
            m.retain(|k, _| keys.contains(k));
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map_or(0, |m| m.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
