//! News as people save it: web pages and feeds in `seeds/`, `briefing read`
//! and `briefing add` against a local server (never the internet).

mod common;

use common::Site;
use serde_json::Value;
use std::path::Path;

/// A file of the site itself (not of its output).
fn in_root(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read_lines(site: &Site, files: &[&str]) -> Vec<Value> {
    let mut args = vec!["read"];
    args.extend_from_slice(files);
    let out = site.run(&args);
    assert!(
        out.status.success(),
        "read failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn read_gives_every_feed_item_with_its_date() {
    let site = Site::fixture("web");
    let lines = read_lines(&site, &["seeds/council.rss", "seeds/valley.atom"]);
    let summary: Vec<(&str, &str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap_or_default(),
                l["title"].as_str().unwrap_or_default(),
                l["date"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "seeds/council.rss",
                "Council votes to rebuild the old bridge",
                "2024-03-13"
            ),
            (
                "seeds/council.rss",
                "Harbour reopens after ship fire",
                "2024-03-15"
            ),
            (
                "seeds/valley.atom",
                "Fishing fleet stays in port",
                "2024-03-14"
            ),
        ]
    );
    assert_eq!(lines[0]["source"], "Elsby Gazette");
    assert_eq!(
        lines[0]["url"],
        "https://gazette.example.net/council-bridge"
    );
    assert_eq!(
        lines[0]["text"],
        "The Elsby town council voted on Wednesday to rebuild the old stone bridge over the river, \
         at a cost of two million dollars.\n\nMayor Ana Lindqvist said work would start in the summer."
    );
    assert_eq!(lines[2]["author"], "Valley Radio newsroom");
}

#[test]
fn read_gives_a_saved_page_without_its_furniture() {
    let site = Site::fixture("web");
    let lines = read_lines(&site, &["seeds/harbour-fire.html"]);
    assert_eq!(lines.len(), 1);
    let page = &lines[0];
    assert_eq!(page["title"], "Fire closes Port Elsby harbour");
    assert_eq!(
        page["date"], "2024-03-12",
        "the day the writer saw, not UTC's"
    );
    assert_eq!(page["author"], "Maria Okafor");
    assert_eq!(page["source"], "Coastal Courier");
    assert_eq!(
        page["url"],
        "https://courier.example.org/2024/03/12/harbour-fire"
    );
    let text = page["text"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("A fire broke out on a cargo ship"),
        "{text}"
    );
    assert!(text.ends_with("thousands of dollars a day."), "{text}");
    assert_eq!(text.matches("\n\n").count(), 3, "four paragraphs: {text}");
    for furniture in ["Share on", "Photo:", "Related", "newsletter", "Sport", "©"] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
}

#[test]
fn saved_pages_and_feeds_build_into_dated_articles_with_their_sources() {
    let site = Site::fixture("web");
    site.build();
    let json = site.json();
    let articles = json["articles"].as_array().expect("articles");
    let mut titles: Vec<(&str, &str)> = articles
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap_or_default(),
                a["date"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            ("Council votes to rebuild the old bridge", "2024-03-13"),
            ("Fire closes Port Elsby harbour", "2024-03-12"),
            ("Fishing fleet stays in port", "2024-03-14"),
            ("Harbour reopens after ship fire", "2024-03-15"),
        ],
        "the wire copy is merged into the story it copies"
    );
    let fire = articles
        .iter()
        .find(|a| a["title"] == "Fire closes Port Elsby harbour")
        .expect("the fire story");
    assert_eq!(fire["copies"][0]["source"], "Valley Times");
    assert_eq!(
        fire["copies"][0]["url"],
        "https://valleytimes.example.com/news/ship-fire-shuts-harbour"
    );
    let id = fire["id"].as_str().expect("id");
    let page = site.read(&format!("articles/{id}/index.html"));
    assert!(page.contains("Coastal Courier"), "{page}");
    assert!(page.contains(
        r#"<a href="https://courier.example.org/2024/03/12/harbour-fire" rel="nofollow noopener">original</a>"#
    ));
    assert!(page.contains("Also published by"));
    assert!(page.contains(
        r#"<a href="https://valleytimes.example.com/news/ship-fire-shuts-harbour" rel="nofollow noopener">Valley Times</a>"#
    ));
    let actors: Vec<&str> = json["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(actors.contains(&"Tom Reyes"), "{actors:?}");
}

/// A local web server for `briefing add`: the files of the fixture site (its
/// saved pages and `served/feed.xml`), and a 404 for anything else. Stops
/// when dropped.
struct Server {
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    port: u16,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind"));
        let port = server.server_addr().to_ip().expect("ip address").port();
        let dir = dir.to_path_buf();
        let serving = std::sync::Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let name = request.url().trim_start_matches('/').to_string();
                let path = dir.join(&name);
                let response = match std::fs::read(&path) {
                    Ok(bytes) if !name.contains("..") => {
                        let kind = if name.ends_with(".xml") {
                            "application/rss+xml"
                        } else {
                            "text/html; charset=utf-8"
                        };
                        let header =
                            tiny_http::Header::from_bytes("Content-Type", kind).expect("header");
                        tiny_http::Response::from_data(bytes).with_header(header)
                    }
                    _ => tiny_http::Response::from_data(b"not here".to_vec()).with_status_code(404),
                };
                let _ = request.respond(response);
            }
        });
        Server {
            server,
            thread: Some(thread),
            port,
        }
    }

    fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[test]
fn add_lands_pages_and_feed_items_once_and_names_what_fails() {
    let fixture = Site::fixture("web");
    let server = Server::start(fixture.root());
    let site = Site::empty();
    site.write("site.toml", "title = \"Added\"\n");
    let urls = [
        server.url("seeds/harbour-fire.html"),
        server.url("missing.html"),
        server.url("served/feed.xml"),
    ];
    let args = |urls: &[String]| {
        let mut args = vec!["add".to_string()];
        args.extend(urls.iter().cloned());
        args
    };
    let first_args = args(&urls);
    let first_refs: Vec<&str> = first_args.iter().map(String::as_str).collect();
    let first = site.run(&first_refs);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(
        first.status.code(),
        Some(1),
        "a failed address fails the run: {stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: the server answered 404", urls[1])),
        "{stderr}"
    );
    let mut written: Vec<String> = std::fs::read_dir(site.root().join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "2024-03-12-fire-closes-port-elsby-harbour.md",
            "2024-03-13-council-votes-to-rebuild-the-old-bridge.md",
            "2024-03-15-harbour-reopens-after-ship-fire.md",
        ]
    );
    let council = in_root(
        &site,
        "seeds/2024-03-13-council-votes-to-rebuild-the-old-bridge.md",
    );
    assert!(council.starts_with("+++\ntitle = \"Council votes to rebuild the old bridge\"\ndate = 2024-03-13\nsource = \"Elsby Gazette\"\nurl = \"https://gazette.example.net/council-bridge\"\nauthor = \"Lena Park\"\n+++\n"), "{council}");
    assert!(council.contains(r"said \*work\* would start"), "{council}");

    // Once landed, nothing is added twice: the same addresses, and the
    // page's story fetched again from the feed of another outlet.
    let second_args = args(&[urls[0].clone(), urls[2].clone()]);
    let second_refs: Vec<&str> = second_args.iter().map(String::as_str).collect();
    let second = site.run(&second_refs);
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert!(
        stdout.contains("0 added, 3 already in seeds/, 0 failed"),
        "{stdout}"
    );

    // What landed builds, with the text and dates as read.
    site.build();
    let json = site.json();
    let council_article = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["title"] == "Council votes to rebuild the old bridge")
        .expect("the council story");
    assert_eq!(council_article["date"], "2024-03-13");
    let id = council_article["id"].as_str().expect("id");
    let page = site.read(&format!("articles/{id}/index.html"));
    assert!(page.contains("said *work* would start"), "{page}");
}

#[test]
fn add_with_no_address_fetches_the_feeds_of_site_toml() {
    let fixture = Site::fixture("web");
    let server = Server::start(fixture.root());
    let site = Site::empty();
    let none = site.run(&["add"]);
    assert_eq!(none.status.code(), Some(2), "nothing to fetch is bad usage");
    assert!(String::from_utf8_lossy(&none.stderr).contains("no `feeds`"));
    site.write(
        "site.toml",
        format!("feeds = [\"{}\"]\n", server.url("served/feed.xml")),
    );
    let out = site.run(&["add"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 added"));
}

#[test]
fn init_writes_a_pages_workflow_that_fetches_the_feeds_every_morning() {
    let site = Site::empty();
    let out = site.run(&["init", "."]);
    assert!(out.status.success());
    let workflow = in_root(&site, ".github/workflows/pages.yml");
    assert!(workflow.contains("schedule:"));
    assert!(workflow.contains("briefing add"));
    assert!(in_root(&site, "site.toml").contains("# feeds = ["));
    site.build();
}
