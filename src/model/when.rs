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
/// more precise first (a day sorts before the week it opens).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct When {
    /// The TIMEX3 value it came from: `2019-04-30`, `2019-W18`, `2019-04`, `2019`.
    pub value: String,
    pub precision: Precision,
    /// The first day it covers.
    pub first_day: NaiveDate,
}

impl When {
    pub fn parse(value: &str) -> Option<When> {
        let (precision, first_day) = if let Some((y, w)) = value.split_once("-W") {
            let week = NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, Weekday::Mon)?;
            (Precision::Week, week)
        } else {
            let parts: Vec<&str> = value.split('-').collect();
            let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
            let year = parts
                .first()
                .filter(|p| p.len() == 4)?
                .parse::<i32>()
                .ok()?;
            match parts.len() {
                1 => (Precision::Year, NaiveDate::from_ymd_opt(year, 1, 1)?),
                2 => (Precision::Month, NaiveDate::from_ymd_opt(year, num(1)?, 1)?),
                3 => (
                    Precision::Day,
                    NaiveDate::from_ymd_opt(year, num(1)?, num(2)?)?,
                ),
                _ => return None,
            }
        };
        Some(When {
            value: value.to_string(),
            precision,
            first_day,
        })
    }

    pub fn day(date: NaiveDate) -> When {
        When {
            value: date.format("%Y-%m-%d").to_string(),
            precision: Precision::Day,
            first_day: date,
        }
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
        if self.precision == Precision::Year {
            format!("{}", self.first_day.year())
        } else {
            self.first_day.format("%Y-%m").to_string()
        }
    }
}

impl Ord for When {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day
            .cmp(&other.first_day)
            .then(other.precision.cmp(&self.precision))
            .then(self.value.cmp(&other.value))
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
        for bad in ["2019-13", "2019-02-30", "PRESENT_REF", "19", "2019-W60"] {
            assert_eq!(When::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn orders_by_first_day_then_precision() {
        let mut v: Vec<When> = ["2019", "2019-04-30", "2019-W18", "2019-04", "2019-04-29"]
            .iter()
            .filter_map(|s| When::parse(s))
            .collect();
        v.sort();
        let values: Vec<&str> = v.iter().map(|w| w.value.as_str()).collect();
        assert_eq!(
            values,
            ["2019", "2019-04", "2019-04-29", "2019-W18", "2019-04-30"]
        );
    }
}
