//! Where built files go: the write stage's one interface.
//!
//! Every later stage hands its files to a [`Sink`] and never learns where
//! they end up: the staging folder of `annals build` ([`super::Staging`]),
//! memory for `annals serve` ([`Memory`]), or nowhere for `annals check`
//! ([`Discard`]). The same rendering code runs for all three.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::{Error, Position, Result};

/// The parts of a file, in order: for files too large to hold whole.
pub type Parts<'a> = Box<dyn Iterator<Item = Result<Vec<u8>>> + 'a>;

/// A built site in memory: output path → bytes.
pub type Pages = HashMap<String, Arc<[u8]>>;

/// Where built files go.
pub trait Sink: Sync {
    /// Takes a file at `path` (relative to the output root).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// Takes a file given in parts (the data exports of a large
    /// chronology). By default the parts are joined and put.
    fn put_parts(&self, path: &str, parts: Parts<'_>) -> Result<()> {
        let mut bytes = Vec::new();
        for part in parts {
            bytes.extend_from_slice(&part?);
        }
        self.put(path, &bytes)
    }

    /// Takes the editor's file `source` (under `root`) as it is, at `to`; a
    /// file already built at `to` is a collision, an error at `source`.
    fn put_file(&self, root: &Path, source: &Path, to: &str) -> Result<()>;
}

/// The error for an editor's file that would replace a built one.
pub(crate) fn collision(source: &Path, to: &str) -> Error {
    Error::content(
        Position::file(source),
        format!("would overwrite the generated file {to}; rename it or remove it"),
    )
}

/// A sink that keeps nothing: `annals check` renders to validate only.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> Result<()> {
        Ok(())
    }

    fn put_parts(&self, _: &str, mut parts: Parts<'_>) -> Result<()> {
        parts.try_for_each(|part| part.map(drop))
    }

    fn put_file(&self, _: &Path, _: &Path, _: &str) -> Result<()> {
        Ok(())
    }
}

/// A sink that keeps every file in memory: `annals serve`.
#[derive(Default)]
pub struct Memory(Mutex<Pages>);

impl Memory {
    /// What was put.
    pub fn into_pages(self) -> Pages {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    fn pages(&self) -> std::sync::MutexGuard<'_, Pages> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.pages().insert(path.to_string(), Arc::from(bytes));
        Ok(())
    }

    fn put_file(&self, root: &Path, source: &Path, to: &str) -> Result<()> {
        if self.pages().contains_key(to) {
            return Err(collision(source, to));
        }
        let bytes = std::fs::read(root.join(source)).map_err(|e| Error::io(source, e))?;
        self.pages().insert(to.to_string(), Arc::from(bytes));
        Ok(())
    }
}

/// A sink that puts files in a folder of another: a language edition's.
pub struct InFolder<'a> {
    sink: &'a dyn Sink,
    prefix: &'a str,
}

impl<'a> InFolder<'a> {
    /// Files put here go to `prefix` (`""` or `"es/"`) of `sink`.
    pub fn new(sink: &'a dyn Sink, prefix: &'a str) -> Self {
        InFolder { sink, prefix }
    }
}

impl Sink for InFolder<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.sink.put(&format!("{}{path}", self.prefix), bytes)
    }

    fn put_parts(&self, path: &str, parts: Parts<'_>) -> Result<()> {
        self.sink
            .put_parts(&format!("{}{path}", self.prefix), parts)
    }

    fn put_file(&self, root: &Path, source: &Path, to: &str) -> Result<()> {
        self.sink
            .put_file(root, source, &format!("{}{to}", self.prefix))
    }
}

/// HTML pages in the order of their URLs (a folder's `index.html` before
/// its other pages), without the not-found page, which no crawler should
/// list.
pub fn sitemap_order(pages: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut pages: Vec<String> = pages
        .into_iter()
        .filter(|path| path.ends_with(".html") && path != "404.html")
        .collect();
    pages.sort_by_cached_key(|page| page.strip_suffix("index.html").unwrap_or(page).to_string());
    pages
}

/// A sink that passes files on and remembers which HTML pages were
/// written, so that the sitemap lists exactly the pages of the build.
pub struct Recorder<'a> {
    sink: &'a dyn Sink,
    pages: Mutex<Vec<String>>,
}

impl<'a> Recorder<'a> {
    /// Records what is put into `sink`.
    pub fn new(sink: &'a dyn Sink) -> Self {
        Recorder {
            sink,
            pages: Mutex::new(Vec::new()),
        }
    }

    /// The HTML pages written, in the order of their URLs (a folder's
    /// `index.html` before its other pages); the not-found page is not one
    /// a crawler should list.
    pub fn into_pages(self) -> Vec<String> {
        let pages = self.pages.into_inner();
        sitemap_order(pages.unwrap_or_else(PoisonError::into_inner))
    }

    fn record(&self, path: &str) {
        if path.ends_with(".html") {
            let mut pages = self.pages.lock().unwrap_or_else(PoisonError::into_inner);
            pages.push(path.to_string());
        }
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.record(path);
        self.sink.put(path, bytes)
    }

    fn put_parts(&self, path: &str, parts: Parts<'_>) -> Result<()> {
        self.sink.put_parts(path, parts)
    }

    fn put_file(&self, root: &Path, source: &Path, to: &str) -> Result<()> {
        self.sink.put_file(root, source, to)
    }
}
