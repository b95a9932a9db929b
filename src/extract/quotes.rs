//! Direct quotations and their speakers. (Placeholder until quotes land.)

use super::{LocalActor, Mention, Quote};
use std::ops::Range;

pub fn find_quotes(
    _text: &str,
    _sentences: &[Range<usize>],
    _mentions: &[Mention],
    _actors: &[LocalActor],
) -> Vec<Quote> {
    Vec::new()
}
