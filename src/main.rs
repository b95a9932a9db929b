//! The command line: parse arguments, call the library, map outcomes to exit codes
//! (0 success, 1 the build failed, 2 bad usage).

use briefing::{BuildOptions, interchange, source};

/// Rendering thousands of pages allocates a great deal: mimalloc does it faster
/// than the system allocator, most of all with several threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; libmimalloc-sys gives it
/// no name): how long freed memory waits before it goes back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build frees and allocates again, phase after phase, about as much memory
/// as it holds; the preview rebuilds the whole model on every edit, in as
/// much memory as the last build. Returned to the system in between, that
/// memory comes back as fresh pages the kernel must zero, a real share of a
/// rebuild's CPU and more of a preview's; kept, it is reused at once, for a
/// slightly higher peak.
/// `extract` streams in little memory and keeps the default.
fn keep_freed_memory() {
    // SAFETY: sets a plain integer option of the allocator; -1 is documented
    // as "no purging at all" and is safe to set at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

use clap::{Parser, Subcommand};
use rayon::prelude::*;
use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Turns news articles into a static HTML briefing: actors, quotes, a timeline."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from seeds/ into the output folder.
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        output: Option<PathBuf>,
        /// Overrides base_url of site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Print only warnings and errors.
        #[arg(long)]
        quiet: bool,
        /// Fail the build (exit 1) on any warning.
        #[arg(long)]
        strict: bool,
        /// Print how long each phase took.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site on 127.0.0.1, rebuilding and reloading on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Print actors, time expressions and quotes of texts as JSON Lines.
    Extract {
        /// Resolve relative dates against this date (YYYY-MM-DD) instead of the article's.
        #[arg(long)]
        date: Option<String>,
        /// Read JSON Lines `{"id", "text", "dct"}` from a path, or `-` for stdin.
        #[arg(long, conflicts_with = "files")]
        jsonl: Option<String>,
        files: Vec<PathBuf>,
    },
    /// Validate inputs and internal links; writes nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Scaffold a new site that builds at once.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print each article found in files (.txt, .md, saved .html pages, feeds)
    /// as `build` reads it: one JSON object per line.
    Read {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Fetch web pages or feeds into seeds/ as Markdown; with no address, the
    /// `feeds` of site.toml. An article already in seeds/ is not added again.
    Add {
        urls: Vec<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            quiet,
            strict,
            timings,
        } => {
            let progress = !quiet && std::io::stderr().is_terminal();
            let opts = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                progress,
            };
            keep_freed_memory();
            build(opts, quiet, strict, timings)
        }
        Command::Serve { root, port } => {
            keep_freed_memory();
            match briefing::serve::serve(root, port) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Extract { date, jsonl, files } => {
            run_extract(date.as_deref(), jsonl.as_deref(), &files)
        }
        Command::Check { root, base_url } => check(BuildOptions {
            root,
            base_url,
            ..BuildOptions::default()
        }),
        Command::Init { dir } => match briefing::init::init(&dir) {
            Ok(written) => {
                for w in &written {
                    println!("wrote {}", dir.join(w).display());
                }
                println!("build it with: briefing build --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {}: {e}", dir.display());
                ExitCode::from(1)
            }
        },
        Command::Read { files } => read_files(&files),
        Command::Add { urls, root } => add(&root, urls),
    }
}

/// `briefing read`: the articles of each file as JSON Lines, in file order.
fn read_files(files: &[PathBuf]) -> ExitCode {
    #[derive(serde::Serialize)]
    struct ReadArticle<'a> {
        path: &'a str,
        title: &'a str,
        date: Option<String>,
        author: Option<&'a str>,
        source: Option<&'a str>,
        url: Option<&'a str>,
        text: &'a str,
    }
    print_file_articles(files, |out, shown, article| {
        let line = ReadArticle {
            path: shown,
            title: &article.title,
            date: article.date.map(|d| d.format("%Y-%m-%d").to_string()),
            author: article.author.as_deref(),
            source: article.source.as_deref(),
            url: article.url.as_deref(),
            text: &article.body,
        };
        serde_json::to_writer(out, &line)
    })
}

/// Reads the articles of each file (problems named on stderr) and prints one
/// JSON line per article, as `write_line` writes it; exit 1 when a file gave
/// no article or stdout failed.
fn print_file_articles(
    files: &[PathBuf],
    write_line: impl Fn(&mut dyn Write, &str, &source::Article) -> serde_json::Result<()>,
) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in files {
        let shown = path.display().to_string();
        let mut diags = Vec::new();
        let articles = source::read_file_articles(path, &shown, &mut diags);
        for d in &diags {
            eprintln!("{d}");
        }
        failed |= articles.is_empty();
        for article in &articles {
            if write_line(&mut out, &shown, article).is_err() || writeln!(out).is_err() {
                return ExitCode::from(1);
            }
        }
    }
    if out.flush().is_err() || failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `briefing add`: fetch into seeds/; exit 1 when any address failed, after
/// the others have landed.
fn add(root: &std::path::Path, mut urls: Vec<String>) -> ExitCode {
    if urls.is_empty() {
        match briefing::config::load(root) {
            Ok((config, _)) => urls = config.feeds,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
        if urls.is_empty() {
            eprintln!("error: no address given, and site.toml lists no `feeds`");
            return ExitCode::from(2);
        }
    }
    let added = match briefing::add::add(root, &urls) {
        Ok(added) => added,
        Err(e) => {
            eprintln!(
                "error: cannot write into {}: {e}",
                root.join("seeds").display()
            );
            return ExitCode::from(1);
        }
    };
    for d in &added.diagnostics {
        eprintln!("{d}");
    }
    for path in &added.written {
        println!("added {path}");
    }
    for (url, why) in &added.failed {
        eprintln!("error: {url}: {why}");
    }
    println!(
        "{} added, {} already in seeds/, {} failed",
        added.written.len(),
        added.known,
        added.failed.len()
    );
    if added.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn build(opts: BuildOptions, quiet: bool, strict: bool, timings: bool) -> ExitCode {
    let report = match briefing::build(&opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("build failed; the previous output is untouched");
            return ExitCode::from(1);
        }
    };
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    if timings {
        for (phase, took) in &report.timings {
            eprintln!("{phase:>10} {:>9.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    let summary = format!(
        "{} articles, {} actors, {} events, {} quotes; {} files in {} ({} warnings, {} files skipped)",
        report.articles,
        report.actors,
        report.events,
        report.quotes,
        report.files,
        report.output.display(),
        report.warnings(),
        report.errors()
    );
    if strict && !report.diagnostics.is_empty() {
        eprintln!("{summary}");
        eprintln!(
            "error: --strict: {} problems with the input",
            report.diagnostics.len()
        );
        return ExitCode::from(1);
    }
    // With problems, the summary closes the list of them on stderr.
    if !report.diagnostics.is_empty() {
        eprintln!("{summary}");
    } else if !quiet {
        println!("{summary}");
    }
    if !quiet {
        println!("open {}", report.output.join("index.html").display());
    }
    ExitCode::SUCCESS
}

fn check(opts: BuildOptions) -> ExitCode {
    match briefing::check(&opts) {
        Ok((report, broken)) => {
            for d in &report.diagnostics {
                eprintln!("{d}");
            }
            for b in &broken {
                eprintln!("error: {}: broken link to {}", b.page, b.target);
            }
            println!(
                "{} articles checked, {} problems, {} broken links",
                report.articles,
                report.diagnostics.len(),
                broken.len()
            );
            if broken.is_empty() && report.errors() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn run_extract(date: Option<&str>, jsonl: Option<&str>, files: &[PathBuf]) -> ExitCode {
    let date = match date.map(|d| parse_day(d).ok_or(d)) {
        Some(Err(bad)) => {
            eprintln!("error: --date {bad}: expected YYYY-MM-DD");
            return ExitCode::from(2);
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    match jsonl {
        Some(input) => extract_jsonl(input, date),
        None if files.is_empty() => {
            eprintln!("error: give FILE... or --jsonl IN");
            ExitCode::from(2)
        }
        None => extract_files(files, date),
    }
}

fn extract_files(files: &[PathBuf], date: Option<chrono::NaiveDate>) -> ExitCode {
    print_file_articles(files, |out, shown, article| {
        let dct = date.or(article.date);
        let ex = briefing_engine::extract(&article.body, dct);
        serde_json::to_writer(
            out,
            &interchange::to_json(shown, dct, &article.body, &ex, true),
        )
    })
}

#[derive(serde::Deserialize)]
struct JsonlInput {
    id: String,
    text: String,
    #[serde(default)]
    dct: Option<String>,
}

/// Lines are read and extracted in batches, in parallel, and written in input
/// order: memory stays bounded by the batch, whatever the input's length.
const BATCH_LINES: usize = 512;

fn extract_jsonl(input: &str, date: Option<chrono::NaiveDate>) -> ExitCode {
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(input) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("error: {input}: {e}");
                return ExitCode::from(1);
            }
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut lines = reader.lines().enumerate();
    let mut failed = false;
    loop {
        let batch: Vec<(usize, std::io::Result<String>)> =
            lines.by_ref().take(BATCH_LINES).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<Result<Option<String>, String>> = batch
            .into_par_iter()
            .map(|(i, line)| {
                let line = line.map_err(|e| format!("{input}:{}: {e}", i + 1))?;
                if line.trim().is_empty() {
                    return Ok(None);
                }
                let obj: JsonlInput =
                    serde_json::from_str(&line).map_err(|e| format!("{input}:{}: {e}", i + 1))?;
                let dct = match obj.dct.as_deref() {
                    Some(d) => Some(parse_day(d).ok_or_else(|| {
                        format!("{input}:{}: dct {d:?} is not YYYY-MM-DD", i + 1)
                    })?),
                    None => date,
                };
                let ex = briefing_engine::extract(&obj.text, dct);
                let json = interchange::to_json(&obj.id, dct, &obj.text, &ex, false);
                serde_json::to_string(&json)
                    .map(Some)
                    .map_err(|e| format!("{input}:{}: {e}", i + 1))
            })
            .collect();
        for r in results {
            match r {
                Ok(Some(line)) => {
                    if out.write_all(line.as_bytes()).is_err() || out.write_all(b"\n").is_err() {
                        return ExitCode::from(1);
                    }
                }
                Ok(None) => {}
                Err(msg) => {
                    eprintln!("error: {msg}");
                    failed = true;
                }
            }
        }
    }
    if out.flush().is_err() || failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_meant() {
        // mimalloc 3 starts purge_delay at 1000 (ms, src/options.c): a
        // renumbering of the options in a new mimalloc shows here (unless the
        // environment sets MIMALLOC_PURGE_DELAY).
        // SAFETY: reads a plain integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
