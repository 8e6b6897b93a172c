//! Reading a site from disk: `content/` files, `templates/` and `static/`.
//!
//! Walks folders in a fixed order (so output never depends on the file
//! system's order), skips editor junk, and hands on text that is valid UTF-8
//! with its BOM removed and its line endings normalised to `\n`. Anything it
//! cannot use is an error naming the file, never silently dropped.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::error::{Error, Position, Result};

mod changes;
mod sources;

pub use changes::{Changes, History, SOURCE_DATE_EPOCH, fingerprint as history_fingerprint};
pub use sources::{SITE_YAML, STRINGS_DIR, Sources, Text, require_site};

/// The largest content file annals reads, in bytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What a content file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown with YAML front matter: one event.
    Markdown,
    /// YAML: one event or a list of events.
    Yaml,
}

/// A content file, read.
#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/events/1945.md`.
    pub path: PathBuf,
    /// UTF-8 text without BOM, with `\n` line endings.
    pub text: String,
    /// Markdown or YAML.
    pub format: Format,
}

/// The files under `content/` that are not event files (images, scans):
/// published only when an event links to them.
pub type Others = Vec<PathBuf>;

/// The content files under `root/content`, in path order, with their
/// formats, and the other files there. Nothing is read yet: a large site is
/// read and parsed file by file, in parallel, so its texts are never all in
/// memory at once.
pub fn content(root: &Path) -> Result<(Vec<(PathBuf, Format)>, Others)> {
    let mut files = Vec::new();
    let mut others = Vec::new();
    let mut errors = Vec::new();
    for entry in walk(root, "content") {
        match entry {
            Ok(path) if is_declaration(&path) => {}
            Ok(path) => match format_of(&path) {
                Some(format) => files.push((path, format)),
                None => others.push(path),
            },
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    Ok((files, others))
}

/// The folders of `content/` that hold no events: actor declarations and
/// pages, read by [`Sources::read`].
pub const DECLARATIONS: [&str; 2] = ["content/actors", "content/pages"];

/// Whether `path` is in one of the [`DECLARATIONS`] folders.
pub fn is_declaration(path: &Path) -> bool {
    DECLARATIONS.iter().any(|dir| path.starts_with(dir))
}

/// The site's folders asked file by file, for what bodies link to: a
/// link is checked without walking `content/`, and a linked file read only
/// when it is published.
#[derive(Debug, Clone)]
pub struct Disk {
    root: Arc<Path>,
}

/// What is at a path of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A regular file.
    File,
    /// Nothing.
    Missing,
    /// Something that cannot be published, and why.
    Unusable(&'static str),
}

impl Disk {
    /// The site at `root`.
    pub fn new(root: &Path) -> Disk {
        Disk {
            root: Arc::from(root),
        }
    }

    /// What is at `path` (relative to the site root); a symbolic link is
    /// not followed.
    pub fn entry(&self, path: &Path) -> Entry {
        match std::fs::symlink_metadata(self.root.join(path)) {
            Ok(meta) if meta.is_file() => Entry::File,
            Ok(meta) if meta.is_dir() => Entry::Unusable("it is a folder, not a file"),
            Ok(meta) if meta.file_type().is_symlink() => Entry::Unusable(
                "it is a symbolic link, which is not followed (it may leave the site): copy the file instead",
            ),
            Ok(_) => Entry::Unusable("it is not a regular file (a pipe, socket or device)"),
            Err(_) => Entry::Missing,
        }
    }

    /// The names of the files in `dir` (relative to the site root), junk
    /// left out, sorted; none when it cannot be read.
    pub fn names_in(&self, dir: &Path) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.root.join(dir)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .filter(|entry| !is_junk(&entry.file_name()))
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The bytes of the file at `path` (relative to the site root).
    pub fn read(&self, path: &Path) -> Result<Vec<u8>> {
        std::fs::read(self.root.join(path)).map_err(|e| Error::io(path, e))
    }
}

/// Reads files in parallel, handing each to `each` and dropping its text
/// then; every failure is reported, in path order.
pub fn read_each<T: Send>(
    root: &Path,
    files: &[(PathBuf, Format)],
    each: impl Fn(SourceFile) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    use rayon::prelude::*;
    let results: Vec<Result<T>> = files
        .par_iter()
        .map(|(path, format)| {
            let text = read_text(root, path)?;
            each(SourceFile {
                path: path.clone(),
                text,
                format: *format,
            })
        })
        .collect();
    let mut done = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(value) => done.push(value),
            Err(Error::Many(mut many)) => errors.append(&mut many),
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    Ok(done)
}

/// The files under `root/dir`, as paths relative to `root`, sorted, junk
/// skipped. A missing folder has no files. Symbolic links are errors: they
/// could point outside the site or loop.
pub fn walk(root: &Path, dir: &str) -> impl Iterator<Item = Result<PathBuf>> {
    let base = root.join(dir);
    let exists = base.is_dir();
    let root = root.to_path_buf();
    WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_junk(entry.file_name()))
        .filter(move |_| exists)
        .filter_map(move |entry| match entry {
            Ok(entry) if entry.path_is_symlink() => Some(Err(Error::content(
                Position::file(relative(&root, entry.path())),
                "symbolic links are not followed (they may leave the site or loop): copy the file instead",
            ))),
            Ok(entry) if entry.file_type().is_file() => {
                Some(Ok(relative(&root, entry.path()).to_path_buf()))
            }
            Ok(entry) if entry.file_type().is_dir() => None,
            Ok(entry) => Some(Err(Error::content(
                Position::file(relative(&root, entry.path())),
                "not a regular file (a pipe, socket or device); remove it",
            ))),
            Err(error) => {
                let path = error.path().unwrap_or(&base).to_path_buf();
                let source = error
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("file system loop"));
                Some(Err(Error::io(relative(&root, &path), source)))
            }
        })
}

/// The files under `root/dir`, each with its name inside that folder
/// (`static/css/a.css` → `css/a.css`), with `/` separators.
pub fn walk_named(root: &Path, dir: &str) -> impl Iterator<Item = Result<(PathBuf, String)>> {
    let prefix = PathBuf::from(dir);
    walk(root, dir).map(move |path| {
        let path = path?;
        let name = path
            .strip_prefix(&prefix)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        Ok((path, name))
    })
}

fn relative<'a>(root: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// Editor junk: hidden files, Emacs `#autosave#` and `backup~`, swap and
/// temporary files.
pub fn is_junk(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// The format of a content file, by its extension.
pub fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "md" | "markdown" => Some(Format::Markdown),
        "yaml" | "yml" => Some(Format::Yaml),
        _ => None,
    }
}

/// Reads a file as UTF-8 text: BOM removed, CRLF and CR made LF. Bad
/// encodings, NUL bytes and oversized files are errors naming the file.
pub fn read_text(root: &Path, path: &Path) -> Result<String> {
    let full = root.join(path);
    let size = std::fs::metadata(&full)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Error::content(
            Position::file(path),
            format!(
                "the file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes: split it into several files"
            ),
        ));
    }
    let bytes = std::fs::read(&full).map_err(|e| Error::io(path, e))?;
    decode(path, bytes)
}

/// Bytes to normalised text, or an error at the first bad byte.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let (line, column) = line_column(valid);
        Error::content(
            Position::at(path, line, column),
            "the file is not valid UTF-8: save it as UTF-8",
        )
    })?;
    if let Some(at) = text.find('\0') {
        let (line, column) = line_column(&text.as_bytes()[..at]);
        return Err(Error::content(
            Position::at(path, line, column),
            "the file contains a NUL byte: is it a binary file?",
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// The 1-based line and column just after `before`.
fn line_column(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let last = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(&before[last..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("content/x.md")
    }

    #[test]
    fn strips_bom_and_normalises_line_endings() {
        let text = decode(path(), b"\xef\xbb\xbf---\r\ntitle: A\r\n---\rB".to_vec()).unwrap();
        assert_eq!(text, "---\ntitle: A\n---\nB");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let error = decode(path(), b"---\ntitle: \xe9t\xe9\n".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "content/x.md:2:8: the file is not valid UTF-8: save it as UTF-8"
        );
    }

    #[test]
    fn nul_bytes_are_refused() {
        let error = decode(path(), b"---\nA\0".to_vec()).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("content/x.md:2:2: the file contains a NUL byte")
        );
    }

    #[test]
    fn editor_junk_is_recognised() {
        for junk in [".x.md.swp", "#x.md#", "x.md~", "x.md.tmp", ".hidden.md"] {
            assert!(is_junk(std::ffi::OsStr::new(junk)), "{junk}");
        }
        assert!(!is_junk(std::ffi::OsStr::new("1945.md")));
    }
}
