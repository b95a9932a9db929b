//! Calendar values at a granularity (a day, a week, a quarter, ...), the
//! arithmetic that relative expressions need, and their TIMEX3 spelling.

use super::time_words::Unit;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Day(NaiveDate),
    /// The ISO week holding this day.
    Week(NaiveDate),
    /// The weekend of the ISO week holding this day.
    Weekend(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, &'static str),
    Year(i32),
    /// The first three digits of the year: 199 is the 1990s.
    Decade(i32),
    /// The first two digits: 19 is the 20th century.
    Century(i32),
}

impl Point {
    /// The point of granularity `unit` holding `date`.
    pub fn at(date: NaiveDate, unit: Unit) -> Point {
        let (y, m) = (date.year(), date.month());
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Point::Day(date),
            Unit::Week => Point::Week(date),
            Unit::Month => Point::Month(y, m),
            Unit::Quarter => Point::Quarter(y, (m - 1) / 3 + 1),
            Unit::Year => Point::Year(y),
            Unit::Decade => Point::Decade(y.div_euclid(10)),
            Unit::Century => Point::Century(y.div_euclid(100)),
        }
    }

    /// The granularity, for choosing how to shift an anchor.
    pub fn unit(&self) -> Unit {
        match self {
            Point::Day(_) => Unit::Day,
            Point::Week(_) | Point::Weekend(_) => Unit::Week,
            Point::Month(..) => Unit::Month,
            Point::Quarter(..) | Point::Season(..) | Point::Half(..) => Unit::Quarter,
            Point::Year(_) => Unit::Year,
            Point::Decade(_) => Unit::Decade,
            Point::Century(_) => Unit::Century,
        }
    }

    /// A day inside the point: its first day.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            Point::Day(d) | Point::Week(d) | Point::Weekend(d) => Some(d),
            Point::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Point::Quarter(y, q) => NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
            Point::Half(y, h) => NaiveDate::from_ymd_opt(y, (h - 1) * 6 + 1, 1),
            Point::Season(y, _) | Point::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Point::Decade(d) => NaiveDate::from_ymd_opt(d * 10, 1, 1),
            Point::Century(c) => NaiveDate::from_ymd_opt(c * 100, 1, 1),
        }
    }

    /// Moves the point by `n` units, keeping its own granularity
    /// (`1989-Q3` a year earlier is `1988-Q3`).
    pub fn shift(&self, n: i64, unit: Unit) -> Option<Point> {
        match *self {
            Point::Season(y, s) if unit >= Unit::Year => Some(Point::Season(
                y + i32::try_from(n * years_in(unit)).ok()?,
                s,
            )),
            Point::Half(y, h) if unit >= Unit::Year => {
                Some(Point::Half(y + i32::try_from(n * years_in(unit)).ok()?, h))
            }
            Point::Weekend(d) => Some(Point::Weekend(add(d, n, unit)?)),
            _ => {
                let own = self.unit();
                Some(Point::at(add(self.first_day()?, n, unit)?, own))
            }
        }
    }

    pub fn value(&self) -> String {
        match *self {
            Point::Day(d) => day_value(d),
            Point::Week(d) => {
                let w = d.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Point::Weekend(d) => {
                let w = d.iso_week();
                format!("{:04}-W{:02}-WE", w.year(), w.week())
            }
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Season(y, s) => format!("{y:04}-{s}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }
}

/// `d.format("%Y-%m-%d")`, written straight for the four-digit years news speaks of:
/// chrono's strftime parses its format string on every call, and a day is the commonest
/// value. Other years keep chrono's spelling (a sign and at least four digits).
fn day_value(d: NaiveDate) -> String {
    let y = d.year();
    if (0..=9999).contains(&y) {
        format!("{y:04}-{:02}-{:02}", d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

fn years_in(unit: Unit) -> i64 {
    match unit {
        Unit::Decade => 10,
        Unit::Century => 100,
        _ => 1,
    }
}

/// `date` moved by `n` units (negative: back); `None` off the calendar.
pub fn add(date: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    let by_days = |k: i64| {
        let abs = Days::new(k.unsigned_abs());
        if k >= 0 {
            date.checked_add_days(abs)
        } else {
            date.checked_sub_days(abs)
        }
    };
    let months = |k: i64| {
        let k = n.checked_mul(k)?;
        let abs = Months::new(u32::try_from(k.unsigned_abs()).ok()?);
        if k >= 0 {
            date.checked_add_months(abs)
        } else {
            date.checked_sub_months(abs)
        }
    };
    match unit {
        // Hours from a day stay on it until they make whole days: `three hours later` is
        // the same day (the clock time is not known), `48 hours later` two days on.
        Unit::Second => by_days(n / 86_400),
        Unit::Minute => by_days(n / 1_440),
        Unit::Hour => by_days(n / 24),
        Unit::Day => by_days(n),
        Unit::Week => by_days(n.checked_mul(7)?),
        Unit::Month => months(1),
        Unit::Quarter => months(3),
        Unit::Year => months(12),
        Unit::Decade => months(120),
        Unit::Century => months(1200),
    }
}

/// The day named `wd` nearest to `dct` in the given direction; `0` days away
/// (the DCT itself) counts when `same_day` is allowed.
pub fn weekday_near(
    dct: NaiveDate,
    wd: Weekday,
    forward: bool,
    same_day: bool,
) -> Option<NaiveDate> {
    let from = i64::from(dct.weekday().num_days_from_monday());
    let to = i64::from(wd.num_days_from_monday());
    let mut d = if forward {
        (to - from).rem_euclid(7)
    } else {
        (from - to).rem_euclid(7)
    };
    if d == 0 && !same_day {
        d = 7;
    }
    add(dct, if forward { d } else { -d }, Unit::Day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn values_are_spelled_as_timex3() {
        assert_eq!(Point::Week(day(2019, 5, 2)).value(), "2019-W18");
        assert_eq!(Point::Quarter(1997, 3).value(), "1997-Q3");
        assert_eq!(Point::Decade(199).value(), "199");
        assert_eq!(Point::Season(2019, "SU").value(), "2019-SU");
    }

    #[test]
    fn a_day_is_spelled_as_chrono_spells_it() {
        let years = (-20..=20).chain(990..=1010).chain(9990..=10010);
        for y in years.chain([-262_000, 262_000]) {
            for (m, d) in [(1, 1), (2, 28), (7, 4), (12, 31)] {
                let date = day(y, m, d);
                assert_eq!(day_value(date), date.format("%Y-%m-%d").to_string());
            }
        }
    }

    #[test]
    fn shifting_keeps_granularity() {
        let q = Point::Quarter(1989, 3);
        assert_eq!(q.shift(-1, Unit::Year), Some(Point::Quarter(1988, 3)));
        let d = Point::Day(day(2019, 5, 2));
        assert_eq!(d.shift(1, Unit::Day), Some(Point::Day(day(2019, 5, 3))));
    }

    #[test]
    fn weekday_near_goes_both_ways() {
        let thu = day(2019, 5, 2);
        assert_eq!(
            weekday_near(thu, Weekday::Tue, false, true),
            Some(day(2019, 4, 30))
        );
        assert_eq!(
            weekday_near(thu, Weekday::Tue, true, true),
            Some(day(2019, 5, 7))
        );
        assert_eq!(weekday_near(thu, Weekday::Thu, false, true), Some(thu));
        assert_eq!(
            weekday_near(thu, Weekday::Thu, false, false),
            Some(day(2019, 4, 25))
        );
    }
}
