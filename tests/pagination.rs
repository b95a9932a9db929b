//! Big briefings stay browsable: long lists are split into pages, none grows without bound.

mod common;

use common::{Site, snapshot};

/// `articles` articles of `events_each` dated sentences, spread over two months.
/// With `shared_actor`, every sentence names the same council; otherwise each article its own.
fn busy_site(articles: usize, events_each: usize, shared_actor: bool) -> Site {
    let site = Site::empty();
    site.write("site.toml", "title = \"Busy\"\n");
    for i in 0..articles {
        let day = 1 + i % 28;
        let month = if i % 2 == 0 { "March" } else { "April" };
        let mut text = format!("Council report number {i}\n\n{day} {month} 2024\n\n");
        for j in 0..events_each {
            // Distinct words in every sentence: these are separate events, not one event reported twice.
            let council = if shared_actor {
                "Northport".to_string()
            } else {
                TOWNS[(i * 7 + j) % TOWNS.len()].to_string()
            };
            let verb = VERBS[j % VERBS.len()];
            text.push_str(&format!(
                "The {council} Council {verb} scheme{i}x{j} and budget{i}x{j} for quay{i}x{j} on {} {month} 2024. ",
                1 + (i + j) % 28
            ));
        }
        site.write(&format!("seeds/{i:04}.txt"), text);
    }
    site
}

/// What each council does, one verb a sentence: reports of one council on one
/// day that do different things are different events.
const VERBS: &[&str] = &[
    "approved",
    "rejected",
    "debated",
    "funded",
    "delayed",
    "reviewed",
    "cancelled",
    "extended",
    "audited",
    "postponed",
    "amended",
];

const TOWNS: &[&str] = &[
    "Ashford", "Bexley", "Carlow", "Dunmore", "Elgin", "Falkirk", "Galway", "Hexham", "Ilkley",
    "Jarrow", "Kendal",
];

#[test]
fn a_long_timeline_is_split_into_month_pages() {
    let site = busy_site(120, 5, false);
    site.build();
    let json = site.json();
    let events = json["events"].as_array().expect("events").len();
    assert!(
        events > 400,
        "the fixture makes a long timeline: {events} events"
    );
    let index = site.read("timeline/index.html");
    assert!(
        index.contains("timeline/2024-03/index.html") || index.contains("2024-03/1/index.html"),
        "index links month pages"
    );
    assert!(site.public().join("timeline/2024-04").is_dir());
    let files = snapshot(&site.public());
    let biggest = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (b.len(), p.clone()))
        .max()
        .expect("pages");
    assert!(
        biggest.0 < 1024 * 1024,
        "{} is {} bytes",
        biggest.1,
        biggest.0
    );
    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_actor_in_many_articles_gets_paged_article_lists() {
    let site = busy_site(260, 1, true);
    site.build();
    let json = site.json();
    let council = json["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .find(|a| a["articles"].as_array().is_some_and(|l| l.len() > 200))
        .expect("an actor in over 200 articles");
    let id = council["id"].as_str().expect("id");
    let page = site.read(&format!("actors/{id}/index.html"));
    assert!(
        page.contains(&format!("actors/{id}/articles/2/index.html"))
            || page.contains("articles/2/index.html"),
        "link to the next page of articles"
    );
    assert!(
        site.public()
            .join(format!("actors/{id}/articles/2/index.html"))
            .is_file()
    );
    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_search_index_comes_in_chunks_that_hold_every_record_once() {
    let site = busy_site(200, 10, false);
    site.build();
    let json = site.json();
    let count = |key: &str| json[key].as_array().map_or(0, Vec::len);
    let records = count("actors") + count("articles") + count("quotes") + count("events");
    assert!(
        records > 1000,
        "the fixture needs several chunks: {records} records"
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("search/index.json")).expect("manifest parses");
    let paths: Vec<&str> = manifest["chunks"]
        .as_array()
        .expect("chunks")
        .iter()
        .map(|p| p.as_str().expect("a path"))
        .collect();
    assert!(paths.len() > 1, "{paths:?}");
    // The pages point at the manifest.
    assert!(
        site.read("index.html")
            .contains("data-index=\"search/index.json\"")
    );

    let mut kinds = Vec::new();
    let mut links = Vec::new();
    for path in &paths {
        let text = site.read_gzip(path);
        assert!(text.len() < 1_000_000, "{path} holds {} bytes", text.len());
        let chunk: Vec<serde_json::Value> = serde_json::from_str(&text).expect("chunk parses");
        assert!(
            !chunk.is_empty() && chunk.len() <= 1000,
            "{path}: {} records",
            chunk.len()
        );
        for r in chunk {
            kinds.push(r["k"].as_str().expect("kind").to_string());
            links.push(r["u"].as_str().expect("link").to_string());
        }
    }
    assert_eq!(kinds.len(), records, "every record once");
    // Actors, then articles, quotes and events: the likeliest hits in the first chunk.
    let rank = |k: &str| {
        ["actor", "article", "quote", "event"]
            .iter()
            .position(|&x| x == k)
    };
    let ranks: Vec<_> = kinds
        .iter()
        .map(|k| rank(k).expect("a known kind"))
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "records out of order"
    );
    for link in links {
        let file = link.split('#').next().unwrap_or_default();
        assert!(site.public().join(file).is_file(), "{link} leads nowhere");
    }
}

/// One long article (a pasted transcript) names more actors and dates more sentences than a
/// page can usefully list: its page lists the first of each and says how many more the
/// text marks, while `briefing.json` keeps every one.
#[test]
fn a_long_article_lists_what_a_reader_can_use_and_says_how_many_more() {
    const FIRST: &[&str] = &[
        "Maria", "Juan", "Elena", "Carlos", "Sofia", "Pedro", "Lucia", "Diego", "Carmen", "Jorge",
    ];
    const LAST: &[&str] = &[
        "Lopez", "Ramos", "Borges", "Torres", "Herrera", "Medina", "Castillo", "Vargas", "Rojas",
        "Silva", "Mendoza", "Ortega",
    ];
    let site = Site::empty();
    let mut text = String::from("A long transcript\n\n2 May 2019\n\n");
    for (i, (first, last)) in FIRST
        .iter()
        .flat_map(|f| LAST.iter().map(move |l| (f, l)))
        .enumerate()
    {
        let day = 1 + i % 28;
        text.push_str(&format!(
            "{first} {last} told the committee on April {day}, 2019 that item {i} was settled.\n\n"
        ));
    }
    site.write("seeds/transcript.txt", text);
    site.build();
    let json = site.json();
    let actors = json["actors"].as_array().map_or(0, Vec::len);
    let events = json["events"].as_array().map_or(0, Vec::len);
    assert!(
        actors > 60 && events > 100,
        "{actors} actors, {events} events"
    );

    let id = json["articles"][0]["id"].as_str().expect("id");
    let page = site.read(&format!("articles/{id}/index.html"));
    let section = |name: &str| {
        let start = page
            .find(&format!("<section aria-labelledby=\"{name}\">"))
            .unwrap_or_else(|| panic!("{name} section"));
        let end = start + page[start..].find("</section>").expect("section ends");
        page[start..end].to_string()
    };
    let listed_actors = section("actors");
    assert_eq!(listed_actors.matches("<li>").count(), 50);
    let article_actors = json["articles"][0]["actors"].as_array().map_or(0, Vec::len);
    assert!(
        listed_actors.contains(&format!(
            "And {} more, linked in the text.",
            article_actors - 50
        )),
        "{listed_actors}"
    );
    let listed_events = section("events");
    assert_eq!(listed_events.matches("<li class=\"event\">").count(), 100);
    assert!(
        listed_events.contains(&format!("And {} more, marked in the text", events - 100)),
        "{listed_events}"
    );
    // Every event is still marked in the text.
    assert_eq!(page.matches("<span class=\"event\" id=\"s").count(), events);
}

/// A text without full stops reads as one sentence, however long: every actor it names has
/// it among its events, and a page that listed it whole would make the site grow with the
/// square of the text. Lists show a stretch of it, around the page's own actor.
#[test]
fn an_overlong_sentence_is_listed_as_a_stretch_around_the_actor() {
    const NAMES: &[&str] = &[
        "Maria Lopez",
        "Juan Ramos",
        "Elena Borges",
        "Carlos Torres",
        "Sofia Herrera",
        "Pedro Medina",
        "Lucia Castillo",
        "Diego Vargas",
        "Carmen Rojas",
        "Jorge Silva",
    ];
    let mut sentence = String::from("On May 1, 2019");
    for round in 0..40 {
        for name in NAMES {
            sentence.push_str(&format!(" {name} spoke of item {round} and"));
        }
    }
    sentence.push_str(" nobody else.");
    let site = Site::empty();
    site.write(
        "seeds/run-on.txt",
        format!("A run-on transcript\n\n2 May 2019\n\n{sentence}\n"),
    );
    site.build();
    let json = site.json();
    assert_eq!(
        json["events"].as_array().map_or(0, Vec::len),
        1,
        "one sentence, one event"
    );
    assert!(sentence.len() > 10_000);
    for actor in json["actors"].as_array().expect("actors") {
        let id = actor["id"].as_str().expect("id");
        let page = site.read(&format!("actors/{id}/index.html"));
        assert!(page.len() < 8_000, "{id}: {} bytes", page.len());
        let events = &page[page.find("id=\"events\"").expect("its event")..];
        let name = actor["name"].as_str().expect("name");
        assert!(
            events.contains(name) && events.contains(" …"),
            "{id}: {events}"
        );
    }
    // The timeline and the search index still carry the event; the article its whole text.
    assert!(
        site.read("timeline/index.html")
            .contains("<li class=\"event\"")
    );
    let article = json["articles"][0]["id"].as_str().expect("article");
    assert!(
        site.read(&format!("articles/{article}/index.html"))
            .contains("nobody else.")
    );
}
