//! Quotations on sentences written for each rule, and on the seed article.

use super::*;
use crate::actors::resolve;
use crate::actors::tests::{SEED, seed_spans, spans};
use crate::text::sentences;
use ActorKind::Person as Per;

/// (quoted words, speaker name) for every quotation found.
fn quotes(text: &str, names: &[NameSpanSpec]) -> Vec<(String, Option<String>)> {
    let (actors, mentions) = resolve(text, &spans(text, names));
    quotes_with(text, &actors, &mentions)
}

type NameSpanSpec = (&'static str, ActorKind);

fn quotes_with(
    text: &str,
    actors: &[LocalActor],
    mentions: &[Mention],
) -> Vec<(String, Option<String>)> {
    find_quotes(text, &sentences(text), mentions, actors)
        .into_iter()
        .map(|q| {
            let who = q.speaker.map(|a| actors[a].name.clone());
            (text[q.start..q.end].to_string(), who)
        })
        .collect()
}

fn one(words: &str, who: Option<&str>) -> (String, Option<String>) {
    (words.to_string(), who.map(str::to_string))
}

#[test]
fn quote_then_speaker() {
    let t = "\"We are ready for anything,\" Ana Ruiz said. \"Nothing will stop us.\"";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [
            one("We are ready for anything", Some("Ana Ruiz")),
            // A bare quotation right after continues the same speaker.
            one("Nothing will stop us.", Some("Ana Ruiz")),
        ]
    );
}

#[test]
fn split_quotation_and_curly_marks() {
    let t = "“We won,” said Ana Ruiz, “and we will win again.”";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [
            one("We won", Some("Ana Ruiz")),
            one("and we will win again.", Some("Ana Ruiz"))
        ]
    );
}

#[test]
fn quotation_across_sentences() {
    let t = "Ana Ruiz said: \"We won. They lost. That is all.\" Then she left.";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [one("We won. They lost. That is all.", Some("Ana Ruiz"))]
    );
}

#[test]
fn colon_introduces_a_quotation_on_the_next_line() {
    let t = "Ana Ruiz told reporters:\n\"We will not stop until we win.\"";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [one("We will not stop until we win.", Some("Ana Ruiz"))]
    );
}

#[test]
fn pronoun_resolved_from_the_subject_of_the_previous_sentence() {
    let t = "Ana Ruiz spoke on radio on Monday. \"We will not give up,\" she said.";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [one("We will not give up", Some("Ana Ruiz"))]
    );
}

#[test]
fn pronoun_left_unresolved_when_unclear() {
    // The only person of the previous sentence is not its subject.
    let t = "The crowd cheered for Ana Ruiz. \"We will not give up,\" he said.";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [one("We will not give up", None)]
    );
    // Two people in the previous sentence.
    let t = "Ana Ruiz met Tim Holt. \"We will not give up,\" he said.";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per), ("Tim Holt", Per)]),
        [one("We will not give up", None)]
    );
}

#[test]
fn short_scare_quotes_are_dropped_unless_attributed() {
    let t = "Ana Ruiz called the plan \"weak\" and the talks \"a farce of the worst kind\".";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [one("a farce of the worst kind", None)]
    );
    let t = "\"Never,\" Ana Ruiz said.";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [one("Never", Some("Ana Ruiz"))]
    );
}

#[test]
fn paragraph_continuation_shares_the_speaker() {
    let t =
        "\"We will rebuild the country from its ruins.\n\n\"It will take years,\" Ana Ruiz said.";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [
            one(
                "We will rebuild the country from its ruins.",
                Some("Ana Ruiz")
            ),
            one("It will take years", Some("Ana Ruiz")),
        ]
    );
}

#[test]
fn seed_article_quotes() {
    let (actors, mentions) = resolve(SEED, &seed_spans());
    let found = quotes_with(SEED, &actors, &mentions);
    let speaker = |start: &str| {
        found
            .iter()
            .find(|(q, _)| q.starts_with(start))
            .unwrap_or_else(|| panic!("no quote {start} in {found:#?}"))
            .1
            .clone()
    };
    assert_eq!(
        speaker("The self-proclaimed").as_deref(),
        Some("Nicolas Maduro")
    );
    assert_eq!(speaker("All agreed").as_deref(), Some("John Bolton"));
    assert_eq!(
        speaker("The president has been briefed").as_deref(),
        Some("Sarah Sanders")
    );
    assert_eq!(speaker("Those who try"), None);
    // Scare quotes stay out.
    for short in ["weak", "Operation Freedom"] {
        assert!(
            found.iter().all(|(q, _)| q != short),
            "{short} kept: {found:#?}"
        );
    }
    assert_eq!(
        found
            .iter()
            .find(|(q, _)| q.starts_with("The self"))
            .map(|(q, _)| q.as_str()),
        Some("The self-proclaimed, Juan Guaido, and Leopoldo López personally led the coup d'état")
    );
}

#[test]
#[ignore]
fn print_seed_quotes() {
    let (actors, mentions) = resolve(SEED, &seed_spans());
    for q in quotes_with(SEED, &actors, &mentions) {
        println!("{q:?}");
    }
}

#[test]
fn single_curly_quotes_with_apostrophes() {
    let t = "‘Ruiz’s party won’t give up,’ Ana Ruiz said.";
    assert_eq!(
        quotes(t, &[("Ana Ruiz", Per)]),
        [one("Ruiz’s party won’t give up", Some("Ana Ruiz"))]
    );
}

#[test]
fn hostile_input_does_not_panic() {
    let texts = [
        "\"",
        "“",
        "\"\"",
        "”Ñ“",
        "a \"b\" c\n\n\"",
        "‘’’‘",
        "\"ñ\" said",
    ];
    let bogus = [
        Mention {
            kind: ActorKind::Person,
            start: 3,
            end: 1,
            actor: 9,
        },
        Mention {
            kind: ActorKind::Person,
            start: 0,
            end: 99,
            actor: 0,
        },
    ];
    for t in texts {
        let _ = find_quotes(t, &sentences(t), &bogus, &[]);
        let _ = find_quotes(t, &[], &[], &[]);
    }
}
