//! The build script: compiles the default theme's busiest templates into Rust
//! ([`templates`]), and fingerprints the sources briefing is built from.
//!
//! The fingerprint is a hash of everything the cached results of a build
//! depend on (the sources, the compiled-in data, the locked dependencies, the
//! target). The caches are filed under it, so a build of different code never
//! reads what another one stored, while rebuilding the same tree (or a debug
//! build of it) reuses them. Made here, once per compile, rather than by
//! hashing the running executable at every build, which would cost a small
//! site most of its build time.

mod templates;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

/// What briefing is made of, relative to the package root.
const INPUTS: [&str; 6] = [
    "src",
    "crates/engine",
    "templates",
    "Cargo.toml",
    "Cargo.lock",
    "build",
];

fn main() -> io::Result<()> {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut hash = Xxh3::new();
    hash.update(std::env::var("TARGET").unwrap_or_default().as_bytes());
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        let path = root.join(input);
        if path.exists() {
            add(&mut hash, &root, &path)?;
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let theme = templates::generate(&root.join("templates")).map_err(io::Error::other)?;
    fs::write(out.join("compiled_templates.rs"), theme)?;
    fs::write(
        out.join("fingerprint.rs"),
        format!(
            "/// The fingerprint of briefing's sources, made by `build/main.rs`.\n\
             pub const SOURCE_FINGERPRINT: u64 = {:#018x};\n",
            hash.digest()
        ),
    )
}

/// Hashes `path` (a file, or a folder's files in name order), each file's
/// path as well as its bytes so that a renamed file changes the hash too.
fn add(hash: &mut Xxh3, root: &Path, path: &Path) -> io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        entries.sort();
        for entry in entries {
            add(hash, root, &entry)?;
        }
        return Ok(());
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    // Separators and lengths keep "ab" + "c" apart from "a" + "bc".
    let name = relative.to_string_lossy().replace('\\', "/");
    hash.update(&(name.len() as u64).to_le_bytes());
    hash.update(name.as_bytes());
    let bytes = fs::read(path)?;
    hash.update(&(bytes.len() as u64).to_le_bytes());
    hash.update(&bytes);
    Ok(())
}
