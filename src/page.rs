//! Pages that are not events: `content/pages/about.md` becomes
//! `about.html`, with a title and a body and no date.
//!
//! A page's front matter is `title:`, optionally `order:` (its place in
//! the site navigation: pages are listed by `order`, then by file name,
//! those without an order last) and `description:`. A page is translated
//! as a Markdown event is, by a file beside it: `about.es.md` holds the
//! Spanish `title`, `description` and body.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::Config;
use crate::error::{Error, Position, Result};
use crate::front_matter;
use crate::load::Text;
use crate::slug::slugify;

/// A page's text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// Plain text.
    pub title: String,
    /// For the page's `<meta name="description">`.
    pub description: Option<String>,
    /// Markdown.
    pub body: String,
}

/// A page, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentPage {
    /// The file's name: `about.md` is `about`, published as `about.html`.
    pub slug: String,
    /// Its place in the navigation; pages without one come last.
    pub order: Option<i64>,
    /// Its text in the language it is written in.
    pub text: PageText,
    /// Its text in the site's other languages, by language code.
    pub translations: BTreeMap<String, PageText>,
    /// In an edition the page is not translated into: the language it is
    /// shown in, the original's.
    pub shown_in: Option<String>,
    /// Its file, for errors.
    pub path: PathBuf,
}

/// Front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: String,
    order: Option<i64>,
    description: Option<String>,
}

/// Pages that no site may have: they are generated.
const GENERATED: [&str; 1] = ["404"];

/// Parses every page and its translations, in navigation order; every bad
/// file is reported.
pub fn read_all(files: &[Text], config: &Config) -> Result<Vec<ContentPage>> {
    let others: Vec<&str> = config.languages[1..]
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let mut pages = Vec::new();
    let mut translations = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let result = match translated(&file.path, &others) {
            Some((lang, original)) => parse_translation(file).map(|text| {
                translations.push((file.path.clone(), lang, original, text));
            }),
            None => parse(file).map(|page| pages.push(page)),
        };
        errors.extend(result.err());
    }
    for (path, lang, original, text) in translations {
        match pages.iter_mut().find(|page| page.path == original) {
            Some(page) => {
                page.translations.insert(lang, text);
            }
            None => errors.push(Error::content(
                Position::file(&path),
                format!(
                    "this translates {}, which does not exist: name it after the page it translates",
                    original.display()
                ),
            )),
        }
    }
    Error::collect(errors)?;
    pages.sort_by(|a, b| {
        let key = |page: &ContentPage| (page.order.is_none(), page.order);
        key(a).cmp(&key(b)).then_with(|| a.slug.cmp(&b.slug))
    });
    Ok(pages)
}

impl ContentPage {
    /// The page as the `lang` edition shows it: translated, or in its own
    /// language and marked so.
    pub fn in_language(&self, lang: &str, default: &str) -> ContentPage {
        let mut local = self.clone();
        if lang != default {
            match self.translations.get(lang) {
                Some(text) => local.text = text.clone(),
                None => local.shown_in = Some(default.to_string()),
            }
        }
        local
    }
}

/// `(es, content/pages/about.md)` for `content/pages/about.es.md`.
fn translated(path: &Path, langs: &[&str]) -> Option<(String, PathBuf)> {
    let stem = path.file_stem()?.to_str()?;
    let (name, lang) = stem.rsplit_once('.')?;
    let lang = langs.iter().find(|code| **code == lang)?;
    Some((lang.to_string(), path.with_file_name(format!("{name}.md"))))
}

fn parse(file: &Text) -> Result<ContentPage> {
    let (raw, text) = parse_text(file)?;
    let stem = file.path.file_stem().unwrap_or_default().to_string_lossy();
    let slug = slugify(&stem);
    if slug != stem || GENERATED.contains(&stem.as_ref()) {
        let message = match slug != stem {
            true => format!(
                "the file name is the page's address and must be lowercase ASCII letters, digits and single hyphens: did you mean {slug}.md?"
            ),
            false => format!("{stem}.html is a page annals makes: give this file another name"),
        };
        return Err(Error::content(Position::file(&file.path), message));
    }
    Ok(ContentPage {
        slug,
        order: raw.order,
        text,
        translations: BTreeMap::new(),
        shown_in: None,
        path: file.path.clone(),
    })
}

fn parse_translation(file: &Text) -> Result<PageText> {
    let (raw, text) = parse_text(file)?;
    if raw.order.is_some() {
        let line = front_matter::key_line(&file.text, "order", 2, usize::MAX).unwrap_or(1);
        return Err(Error::content(
            Position::at(&file.path, line, 0),
            "`order` belongs to the original page: a translation sets only `title`, `description` and the body",
        ));
    }
    Ok(text)
}

fn parse_text(file: &Text) -> Result<(RawPage, PageText)> {
    let path = file.path.as_path();
    if !file.text.starts_with("---\n") {
        return Err(Error::content(
            Position::at(path, 1, 1),
            "expected front matter: a page starts with a line `---`, then YAML with at least `title`, then `---`",
        ));
    }
    let split = front_matter::split(path, &file.text)?;
    if let Some(line) = front_matter::key_line(&file.text, "date", 2, split.body_line - 1) {
        return Err(Error::content(
            Position::at(path, line, 1),
            "a page has no date: an event with a date goes in content/events/",
        ));
    }
    let raw: RawPage = front_matter::parse(path, split.yaml, split.yaml_line)?;
    if raw.title.trim().is_empty() {
        let line = front_matter::key_line(&file.text, "title", 2, split.body_line);
        return Err(Error::content(
            Position::at(path, line.unwrap_or(2), 0),
            "the title is empty",
        ));
    }
    let text = PageText {
        title: raw.title.trim().to_string(),
        description: raw.description.clone().filter(|d| !d.trim().is_empty()),
        body: split.body.to_string(),
    };
    Ok((raw, text))
}

#[cfg(test)]
mod tests;
