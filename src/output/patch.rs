//! Changing a previous build's output in place: an incremental build
//! replaces the few files an edit touched rather than staging every file
//! of the site again.
//!
//! Every file is rendered before anything is written, so an error leaves
//! the previous output as it was. The marker is made stale first and
//! written last: a build interrupted in between leaves an output whose
//! marker no cache matches, and the next build is a full one. Each file is
//! written beside its place and renamed into it, so no file is ever half
//! written; one whose bytes are already those is left alone, keeping its
//! modification time.

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
        let stale = Stamp {
            fingerprint: String::new(),
            ..stamp.clone()
        };
        replace(&self.output, MARKER, stale.to_text().as_bytes())?;
        for (path, bytes) in fresh {
            if fs::read(self.output.join(path)).is_ok_and(|old| old == **bytes) {
                continue;
            }
            replace(&self.output, path, bytes)?;
        }
        for path in removed {
            remove(&self.output, path)?;
        }
        replace(&self.output, MARKER, stamp.to_text().as_bytes())?;
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
    let target = output.join(path);
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let partial = target.with_file_name(format!(".{name}.annals-partial"));
    fs::write(&partial, bytes).map_err(|e| Error::io(&partial, e))?;
    fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))
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
