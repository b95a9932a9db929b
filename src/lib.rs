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

pub mod add;
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
    } = assemble(opts, &cache::Caches::default())?;
    let clock = Instant::now();
    let files = render::render(&briefing, &theme)?;
    report.timings.push(("render", clock.elapsed()));
    report.files = files.len();
    Ok((files, report, config))
}

/// What [`assemble`] makes: the briefing, the theme to render it with, the
/// settings, and a report of what happened so far.
pub struct Assembled {
    pub briefing: model::Briefing,
    pub theme: render::Theme,
    pub config: config::Config,
    pub report: BuildReport,
}

/// Load, extract and assemble, reusing from `caches` what an earlier build
/// left there and leaving there what the next can reuse.
pub fn assemble(opts: &BuildOptions, caches: &cache::Caches) -> Result<Assembled, BuildError> {
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
    let (loaded, ()) = rayon::join(
        || source::load_cached(&opts.root, opts.drafts, Some(&caches.parsed)),
        || {
            // With no extraction to reuse, every article will be extracted:
            // the extractor's tables load now rather than when extraction starts.
            if caches.extractions.is_empty() {
                briefing_engine::warm_up();
            }
        },
    );
    report.diagnostics.extend(loaded.diagnostics);
    let articles = loaded.articles;
    lap(&mut report, "load");

    progress.phase("extract", articles.len());
    let keys: Vec<model::ExtractionKey> = articles
        .par_iter()
        .map(|a| model::extraction_key(&a.body, a.date))
        .collect();
    caches.extractions.retain(&keys);
    let extractions: Vec<std::sync::Arc<briefing_engine::Extraction>> = articles
        .par_iter()
        .zip(&keys)
        .map(|(a, &key)| {
            let ex = caches.extractions.get(key, &a.body, a.date);
            progress.step();
            ex
        })
        .collect();
    progress.finish();
    lap(&mut report, "extract");

    // The parsed articles and the extractions are saved (when the caches have
    // a folder) while the articles are assembled: neither waits for the other.
    let (briefing, unsaved) = rayon::join(
        || model::build_with(&config, articles, extractions, &keys, Some(&caches.memo)),
        || caches.save_articles(),
    );
    report
        .diagnostics
        .extend(unsaved.into_iter().map(cache_warning));
    lap(&mut report, "assemble");
    report.articles = briefing.articles.len();
    report.actors = briefing.actors.len();
    report.events = briefing.events.len();
    report.quotes = briefing.quotes.len();
    Ok(Assembled {
        briefing,
        theme,
        config,
        report,
    })
}

/// Builds the site under `opts.root` into its output folder. Pages are written
/// as they are rendered, into a new folder swapped in only when all succeeded.
/// What the build may reuse is read from the site's cache folder, and what it
/// leaves for the next is saved as soon as each part is complete.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let caches = cache::Caches::of_site(&opts.root);
    let Assembled {
        briefing,
        theme,
        config,
        mut report,
    } = assemble(opts, &caches)?;
    // The memo is saved (when it changed) while the site renders.
    std::thread::scope(|scope| {
        let saving = scope.spawn(|| caches.save_memo());
        let rendered = render_and_write(opts, &briefing, &theme, &config, &mut report);
        // A panic while saving is a bug: passed on as one.
        match saving.join() {
            Ok(unsaved) => report.diagnostics.extend(unsaved.map(cache_warning)),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        rendered
    })?;
    Ok(report)
}

/// The warning for a cache file that could not be written.
fn cache_warning((path, e): (PathBuf, std::io::Error)) -> Diagnostic {
    Diagnostic::warning(
        &path.display().to_string(),
        None,
        format!("cannot save the cache: {e}"),
    )
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
