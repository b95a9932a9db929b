//! Write: the rendered files into a fresh folder beside the output, swapped in
//! only when everything is written. A failed build leaves the previous output
//! untouched, and briefing never deletes a folder it did not make.

use crate::render::OutputFile;
use std::path::{Component, Path, PathBuf};

/// Marks an output folder as briefing's, so a later build may replace it.
pub const MARKER: &str = ".briefing-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: {message}")]
    Refused { path: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Refuses output folders that would destroy the site: the root itself, a folder
/// holding the root or the seeds, the seeds themselves, or (unless `explicit`)
/// anywhere outside the root.
pub fn check_output_location(
    root: &Path,
    output: &Path,
    explicit: bool,
) -> Result<(), OutputError> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalise(&p)
    };
    let (root, output) = (abs(root), abs(output));
    let seeds = root.join("seeds");
    let refuse = |message: &str| {
        Err(OutputError::Refused {
            path: output.display().to_string(),
            message: message.into(),
        })
    };
    if root.starts_with(&output) {
        return refuse(
            "the output folder would hold the site root; choose a folder inside it, such as `public`",
        );
    }
    if output.starts_with(&seeds) {
        return refuse("the output folder is inside seeds/; choose another");
    }
    if !explicit && !output.starts_with(&root) {
        return refuse(
            "the output folder lies outside the site root; name it with --output to confirm",
        );
    }
    Ok(())
}

/// `a/./b/../c` -> `a/c`, without touching the file system (the output may not exist yet).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A file path from a renderer must stay inside the output folder.
fn safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A new output folder being written beside the old one. Dropped without
/// [`Staging::commit`], it is removed and the old output stays as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

/// The folder that holds `output`.
fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

impl Staging {
    /// Starts a new output for `output`: refuses a folder briefing did not make.
    pub fn begin(output: &Path) -> Result<Staging, OutputError> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| OutputError::Refused {
                path: output.display().to_string(),
                message: "the output must be a named folder".into(),
            })?;
        if output.exists() && !is_ours(output) {
            return Err(OutputError::Refused {
                path: output.display().to_string(),
                message: "this folder exists and was not made by briefing; refusing to replace it (remove it or choose another --output)".into(),
            });
        }
        let parent = parent_of(output);
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let dir = parent.join(format!(".{name}.briefing-new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        std::fs::write(
            dir.join(MARKER),
            b"This folder is written by briefing build and replaced by the next build.\n",
        )
        .map_err(io(&dir))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// Writes one file; safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> std::io::Result<()> {
        std::fs::write(self.prepare(&file.path)?, &file.bytes)
    }

    /// Writes one file through `write`, as it is made.
    pub fn write_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut file = std::fs::File::create(self.prepare(path)?)?;
        write(&mut file)
    }

    /// Where `path` goes in the new output, its folder made.
    fn prepare(&self, path: &str) -> std::io::Result<PathBuf> {
        if !safe_relative(path) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a page path leaves the output folder",
            ));
        }
        let path = self.dir.join(path);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        Ok(path)
    }

    /// Swaps the new output in: the old one steps aside, the new one takes its
    /// name, the old one goes.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let output = self.output.clone();
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let retired =
            parent_of(&output).join(format!(".{name}.briefing-old-{}", std::process::id()));
        if output.exists() {
            std::fs::rename(&output, &retired).map_err(io(&output))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &output) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&retired, &output);
            return Err(io(&output)(e));
        }
        self.committed = true;
        if retired.exists() {
            std::fs::remove_dir_all(&retired).map_err(io(&retired))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// An output folder briefing may replace: one it marked, or an empty one.
fn is_ours(output: &Path) -> bool {
    output.join(MARKER).is_file() || std::fs::read_dir(output).is_ok_and(|mut d| d.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert!(safe_relative("actors/x/index.html"));
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "./a"] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn dangerous_output_locations_are_refused() {
        let root = Path::new("/site");
        assert!(check_output_location(root, Path::new("/site/public"), false).is_ok());
        assert!(check_output_location(root, Path::new("/site"), true).is_err());
        assert!(check_output_location(root, Path::new("/"), true).is_err());
        assert!(check_output_location(root, Path::new("/site/seeds/out"), true).is_err());
        assert!(check_output_location(root, Path::new("/elsewhere"), false).is_err());
        assert!(check_output_location(root, Path::new("/elsewhere"), true).is_ok());
        assert!(check_output_location(root, Path::new("/site/public/../.."), true).is_err());
    }
}
