//! `briefing serve`: a local preview on 127.0.0.1 that rebuilds when a file
//! changes and reloads the open pages.
//!
//! Nothing is written to disk. A change rebuilds the briefing in memory (the
//! model, not the pages): extractions are cached by article text, so after one
//! article changes only that article is extracted again. Pages are rendered
//! when the browser asks for them, so a site of any size is ready to reload as
//! soon as its model is. Each HTML page gets a small script that long-polls
//! `/__briefing/wait` and reloads when the build version moves on.

use crate::cache::Caches;
use crate::render::{Plan, Theme};
use crate::{BuildOptions, model::Briefing};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock, mpsc};
use std::time::{Duration, Instant};

/// Changes closer together than this make one rebuild (an editor's save, even
/// through a temporary file and a rename, comes within a few milliseconds).
const DEBOUNCE: Duration = Duration::from_millis(25);
/// How long a reload poll waits before answering "no change".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
const WAIT_PATH: &str = "/__briefing/wait";

/// The current build: everything needed to render any page of it.
struct Built {
    briefing: Briefing,
    theme: Theme,
    plan: Plan,
}

struct Latest {
    built: RwLock<Option<Arc<Built>>>,
    version: Mutex<u64>,
    changed: Condvar,
}

pub fn serve(root: PathBuf, port: u16) -> Result<(), String> {
    // Watch events carry absolute paths: compare them with an absolute root.
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let opts = BuildOptions {
        root: root.clone(),
        output: None,
        base_url: Some(format!("http://127.0.0.1:{port}/")),
        drafts: true,
        progress: false,
    };
    let cache = Caches::default();
    let site = Arc::new(Latest {
        built: RwLock::new(None),
        version: Mutex::new(0),
        changed: Condvar::new(),
    });
    rebuild(&opts, &cache, &site);
    println!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C stops)",
        root.display()
    );

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading files (as every build does) makes access events: only changes count.
        if let Ok(event) = event
            && (event.kind.is_create() || event.kind.is_modify() || event.kind.is_remove())
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    use notify::Watcher;
    for dir in ["seeds", "templates", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, notify::RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    // site.toml may be created later: watch the root itself, not recursively.
    watcher
        .watch(&root, notify::RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;

    let builder_site = Arc::clone(&site);
    let watched_root = root.clone();
    std::thread::spawn(move || {
        while let Ok(paths) = rx.recv() {
            let mut relevant = paths.iter().any(|p| is_input(&watched_root, p));
            // Collect the burst of events an editor makes when it saves.
            while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
                relevant |= more.iter().any(|p| is_input(&watched_root, p));
            }
            if relevant {
                rebuild(&opts, &cache, &builder_site);
            }
        }
    });

    for request in server.incoming_requests() {
        let site = Arc::clone(&site);
        std::thread::spawn(move || respond(&site, request));
    }
    Ok(())
}

/// Files whose change affects the site: under seeds/, templates/, static/, or site.toml.
fn is_input(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    matches!(
        first.as_str(),
        "seeds" | "templates" | "static" | "site.toml"
    )
}

/// Builds the preview again, reusing what `caches` kept of the last build.
fn rebuild(opts: &BuildOptions, caches: &Caches, site: &Latest) {
    let started = Instant::now();
    match crate::assemble(opts, caches) {
        Ok(crate::Assembled {
            briefing,
            theme,
            report,
            ..
        }) => {
            for d in &report.diagnostics {
                eprintln!("{d}");
            }
            let plan = Plan::new(&briefing, &theme);
            let built = Arc::new(Built {
                briefing,
                theme,
                plan,
            });
            // The last build is freed after the browser is told to reload, not
            // before: freeing a whole model takes a while.
            let last = site
                .built
                .write()
                .ok()
                .and_then(|mut current| current.replace(built));
            let version = site.version.lock().map(|mut v| {
                *v += 1;
                *v
            });
            site.changed.notify_all();
            drop(last);
            let phases: Vec<String> = report
                .timings
                .iter()
                .map(|(phase, took)| format!("{phase} {} ms", took.as_millis()))
                .collect();
            println!(
                "built {} articles, {} actors in {} ms ({}; version {})",
                report.articles,
                report.actors,
                started.elapsed().as_millis(),
                phases.join(", "),
                version.unwrap_or(0)
            );
        }
        // A broken template or site.toml: keep serving the last good build.
        Err(e) => eprintln!("error: {e}\nstill serving the last good build"),
    }
}

fn respond(site: &Latest, request: tiny_http::Request) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == WAIT_PATH {
        let seen: u64 = query
            .strip_prefix("v=")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let version = wait_for_change(site, seen);
        let _ = request.respond(
            tiny_http::Response::from_string(version.to_string())
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    let mut key = percent_decode(path.trim_start_matches('/'));
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let Some(built) = site.built.read().ok().and_then(|b| b.clone()) else {
        let _ =
            request.respond(tiny_http::Response::from_string("no build yet").with_status_code(503));
        return;
    };
    let render = |path: &str| built.plan.render_path(&built.briefing, &built.theme, path);
    let (status, file) = match render(&key).or_else(|| render(&format!("{key}/index.html"))) {
        Some(file) => (200, file),
        None => (404, render("404.html").unwrap_or_else(|| Ok(not_found()))),
    };
    let (status, mut bytes, key) = match file {
        Ok(f) => (status, f.bytes, f.path),
        Err(e) => (500, format!("error: {e}").into_bytes(), "error.txt".into()),
    };
    if key.ends_with(".html") {
        let version = site.version.lock().map_or(0, |v| *v);
        inject_reload(&mut bytes, version);
    }
    let response = tiny_http::Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type(&key)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

/// What answers a missing path if the plan had no 404 page (every plan has
/// one: the default theme's, or the site's own).
fn not_found() -> crate::render::OutputFile {
    crate::render::OutputFile {
        path: "404.html".into(),
        bytes: b"Not found.".to_vec(),
    }
}

fn wait_for_change(site: &Latest, seen: u64) -> u64 {
    let Ok(guard) = site.version.lock() else {
        return seen;
    };
    match site
        .changed
        .wait_timeout_while(guard, POLL_TIMEOUT, |v| *v <= seen)
    {
        Ok((v, _)) => *v,
        Err(_) => seen,
    }
}

/// Adds the live-reload script before `</body>`.
fn inject_reload(html: &mut Vec<u8>, version: u64) {
    let script = format!(
        "<script>(async()=>{{const v={version};for(;;){{try{{const r=await fetch('{WAIT_PATH}?v='+v,{{cache:'no-store'}});if(Number(await r.text())>v){{location.reload();return}}}}catch(e){{await new Promise(s=>setTimeout(s,1000))}}}}}})()</script>"
    );
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    html.splice(at..at, script.into_bytes());
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    // Names and values here are ASCII constants, which always make a valid header.
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| unreachable!("ASCII header"))
}

/// Content types by extension.
const CONTENT_TYPES: &[(&str, &str)] = &[
    (".html", "text/html; charset=utf-8"),
    (".css", "text/css; charset=utf-8"),
    (".js", "text/javascript; charset=utf-8"),
    (".json", "application/json"),
    (".xml", "application/xml"),
    (".svg", "image/svg+xml"),
    (".png", "image/png"),
    (".txt", "text/plain; charset=utf-8"),
    (".gz", "application/gzip"),
];

fn content_type(path: &str) -> &'static str {
    CONTENT_TYPES
        .iter()
        .find(|(ext, _)| path.ends_with(ext))
        .map_or("application/octet-stream", |(_, t)| t)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let mut html = b"<html><body><p>x</p></body></html>".to_vec();
        inject_reload(&mut html, 3);
        let s = String::from_utf8(html).expect("utf8");
        assert!(s.contains("const v=3;"));
        assert!(s.ends_with("</script></body></html>"));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("actors/l%C3%B3pez/"), "actors/lópez/");
        assert_eq!(percent_decode("a%2"), "a%2");
    }

    #[test]
    fn inputs_are_seeds_templates_static_and_site_toml() {
        let root = Path::new("/s");
        assert!(is_input(root, Path::new("/s/seeds/a.txt")));
        assert!(is_input(root, Path::new("/s/site.toml")));
        assert!(!is_input(root, Path::new("/s/public/index.html")));
    }
}
