//! `briefing init`: a small site that builds at once.

use std::path::Path;

const SITE_TOML: &str = r#"# briefing site settings. Every key is optional.
title = "My briefing"
description = "What happened, who matters, and when."
# Where the site will be published; pages link relatively, so this only sets
# canonical URLs, the feed and the sitemap.
base_url = "https://example.org/briefing/"
language = "en"
output_dir = "public"
# Feeds or pages `briefing add` fetches into seeds/ (the workflow in
# .github/workflows/pages.yml does it every morning):
# feeds = ["https://example.org/news/rss.xml"]

# Correct what extraction found:
# [actors]
# ignore = ["Reuters"]
# merge = { "Maduro Moros" = "Nicolas Maduro" }
# rename = { "Juan Guaido" = "Juan Guaidó" }
# kind = { "Lima Group" = "organization" }
"#;

const SAMPLE: &str = r#"+++
title = "Leaders meet in Geneva to discuss a ceasefire"
date = 2024-03-14
source = "briefing sample"
+++
Foreign ministers from France and Germany met in Geneva on Wednesday to discuss a ceasefire.

"We are closer than we were a week ago," French Foreign Minister Marie Dubois said after the talks.

The United Nations will host a second round of talks next month, a spokesman said.
"#;

/// The GitHub Pages workflow: builds on every push, and every morning fetches
/// the site's feeds first. The same file publishes briefing's own sample.
const WORKFLOW: &str = include_str!("../.github/workflows/pages.yml");

/// Writes `site.toml`, `seeds/sample.md` and the Pages workflow into `dir`;
/// never overwrites a file.
pub fn init(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut written = Vec::new();
    std::fs::create_dir_all(dir.join("seeds"))?;
    let files = [
        ("site.toml", SITE_TOML),
        ("seeds/sample.md", SAMPLE),
        (".github/workflows/pages.yml", WORKFLOW),
    ];
    for (name, content) in files {
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, content)?;
        written.push(name.to_string());
    }
    Ok(written)
}
