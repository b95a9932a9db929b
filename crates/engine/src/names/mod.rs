//! Mention recognition: finds the names of people, organizations, places and
//! groups in running text.
//!
//! An averaged perceptron over BILOU tags, decoded left to right with a small
//! beam, trained on CoNLL-2003 by `crates/tools/src/bin/train_ner.rs` (see
//! `scripts/eval-ner.sh`). Features are hashed (`features`), helped by name
//! lists (`gazetteer`), by word clusters learnt from unlabelled text
//! (`clusters`), by how the document writes the same word elsewhere and by the
//! types it gave that word earlier. The weights (`data/ner/model.bin`)
//! are compiled in and parsed once.

mod decode;
mod echoes;
pub mod features;
pub mod gazetteer;
pub mod hashing;
mod headlines;
pub mod model;
mod scoring;
mod spans;
pub mod word_clusters;
mod word_sums;

use super::{ActorKind, NameSpan};
pub use decode::{Frozen, decode};
pub use echoes::{echo_word, site_echoes};
use gazetteer::Gazetteer;
use model::Model;
pub use spans::{is_particle, spans};
use std::sync::OnceLock;

/// Hand-written lists: countries, cities, nationalities, organizations, first names.
pub const HAND_LISTS: &str = include_str!("../../data/ner/gazetteer.tsv");
/// Lists mined from the training text by `train_ner`.
pub const MINED_LISTS: &str = include_str!("../../data/ner/mined.tsv");
const MODEL: &[u8] = include_bytes!("../../data/ner/model.bin");

/// The kinds of the model's entity types, in tag order (CoNLL PER, ORG, LOC, MISC).
pub const KINDS: [ActorKind; 4] = [
    ActorKind::Person,
    ActorKind::Organization,
    ActorKind::Place,
    ActorKind::Group,
];

/// Indices in [`KINDS`] of the kinds the span passes hold as type numbers.
pub(crate) const PERSON: usize = 0;
pub(crate) const ORGANIZATION: usize = 1;
pub(crate) const PLACE: usize = 2;

/// The compiled-in recogniser; `None` when the model does not parse (recognise
/// then finds nothing rather than failing the build of a briefing).
fn recogniser() -> Option<&'static Recogniser> {
    static CELL: OnceLock<Option<Recogniser>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut gaz = Gazetteer::default();
        gaz.add_tsv(HAND_LISTS);
        gaz.add_tsv(MINED_LISTS);
        Some(Recogniser {
            model: Model::from_bytes(MODEL).ok()?,
            gaz,
        })
    })
    .as_ref()
}

/// Parses the weights and the name lists now rather than at the first text.
pub fn warm_up() {
    recogniser();
}

/// Whether `word` is a common English word in lower case (`felt`, `people`, `luck`), case
/// aside: one a sentence may open with as a plain word.
pub fn is_common_word(word: &str) -> bool {
    recogniser().is_some_and(|r| r.gaz.is_common(word))
}

/// The weights and the name lists.
struct Recogniser {
    model: Model,
    gaz: Gazetteer,
}

/// Finds the names in `text`: sorted, non-overlapping byte spans.
pub fn recognise(text: &str) -> Vec<NameSpan> {
    match recogniser() {
        Some(r) => {
            let p = features::prepare(text, &r.gaz);
            let mut names = spans(text, &p, &decode(&p, &mut Frozen(&r.model), None));
            headlines::split_headline_names(text, &mut names);
            names
        }
        None => Vec::new(),
    }
}

/// `recognise(text)` and `text::sentences(text)` together: both start from the same tokens
/// and sentences, which are then made once instead of twice.
pub fn recognise_with_sentences(text: &str) -> (Vec<NameSpan>, Vec<std::ops::Range<usize>>) {
    match recogniser() {
        Some(r) => {
            let p = features::prepare(text, &r.gaz);
            let sentences = p
                .sentences
                .iter()
                .map(|s| p.tokens[s.start].start..p.tokens[s.end - 1].end)
                .collect();
            let mut names = spans(text, &p, &decode(&p, &mut Frozen(&r.model), None));
            headlines::split_headline_names(text, &mut names);
            (names, sentences)
        }
        None => (Vec::new(), super::text::sentences(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::features::{O, allowed};
    use super::spans::{
        agree_types, complete_cut_names, ends_name, is_person_title, rejoin_split_name,
        split_at_inner_ranks, wants_complement,
    };
    use super::*;

    /// The numbers of the tokens of `p` that read `w`.
    fn tokens_of(text: &str, p: &features::Prepared, w: &str) -> Vec<usize> {
        (0..p.tokens.len())
            .filter(|&i| p.tokens[i].text(text) == w)
            .collect()
    }

    fn names(text: &str) -> Vec<(&str, ActorKind)> {
        recognise(text)
            .into_iter()
            .map(|s| (&text[s.start..s.end], s.kind))
            .collect()
    }

    #[test]
    fn a_persons_name_runs_on_past_a_middle_initial() {
        for text in [
            "Former president George W. Bush enacted several rules.",
            "The Bush administration weakened the Act. Former president George W. Bush enacted rules.",
        ] {
            let found = names(text);
            assert!(
                found.contains(&("George W. Bush", ActorKind::Person)),
                "{found:?}"
            );
        }
    }

    #[test]
    fn names_start_with_a_word() {
        let found = names("Across town, the mayor led his own Workers' Day rally in central Lima.");
        assert!(
            found
                .iter()
                .all(|(n, _)| n.starts_with(char::is_alphanumeric)),
            "{found:?}"
        );
    }

    #[test]
    fn title_words_opening_a_sentence_are_no_names() {
        let found = names(
            "We left early.\n\nNational security adviser Anna Berg said on Friday that talks went on.",
        );
        assert!(!found.iter().any(|(n, _)| *n == "National"), "{found:?}");
        assert!(
            found.contains(&("Anna Berg", ActorKind::Person)),
            "{found:?}"
        );
    }

    #[test]
    fn a_country_code_is_its_country_in_prose_not_in_a_line_of_capitals() {
        let found = names(
            "US Secretary of State Mike Pompeo spoke on Wednesday. Bolton said the US \
             estimates that 25,000 Cuban troops are there, and the UK agreed.",
        );
        let places: Vec<&str> = found
            .iter()
            .filter(|(_, kind)| *kind == ActorKind::Place)
            .map(|(name, _)| *name)
            .collect();
        assert_eq!(places, ["US", "US", "UK"], "{found:?}");
        let shouted = names("PLEASE HELP US NOW");
        assert!(
            !shouted.iter().any(|(name, _)| *name == "US"),
            "{shouted:?}"
        );
    }

    #[test]
    fn finds_people_places_and_organizations() {
        let found = names(
            "President Nicolas Maduro met opposition leader Juan Guaido in Caracas on Thursday, \
             and the United Nations called for calm.",
        );
        assert!(
            found.contains(&("Nicolas Maduro", ActorKind::Person)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Juan Guaido", ActorKind::Person)),
            "{found:?}"
        );
        assert!(found.contains(&("Caracas", ActorKind::Place)), "{found:?}");
        assert!(
            found.contains(&("United Nations", ActorKind::Organization)),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(n, _)| n.contains("Thursday")),
            "{found:?}"
        );
    }

    #[test]
    fn ignores_capitalised_sentence_openers() {
        let found = names("Instead, the talks stalled. Those who stayed said nothing.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn drops_honorifics_from_names() {
        let found = names("\"We are ready,\" Mr Bolton told reporters in Washington.");
        assert!(found.contains(&("Bolton", ActorKind::Person)), "{found:?}");
        assert!(
            found.contains(&("Washington", ActorKind::Place)),
            "{found:?}"
        );
    }

    #[test]
    fn spans_are_sorted_and_disjoint_on_odd_input() {
        let text = "ÉLYSÉE — “Macron’s” aides met Merkel’s team in Berlin…\n\n  ’’ x\u{0}Y Z";
        let spans = recognise(text);
        for w in spans.windows(2) {
            assert!(w[0].end <= w[1].start, "{spans:?}");
        }
        for s in &spans {
            assert!(
                s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
            );
        }
        assert!(recognise("").is_empty());
    }

    #[test]
    fn names_with_sentences_match_the_two_apart() {
        for text in [
            "",
            "  \n ",
            "Mr. Bolton met Ana Ruiz in Caracas. \"We won.\" Then she left.\nNew line",
        ] {
            let (names, sentences) = recognise_with_sentences(text);
            assert_eq!(names, recognise(text), "{text:?}");
            assert_eq!(sentences, crate::text::sentences(text), "{text:?}");
        }
    }

    #[test]
    fn titles_and_days_are_left_out_of_a_person() {
        let text = "Cardinal Tomas Arlen met Ines Varga Monday in Brenna.";
        let p = features::prepare(text, &Gazetteer::default());
        let at = |w: &str| p.tokens.iter().position(|t| t.text(text) == w).unwrap_or(0);
        let b_per = features::tag(0, features::B);
        let i_per = features::tag(0, features::I);
        let l_per = features::tag(0, features::L);
        let mut tags = vec![O; p.tokens.len()];
        tags[at("Cardinal")] = b_per;
        tags[at("Tomas")] = i_per;
        tags[at("Arlen")] = l_per;
        tags[at("Ines")] = b_per;
        tags[at("Varga")] = i_per;
        tags[at("Monday")] = l_per;
        let found: Vec<&str> = spans(text, &p, &tags)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(found, ["Tomas Arlen", "Ines Varga"]);
        assert!(is_person_title("Mr") && !is_person_title("Prince"));
    }

    #[test]
    fn a_day_after_a_name_is_no_part_of_it() {
        let found = names(
            "Microsoft Wednesday took the rare step of issuing a patch before Microsoft \
             had fixed the flaw. A woman was killed in Queens Friday night.",
        );
        let found: Vec<&str> = found.iter().map(|(n, _)| *n).collect();
        assert!(found.contains(&"Queens"), "{found:?}");
        assert!(
            found.iter().all(|n| !n.ends_with("day")),
            "a weekday glued to a name: {found:?}"
        );
        // A name that always carries its day is one.
        let found = names("Sheffield Wednesday beat Leeds 2-0 at home.");
        assert!(
            found.iter().any(|(n, _)| *n == "Sheffield Wednesday"),
            "{found:?}"
        );
    }

    #[test]
    fn a_team_or_paper_of_a_place_is_one_organization() {
        let found = names(
            "The Kansas City Chiefs lost at home. The San Diego Chargers released Jamal \
             Williams, the Los Angeles Times reported. In New York Sundays are quiet.",
        );
        for team in [
            "Kansas City Chiefs",
            "San Diego Chargers",
            "Los Angeles Times",
        ] {
            assert!(
                found.contains(&(team, ActorKind::Organization)),
                "{team}: {found:?}"
            );
        }
        assert!(found.contains(&("New York", ActorKind::Place)), "{found:?}");
    }

    #[test]
    fn a_name_s_last_word_alone_is_the_name_again() {
        let text = "W. Mark Felt, the FBI official who leaked secrets, has died. Felt died at \
                    his home in Santa Rosa. Friends said Felt was 95.";
        let felts = names(text)
            .iter()
            .filter(|(n, _)| n.ends_with("Felt"))
            .count();
        assert_eq!(felts, 3, "{:?}", names(text));
        // A word beside another capitalised word is part of a name it does not make.
        let text = "Bettie Page posed for photographers. Page Six reported it first.";
        assert!(
            !names(text).contains(&("Page", ActorKind::Person)),
            "{:?}",
            names(text)
        );
    }

    #[test]
    fn an_adjective_made_of_a_name_is_the_name_alone() {
        let found = names(
            "The Liberian-flagged tanker of a Rotterdam-based shipping firm was seized \
             near Somalia, and Kang Young-hoon said so.",
        );
        assert!(
            found
                .iter()
                .all(|(n, _)| !n.contains("-flagged") && !n.contains("-based")),
            "{found:?}"
        );
        assert!(found.iter().any(|(n, _)| *n == "Rotterdam"), "{found:?}");
        assert!(
            found.iter().any(|(n, _)| *n == "Kang Young-hoon"),
            "{found:?}"
        );
    }

    #[test]
    fn names_end_in_a_capitalised_word() {
        let found = names("Officials in Caracas said the South American country's oil fell.");
        assert!(
            found
                .iter()
                .all(|(n, _)| !n.ends_with("'s") && !n.ends_with("country")),
            "{found:?}"
        );
        assert!(ends_name("Inc.") && ends_name(")") && ends_name("1996"));
        assert!(!ends_name("'s") && !ends_name("country"));
    }

    #[test]
    fn split_names_are_mended() {
        let text = "She spoke at the Harbour Institute for Tidal Studies.";
        let p = features::prepare(text, &Gazetteer::default());
        let word = |w: &str| p.tokens.iter().position(|t| t.text(text) == w);
        let (Some(h), Some(i), Some(f), Some(s)) = (
            word("Harbour"),
            word("Institute"),
            word("for"),
            word("Studies"),
        ) else {
            panic!("tokens");
        };
        // The tagger's halves: "Harbour Institute" and "for Tidal Studies".
        let acc = rejoin_split_name(text, &p, Vec::new(), (h, i, 1));
        let acc = rejoin_split_name(text, &p, acc, (f, s, 1));
        assert_eq!(acc, [(h, s, 1)]);
        // Alone, the particle is dropped: "Tidal Studies".
        assert_eq!(
            rejoin_split_name(text, &p, Vec::new(), (f, s, 1)),
            [(f + 1, s, 1)]
        );
        // "Harbour Institute" of the "Tidal Society": two tokens between, still one name.
        let text2 = "She spoke at the Harbour Institute of the Tidal Society.";
        let p2 = features::prepare(text2, &Gazetteer::default());
        let at = |w: &str| {
            p2.tokens
                .iter()
                .position(|t| t.text(text2) == w)
                .unwrap_or(0)
        };
        let acc = rejoin_split_name(text2, &p2, Vec::new(), (at("Harbour"), at("Institute"), 1));
        let acc = rejoin_split_name(text2, &p2, acc, (at("Tidal"), at("Society"), 1));
        assert_eq!(acc, [(at("Harbour"), at("Society"), 1)]);
        // "Harbour Institute" for "Tidal Studies", the connector left out of both.
        let acc = rejoin_split_name(text, &p, Vec::new(), (h, i, 1));
        let acc = rejoin_split_name(text, &p, acc, (f + 1, s, 1));
        assert_eq!(acc, [(h, s, 1)]);
        // Same kind, side by side: "Tomas Ruiz" and "Aranda" are one name; a place after a
        // person, or a name after a comma, is another.
        let text = "She met Tomas Ruiz Aranda in Lima, Peru.";
        let p = features::prepare(text, &Gazetteer::default());
        let at = |w: &str| p.tokens.iter().position(|t| t.text(text) == w).unwrap_or(0);
        let acc = rejoin_split_name(text, &p, Vec::new(), (at("Tomas"), at("Ruiz"), 0));
        let acc = rejoin_split_name(text, &p, acc, (at("Aranda"), at("Aranda"), 0));
        assert_eq!(acc, [(at("Tomas"), at("Aranda"), 0)]);
        let acc = rejoin_split_name(text, &p, acc, (at("Lima"), at("Lima"), 2));
        let acc = rejoin_split_name(text, &p, acc, (at("Peru"), at("Peru"), 2));
        assert_eq!(acc.len(), 3);
        // Two places one `and` apart are one only when together they name a country.
        let text = "Trade with Antigua and Barbuda and Chile and Peru grew.";
        let p = features::prepare(text, &Gazetteer::default());
        let at = |w: &str| p.tokens.iter().position(|t| t.text(text) == w).unwrap_or(0);
        let acc = ["Antigua", "Barbuda", "Chile", "Peru"]
            .iter()
            .fold(Vec::new(), |acc, w| {
                rejoin_split_name(text, &p, acc, (at(w), at(w), 2))
            });
        assert_eq!(acc.len(), 3);
        assert_eq!(acc[0], (at("Antigua"), at("Barbuda"), 2));
        // A kind of place and its name one `of` after it are one place; two places one `of`
        // apart otherwise stay two.
        let text = "Ships in the Gulf of Vellamo sailed from Lima of Peru.";
        let p = features::prepare(text, &Gazetteer::default());
        let at = |w: &str| p.tokens.iter().position(|t| t.text(text) == w).unwrap_or(0);
        let acc = ["Gulf", "Vellamo", "Lima", "Peru"]
            .iter()
            .fold(Vec::new(), |acc, w| {
                rejoin_split_name(text, &p, acc, (at(w), at(w), 2))
            });
        assert_eq!(acc.len(), 3, "{acc:?}");
        assert_eq!(acc[0], (at("Gulf"), at("Vellamo"), 2));
        {
            // A team or a company of a place is two names; a bank or a university of one is one.
            let text = "Talks of Vellamo Rovers of Freedonia, Vellamo Corp of Freedonia and the \
                        Central Bank of Freedonia.";
            let p = features::prepare(text, &Gazetteer::default());
            let all = |w: &str| tokens_of(text, &p, w);
            let (v, f) = (all("Vellamo"), all("Freedonia"));
            let (rovers, corp, central, bank) = (
                all("Rovers")[0],
                all("Corp")[0],
                all("Central")[0],
                all("Bank")[0],
            );
            let acc = [
                (v[0], rovers, 1),
                (f[0], f[0], 2),
                (v[1], corp, 1),
                (f[1], f[1], 2),
            ]
            .into_iter()
            .fold(Vec::new(), |acc, span| {
                rejoin_split_name(text, &p, acc, span)
            });
            assert_eq!(acc.len(), 4, "{acc:?}");
            let acc = rejoin_split_name(text, &p, Vec::new(), (central, bank, 1));
            let acc = rejoin_split_name(text, &p, acc, (f[2], f[2], 2));
            assert_eq!(acc, [(central, f[2], 1)]);
            assert!(wants_complement("University") && !wants_complement("Corp"));
        }
        // A person is not part of an organization's name: "Ana Ruiz of Freedonia".
        let acc = rejoin_split_name(text, &p, Vec::new(), (h, i, 0));
        let acc = rejoin_split_name(text, &p, acc, (f + 1, s, 2));
        assert_eq!(acc.len(), 2);
        assert!(is_particle("of") && is_particle("van") && !is_particle("led"));
    }

    #[test]
    fn a_name_takes_its_majority_type() {
        let text = "Vey spoke in Brenna. Brenna is calm. Brenna held. BRENNA RALLY. BRENNA WINS.";
        let p = features::prepare(text, &Gazetteer::default());
        let all = |w: &str| tokens_of(text, &p, w);
        let (b, caps) = (all("Brenna"), all("BRENNA"));
        assert_eq!((b.len(), caps.len()), (3, 2));
        let (per, org, place) = (0, 1, 2);
        let mut found = vec![
            (all("Vey")[0], all("Vey")[0], per),
            (b[0], b[0], place),
            (b[1], b[1], per),
            (b[2], b[2], place),
            (caps[0], caps[0], place),
            (caps[1], caps[1], org),
        ];
        agree_types(text, &p, &mut found);
        let kinds: Vec<usize> = found.iter().map(|s| s.2).collect();
        // The person `Brenna` is outvoted two to one; `BRENNA` in capitals keeps its types.
        assert_eq!(kinds, [per, place, place, place, place, org]);
    }

    #[test]
    fn a_name_cut_short_is_completed_from_the_document() {
        let text = "An Oregon State Police bomb technician died. The Oregon State Police \
                    said Oregon State is calm. Oregon State Police Lt. Hastings spoke.";
        let p = features::prepare(text, &Gazetteer::default());
        let all = |w: &str| tokens_of(text, &p, w);
        let (oregon, police) = (all("Oregon"), all("Police"));
        let (org, place) = (1, 2);
        let mut found = vec![
            (oregon[0], all("State")[0], place),
            (oregon[1], police[1], org),
            (oregon[2], all("State")[2], place),
            (oregon[3], police[2], org),
        ];
        complete_cut_names(text, &p, &mut found);
        // Completed where `Police` follows; `Oregon State is calm` is left alone.
        assert_eq!(
            found,
            [
                (oregon[0], police[0], org),
                (oregon[1], police[1], org),
                (oregon[2], all("State")[2], place),
                (oregon[3], police[2], org),
            ]
        );
    }

    #[test]
    fn an_organization_run_on_through_a_rank_is_split_at_it() {
        let text = "said Oregon State Police Lt. Hastings, and the Lt. Governor Office.";
        let p = features::prepare(text, &Gazetteer::default());
        let all = |w: &str| tokens_of(text, &p, w);
        let (per, org) = (0, 1);
        let mut found = vec![
            (all("Oregon")[0], all("Hastings")[0], org),
            (all("Lt.")[1], all("Office")[0], org),
        ];
        split_at_inner_ranks(text, &p, &mut found);
        assert_eq!(
            found,
            [
                (all("Oregon")[0], all("Police")[0], org),
                (all("Hastings")[0], all("Hastings")[0], per),
                (all("Lt.")[1], all("Office")[0], org),
            ]
        );
    }

    #[test]
    fn bilou_transitions_are_checked() {
        let b_per = features::tag(0, features::B);
        let l_per = features::tag(0, features::L);
        let l_org = features::tag(1, features::L);
        assert!(allowed(O, b_per, false));
        assert!(
            !allowed(O, b_per, true),
            "an entity must close at the sentence end"
        );
        assert!(allowed(b_per, l_per, true));
        assert!(!allowed(b_per, l_org, false));
        assert!(!allowed(b_per, O, false));
    }
}
