//! What resolution works on: the names of one text after cleaning
//! ([`Occurrence`]) and the forms they share ([`Form`]). Shared by the steps of
//! `local` that group forms into actors (`joins`, `surnames`).

use crate::ActorKind;
use std::ops::Range;

/// One recognised name after cleaning: the name part of the span and what it stands for.
pub(super) struct Occurrence {
    pub(super) range: Range<usize>,
    pub(super) kind: ActorKind,
    /// The name as written, whitespace collapsed, without a nickname given in
    /// quotes (`Maurice Cheeks` of `Maurice "Mo" Cheeks`).
    pub(super) surface: String,
    /// That nickname (`Mo`).
    pub(super) nickname: Option<String>,
}

/// All occurrences that share one normalised form (slug, or a country's canonical slug).
pub(super) struct Form {
    /// Normalised words of the name (`["leopoldo", "lopez"]`).
    pub(super) words: Vec<String>,
    pub(super) kind: ActorKind,
    pub(super) occurrences: Vec<usize>,
    /// The canonical name of the country this form stands for.
    pub(super) country: Option<&'static str>,
    /// Every occurrence is a word that is usually no name (`May`, `Instead`): kept only if it
    /// joins a real name.
    pub(super) weak: bool,
}

/// Whether `word` starts with a capital letter.
pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}
