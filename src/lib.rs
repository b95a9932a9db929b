//! briefing: news articles in, a static HTML briefing out.
//!
//! The build is a pipeline of stages, each a module, passing plain data along:
//!
//! ```text
//! load + parse  ->  extract  ->  assemble  ->  render  ->  write
//!   source          extract      model         render      output
//! ```
//!
//! [`build`] wires them together; `main.rs` only parses the command line.

pub mod cache;
pub mod check;
pub mod config;
pub mod init;
pub mod interchange;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod serve;
pub mod source;

use source::{Diagnostic, Severity};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `briefing build` and `briefing check` are asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// `--output`; `None` means `output_dir` of site.toml under the root.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Show a progress bar (on a terminal, for builds over a second).
    pub progress: bool,
}

/// What a build did, for the summary line.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub articles: usize,
    pub actors: usize,
    pub events: usize,
    pub quotes: usize,
    pub files: usize,
    pub output: PathBuf,
    /// Wall time of each phase, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

/// Everything up to the files of the site, in memory: load, extract, assemble, render.
pub fn render_site(
    opts: &BuildOptions,
) -> Result<(Vec<render::OutputFile>, BuildReport, config::Config), BuildError> {
    let Assembled {
        briefing,
        theme,
        config,
        mut report,
    } = assemble(opts, Reuse::default())?;
    let clock = Instant::now();
    let files = render::render(&briefing, &theme)?;
    report.timings.push(("render", clock.elapsed()));
    report.files = files.len();
    Ok((files, report, config))
}

/// What a build may reuse from earlier builds; each is optional.
#[derive(Default, Clone, Copy)]
pub struct Reuse<'a> {
    /// Extractions by text and date, kept in memory (`briefing serve`).
    pub extractions: Option<&'a cache::ExtractionCache>,
    /// Extractions by text and date in a file (`briefing build`): read while
    /// the articles load, written back (when it changed) while they are
    /// assembled, then dropped, so that assembling frees each extraction as
    /// soon as it is used. Used instead of `extractions`.
    pub extractions_file: Option<&'a Path>,
    /// Parsed articles by path and text (`briefing serve`).
    pub parsed: Option<&'a source::ParseCache>,
    /// Parsed articles by path and text in a file (`briefing build`): read
    /// before the articles load, written back (when it changed) while they
    /// are assembled. Used instead of `parsed`.
    pub parsed_file: Option<&'a Path>,
    /// What the last assembly computed (`briefing serve`).
    pub model: Option<&'a model::Memo>,
    /// What the last assembly computed, in a file (`briefing build`): read
    /// while the articles load, used instead of `model`, and handed back by
    /// [`assemble_keeping_memo`] to be saved.
    pub model_file: Option<&'a Path>,
}

/// Load, extract and assemble: the briefing, the theme to render it with, the
/// settings, and a report of what happened so far.
pub fn assemble(opts: &BuildOptions, caches: Reuse) -> Result<Assembled, BuildError> {
    let (assembled, _) = assemble_keeping_memo(opts, caches)?;
    Ok(assembled)
}

/// What [`assemble`] makes: the briefing, the theme to render it with, the
/// settings, and a report of what happened so far.
pub struct Assembled {
    pub briefing: model::Briefing,
    pub theme: render::Theme,
    pub config: config::Config,
    pub report: BuildReport,
}

/// [`assemble`], and the memo read from `caches.model_file` as the assembly
/// left it, to be saved when the caller likes (`None` without a file).
pub fn assemble_keeping_memo(
    opts: &BuildOptions,
    caches: Reuse,
) -> Result<(Assembled, Option<model::Memo>), BuildError> {
    use rayon::prelude::*;
    let progress = progress::Progress::new(opts.progress);
    let mut report = BuildReport::default();
    let mut clock = Instant::now();
    let mut lap = |report: &mut BuildReport, phase: &'static str| {
        report.timings.push((phase, clock.elapsed()));
        clock = Instant::now();
    };

    let (mut config, warnings) = config::load(&opts.root)?;
    if let Some(base_url) = &opts.base_url {
        config.base_url = base_url.clone();
    }
    report.diagnostics.extend(
        warnings
            .into_iter()
            .map(|w| Diagnostic::warning("site.toml", None, w)),
    );
    let theme = render::Theme::load(&opts.root)?;
    let ((loaded, disk_parsed), (disk_cache, disk_memo)) = rayon::join(
        || {
            let disk_parsed = caches.parsed_file.map(source::ParseCache::load);
            let parse_cache = disk_parsed.as_ref().or(caches.parsed);
            let loaded = source::load_cached(&opts.root, opts.drafts, parse_cache);
            (loaded, disk_parsed)
        },
        || {
            rayon::join(
                || {
                    let disk_cache = caches.extractions_file.map(cache::ExtractionCache::load);
                    // With no extraction to reuse, every article will be extracted:
                    // the extractor's tables load now rather than when extraction starts.
                    let reusable = disk_cache.as_ref().or(caches.extractions);
                    if reusable.is_none_or(cache::ExtractionCache::is_empty) {
                        briefing_engine::warm_up();
                    }
                    disk_cache
                },
                || caches.model_file.map(model::Memo::load),
            )
        },
    );
    let memo = disk_memo.as_ref().or(caches.model);
    let extraction_cache = disk_cache.as_ref().or(caches.extractions);
    report.diagnostics.extend(loaded.diagnostics);
    let articles = loaded.articles;
    lap(&mut report, "load");

    progress.phase("extract", articles.len());
    let keys: Vec<cache::Key> = match extraction_cache {
        Some(cache) => {
            let keys: Vec<cache::Key> = articles
                .par_iter()
                .map(|a| cache::key(&a.body, a.date))
                .collect();
            cache.retain(&keys);
            keys
        }
        None => Vec::new(),
    };
    let extractions: Vec<std::sync::Arc<briefing_engine::Extraction>> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let ex = match (extraction_cache, keys.get(i)) {
                (Some(cache), Some(&key)) => cache.get(key, &a.body, a.date),
                _ => std::sync::Arc::new(briefing_engine::extract(&a.body, a.date)),
            };
            progress.step();
            ex
        })
        .collect();
    progress.finish();
    lap(&mut report, "extract");

    // The cache files are written while the articles are assembled: neither waits for the other.
    let save = || {
        let failed = |path: &Path, what: &str, e: std::io::Error| {
            Diagnostic::warning(
                &path.display().to_string(),
                None,
                format!("cannot save the {what}: {e}"),
            )
        };
        let mut problems = Vec::new();
        if let (Some(cache), Some(path)) = (disk_parsed, caches.parsed_file)
            && let Err(e) = cache.save(path)
        {
            problems.push(failed(path, "parse cache", e));
        }
        if let (Some(cache), Some(path)) = (disk_cache, caches.extractions_file)
            && let Err(e) = cache.save(path)
        {
            problems.push(failed(path, "extraction cache", e));
        }
        problems
    };
    let (briefing, save_failed) = rayon::join(
        || model::build_with(&config, articles, extractions, &keys, memo),
        save,
    );
    report.diagnostics.extend(save_failed);
    lap(&mut report, "assemble");
    report.articles = briefing.articles.len();
    report.actors = briefing.actors.len();
    report.events = briefing.events.len();
    report.quotes = briefing.quotes.len();
    let assembled = Assembled {
        briefing,
        theme,
        config,
        report,
    };
    Ok((assembled, disk_memo))
}

/// Builds the site under `opts.root` into its output folder. Pages are written
/// as they are rendered, into a new folder swapped in only when all succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let cache_path = cache::disk_path(&opts.root);
    let memo_path = cache::memo_path(&opts.root);
    let parsed_path = cache::parsed_path(&opts.root);
    let caches = Reuse {
        extractions_file: Some(&cache_path),
        parsed_file: Some(&parsed_path),
        model_file: Some(&memo_path),
        ..Reuse::default()
    };
    let (
        Assembled {
            briefing,
            theme,
            config,
            mut report,
        },
        memo,
    ) = assemble_keeping_memo(opts, caches)?;
    // The memo is saved (when it changed) while the site renders.
    std::thread::scope(|scope| {
        let saving = scope.spawn(|| {
            let memo = memo?;
            memo.save(&memo_path).err().map(|e| {
                Diagnostic::warning(
                    &memo_path.display().to_string(),
                    None,
                    format!("cannot save the assembly memo: {e}"),
                )
            })
        });
        let rendered = render_and_write(opts, &briefing, &theme, &config, &mut report);
        // A panic while saving is a bug: passed on as one.
        match saving.join() {
            Ok(failed) => report.diagnostics.extend(failed),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        rendered
    })?;
    Ok(report)
}

/// Renders `briefing` into its output folder, swapped in when all pages were written.
fn render_and_write(
    opts: &BuildOptions,
    briefing: &model::Briefing,
    theme: &render::Theme,
    config: &config::Config,
    report: &mut BuildReport,
) -> Result<(), BuildError> {
    let output = output_path(&opts.root, opts.output.as_deref(), config);
    output::check_output_location(&opts.root, &output, opts.output.is_some())?;
    let clock = Instant::now();
    /// The staging folder, counting what goes in.
    struct Counted {
        staging: output::Staging,
        written: std::sync::atomic::AtomicUsize,
    }
    impl render::Sink for Counted {
        fn file(&self, file: render::OutputFile) -> std::io::Result<()> {
            self.written
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.staging.write(&file)
        }
        fn stream(
            &self,
            path: &str,
            write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
        ) -> std::io::Result<()> {
            self.written
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.staging.write_with(path, write)
        }
    }
    let sink = Counted {
        staging: output::Staging::begin(&output)?,
        written: std::sync::atomic::AtomicUsize::new(0),
    };
    render::render_each(briefing, theme, &sink)?;
    sink.staging.commit()?;
    report.timings.push(("render+write", clock.elapsed()));
    report.files = sink.written.into_inner();
    report.output = output;
    Ok(())
}

/// `--output` as given, or `output_dir` of site.toml under the root.
pub fn output_path(root: &Path, output: Option<&Path>, config: &config::Config) -> PathBuf {
    match output {
        Some(p) => p.to_path_buf(),
        // `public`, not `./public`, in messages when building in the current folder.
        None if root == Path::new(".") => PathBuf::from(&config.output_dir),
        None => root.join(&config.output_dir),
    }
}

/// Builds in memory and checks every internal link; writes nothing.
pub fn check(opts: &BuildOptions) -> Result<(BuildReport, Vec<check::BrokenLink>), BuildError> {
    let (files, report, config) = render_site(opts)?;
    let broken = check::broken_links(&files, &render::links::base_path(&config.base_url));
    Ok((report, broken))
}
