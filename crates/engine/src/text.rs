//! Tokens and sentences, with byte offsets into the text.
//!
//! Tokenisation follows the CoNLL/Penn Treebank conventions the name model was
//! trained on: punctuation is split off words (`Caracas,` -> `Caracas` `,`),
//! possessives are their own token (`Maduro's` -> `Maduro` `'s`), and
//! abbreviations keep their dots (`U.S.`, `Mr.`).

use std::ops::Range;

/// A token: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Words whose trailing dot belongs to them rather than ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj",
    "Gov", "Sen", "Rep", "Rev", "St", "Sr", "Jr", "Mt", "Ft", "Inc", "Corp", "Co", "Ltd", "No",
    "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Pres", "Gov", "Atty", "Supt", "Det", "Hon",
];

fn is_opening_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '`')
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | ',' | ';' | ':' | '!' | '?' | '.' | '…'
    )
}

/// Whether the `.` at byte `at` of `text` ends no sentence: it closes an abbreviation
/// (`p.m.`, `U.S.`, `Mr.`) or a comma follows it (`Newport Beach, Calif., on Thursday`).
pub(crate) fn is_inner_dot(text: &str, at: usize) -> bool {
    let (before, after) = (&text[..at], &text[at + 1..]);
    if after.starts_with([',', ';']) {
        return true;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || is_opening_punct(c))
        .next()
        .unwrap_or("");
    !word.is_empty() && keeps_dot(word)
}

/// True when `word` (without its final dot) is an abbreviation that keeps the dot:
/// a known abbreviation, a single letter (an initial), or dotted letters (`U.S`).
fn keeps_dot(word: &str) -> bool {
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_alphabetic() && c.is_uppercase(),
        _ => {
            word.contains('.')
                && word
                    .split('.')
                    .all(|p| p.chars().count() <= 2 && !p.is_empty())
        }
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII decided from the byte (as `char::is_whitespace` does); other characters decoded.
        let (space, len) = if b.is_ascii() {
            (b == b' ' || (9..=13).contains(&b), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
        i += len;
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut tokens);
    }
    tokens
}

/// Clitics split off the end of a word, PTB-style (`Maduro's` -> `Maduro` `'s`).
const CLITICS: &[&str] = &[
    "'s", "’s", "'S", "’S", "n't", "n’t", "N'T", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d",
    "’d", "'m", "’m",
];

/// Splits one whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    // Most chunks are a plain word, or one with a comma or the like after it:
    // settled from the bytes, without the general rules below (which agree).
    if let Some((&last, word)) = text.as_bytes()[start..end].split_last()
        && word.iter().all(u8::is_ascii_alphanumeric)
    {
        if last.is_ascii_alphanumeric() {
            out.push(Token { start, end });
            return;
        }
        if !word.is_empty() && matches!(last, b',' | b';' | b':' | b'!' | b'?' | b')') {
            out.push(Token {
                start,
                end: end - 1,
            });
            out.push(Token {
                start: end - 1,
                end,
            });
            return;
        }
    }
    split_chunk_by_rules(text, start, end, out);
}

/// [`split_chunk`] by the general rules alone.
fn split_chunk_by_rules(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    // Every clitic has an apostrophe, `'` or `’` (whose UTF-8 starts with 0xE2): most
    // chunks have neither byte, and skip both clitic scans.
    let apostrophe = text.as_bytes()[start..end]
        .iter()
        .any(|&b| b == b'\'' || b == 0xe2);
    // A clitic standing alone (pre-tokenised text such as CoNLL's `Maduro 's`) is one token.
    if apostrophe && CLITICS.contains(&&text[start..end]) {
        out.push(Token { start, end });
        return;
    }
    // Leading punctuation, one token per mark.
    while start < end {
        let c = text[start..end].chars().next().unwrap_or(' ');
        if is_opening_punct(c) && start + c.len_utf8() < end {
            out.push(Token {
                start,
                end: start + c.len_utf8(),
            });
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected from the right straight into `out` (no buffer to
    // allocate per word), then moved after the word and put back in text order.
    let mark = out.len();
    while end > start {
        let word = &text[start..end];
        let Some(c) = word.chars().next_back() else {
            break;
        };
        if !is_closing_punct(c) || word.len() == c.len_utf8() {
            break;
        }
        if c == '.' && keeps_dot(&word[..word.len() - 1]) {
            break;
        }
        // `'` after an s is a possessive (`countries'`), kept as its own token too.
        out.push(Token {
            start: end - c.len_utf8(),
            end,
        });
        end -= c.len_utf8();
    }
    let trailing = out.len() - mark;
    if start < end {
        let word = &text[start..end];
        // Possessive and negation clitics: `Maduro's`, `don't` (as `do` `n't`).
        let clitic = if apostrophe {
            CLITICS
                .iter()
                .find(|cl| word.len() > cl.len() && word.ends_with(*cl))
                .map(|cl| cl.len())
        } else {
            None
        };
        match clitic {
            Some(len) => {
                out.push(Token {
                    start,
                    end: end - len,
                });
                out.push(Token {
                    start: end - len,
                    end,
                });
            }
            None => match dash_before_function_word(word) {
                // `Kirkpatrick-was charged`: a dash written without spaces, as three tokens.
                Some(dash) => {
                    let dash = start + dash;
                    out.extend([
                        Token { start, end: dash },
                        Token {
                            start: dash,
                            end: dash + 1,
                        },
                        Token {
                            start: dash + 1,
                            end,
                        },
                    ]);
                }
                None => out.push(Token { start, end }),
            },
        }
    }
    if trailing > 0 {
        let moved = &mut out[mark..];
        moved.rotate_left(trailing);
        let len = moved.len();
        moved[len - trailing..].reverse();
    }
}

/// Words that never close a hyphenated word: after a capitalised word and one hyphen
/// (`Eric Allen Kirkpatrick-was charged`), the hyphen is a dash set without spaces.
const FUNCTION_WORDS_AFTER_A_DASH: [&str; 16] = [
    "and", "are", "but", "had", "has", "have", "he", "is", "said", "she", "that", "the", "they",
    "was", "were", "who",
];

/// Where the dash of `word` stands when it is a capitalised word, a hyphen and one of
/// [`FUNCTION_WORDS_AFTER_A_DASH`].
fn dash_before_function_word(word: &str) -> Option<usize> {
    let (before, after) = word.split_once('-')?;
    (before.starts_with(char::is_uppercase)
        && before.chars().all(char::is_alphabetic)
        && FUNCTION_WORDS_AFTER_A_DASH.contains(&after))
    .then_some(before.len())
}

/// Splits `text` into sentences, as byte ranges trimmed of surrounding whitespace.
///
/// A sentence ends at a line break, or after `.`, `!` or `?` (with any closing
/// quotes or brackets) when the next word starts with a capital, a digit or a quote.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let tokens = tokenize(text);
    sentence_tokens(text, &tokens)
        .into_iter()
        .map(|r| tokens[r.start].start..tokens[r.end - 1].end)
        .collect()
}

/// Splits already tokenised text into sentences, as non-empty ranges of token indices.
/// (The name recogniser needs both, and tokenising twice would cost it time.)
pub fn sentence_tokens(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut first: Option<usize> = None;
    for (i, tok) in tokens.iter().enumerate() {
        let start = *first.get_or_insert(i);
        let next = tokens.get(i + 1);
        let line_break = next.is_some_and(|n| text[tok.end..n.start].contains('\n'));
        let t = tok.text(text);
        let terminal = matches!(t, "." | "!" | "?" | "…")
            || (t.ends_with('.')
                && t.len() > 1
                && next.is_some_and(|n| {
                    // `U.S.` at the end of a sentence: the next word opens a new one.
                    let nt = n.text(text);
                    nt.chars().next().is_some_and(|c| c.is_uppercase())
                        && !keeps_dot(t.trim_end_matches('.'))
                }));
        let ends = match next {
            None => true,
            Some(_) if line_break => true,
            Some(n) if terminal => {
                // Closing quotes and brackets after the mark stay with this sentence.
                let mut j = i + 1;
                while let Some(t2) = tokens.get(j) {
                    let s2 = t2.text(text);
                    if matches!(s2, "\"" | "'" | "”" | "’" | ")" | "]")
                        && t2.start == tokens[j - 1].end
                    {
                        j += 1;
                    } else {
                        break;
                    }
                }
                if j > i + 1 {
                    // The sentence continues through the closing marks; decide at the last one.
                    false
                } else {
                    let nt = n.text(text);
                    nt.chars().next().is_some_and(|c| {
                        c.is_uppercase() || c.is_ascii_digit() || is_opening_punct(c)
                    })
                }
            }
            Some(n) if matches!(t, "\"" | "”" | "'" | "’" | ")" | "]") && i > 0 => {
                // After `."`: end when the mark before the quote was terminal.
                let prev = tokens[i - 1].text(text);
                matches!(prev, "." | "!" | "?")
                    && tokens[i - 1].end == tok.start
                    && n.text(text)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || is_opening_punct(c))
            }
            _ => false,
        };
        if ends {
            out.push(start..i + 1);
            first = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn a_dash_set_without_spaces_before_a_function_word_is_a_token() {
        assert_eq!(
            words("man - Eric Allen Kirkpatrick-was charged"),
            [
                "man",
                "-",
                "Eric",
                "Allen",
                "Kirkpatrick",
                "-",
                "was",
                "charged"
            ]
        );
        // Hyphenated words stay whole.
        for word in [
            "Kang Young-hoon",
            "Coca-Cola",
            "Ethiopian-flagged",
            "so-called",
            "in-law",
        ] {
            assert_eq!(words(word).concat(), word.replace(' ', ""), "{word}");
            assert!(words(word).iter().all(|w| *w != "-"), "{word}");
        }
    }

    #[test]
    fn splits_punctuation_and_possessives() {
        assert_eq!(
            words("\"Maduro's regime,\" he said."),
            ["\"", "Maduro", "'s", "regime", ",", "\"", "he", "said", "."]
        );
    }

    #[test]
    fn pretokenised_clitics_stay_whole() {
        assert_eq!(
            words("Maduro 's men do n't"),
            ["Maduro", "'s", "men", "do", "n't"]
        );
        assert_eq!(words("we're"), ["we", "'re"]);
    }

    #[test]
    fn trailing_marks_follow_the_word_in_text_order() {
        assert_eq!(
            words("(said Ruiz's aide.\")"),
            ["(", "said", "Ruiz", "'s", "aide", ".", "\"", ")"]
        );
        assert_eq!(words("?!"), ["?", "!"]);
    }

    #[test]
    fn splits_on_unicode_and_control_whitespace() {
        // No-break space, em space, vertical tab and a line separator all split words.
        assert_eq!(
            words("a\u{a0}b\u{2003}c\u{b}d\u{2028}é\u{1f}f"),
            ["a", "b", "c", "d", "é\u{1f}f"]
        );
    }

    /// The tokens of one chunk, by `split`.
    fn chunk_by(split: fn(&str, usize, usize, &mut Vec<Token>), chunk: &str) -> Vec<Token> {
        let mut out = Vec::new();
        split(chunk, 0, chunk.len(), &mut out);
        out
    }

    #[test]
    fn the_shortcut_for_plain_words_agrees_with_the_rules() {
        for chunk in [
            "a", "Maduro", "2019", "word,", "x,", ",", "a;", "b:", "c!", "d?", "e)", "f.", "U.S.",
            "Mr.", "(a)", "it's", "don't", "AB12", "a,,", "é,", "1.5", "",
        ] {
            assert_eq!(
                chunk_by(split_chunk, chunk),
                chunk_by(split_chunk_by_rules, chunk),
                "{chunk:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_shortcut_agrees_on_any_chunk(chunk in "[a-zA-Z0-9,;:!?().'\"é’]{1,8}") {
            proptest::prop_assert_eq!(
                chunk_by(split_chunk, &chunk),
                chunk_by(split_chunk_by_rules, &chunk)
            );
        }
    }

    #[test]
    fn every_clitic_has_an_apostrophe() {
        assert!(CLITICS.iter().all(|c| c.contains(['\'', '’'])));
    }

    #[test]
    fn keeps_abbreviation_dots() {
        assert_eq!(
            words("The U.S. and Mr. Bolton"),
            ["The", "U.S.", "and", "Mr.", "Bolton"]
        );
        assert_eq!(words("25,000 troops"), ["25,000", "troops"]);
    }

    #[test]
    fn sentences_split_on_terminal_marks_and_lines() {
        let text = "Mr. Bolton spoke. He left.\nNew line here";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, ["Mr. Bolton spoke.", "He left.", "New line here"]);
    }

    #[test]
    fn sentence_ends_after_closing_quote() {
        let text = "He said \"we won.\" Then he left.";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, ["He said \"we won.\"", "Then he left."]);
    }
}
