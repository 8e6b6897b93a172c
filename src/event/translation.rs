//! An event's text in another language, as the editor writes it: in a
//! file of its own (`x.es.md`, read by `crate::translation`) or under a YAML
//! event's `translations:`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::error::{Error, Position, Result};
use crate::front_matter;
use crate::markdown::{self, FileLink};

/// An event's text in another language.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
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
    /// Whether it sets `body:`, which only a YAML event's translation may.
    pub(crate) fn has_body(&self) -> bool {
        self.body.is_some()
    }

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
    pub(crate) fn validate(
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
