//! Builds fixture sites and checks the output: files, links, the model.

mod common;

use common::{Site, snapshot};
use std::collections::BTreeMap;

const SITE_PATHS: &[&str] = &[
    "index.html",
    "actors/index.html",
    "timeline/index.html",
    "briefing.json",
    "atom.xml",
    "sitemap.xml",
    "404.html",
    ".nojekyll",
];

#[test]
fn builds_every_promised_path() {
    let site = Site::fixture("basic");
    site.build();
    for path in SITE_PATHS {
        assert!(site.public().join(path).is_file(), "missing {path}");
    }
    let json = site.json();
    let articles = json["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 3);
    for a in articles {
        let id = a["id"].as_str().expect("id");
        assert!(
            site.public()
                .join(format!("articles/{id}/index.html"))
                .is_file(),
            "article page {id}"
        );
    }
    for a in json["actors"].as_array().expect("actors") {
        let id = a["id"].as_str().expect("id");
        assert!(
            site.public()
                .join(format!("actors/{id}/index.html"))
                .is_file(),
            "actor page {id}"
        );
    }
}

#[test]
fn briefing_json_has_the_promised_shape() {
    let site = Site::fixture("basic");
    site.build();
    let json = site.json();
    assert_eq!(json["site"]["title"], "Fixture briefing");
    assert_eq!(json["site"]["base_url"], "https://example.org/repo/");
    for key in ["articles", "actors", "events", "quotes"] {
        assert!(json[key].is_array(), "{key}");
    }
    let first = &json["articles"][0];
    assert_eq!(
        first["title"], "Novak says the Geneva talks made progress",
        "newest first"
    );
    assert_eq!(first["date"], "2024-03-15");
    assert_eq!(
        first["url"],
        "https://example.org/repo/articles/novak-says-the-geneva-talks-made-progress/"
    );
    let undated = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["title"] == "Background: the Geneva process");
    assert_eq!(
        undated.expect("undated article")["date"],
        serde_json::Value::Null
    );
    // `also` lists the other articles reporting an event, and is left out when none does.
    let events = json["events"].as_array().expect("events");
    assert!(!events.is_empty());
    for event in events {
        assert!(event["article"].is_string(), "{event}");
        if let Some(also) = event.get("also") {
            let also = also.as_array().expect("also is a list");
            assert!(!also.is_empty(), "{event}");
            assert!(!also.contains(&event["article"]), "{event}");
        }
    }
}

#[test]
fn warnings_name_the_file_and_the_build_goes_on() {
    let site = Site::fixture("basic");
    let out = site.build();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("seeds/003_undated.md:1: no `date`"),
        "{stderr}"
    );
    assert!(
        site.public()
            .join("articles/background-the-geneva-process/index.html")
            .is_file()
    );
}

#[test]
fn every_internal_link_resolves_at_a_root_and_under_a_subpath() {
    for base in ["https://example.org/", "https://user.github.io/repo/"] {
        let site = Site::fixture("basic");
        let out = site.run(&["check", "--base-url", base]);
        assert!(
            out.status.success(),
            "{base}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 broken links"));
    }
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = Site::fixture("basic");
    let out = site.run(&["build", "--base-url", "https://other.example/x/"]);
    assert!(out.status.success());
    assert_eq!(site.json()["site"]["base_url"], "https://other.example/x/");
    assert!(
        site.read("404.html").contains("href=\"/x/index.html\""),
        "404 links from the base path"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::fixture("basic");
    site.build();
    let first = snapshot(&site.public());
    site.build();
    assert_eq!(first, snapshot(&site.public()));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("basic");
    site.build();
    let before = snapshot(&site.public());
    site.write("templates/index.html", "{% if %} broken");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("template"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(before, snapshot(&site.public()));
}

#[test]
fn site_templates_and_static_files_override_the_defaults() {
    let site = Site::fixture("basic");
    site.write(
        "templates/404.html",
        "<!DOCTYPE html><title>gone</title><p>Custom 404 for {{ frame.site_title }}</p>",
    );
    site.write("static/style.css", "body { color: red }");
    site.write("static/extra/logo.txt", "logo");
    site.build();
    assert!(
        site.read("404.html")
            .contains("Custom 404 for Fixture briefing")
    );
    assert_eq!(site.read("static/style.css"), "body { color: red }");
    assert_eq!(site.read("static/extra/logo.txt"), "logo");
}

#[test]
fn a_folder_with_only_seeds_builds() {
    let site = Site::empty();
    site.write(
        "seeds/a.txt",
        "A title\n\n2 May 2019\n\nSome text on Tuesday.\n",
    );
    site.build();
    assert!(site.public().join("index.html").is_file());
    assert_eq!(site.json()["site"]["title"], "Briefing");
}

#[test]
fn refuses_to_write_over_the_site_or_a_foreign_folder() {
    let site = Site::fixture("basic");
    let out = site.run(&["build", "--output", "."]);
    assert_eq!(out.status.code(), Some(1));
    site.write("mine/notes.txt", "precious");
    let out = site.run(&["build", "--output", "mine"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(site.root().join("mine/notes.txt")).expect("kept"),
        "precious"
    );
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let site = Site::empty();
    let out = site.run(&["init", "new-site"]);
    assert!(out.status.success());
    let out = site.run(&["build", "--root", "new-site"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.root().join("new-site/public/index.html").is_file());
}

#[test]
fn bad_usage_exits_2() {
    let site = Site::empty();
    assert_eq!(
        site.run(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(
        site.run(&["extract", "--date", "yesterday", "x.txt"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn cname_comes_from_site_toml() {
    let site = Site::fixture("basic");
    site.build();
    assert!(!site.public().join("CNAME").exists());
    site.write(
        "site.toml",
        "title = \"x\"\ncname = \"briefing.example.org\"\n",
    );
    site.build();
    assert_eq!(site.read("CNAME"), "briefing.example.org\n");
}

/// Builds `site`, then checks that its cache file `.briefing-cache/<name>`
/// was written, that a build from it gives the same bytes, and that a build
/// with the file damaged does too; gives the output of those builds.
fn assert_cache_is_only_a_shortcut(site: &Site, name: &str) -> BTreeMap<String, Vec<u8>> {
    site.build();
    let first = snapshot(&site.public());
    let file = site.root().join(".briefing-cache").join(name);
    assert!(file.is_file(), "the build keeps {name}");
    let written = std::fs::read(&file).expect("read the cache");
    site.build();
    assert_eq!(first, snapshot(&site.public()), "built from {name}");
    assert_eq!(
        written,
        std::fs::read(&file).expect("read the cache"),
        "nothing changed: {name} is not written again"
    );
    std::fs::write(&file, b"not a cache").expect("damage the cache");
    site.build();
    assert_eq!(
        first,
        snapshot(&site.public()),
        "a damaged {name} is ignored"
    );
    first
}

#[test]
fn the_extraction_cache_is_a_shortcut_never_a_source_of_truth() {
    assert_cache_is_only_a_shortcut(&Site::fixture("basic"), "extractions.bin");
}

#[test]
fn the_assembly_memo_is_a_shortcut_never_a_source_of_truth() {
    let site = Site::fixture("basic");
    let first = assert_cache_is_only_a_shortcut(&site, "assembly.bin");
    // An edit with a new actor and a new event: built with the memo of the
    // last build, the site is what a build without any cache makes of it.
    let talks =
        std::fs::read_to_string(site.root().join("seeds/001_talks.txt")).expect("read the seed");
    site.write(
        "seeds/001_talks.txt",
        format!(
            "{talks}\nMarta Silva of Brazil met Peter Hall in Geneva on Monday to discuss the talks.\n"
        ),
    );
    site.build();
    let edited = snapshot(&site.public());
    assert_ne!(first, edited);
    std::fs::remove_dir_all(site.root().join(".briefing-cache")).expect("drop the caches");
    site.build();
    assert_eq!(
        edited,
        snapshot(&site.public()),
        "the memo followed the edit"
    );
}

/// `briefing serve` renders pages one at a time from the plan: each must be
/// byte for byte the page a full build writes, and the plan must know them all.
#[test]
fn every_file_renders_alone_as_in_a_full_build() {
    let site = Site::fixture("basic");
    let opts = briefing::BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    let (files, _, _) = briefing::render_site(&opts).expect("build");
    let briefing::Assembled {
        briefing: b, theme, ..
    } = briefing::assemble(&opts, &briefing::cache::Caches::default()).expect("assemble");
    let plan = briefing::render::Plan::new(&b, &theme);
    assert_eq!(plan.len(), files.len());
    for file in &files {
        let alone = plan
            .render_path(&b, &theme, &file.path)
            .unwrap_or_else(|| panic!("the plan lacks {}", file.path))
            .expect("renders");
        assert!(alone.bytes == file.bytes, "{} differs", file.path);
    }
    assert!(plan.render_path(&b, &theme, "no/such/page.html").is_none());
}

/// The build's parse cache (`.briefing-cache/articles.bin`) changes nothing in
/// the output, survives damage, and never trusts a file's stamp: an edit that
/// keeps the size and the modification time (a backup restored, an archive
/// unpacked with fixed times) is still seen.
#[test]
fn the_parse_cache_is_a_shortcut_never_a_source_of_truth() {
    let site = Site::fixture("basic");
    let first = assert_cache_is_only_a_shortcut(&site, "articles.bin");

    // Same length, same modification time, other words.
    let seed = site.root().join("seeds/001_talks.txt");
    let stamp = std::fs::metadata(&seed)
        .and_then(|m| m.modified())
        .expect("stamp");
    let text = std::fs::read_to_string(&seed).expect("read the seed");
    let edited = text.replacen("talks", "TALKS", 1);
    assert_ne!(edited, text, "the seed says talks");
    std::fs::write(&seed, &edited).expect("edit the seed");
    std::fs::File::options()
        .write(true)
        .open(&seed)
        .and_then(|f| f.set_modified(stamp))
        .expect("put the old stamp back");
    site.build();
    let after = snapshot(&site.public());
    assert_ne!(first, after, "the edit shows");
    std::fs::remove_dir_all(site.root().join(".briefing-cache")).expect("drop the caches");
    site.build();
    assert_eq!(after, snapshot(&site.public()), "as a build without caches");
}

/// The preview's parse cache gives what a fresh load gives, and notices an edit.
#[test]
fn parse_cache_reparses_only_what_changed() {
    let site = Site::fixture("basic");
    let cache = briefing::source::ParseCache::default();
    let fresh = briefing::source::load(site.root(), false);
    let first = briefing::source::load_cached(site.root(), false, Some(&cache));
    let again = briefing::source::load_cached(site.root(), false, Some(&cache));
    assert_eq!(first.articles, fresh.articles);
    assert_eq!(again.articles, fresh.articles);
    assert_eq!(again.diagnostics, fresh.diagnostics);

    let edited = &fresh.articles[0].path;
    let text = std::fs::read_to_string(site.root().join(edited)).expect("read");
    site.write(edited, format!("{text}\nA sentence added by the test.\n"));
    let after = briefing::source::load_cached(site.root(), false, Some(&cache));
    let article = after
        .articles
        .iter()
        .find(|a| &a.path == edited)
        .expect("still there");
    assert!(article.body.contains("A sentence added by the test."));
    assert_eq!(
        after.articles,
        briefing::source::load(site.root(), false).articles
    );
}

/// The default event partial has a compiled twin; a site's own partial replaces both, on
/// every page that lists events in full (an article lists its own by date and opening words).
#[test]
fn a_site_event_partial_is_used_on_every_page_that_lists_events() {
    let site = Site::fixture("basic");
    site.write(
        "templates/partials/event.html",
        "<li class=\"event mine\">{{ e.date }}: {{ e.text }}</li>\n",
    );
    site.build();
    let timeline = site.read("timeline/index.html");
    assert!(timeline.contains("<li class=\"event mine\">"), "timeline");
    let json = site.json();
    let actors = json["actors"].as_array().expect("actors");
    let with_events = actors
        .iter()
        .filter_map(|a| a["id"].as_str())
        .map(|id| site.read(&format!("actors/{id}/index.html")))
        .find(|page| page.contains("id=\"events\""))
        .expect("an actor with events");
    assert!(
        !with_events.contains("<li class=\"event\"") && with_events.contains("event mine"),
        "actor page"
    );
}

/// The default quote, article-item and actor-link partials have compiled twins
/// too; a site's own partials replace them, and its quote partial sees
/// `hide_speaker` on an actor's page.
#[test]
fn site_quote_article_item_and_actor_link_partials_are_used() {
    let site = Site::fixture("basic");
    site.write(
        "templates/partials/quote.html",
        "<q class=\"mine\" data-hidden=\"{{ hide_speaker | default(value=false) }}\">{{ q.text }}</q>\n",
    );
    site.write(
        "templates/partials/article_item.html",
        "<li class=\"mine\">{{ a.title }}</li>\n",
    );
    site.write(
        "templates/partials/actor_link.html",
        "<b class=\"mine\">{{ a.name }}</b>",
    );
    site.build();
    let actors = site.read("actors/index.html");
    assert!(
        actors.contains("<li><b class=\"mine\">") && !actors.contains("<a class=\"actor "),
        "actors page"
    );
    let json = site.json();
    let overview = site.read("index.html");
    assert!(
        overview.contains("<li class=\"mine\">") && !overview.contains("<figure class=\"quote\">"),
        "overview"
    );
    let quote = json["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .find(|q| q["speaker"].is_string())
        .expect("a quote with a speaker");
    let speaker = quote["speaker"].as_str().expect("speaker");
    let actor = site.read(&format!("actors/{speaker}/index.html"));
    assert!(
        actor.contains("<q class=\"mine\" data-hidden=\"true\">")
            && actor.contains("<li class=\"mine\">"),
        "actor page"
    );
    let article = quote["article"].as_str().expect("article");
    let page = site.read(&format!("articles/{article}/index.html"));
    assert!(
        page.contains("<q class=\"mine\" data-hidden=\"false\">")
            && page.contains("<li><b class=\"mine\">"),
        "article page"
    );
}

/// Two outlets report one happening; the second tells it twice. The timeline lists it once
/// with every sentence that tells it, and each article's own list links its own sentence.
#[test]
fn one_happening_is_one_event_linked_at_every_report() {
    let site = Site::empty();
    site.write(
        "seeds/first.txt",
        "Quake hits Iran\n\n2012-11-12\n\nA strong earthquake hit southern Iran on Sunday, \
         killing ten people in mud-brick villages on Qeshm island.\n",
    );
    site.write(
        "seeds/second.txt",
        "Iran counts the dead\n\n2012-11-12\n\nOfficials opened schools as shelters.\n\n\
         The earthquake struck southern Iran on Sunday and killed ten villagers on Qeshm \
         island, officials said.\n\n\
         Rescuers said the earthquake on Sunday killed ten villagers on Qeshm island in \
         southern Iran.\n",
    );
    site.build();
    let events = site.json()["events"].as_array().expect("events").clone();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        events[0]["also"].as_array().map(Vec::len),
        Some(1),
        "{events:?}"
    );
    let timeline = site.read("timeline/index.html");
    assert!(timeline.contains("Also reported in"), "{timeline}");
    assert!(timeline.contains("further on"), "{timeline}");
    // Each article lists the event at its own sentence, and every link finds its place.
    for page in site.json()["articles"].as_array().expect("articles") {
        let id = page["id"].as_str().expect("id");
        let html = site.read(&format!("articles/{id}/index.html"));
        let listed = html
            .split("<ol class=\"events\">")
            .nth(1)
            .and_then(|list| list.split("href=\"#").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{id} lists the event: {html}"));
        assert!(
            html.contains(&format!("<span class=\"event\" id=\"{listed}\">")),
            "{id}"
        );
    }
    let out = site.run(&["check"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 broken links"));
}

#[test]
fn a_team_named_whole_in_one_article_is_found_by_its_last_word_in_another() {
    let site = Site::empty();
    site.write(
        "seeds/first.txt",
        "Bush hurt\n\n2008-12-18\n\nThe New Orleans Saints lost Reggie Bush to a knee sprain.\n",
    );
    site.write(
        "seeds/second.txt",
        "Season over\n\n2008-12-19\n\nThe Saints placed running back Pierre Thomas on \
         injured reserve on Wednesday.\n",
    );
    site.build();
    let json = site.json();
    let saints = json["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .find(|a| a["name"] == "New Orleans Saints")
        .unwrap_or_else(|| panic!("no Saints actor: {json}"));
    assert_eq!(
        saints["articles"].as_array().map(Vec::len),
        Some(2),
        "{saints}"
    );
    let second = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["title"] == "Season over")
        .and_then(|a| a["id"].as_str())
        .expect("second article");
    let html = site.read(&format!("articles/{second}/index.html"));
    assert!(
        html.contains("actors/new-orleans-saints/index.html\">Saints</a> placed"),
        "{html}"
    );
}
