//! The content files of a site kept in memory: each file's text and what it
//! parsed into, so that an edit re-parses only the files it changed.
//!
//! `annals serve` keeps one [`Files`] between edits; an incremental `annals
//! build` makes one from the files as they are and reads the model of the
//! previous build from the same files with the changed ones as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::chronology::{Chronology, Drafts};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::event::{self, Event};
use crate::load::{self, Changes, SourceFile, Text};
use crate::{site, translation};

/// A content file's text and what it parsed into (or why it did not).
#[derive(Clone)]
pub(crate) struct Parsed {
    text: String,
    format: load::Format,
    /// `None` for a translation, parsed with the events it translates.
    events: Option<Result<Vec<Event>, String>>,
}

impl Parsed {
    /// Parses `text`, the file at `path`, for a site of `config`.
    pub(crate) fn new(path: &Path, text: String, config: &Config) -> Parsed {
        let format = load::format_of(path).unwrap_or(load::Format::Markdown);
        let file = SourceFile {
            path: path.to_path_buf(),
            text,
            format,
        };
        let events = match translation::is_translation(&file, config) {
            true => None,
            false => Some(event::parse_file(&file).map_err(|error| error.to_string())),
        };
        Parsed {
            text: file.text,
            format,
            events,
        }
    }

    /// The file's text, as parsed.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// What the file parsed into: `None` for a translation.
    #[cfg(test)]
    pub(crate) fn events(&self) -> Option<&Result<Vec<Event>, String>> {
        self.events.as_ref()
    }

    /// What the file parsed into, as bytes for the build cache; `None`
    /// when it cannot be stored (a translation, parsed with its events).
    pub(crate) fn stored(&self) -> Option<Vec<u8>> {
        let events = self.events.as_ref()?;
        event::store(events.as_deref().map_err(String::as_str))
    }

    /// The file at `path` whose `text` parsed into `stored`, as
    /// [`Parsed::stored`] gave it; the text back when the bytes are not
    /// that.
    pub(crate) fn from_stored(path: &Path, text: String, stored: &[u8]) -> Result<Parsed, String> {
        let Some(events) = event::stored(stored) else {
            return Err(text);
        };
        Ok(Parsed {
            text,
            format: load::format_of(path).unwrap_or(load::Format::Markdown),
            events: Some(events),
        })
    }
}

/// Every content file, by path.
#[derive(Default)]
pub(crate) struct Files(BTreeMap<PathBuf, Parsed>);

impl Files {
    /// Reads and parses `paths` under `root`, in parallel.
    pub(crate) fn read(root: &Path, paths: &[PathBuf], config: &Config) -> Result<Files> {
        Files::read_known(root, paths, config, &|_, text| Err(text))
    }

    /// Reads `paths` under `root` and parses each, in parallel, unless
    /// `known` knows what it parses into; `known` hands the text back
    /// otherwise.
    pub(crate) fn read_known(
        root: &Path,
        paths: &[PathBuf],
        config: &Config,
        known: &(dyn Fn(&Path, String) -> Result<Parsed, String> + Sync),
    ) -> Result<Files> {
        let parsed = paths
            .par_iter()
            .map(|path| {
                let text = load::read_text(root, path)?;
                let parsed = known(path, text).unwrap_or_else(|t| Parsed::new(path, t, config));
                Ok((path.clone(), parsed))
            })
            .collect::<Result<BTreeMap<_, _>>>()?;
        Ok(Files(parsed))
    }

    /// Forgets every file.
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    /// Keeps only the files `keep` accepts.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Path) -> bool) {
        self.0.retain(|path, _| keep(path));
    }

    /// The file at `path`, if known.
    pub(crate) fn get(&self, path: &Path) -> Option<&Parsed> {
        self.0.get(path)
    }

    /// Every file, in path order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Path, &Parsed)> {
        self.0.iter().map(|(path, parsed)| (path.as_path(), parsed))
    }

    /// Takes every file of `other`, in place of what was known of them.
    pub(crate) fn merge(&mut self, other: Files) {
        self.0.extend(other.0);
    }

    /// Parses `text` as the file at `path`, unless it is what was parsed
    /// before.
    pub(crate) fn parse(&mut self, path: PathBuf, text: String, config: &Config) {
        if self.0.get(&path).is_some_and(|known| known.text == text) {
            return;
        }
        let parsed = Parsed::new(&path, text, config);
        self.0.insert(path, parsed);
    }
}

/// The model of `files`, translations attached, or every file's errors.
pub(crate) fn chronology<'a>(
    files: impl Iterator<Item = (&'a Path, &'a Parsed)>,
    declared: &[Text],
    config: &Config,
    drafts: Drafts,
    changes: &Changes,
) -> Result<Chronology> {
    let mut events = Vec::new();
    let mut translations = Vec::new();
    let mut errors = Vec::new();
    for (path, parsed) in files {
        match &parsed.events {
            Some(Ok(parsed)) => events.extend(parsed.iter().cloned()),
            Some(Err(error)) => errors.push(Error::Usage(error.clone())),
            None => translations.push(SourceFile {
                path: path.to_path_buf(),
                text: parsed.text.clone(),
                format: parsed.format,
            }),
        }
    }
    Error::collect(errors)?;
    let translations = translation::among(translations, config);
    site::model(events, &translations, declared, config, drafts, changes)
}
