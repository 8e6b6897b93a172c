//! The one error type of annals.
//!
//! Every error that comes from a file carries the file's path (relative to the
//! site root) and, where it is known, the line and column, so that editors and
//! their tools can jump straight to the mistake. A build reports every bad file
//! it finds in one run: [`Error::Many`] gathers them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file: `content/events/x.md:4:7`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// 1-based line, or 0 when the whole file is meant.
    pub line: usize,
    /// 1-based column, or 0 when the whole line is meant.
    pub column: usize,
}

impl Position {
    /// The whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self::at(path, 0, 0)
    }

    /// A line and column in a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Position {
            path: path.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Everything that can go wrong in annals.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A mistake in an editor's file: content, front matter, site.yaml.
    #[error("{at}: {message}")]
    Content {
        /// Where the mistake is.
        at: Position,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A template failed to parse or render.
    #[error("{at}: {message}")]
    Template {
        /// The template's file (`templates/event.html`, or `built-in
        /// event.html` for the theme's own) and the line and column, where
        /// known.
        at: Position,
        /// What failed, with the whole of Tera's explanation.
        message: String,
    },
    /// The output folder cannot be used.
    #[error("output folder {}: {message}", path.display())]
    Output {
        /// The output folder.
        path: PathBuf,
        /// Why it was refused.
        message: String,
    },
    /// A command-line argument that is well-formed but wrong.
    #[error("{0}")]
    Usage(String),
    /// Several errors, reported together.
    #[error("{}", many(.0))]
    Many(Vec<Error>),
}

/// The result type of annals.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A content error at a position.
    pub fn content(at: Position, message: impl Into<String>) -> Self {
        Error::Content {
            at,
            message: message.into(),
        }
    }

    /// An I/O error on a path.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// Gathers errors: none is `Ok`, one is itself, more are [`Error::Many`].
    pub fn collect(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }

    /// How many errors this stands for.
    pub fn count(&self) -> usize {
        match self {
            Error::Many(errors) => errors.iter().map(Error::count).sum(),
            _ => 1,
        }
    }
}

fn many(errors: &[Error]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_prints_what_is_known() {
        assert_eq!(Position::file("a.md").to_string(), "a.md");
        assert_eq!(Position::at("a.md", 4, 0).to_string(), "a.md:4");
        assert_eq!(Position::at("a.md", 4, 7).to_string(), "a.md:4:7");
    }

    #[test]
    fn collect_flattens_one_and_counts_many() {
        assert!(Error::collect(vec![]).is_ok());
        let one = Error::collect(vec![Error::Usage("x".into())]).unwrap_err();
        assert!(matches!(one, Error::Usage(_)));
        let two = Error::Many(vec![Error::Usage("a".into()), Error::Usage("b".into())]);
        assert_eq!(two.count(), 2);
        assert_eq!(two.to_string(), "a\nb");
    }
}
