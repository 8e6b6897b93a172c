//! Where rendered pages go: the staging folder of a build, memory for
//! `serve`, or nowhere for `check`.

use crate::error::Result;

/// The parts of a file, in order: for files too large to hold whole.
pub type Parts<'a> = Box<dyn Iterator<Item = Result<Vec<u8>>> + 'a>;

/// Where rendered pages go: the staging folder of a build, or nowhere for
/// `check`.
pub trait Sink: Sync {
    /// Takes a page at `path` (relative to the output root).
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
}
