//! Changing a previous build's output in place: an incremental build
//! replaces the few files an edit touched rather than staging every file
//! of the site again.
//!
//! Every file is rendered, then written beside its place, before the
//! output changes, so an error (a full disk among them) leaves the previous
//! output as it was. Then the marker is made stale, the files are renamed
//! into place and the marker is written last: a build killed in between
//! leaves an output whose marker no cache matches, and the next build is a
//! full one. A file whose bytes are already those is left alone, keeping
//! its modification time.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{MARKER, Pages, Staging};
use crate::error::{Error, Result};
use crate::fingerprint::Stamp;

impl Staging {
    /// Puts `fresh` into the output in place of its files of the same
    /// names, removes the files `removed`, and stamps the output with
    /// `stamp`. The staging folder is not used.
    pub fn patch(
        self,
        fresh: &Pages,
        removed: &BTreeSet<String>,
        stamp: &Stamp,
    ) -> Result<PathBuf> {
        let output = &self.output;
        let changed: Vec<(&String, &[u8])> = fresh
            .iter()
            .map(|(path, bytes)| (path, &**bytes))
            .filter(|(path, bytes)| fs::read(output.join(path)).map_or(true, |old| old != *bytes))
            .collect();
        // Every byte is written before the output changes: a full disk
        // fails here, and leaves the previous output as it was.
        let mut partials = Vec::new();
        for (path, bytes) in changed {
            match write_beside(output, path, bytes) {
                Ok(partial) => partials.push((partial, output.join(path))),
                Err(error) => {
                    for (partial, _) in &partials {
                        let _ = fs::remove_file(partial);
                    }
                    return Err(error);
                }
            }
        }
        let stale = Stamp {
            fingerprint: String::new(),
            ..stamp.clone()
        };
        replace(output, MARKER, stale.to_text().as_bytes())?;
        for (partial, target) in partials {
            fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))?;
        }
        for path in removed {
            remove(output, path)?;
        }
        replace(output, MARKER, stamp.to_text().as_bytes())?;
        Ok(self.output.clone())
    }

    /// Whether the output holds a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        fs::symlink_metadata(self.output.join(path)).is_ok_and(|meta| meta.is_file())
    }
}

/// Writes `bytes` beside the file `path` of `output` and renames it into
/// place.
fn replace(output: &Path, path: &str, bytes: &[u8]) -> Result<()> {
    let partial = write_beside(output, path, bytes)?;
    let target = output.join(path);
    fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))
}

/// Writes `bytes` beside the file `path` of `output`, where a rename puts
/// it in place; returns where.
fn write_beside(output: &Path, path: &str, bytes: &[u8]) -> Result<PathBuf> {
    let target = output.join(path);
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let partial = target.with_file_name(format!(".{name}.annals-partial"));
    if let Err(error) = fs::write(&partial, bytes) {
        let _ = fs::remove_file(&partial);
        return Err(Error::io(&target, error));
    }
    Ok(partial)
}

/// Removes the file `path` of `output`, then the folders it leaves empty.
fn remove(output: &Path, path: &str) -> Result<()> {
    let target = output.join(path);
    match fs::remove_file(&target) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&target, e)),
        _ => {}
    }
    let mut dir = target.parent();
    while let Some(folder) = dir.filter(|folder| *folder != output && folder.starts_with(output)) {
        if fs::remove_dir(folder).is_err() {
            break;
        }
        dir = folder.parent();
    }
    Ok(())
}
