//! Translations of events into the site's other languages.
//!
//! A Markdown event `x.md` is translated by `x.es.md` beside it (for each
//! configured language but the first); a YAML event carries a
//! `translations: {es: {title, summary, body, place, sources}}` mapping. A
//! translation sets only text: title, summary, body, place and source
//! titles (a `sources:` list of `{title}` in the original's order). The
//! date, tags, actors, related events and slug belong to the original, and
//! setting them in a translation is an error naming the field.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::config::Config;
use crate::error::{Error, Position, Result};
use crate::event::Event;
use crate::front_matter;
use crate::load::{Format, SourceFile};
use crate::markdown::{self, FileLink};

mod freshness;

pub use freshness::{missing, outdated};

/// An event's text in another language.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// Plain text.
    pub title: String,
    /// Plain text: the translation's, or its body's first paragraph.
    pub summary: String,
    /// Where it happened, in this language; the original's when absent.
    pub place: Option<String>,
    /// Source titles in the original's order; `None` keeps the original's.
    pub source_titles: Vec<Option<String>>,
    /// Markdown.
    pub body: String,
    /// Links in the body to events' files.
    pub file_links: Vec<FileLink>,
    /// The translation's file and first line.
    pub origin: Position,
    /// The file line of the body's first line.
    pub body_line: usize,
}

/// What a translation may write, and the fields it may not (refused with a
/// message rather than as unknown).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTranslation {
    title: String,
    summary: Option<String>,
    place: Option<String>,
    #[serde(default)]
    sources: Vec<SourceTitle>,
    body: Option<String>,
    date: Option<IgnoredAny>,
    end: Option<IgnoredAny>,
    circa: Option<IgnoredAny>,
    tags: Option<IgnoredAny>,
    actors: Option<IgnoredAny>,
    related: Option<IgnoredAny>,
    slug: Option<IgnoredAny>,
    draft: Option<IgnoredAny>,
    extra: Option<IgnoredAny>,
    translations: Option<IgnoredAny>,
}

/// A translated source: its title only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceTitle {
    title: Option<String>,
}

impl RawTranslation {
    /// The fields set that belong to the original.
    fn shared(&self) -> Vec<&'static str> {
        let set = [
            ("date", self.date.is_some()),
            ("end", self.end.is_some()),
            ("circa", self.circa.is_some()),
            ("tags", self.tags.is_some()),
            ("actors", self.actors.is_some()),
            ("related", self.related.is_some()),
            ("slug", self.slug.is_some()),
            ("draft", self.draft.is_some()),
            ("extra", self.extra.is_some()),
            ("translations", self.translations.is_some()),
        ];
        set.into_iter()
            .filter(|(_, set)| *set)
            .map(|(key, _)| key)
            .collect()
    }

    /// Validates a translation whose fields are placed by `at`.
    fn validate(
        self,
        body: String,
        origin: Position,
        body_line: usize,
        at: impl Fn(&str) -> Position,
    ) -> Result<Translation> {
        let errors: Vec<Error> = self
            .shared()
            .into_iter()
            .map(|key| {
                Error::content(
                    at(key),
                    format!(
                        "`{key}` belongs to the original event: a translation sets only title, summary, body, place and source titles"
                    ),
                )
            })
            .collect();
        Error::collect(errors)?;
        let scan = markdown::scan(&body);
        let summary = self.summary.or(scan.first_paragraph).unwrap_or_default();
        Ok(Translation {
            title: self.title.trim().to_string(),
            summary: summary.trim().to_string(),
            place: self.place.filter(|p| !p.trim().is_empty()),
            source_titles: self.sources.into_iter().map(|s| s.title).collect(),
            body,
            file_links: scan.file_links,
            origin,
            body_line,
        })
    }
}

/// The `translations:` mapping of a YAML event spanning lines `from..=to`
/// of `text`.
pub(crate) fn from_yaml(
    raw: BTreeMap<String, RawTranslation>,
    path: &Path,
    text: &str,
    (from, to): (usize, usize),
) -> Result<BTreeMap<String, Translation>> {
    let block = front_matter::key_line(text, "translations", from, to).unwrap_or(from);
    let mut translations = BTreeMap::new();
    let mut errors = Vec::new();
    for (lang, mut raw) in raw {
        let line = front_matter::key_line(text, &lang, block, to).unwrap_or(block);
        let at = |key: &str| {
            Position::at(
                path,
                front_matter::key_line(text, key, line, to).unwrap_or(line),
                0,
            )
        };
        let body = raw.body.take().unwrap_or_default();
        let body_line = front_matter::key_line(text, "body", line, to).map_or(line, |l| l + 1);
        match raw.validate(body, Position::at(path, line, 0), body_line, at) {
            Ok(translation) => {
                translations.insert(lang, translation);
            }
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    Ok(translations)
}

/// A Markdown file that translates another.
#[derive(Debug)]
pub struct TranslationFile {
    /// The file, read.
    pub file: SourceFile,
    /// The language it is in.
    pub lang: String,
    /// The file it translates: `x.md` for `x.es.md`.
    pub original: PathBuf,
}

/// A content file found and not yet read: its path and format.
type Listed = (PathBuf, Format);

/// Separates translations (`x.<code>.md`, for the site's languages but the
/// first) from events, and reads them. On a site of one language there are
/// none.
pub fn partition(
    files: Vec<Listed>,
    root: &Path,
    config: &Config,
) -> Result<(Vec<Listed>, Vec<TranslationFile>)> {
    let others = other_languages(config);
    let (translations, events): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(path, _)| translated(path, &others).is_some());
    let translations =
        crate::load::read_each(root, &translations, |file| Ok(of_file(file, &others)))?;
    Ok((events, translations.into_iter().flatten().collect()))
}

/// The translations among files already read.
pub fn among(files: Vec<SourceFile>, config: &Config) -> Vec<TranslationFile> {
    let others = other_languages(config);
    files
        .into_iter()
        .filter_map(|file| of_file(file, &others))
        .collect()
}

fn of_file(file: SourceFile, others: &[&str]) -> Option<TranslationFile> {
    let (lang, original) = translated(&file.path, others)?;
    Some(TranslationFile {
        file,
        lang,
        original,
    })
}

fn other_languages(config: &Config) -> Vec<&str> {
    config.languages[1..]
        .iter()
        .map(|l| l.code.as_str())
        .collect()
}

/// Whether `file` translates an event into one of the site's languages
/// but the first (and so is no event itself).
pub fn is_translation(file: &SourceFile, config: &Config) -> bool {
    translated(&file.path, &other_languages(config)).is_some()
}

/// `(es, content/x.md)` for `content/x.es.md` when `es` is one of `langs`.
fn translated(path: &Path, langs: &[&str]) -> Option<(String, PathBuf)> {
    if crate::load::format_of(path) != Some(Format::Markdown) {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let extension = path.extension()?.to_str()?;
    let (name, lang) = stem.rsplit_once('.')?;
    let lang = langs.iter().find(|code| **code == lang)?;
    let original = path.with_file_name(format!("{name}.{extension}"));
    Some((lang.to_string(), original))
}

fn parse_file(file: &TranslationFile) -> Result<Translation> {
    let (path, text) = (file.file.path.as_path(), file.file.text.as_str());
    let split = front_matter::split(path, text)?;
    let raw: RawTranslation = front_matter::parse(path, split.yaml, split.yaml_line)?;
    let at = |key: &str| {
        let line = front_matter::key_line(text, key, split.yaml_line, split.body_line - 1);
        Position::at(path, line.unwrap_or(split.yaml_line), 0)
    };
    if raw.body.is_some() {
        return Err(Error::content(
            at("body"),
            "`body` is only for YAML files: in Markdown the body follows the closing `---`",
        ));
    }
    let origin = Position::at(path, 1, 0);
    raw.validate(split.body.to_string(), origin, split.body_line, at)
}

/// Parses the translation files and gives each event its translations;
/// checks every translation's language and source count. A translation
/// without an original is an error.
pub fn attach(
    mut events: Vec<Event>,
    files: &[TranslationFile],
    config: &Config,
) -> Result<Vec<Event>> {
    let parsed: Vec<Result<Translation>> = files.par_iter().map(parse_file).collect();
    let by_path: HashMap<PathBuf, usize> = events
        .iter()
        .enumerate()
        .filter(|(_, event)| crate::load::format_of(&event.origin.path) == Some(Format::Markdown))
        .map(|(index, event)| (event.origin.path.clone(), index))
        .collect();
    let mut errors = Vec::new();
    for (file, translation) in files.iter().zip(parsed) {
        let translation = match translation {
            Ok(translation) => translation,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        match by_path.get(&file.original) {
            Some(&index) => {
                events[index].translations.insert(file.lang.clone(), translation);
            }
            None => errors.push(Error::content(
                Position::file(&file.file.path),
                format!(
                    "translates {}, which does not exist: name a translation after its event's file",
                    file.original.display()
                ),
            )),
        }
    }
    for event in &events {
        errors.extend(check(event, config));
    }
    Error::collect(errors)?;
    Ok(events)
}

/// A translation's language is one of the others, and it has no more
/// sources than the original.
fn check(event: &Event, config: &Config) -> Vec<Error> {
    let others = &config.languages[1..];
    let mut errors = Vec::new();
    for (lang, translation) in &event.translations {
        if !others.iter().any(|l| &l.code == lang) {
            errors.push(Error::content(
                translation.origin.clone(),
                format!("translations: {lang:?} is not one of the other languages in `languages:`"),
            ));
        }
        let (theirs, ours) = (translation.source_titles.len(), event.sources.len());
        if theirs > ours {
            errors.push(Error::content(
                translation.origin.clone(),
                format!(
                    "sources: the translation lists {theirs} and the original {ours}: translate the original's source titles, in its order"
                ),
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> TranslationFile {
        TranslationFile {
            file: SourceFile {
                path: PathBuf::from(path),
                text: text.to_string(),
                format: Format::Markdown,
            },
            lang: "es".into(),
            original: PathBuf::from("content/x.md"),
        }
    }

    #[test]
    fn shared_fields_are_refused_by_name_and_line() {
        let text = "---\ntitle: Hola\ndate: 1976\ntags: [a]\n---\nCuerpo\n";
        let error = parse_file(&file("content/x.es.md", text))
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "content/x.es.md:3: `date` belongs to the original event: a translation sets only title, summary, body, place and source titles\n\
             content/x.es.md:4: `tags` belongs to the original event: a translation sets only title, summary, body, place and source titles"
        );
    }

    #[test]
    fn the_summary_comes_from_the_body() {
        let text =
            "---\ntitle: Hola\nsources:\n  - {title: Fuente}\n---\nPrimer *párrafo*.\n\nOtro.\n";
        let translation = parse_file(&file("content/x.es.md", text)).unwrap();
        assert_eq!(translation.summary, "Primer párrafo.");
        assert_eq!(translation.source_titles, [Some("Fuente".to_string())]);
        assert_eq!(translation.body_line, 6);
    }
}
