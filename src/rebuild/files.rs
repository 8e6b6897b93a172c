//! The content files of a site kept in memory: each file's text and what it
//! parsed into, so that an edit re-parses only the files it changed.
//!
//! `annals serve` keeps one [`Files`] between edits; an incremental `annals
//! build` makes one from the files as they are and reads the model of the
//! previous build from the same files with the changed ones as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache;
use crate::chronology::{Chronology, Drafts};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::event::{self, Event, Translation};
use crate::load::{self, Changes, SourceFile, Text};
use crate::rebuild::dirty::{clear_text, without_body};
use crate::site;
use crate::translation::{self, TranslationFile};

/// A content file's text and what it parsed into (or why it did not).
#[derive(Clone)]
pub(crate) struct Parsed {
    text: String,
    /// The text's [`cache::digest`].
    digest: u64,
    parse: Parse,
}

/// What a content file parsed into: events, or a translation of one.
#[derive(Clone)]
enum Parse {
    Events(Result<Vec<Event>, String>),
    Translation {
        lang: String,
        original: PathBuf,
        translation: Box<Result<Translation, String>>,
    },
}

impl Parsed {
    /// Parses `text`, the file at `path`, for a site of `config`.
    pub(crate) fn new(path: &Path, text: String, config: &Config) -> Parsed {
        let digest = cache::digest(&text);
        let format = load::format_of(path).unwrap_or(load::Format::Markdown);
        let file = SourceFile {
            path: path.to_path_buf(),
            text,
            format,
        };
        let Some((lang, original)) = translation::of_path(path, config) else {
            let events = event::parse_file(&file).map_err(|error| error.to_string());
            return Parsed {
                text: file.text,
                digest,
                parse: Parse::Events(events),
            };
        };
        let file = TranslationFile {
            file,
            lang,
            original,
        };
        let translation = file.parse().translation;
        Parsed {
            parse: Parse::Translation {
                lang: file.lang,
                original: file.original,
                translation: Box::new(translation.map_err(|error| error.to_string())),
            },
            text: file.file.text,
            digest,
        }
    }

    /// The file's text, as parsed.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The [`cache::digest`] of the file's text.
    pub(crate) fn digest(&self) -> u64 {
        self.digest
    }

    /// What the file parsed into: `None` for a translation.
    #[cfg(test)]
    pub(crate) fn events(&self) -> Option<&Result<Vec<Event>, String>> {
        match &self.parse {
            Parse::Events(events) => Some(events),
            Parse::Translation { .. } => None,
        }
    }

    /// What the file parsed into when it is a translation.
    #[cfg(test)]
    pub(crate) fn translation(&self) -> Option<&Result<Translation, String>> {
        match &self.parse {
            Parse::Events(_) => None,
            Parse::Translation { translation, .. } => Some(translation),
        }
    }

    /// What the file parsed into, as bytes for the build cache; `None`
    /// when it cannot be stored.
    pub(crate) fn stored(&self) -> Option<Vec<u8>> {
        match &self.parse {
            Parse::Events(events) => event::store(events.as_deref().map_err(String::as_str)),
            Parse::Translation { translation, .. } => {
                event::store(translation.as_ref().as_ref().map_err(String::as_str))
            }
        }
    }

    /// The file at `path` of a site of `config`, whose `text` of `digest`
    /// parsed into `stored`, as [`Parsed::stored`] gave it; the text back
    /// when the bytes are not that.
    pub(crate) fn from_stored(
        path: &Path,
        (text, digest): (String, u64),
        stored: &[u8],
        config: &Config,
    ) -> Result<Parsed, String> {
        let parse = match translation::of_path(path, config) {
            None => event::stored(stored).map(Parse::Events),
            Some((lang, original)) => event::stored(stored).map(|translation| Parse::Translation {
                lang,
                original,
                translation: Box::new(translation),
            }),
        };
        match parse {
            Some(parse) => Ok(Parsed {
                text,
                digest,
                parse,
            }),
            None => Err(text),
        }
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

/// The model `chronology` of `files` as it was made from the files that
/// were, at the paths of `older`, what `older` holds: made from it without
/// making it again, when those files differ only in their bodies and what
/// bodies give (body links, lines), and `files` has every path `older` has.
/// `None` otherwise, or when a changed event is not in `chronology` (a
/// draft).
pub(crate) fn with_bodies_of(
    chronology: &Chronology,
    older: &BTreeMap<&Path, Parsed>,
    files: &Files,
) -> Option<Chronology> {
    let mut model = chronology.clone();
    for (path, was) in older {
        match (&was.parse, &files.get(path)?.parse) {
            (Parse::Events(Ok(was)), Parse::Events(Ok(now))) if was.len() == now.len() => {
                for (was, now) in was.iter().zip(now) {
                    let spans = &was.spans;
                    (without_body(was, spans) == without_body(now, spans)).then_some(())?;
                    let index = model.get(&was.slug)?;
                    give_body(&mut model.events[index], was)?;
                }
            }
            (
                Parse::Translation {
                    lang,
                    original,
                    translation: was,
                },
                Parse::Translation {
                    lang: now_lang,
                    original: now_original,
                    translation: now,
                },
            ) if lang == now_lang && original == now_original => {
                let (Ok(was), Ok(now)) = (&**was, &**now) else {
                    return None;
                };
                (without_text(was) == without_text(now)).then_some(())?;
                let event = model.events.iter_mut().find(|e| e.path() == original)?;
                give_text(event.translations.get_mut(lang)?, was);
            }
            _ => return None,
        }
    }
    Some(model)
}

/// Gives `event` the body of `was` (the same event, parsed from its file
/// before), and what the body gives.
fn give_body(event: &mut Event, was: &Event) -> Option<()> {
    event.body = was.body.clone();
    event.file_links.clone_from(&was.file_links);
    event.spans = was.spans.clone();
    for (lang, translation) in &was.translations {
        give_text(event.translations.get_mut(lang)?, translation);
    }
    Some(())
}

/// Gives `translation` the body of `was`, and what the body gives.
fn give_text(translation: &mut Translation, was: &Translation) {
    translation.body.clone_from(&was.body);
    translation.file_links.clone_from(&was.file_links);
    translation.body_line = was.body_line;
}

/// `translation` without its body and what the body gives.
fn without_text(translation: &Translation) -> Translation {
    let mut translation = translation.clone();
    clear_text(&mut translation);
    translation
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
        match &parsed.parse {
            Parse::Events(Ok(parsed)) => events.extend(parsed.iter().cloned()),
            Parse::Events(Err(error)) => errors.push(Error::Usage(error.clone())),
            Parse::Translation {
                lang,
                original,
                translation,
            } => translations.push(translation::Parsed {
                path: path.to_path_buf(),
                lang: lang.clone(),
                original: original.clone(),
                translation: (**translation).clone().map_err(Error::Usage),
            }),
        }
    }
    Error::collect(errors)?;
    site::model(events, translations, declared, config, drafts, changes)
}
