//! Hostile input costs nothing: bad files are named and skipped, article text
//! cannot inject markup, slugs stay inside the output, symlink loops end.

mod common;

use common::{Site, snapshot};
use std::process::Output;
use std::sync::OnceLock;

/// The hostile site, built once and shared by the tests that read its output.
fn built() -> &'static (Site, Output) {
    static BUILT: OnceLock<(Site, Output)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = hostile_site();
        let out = site.run(&["build"]);
        (site, out)
    })
}

/// The hostile fixture plus what cannot be committed: a large file, a long line, symlinks.
fn hostile_site() -> Site {
    let site = Site::fixture("hostile");
    let mut big = String::from("A very large file\n\n2 May 2019\n\n");
    let paragraph = "The committee met again on Tuesday and agreed to meet next week. ".repeat(40);
    while big.len() < 12 * 1024 * 1024 {
        big.push_str(&paragraph);
        big.push_str("\n\n");
    }
    site.write("seeds/10_large.txt", big);
    site.write(
        "seeds/10_long_line.txt",
        format!(
            "One very long line\n\n2 May 2019\n\n{}\n",
            "word ".repeat(400_000)
        ),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().expect("outside dir");
        std::fs::write(
            outside.path().join("secret.txt"),
            "Secret title\n\nSecret body.\n",
        )
        .expect("write");
        symlink(
            outside.path().join("secret.txt"),
            site.root().join("seeds/20_outside.txt"),
        )
        .expect("symlink");
        symlink(site.root().join("seeds"), site.root().join("seeds/21_loop"))
            .expect("symlink loop");
        // A folder link: the file in it is a plain file, but outside the root.
        std::fs::create_dir(outside.path().join("folder")).expect("mkdir");
        std::fs::write(
            outside.path().join("folder/hidden.txt"),
            "Hidden title\n\nHidden body.\n",
        )
        .expect("write");
        symlink(
            outside.path().join("folder"),
            site.root().join("seeds/23_outside_folder"),
        )
        .expect("folder symlink");
        symlink(
            site.root().join("seeds/01_good.txt"),
            site.root().join("seeds/22_inside.txt"),
        )
        .expect("symlink inside");
        // Keep the outside folder alive for the build by leaking it into the site's lifetime.
        std::mem::forget(outside);
    }
    site
}

#[test]
fn bad_files_are_named_and_the_rest_builds() {
    let (site, out) = built();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exit {:?}\n{stderr}",
        out.status.code()
    );
    for (file, what) in [
        ("seeds/02_invalid_utf8.txt:5", "invalid UTF-8"),
        ("seeds/04_empty.txt", "empty file"),
        ("seeds/05_binary.txt", "binary file"),
        ("seeds/06_title_only.txt", "no body"),
        ("seeds/07_bad_date.txt:3", "not a date"),
        ("seeds/08_bad_toml.md:3", "malformed front matter"),
        ("seeds/09_unclosed.md:1", "never closed"),
        ("seeds/20_outside.txt", "outside the site root"),
        (
            "seeds/23_outside_folder/hidden.txt",
            "outside the site root",
        ),
        ("seeds/21_loop", "loop"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(what)),
            "no `{what}` for {file} in:\n{stderr}"
        );
    }
    assert!(stderr.contains("files skipped"), "summary line: {stderr}");
    let json = site.json();
    let titles: Vec<&str> = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    for title in [
        "Good article survives",
        "Invalid bytes inside",
        "BOM and CRLF",
        "Just a title",
        "Bad date",
        "A very large file",
        "One very long line",
        "Spaced name",
        "Ünïcödé folder",
    ] {
        assert!(titles.contains(&title), "{title} missing from {titles:?}");
    }
    for secret in ["Secret title", "Hidden title"] {
        assert!(
            !titles.contains(&secret),
            "a symlink out of the root was followed to {secret:?}"
        );
    }
    assert_eq!(
        titles.iter().filter(|t| **t == "Same title twice").count(),
        2
    );
}

#[test]
fn duplicate_and_hostile_titles_get_unique_slugs_inside_the_output() {
    let (site, out) = built();
    assert!(out.status.success());
    let json = site.json();
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(
        ids.contains(&"same-title-twice") && ids.contains(&"same-title-twice-2"),
        "{ids:?}"
    );
    assert!(ids.contains(&"etc-passwd"), "{ids:?}");
    for id in &ids {
        assert!(
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}"
        );
    }
    // Nothing was written outside the output folder.
    assert!(!site.root().join("etc").exists());
}

#[test]
fn no_markup_from_articles_reaches_the_pages() {
    let (site, out) = built();
    assert!(out.status.success());
    let mut pages = 0;
    for (path, bytes) in snapshot(&site.public()) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
        let all = scraper::Selector::parse("*").expect("selector");
        for el in doc.select(&all) {
            let v = el.value();
            assert!(
                !["iframe", "img", "object", "embed", "b"].contains(&v.name()),
                "{path}: <{}> from an article",
                v.name()
            );
            if v.name() == "script" {
                let src = v.attr("src").unwrap_or("");
                assert!(
                    src.ends_with("static/briefing.js"),
                    "{path}: a script that is not ours: {}",
                    el.html()
                );
            }
            for (name, value) in v.attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{path}: event handler {name} on <{}>",
                    v.name()
                );
                if matches!(name, "href" | "src" | "action") {
                    assert!(
                        !value.trim().to_lowercase().starts_with("javascript:"),
                        "{path}: {name}={value}"
                    );
                }
            }
        }
    }
    assert!(pages > 10);
}

#[test]
fn strict_turns_warnings_into_a_failed_build() {
    let site = Site::fixture("hostile");
    let out = site.run(&["build", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
}
