//! Tests of `resolve` on sentences written for them, and on the seed article with hand-made
//! name spans. The spans helper is shared with the quote tests.

use super::*;
use crate::{ActorKind, LocalActor, Mention, NameSpan};

/// Spans for every whole-word occurrence of each name, earlier entries first: list full
/// names before the surnames inside them, so the longer span wins.
pub(crate) fn spans(text: &str, names: &[(&str, ActorKind)]) -> Vec<NameSpan> {
    let mut out: Vec<NameSpan> = Vec::new();
    for &(name, kind) in names {
        for (start, _) in text.match_indices(name) {
            let end = start + name.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let whole = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            if whole && !out.iter().any(|s| s.start < end && start < s.end) {
                out.push(NameSpan { start, end, kind });
            }
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

/// The ids of the actors `resolve` finds in `text` given spans for `names` (see [`spans`]).
fn actor_ids(text: &str, names: &[(&str, ActorKind)]) -> Vec<String> {
    let (actors, _) = resolve(text, &spans(text, names));
    actors.into_iter().map(|a| a.id).collect()
}

fn find<'a>(actors: &'a [LocalActor], id: &str) -> &'a LocalActor {
    actors
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no actor {id} in {actors:#?}"))
}

use ActorKind::{Group, Organization as Org, Person as Per, Place as Loc};

#[test]
fn titles_are_trimmed_and_become_roles() {
    let text = "President Ana Ruiz met Mr Holt. Ruiz said Holt lied.";
    let names = spans(
        text,
        &[
            ("President Ana Ruiz", Per),
            ("Mr Holt", Per),
            ("Ruiz", Per),
            ("Holt", Per),
        ],
    );
    let (actors, mentions) = resolve(text, &names);
    let ruiz = find(&actors, "ana-ruiz");
    assert_eq!(ruiz.name, "Ana Ruiz");
    assert_eq!(ruiz.aliases, ["Ruiz"]);
    assert_eq!(ruiz.roles, ["President"]);
    // "Mr Holt" with no full name stays "Holt", without a role.
    let holt = find(&actors, "holt");
    assert!(holt.roles.is_empty());
    assert_eq!(&text[mentions[0].start..mentions[0].end], "Ana Ruiz");
    assert_eq!(&text[mentions[1].start..mentions[1].end], "Holt");
}

#[test]
fn an_honorific_alone_is_no_actor_of_any_kind() {
    // The recogniser called a paragraph's opening "Mr." an organisation and left the name out.
    let text = "Fred LaRue died. Mr. LaRue had a history of heart problems.";
    let ids = actor_ids(text, &[("Fred LaRue", Per), ("Mr.", Org), ("LaRue", Per)]);
    assert_eq!(ids, ["fred-larue"]);
}

#[test]
fn a_common_word_read_as_a_group_is_no_actor_but_a_people_is() {
    let text = "It was part of the International efforts, and Venezuelan sailors helped.";
    let ids = actor_ids(text, &[("International", Group), ("Venezuelan", Group)]);
    assert_eq!(ids, ["venezuela"]);
}

#[test]
fn a_time_zone_is_no_actor() {
    let text = "The polls in Ashgabat closed at 21:00 GMT, and Turkmenistan counted.";
    let ids = actor_ids(
        text,
        &[("Ashgabat", Loc), ("GMT", Group), ("Turkmenistan", Loc)],
    );
    assert_eq!(ids, ["ashgabat", "turkmenistan"]);
}

#[test]
fn honorific_surname_joins_full_name() {
    let text = "Defence adviser Tim Holt arrived. Mr Holt left.";
    let names = spans(text, &[("Tim Holt", Per), ("Mr Holt", Per)]);
    let (actors, mentions) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].aliases, ["Holt"]);
    assert_eq!(actors[0].roles, ["defence adviser"]);
    assert_eq!(mentions.len(), 2);
}

#[test]
fn accents_and_possessives_share_an_id() {
    let text = "Leopoldo Lopez's party backed Leopoldo López.";
    let names = spans(text, &[("Leopoldo Lopez's", Per), ("Leopoldo López", Per)]);
    let (actors, mentions) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].id, "leopoldo-lopez");
    assert_eq!(actors[0].name, "Leopoldo López");
    assert_eq!(actors[0].aliases, ["Leopoldo Lopez"]);
    assert_eq!(&text[mentions[0].start..mentions[0].end], "Leopoldo Lopez");
}

#[test]
fn surname_joins_a_name_and_its_longer_form() {
    let text = "Maduro spoke. Nicolas Maduro, or Nicolas Maduro Moros, left.";
    let names = spans(
        text,
        &[
            ("Nicolas Maduro Moros", Per),
            ("Nicolas Maduro", Per),
            ("Maduro", Per),
        ],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].name, "Nicolas Maduro Moros");
    assert_eq!(actors[0].aliases, ["Maduro", "Nicolas Maduro"]);
}

#[test]
fn ambiguous_surname_stays_apart() {
    let text = "Ana Ruiz and Luis Ruiz met. Ruiz spoke.";
    let ids = actor_ids(
        text,
        &[("Ana Ruiz", Per), ("Luis Ruiz", Per), ("Ruiz", Per)],
    );
    assert_eq!(ids, ["ana-ruiz", "luis-ruiz", "ruiz"]);
}

#[test]
fn misspelling_joins_when_unambiguous() {
    let text =
        "Marta Quintero spoke. Later Quinteor left, and Marta Quintana stayed. Quintero won.";
    let names = spans(
        text,
        &[
            ("Marta Quintero", Per),
            ("Quinteor", Per),
            ("Marta Quintana", Per),
            ("Quintero", Per),
        ],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors.len(), 2);
    assert_eq!(actors[0].aliases, ["Quinteor", "Quintero"]);
    // Seen as often as the name it resembles, a spelling is a name of its own.
    let text = "Ana Quinteor met Ana Quintero.";
    let names = spans(text, &[("Ana Quinteor", Per), ("Ana Quintero", Per)]);
    assert_eq!(resolve(text, &names).0.len(), 2);
}

#[test]
fn plurals_of_groups_join_but_places_do_not_join_by_spelling() {
    let text = "Chechens fought. A Chechen spoke. Iceland beat Ireland; Iceland won.";
    let ids = actor_ids(
        text,
        &[
            ("Chechens", Group),
            ("Chechen", Group),
            ("Iceland", Loc),
            ("Ireland", Loc),
        ],
    );
    assert_eq!(ids, ["chechens", "iceland", "ireland"]);
}

#[test]
fn mislabelled_surname_joins_the_person() {
    let text = "Ana Ruiz won. Ruiz's party cheered.";
    let names = spans(text, &[("Ana Ruiz", Per), ("Ruiz", Org)]);
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].kind, Per);
}

#[test]
fn countries_are_one_place_actor() {
    let text = "The U.S. and the United States of America, the USA: American power. The US agreed.";
    let names = spans(
        text,
        &[
            ("the United States of America", Loc),
            ("U.S.", Loc),
            ("USA", Org),
            ("American", Group),
            ("US", Loc),
        ],
    );
    let (actors, mentions) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    let us = &actors[0];
    assert_eq!(
        (us.id.as_str(), us.name.as_str(), us.kind),
        ("united-states", "United States", Loc)
    );
    assert_eq!(
        us.aliases,
        ["American", "U.S.", "US", "USA", "United States of America"]
    );
    assert_eq!(
        &text[mentions[1].start..mentions[1].end],
        "United States of America"
    );
}

#[test]
fn junk_names_are_dropped() {
    let text = "Instead, Those on Thursday said May was over. Theresa May agreed. May smiled \
                at the office Christmas party.";
    let names = spans(
        text,
        &[
            ("Instead", Org),
            ("Those", Per),
            ("Thursday", Per),
            ("Christmas", Group),
            ("Theresa May", Per),
            ("May", Per),
        ],
    );
    let (actors, mentions) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].name, "Theresa May");
    // "May" joins the full name it ends, wherever it stands.
    assert_eq!(mentions.len(), 3);
}

#[test]
fn acronym_joins_its_organisation() {
    let text = "The North Atlantic Treaty Organization met. NATO agreed.";
    let names = spans(
        text,
        &[("North Atlantic Treaty Organization", Org), ("NATO", Org)],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].aliases, ["NATO"]);
}

#[test]
fn word_tests() {
    assert!(is_stop_word("Instead"));
    assert!(!is_stop_word("Maduro"));
    assert!(is_non_name("President"));
    assert!(is_non_name("Mr"));
    assert_eq!(country("Venezuelan"), Some("Venezuela"));
}

/// The seed article, as written in seeds/000_963c8e0ce4245619.txt.
pub(crate) const SEED: &str = "Venezuela's opposition leader Guaido claims support of soldiers in Caracas

Thursday, 02 May, 2019

His comments come the day after Venezuelan opposition leader Juan Guaido joined with dozens of National Guard members in his latest attempt to topple President Nicolas Maduro, sparking violent protests.

Protesting from both sides has intensified since Guaido, who calls himself the \"legitimate commander in chief of armed forces\", released a video message on Tuesday, alerting the Venezuelan people that the final phase of \"Operation Freedom\" was to rally the support of the military against Maduro.

An attempted coup now unfolding in Venezuela is a bleak reminder that the Latin American nation is grappling with a worsening humanitarian, socio-political and economic crisis, with opposition leaders out on the streets with armed soldiers calling for a military uprising.

Tensions in Venezuela have been ratcheted up to a critical level this year, after Guaido, who is head of the opposition-ruled National Assembly, announced January 23 that he was the acting president under the constitution.

US Secretary of State Mike Pompeo said on Wednesday the administration of President Donald Trump was prepared to take military action to stem the crisis in Venezuela.

The U.S. has been urging Russian Federation not to get involved in the Venezuelan conflict, following a longstanding U.S. policy of trying to prevent European influence in Latin America dating back to the President James Monroe, and the Monroe Doctrine.

\"Those who try to take Miraflores with violence will be met with violence\", he said on national television, referring to the presidential palace where hundreds of government supporters, some of them brandishing firearms, had gathered in response to a call to defend Maduro.

National security adviser John Bolton said on Tuesday the US estimates as many as 25,000 Cuban security forces are operating in Venezuela to bolster the regime. Gaido enjoys the backing of the USA government.

An explosion occurs under a military vehicle during clashes between forces loyal to Venezuelan President Nicolas Maduro and opposition demonstrators in Caracas on April 30, 2019.

Terming this move a coup attempt, Maduro said prosecutors are investigating the incident.

\"The president has been briefed and we are monitoring the ongoing situation\", White House press secretary Sarah Sanders said in an email.

\"The self-proclaimed, Juan Guaido, and Leopoldo López personally led the coup d'état\", Maduro said.

Instead, Washington has upped the economic pressure, through sanctions aimed at Maduro's regime and by cutting sales of Venezuelan oil - the South American country's main revenue earner.

Russia's Ministry of Foreign Affairs rejected a suggestion by made by the United States that it had persuaded Maduro not to flee in the face of street protests, calling the assertion part of an information war.

\"All agreed that Maduro had to go\", Mr Bolton told reporters in Washington.

But his security adviser, a retired general, said Guaido's support among the military appeared \"weak\".

He said Venezuela had been a victim of \"aggression of all kinds\".

The Syrian government, a key ally of Iran, on Wednesday also voiced support for Maduro.";

/// Good CoNLL-style spans for the seed, plus the junk a recogniser may add.
pub(crate) fn seed_spans() -> Vec<NameSpan> {
    spans(
        SEED,
        &[
            ("Venezuelan", Group),
            ("Venezuela", Loc),
            ("Juan Guaido", Per),
            ("Guaido", Per),
            ("Gaido", Per),
            ("Caracas", Loc),
            ("Thursday", Per),
            ("National Guard", Org),
            ("Nicolas Maduro", Per),
            ("Maduro", Per),
            ("Operation Freedom", Group),
            ("Latin American", Group),
            ("Latin America", Loc),
            ("National Assembly", Org),
            ("US", Loc),
            ("Mike Pompeo", Per),
            ("Donald Trump", Per),
            ("U.S.", Loc),
            ("Russian Federation", Loc),
            ("European", Group),
            ("James Monroe", Per),
            ("Monroe Doctrine", Group),
            ("Those", Per),
            ("Miraflores", Loc),
            ("John Bolton", Per),
            ("Cuban", Group),
            ("USA", Loc),
            ("White House", Org),
            ("Sarah Sanders", Per),
            ("Leopoldo López", Per),
            ("Instead", Org),
            ("Washington", Loc),
            ("South American", Group),
            ("Ministry of Foreign Affairs", Org),
            ("Russia", Loc),
            ("the United States", Loc),
            ("Mr Bolton", Per),
            ("Syrian", Group),
            ("Iran", Loc),
        ],
    )
}

#[test]
fn seed_article_actors() {
    let (actors, mentions) = resolve(SEED, &seed_spans());
    let maduro = find(&actors, "nicolas-maduro");
    assert_eq!(maduro.name, "Nicolas Maduro");
    assert_eq!(maduro.aliases, ["Maduro"]);
    assert!(
        maduro.roles.contains(&"President".to_string()),
        "{maduro:?}"
    );

    let guaido = find(&actors, "juan-guaido");
    assert_eq!(guaido.aliases, ["Gaido", "Guaido"]);
    for role in [
        "Venezuelan opposition leader",
        "head of the opposition-ruled National Assembly",
    ] {
        assert!(guaido.roles.contains(&role.to_string()), "{guaido:?}");
    }

    assert_eq!(
        find(&actors, "mike-pompeo").roles,
        ["US Secretary of State"]
    );
    let bolton = find(&actors, "john-bolton");
    assert_eq!(bolton.aliases, ["Bolton"]);
    assert_eq!(bolton.roles, ["national security adviser"]);
    assert_eq!(
        find(&actors, "sarah-sanders").roles,
        ["White House press secretary"]
    );
    assert_eq!(find(&actors, "donald-trump").roles, ["President"]);
    assert_eq!(find(&actors, "leopoldo-lopez").name, "Leopoldo López");

    let us = find(&actors, "united-states");
    assert_eq!(us.aliases, ["U.S.", "US", "USA"]);
    assert_eq!(find(&actors, "russia").aliases, ["Russian Federation"]);
    let venezuela = find(&actors, "venezuela");
    assert_eq!(
        (venezuela.kind, venezuela.aliases.as_slice()),
        (Loc, &["Venezuelan".to_string()][..])
    );
    assert_eq!(find(&actors, "syria").aliases, ["Syrian"]);

    for junk in ["instead", "those", "thursday"] {
        assert!(actors.iter().all(|a| a.id != junk), "{junk} kept");
    }
    // Mentions are sorted and point at their actors' names.
    assert!(mentions.windows(2).all(|w| w[0].start < w[1].start));
    for m in &mentions {
        let a = &actors[m.actor];
        let said = &SEED[m.start..m.end];
        assert!(
            a.name == said || a.aliases.iter().any(|x| x == said),
            "{said} for {}",
            a.name
        );
    }
    // Actors come in order of first mention.
    let firsts: Vec<usize> = (0..actors.len())
        .map(|a| {
            mentions
                .iter()
                .find(|m| m.actor == a)
                .map_or(usize::MAX, |m| m.start)
        })
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]));
}

#[test]
#[ignore]
fn print_seed() {
    let (actors, _) = resolve(SEED, &seed_spans());
    for a in actors {
        println!(
            "{:?} {} {} {:?} {:?}",
            a.kind, a.id, a.name, a.aliases, a.roles
        );
    }
}

#[test]
fn demonym_and_title_inside_a_person_span_are_trimmed() {
    let text = "Freedonian President Ana Ruiz spoke. Ruiz left.";
    let names = spans(
        text,
        &[("Freedonian President Ana Ruiz", Per), ("Ruiz", Per)],
    );
    let (actors, mentions) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].name, "Ana Ruiz");
    assert_eq!(&text[mentions[0].start..mentions[0].end], "Ana Ruiz");
    let text = "Venezuelan President Ana Ruiz spoke.";
    let names = spans(text, &[("Venezuelan President Ana Ruiz", Per)]);
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors[0].name, "Ana Ruiz");
    assert_eq!(actors[0].roles, ["President"]);
}

#[test]
fn hostile_spans_do_not_panic() {
    let text = "Señor Núñez — “López” said.";
    let bad = [
        NameSpan {
            start: 0,
            end: 400,
            kind: Per,
        },
        NameSpan {
            start: 2,
            end: 3,
            kind: Per,
        },
        NameSpan {
            start: 9,
            end: 4,
            kind: Loc,
        },
        NameSpan {
            start: 0,
            end: text.len(),
            kind: Org,
        },
        NameSpan {
            start: 7,
            end: 13,
            kind: Per,
        },
    ];
    let (actors, mentions) = resolve(text, &bad);
    assert!(
        mentions
            .iter()
            .all(|m| m.actor < actors.len() && text.get(m.start..m.end).is_some())
    );
    let _ = resolve("", &[]);
}

#[test]
fn headline_capitals_and_family_plurals() {
    let text = "ANA QUINTERO WINS. Ana Quintero won, and the Quinteros celebrated.";
    let names = spans(
        text,
        &[
            ("ANA QUINTERO", Per),
            ("Ana Quintero", Per),
            ("Quinteros", Per),
        ],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors[0].name, "Ana Quintero");
    assert_eq!(actors[0].aliases, ["ANA QUINTERO"]);
    assert_eq!(actors.len(), 2);
}

#[test]
fn shortest_full_name_claims_a_shared_surname() {
    // In "Tomás Quiroga Mena" Mena is the second surname; Elisa Mena is the one called Mena.
    let text = "General Tomás Quiroga Mena met Elisa Mena. Later Mena said the talks failed.";
    let names = spans(
        text,
        &[
            ("Tomás Quiroga Mena", Per),
            ("Elisa Mena", Per),
            ("Mena", Per),
        ],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(find(&actors, "elisa-mena").aliases, ["Mena"]);
    assert!(find(&actors, "tomas-quiroga-mena").aliases.is_empty());
    assert_eq!(actors.len(), 2);
}

#[test]
fn a_middle_name_or_initial_does_not_give_up_the_surname() {
    // W. Mark Felt is longer than Joan Felt only by an initial and a given name: each lone
    // Felt goes to the full name mentioned last before it, not to the shorter name.
    let text = "W. Mark Felt, the FBI's number two, has died. Felt was 95. \
                Felt is survived by his daughter, Joan Felt. Felt thanked the nurses.";
    let names = spans(
        text,
        &[("W. Mark Felt", Per), ("Joan Felt", Per), ("Felt", Per)],
    );
    let (actors, mentions) = resolve(text, &names);
    let felt: Vec<&str> = mentions
        .iter()
        .filter(|m| &text[m.start..m.end] == "Felt")
        .map(|m| actors[m.actor].id.as_str())
        .collect();
    assert_eq!(felt, ["w-mark-felt", "w-mark-felt", "joan-felt"]);
}

#[test]
fn inner_surname_joins_its_full_name() {
    let text = "Admiral Tomás Quiroga Mena spoke first. Quiroga then left the room.";
    let names = spans(text, &[("Tomás Quiroga Mena", Per), ("Quiroga", Per)]);
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].aliases, ["Quiroga"]);
}

#[test]
fn ambiguous_surname_goes_to_the_latest_full_name() {
    let text = "Ana Ruiz spoke on Monday. Ruiz was calm. Then Luis Ruiz replied. Ruiz was angry.";
    let names = spans(
        text,
        &[("Ana Ruiz", Per), ("Luis Ruiz", Per), ("Ruiz", Per)],
    );
    let (actors, mentions) = resolve(text, &names);
    assert_eq!(actors.len(), 2);
    let of = |n: usize| {
        let ruiz: Vec<&Mention> = mentions
            .iter()
            .filter(|m| &text[m.start..m.end] == "Ruiz")
            .collect();
        actors[ruiz[n].actor].id.as_str()
    };
    assert_eq!((of(0), of(1)), ("ana-ruiz", "luis-ruiz"));
}

#[test]
fn a_name_running_into_the_sentence_is_cut() {
    let text = "Ana Ruiz spoke. Then Ruiz led her own Marchers through town.";
    let names = spans(
        text,
        &[("Ana Ruiz", Per), ("Ruiz led her own Marchers", Per)],
    );
    let (actors, mentions) = resolve(text, &names);
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].aliases, ["Ruiz"]);
    assert_eq!(&text[mentions[1].start..mentions[1].end], "Ruiz");
    // Particles stay inside a name; a span opening with a loose word is no name.
    let text = "The Bank of Freedonia and its own Guards met.";
    let ids = actor_ids(text, &[("Bank of Freedonia", Org), ("own Guards", Org)]);
    assert_eq!(ids, ["bank-of-freedonia"]);
}

#[test]
fn a_name_ending_in_a_demonym_is_a_group() {
    let text = "Oil is the Central American nation's main export.";
    let names = spans(text, &[("Central American", Org)]);
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors[0].kind, Group);
}

#[test]
fn given_names_make_persons_of_organisations() {
    let text =
        "Leopoldo Arias met the board of Kim Shipping Group. Tomasz Wrobel and Wrobel's aide left.";
    let names = spans(
        text,
        &[
            ("Leopoldo Arias", Org),
            ("Kim Shipping Group", Org),
            ("Tomasz Wrobel", Org),
            ("Wrobel", Per),
        ],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(find(&actors, "leopoldo-arias").kind, Per);
    assert_eq!(find(&actors, "kim-shipping-group").kind, Org);
    // Not a listed given name, but the text calls the surname a person.
    assert_eq!(find(&actors, "tomasz-wrobel").kind, Per);
}

#[test]
fn an_organisation_named_only_in_a_title_is_no_actor() {
    let text = "Central Bank Governor Ana Ruiz spoke.";
    let names = spans(text, &[("Central Bank", Org), ("Ana Ruiz", Per)]);
    let (actors, _) = resolve(text, &names);
    let ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ana-ruiz"]);
    assert_eq!(actors[0].roles, ["Central Bank Governor"]);
    let text = "The Central Bank cut rates. Central Bank Governor Ana Ruiz spoke.";
    let names = spans(text, &[("Central Bank", Org), ("Ana Ruiz", Per)]);
    assert_eq!(resolve(text, &names).0.len(), 2);
}

#[test]
fn a_role_opening_a_sentence_loses_its_capital() {
    let text = "National security adviser Tim Holt spoke. Later the national security adviser, \
                Tim Holt, left. Defense Minister Ana Ruiz stayed. Secretary of State Eva Pike \
                flew in.";
    let names = spans(
        text,
        &[("Tim Holt", Per), ("Ana Ruiz", Per), ("Eva Pike", Per)],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(
        find(&actors, "tim-holt").roles,
        ["national security adviser"]
    );
    assert_eq!(find(&actors, "ana-ruiz").roles, ["Defense Minister"]);
    assert_eq!(find(&actors, "eva-pike").roles, ["Secretary of State"]);
}

#[test]
fn a_title_and_a_name_make_a_person() {
    let text = "Admiral Laura Quiroga spoke at General Motors and General Electric Company.";
    let names = spans(
        text,
        &[
            ("Admiral Laura Quiroga", Org),
            ("General Motors", Org),
            ("General Electric Company", Org),
        ],
    );
    let (actors, _) = resolve(text, &names);
    let laura = find(&actors, "laura-quiroga");
    assert_eq!(
        (laura.kind, laura.roles.as_slice()),
        (Per, &["Admiral".to_string()][..])
    );
    assert_eq!(find(&actors, "general-motors").kind, Org);
    assert_eq!(find(&actors, "general-electric-company").kind, Org);
}

#[test]
fn a_generational_suffix_makes_a_person() {
    let text = "Inmate Arcade Joseph Comeaux Jr. fled. Guards of Smith Holdings Sr saw Paolo Rossi III \
                near Acme Industries III. Jones Fleet IV sailed.";
    let names = spans(
        text,
        &[
            ("Jones Fleet IV", Org),
            ("Arcade Joseph Comeaux Jr.", Org),
            ("Smith Holdings Sr", Org),
            ("Paolo Rossi III", Org),
            ("Acme Industries III", Org),
        ],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(find(&actors, "arcade-joseph-comeaux-jr").kind, Per);
    assert_eq!(find(&actors, "paolo-rossi-iii").kind, Per);
    // An organisation's word keeps the organisation, suffix or not.
    assert_eq!(find(&actors, "smith-holdings-sr").kind, Org);
    assert_eq!(find(&actors, "acme-industries-iii").kind, Org);
    // `IV` and `II` number things too.
    assert_eq!(find(&actors, "jones-fleet-iv").kind, Org);
}

#[test]
fn a_nickname_in_quotes_is_an_alias_not_part_of_the_name() {
    let text =
        "The Sixers hired Maurice \"Mo\" Cheeks. Mob boss Vincent \"The Chin\" Gigante died.";
    // One span over the whole name, and one cut at the nickname, as recognisers give them.
    let mut names = spans(text, &[("Maurice \"Mo\" Cheeks", Per), ("Vincent", Per)]);
    names.extend(spans(text, &[("The Chin", Group), ("Gigante", Per)]));
    let (actors, mentions) = resolve(text, &names);
    let cheeks = find(&actors, "maurice-cheeks");
    assert_eq!(cheeks.name, "Maurice Cheeks");
    assert!(
        cheeks.aliases.contains(&"Mo Cheeks".to_string()),
        "{actors:?}"
    );
    let gigante = find(&actors, "vincent-gigante");
    assert_eq!(gigante.kind, Per);
    assert!(
        gigante.aliases.contains(&"The Chin".to_string()),
        "{actors:?}"
    );
    assert_eq!(actors.len(), 2, "{actors:?}");
    // The mention covers the name as written, nickname and all.
    assert!(
        mentions
            .iter()
            .any(|m| &text[m.start..m.end] == "Vincent \"The Chin\" Gigante")
    );
}

#[test]
fn a_nickname_in_any_quotes_joins_a_name_however_the_recogniser_cut_it() {
    // As recognisers cut them: into the quote, around a single-quoted nickname, with the
    // surname unseen, or the whole typed a group.
    let texts = [
        (
            "Mob boss Vincent \"Chin\" Gigante died.",
            "Vincent \"Chin",
            Per,
            "Chin",
        ),
        (
            "Mob boss Vincent 'The Chin' Gigante died.",
            "Vincent",
            Per,
            "The Chin",
        ),
        (
            "Mob boss Vincent ‘Chin’ Gigante died.",
            "Vincent ‘Chin",
            Group,
            "Chin",
        ),
    ];
    for (text, span, kind, nickname) in texts {
        let names = spans(text, &[(span, kind)]);
        let (actors, _) = resolve(text, &names);
        let gigante = find(&actors, "vincent-gigante");
        assert_eq!(gigante.kind, Per, "{text}");
        assert!(
            gigante.aliases.iter().any(|a| a.starts_with(nickname)),
            "{text}: {actors:?}"
        );
        assert_eq!(actors.len(), 1, "{text}: {actors:?}");
    }
    // Quotes after a word that is no name, or around what is no nickname, join nothing.
    let text = "Rock 'N' Roll fans met Ann 'and' Lee at 'Hotel' Plaza.";
    let names = spans(
        text,
        &[("Rock", Org), ("Roll", Org), ("Ann", Per), ("Lee", Per)],
    );
    let (actors, _) = resolve(text, &names);
    assert_eq!(actors.len(), 4, "{actors:?}");
}

#[test]
fn place_adjectives_are_not_actors_and_weekdays_leave_names() {
    let text = "Pirates boarded an Ethiopian-flagged ship. A London-based firm said so. \
                Microsoft Wednesday announced a deal. Sheffield Wednesday beat Leeds. \
                Jurors walked into the Albany County Courthouse Monday.";
    let ids = actor_ids(
        text,
        &[
            ("Ethiopian-flagged", Group),
            ("London-based", Group),
            ("Microsoft Wednesday", Org),
            ("Sheffield Wednesday", Org),
            ("Leeds", Org),
            ("Albany County Courthouse Monday", Org),
        ],
    );
    assert_eq!(
        ids,
        [
            "microsoft",
            "sheffield-wednesday",
            "leeds",
            "albany-county-courthouse"
        ]
    );
}

#[test]
fn doctrines_laws_and_operations_are_not_actors() {
    let text = "The Monroe Doctrine, the Patriot Act and Operation Freedom were cited by \
                the Lima Group.";
    let ids = actor_ids(
        text,
        &[
            ("Monroe Doctrine", Org),
            ("Patriot Act", Group),
            ("Operation Freedom", Group),
            ("Lima Group", Org),
        ],
    );
    assert_eq!(ids, ["lima-group"]);
}

#[test]
fn models_of_weapons_and_kinds_of_ships_are_not_names() {
    let text = "Warship INS Vellamo seized six AK 47 rifles and 14 AK-47 Rifles. \
                Indian Naval Ship Vellamo fired. A MiG-29 flew. The US 40 years ago.";
    let names = spans(
        text,
        &[
            ("Warship INS Vellamo", Per),
            ("AK-47 Rifles", Org),
            ("Indian Naval Ship Vellamo", Org),
            ("AK", Org),
            ("MiG-29", Group),
            ("US", Loc),
        ],
    );
    let (actors, _) = resolve(text, &names);
    let names: Vec<(&str, ActorKind)> = actors.iter().map(|a| (a.name.as_str(), a.kind)).collect();
    assert_eq!(
        names,
        [
            ("INS Vellamo", Org),
            ("Vellamo", Org),
            ("United States", Loc)
        ]
    );
}

#[test]
fn a_model_written_in_two_words_and_a_currency_are_not_names() {
    let text = "The Navy seized 14 AK 47 Rifles, and trade worth 100 billion USD passes. \
                USD 40 million came, as did USD40m. The USD board met.";
    let ids = actor_ids(
        text,
        &[
            ("Navy", Org),
            ("Rifles", Org),
            ("USD", Org),
            ("USD40m", Org),
        ],
    );
    // `USD` beside no amount is left alone: the text may name a body so.
    assert_eq!(ids, ["navy", "usd"]);
}

#[test]
fn degrees_after_a_name_are_not_names() {
    let text = "Obama named Regina Benjamin, MD, a physician taught by David Satcher, M.D., PhD. \
                She took her MD degree in Baltimore, MD, in 1991.";
    let ids = actor_ids(
        text,
        &[
            ("Obama", Per),
            ("Regina Benjamin", Per),
            ("David Satcher", Per),
            ("M.D", Org),
            ("MD", Org),
            ("PhD", Org),
            ("Baltimore", Loc),
        ],
    );
    assert_eq!(
        ids,
        [
            "obama",
            "regina-benjamin",
            "david-satcher",
            "baltimore",
            "md"
        ]
    );
}

#[test]
fn an_abbreviated_title_after_an_organisation_is_the_next_persons_role() {
    let text = "It is dangerous, said Oregon State Police Lt. Gregg Hastings.";
    let names = spans(
        text,
        &[("Oregon State Police Lt.", Org), ("Gregg Hastings", Per)],
    );
    let (actors, _) = resolve(text, &names);
    let named: Vec<(&str, &[String])> = actors
        .iter()
        .map(|a| (a.name.as_str(), a.roles.as_slice()))
        .collect();
    // The police, named only in the role, are an actor where the text names them apart.
    assert_eq!(
        named,
        [(
            "Gregg Hastings",
            &["Oregon State Police Lt.".to_string()][..]
        )]
    );
}

#[test]
fn occupations_before_a_name_are_roles() {
    let text = "Comedian Ana Ruiz met Coroner Tom Holt and Brooklyn Councilman Jon Vey. \
                Detectives Ed Beck and Mayor-elect Al Diaz signed TE Jo Lee.";
    let names = spans(
        text,
        &[
            ("Comedian Ana Ruiz", Per),
            ("Coroner Tom Holt", Per),
            ("Brooklyn Councilman Jon Vey", Per),
            ("Detectives Ed Beck", Per),
            ("Mayor-elect Al Diaz", Per),
            ("TE Jo Lee", Per),
        ],
    );
    let (actors, _) = resolve(text, &names);
    let named: Vec<(&str, &[String])> = actors
        .iter()
        .map(|a| (a.name.as_str(), a.roles.as_slice()))
        .collect();
    assert_eq!(
        named,
        [
            ("Ana Ruiz", &["Comedian".to_string()][..]),
            ("Tom Holt", &["Coroner".to_string()][..]),
            ("Jon Vey", &["Councilman".to_string()][..]),
            ("Ed Beck", &["Detectives".to_string()][..]),
            ("Al Diaz", &["Mayor-elect".to_string()][..]),
            ("Jo Lee", &["TE".to_string()][..]),
        ]
    );
}

#[test]
fn a_given_name_alone_is_the_one_person_it_opens() {
    let text = "Jermayne Timmons goes on trial. Jermayne is not the gunman, Lynch said.";
    let names = spans(
        text,
        &[("Jermayne Timmons", Per), ("Jermayne", Per), ("Lynch", Per)],
    );
    let (actors, mentions) = resolve(text, &names);
    let ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["jermayne-timmons", "lynch"]);
    assert_eq!(mentions.len(), 3);
    // Two people it could be: neither.
    let text = "Jermayne Timmons and Jermayne Taylor. Jermayne fired.";
    let ids = actor_ids(
        text,
        &[
            ("Jermayne Timmons", Per),
            ("Jermayne Taylor", Per),
            ("Jermayne", Per),
        ],
    );
    assert_eq!(ids, ["jermayne-timmons", "jermayne-taylor", "jermayne"]);
}

#[test]
fn a_misspelt_name_has_its_words_each_the_same_or_near() {
    assert!(misspells("Jerymayne Timmons", "Jermayne Timmons"));
    assert!(
        !misspells("Ann Raite", "Ann Rait"),
        "short words are too often two names"
    );
    assert!(!misspells("Jermayne Timmons", "Jermayne Timmons"));
    assert!(!misspells("Jermayne Timmons", "Timmons"));
    assert!(!misspells("Jermayne Timmons", "Jermayne Taylor"));
}

#[test]
fn a_word_of_description_beside_a_common_form_of_a_name_is_no_part_of_it() {
    let forms = ["Bettie Page", "Mark Felt", "Garcia Marquez", "Sanjay Gupta"];
    let is_form = |rest: &str| forms.contains(&rest);
    assert!(carries_a_description("Notorious Bettie Page", is_form));
    assert!(carries_a_description("Sanjay Gupta Surgeon", is_form));
    // A given name or an initial opens a name; a surname is no title.
    assert!(!carries_a_description("Gabriel Garcia Marquez", is_form));
    assert!(!carries_a_description("W. Mark Felt", is_form));
    assert!(!carries_a_description("Sanjay Gupta Jones", is_form));
    // Nothing is cut to a single word, nor to a form not seen.
    assert!(!carries_a_description("Notorious Page", |_| true));
    assert!(!carries_a_description("Notorious Bettie Mae Page", is_form));
}

#[test]
fn a_state_abbreviated_in_a_dateline_is_the_state() {
    let text = "He died in Springfield, Mo., and lived in Rancho Mirage, Calif. \
                Mo Vey and Miss Ruiz liked California.";
    let names = spans(
        text,
        &[
            ("Springfield", Loc),
            ("Rancho Mirage", Loc),
            ("Calif.", Loc),
            ("Mo Vey", Per),
            ("Mo", Loc),
            ("Ruiz", Per),
            ("California", Loc),
        ],
    );
    let (actors, mentions) = resolve(text, &names);
    let ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "springfield",
            "missouri",
            "rancho-mirage",
            "california",
            "mo-vey",
            "ruiz"
        ]
    );
    assert_eq!(&text[mentions[1].start..mentions[1].end], "Mo.");
}

#[test]
fn an_abbreviated_mount_is_the_mount() {
    let text = "They climbed Mt Cook and Mt. Vellamo, then Mount Cook again.";
    let names = spans(
        text,
        &[("Mt Cook", Loc), ("Mt. Vellamo", Loc), ("Mount Cook", Loc)],
    );
    let (actors, mentions) = resolve(text, &names);
    let ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["mount-cook", "mount-vellamo"]);
    assert_eq!(&text[mentions[0].start..mentions[0].end], "Mt Cook");
}
