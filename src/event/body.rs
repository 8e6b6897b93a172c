//! An event's Markdown body: held in memory, or read again from its file
//! when a page or an export needs it.
//!
//! A build of a large chronology would otherwise keep every body (most of
//! its text) in memory from parsing to the end. Once parsed, a Markdown
//! file's body is released: the event keeps where the body starts in the
//! file and a digest of it, and [`Body::text`] reads it back. A file changed
//! in the meantime is an error naming it, never a page built from text that
//! was not checked.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Position, Result};
use crate::load;

/// Markdown text, or where to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The text itself, shared: the models and editions of one build all
    /// hold the same body.
    Text(Arc<str>),
    /// The end of a content file, read again when needed.
    File(Box<InFile>),
}

/// Where a released body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFile {
    root: Arc<Path>,
    path: PathBuf,
    start: usize,
    digest: u64,
}

/// A body is stored (in the build cache) as its text; a released one
/// cannot be, and fails.
impl serde::Serialize for Body {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Body::Text(text) => serializer.serialize_str(text),
            Body::File(_) => Err(serde::ser::Error::custom("a released body is not stored")),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Body {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Body, D::Error> {
        Ok(Body::from(String::deserialize(deserializer)?))
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(Arc::from(""))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::Text(Arc::from(text))
    }
}

impl Body {
    /// The Markdown text. Reading a released body again can fail: the file
    /// is gone, unreadable or no longer what was parsed.
    pub fn text(&self) -> Result<Cow<'_, str>> {
        match self {
            Body::Text(text) => Ok(Cow::Borrowed(&**text)),
            Body::File(file) => file.read().map(Cow::Owned),
        }
    }

    /// Releases the text when it is the end of `file_text`, the text of the
    /// file at `path` under `root` that it was parsed from.
    pub fn release(&mut self, root: &Arc<Path>, path: &Path, file_text: &str) {
        let Body::Text(text) = self else {
            return;
        };
        if !file_text.ends_with(&**text) {
            return;
        }
        *self = Body::File(Box::new(InFile {
            root: Arc::clone(root),
            path: path.to_path_buf(),
            start: file_text.len() - text.len(),
            digest: digest(text),
        }));
    }
}

impl InFile {
    fn read(&self) -> Result<String> {
        let text = load::read_text(&self.root, &self.path)?;
        match text.get(self.start..) {
            Some(body) if digest(body) == self.digest => Ok(body.to_string()),
            _ => Err(Error::content(
                Position::file(&self.path),
                "changed while annals was building from it: build again",
            )),
        }
    }
}

fn digest(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_released_body_reads_back_and_notices_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let file_text = "---\ntitle: X\n---\n\nBody *text*.\n";
        std::fs::write(dir.path().join("x.md"), file_text).unwrap();
        let root: Arc<Path> = Arc::from(dir.path());
        let mut body = Body::from("\nBody *text*.\n".to_string());
        body.release(&root, Path::new("x.md"), file_text);
        assert!(matches!(body, Body::File(_)));
        assert_eq!(body.text().unwrap(), "\nBody *text*.\n");
        std::fs::write(dir.path().join("x.md"), "---\ntitle: X\n---\n\nOther.\n").unwrap();
        let error = body.text().unwrap_err().to_string();
        assert!(error.starts_with("x.md"), "{error}");
        assert!(
            error.contains("changed while annals was building"),
            "{error}"
        );
    }

    #[test]
    fn a_body_that_is_not_the_end_of_its_file_stays_in_memory() {
        let root: Arc<Path> = Arc::from(Path::new("/nonexistent"));
        let mut body = Body::from("in a YAML list".to_string());
        body.release(
            &root,
            Path::new("x.yaml"),
            "- body: in a YAML list\n- title: y\n",
        );
        assert_eq!(body, Body::Text("in a YAML list".into()));
    }
}
