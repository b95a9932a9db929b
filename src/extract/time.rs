//! Time expressions (TIMEX3) and their values against the article date.
//! (Placeholder until the rule tables land.)

use super::Timex;
use chrono::NaiveDate;

pub fn find_timexes(_text: &str, _dct: Option<NaiveDate>) -> Vec<Timex> {
    Vec::new()
}
