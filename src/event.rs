//! Event files → validated [`Event`]s.
//!
//! Front matter deserialises strictly into [`RawEvent`] (a misspelt key is an
//! error with a suggestion), then is validated into an [`Event`]: slug chosen
//! and checked, `end` not before `date`, source URLs safe, summary filled in
//! from the body. Files are parsed in parallel and every bad file is reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;
use serde::de::Deserializer;

use crate::date::{Certainty, HistoricalDate, When};
use crate::error::{Error, Position, Result};
use crate::front_matter;
use crate::load::{Format, SourceFile};
use crate::markdown::{self, FileLink};
use crate::page_path::{self, PagePath};
use crate::slug::slugify;
use crate::source::RawSource;
pub use crate::source::Source;

mod body;
mod translation;

pub use body::Body;
pub(crate) use translation::RawTranslation;
pub use translation::Translation;

/// Front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    title: String,
    date: HistoricalDate,
    end: Option<HistoricalDate>,
    #[serde(default)]
    circa: bool,
    summary: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    tags: Vec<String>,
    #[serde(default)]
    actors: crate::actor::NameOr<crate::actor::Named>,
    place: Option<String>,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default, deserialize_with = "one_or_many")]
    related: Vec<String>,
    slug: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    aliases: Vec<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
    body: Option<String>,
    #[serde(default)]
    translations: BTreeMap<String, RawTranslation>,
}

/// Whether an event is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// Published.
    #[default]
    Published,
    /// Published only when drafts are asked for (`draft: true`).
    Draft,
}

/// Where the parts of an event are written in its file: for errors that
/// point at them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    /// The file and line the event starts at.
    pub origin: Position,
    /// The file line of the body's first line.
    pub body_line: usize,
    /// The line `aliases:` is on.
    pub aliases_line: usize,
    /// Where each of `related` is written: file line and column.
    pub related: Box<[(u32, u32)]>,
}

/// A validated event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Unique across the site; the page is `events/<slug>.html`.
    pub slug: String,
    /// Plain text.
    pub title: String,
    /// When it happened, as the record allows.
    pub when: When,
    /// Plain text: the front matter's, or the body's first paragraph.
    pub summary: String,
    /// Topics, as written.
    pub tags: Vec<String>,
    /// Countries, people, organisations, as written.
    pub actors: Vec<String>,
    /// The part some of them played, by name as written.
    pub roles: BTreeMap<String, crate::actor::Role>,
    /// Where it happened.
    pub place: Option<String>,
    /// Numbered on the page, in this order.
    pub sources: Vec<Source>,
    /// Slugs of related events.
    pub related: Vec<String>,
    /// Old addresses that redirect here: output paths such as
    /// `events/old-name.html`.
    pub aliases: Vec<String>,
    /// Published, or left out unless drafts are asked for.
    pub status: Status,
    /// Free data for templates.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Markdown.
    pub body: Body,
    /// Links in the body to other events' files.
    pub file_links: Vec<FileLink>,
    /// Where it is written, for errors and for reading its body again.
    pub spans: Spans,
    /// Its text in the site's other languages, by language code.
    pub translations: BTreeMap<String, Translation>,
    /// In a language edition the event is not translated into: the
    /// language its text is shown in, the original's.
    pub shown_in: Option<String>,
}

impl Event {
    /// Where the `index`th of `related` is written, for errors about it.
    pub fn related_at(&self, index: usize) -> Position {
        let spans = &self.spans;
        let (line, column) = spans.related.get(index).copied().unwrap_or_default();
        Position::at(&spans.origin.path, line as usize, column as usize)
    }

    /// Where `aliases:` is written, for errors about it.
    pub fn aliases_at(&self) -> Position {
        Position::at(self.path(), self.spans.aliases_line, 0)
    }

    /// The file the event is written in.
    pub fn path(&self) -> &Path {
        &self.spans.origin.path
    }

    /// The content folder the event's file is in, for resolving its links.
    pub fn dir(&self) -> &Path {
        self.spans.origin.path.parent().unwrap_or(Path::new(""))
    }

    /// When it happened and its summary, as one line of text for feeds and
    /// calendars: `7 May 2025: Signed in Moscow.`
    pub fn dated_summary(&self, locale: crate::date::Locale) -> String {
        let when = self.when.human_in(locale);
        if self.summary.is_empty() {
            when
        } else {
            format!("{when}: {}", self.summary)
        }
    }

    /// The event's page, from the output root: `events/<slug>.html`.
    pub fn page_path(&self) -> PagePath<'_> {
        PagePath::event(&self.slug)
    }

    /// The latest common-era day the event's data names (its dates and its
    /// sources' dates): a timestamp derived from the content, never from the
    /// clock, for formats that require one (Atom `updated`, iCalendar
    /// `DTSTAMP`). `None` when every date is BCE.
    pub fn latest_day(&self) -> Option<chrono::NaiveDate> {
        let sources = self.sources.iter().filter_map(|source| source.date);
        [self.when.date]
            .into_iter()
            .chain(self.when.end)
            .chain(sources)
            .filter(|date| !date.is_bce())
            .map(|date| date.last_day())
            .max()
    }
}

/// Reads and parses every file, in parallel; every bad file is reported.
/// Markdown bodies stay in memory up to [`body_budget`] bytes in all; the
/// rest are released (see [`Body`]), so the events of a large site hold
/// little more than their front matter.
pub fn read_all(root: &Path, files: &[(PathBuf, Format)]) -> Result<Vec<Event>> {
    let shared: Arc<Path> = Arc::from(root);
    let budget = body_budget();
    let held = AtomicUsize::new(0);
    let parsed = crate::load::read_each(root, files, |file| {
        let mut events = parse_file(&file)?;
        if file.format == Format::Markdown {
            for event in &mut events {
                let size = file.text.len();
                if held.fetch_add(size, Ordering::Relaxed) + size > budget {
                    event.body.release(&shared, &file.path, &file.text);
                }
            }
        }
        Ok(events)
    })?;
    Ok(parsed.into_iter().flatten().collect())
}

/// How many bytes of Markdown bodies a build keeps in memory: 128 MiB, or
/// `ANNALS_BODY_BUDGET` bytes when that is set.
fn body_budget() -> usize {
    std::env::var("ANNALS_BODY_BUDGET")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(128 << 20)
}

/// Parses one content file into its events.
pub fn parse_file(file: &SourceFile) -> Result<Vec<Event>> {
    match file.format {
        Format::Markdown => parse_markdown(&file.path, &file.text).map(|e| vec![e]),
        Format::Yaml => parse_yaml(&file.path, &file.text),
    }
}

fn parse_markdown(path: &Path, text: &str) -> Result<Event> {
    let split = front_matter::split(path, text)?;
    let raw: RawEvent = front_matter::parse(path, split.yaml, split.yaml_line)?;
    let lines = Lines {
        text,
        from: split.yaml_line,
        to: split.body_line - 1,
    };
    if raw.body.is_some() {
        return Err(lines.error(
            path,
            "body",
            "`body` is only for YAML files: in Markdown the body follows the closing `---`",
        ));
    }
    if !raw.translations.is_empty() {
        return Err(lines.error(
            path,
            "translations",
            "`translations` is only for YAML files: translate a Markdown event in a file beside it (x.md → x.es.md)",
        ));
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let slug = slugify(&stem);
    let body = split.body.to_string();
    validate(raw, path, &lines, slug, body, split.body_line)
}

fn parse_yaml(path: &Path, text: &str) -> Result<Vec<Event>> {
    let is_list = text
        .lines()
        .map(str::trim_start)
        .find(|line| !line.is_empty() && !line.starts_with('#') && *line != "---")
        .is_some_and(|line| line.starts_with('-'));
    if !is_list {
        let raw: RawEvent = front_matter::parse(path, text, 1)?;
        let lines = Lines {
            text,
            from: 1,
            to: usize::MAX,
        };
        return Ok(vec![validate_yaml(raw, path, &lines)?]);
    }
    let raws: Vec<RawEvent> = front_matter::parse(path, text, 1)?;
    let starts = item_lines(text, raws.len());
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for (index, raw) in raws.into_iter().enumerate() {
        let lines = Lines {
            text,
            from: starts[index],
            to: starts.get(index + 1).map_or(usize::MAX, |next| next - 1),
        };
        match validate_yaml(raw, path, &lines) {
            Ok(event) => events.push(event),
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    Ok(events)
}

fn validate_yaml(mut raw: RawEvent, path: &Path, lines: &Lines) -> Result<Event> {
    let slug = slugify(&format!("{} {}", raw.date, raw.title));
    let body = raw.body.take().unwrap_or_default();
    let body_line = front_matter::key_line(lines.text, "body", lines.from, lines.to)
        .map_or(lines.from, |line| line + 1);
    let raw_translations = std::mem::take(&mut raw.translations);
    let event = validate(raw, path, lines, slug, body, body_line);
    let translations =
        translation::from_yaml(raw_translations, path, lines.text, (lines.from, lines.to));
    match (event, translations) {
        (Ok(event), Ok(translations)) => Ok(Event {
            translations,
            ..event
        }),
        (Err(error), Ok(_)) | (Ok(_), Err(error)) => Err(error),
        (Err(first), Err(second)) => Err(Error::Many(vec![first, second])),
    }
}

/// The first line of each item of a top-level YAML list, if they can be told
/// apart (items at column 0); else every item starts at line 1.
fn item_lines(text: &str, count: usize) -> Vec<usize> {
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with('-') && !line.starts_with("---"))
        .map(|(index, _)| index + 1)
        .collect();
    if starts.len() == count {
        starts
    } else {
        vec![1; count]
    }
}

/// The file lines an event's YAML spans, to place errors found after
/// deserialising.
struct Lines<'a> {
    text: &'a str,
    from: usize,
    to: usize,
}

impl Lines<'_> {
    fn at(&self, path: &Path, key: &str) -> Position {
        Position::at(path, self.line(key), 0)
    }

    fn line(&self, key: &str) -> usize {
        front_matter::key_line(self.text, key, self.from, self.to).unwrap_or(self.from)
    }

    fn error(&self, path: &Path, key: &str, message: impl Into<String>) -> Error {
        Error::content(self.at(path, key), message)
    }

    /// Where `value` is written under `key:` (line and column), else the
    /// key's line.
    fn value_at(&self, key: &str, value: &str) -> (u32, u32) {
        let at = front_matter::value_at(self.text, key, value, self.from, self.to);
        let (line, column) = at.unwrap_or((self.line(key), 0));
        (line as u32, column as u32)
    }

    /// Where `written` is written under `sources:`, else that line.
    fn source_at(&self, path: &Path, written: &str) -> Position {
        let (line, column) = self.value_at("sources", written);
        Position::at(path, line as usize, column as usize)
    }
}

fn validate(
    raw: RawEvent,
    path: &Path,
    lines: &Lines,
    default_slug: String,
    body: String,
    body_line: usize,
) -> Result<Event> {
    let mut errors = Vec::new();
    let slug = choose_slug(raw.slug.as_deref(), default_slug)
        .map_err(|message| errors.push(lines.error(path, "slug", message)))
        .unwrap_or_default();
    if raw.title.trim().is_empty() {
        errors.push(lines.error(path, "title", "the title is empty"));
    }
    if let Some(end) = raw.end.filter(|end| *end < raw.date) {
        let message = format!(
            "the event ends ({}) before it starts ({})",
            end.plain(),
            raw.date.plain()
        );
        errors.push(lines.error(path, "end", message));
    }
    let (actors, roles) = crate::actor::split_roles(raw.actors);
    for (key, names) in [("tags", &raw.tags), ("actors", &actors)] {
        if let Some(name) = names.iter().find(|name| slugify(name).is_empty()) {
            let message = format!("{key}: {name:?} needs at least one letter or digit");
            errors.push(lines.error(path, key, message));
        }
    }
    let sources = raw
        .sources
        .into_iter()
        .filter_map(|source| {
            source
                .validate()
                .map_err(|problems| {
                    errors.extend(problems.into_iter().map(|problem| {
                        Error::content(lines.source_at(path, &problem.written), problem.message)
                    }));
                })
                .ok()
        })
        .collect();
    let aliases = page_path::aliases(&raw.aliases)
        .map_err(|message| errors.push(lines.error(path, "aliases", message)))
        .unwrap_or_default();
    Error::collect(errors)?;
    let scan = markdown::scan(&body);
    let summary = raw
        .summary
        .or(scan.first_paragraph)
        .unwrap_or_default()
        .trim()
        .to_string();
    Ok(Event {
        slug,
        title: raw.title.trim().to_string(),
        when: When {
            date: raw.date,
            end: raw.end,
            certainty: match raw.circa {
                true => Certainty::Circa,
                false => Certainty::Exact,
            },
        },
        summary,
        tags: dedup(raw.tags),
        actors: dedup(actors),
        roles,
        place: raw.place.filter(|p| !p.trim().is_empty()),
        sources,
        spans: Spans {
            origin: Position::at(path, lines.from, 0),
            body_line,
            aliases_line: lines.line("aliases"),
            related: raw
                .related
                .iter()
                .map(|slug| lines.value_at("related", slug))
                .collect(),
        },
        related: raw.related,
        aliases,
        status: match raw.draft {
            true => Status::Draft,
            false => Status::Published,
        },
        extra: raw.extra,
        body: Body::Text(body),
        file_links: scan.file_links,
        translations: BTreeMap::new(),
        shown_in: None,
    })
}

fn choose_slug(written: Option<&str>, default: String) -> Result<String, String> {
    let slug = match written {
        Some(written) => {
            let clean = slugify(written);
            if clean != written {
                return Err(format!(
                    "slug {written:?} must be lowercase ASCII letters, digits and hyphens: did you mean {clean:?}?"
                ));
            }
            clean
        }
        None => default,
    };
    if slug.is_empty() {
        return Err(
            "no slug can be made from the file name: add `slug:` with letters or digits".into(),
        );
    }
    Ok(slug)
}

/// Trims names and drops repeats, keeping the first spelling.
fn dedup(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| name.trim().to_string())
        .filter(|name| seen.insert(slugify(name)))
        .collect()
}

/// `tags: diplomacy` means `tags: [diplomacy]`.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    front_matter::one_or_many(deserializer, "a list of names, such as [diplomacy, trade]")
}

/// Resolves a body link (as written, relative to `dir`) to a content path,
/// lexically: `../x.md` from `content/a` is `content/x.md`.
pub fn resolve_link(dir: &Path, link: &str) -> PathBuf {
    let decoded = link.replace("%20", " ");
    let mut path = PathBuf::new();
    for part in dir.join(decoded).components() {
        match part {
            std::path::Component::ParentDir => {
                path.pop();
            }
            std::path::Component::CurDir => {}
            other => path.push(other),
        }
    }
    path
}

#[cfg(test)]
mod tests;
