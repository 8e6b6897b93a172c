//! The output folder: safety checks, staging, and the atomic swap.
//!
//! A full build writes into a staging folder beside the output and swaps it
//! into place only when every page was written, with one atomic exchange of
//! the two folders (Linux `renameat2(RENAME_EXCHANGE)`): at every instant
//! the output is either the previous build or the new one, even under
//! `kill -9`. A build after an edit replaces only the files it touched, in
//! place (see `patch`).
//! A page identical to the previous build's is hard-linked from it rather
//! than rewritten, so unchanged files keep their modification times and a
//! deploy uploads only what changed. annals refuses to write into the site's
//! own folders or a folder it did not create.

use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::error::{Error, Result};
use crate::fingerprint::Stamp;

mod patch;
mod sink;
mod writer;

pub use sink::{Discard, InFolder, Memory, Pages, Parts, Recorder, Sink, sitemap_order};

/// The file that marks a folder as annals' output.
pub const MARKER: &str = ".annals-output";

/// Folders of the site that can never be the output or inside it.
const PROTECTED: [&str; 3] = ["content", "templates", "static"];

/// A build's output being written.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    _lock: Lock,
    committed: bool,
    progress: Option<ProgressBar>,
    started: std::time::Instant,
    writer: writer::Writer,
}

/// Whether a build shows a progress bar on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// A progress bar for builds over a second, when stderr is a terminal.
    #[default]
    Normal,
    /// Nothing but errors and warnings.
    Quiet,
}

/// The stamp of the build that wrote `output`, if annals wrote it.
pub fn previous_stamp(output: &Path) -> Option<Stamp> {
    Stamp::parse(&fs::read_to_string(output.join(MARKER)).ok()?)
}

impl Staging {
    /// Checks that `output` may be written by a build of `root`, takes the
    /// output's lock, and makes an empty staging folder beside it.
    pub fn open(root: &Path, output: &Path) -> Result<Staging> {
        let output = absolute(output)?;
        check_output(root, &output)?;
        let parent = output.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let lock = lock(parent)?;
        let name = output.file_name().unwrap_or_default().to_string_lossy();
        let staging = parent.join(format!(".{name}.annals-staging"));
        remove_dir(&staging)?;
        fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Staging {
            output,
            staging,
            _lock: lock,
            committed: false,
            progress: None,
            started: std::time::Instant::now(),
            writer: writer::Writer::start(),
        })
    }

    /// Counts pages towards `expected` on a progress bar, shown on a
    /// terminal once the build has taken a second.
    pub fn with_progress(mut self, verbosity: Verbosity, expected: u64) -> Self {
        if verbosity == Verbosity::Normal && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            let bar = ProgressBar::with_draw_target(Some(expected), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}")
            {
                bar.set_style(style);
            }
            self.progress = Some(bar);
        }
        self
    }

    fn tick(&self) {
        if let Some(bar) = &self.progress {
            bar.inc(1);
            if bar.is_hidden() && self.started.elapsed().as_secs() >= 1 {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }

    /// The folder being written.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Makes the folders of `path` and returns where it goes in staging.
    fn target(&self, path: &str) -> Result<PathBuf> {
        let target = self.staging.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(target)
    }

    /// Puts the new output in place of the old one, atomically, stamped
    /// with what built it.
    pub fn commit(mut self, stamp: &Stamp) -> Result<PathBuf> {
        self.writer.flush()?;
        self.writer.stop();
        let marker = self.staging.join(MARKER);
        fs::write(&marker, stamp.to_text()).map_err(|e| Error::io(&marker, e))?;
        if let Some(progress) = &self.progress {
            progress.finish_and_clear();
        }
        if self.output.exists() {
            exchange(&self.staging, &self.output)?;
        } else {
            fs::rename(&self.staging, &self.output).map_err(|e| Error::io(&self.output, e))?;
        }
        self.committed = true;
        remove_dir(&self.staging)?;
        Ok(self.output.clone())
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.tick();
        let (target, previous) = (self.staging.join(path), self.output.join(path));
        self.writer.page(target, previous, bytes)
    }

    /// Writes the parts as they come; a file the same as the previous
    /// build's is then replaced by a link to it.
    fn put_parts(&self, path: &str, parts: Parts<'_>) -> Result<()> {
        self.tick();
        let target = self.target(path)?;
        let failed = |e| Error::io(&target, e);
        let mut out = io::BufWriter::new(fs::File::create(&target).map_err(failed)?);
        for part in parts {
            out.write_all(&part?).map_err(failed)?;
        }
        out.into_inner().map_err(|e| failed(e.into_error()))?;
        let previous = self.output.join(path);
        if same_files(&previous, &target).unwrap_or(false) {
            let linked = target.with_extension("annals-link");
            if fs::hard_link(&previous, &linked).is_ok() {
                fs::rename(&linked, &target).map_err(failed)?;
            }
        }
        Ok(())
    }

    /// Copies the file; one already written at `to` is a collision.
    fn put_file(&self, root: &Path, source: &Path, to: &str) -> Result<()> {
        self.writer.flush()?;
        let target = self.target(to)?;
        if target.exists() {
            return Err(sink::collision(source, to));
        }
        fs::copy(root.join(source), &target).map_err(|e| Error::io(source, e))?;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(progress) = &self.progress {
            progress.finish_and_clear();
        }
        self.writer.stop();
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_files(a: &Path, b: &Path) -> io::Result<bool> {
    use io::Read;
    if !fs::metadata(a)?.is_file() || fs::metadata(a)?.len() != fs::metadata(b)?.len() {
        return Ok(false);
    }
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut x, mut y) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(true);
        }
        b.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|e| Error::io(path, e))
}

/// Refuses the site's own folders, their ancestors, and folders annals did
/// not create.
fn check_output(root: &Path, output: &Path) -> Result<()> {
    let refuse = |message: String| {
        Err(Error::Output {
            path: output.to_path_buf(),
            message,
        })
    };
    let root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let resolved = resolve(output);
    if root.starts_with(&resolved) {
        return refuse(
            "it is the site root or contains it; choose a folder such as public/".into(),
        );
    }
    for dir in PROTECTED {
        if resolved.starts_with(root.join(dir)) {
            return refuse(format!("it is inside the site's {dir}/ folder"));
        }
    }
    match fs::symlink_metadata(output) {
        Ok(meta) if !meta.is_dir() => refuse("it exists and is not a folder".into()),
        Ok(_) if !is_empty(output)? && !output.join(MARKER).is_file() => refuse(format!(
            "it is not empty and was not written by annals (no {MARKER} file): annals never deletes files it did not write"
        )),
        _ => Ok(()),
    }
}

/// The canonical form of a path that may not exist yet.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => path.to_path_buf(),
    }
}

fn is_empty(dir: &Path) -> Result<bool> {
    Ok(fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .next()
        .is_none())
}

fn remove_dir(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(Error::io(dir, e)),
        _ => Ok(()),
    }
}

/// What holds the output's lock during a build: the locked parent folder
/// on Unix; nothing elsewhere, where a folder cannot be opened as a file.
#[cfg(unix)]
type Lock = fs::File;
#[cfg(not(unix))]
type Lock = ();

/// Takes an exclusive lock on the output's parent folder, waiting for
/// another build into it to finish.
#[cfg(unix)]
fn lock(dir: &Path) -> Result<Lock> {
    use rustix::fs::{FlockOperation, flock};
    let file = fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
        eprintln!(
            "waiting for another annals build into {} to finish",
            dir.display()
        );
        flock(&file, FlockOperation::LockExclusive).map_err(|e| Error::io(dir, e.into()))?;
    }
    Ok(file)
}

#[cfg(not(unix))]
fn lock(_dir: &Path) -> Result<Lock> {
    Ok(())
}

/// Swaps two folders in one step; falls back to two renames where the file
/// system cannot exchange.
fn exchange(new: &Path, old: &Path) -> Result<()> {
    if swap(new, old) {
        return Ok(());
    }
    let aside = new.with_extension("old");
    remove_dir(&aside)?;
    fs::rename(old, &aside).map_err(|e| Error::io(old, e))?;
    fs::rename(new, old).map_err(|e| Error::io(old, e))?;
    fs::rename(&aside, new).map_err(|e| Error::io(new, e))
}

/// Exchanges two folders atomically where the system can (Linux
/// `renameat2`, macOS `renameatx_np`); false when it did not.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn swap(new: &Path, old: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, new, CWD, old, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn swap(_new: &Path, _old: &Path) -> bool {
    false
}
