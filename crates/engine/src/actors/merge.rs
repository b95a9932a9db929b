//! Merging actors across articles. Every lookup goes through an index (by id, by surname and
//! first name, by name part, by alias, by one-deletion spelling keys), so a corpus of tens of
//! thousands of local actors merges in near-linear time.
//!
//! Rules, each only between actors of the same kind:
//! 1. the same id is the same actor;
//! 2. a lone word joins the full person name it is a surname of (`Maduro`, `Padrino` of
//!    Vladimir Padrino López; the shortest such names first), or the actor
//!    that lists it as an alias (`UN` -> United Nations; an all-capital acronym only when at
//!    least `MIN_ACRONYM_SUPPORT` articles spell it out that way, acronyms being ambiguous
//!    across a corpus). Full names that begin with the word compete too (`Henry`: Thierry
//!    Henry or Henry Kissinger?); a word no full name ends in joins the full name it begins
//!    (`Jermayne` -> Jermayne Timmons). With several candidates it joins one only if that one
//!    dominates (`DOMINANCE` times as many articles as any other, and at least
//!    `MIN_DOMINANT`): a lone "Trump" is Donald Trump when Ivanka Trump appears in a handful
//!    of articles;
//!    A lone organization or group joins the one team or company whose name it ends or
//!    opens before a corporate form (`Colts` -> Indianapolis Colts, `Microsoft` ->
//!    Microsoft Corp.), places included, as a team takes its city's name (`Saints` -> New
//!    Orleans Saints);
//! 3. a multiword person name joins the one longer name it begins or ends, and a multiword
//!    organization the one longer organization or place name it ends (`Red Sox` -> Boston
//!    Red Sox) or is without its closing corporate form or `Department` (`Staunton Police`
//!    -> Staunton Police Department);
//! 4. a name still alone joins a near spelling that is clearly more common
//!    (`SPELLING_MAJORITY` times as many articles): the rarer spelling is the misspelling.
//!    A lone word needs a dropped, added or swapped letter ("Hussein" and "Hussain" stay
//!    apart). Persons only, or multiword names of other kinds whose other words anchor the match
//!    ("Securities and Exchnage Commission"); lone places and teams one letter apart are
//!    different ("Iceland", "Ireland"). A person's surname after the same given name may be
//!    as short as four letters (`Duncan Rait`, `Duncan Raite`);
//! 5. a plural group or organisation joins its singular (`Chechens` -> `Chechen`);
//! 6. a person's name joins the one person another article gives it to as a nickname
//!    (`Mo Cheeks` -> `Maurice "Mo" Cheeks`);
//! 7. a person's name joins the persons of the same surname whose given name is the same,
//!    a familiar form of it or its initial, and whose middle names agree, when those are
//!    forms of one another too (`Regina Benjamin` -> `Regina M. Benjamin`; `Fred LaRue`,
//!    `Frederick LaRue`, `Frederick Cheney LaRue`; `Katie Jenkin`, `Kathryn Jenkin`).
//!    A generational suffix is no part of the comparison (`Arcade Joseph Comeaux Jr`).

use super::name_lists::share_a_line;
use super::similar::{
    deletion_keys, is_plural_of, near_spelling, near_spelling_without_substitution,
    surname_one_letter_apart,
};
use crate::slug::slug;
use crate::{ActorKind, LocalActor};
use std::borrow::Borrow;
use std::collections::HashMap;

const DOMINANCE: usize = 10;
const MIN_DOMINANT: usize = 5;
const SPELLING_MAJORITY: usize = 2;
/// Rule 4 takes a word's plural for its singular in names of this many words or more.
const MIN_WORDS_FOR_PLURAL_SLIPS: usize = 4;
const MIN_ACRONYM_SUPPORT: usize = 2;
/// Rule 7 compares a name with the others of its surname and given name (by key) only when
/// there are at most this many: with more (`John Smith` in a large corpus), a familiar form
/// cannot tell one from another anyway, and the comparisons would grow with the square of
/// the name's bearers.
const MAX_NAME_BEARERS: usize = 200;
/// Rule 7 joins a name with at most this many persons at once (each pair of them compared).
const MAX_VARIANTS: usize = 8;

/// Whether a name of kind `lone` may join a longer name of kind `full` by its words: persons
/// join persons; an organization or group also joins a longer name typed a place, a
/// team's name being its city's and its own (`New Orleans Saints`).
fn kinds_join(lone: ActorKind, full: ActorKind) -> bool {
    use ActorKind::{Group, Organization, Place};
    lone == full
        || matches!(lone, Organization | Group) && matches!(full, Organization | Group | Place)
}

/// An organization's words without the corporate forms that close it (`Microsoft Corp.`
/// -> `microsoft`), and a sea's without `Sea` or `Ocean` (`Mediterranean Sea` ->
/// `mediterranean`).
fn core_words(kind: ActorKind, words: &[String]) -> &[String] {
    let mut n = words.len();
    if kind == ActorKind::Organization {
        while n > 1 && super::is_corporate_form(&words[n - 1]) {
            n -= 1;
        }
        // `Staunton Police Department` is `Staunton Police`, as news writes it.
        if n > 2
            && matches!(words[n - 1].as_str(), "department" | "dept")
            && matches!(words[n - 2].as_str(), "police" | "fire")
        {
            n -= 1;
        }
    }
    if kind == ActorKind::Place && n > 1 && matches!(words[n - 1].as_str(), "sea" | "ocean") {
        n -= 1;
    }
    &words[..n]
}

/// All local actors that share one id.
struct Group {
    first: usize,
    kind: ActorKind,
    words: Vec<String>,
    id: String,
    count: usize,
    /// For a person, the lines of the given-name variants table that hold the first word.
    given_name_lines: &'static [u32],
}

/// A name's words as slugs (`Jermayne Timmons` -> `jermayne`, `timmons`), none empty.
pub(super) fn words_of(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(slug)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A person's name words without a closing generational suffix (`Jr`, `III`).
fn person_words(mut words: Vec<String>) -> Vec<String> {
    while words.len() > 2 && super::generational_suffix(&words[words.len() - 1]).is_some() {
        words.pop();
    }
    words
}

/// Whether two given or middle names may be one: equal, one the other's initial, a
/// familiar form of one given name (`fred`, `frederick`; their lines of the variants table
/// meet), or one familiar form spelt with another ending (`bettie`, `betty`).
fn same_given_name(a: &str, b: &str, lines: (&[u32], &[u32])) -> bool {
    let initial_of = |i: &str, name: &str| i.len() == 1 && name.starts_with(i);
    a == b
        || initial_of(a, b)
        || initial_of(b, a)
        || share_a_line(lines.0, lines.1)
        || familiar_stem(a).is_some_and(|stem| familiar_stem(b) == Some(stem))
}

/// A familiar given name without its ending `-ie`, `-ey`, `-y` or `-i` (`bettie`, `betty`
/// -> `bett`), when four letters or more are left: `mary` and `marie` are two names.
fn familiar_stem(name: &str) -> Option<&str> {
    ["ie", "ey", "y", "i"]
        .iter()
        .find_map(|ending| name.strip_suffix(ending))
        .filter(|stem| stem.len() >= 4)
}

/// The keys under which a person's given name meets every name `same_given_name` finds it
/// the same as: its first letter (equal names and initials share it) and its lines of the
/// variants table (`bill` and `william` share one).
fn given_name_keys(group: &Group) -> impl Iterator<Item = u32> + '_ {
    const LETTER: u32 = 1 << 31;
    let letter = group.words.first().and_then(|w| w.chars().next());
    letter
        .map(|c| LETTER | c as u32)
        .into_iter()
        .chain(group.given_name_lines.iter().copied())
}

/// Whether two person names of one surname may name one person: their given names agree
/// and so do their middle names, where both have some.
fn same_person_name(a: &Group, b: &Group) -> bool {
    let (Some((a_last, a_rest)), Some((b_last, b_rest))) =
        (a.words.split_last(), b.words.split_last())
    else {
        return false;
    };
    let (Some((a_first, a_middle)), Some((b_first, b_middle))) =
        (a_rest.split_first(), b_rest.split_first())
    else {
        return false;
    };
    let lexicon = super::name_lists::lexicon();
    let middles_agree = || {
        a_middle.iter().zip(b_middle).all(|(x, y)| {
            same_given_name(
                x,
                y,
                (lexicon.given_name_lines(x), lexicon.given_name_lines(y)),
            )
        })
    };
    a_last == b_last
        && same_given_name(a_first, b_first, (a.given_name_lines, b.given_name_lines))
        && (a_middle.is_empty()
            || b_middle.is_empty()
            || a_middle.len() == b_middle.len() && middles_agree())
}

fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !name.contains(' ')
}

/// The indices every rule looks up.
struct Index<'a> {
    groups: Vec<Group>,
    group_of: Vec<usize>,
    by_id: HashMap<&'a str, usize>,
    /// Multiword person names by last word, by inner words (`Padrino` of "Vladimir Padrino
    /// López"), and by first word.
    by_last: HashMap<String, Vec<usize>>,
    by_inner: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    /// Multiword person names by each shorter multiword beginning and ending.
    by_part: HashMap<String, Vec<usize>>,
    /// Multiword names of organizations, groups and places by their last word, corporate
    /// forms aside, and by their whole words when these forms were cut off.
    by_named_end: HashMap<String, Vec<usize>>,
    /// Multiword organization, group and place names by each shorter ending of two words or more.
    by_named_part: HashMap<String, Vec<usize>>,
    /// Multiword person names by surname and each key of their given name (see
    /// `given_name_keys`): the names rule 7 may find one person's.
    by_surname_given: HashMap<(String, u32), Vec<usize>>,
    /// Alias slug -> groups listing it, once per actor that does (sorted, with repeats).
    by_alias: HashMap<String, Vec<usize>>,
    /// Deletion-key hashes of groups seen in several articles, sorted.
    by_spelling: Vec<(u64, usize)>,
}

impl<'a> Index<'a> {
    fn build<A: Borrow<LocalActor>>(actors: &'a [A]) -> Index<'a> {
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut kind_counts: Vec<[usize; ActorKind::ALL.len()]> = Vec::new();
        let mut group_of = Vec::with_capacity(actors.len());
        for (i, a) in actors.iter().enumerate() {
            let a: &'a LocalActor = a.borrow();
            let g = *by_id.entry(a.id.as_str()).or_insert_with(|| {
                groups.push(Group {
                    first: i,
                    kind: a.kind,
                    words: words_of(&a.name),
                    given_name_lines: &[],
                    id: a.id.clone(),
                    count: 0,
                });
                kind_counts.push([0; ActorKind::ALL.len()]);
                groups.len() - 1
            });
            groups[g].count += 1;
            kind_counts[g][a.kind as usize] += 1;
            group_of.push(g);
        }
        for (group, counts) in groups.iter_mut().zip(&kind_counts) {
            group.kind = super::kind_by_votes(counts, group.words.len(), group.kind);
            if group.kind == ActorKind::Person {
                group.words = person_words(std::mem::take(&mut group.words));
                group.given_name_lines = super::name_lists::lexicon()
                    .given_name_lines(group.words.first().map_or("", String::as_str));
            }
        }
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_inner: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_part: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_surname_given: HashMap<(String, u32), Vec<usize>> = HashMap::new();
        let mut by_named_end: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_named_part: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_spelling = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            let n = group.words.len();
            if group.kind == ActorKind::Person && n >= 2 {
                by_last
                    .entry(group.words[n - 1].clone())
                    .or_default()
                    .push(g);
                by_first.entry(group.words[0].clone()).or_default().push(g);
                for w in &group.words[1..n - 1] {
                    by_inner.entry(w.clone()).or_default().push(g);
                }
                for key in given_name_keys(group) {
                    by_surname_given
                        .entry((group.words[n - 1].clone(), key))
                        .or_default()
                        .push(g);
                }
                for k in 2..n {
                    by_part
                        .entry(group.words[..k].join(" "))
                        .or_default()
                        .push(g);
                    by_part
                        .entry(group.words[n - k..].join(" "))
                        .or_default()
                        .push(g);
                }
            }
            if matches!(
                group.kind,
                ActorKind::Organization | ActorKind::Group | ActorKind::Place
            ) && n >= 2
            {
                let core = core_words(group.kind, &group.words);
                if let Some(last) = core.last() {
                    by_named_end.entry(last.clone()).or_default().push(g);
                }
                if core.len() < n {
                    by_named_end.entry(core.join(" ")).or_default().push(g);
                }
                // `Academy` of `Academy of Motion Picture Arts and Sciences`: a body's
                // name before `of` is what the text calls it for short.
                if group.kind == ActorKind::Organization && group.words[1] == "of" {
                    by_named_end
                        .entry(group.words[0].clone())
                        .or_default()
                        .push(g);
                }
                for k in 2..n {
                    by_named_part
                        .entry(group.words[n - k..].join(" "))
                        .or_default()
                        .push(g);
                }
                // `Staunton Police` of `Staunton Police Department`: the name without
                // what closes it is what other articles write.
                if (2..n).contains(&core.len()) {
                    by_named_part.entry(core.join(" ")).or_default().push(g);
                }
            }
            // Only a group seen in several articles can be the common spelling of rule 4.
            if group.count >= SPELLING_MAJORITY {
                by_spelling.extend(deletion_keys(&group.id).into_iter().map(|k| (k, g)));
            }
        }
        by_spelling.sort_unstable();
        let mut by_alias: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            for alias in &a.borrow().aliases {
                by_alias.entry(slug(alias)).or_default().push(group_of[i]);
            }
        }
        for list in by_alias.values_mut() {
            list.sort_unstable();
        }
        Index {
            groups,
            group_of,
            by_id,
            by_last,
            by_inner,
            by_first,
            by_part,
            by_surname_given,
            by_named_end,
            by_named_part,
            by_alias,
            by_spelling,
        }
    }

    fn get<'m>(map: &'m HashMap<String, Vec<usize>>, key: &str) -> &'m [usize] {
        map.get(key).map_or(&[], Vec::as_slice)
    }

    /// Rule 2: the group a lone word joins among the names it is the surname of or an alias
    /// of, against the competition of names it begins.
    fn lone_word<A: Borrow<LocalActor>>(
        &self,
        g: usize,
        actors: &[A],
        parent: &mut [usize],
    ) -> Option<usize> {
        let group = &self.groups[g];
        let fuller = |c: &usize| {
            *c != g
                && kinds_join(group.kind, self.groups[*c].kind)
                && self.groups[*c].words.len() > 1
        };
        let word = group.words.first()?;
        let mut joinable: Vec<usize> = Vec::new();
        let mut rivals: Vec<usize> = Vec::new();
        if group.kind == ActorKind::Person {
            // The shortest full names carrying the word claim it: "López" is Leopoldo López's
            // surname before it is the second surname of Vladimir Padrino López.
            let carriers: Vec<usize> = Self::get(&self.by_last, word)
                .iter()
                .chain(Self::get(&self.by_inner, word))
                .copied()
                .filter(|c| fuller(c))
                .collect();
            let shortest = carriers.iter().map(|&c| self.groups[c].words.len()).min();
            joinable.extend(
                carriers
                    .iter()
                    .filter(|&&c| Some(self.groups[c].words.len()) == shortest),
            );
            // A word no full name ends in but some begin with is a given name: it joins the
            // one person it opens (`Jermayne` -> Jermayne Timmons), else it tells them apart.
            if carriers.is_empty() {
                joinable.extend(Self::get(&self.by_first, word));
            } else {
                rivals.extend(Self::get(&self.by_first, word));
            }
        } else if matches!(group.kind, ActorKind::Organization | ActorKind::Group) {
            joinable.extend(Self::get(&self.by_named_end, word));
        }
        let holders = Self::get(&self.by_alias, &group.id);
        let acronym = is_acronym(&actors[group.first].borrow().name);
        for run in holders.chunk_by(|a, b| a == b) {
            if !acronym || run.len() >= MIN_ACRONYM_SUPPORT {
                joinable.push(run[0]);
            }
        }
        // Candidates already merged (by rule 3) count as one, with their articles summed.
        let tally = |mut list: Vec<usize>, parent: &mut [usize]| -> Vec<(usize, usize)> {
            list.sort_unstable();
            list.dedup();
            let mut by_root: Vec<(usize, usize)> = list
                .into_iter()
                .filter(|c| fuller(c))
                .map(|c| (root(parent, c), self.groups[c].count))
                .collect();
            by_root.sort_unstable();
            by_root
                .chunk_by(|a, b| a.0 == b.0)
                .map(|run| (run[0].0, run.iter().map(|r| r.1).sum()))
                .collect()
        };
        let joinable = tally(joinable, parent);
        let rivals: Vec<(usize, usize)> = tally(rivals, parent)
            .into_iter()
            .filter(|r| !joinable.iter().any(|j| j.0 == r.0))
            .collect();
        let &(best, top) = joinable.iter().max_by_key(|j| j.1)?;
        let second = joinable
            .iter()
            .chain(&rivals)
            .filter(|j| j.0 != best)
            .map(|j| j.1)
            .max();
        match second {
            None => Some(best),
            Some(s) => (top >= MIN_DOMINANT && top >= DOMINANCE * s).then_some(best),
        }
    }

    /// Rule 3: the one longer person name a multiword person name begins or ends, or the one
    /// longer organization or place name a multiword organization ends.
    fn part_of(&self, g: usize) -> Option<usize> {
        let group = &self.groups[g];
        let n = group.words.len();
        let parts = match group.kind {
            ActorKind::Person => &self.by_part,
            ActorKind::Organization | ActorKind::Group => &self.by_named_part,
            _ => return None,
        };
        if n < 2 {
            return None;
        }
        let mut candidates: Vec<usize> = Self::get(parts, &group.words.join(" "))
            .iter()
            .copied()
            .filter(|&c| {
                c != g
                    && self.groups[c].words.len() > n
                    && kinds_join(group.kind, self.groups[c].kind)
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // Names of the same words are one name (`Arcade Joseph Comeaux` and `Arcade Joseph
        // Comeaux Jr.`: a suffix is no word of the comparison); rule 7 joins them.
        let (&first, rest) = candidates.split_first()?;
        rest.iter()
            .all(|&c| self.groups[c].words == self.groups[first].words)
            .then_some(first)
    }

    /// Rule 6: the one person that has this person's name as an alias (a nickname another
    /// article gives it).
    fn nickname_of(&self, g: usize) -> Option<usize> {
        let group = &self.groups[g];
        if group.kind != ActorKind::Person || group.words.len() < 2 {
            return None;
        }
        let mut holders: Vec<usize> = Self::get(&self.by_alias, &group.id)
            .iter()
            .copied()
            .filter(|&c| c != g && self.groups[c].kind == ActorKind::Person)
            .collect();
        holders.sort_unstable();
        holders.dedup();
        match holders[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Rule 7: the persons (as merged so far) whose names are other forms of this one's and
    /// no shorter, when they are forms of one another too: `Frederick LaRue` joins
    /// Frederick Cheney LaRue and Fred LaRue, but `George Bush` neither George W. nor
    /// George H. W. Bush when both appear. Longer names are to be asked first, so that the
    /// forms a shorter one may join are already one.
    fn person_variants(&self, g: usize, parent: &mut [usize]) -> Vec<usize> {
        let group = &self.groups[g];
        if group.kind != ActorKind::Person || group.words.len() < 2 {
            return Vec::new();
        }
        let own = root(parent, g);
        let n = group.words.len();
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for key in given_name_keys(group) {
            let bearers = self
                .by_surname_given
                .get(&(group.words[n - 1].clone(), key))
                .map_or(&[][..], Vec::as_slice);
            if bearers.len() > MAX_NAME_BEARERS {
                return Vec::new();
            }
            for &c in bearers {
                if c != g
                    && self.groups[c].words.len() >= n
                    && same_person_name(group, &self.groups[c])
                {
                    let r = root(parent, c);
                    if r != own {
                        candidates.push((r, c));
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup_by_key(|&mut (r, _)| r);
        let agree = candidates.len() <= MAX_VARIANTS
            && candidates.iter().enumerate().all(|(i, &(_, a))| {
                candidates[i + 1..]
                    .iter()
                    .all(|&(_, b)| same_person_name(&self.groups[a], &self.groups[b]))
            });
        if agree {
            candidates.into_iter().map(|(r, _)| r).collect()
        } else {
            Vec::new()
        }
    }

    /// Rule 4: the one clearly more common near spelling.
    fn spelling(&self, g: usize) -> Option<usize> {
        let group = &self.groups[g];
        if group.kind != ActorKind::Person && group.words.len() < 2 {
            return None;
        }
        let spelt = |key: u64| {
            let from = self.by_spelling.partition_point(|&(k, _)| k < key);
            let to = self.by_spelling.partition_point(|&(k, _)| k <= key);
            self.by_spelling[from..to].iter().map(|&(_, c)| c)
        };
        // A lone word has nothing else to anchor it: a substituted letter is too weak a sign.
        let near = if group.words.len() == 1 {
            near_spelling_without_substitution
        } else {
            near_spelling
        };
        let mut candidates: Vec<usize> = deletion_keys(&group.id)
            .into_iter()
            .flat_map(spelt)
            .filter(|&c| {
                let other = &self.groups[c];
                let pairs = || group.words.iter().zip(&other.words);
                let last = group.words.len() - 1;
                // A short surname after the same given name: the name anchors it.
                let surname = |i: usize, a: &str, b: &str| {
                    group.kind == ActorKind::Person && i == last && surname_one_letter_apart(a, b)
                };
                // In a long name, the rest anchors a plural written for a singular
                // (`Academy of Motion Pictures Arts and Sciences`).
                let plural = |a: &str, b: &str| {
                    group.words.len() >= MIN_WORDS_FOR_PLURAL_SLIPS && is_plural_of(a, b)
                };
                c != g
                    && other.kind == group.kind
                    && other.count >= SPELLING_MAJORITY * group.count
                    && other.words.len() == group.words.len()
                    && pairs().filter(|(a, b)| a != b).count() == 1
                    && pairs()
                        .enumerate()
                        .all(|(i, (a, b))| a == b || near(a, b) || surname(i, a, b) || plural(a, b))
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        match candidates[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Rule 5: the singular of a plural group or organisation.
    fn singular(&self, g: usize) -> Option<usize> {
        let group = &self.groups[g];
        if !matches!(group.kind, ActorKind::Group | ActorKind::Organization) {
            return None;
        }
        let single = group.id.strip_suffix('s')?;
        let &c = self.by_id.get(single)?;
        (self.groups[c].kind == group.kind).then_some(c)
    }
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn join(parent: &mut [usize], from: usize, to: usize) {
    let (a, b) = (root(parent, from), root(parent, to));
    if a != b {
        parent[a] = b;
    }
}

pub fn merge_across<A: Borrow<LocalActor>>(actors: &[A]) -> Vec<usize> {
    let index = Index::build(actors);
    let n = index.groups.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Rules 3 and 5 first, so that the full names a lone word may join are already one.
    for g in 0..n {
        let nickname = || index.nickname_of(g);
        if let Some(t) = index
            .part_of(g)
            .or_else(|| index.singular(g))
            .or_else(nickname)
        {
            join(&mut parent, g, t);
        }
    }
    let mut longest_first: Vec<usize> = (0..n).collect();
    longest_first.sort_by_key(|&g| std::cmp::Reverse(index.groups[g].words.len()));
    for g in longest_first {
        for t in index.person_variants(g, &mut parent) {
            join(&mut parent, g, t);
        }
    }
    for g in (0..n).filter(|&g| index.groups[g].words.len() == 1) {
        if let Some(t) = index.lone_word(g, actors, &mut parent) {
            join(&mut parent, g, t);
        }
    }
    // Rule 4, for groups still alone after the others.
    let mut alone = vec![true; n];
    for g in 0..n {
        let r = root(&mut parent, g);
        if r != g {
            alone[g] = false;
            alone[r] = false;
        }
    }
    for g in (0..n).filter(|&g| alone[g]) {
        if let Some(t) = index.spelling(g) {
            join(&mut parent, g, t);
        }
    }
    index
        .group_of
        .iter()
        .map(|&g| index.groups[root(&mut parent, g)].first)
        .collect()
}

/// Words that end a paper's name after its place (`New York Times`, `Boston Herald`): a
/// place before them is the place, never the paper.
const PAPER_WORDS: &[&str] = &[
    "advocate",
    "bulletin",
    "chronicle",
    "courier",
    "daily",
    "dispatch",
    "examiner",
    "express",
    "gazette",
    "globe",
    "guardian",
    "herald",
    "inquirer",
    "journal",
    "magazine",
    "mail",
    "mirror",
    "news",
    "observer",
    "post",
    "press",
    "record",
    "register",
    "review",
    "sentinel",
    "star",
    "sun",
    "telegraph",
    "times",
    "tribune",
    "weekly",
];

/// The words of a team's name that follow its place's (`Red Sox` of `Boston Red Sox`): one
/// or two capitalised words, the last a plural, none an organization's or a paper's word.
fn is_team_nickname(words: &[String]) -> bool {
    words
        .last()
        .is_some_and(|w| w.ends_with('s') || w.ends_with('x'))
        && words.iter().all(|w| {
            !super::is_org_word(w)
                && !super::is_corporate_form(w)
                && !PAPER_WORDS.contains(&w.as_str())
        })
}

/// Rule 8, within each article: a place or organization named in an article that also
/// names the one team of the site whose name is that place's and a nickname (`Indianapolis`
/// beside `the Colts` of the Indianapolis Colts) is the team there: sports reports call a
/// team by its city or school (`leading Indianapolis to a 20-13 victory over Kansas City`).
/// A place that begins the names of several teams (`New York`) stays the place.
/// `representative` is [`merge_across`]'s result, rewired in place; `articles` are the
/// ranges of `actors` that each article holds. Returns the actors rewired, in order: they
/// name the team there but were read as what they name elsewhere, so they say nothing of
/// the team's kind.
pub fn places_as_their_teams<A: Borrow<LocalActor>>(
    actors: &[A],
    articles: &[std::ops::Range<usize>],
    representative: &mut [usize],
) -> Vec<usize> {
    // Each merged actor's fullest name (most words) and how often its articles give each kind.
    let mut fullest: HashMap<usize, (Vec<String>, [usize; ActorKind::ALL.len()])> = HashMap::new();
    for (a, &r) in actors.iter().zip(representative.iter()) {
        let a = a.borrow();
        let entry = fullest.entry(r).or_default();
        if a.name.split_whitespace().count() > entry.0.len() {
            entry.0 = words_of(&a.name);
        }
        entry.1[a.kind as usize] += 1;
    }
    // Teams by the place their name begins with; `None` where several teams share it.
    let mut team_of_place: HashMap<String, Option<usize>> = HashMap::new();
    let mut roots: Vec<usize> = fullest.keys().copied().collect();
    roots.sort_unstable();
    for r in roots {
        let (words, votes) = &fullest[&r];
        let kind = super::kind_by_votes(votes, words.len(), ActorKind::Organization);
        if kind != ActorKind::Organization || words.len() < 2 {
            continue;
        }
        for tail in 1..=2.min(words.len() - 1) {
            let (place, nickname) = words.split_at(words.len() - tail);
            if is_team_nickname(nickname) {
                team_of_place
                    .entry(place.join(" "))
                    .and_modify(|t| {
                        if *t != Some(r) {
                            *t = None;
                        }
                    })
                    .or_insert(Some(r));
            }
        }
    }
    let mut rewired = Vec::new();
    if team_of_place.is_empty() {
        return rewired;
    }
    for range in articles {
        let Some(present) = representative.get(range.clone()) else {
            continue;
        };
        // Sorted, so that a long article's actors are looked up, not scanned, each time.
        let mut present: Vec<usize> = present.to_vec();
        present.sort_unstable();
        present.dedup();
        for i in range.clone() {
            let a = actors[i].borrow();
            if !matches!(a.kind, ActorKind::Place | ActorKind::Organization) {
                continue;
            }
            if let Some(&Some(team)) = team_of_place.get(&words_of(&a.name).join(" "))
                && team != representative[i]
                && present.binary_search(&team).is_ok()
            {
                representative[i] = team;
                rewired.push(i);
            }
        }
    }
    rewired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, kind: ActorKind, aliases: &[&str]) -> LocalActor {
        LocalActor {
            id: slug(name),
            name: name.to_string(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            roles: Vec::new(),
        }
    }

    fn person(name: &str) -> LocalActor {
        actor(name, ActorKind::Person, &[])
    }

    fn org(name: &str) -> LocalActor {
        actor(name, ActorKind::Organization, &[])
    }

    #[test]
    fn a_middle_initial_or_a_nickname_is_the_same_person() {
        let mut cheeks = person("Maurice Cheeks");
        cheeks.aliases = vec!["Mo Cheeks".to_string(), "Cheeks".to_string()];
        let actors = [
            person("Regina M. Benjamin"),
            person("Regina Benjamin"),
            cheeks,
            person("Mo Cheeks"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 2, 2]);
    }

    #[test]
    fn a_shorter_name_joins_a_longer_one_written_with_or_without_its_suffix() {
        let actors = [
            person("Joseph Comeaux"),
            person("Arcade Joseph Comeaux Jr."),
            person("Arcade Joseph Comeaux"),
            // Two longer names of other words: `Ann Lee` is neither.
            person("Ann Lee"),
            person("Mary Ann Lee"),
            person("Susan Ann Lee"),
        ];
        let merged = merge_across(&actors);
        assert!(merged[..3].iter().all(|&m| m == merged[0]), "{merged:?}");
        assert_eq!(merged[3..], [3, 4, 5]);
    }

    #[test]
    fn a_short_surname_misspelt_after_the_same_given_name_is_the_same_person() {
        let mut actors: Vec<LocalActor> = Vec::new();
        for (name, articles) in [
            ("Duncan Rait", 4),
            ("Duncan Raite", 2),
            ("Anna Rain", 2),
            ("Anna Rait", 4),
            ("Mark Lees", 2),
            ("Mark Lee", 4),
        ] {
            actors.extend((0..articles).map(|_| person(name)));
        }
        let merged = merge_across(&actors);
        // Raite is Rait; a letter swapped (Rain) or a plural (Lees) is another name.
        assert_eq!(merged[4..6], [0, 0]);
        assert_eq!(merged[6..8], [6, 6]);
        assert_eq!(merged[12..14], [12, 12]);
    }

    #[test]
    fn a_place_beside_its_team_in_an_article_is_the_team() {
        let org = |n| actor(n, ActorKind::Organization, &[]);
        let place = |n| actor(n, ActorKind::Place, &[]);
        let actors = [
            // Article 0 names the team whole, article 1 by its nickname and its city.
            org("Indianapolis Colts"),
            org("Colts"),
            place("Indianapolis"),
            // Article 2 names the city without the team: the city.
            place("Indianapolis"),
            // Article 3: two teams begin with `New York`, and a paper with `Boston`.
            org("New York Yankees"),
            org("New York Mets"),
            place("New York"),
            org("Boston Herald"),
            place("Boston"),
            // Article 4: a person named like a school is not its team.
            org("Drake Bulldogs"),
            person("Drake"),
        ];
        let articles = [0..1, 1..3, 3..4, 4..9, 9..11];
        let mut representative = merge_across(&actors);
        assert_eq!(representative[..4], [0, 0, 2, 2]);
        let rewired = places_as_their_teams(&actors, &articles, &mut representative);
        assert_eq!(rewired, [2]);
        assert_eq!(representative, [0, 0, 0, 2, 4, 5, 6, 7, 8, 9, 10]);
    }

    #[test]
    fn a_body_is_one_actor_with_or_without_what_follows_of() {
        let org = |n| actor(n, ActorKind::Organization, &[]);
        let actors = [
            org("Academy of Motion Picture Arts and Sciences"),
            org("Academy"),
            // Two universities: a lone `University` is neither.
            org("University of Vellamo"),
            org("University of Freedonia"),
            org("University"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 2, 3, 4]);
    }

    #[test]
    fn a_familiar_given_name_is_one_however_its_ending_is_spelt() {
        let actors = [
            person("Bettie Mae Page"),
            person("Betty Mae Page"),
            person("Kathie Jenkin"),
            person("Kathy Jenkin"),
            // Too short a stem to tell a spelling from another name.
            person("Zuri Vey"),
            person("Zury Vey"),
        ];
        assert_eq!(merge_across(&actors), [1, 1, 3, 3, 4, 5]);
    }

    #[test]
    fn a_sea_is_one_actor_with_or_without_the_word_sea() {
        let actors = [
            actor("Mediterranean Sea", ActorKind::Place, &[]),
            actor("Mediterranean", ActorKind::Group, &[]),
            actor("Atlantic Ocean", ActorKind::Place, &[]),
            actor("Atlantic", ActorKind::Group, &[]),
            // A person of the same name is no sea.
            actor("Red Sea", ActorKind::Place, &[]),
            person("Red"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 2, 2, 4, 5]);
    }

    #[test]
    fn a_police_force_is_one_actor_with_or_without_department() {
        let actors = [
            org("Staunton Police Department"),
            org("Staunton Police"),
            org("Boston Fire Dept"),
            org("Boston Fire"),
            // Only a police or fire department: a ministry's stays whole.
            org("Justice Department"),
            org("Justice"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 2, 2, 4, 5]);
    }

    #[test]
    fn a_team_or_company_is_one_actor_however_much_of_its_name_is_written() {
        let org = |n| actor(n, ActorKind::Organization, &[]);
        let actors = [
            org("Indianapolis Colts"),
            org("Colts"),
            org("Boston Red Sox"),
            org("Red Sox"),
            org("Microsoft Corp."),
            org("Microsoft"),
            // A team typed as its city's place: still the team its last word names.
            actor("New Orleans Saints", ActorKind::Place, &[]),
            org("Saints"),
            // Two papers end in `Times`: a lone `Times` is neither.
            org("New York Times"),
            org("Los Angeles Times"),
            org("Times"),
            // A place does not join by its last word (`York` is not New York by this rule).
            actor("Orleans", ActorKind::Place, &[]),
        ];
        assert_eq!(
            merge_across(&actors),
            [0, 0, 2, 2, 4, 4, 6, 6, 8, 9, 10, 11]
        );
    }

    #[test]
    fn a_familiar_given_name_an_initial_or_a_suffix_is_the_same_person() {
        let actors = [
            person("Fred LaRue"),
            person("Frederick C. LaRue"),
            person("Frederick Cheney LaRue"),
            person("Katie Jenkin"),
            person("Kathryn Jenkin"),
            person("Arcade Joseph Comeaux Jr"),
            person("Arcade Joseph Comeaux"),
            // Two different given names of one surname: two people.
            person("Joan Ruiz"),
            person("John Ruiz"),
        ];
        let merged = merge_across(&actors);
        assert_eq!(merged[0], merged[1]);
        assert_eq!(merged[1], merged[2]);
        assert_eq!(merged[3], merged[4]);
        assert_eq!(merged[5], merged[6]);
        assert_ne!(merged[7], merged[8]);
    }

    #[test]
    fn forms_of_one_name_of_equal_length_join_when_they_agree() {
        let actors = [
            person("Frederick Cheney LaRue"),
            person("Frederick LaRue"),
            person("Fred LaRue"),
            person("Jermayne Timmons"),
            person("Jermayne"),
            // Two men who might be the lone word: it stays alone.
            person("Tavis Mercer"),
            person("Tavis Holm"),
            person("Tavis"),
        ];
        let merged = merge_across(&actors);
        assert!(merged[..3].iter().all(|&m| m == merged[0]), "{merged:?}");
        assert_eq!(merged[3], merged[4]);
        assert_eq!(merged[7], 7);
    }

    #[test]
    fn a_name_is_of_the_kind_most_articles_give_it() {
        let org = |n| actor(n, ActorKind::Organization, &[]);
        let actors = [
            org("New Orleans Saints"),
            actor("Saints", ActorKind::Place, &[]),
            org("Saints"),
            org("Saints"),
            // A person in a third of its articles: a person, whom the lone surname joins.
            person("Barack Obama"),
            org("Barack Obama"),
            org("Barack Obama"),
            person("Obama"),
        ];
        let merged = merge_across(&actors);
        assert!(merged[..4].iter().all(|&m| m == merged[0]), "{merged:?}");
        assert!(merged[4..].iter().all(|&m| m == merged[4]), "{merged:?}");
    }

    #[test]
    fn a_name_with_two_fuller_forms_stays_apart() {
        let actors = [
            person("George W. Bush"),
            person("George H. W. Bush"),
            person("George Bush"),
        ];
        assert_eq!(merge_across(&actors), [0, 1, 2]);
    }

    #[test]
    fn same_id_and_surname_merge() {
        let actors = [
            person("Nicolas Maduro"),
            person("Maduro"),
            person("Nicolás Maduro"),
            person("Ana Ruiz"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 0, 3]);
    }

    #[test]
    fn surname_of_a_name_and_its_longer_form() {
        let actors = [
            person("Nicolas Maduro"),
            person("Nicolas Maduro Moros"),
            person("Maduro"),
        ];
        assert_eq!(merge_across(&actors), [1, 1, 1]);
    }

    #[test]
    fn ambiguous_surname_stays_alone() {
        let actors = [person("Ana Ruiz"), person("Luis Ruiz"), person("Ruiz")];
        assert_eq!(merge_across(&actors), [0, 1, 2]);
    }

    #[test]
    fn dominant_full_name_takes_the_surname() {
        let mut actors: Vec<LocalActor> = (0..12).map(|_| person("Donald Trump")).collect();
        actors.push(person("Ivanka Trump"));
        actors.push(person("Trump"));
        let merged = merge_across(&actors);
        assert_eq!(merged[12], 12);
        assert_eq!(merged[13], 0);
    }

    #[test]
    fn alias_and_kind_rules() {
        let org = ActorKind::Organization;
        let actors = [
            actor("United Nations", org, &["UN"]),
            actor("United Nations", org, &["UN"]),
            actor("UN", org, &[]),
            // One article spelling an acronym out is not enough: IOC is many things.
            actor("Indian Oil Corp", org, &["IOC"]),
            actor("IOC", org, &[]),
            // A place named like a person's surname stays apart.
            actor("Ruiz", ActorKind::Place, &[]),
            person("Ana Ruiz"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 0, 3, 4, 5, 6]);
    }

    #[test]
    fn inner_surname_joins_and_shortest_name_claims_a_shared_one() {
        let actors = [
            person("Tomás Quiroga Mena"),
            person("Quiroga"),
            person("Elisa Mena"),
            person("Mena"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 2, 2]);
    }

    #[test]
    fn a_word_used_as_a_first_name_is_no_surname() {
        let actors = [
            person("Thierry Henry"),
            person("Henry Kissinger"),
            person("Henry"),
        ];
        assert_eq!(merge_across(&actors), [0, 1, 2]);
    }

    #[test]
    fn lone_places_do_not_merge_by_spelling_but_plurals_do() {
        let place = |n| actor(n, ActorKind::Place, &[]);
        let group = |n| actor(n, ActorKind::Group, &[]);
        let actors = [
            place("Ireland"),
            place("Ireland"),
            place("Iceland"),
            group("Chechen"),
            group("Chechens"),
        ];
        assert_eq!(merge_across(&actors), [0, 0, 2, 3, 3]);
    }

    #[test]
    fn short_full_name_joins_longer() {
        let actors = [person("Nicolas Maduro Moros"), person("Nicolas Maduro")];
        assert_eq!(merge_across(&actors), [0, 0]);
    }

    #[test]
    fn rare_misspelling_joins_common_spelling() {
        let actors = [
            person("Juan Guaido"),
            person("Juan Guaido"),
            person("Juan Gaido"),
            person("Pedro Lopes"),
            person("Pedro Lopez"),
        ];
        // Equal counts: no way to tell which spelling is right, so no merge.
        assert_eq!(merge_across(&actors), [0, 0, 0, 3, 4]);
    }

    #[test]
    fn a_plural_slipped_into_a_long_name_is_the_name() {
        let academy = "Academy of Motion Picture Arts and Sciences";
        let actors = [
            org(academy),
            org(academy),
            org("Academy of Motion Pictures Arts and Sciences"),
            org("Friends Party"),
            org("Friends Party"),
            org("Friend Party"),
        ];
        // Shorter names leave the plural alone: it may name something else.
        assert_eq!(merge_across(&actors), [0, 0, 0, 3, 3, 5]);
    }
}

#[cfg(test)]
mod scale {
    use super::*;

    /// 50,000 local actors, as a corpus of 10,000 articles gives; run with
    /// `cargo test --release merge_scale -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn merge_scale() {
        let syllables = ["ka", "lo", "mi", "ra", "su", "te", "vo", "ne", "di", "ba"];
        let word = |mut n: usize| {
            let mut w = String::new();
            for _ in 0..3 {
                w.push_str(syllables[n % 10]);
                n /= 10;
            }
            w
        };
        let mut actors = Vec::new();
        for i in 0..50_000usize {
            let (first, last) = (word(i % 997), word(i % 1009));
            let name = match i % 5 {
                0 => last.clone(),
                _ => format!("{first} {last}"),
            };
            actors.push(LocalActor {
                id: slug(&name),
                name,
                kind: ActorKind::Person,
                aliases: vec![last],
                roles: Vec::new(),
            });
        }
        // The word lists are read before any text is, in a build: not part of merging.
        crate::actors::name_lists::lexicon();
        let t = std::time::Instant::now();
        let merged = merge_across(&actors);
        println!("merge_across: {} actors in {:?}", actors.len(), t.elapsed());
        assert_eq!(merged.len(), actors.len());
    }
}
