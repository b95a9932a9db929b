//! Word tables: month, weekday, number, unit, season and reference words.
//!
//! Every table is both the source of a regex alternation (so a word is listed
//! once) and the lookup that turns the matched word into its value.

use chrono::Weekday;

/// Month names and their abbreviations (the dot is optional in the patterns).
pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

pub const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Number words below twenty, and the tens.
pub const SMALL_NUMBERS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("a dozen", 12),
    ("dozen", 12),
    ("a hundred", 100),
    ("hundred", 100),
    ("a couple of", 2),
    ("a couple", 2),
    // "the next couple of years": no article after "next".
    ("couple of", 2),
    ("a", 1),
    ("an", 1),
];

pub const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Quantities that say "some number of": TIMEX3 writes them as `X`.
pub const FUZZY_NUMBERS: &[&str] = &[
    "several",
    "a few",
    "few",
    "many",
    "some",
    "a number of",
    "numerous",
];

/// Calendar units. `Unit` gives both the TIMEX3 duration letter and the
/// granularity of a date counted in that unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Singular forms; the patterns add the plural.
pub const UNITS: &[(&str, Unit)] = &[
    ("second", Unit::Second),
    ("minute", Unit::Minute),
    ("hour", Unit::Hour),
    ("day", Unit::Day),
    ("week", Unit::Week),
    ("month", Unit::Month),
    ("quarter", Unit::Quarter),
    ("year", Unit::Year),
    ("decade", Unit::Decade),
    ("century", Unit::Century),
];

pub const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("1st", 1),
    ("2nd", 2),
    ("3rd", 3),
    ("4th", 4),
];

pub const SEASONS: &[(&str, &str)] = &[
    ("spring", "SP"),
    ("summer", "SU"),
    ("autumn", "FA"),
    ("fall", "FA"),
    ("winter", "WI"),
];

/// Parts of the day and their TIMEX3 codes.
pub const PARTS_OF_DAY: &[(&str, &str)] = &[
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
    ("mid-afternoon", "AF"),
    ("mid afternoon", "AF"),
    ("midafternoon", "AF"),
    ("mid-morning", "MO"),
    ("mid morning", "MO"),
];

/// Frequency adverbs (TimeML SET) and their values: HeidelTime's set rule
/// r5 and SUTime's periodic sets, with the `bi-`/`semi-` multiples SUTime
/// derives from them (`biweekly` every two weeks, `semiannually` every six
/// months).
pub const SET_WORDS: &[(&str, &str)] = &[
    ("daily", "P1D"),
    ("weekly", "P1W"),
    ("monthly", "P1M"),
    ("quarterly", "P3M"),
    ("annually", "P1Y"),
    ("yearly", "P1Y"),
    ("hourly", "PT1H"),
    ("nightly", "TNI"),
    ("biweekly", "P2W"),
    ("bi-weekly", "P2W"),
    ("fortnightly", "P2W"),
    ("bimonthly", "P2M"),
    ("bi-monthly", "P2M"),
    ("semiannually", "P6M"),
    ("semi-annually", "P6M"),
    ("biannually", "P6M"),
    ("biennially", "P2Y"),
];

/// What "every ..." can count besides calendar units: the parts of the day
/// (TimeML's `TMO`, `TNI`, ...) and the weekend (`XXXX-WXX-WE`).
pub const SET_TIMES: &[(&str, &str)] = &[
    ("morning", "TMO"),
    ("afternoon", "TAF"),
    ("evening", "TEV"),
    ("night", "TNI"),
    ("weekend", "XXXX-WXX-WE"),
];

/// How many times per unit: "once a week", "twice a year" (TimeML writes
/// the unit as the value and the count as `freq`).
pub const TIMES_WORDS: &[(&str, u32)] = &[("once", 1), ("twice", 2), ("thrice", 3)];

/// Plural names of recurring times that, alone, mean "each of them"
/// ("on weekends", "summers in Maine"): SUTime's plural-date filter.
pub const PLURAL_SETS: &[(&str, &str)] = &[
    ("weekends", "XXXX-WXX-WE"),
    ("summers", "XXXX-SU"),
    ("winters", "XXXX-WI"),
    ("autumns", "XXXX-FA"),
    ("mornings", "TMO"),
    ("afternoons", "TAF"),
    ("evenings", "TEV"),
];

/// Half of a unit, written in the next smaller unit as TimeBank writes
/// "a minute and a half" (`PT1M30S`): "half an hour" is `PT30M`.
pub const HALF_OF: &[(&str, &str)] = &[
    ("minute", "PT30S"),
    ("hour", "PT30M"),
    ("day", "PT12H"),
    ("week", "P3DT12H"),
    ("month", "P15D"),
    ("year", "P6M"),
    ("decade", "P5Y"),
    ("century", "P50Y"),
];

/// Words and phrases that point at the present, past or future as a whole.
pub const REFERENCES: &[(&str, &str)] = &[
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("current", "PRESENT_REF"),
    ("nowadays", "PRESENT_REF"),
    ("presently", "PRESENT_REF"),
    ("at present", "PRESENT_REF"),
    ("these days", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("lately", "PAST_REF"),
    ("formerly", "PAST_REF"),
    ("the past", "PAST_REF"),
    ("the near future", "FUTURE_REF"),
    ("the future", "FUTURE_REF"),
    ("the near term", "FUTURE_REF"),
    ("the short term", "FUTURE_REF"),
];

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy)]
pub enum Holiday {
    Fixed(u32, u32),
    /// The n-th such weekday of the month.
    Nth(u32, Weekday, u32),
    /// Days after the n-th such weekday (US Election Day: the Tuesday after
    /// the first Monday of November).
    NthPlus(u32, Weekday, u32, i64),
    /// Days from Easter Sunday.
    Easter(i64),
}

pub const HOLIDAYS: &[(&str, Holiday)] = &[
    ("christmas eve", Holiday::Fixed(12, 24)),
    ("christmas day", Holiday::Fixed(12, 25)),
    ("christmas", Holiday::Fixed(12, 25)),
    ("new year's eve", Holiday::Fixed(12, 31)),
    ("new year's day", Holiday::Fixed(1, 1)),
    ("halloween", Holiday::Fixed(10, 31)),
    ("valentine's day", Holiday::Fixed(2, 14)),
    ("independence day", Holiday::Fixed(7, 4)),
    ("thanksgiving day", Holiday::Nth(11, Weekday::Thu, 4)),
    ("thanksgiving", Holiday::Nth(11, Weekday::Thu, 4)),
    ("labor day", Holiday::Nth(9, Weekday::Mon, 1)),
    ("memorial day", Holiday::Nth(5, Weekday::Mon, 5)),
    ("election day", Holiday::NthPlus(11, Weekday::Mon, 1, 1)),
    ("easter sunday", Holiday::Easter(0)),
    ("easter monday", Holiday::Easter(1)),
    ("easter", Holiday::Easter(0)),
    ("good friday", Holiday::Easter(-2)),
];

/// Words that mark the clause as talking about the future or the past; the
/// nearest one to an expression decides which way a bare weekday or date goes.
pub const FUTURE_MARKERS: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "going",
    "plans",
    "plan",
    "planned",
    "scheduled",
    "expected",
    "expects",
    "expect",
    "due",
    "upcoming",
    "next",
    "coming",
    "until",
    "postponed",
    "intends",
    "set",
    "hopes",
    "aims",
    "wo",
    "tomorrow",
    "planning",
    "preparing",
    "could",
    "might",
    "soon",
    "payable",
    "expire",
    "expires",
    // "effective Feb. 1": a change that takes effect later.
    "effective",
];

/// Phrases that, just before a date, put it ahead of the DCT.
pub const FUTURE_LEADS: &[&str] = &[
    "as early as",
    "as soon as",
    "no later than",
    "no sooner than",
];

/// Present forms that put a day ahead when the clause has no other marker: a bare weekday
/// with `begins` or `is` is a day in the schedule (`New Orleans begins its postseason
/// Saturday`, `The vote is on Sunday`), where news would write a past day in the past.
/// Words as often nouns (`head`, `visit`, `return`, `end`) are left out.
pub const PRESENT_SCHEDULE: &[&str] = &[
    "is", "are", "begins", "begin", "starts", "opens", "meets", "meet", "plays", "faces", "hosts",
    "resumes", "travels", "arrives", "arrive", "goes", "go", "kicks",
];

/// Words that make a clause look back; the simple pasts of `IRREGULAR_PAST`
/// count too.
pub const PAST_MARKERS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "earlier",
    "yesterday",
    "announced",
    "reported",
    "died",
    "killed",
    "been",
    // "since March": counted up to now from a past point.
    "since",
];

/// Simple past forms that do not end in `-ed` and are no present form too
/// (`hit`, `set`, `put` are left out): a clause with one looks back.
pub const IRREGULAR_PAST: &[&str] = &[
    "said",
    "told",
    "went",
    "came",
    "took",
    "made",
    "gave",
    "found",
    "got",
    "met",
    "ran",
    "saw",
    "shot",
    "fled",
    "held",
    "began",
    "broke",
    "brought",
    "fell",
    "fought",
    "sent",
    "spoke",
    "stood",
    "struck",
    "won",
    "lost",
    "led",
    "paid",
    "threw",
    "wrote",
    "rose",
    "drove",
    "flew",
    "kept",
    "heard",
    "sold",
    "caught",
    "built",
    "chose",
    "drew",
    "grew",
    "sank",
    "spent",
    "stole",
    "swept",
    "swore",
    "tore",
    "woke",
    "wore",
    "sought",
    "bought",
    "became",
    "knew",
    "blew",
    "thought",
    "taught",
    "slew",
    "bore",
    "forgot",
    "forgave",
    "froze",
    "hid",
    "lay",
    "rang",
    "sang",
    "slid",
    "stuck",
    "swam",
    "understood",
    "withdrew",
    "overthrew",
];

/// A quantity: exact, or TIMEX3's `X` for "several" and friends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    N(u32),
    Fuzzy,
}

/// The longest-first regex alternation of a table's words (spaces match any
/// whitespace, apostrophes either quote).
pub fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let escaped: Vec<String> = words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+").replace('\'', "['’]"))
        .collect();
    format!("(?:{})", escaped.join("|"))
}

/// Lowercases and squeezes whitespace and curly apostrophes, for table lookups.
pub fn normalise(s: &str) -> String {
    let lower = s.to_lowercase().replace('’', "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let w = normalise(word);
    let w = w.trim_end_matches('.');
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

pub fn month(word: &str) -> Option<u32> {
    lookup(MONTHS, word)
}

pub fn weekday(word: &str) -> Option<Weekday> {
    let w = normalise(word);
    lookup(WEEKDAYS, w.trim_end_matches('s')).or_else(|| lookup(WEEKDAYS, &w))
}

/// True for a word that names a day or a part of one, in any case: a weekday, a
/// month, `today`, `tonight`, `yesterday`, `tomorrow`, `morning`, `night`.
pub fn names_a_day(word: &str) -> bool {
    // Compared in place, without the lowercase copy `lookup` makes: merging
    // asks this of words of every event.
    let is = |name: &&str| word.eq_ignore_ascii_case(name);
    WEEKDAYS.iter().map(|(name, _)| name).any(is)
        || MONTHS.iter().map(|(name, _)| name).any(is)
        || PARTS_OF_DAY.iter().map(|(name, _)| name).any(is)
        || ["today", "tonight", "yesterday", "tomorrow"].iter().any(is)
}

/// The TIMEX3 code of the part of the day a word names (`morning`: `MO`), compared
/// in place, without a lowercase copy.
pub fn part_of_day(word: &str) -> Option<&'static str> {
    PARTS_OF_DAY
        .iter()
        .find(|(name, _)| word.eq_ignore_ascii_case(name))
        .map(|&(_, code)| code)
}

/// True for a word a time is counted in or named by (`week`, `summer`,
/// `Monday`, `March`, `night`): what `last` looks back with.
pub fn is_time_word(word: &str) -> bool {
    unit(word).is_some()
        || lookup(SEASONS, word).is_some()
        || names_a_day(word)
        || ["weekend", "time", "season"]
            .iter()
            .any(|d| word.eq_ignore_ascii_case(d))
}

/// A day's name as running text writes it: `Monday` (not `monday`, `MONDAY`
/// or `Mondays`).
pub fn is_day_name(word: &str) -> bool {
    WEEKDAYS.iter().any(|(day, _)| {
        word.len() == day.len()
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && word[1..] == day[1..]
            && word[..1].eq_ignore_ascii_case(&day[..1])
    })
}

/// A unit word, singular or plural (`centuries`, `days`).
pub fn unit(word: &str) -> Option<Unit> {
    let w = normalise(word);
    if w.starts_with("centur") {
        return Some(Unit::Century);
    }
    lookup(UNITS, w.trim_end_matches('s'))
}

/// A cardinal written in digits or words: `24`, `twenty four`, `twenty-four`, `a`.
pub fn number(word: &str) -> Option<Count> {
    let w = normalise(word).replace('-', " ");
    if FUZZY_NUMBERS.contains(&w.as_str()) {
        return Some(Count::Fuzzy);
    }
    let digits: String = w.chars().filter(|c| *c != ',').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.parse().ok().map(Count::N);
    }
    if let Some(n) = lookup(SMALL_NUMBERS, &w) {
        return Some(Count::N(n));
    }
    let mut parts = w.split(' ');
    let tens = lookup(TENS, parts.next()?)?;
    let ones = match parts.next() {
        None => 0,
        Some(p) => lookup(SMALL_NUMBERS, p).filter(|n| *n < 10)?,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Count::N(tens + ones))
}

/// Regex alternation for cardinals: digits, or words up to ninety-nine.
pub fn number_pattern() -> String {
    let small = alternation(SMALL_NUMBERS.iter().map(|(w, _)| *w));
    let tens = alternation(TENS.iter().map(|(w, _)| *w));
    let ones = alternation(
        SMALL_NUMBERS
            .iter()
            .filter(|(_, n)| *n < 10)
            .map(|(w, _)| *w),
    );
    let fuzzy = alternation(FUZZY_NUMBERS.iter().copied());
    format!(r"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})*|{tens}(?:[-\s]{ones})?|{small}|{fuzzy})")
}

/// A smaller alternation for plain counts: digits and number words, without
/// the articles and vague quantities of `number_pattern` (a pattern that
/// holds two of these keeps the combined automaton small).
pub fn cardinal_pattern() -> String {
    let small = alternation(
        SMALL_NUMBERS
            .iter()
            .filter(|(w, n)| *n <= 19 && !w.contains(' ') && w.len() > 2)
            .map(|(w, _)| *w),
    );
    let tens = alternation(TENS.iter().map(|(w, _)| *w));
    format!(r"(?:[0-9]{{1,3}}|{tens}(?:[-\s]{small})?|{small})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_names_as_written_in_running_text() {
        assert!(is_day_name("Monday") && is_day_name("Sunday"));
        for not in ["monday", "MONDAY", "Mondays", "Mon", "Mayday", "Ñonday", ""] {
            assert!(!is_day_name(not), "{not}");
        }
    }

    #[test]
    fn numbers_in_words_and_digits() {
        assert_eq!(number("twenty four"), Some(Count::N(24)));
        assert_eq!(number("Twenty-four"), Some(Count::N(24)));
        assert_eq!(number("a"), Some(Count::N(1)));
        assert_eq!(number("1,000"), Some(Count::N(1000)));
        assert_eq!(number("several"), Some(Count::Fuzzy));
        assert_eq!(number("twenty eleven"), None);
    }

    #[test]
    fn names_look_up_with_dots_and_plurals() {
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(weekday("Mondays"), Some(Weekday::Mon));
        assert_eq!(unit("centuries"), Some(Unit::Century));
        assert_eq!(unit("Weeks"), Some(Unit::Week));
    }
}
