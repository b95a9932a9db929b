//! `site.toml`: the site's settings, every key with a default.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The settings of one site. A missing `site.toml` gives `Config::default()`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Where the site is published, e.g. `https://user.github.io/repo/`. Pages link to each
    /// other with relative URLs, so this is only used for canonical URLs, the feed and the sitemap.
    pub base_url: String,
    pub language: String,
    /// The output folder, relative to the site root.
    pub output_dir: String,
    /// A custom domain for GitHub Pages, written to `CNAME` (`briefing.example.org`).
    pub cname: Option<String>,
    /// Feeds (RSS, Atom, JSON Feed) or pages that `briefing add` with no
    /// address fetches into `seeds/`: what a scheduled workflow keeps current.
    pub feeds: Vec<String>,
    /// Corrections a user makes to what extraction found.
    pub actors: ActorOverrides,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Briefing".into(),
            description: "A briefing built from news articles.".into(),
            base_url: "/".into(),
            language: "en".into(),
            output_dir: "public".into(),
            cname: None,
            feeds: Vec::new(),
            actors: ActorOverrides::default(),
        }
    }
}

/// `[actors]` in site.toml: the user corrects the machine.
///
/// ```toml
/// [actors]
/// ignore = ["Reuters"]                         # names that are never actors
/// merge = { "Nicolás Maduro Moros" = "Nicolas Maduro" }   # alias -> actor name
/// rename = { "Juan Guaido" = "Juan Guaidó" }   # actor name -> name to show
/// kind = { "Lima Group" = "organization" }     # actor name -> kind
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ActorOverrides {
    pub ignore: Vec<String>,
    pub merge: BTreeMap<String, String>,
    pub rename: BTreeMap<String, String>,
    pub kind: BTreeMap<String, String>,
}

/// The keys `site.toml` understands at the top level.
const KNOWN_KEYS: &[&str] = &[
    "cname",
    "title",
    "description",
    "base_url",
    "language",
    "output_dir",
    "feeds",
    "actors",
];

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// Reads `site.toml` in `root`. Returns the config and warnings (unknown keys).
pub fn load(root: &Path) -> Result<(Config, Vec<String>), ConfigError> {
    let path = root.join("site.toml");
    if !path.exists() {
        return Ok((Config::default(), Vec::new()));
    }
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
        path: shown.clone(),
        source,
    })?;
    parse(&text, &shown)
}

/// Parses the text of a `site.toml`; `path` names it in messages.
pub fn parse(text: &str, path: &str) -> Result<(Config, Vec<String>), ConfigError> {
    let locate = |span: Option<std::ops::Range<usize>>| {
        let offset = span.map_or(0, |s| s.start).min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, column) = locate(e.span());
        ConfigError::Parse {
            path: path.into(),
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    let mut warnings = Vec::new();
    for key in table.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        let (line, _) = locate(text.find(key.as_str()).map(|s| s..s));
        warnings.push(format!(
            "{path}:{line}: unknown key `{key}` is ignored (known keys: {})",
            KNOWN_KEYS.join(", ")
        ));
    }
    let config: Config = toml::from_str(text).map_err(|e| {
        let (line, column) = locate(e.span());
        ConfigError::Parse {
            path: path.into(),
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    Ok((config, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_missing_keys() {
        let (c, w) = parse("title = \"Venezuela\"\n", "site.toml").expect("parses");
        assert_eq!(c.title, "Venezuela");
        assert_eq!(c.output_dir, "public");
        assert!(w.is_empty());
    }

    #[test]
    fn unknown_keys_warn_with_line() {
        let (_, w) = parse("title = \"x\"\ntheme = \"dark\"\n", "site.toml").expect("parses");
        assert_eq!(w.len(), 1);
        assert!(
            w[0].starts_with("site.toml:2: unknown key `theme`"),
            "{}",
            w[0]
        );
    }

    #[test]
    fn a_wrong_type_names_the_line() {
        let err = parse("title = \"x\"\nbase_url = 3\n", "site.toml").expect_err("fails");
        let msg = err.to_string();
        assert!(msg.starts_with("site.toml:2:"), "{msg}");
    }

    #[test]
    fn actor_overrides_parse() {
        let text =
            "[actors]\nignore = [\"Reuters\"]\nmerge = { \"Maduro Moros\" = \"Nicolas Maduro\" }\n";
        let (c, _) = parse(text, "site.toml").expect("parses");
        assert_eq!(c.actors.ignore, ["Reuters"]);
        assert_eq!(
            c.actors.merge.get("Maduro Moros").map(String::as_str),
            Some("Nicolas Maduro")
        );
    }
}
