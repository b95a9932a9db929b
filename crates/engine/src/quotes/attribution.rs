//! Who a quotation is attributed to, read from the words right around it in its sentence:
//!
//! - after it, speaker then verb: `"...", Maduro said.` / `"...", White House press secretary
//!   Sarah Sanders said` / `"...", he said`;
//! - after it, verb then speaker: `"...," said John Bolton.` / `"...", according to Bolton.`;
//! - before it, speaker then verb: `Maduro said: "..."` / `Bolton told reporters "..."` /
//!   the second half of a split quotation, `"...," Maduro said, "..."`.
//!
//! Only role words (titles, modifiers, capitalised words, "the", possessive `'s`) may stand
//! between the quotation and the speaker, so a name inside a clause ("the man who met Maduro
//! said") is never taken for the speaker.

use crate::actors::is_role_word;
use crate::text::{Token, tokenize};
use crate::{ActorKind, LocalActor, Mention};
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::OnceLock;

const REPORTING_VERBS: &str = include_str!("../../data/reporting_verbs.txt");

/// Adverbs that may stand between a speaker and the verb ("Maduro later said").
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "once",
    "earlier",
    "previously",
    "recently",
    "further",
    "separately",
];
const PRONOUNS: &[&str] = &["he", "she", "He", "She"];
/// Words that may come before a speaker who opens a clause ("and Maduro said:").
const CLAUSE_OPENERS: &[&str] = &["and", "but", "then", "so", "while", "as", "when", "where"];
/// Tokens a reporting clause does not reach across: sentence ends and quotation marks.
const ENDS_REPORT: &[&str] = &[".", ";", "\"", "“", "”", "‘", "’"];
/// How far from the quotation the verb may stand, in tokens.
const MAX_GAP: usize = 12;
/// How many tokens may stand between a verb and the quotation it introduces
/// (`told reporters on Tuesday: "..."`).
const MAX_INTRO: usize = 6;
/// The longest apposition between a speaker and the verb, in tokens.
const MAX_APPOSITION: usize = 12;
/// The longest unnamed speaker phrase (`the Foreign Ministry`), in words.
const MAX_UNNAMED: usize = 6;

/// What the words around a quotation say about its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    /// A named actor (index into the actors).
    Actor(usize),
    /// A pronoun speaker (`he said`), to be resolved from the context.
    Pronoun,
    /// A reporting verb but no name (`the ministry said`): attributed, speaker unknown.
    Unnamed,
}

fn reporting_verbs() -> &'static HashSet<&'static str> {
    static VERBS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| crate::list_entries(REPORTING_VERBS).collect())
}

pub(super) fn is_verb(word: &str) -> bool {
    reporting_verbs().contains(word.to_lowercase().as_str())
}

fn is_adverb(word: &str) -> bool {
    ADVERBS.contains(&word) || (word.len() > 4 && word.ends_with("ly") && word.is_ascii())
}

fn is_punct(word: &str) -> bool {
    !word.chars().any(char::is_alphanumeric)
}

/// A word that may stand between a quotation and its speaker.
fn is_filler(word: &str) -> bool {
    matches!(word, "the" | "The" | "'s" | "’s" | ",")
        || is_role_word(word)
        || word.chars().next().is_some_and(char::is_uppercase)
}

/// The words around one quotation, with the mentions they hold.
pub struct Context<'a> {
    pub text: &'a str,
    pub mentions: &'a [Mention],
    pub actors: &'a [LocalActor],
}

impl Context<'_> {
    fn tokens(&self, range: Range<usize>) -> Vec<Token> {
        let Some(slice) = self.text.get(range.clone()) else {
            return Vec::new();
        };
        tokenize(slice)
            .into_iter()
            .map(|t| Token {
                start: t.start + range.start,
                end: t.end + range.start,
            })
            .collect()
    }

    fn word(&self, t: Token) -> &str {
        t.text(self.text)
    }

    /// A mention of a possible speaker (not a group) that ends exactly where `tok` ends.
    fn speaker_ending(&self, tok: Token) -> Option<&Mention> {
        self.mentions.iter().find(|m| {
            m.end == tok.end
                && self
                    .actors
                    .get(m.actor)
                    .is_some_and(|a| a.kind != ActorKind::Group)
        })
    }

    fn speaker_starting(&self, tok: Token) -> Option<&Mention> {
        self.mentions.iter().find(|m| {
            m.start == tok.start
                && self
                    .actors
                    .get(m.actor)
                    .is_some_and(|a| a.kind != ActorKind::Group)
        })
    }

    /// The speaker right before token `verb`: a mention or a pronoun, adverbs allowed between.
    /// Returns it and the index of its first token.
    fn speaker_before(&self, toks: &[Token], verb: usize) -> Option<(Attribution, usize)> {
        let mut j = verb;
        while j > 0 && is_adverb(self.word(toks[j - 1])) {
            j -= 1;
        }
        // An apposition between speaker and verb: "Ana Ruiz, the party leader, said".
        if j > 0 && self.word(toks[j - 1]) == "," {
            let comma = (j.saturating_sub(MAX_APPOSITION + 1)..j - 1)
                .rev()
                .take_while(|&k| !ENDS_REPORT.contains(&self.word(toks[k])))
                .find(|&k| self.word(toks[k]) == ",")?;
            j = comma;
        }
        let last = toks.get(j.checked_sub(1)?)?;
        if PRONOUNS.contains(&self.word(*last)) {
            return Some((Attribution::Pronoun, j - 1));
        }
        let m = self.speaker_ending(*last)?;
        let first = toks.iter().position(|t| t.start >= m.start)?;
        Some((Attribution::Actor(m.actor), first))
    }

    /// `"...", Maduro said` and `"...," said Maduro`, in the words after the closing mark.
    pub fn after(&self, range: Range<usize>) -> Option<Attribution> {
        let toks = self.tokens(range);
        let words: Vec<&str> = toks.iter().map(|t| self.word(*t)).collect();
        let begin = words
            .iter()
            .take_while(|w| matches!(**w, "," | "—" | "–"))
            .count();
        // Verb first: `said Maduro`, `according to Maduro`.
        let verb_end = if words.get(begin).is_some_and(|w| is_verb(w)) {
            Some(begin + 1)
        } else if words.get(begin) == Some(&"according") && words.get(begin + 1) == Some(&"to") {
            Some(begin + 2)
        } else {
            None
        };
        if let Some(v) = verb_end {
            if words.get(v).is_some_and(|w| PRONOUNS.contains(w)) {
                return Some(Attribution::Pronoun);
            }
            for k in v..toks.len().min(v + MAX_GAP) {
                if let Some(m) = self.speaker_starting(toks[k]) {
                    return Some(Attribution::Actor(m.actor));
                }
                if !is_filler(words[k]) || words[k] == "," {
                    break;
                }
            }
            return Some(Attribution::Unnamed);
        }
        // Speaker first: the verb within reach, only role words and the speaker before it.
        let verb = (begin..toks.len().min(begin + MAX_GAP))
            .take_while(|&k| !ENDS_REPORT.contains(&words[k]))
            .find(|&k| is_verb(words[k]))?;
        match self.speaker_before(&toks, verb) {
            Some((who, first)) if words[begin..first].iter().all(|w| is_filler(w)) => Some(who),
            // A short noun phrase as speaker ("the ministry", "a man who met her").
            _ if verb - begin <= MAX_UNNAMED && words[begin..verb].iter().all(|w| !is_punct(w)) => {
                Some(Attribution::Unnamed)
            }
            _ => None,
        }
    }

    /// The second half of a split quotation with the verb first: `"...," said Maduro, "..."`.
    fn inverted_before(&self, toks: &[Token], words: &[&str], end: usize) -> Option<Attribution> {
        let m = self.speaker_ending(*toks.get(end.checked_sub(1)?)?)?;
        let mut k = toks.iter().position(|t| t.start >= m.start)?;
        while k > 0 && is_filler(words[k - 1]) && words[k - 1] != "," {
            k -= 1;
        }
        let verb = k.checked_sub(1)?;
        let quote_before = verb
            .checked_sub(1)
            .is_some_and(|q| matches!(words[q], "," | "\"" | "”" | "’"));
        (is_verb(words[verb]) && quote_before).then_some(Attribution::Actor(m.actor))
    }

    /// `Maduro said: "..."`, `Bolton told reporters "..."`, in the words before the opening mark.
    pub fn before(&self, range: Range<usize>) -> Option<Attribution> {
        let toks = self.tokens(range);
        let words: Vec<&str> = toks.iter().map(|t| self.word(*t)).collect();
        let n = words.len();
        let end = n - words
            .iter()
            .rev()
            .take_while(|w| matches!(**w, ":" | ","))
            .count();
        if let Some(who) = self.inverted_before(&toks, &words, end) {
            return Some(who);
        }
        let verb = (end.saturating_sub(MAX_INTRO + 1)..end)
            .rev()
            .take_while(|&k| !ENDS_REPORT.contains(&words[k]))
            .find(|&k| is_verb(words[k]))?;
        let (who, first) = self.speaker_before(&toks, verb)?;
        // What precedes the speaker: nothing, punctuation, role words or a clause opener.
        let mut k = first;
        while k > 0 && is_filler(words[k - 1]) && words[k - 1] != "," {
            k -= 1;
        }
        let opens = k == 0 || is_punct(words[k - 1]) || CLAUSE_OPENERS.contains(&words[k - 1]);
        opens.then_some(who)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::resolve;
    use crate::actors::tests::spans;

    /// The attribution found after (or before) the only quotation of `text`.
    fn attribution(text: &str, names: &[(&str, ActorKind)]) -> Option<String> {
        let (actors, mentions) = resolve(text, &spans(text, names));
        let cx = Context {
            text,
            mentions: &mentions,
            actors: &actors,
        };
        let open = text.find('"')?;
        let close = open + 1 + text[open + 1..].find('"')?;
        let found = cx
            .after(close + 1..text.len())
            .or_else(|| cx.before(0..open));
        found.map(|a| match a {
            Attribution::Actor(i) => actors[i].name.clone(),
            Attribution::Pronoun => "<pronoun>".to_string(),
            Attribution::Unnamed => "<unnamed>".to_string(),
        })
    }

    use ActorKind::{Organization as Org, Person as Per};

    #[test]
    fn speaker_then_verb_after_the_quote() {
        let t = "\"We will win,\" Deputy minister Ana Ruiz later said.";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per)]).as_deref(),
            Some("Ana Ruiz")
        );
        let t = "\"We will win,\" he told reporters.";
        assert_eq!(attribution(t, &[]).as_deref(), Some("<pronoun>"));
        let t = "\"We will win,\" the ministry said.";
        assert_eq!(attribution(t, &[]).as_deref(), Some("<unnamed>"));
    }

    #[test]
    fn verb_then_speaker_after_the_quote() {
        let t = "\"We will win,\" said party leader Ana Ruiz.";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per)]).as_deref(),
            Some("Ana Ruiz")
        );
        let t = "\"We will win\", according to the Acme Party.";
        assert_eq!(
            attribution(t, &[("Acme Party", Org)]).as_deref(),
            Some("Acme Party")
        );
    }

    #[test]
    fn speaker_before_the_quote() {
        let t = "On Monday, Ana Ruiz told reporters: \"We will win.\"";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per)]).as_deref(),
            Some("Ana Ruiz")
        );
        let t = "Ana Ruiz said \"we will win\" on Monday.";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per)]).as_deref(),
            Some("Ana Ruiz")
        );
    }

    #[test]
    fn an_apposition_may_separate_speaker_and_verb() {
        let t = "Ana Ruiz, the party leader, said: \"We will win.\"";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per)]).as_deref(),
            Some("Ana Ruiz")
        );
        let t = "\"We will win,\" Ana Ruiz, who leads the party, told reporters.";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per)]).as_deref(),
            Some("Ana Ruiz")
        );
        // What stands before the first comma must be the name itself: no guess here.
        let t = "\"We will win,\" Ana Ruiz's rival, Tim Holt, said.";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per), ("Tim Holt", Per)]),
            None
        );
    }

    #[test]
    fn a_name_inside_a_clause_is_not_the_speaker() {
        let t = "\"We will win,\" a man who met Ana Ruiz said.";
        assert_eq!(
            attribution(t, &[("Ana Ruiz", Per)]).as_deref(),
            Some("<unnamed>")
        );
        let t = "The man who attacked Ana Ruiz said: \"We will win.\"";
        assert_eq!(attribution(t, &[("Ana Ruiz", Per)]), None);
        let t = "Ana Ruiz's aide said: \"We will win.\"";
        assert_eq!(attribution(t, &[("Ana Ruiz", Per)]), None);
    }
}
