//! Properties: no panics on any input, weekdays near the DCT, explicit
//! years kept.

use super::*;
use chrono::Datelike;
use chrono::NaiveDate;
use proptest::prelude::*;

fn any_dct() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2040, 1u32..=12, 1u32..=28)
        .prop_filter_map("valid date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const FRAMES: [&str; 4] = [
    "He said on {} that",
    "They will meet {}.",
    "Talks end next {}.",
    "It rained last {} night.",
];

proptest! {
    #[test]
    fn never_panics(s in "\\PC*", dct in proptest::option::of(any_dct())) {
        let out = find_timexes(&s, dct);
        for t in &out {
            prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end);
        }
        for w in out.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn never_panics_on_time_words(parts in proptest::collection::vec(prop_oneof![
        Just("May"), Just("30"), Just("2019"), Just("last"), Just("the"), Just("day"), Just("after"),
        Just("é"), Just("’90s"), Just("p.m."), Just("Tuesday"), Just("years"), Just("ago"), Just("quarter"),
        Just("twenty"), Just("four"), Just("-"), Just(","), Just("\n"), Just("9999"), Just("0"),
    ], 0..12), dct in proptest::option::of(any_dct())) {
        let s = parts.join(" ");
        let _ = find_timexes(&s, dct);
        let _ = find_timexes(&parts.concat(), dct);
    }

    #[test]
    fn weekdays_lie_within_a_week(dct in any_dct(), wd in 0usize..7, frame in 0usize..4) {
        let s = FRAMES[frame].replace("{}", WEEKDAY_NAMES[wd]);
        let out = find_timexes(&s, Some(dct));
        let t = out.iter().find(|t| s[t.start..t.end].contains(WEEKDAY_NAMES[wd]));
        prop_assert!(t.is_some(), "{s}");
        let v = t.map(|t| t.value.clone()).unwrap_or_default();
        let d = NaiveDate::parse_from_str(v.get(..10).unwrap_or(""), "%Y-%m-%d");
        prop_assert!(d.is_ok(), "{v}");
        if let Ok(d) = d {
            prop_assert!((d - dct).num_days().abs() <= 7);
            prop_assert_eq!(d.weekday().num_days_from_monday() as usize, wd);
        }
    }

    #[test]
    fn explicit_years_are_kept(dct in proptest::option::of(any_dct()), y in 1900i32..2100, m in 1u32..=12, d in 1u32..=28, form in 0usize..4) {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        let mon = months[(m - 1) as usize];
        let s = match form {
            0 => format!("It happened on {mon} {d}, {y}."),
            1 => format!("It happened on {d} {mon} {y}."),
            2 => format!("It happened in {mon} {y}."),
            _ => format!("It happened in {y}."),
        };
        let out = find_timexes(&s, dct);
        prop_assert_eq!(out.len(), 1, "{}", s);
        prop_assert!(out[0].value.starts_with(&format!("{y:04}")), "{} -> {}", s, out[0].value);
    }
}
