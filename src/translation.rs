//! Translations of events into the site's other languages.
//!
//! A Markdown event `x.md` is translated by `x.es.md` beside it (for each
//! configured language but the first); a YAML event carries a
//! `translations: {es: {title, summary, body, place, sources}}` mapping. A
//! translation sets only text: title, summary, body, place and source
//! titles (a `sources:` list of `{title}` in the original's order). The
//! date, tags, actors, related events and slug belong to the original, and
//! setting them in a translation is an error naming the field.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Position, Result};
use crate::event::{Event, RawTranslation, Translation};
use crate::front_matter;
use crate::load::{Format, SourceFile};

mod freshness;

pub use freshness::{missing, outdated};

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
    files: &[Listed],
    root: &Path,
    config: &Config,
) -> Result<(Vec<Listed>, Vec<TranslationFile>)> {
    let others = other_languages(config);
    let (translations, events): (Vec<_>, Vec<_>) = files
        .iter()
        .cloned()
        .partition(|(path, _)| translated(path, &others).is_some());
    let translations =
        crate::load::read_each(root, &translations, |file| Ok(of_file(file, &others)))?;
    Ok((events, translations.into_iter().flatten().collect()))
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

/// The language `path` translates into and the file it translates, when
/// it is a translation into one of the site's languages but the first (and
/// so no event itself).
pub fn of_path(path: &Path, config: &Config) -> Option<(String, PathBuf)> {
    translated(path, &other_languages(config))
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

/// A translation file, parsed: what it translates, into which language,
/// and what it says (or why it does not).
pub struct Parsed {
    /// The translation's file.
    pub path: PathBuf,
    /// The language it is in.
    pub lang: String,
    /// The file it translates.
    pub original: PathBuf,
    /// What it says.
    pub translation: Result<Translation>,
}

impl TranslationFile {
    /// Parses the file.
    pub fn parse(&self) -> Parsed {
        Parsed {
            path: self.file.path.clone(),
            lang: self.lang.clone(),
            original: self.original.clone(),
            translation: parse_file(self),
        }
    }
}

fn parse_file(file: &TranslationFile) -> Result<Translation> {
    let (path, text) = (file.file.path.as_path(), file.file.text.as_str());
    let split = front_matter::split(path, text)?;
    let raw: RawTranslation = front_matter::parse(path, split.yaml, split.yaml_line)?;
    let at = |key: &str| {
        let line = front_matter::key_line(text, key, split.yaml_line, split.body_line - 1);
        Position::at(path, line.unwrap_or(split.yaml_line), 0)
    };
    if raw.has_body() {
        return Err(Error::content(
            at("body"),
            "`body` is only for YAML files: in Markdown the body follows the closing `---`",
        ));
    }
    let origin = Position::at(path, 1, 0);
    raw.validate(split.body.to_string(), origin, split.body_line, at)
}

/// Gives each event its translations, parsed; checks every translation's
/// language and source count. A translation without an original is an
/// error.
pub fn attach(mut events: Vec<Event>, parsed: Vec<Parsed>, config: &Config) -> Result<Vec<Event>> {
    let by_path: HashMap<PathBuf, usize> = events
        .iter()
        .enumerate()
        .filter(|(_, event)| crate::load::format_of(event.path()) == Some(Format::Markdown))
        .map(|(index, event)| (event.path().to_path_buf(), index))
        .collect();
    let mut errors = Vec::new();
    for file in parsed {
        let translation = match file.translation {
            Ok(translation) => translation,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        match by_path.get(&file.original) {
            Some(&index) => {
                events[index].translations.insert(file.lang, translation);
            }
            None => errors.push(Error::content(
                Position::file(&file.path),
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
