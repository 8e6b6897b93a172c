//! `data/events.json`: every published event with every field, in a stable,
//! versioned shape described by the JSON Schema shipped beside it
//! (`events.schema.json`, embedded from this folder).
//!
//! Every key is always present (`null` when a value is absent), so that
//! consumers never have to guess. A change that removes or renames a field
//! raises `version`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::chronology::Chronology;
use crate::config::Config;
use crate::date::{HistoricalDate, Precision};
use crate::error::Result;
use crate::event::Event;

/// The JSON Schema of `events.json`.
pub(super) const SCHEMA: &str = include_str!("events.schema.json");

/// The shape's version; the schema's `$id` names it too.
const VERSION: u32 = 2;

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
    pub(super) summary: &'a str,
    pub(super) place: Option<&'a str>,
    pub(super) tags: &'a [String],
    pub(super) actors: &'a [String],
    /// The part some actors played, by name as written: `signatory`.
    pub(super) roles: &'a BTreeMap<String, crate::actor::Role>,
    pub(super) eras: Vec<&'a str>,
    /// The event's citations: sources by their id in `sources.json`.
    pub(super) sources: Vec<Cited<'a>>,
    pub(super) related: &'a [String],
    /// The event's page, relative to the site's root.
    pub(super) page: String,
    /// The page's absolute URL, when the base URL is known.
    pub(super) url: Option<String>,
    /// The body, as Markdown (empty where it is not needed).
    pub(super) body: Cow<'a, str>,
    pub(super) extra: &'a BTreeMap<String, serde_json::Value>,
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

/// The JSON of the event at `index`, body included.
pub(super) fn record(chronology: &Chronology, config: &Config, index: usize) -> Result<Vec<u8>> {
    let event = &chronology.events[index];
    let record = Record {
        body: event.body.text()?,
        ..Record::new(chronology, config, index, event)
    };
    super::stream::json_item("events.json", &record)
}

impl<'a> Record<'a> {
    /// The event's record, without its body.
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
            related: &event.related,
            page: event.page_path().to_string(),
            url: config.url(&event.page_path().to_string()),
            body: Cow::Borrowed(""),
            extra: &event.extra,
        }
    }
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
