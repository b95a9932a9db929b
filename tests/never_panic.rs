//! Property tests: no input text makes the loaders, the date parser or the
//! extractors panic. (cargo fuzz needs a nightly toolchain; proptest runs on stable.)

use briefing::source;
use briefing_engine::extract;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::path::Path;

/// Markup shaped like saved pages and feeds, broken anywhere.
fn markup_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        r#"(<(html|head|body|p|div|article|script|meta|title|h1|li|rss|item|feed|entry|description|pubDate|link)( [a-z]{1,8}="[ -~]{0,20}")?/?>|</[a-z]{1,8}>|[ -~\u{e4}\u{201c}]{0,30}|<!\[CDATA\[|\]\]>|&[a-z]{0,5};?){0,60}"#,
        r#"\{("(version|title|items|url|content_html|date_published)": ?("[ -~]{0,20}"|\[|\]|\{|\}|[0-9]{1,5}),? ?){0,20}\}?"#,
    ]
}

/// Text shaped like articles and front matter, plus arbitrary Unicode.
fn article_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(\\+\\+\\+\n)?(title = \"[^\"]{0,20}\"\n)?(date = [0-9-]{0,12}\n)?(\\+\\+\\+\n)?[ -~\n\u{e1}\u{fc}\u{201c}\u{201d}]{0,200}",
        "[A-Z][a-z]{0,8}( [A-Z][a-z]{0,8}){0,3}\n\n[A-Za-z0-9, ]{0,30}\n\n[ -~\n\u{e1}\u{201c}\u{201d}]{0,300}",
    ]
}

proptest! {
    // 200 cases in the test command; PROPTEST_CASES=20000 for a longer campaign.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200),
        ..ProptestConfig::default()
    })]

    #[test]
    fn loaders_never_panic(text in article_like()) {
        let mut diags = Vec::new();
        for name in ["a.txt", "a.md"] {
            for article in source::read_articles(Path::new(name), name, text.as_bytes(), &mut diags) {
                for block in &article.blocks {
                    prop_assert!(article.body.get(block.start..block.end).is_some());
                }
            }
        }
    }

    #[test]
    fn page_and_feed_readers_never_panic(text in markup_like()) {
        let mut diags = Vec::new();
        for name in ["a.html", "a.xml", "a.json"] {
            for article in source::read_articles(Path::new(name), name, text.as_bytes(), &mut diags) {
                for block in &article.blocks {
                    prop_assert!(article.body.get(block.start..block.end).is_some());
                }
            }
        }
    }

    #[test]
    fn date_lines_never_panic(line in any::<String>()) {
        let _ = source::parse_date(&line);
    }

    #[test]
    fn extraction_never_panics_and_offsets_are_char_boundaries(text in article_like()) {
        let ex = extract(&text, NaiveDate::from_ymd_opt(2019, 5, 2));
        for m in &ex.mentions {
            prop_assert!(text.get(m.start..m.end).is_some());
            prop_assert!(m.actor < ex.actors.len());
        }
        for t in &ex.timexes {
            prop_assert!(text.get(t.start..t.end).is_some());
        }
        for q in &ex.quotes {
            prop_assert!(text.get(q.start..q.end).is_some());
        }
        for e in &ex.events {
            prop_assert!(text.get(e.start..e.end).is_some());
        }
    }
}
