//! `data/events.json`: every published event with every field, in a stable,
//! versioned shape described by the JSON Schema shipped beside it
//! (`events.schema.json`, embedded from this folder).
//!
//! Every key is always present (`null` when a value is absent), so that
//! consumers never have to guess. A change that removes or renames a field
//! raises `version`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::chronology::Chronology;
use crate::config::Config;
use crate::date::{HistoricalDate, Precision};
use crate::error::Result;
use crate::event::Event;
use crate::stage::{Kind, Stage};

/// The JSON Schema of `events.json`.
pub(super) const SCHEMA: &str = include_str!("events.schema.json");

/// The shape's version; the schema's `$id` names it too. Version 3 left out
/// the bodies, which the event pages hold.
const VERSION: u32 = 3;

/// The whole file.
#[derive(Serialize)]
pub(super) struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: u32,
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    /// Always empty here: the records are written one by one after it
    /// (see [`super::stream::json_document`]).
    events: [(); 0],
}

/// One event.
#[derive(Serialize)]
pub(super) struct Record<'a> {
    pub(super) slug: &'a str,
    pub(super) title: &'a str,
    /// As the date grammar writes it: `1945-03-14`, `1976`, `1274 BCE`.
    pub(super) date: String,
    pub(super) end: Option<String>,
    pub(super) precision: &'static str,
    pub(super) end_precision: Option<&'static str>,
    pub(super) circa: bool,
    /// Sorts events as the chronology does, as plain text.
    pub(super) sort_key: String,
    /// The date in EDTF, level 1: `1976?`, `197X`, `../1952`, `-1258~`.
    pub(super) edtf: String,
    /// The first day the date can mean (ISO 8601, astronomical years), or
    /// `null` before an open start.
    pub(super) earliest: Option<String>,
    /// The last day it can mean, or `null` after an open end.
    pub(super) latest: Option<String>,
    pub(super) summary: &'a str,
    pub(super) place: Option<&'a str>,
    pub(super) tags: &'a [String],
    pub(super) actors: &'a [String],
    /// The part some actors played, by name as written: `signatory`.
    pub(super) roles: &'a BTreeMap<String, crate::actor::Role>,
    pub(super) eras: Vec<&'a str>,
    /// The event's citations: sources by their id in `sources.json`.
    pub(super) sources: Vec<Cited<'a>>,
    /// A treaty's lifecycle, in chronological order; empty otherwise.
    pub(super) stages: Vec<StageRecord<'a>>,
    pub(super) related: &'a [String],
    /// The event's page, relative to the site's root.
    pub(super) page: String,
    /// The page's absolute URL, when the base URL is known.
    pub(super) url: Option<String>,
    pub(super) extra: &'a BTreeMap<String, serde_json::Value>,
}

/// A stage of a lifecycle.
#[derive(Serialize)]
pub(super) struct StageRecord<'a> {
    /// As written: `signed`, `in force`, `other`.
    pub(super) stage: &'static str,
    /// What an `other` stage was.
    pub(super) label: Option<&'a str>,
    pub(super) edtf: String,
    pub(super) earliest: Option<String>,
    pub(super) latest: Option<String>,
    pub(super) by: Option<&'a str>,
    pub(super) place: Option<&'a str>,
    /// Source ids in `sources.json`.
    pub(super) sources: Vec<String>,
}

impl<'a> StageRecord<'a> {
    fn new(event: &'a Event, stage: &'a Stage) -> Self {
        StageRecord {
            stage: stage.kind.written(),
            label: match &stage.kind {
                Kind::Other(label) => Some(label),
                _ => None,
            },
            edtf: stage.when.edtf(),
            earliest: stage.when.earliest().map(iso_day),
            latest: stage.when.latest().map(iso_day),
            by: stage.by.as_deref(),
            place: stage.place.as_deref(),
            sources: stage
                .sources
                .iter()
                .filter_map(|&index| event.sources.get(index))
                .map(|source| source.id.to_string())
                .collect(),
        }
    }
}

/// A citation: which source, and where in it.
#[derive(Serialize)]
pub(super) struct Cited<'a> {
    /// The source's `id` in `sources.json` and `sources.bib`.
    pub(super) id: String,
    /// Page, folio, paragraph or document number.
    pub(super) locator: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// The document without its records.
    pub(super) fn head(config: &'a Config) -> Self {
        Document {
            schema: "events.schema.json",
            version: VERSION,
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: config.base_url.as_deref(),
            events: [],
        }
    }
}

/// The JSON of the event at `index`.
pub(super) fn record(chronology: &Chronology, config: &Config, index: usize) -> Result<Vec<u8>> {
    let event = &chronology.events[index];
    let record = Record::new(chronology, config, index, event);
    super::stream::json_item("events.json", &record)
}

impl<'a> Record<'a> {
    /// The event's record.
    pub(super) fn new(
        chronology: &'a Chronology,
        config: &Config,
        index: usize,
        event: &'a Event,
    ) -> Self {
        Record {
            slug: &event.slug,
            title: &event.title,
            date: event.when.date.to_string(),
            end: event.when.end.as_ref().map(HistoricalDate::to_string),
            precision: precision(&event.when.date),
            end_precision: event.when.end.as_ref().map(precision),
            circa: event.when.is_circa(),
            sort_key: event.when.date.sort_key(),
            edtf: event.when.edtf(),
            earliest: event.when.earliest().map(iso_day),
            latest: event.when.latest().map(iso_day),
            summary: &event.summary,
            place: event.place.as_deref(),
            tags: &event.tags,
            actors: &event.actors,
            roles: &event.roles,
            eras: chronology
                .eras_of(index)
                .map(|group| group.era.name.as_str())
                .collect(),
            sources: event
                .sources
                .iter()
                .map(|source| Cited {
                    id: source.id.to_string(),
                    locator: source.locator.as_deref(),
                })
                .collect(),
            stages: event
                .stages
                .iter()
                .map(|stage| StageRecord::new(event, stage))
                .collect(),
            related: &event.related,
            page: event.page_path().to_string(),
            url: config.url(&event.page_path().to_string()),
            extra: &event.extra,
        }
    }
}

/// A day in ISO 8601 with astronomical years: `1976-01-01`, `-1258-12-31`.
pub(super) fn iso_day(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = day.year();
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{sign}{:04}-{:02}-{:02}",
        year.abs(),
        day.month(),
        day.day()
    )
}

fn precision(date: &HistoricalDate) -> &'static str {
    match date.precision() {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_json_and_names_this_version() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        assert_eq!(schema["properties"]["version"]["const"], VERSION);
    }
}
