//! Calendar points of the timeline: a day, an ISO week, a month or a year.

use chrono::{Datelike, NaiveDate, Weekday};
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Week,
    Day,
}

/// A date as precise as the text made it. Ordered by its first day, then the
/// more precise first (a day sorts before the week it opens). A plain value
/// (no text): the timeline holds hundreds of thousands of them, sorted and
/// compared on every build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct When {
    pub precision: Precision,
    /// The first day it covers.
    pub first_day: NaiveDate,
}

impl When {
    /// Reads a TIMEX3 value in its canonical form: `2019-04-30`, `2019-W18`,
    /// `2019-04` or `2019` (anything else is not a point of the timeline).
    pub fn parse(value: &str) -> Option<When> {
        let b = value.as_bytes();
        // Fixed-width digits only: `+1` or ` 1` would parse as numbers.
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = b.get(range)?;
            digits
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        let (precision, first_day) = match (b.len(), b.get(4..6)) {
            (4, _) => (Precision::Year, NaiveDate::from_ymd_opt(year, 1, 1)?),
            (7, Some([b'-', _])) => (
                Precision::Month,
                NaiveDate::from_ymd_opt(year, num(5..7)?, 1)?,
            ),
            (8, Some(b"-W")) => (
                Precision::Week,
                NaiveDate::from_isoywd_opt(year, num(6..8)?, Weekday::Mon)?,
            ),
            (10, Some([b'-', _])) if b[7] == b'-' => (
                Precision::Day,
                NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)?,
            ),
            _ => return None,
        };
        Some(When {
            precision,
            first_day,
        })
    }

    pub fn day(date: NaiveDate) -> When {
        When {
            precision: Precision::Day,
            first_day: date,
        }
    }

    /// Its TIMEX3 value: `2019-04-30`, `2019-W18`, `2019-04`, `2019`.
    pub fn value(&self) -> String {
        self.to_string()
    }

    /// How a reader sees it, no more precise than the text: `30 April 2019`,
    /// `week of 29 April 2019`, `April 2019`, `2019`.
    pub fn label(&self) -> String {
        match self.precision {
            Precision::Day => self.first_day.format("%-d %B %Y").to_string(),
            Precision::Week => format!("week of {}", self.first_day.format("%-d %B %Y")),
            Precision::Month => self.first_day.format("%B %Y").to_string(),
            Precision::Year => self.first_day.format("%Y").to_string(),
        }
    }

    /// `2019-04`: the month the timeline files it under.
    pub fn month_key(&self) -> String {
        match self.filed_under() {
            (year, None) => format!("{year}"),
            (year, Some(month)) => format!("{year:04}-{month:02}"),
        }
    }

    /// The year and month the timeline files it under; no month for a year.
    pub fn filed_under(&self) -> (i32, Option<u32>) {
        let month = (self.precision != Precision::Year).then(|| self.first_day.month());
        (self.first_day.year(), month)
    }
}

impl Ord for When {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day
            .cmp(&other.first_day)
            .then(other.precision.cmp(&self.precision))
    }
}

/// Writes the TIMEX3 value, without an intermediate string.
impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.first_day;
        match self.precision {
            Precision::Year => write!(f, "{:04}", d.year()),
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Week => {
                let week = d.iso_week();
                write!(f, "{:04}-W{:02}", week.year(), week.week())
            }
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_labels() {
        let cases = [
            ("2019-04-30", "30 April 2019"),
            ("2019-W18", "week of 29 April 2019"),
            ("2019-04", "April 2019"),
            ("2019", "2019"),
        ];
        for (value, label) in cases {
            assert_eq!(
                When::parse(value).map(|w| w.label()).as_deref(),
                Some(label),
                "{value}"
            );
        }
        for bad in [
            "2019-13",
            "2019-02-30",
            "PRESENT_REF",
            "19",
            "2019-W60",
            "2019-4-30",
            "2019-W5",
            "+019",
            "2019-+4",
            "2019-04-30T10:00",
            "2019-SU",
            "2019-Q2",
        ] {
            assert_eq!(When::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn writes_back_the_value_it_read() {
        // 2020-W01 opens on 30 December 2019: the week's year is the ISO year.
        for value in [
            "2019-04-30",
            "2019-W18",
            "2020-W01",
            "2019-04",
            "2019",
            "0800",
        ] {
            assert_eq!(
                When::parse(value).map(|w| w.value()).as_deref(),
                Some(value)
            );
        }
    }

    #[test]
    fn orders_by_first_day_then_precision() {
        let mut v: Vec<When> = ["2019", "2019-04-30", "2019-W18", "2019-04", "2019-04-29"]
            .iter()
            .filter_map(|s| When::parse(s))
            .collect();
        v.sort();
        let values: Vec<String> = v.iter().map(When::value).collect();
        assert_eq!(
            values,
            ["2019", "2019-04", "2019-04-29", "2019-W18", "2019-04-30"]
        );
    }
}
