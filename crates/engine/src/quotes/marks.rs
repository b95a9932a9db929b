//! Pairs of quotation marks: curly double marks pair directly, single curly ones when the
//! closing `’` is not an apostrophe; a straight `"` opens when it stands
//! after a space, a bracket or the start of a line, and closes otherwise. A quotation still
//! open at the end of a paragraph is closed there only when the next paragraph opens with a
//! quotation mark (the convention for a quotation running over several paragraphs); any other
//! unpaired mark is a stray and ignored.

use std::ops::Range;

/// One quotation: the marks' byte ranges (the closing one is empty when the quotation runs on
/// to the next paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    pub open: Range<usize>,
    pub close: Range<usize>,
}

const OPENING_CONTEXT: &[char] = &['(', '[', '{', '—', '–', '-', ':', '/'];

fn opens_here(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || OPENING_CONTEXT.contains(&c))
}

/// True when the text after `i` (a paragraph end) starts, past blank space, with an opening mark.
fn next_paragraph_opens_quote(text: &str, i: usize) -> bool {
    text[i..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c == '"' || c == '“')
}

pub fn find_marks(text: &str) -> Vec<Marks> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some((i, c)),
            ('”', Some((o, '“'))) | ('"', Some((o, '"'))) => {
                out.push(Marks {
                    open: o..o + c.len_utf8(),
                    close: i..i + c.len_utf8(),
                });
                open = None;
            }
            ('"', _) if opens_here(prev) => open = Some((i, c)),
            // Single curly marks (British style), only outside a double quotation: `‘` opens
            // after a space; `’` closes unless a letter follows (`Maduro’s`, `don’t`).
            ('‘', None) if opens_here(prev) => open = Some((i, c)),
            ('’', Some((o, '‘')))
                if !text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic) =>
            {
                out.push(Marks {
                    open: o..o + '‘'.len_utf8(),
                    close: i..i + c.len_utf8(),
                });
                open = None;
            }
            ('\n', Some((o, mark))) => {
                if next_paragraph_opens_quote(text, i) {
                    out.push(Marks {
                        open: o..o + mark.len_utf8(),
                        close: i..i,
                    });
                }
                open = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find_marks(text)
            .into_iter()
            .map(|m| &text[m.open.end..m.close.start])
            .collect()
    }

    #[test]
    fn straight_and_curly_marks_pair() {
        assert_eq!(quoted("He said \"yes\" and “no”."), ["yes", "no"]);
        assert_eq!(quoted("(\"Go,\" she said.)"), ["Go,"]);
        assert_eq!(
            quoted("He said ‘Ruiz’s plan won’t work’."),
            ["Ruiz’s plan won’t work"]
        );
    }

    #[test]
    fn a_stray_mark_is_ignored() {
        assert_eq!(quoted("A 6\" pipe.\nThen \"ok\"."), ["ok"]);
    }

    #[test]
    fn a_quotation_runs_over_paragraphs() {
        let text = "\"First part.\n\n\"Second part,\" she said.";
        assert_eq!(quoted(text), ["First part.", "Second part,"]);
    }
}
