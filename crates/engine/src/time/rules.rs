//! The rule table: one pattern per kind of expression, in priority order
//! (where two rules match at the same place the earlier one wins), and the
//! resolver that turns a match into a TIMEX3 type and value.
//!
//! Patterns are written with `{NAME}` placeholders for the word tables in
//! `lexicon`, expanded once at start-up.

use super::resolve::{Caps, Ctx, Found};
use super::time_words::{self as lx};
use super::{amounts, calendar, deictic, frequency};

pub type Resolve = fn(&Caps, &Ctx) -> Option<Found>;

pub struct Rule {
    pub name: &'static str,
    pub pattern: &'static str,
    pub resolve: Resolve,
}

/// Priority order matters: specific before general, longer before shorter.
pub const RULES: &[Rule] = &[
    Rule {
        name: "iso_date",
        pattern: r"{B}(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9]){E}",
        resolve: calendar::full_date,
    },
    Rule {
        name: "weekday_month_day",
        pattern: r"{B}{WEEKDAY},?\s+(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?{E}",
        resolve: calendar::weekday_month_day,
    },
    Rule {
        name: "weekday_day_month",
        pattern: r"{B}{WEEKDAY},?\s+(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?{E}",
        resolve: calendar::weekday_month_day,
    },
    Rule {
        name: "month_day_year",
        pattern: r"{B}(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR}){E}",
        resolve: calendar::full_date,
    },
    Rule {
        name: "day_month_year",
        pattern: r"{B}(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR}){E}",
        resolve: calendar::full_date,
    },
    Rule {
        name: "clock_time",
        pattern: r"{B}(?:(?P<h>[0-9]{1,2})(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>[ap])\.?m{E}\.?|(?P<noon>noon|midnight|midday){E}|(?P<h24>[01]?[0-9]|2[0-3]):(?P<mi24>[0-5][0-9])\s+(?:{ZONE}){E})(?:\s+(?:{ZONE}){E})?(?:,?\s+(?:on\s+)?(?:(?P<day>{WEEKDAY}|today|tomorrow|yesterday|tonight){E}|(?P<mon>{MONTH})\s+(?P<d>{DAY}){E}))?",
        resolve: deictic::clock_time,
    },
    Rule {
        name: "clock_pod",
        pattern: r"{B}(?P<h>[0-9]{1,2}|{ONES}|ten|eleven|twelve)(?::(?P<mi>[0-5][0-9]))?(?:\s+o['’]clock)?\s+(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+(?P<night>night)){E}",
        resolve: deictic::clock_pod,
    },
    Rule {
        name: "month_year",
        pattern: r"{B}(?:{POS})?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR}){E}",
        resolve: calendar::month_year,
    },
    Rule {
        name: "month_day",
        pattern: r"{B}(?:{POS})?(?P<mon>{MONTH})\s+(?P<d>{DAY}){E}",
        resolve: calendar::month_day,
    },
    Rule {
        name: "day_month",
        pattern: r"{B}(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})",
        resolve: calendar::month_day,
    },
    Rule {
        name: "year_period",
        pattern: r"{B}the\s+(?P<y>{YEAR})\s+(?P<what>period|quarter){E}",
        resolve: calendar::year_period,
    },
    Rule {
        name: "ordinal_quarter",
        pattern: r"{B}(?:(?P<y1>{YEAR})\s+|(?P<ry>this|last|next)\s+year['’]s\s+|(?P<the1>the\s+)?(?P<ya>year-ago|year-earlier)\s+|(?P<the2>the\s+))?(?:(?:fiscal|calendar)\s+)?(?P<ord>{ORD})(?P<sep>[\s-]+)(?:fiscal[\s-]+)?quarter{E}(?:\s+of\s+(?:fiscal\s+)?(?P<y2>{YEAR}){E})?",
        resolve: calendar::ordinal_quarter,
    },
    Rule {
        name: "named_quarter",
        pattern: r"{B}the\s+(?:(?P<w>most\s+recent|latest|current|last|past|previous|recent|year-ago|year-earlier|same|comparable|fiscal)\s+)?(?:fiscal\s+)?(?P<what>quarter|period){E}",
        resolve: calendar::named_quarter,
    },
    Rule {
        name: "year_ended",
        pattern: r"{B}the\s+(?:(?P<full>full)\s+year{E}|(?:fiscal\s+)?(?P<unit>year){E}(?P<ended>\s+end(?:ed|ing){E}))",
        resolve: amounts::year_ended,
    },
    Rule {
        name: "half_year",
        pattern: r"{B}(?:the\s+)?(?P<ord>first|second|last|latter)[\s-]+half{E}(?:\s+of\s+(?:(?P<y>{YEAR})|(?:the\s+|this\s+)?(?P<ry>last\s+|next\s+)?year){E})?",
        resolve: calendar::half_year,
    },
    Rule {
        name: "year_ago_adjective",
        pattern: r"{B}(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period){E})?",
        resolve: deictic::year_ago_adjective,
    },
    Rule {
        name: "units_ago",
        pattern: r"{B}(?P<t>(?P<dur>(?:(?:{DMOD})\s+)?(?P<n>{NUM})[\s-]+(?P<unit>{UNITS}))(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|previously|from\s+now|hence|afterwards?|before|after)){E}(?P<punct>\s*[,.;)]|$)?",
        resolve: deictic::units_ago,
    },
    Rule {
        name: "anchored_day",
        pattern: r"{B}(?P<t>(?:earlier\s+|later\s+)?that\s+(?:same\s+)?(?P<unit3>day|week|month|year)|the\s+(?:(?P<w>next|following|previous|preceding|same)\s+(?P<unit>day|week|month|year)|(?P<unit2>day|week|month|year)\s+(?P<dir>after|before))){E}(?P<punct>\s*[,.;)]|$)?",
        resolve: deictic::anchored,
    },
    Rule {
        name: "times_per_unit",
        pattern: r"{B}(?:{TIMES}|(?:{CARD}|several|a\s+few|many)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNITS}){E}",
        resolve: frequency::times_per_unit,
    },
    Rule {
        name: "units_per_unit",
        pattern: r"{B}{CARD}\s+(?P<u1>{UNITS})\s+(?:each|every|per)\s+(?P<unit>{UNITS}){E}",
        resolve: frequency::times_per_unit,
    },
    Rule {
        name: "duration_range",
        pattern: r"{B}(?:(?P<mod>{DMOD})\s+)?(?P<the>the\s+)?(?:(?:past|last|next|first|coming|previous|following)\s+)?(?:(?P<n>{CARD})\s+(?:to|or)\s+(?P<n2>{CARD})|(?P<d>[0-9]{1,3})\s*[-–]\s*(?P<d2>[0-9]{1,3}))[\s-]+(?P<unit>{UNITS}){E}(?P<after>\s+(?:ago|earlier|later|old){E})?",
        resolve: amounts::duration_range,
    },
    Rule {
        name: "half_unit",
        pattern: r"{B}(?:an?\s+half[\s-]+|half[\s-]+an?\s+)(?P<unit>minute|hour|day|week|month|year|decade|century){E}",
        resolve: amounts::half_unit,
    },
    Rule {
        name: "duration",
        pattern: r"{B}(?:(?P<mod>{DMOD})\s+)?(?P<the>the\s+)?(?:(?P<pl>past|last|next|first|final|coming|previous|following|latest|initial|other)\s+)?(?P<n>{NUM})(?P<half>\s+1/2|\s+and\s+a\s+half)?(?P<sep>[\s-]+)(?:(?:more|additional|full|straight|consecutive|long|trading|business|working)\s+)?(?P<unit>{UNITS}){E}(?P<half2>\s+and\s+a\s+half{E})?(?:[\s-]+(?P<old>old|long){E})?",
        resolve: amounts::duration,
    },
    Rule {
        name: "plural_units",
        pattern: r"{B}(?:(?P<q>the\s+past|the\s+last|the\s+next|the\s+coming|recent|coming|past)\s+)?(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)(?P<long>-long)?{E}(?P<ago>\s+ago{E})?",
        resolve: amounts::plural_units,
    },
    Rule {
        name: "unit_long",
        pattern: r"{B}(?P<unit>day|week|month|year|decade|hour|minute)-long{E}",
        resolve: amounts::unit_long,
    },
    Rule {
        name: "day_word",
        pattern: r"{B}(?:(?:early|late)\s+)?(?P<w>yesterday|today|tomorrow|tonight)(?:\s+(?P<pod>{POD}){E})?{E}",
        resolve: deictic::day_word,
    },
    Rule {
        name: "part_of_day",
        pattern: r"{B}(?:(?:(?:early|late|earlier|later)\s+)?(?P<w>last|this)\s+(?P<pod>{POD})|(?P<mid>mid(?:-|\s+)?(?:morning|afternoon|day)){E}(?:\s+(?P<day>yesterday|today|tomorrow))?){E}",
        resolve: deictic::part_of_day,
    },
    Rule {
        name: "anchored_pod",
        pattern: r"{B}(?P<w>that|the(?:\s+(?P<next>next|following|same))?)\s+(?P<pod>{POD}){E}",
        resolve: deictic::anchored_pod,
    },
    Rule {
        name: "weekday_set",
        pattern: r"{B}(?:(?:every|each)\s+(?P<wd>{WEEKDAY})|(?P<wds>{WEEKDAY})s){E}(?:\s+(?P<pod>{POD})s?{E})?",
        resolve: deictic::weekday_set,
    },
    Rule {
        name: "calendar_set",
        pattern: r"{B}(?:every|each)\s+(?:(?P<mon>{FMONTH})|(?P<s>{SEASON})){E}",
        resolve: calendar::calendar_set,
    },
    Rule {
        name: "weekday",
        pattern: r"{B}(?:(?:early|late)\s+)?(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<wd>{WEEKDAY}){E}(?:\s+(?P<pod>{POD}){E})?",
        resolve: deictic::weekday,
    },
    Rule {
        name: "relative_unit",
        pattern: r"{B}(?:{POS})?(?:the\s+)?(?P<rel>last|this|next|past|coming|previous|current|following)\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|quarter|year|decade|century){E}",
        resolve: deictic::relative_unit,
    },
    Rule {
        name: "end_of_unit",
        pattern: r"{B}(?:early|late|mid|(?:the\s+)?(?:end|beginning|start|middle|close)\s+of|(?:early|earlier|late|later)\s+in)(?:-|\s+)(?:the\s+|this\s+)?(?P<unit>week|month|year){E}",
        resolve: deictic::end_of_unit,
    },
    Rule {
        name: "year_end",
        pattern: r"{B}(?:around\s+)?(?P<unit>year)(?:-|\s+|['’]s\s+)end{E}",
        resolve: deictic::end_of_unit,
    },
    Rule {
        name: "the_weekend",
        pattern: r"{B}the\s+weekend{E}",
        resolve: deictic::the_weekend,
    },
    Rule {
        name: "spoken_year",
        pattern: r"{B}(?:(?P<hi>nineteen|eighteen)\s+(?P<lo>{TENS}(?:[\s-]{ONES})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:\s+(?P<after>{ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{TENS}(?:[\s-]{ONES})?))?){E}",
        resolve: calendar::spoken_year,
    },
    Rule {
        name: "plural_set",
        pattern: r"{B}(?P<w>{PLSET}){E}",
        resolve: frequency::plural_set,
    },
    Rule {
        name: "season",
        pattern: r"{B}(?:{POS})?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<s>{SEASON}){E}(?:\s+(?:of\s+)?(?P<y>{YEAR}){E})?",
        resolve: calendar::season,
    },
    Rule {
        name: "decade",
        pattern: r"{B}(?:the\s+)?(?:(?:early|late|mid)[\s-]*)?(?:(?P<c>1[0-9]|20)(?P<d>[0-9])0|['’](?P<d2>[0-9])0)s{E}|{B}the\s+(?:(?:early|late|mid)[\s-]*)?(?P<w>{TENS_PL}){E}",
        resolve: calendar::decade,
    },
    Rule {
        name: "century",
        pattern: r"{B}(?:the\s+)?(?P<n>[0-9]{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth|twenty[\s-]first)[\s-]+century{E}",
        resolve: calendar::century,
    },
    Rule {
        name: "year",
        pattern: r"{B}(?:{POS}|(?:pre|post)-)?(?:(?:fiscal|calendar)\s+(?:year\s+)?)?(?P<y>(?:1[6-9]|20)[0-9]{2}){E}",
        resolve: calendar::year,
    },
    Rule {
        name: "month",
        pattern: r"{B}(?:{POS})?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mon>{FMONTH}){E}(?:\s+(?P<ry>this|last|next)\s+year{E})?",
        resolve: calendar::month,
    },
    Rule {
        name: "holiday",
        pattern: r"{B}(?:(?P<rel>last|this|next)\s+)?(?P<h>{HOLIDAY}){E}(?P<week>\s+week{E})?(?:\s+(?P<y>{YEAR}){E})?",
        resolve: calendar::holiday,
    },
    Rule {
        name: "set_word",
        pattern: r"{B}(?:(?P<w>{SETW})|(?:every|each|per)\s+(?:(?P<n>other|{NUM})\s+)?(?P<unit>{UNITS})|(?:every|each)\s+(?P<t>{SETT})){E}",
        resolve: frequency::set_word,
    },
    Rule {
        name: "the_unit",
        pattern: r"{B}the\s+(?:fiscal\s+)?(?P<unit>year|week){E}",
        resolve: deictic::the_unit,
    },
    Rule {
        name: "conjoined_day",
        pattern: r"{B}(?:and|or)\s+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?{E}",
        resolve: calendar::conjoined_day,
    },
    Rule {
        name: "reference",
        pattern: r"{B}(?P<r>{REFS}){E}",
        resolve: amounts::reference,
    },
];

/// Position words before a date ("early", "the end of"): part of the span,
/// not of the value.
const POS: &str = r"(?:(?:early|late|mid|earlier|later)(?:-|\s+)|mid-|(?:the\s+)?(?:end|beginning|start|middle|turn|close)\s+of\s+(?:the\s+)?)";

/// Duration modifiers that TimeBank keeps inside the span ("only" and
/// "just" it leaves out).
const DMOD: &str = r"about|around|nearly|almost|more\s+than|less\s+than|at\s+least|at\s+most|over|up\s+to|roughly|approximately|some";

pub(super) const ZONE: &str = r"EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|PT|local\s+time";

/// Full month names (the table's first twelve entries), as against abbreviations.
fn is_full(word: &str) -> bool {
    lx::MONTHS.iter().take(12).any(|(w, _)| *w == word)
}

/// The pattern with every placeholder expanded.
pub fn expand(pattern: &str) -> String {
    let units = lx::alternation(lx::UNITS.iter().map(|(w, _)| *w));
    let table = [
        ("{B}", r"(?-u:\b)".to_string()),
        ("{E}", r"(?-u:\b)".to_string()),
        (
            "{MONTH}",
            format!(
                r"(?:{}(?-u:\b)|{}(?-u:\b)\.?)",
                lx::alternation(
                    lx::MONTHS
                        .iter()
                        .filter(|(w, _)| is_full(w))
                        .map(|(w, _)| *w)
                ),
                lx::alternation(
                    lx::MONTHS
                        .iter()
                        .filter(|(w, _)| !is_full(w))
                        .map(|(w, _)| *w)
                ),
            ),
        ),
        (
            "{FMONTH}",
            lx::alternation(
                lx::MONTHS
                    .iter()
                    .filter(|(w, _)| is_full(w))
                    .map(|(w, _)| *w),
            ),
        ),
        (
            "{WEEKDAY}",
            lx::alternation(lx::WEEKDAYS.iter().map(|(w, _)| *w)),
        ),
        ("{DAY}", r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?".to_string()),
        ("{YEAR}", r"(?:1[0-9]|20)[0-9]{2}".to_string()),
        ("{NUM}", lx::number_pattern()),
        ("{CARD}", lx::cardinal_pattern()),
        ("{TENS}", lx::alternation(lx::TENS.iter().map(|(w, _)| *w))),
        (
            "{TENS_PL}",
            format!(
                r"(?:{})ies",
                lx::alternation(
                    lx::TENS
                        .iter()
                        .filter(|(_, n)| *n > 10)
                        .map(|(w, _)| w.trim_end_matches('y'))
                )
            ),
        ),
        (
            "{ONES}",
            lx::alternation(
                lx::SMALL_NUMBERS
                    .iter()
                    .filter(|(w, n)| *n < 10 && w.len() > 2)
                    .map(|(w, _)| *w),
            ),
        ),
        ("{UNITS}", format!(r"(?:centuries|{units}s?)")),
        (
            "{ORD}",
            lx::alternation(lx::ORDINALS.iter().map(|(w, _)| *w)),
        ),
        (
            "{SEASON}",
            lx::alternation(lx::SEASONS.iter().map(|(w, _)| *w)),
        ),
        (
            "{POD}",
            lx::alternation(lx::PARTS_OF_DAY.iter().map(|(w, _)| *w)),
        ),
        (
            "{HOLIDAY}",
            lx::alternation(lx::HOLIDAYS.iter().map(|(w, _)| *w)),
        ),
        (
            "{REFS}",
            lx::alternation(lx::REFERENCES.iter().map(|(w, _)| *w)),
        ),
        (
            "{SETW}",
            lx::alternation(lx::SET_WORDS.iter().map(|(w, _)| *w)),
        ),
        (
            "{SETT}",
            lx::alternation(lx::SET_TIMES.iter().map(|(w, _)| *w)),
        ),
        (
            "{TIMES}",
            lx::alternation(lx::TIMES_WORDS.iter().map(|(w, _)| *w)),
        ),
        (
            "{PLSET}",
            lx::alternation(lx::PLURAL_SETS.iter().map(|(w, _)| *w)),
        ),
        ("{POS}", POS.to_string()),
        ("{DMOD}", DMOD.to_string()),
        ("{ZONE}", ZONE.to_string()),
    ];
    let mut out = pattern.to_string();
    for (k, v) in table {
        out = out.replace(k, &v);
    }
    out
}

/// The pattern with its named groups made non-capturing, for the combined
/// regex (names may repeat across rules there).
pub fn strip_names(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(i) = rest.find("(?P<") {
        out.push_str(&rest[..i]);
        out.push_str("(?:");
        rest = &rest[i..];
        rest = match rest.find('>') {
            Some(j) => &rest[j + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}
