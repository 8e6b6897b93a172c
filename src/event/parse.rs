//! Front matter → validated [`Event`]: the conversion, and where in the
//! file each part is written, for errors that point at it.
//!
//! A Markdown file holds one event; a YAML file one event or a list of
//! them. Validation collects every problem of an event before failing.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use serde::de::Deserializer;

use super::{Body, Event, RawTranslation, Spans, Status, translation};
use crate::date::{HistoricalDate, Reach, When};
use crate::error::{Error, Position, Result};
use crate::front_matter;
use crate::markdown;
use crate::page_path;
use crate::slug::slugify;
use crate::source::RawSource;
use crate::stage::{self, RawStage};

/// Front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    title: String,
    date: When,
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
    #[serde(default)]
    stages: Vec<RawStage>,
    #[serde(default, deserialize_with = "one_or_many")]
    related: Vec<String>,
    slug: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    aliases: Vec<String>,
    #[serde(default)]
    draft: bool,
    updated: Option<String>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
    body: Option<String>,
    #[serde(default)]
    translations: BTreeMap<String, RawTranslation>,
}

pub(super) fn parse_markdown(path: &Path, text: &str) -> Result<Event> {
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

pub(super) fn parse_yaml(path: &Path, text: &str) -> Result<Vec<Event>> {
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
    let slug = slugify(&format!("{} {}", raw.date.date, raw.title));
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

    /// Where the `index`th item under `key:` begins, else the key's line.
    fn item_at(&self, path: &Path, key: &str, index: usize) -> Position {
        let items = front_matter::items_at(self.text, key, self.from, self.to);
        let (line, column) = items.get(index).copied().unwrap_or((self.line(key), 0));
        Position::at(path, line, column)
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
    let when = when(&raw)
        .map_err(|message| errors.push(lines.error(path, "end", message)))
        .unwrap_or(raw.date);
    let (actors, roles) = crate::actor::split_roles(raw.actors);
    for (key, names) in [("tags", &raw.tags), ("actors", &actors)] {
        if let Some(name) = names.iter().find(|name| slugify(name).is_empty()) {
            let message = format!("{key}: {name:?} needs at least one letter or digit");
            errors.push(lines.error(path, key, message));
        }
    }
    let mut sources: Vec<_> = raw
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
    let stages = stage::validate(raw.stages, &mut sources, |index| {
        lines.item_at(path, "stages", index)
    })
    .map_err(|found| errors.extend(found))
    .unwrap_or_default();
    let aliases = page_path::aliases(&raw.aliases)
        .map_err(|message| errors.push(lines.error(path, "aliases", message)))
        .unwrap_or_default();
    let updated = raw.updated.as_deref().map(parse_updated).transpose();
    let updated = updated
        .map_err(|message| errors.push(lines.error(path, "updated", message)))
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
        when,
        summary,
        tags: dedup(raw.tags),
        actors: dedup(actors),
        roles,
        place: raw.place.filter(|p| !p.trim().is_empty()),
        sources,
        stages,
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
        updated,
        extra: raw.extra,
        body: Body::from(body),
        file_links: scan.file_links,
        translations: BTreeMap::new(),
        shown_in: None,
    })
}

/// `date:` with `end:` and `circa:`, which only a plain date may have.
fn when(raw: &RawEvent) -> Result<When, String> {
    let mut when = raw.date;
    if raw.circa {
        when.certainty = when.certainty.with_circa();
    }
    let Some(end) = raw.end else {
        return Ok(when);
    };
    if when.end.is_some() || when.reach != Reach::Closed {
        return Err(format!(
            "`end` cannot be added to {:?}, which has its own reach: write the whole span in `date:`, as in 1976-11/1977-02",
            when.edtf()
        ));
    }
    if end < when.date {
        return Err(format!(
            "the event ends ({}) before it starts ({})",
            end.plain(),
            when.date.plain()
        ));
    }
    when.end = Some(end);
    Ok(when)
}

/// `updated:`, a day (midnight UTC) or an RFC 3339 time.
fn parse_updated(written: &str) -> Result<DateTime<Utc>, String> {
    let day =
        NaiveDate::parse_from_str(written, "%Y-%m-%d").map(|day| day.and_time(NaiveTime::MIN));
    match (day, DateTime::parse_from_rfc3339(written)) {
        (Ok(day), _) => Ok(day.and_utc()),
        (_, Ok(time)) => Ok(time.with_timezone(&Utc)),
        _ => Err(format!(
            "updated: {written:?} is neither a day (2025-05-07) nor a time (2025-05-07T14:30:00Z)"
        )),
    }
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
