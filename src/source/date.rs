//! Dates as news articles write them in a dateline or front matter.

use chrono::{DateTime, NaiveDate};

/// `chrono` formats tried in order after the date has been normalised
/// (weekday removed, commas dropped, spaces collapsed, ordinals stripped).
const FORMATS: &[&str] = &[
    "%Y-%m-%d", // 2019-05-02
    "%Y/%m/%d", // 2019/05/02
    "%d %B %Y", // 2 May 2019
    "%d %b %Y", // 2 Sep 2019
    "%B %d %Y", // May 2 2019
    "%b %d %Y", // Sep 2 2019
    "%d.%m.%Y", // 02.05.2019
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Parses a date line: `Thursday, 02 May, 2019`, `May 2, 2019`, `2 May 2019`,
/// `2019-05-02`, RFC 3339 (`2019-05-02T10:00:00Z`) or RFC 2822 (`Thu, 2 May 2019 10:00:00 +0000`).
pub fn parse_date(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(line) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(line) {
        return Some(dt.date_naive());
    }
    let normalised = normalise(line);
    // A date with a time after it (`2019-05-02 10:00`): the first word alone may be the date.
    let first_word = normalised.split(' ').next().unwrap_or("");
    FORMATS.iter().find_map(|f| {
        NaiveDate::parse_from_str(&normalised, f)
            .or_else(|_| NaiveDate::parse_from_str(first_word, f))
            .ok()
    })
}

/// Drops a leading weekday, commas, `of`, ordinal suffixes (`2nd`) and extra spaces.
fn normalise(line: &str) -> String {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.'))
        .enumerate()
        .filter(|(i, w)| !(*i == 0 && WEEKDAYS.contains(&w.to_lowercase().as_str())))
        .filter(|(_, w)| !w.eq_ignore_ascii_case("of"))
        .map(|(_, w)| strip_ordinal(w).to_string())
        .collect();
    words.join(" ")
}

fn strip_ordinal(word: &str) -> &str {
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(n) = word.strip_suffix(suffix)
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
        {
            return n;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn news_formats() {
        let may2 = d(2019, 5, 2);
        for line in [
            "Thursday, 02 May, 2019",
            "May 2, 2019",
            "2 May 2019",
            "2019-05-02",
            "2019-05-02T10:30:00Z",
            "2019-05-02T10:30:00+02:00",
            "Thu, 2 May 2019 10:30:00 +0000",
            "Thursday 2nd of May 2019",
            "Thu. May 2, 2019",
            "2019/05/02",
        ] {
            assert_eq!(parse_date(line), may2, "{line}");
        }
    }

    #[test]
    fn not_dates() {
        for line in [
            "",
            "Venezuela's opposition leader",
            "May 2019 was hot",
            "2019-13-45",
            "Thursday",
        ] {
            assert_eq!(parse_date(line), None, "{line}");
        }
    }
}
