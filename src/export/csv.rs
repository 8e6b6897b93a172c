//! `data/events.csv`: one row per event for spreadsheets (RFC 4180: UTF-8,
//! CRLF line ends, quotes where needed, a header row).
//!
//! Lists (tags, actors, eras, source ids, related slugs) are joined with
//! `;`, and so are a treaty's stages (`signed 2025-05-07; ratified 2025-06
//! (Russia)`). A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is prefixed with `'`, so that a spreadsheet shows it as text
//! instead of running it as a formula (CSV injection). The body and `extra`
//! are only in `events.json`.

use std::io;

use serde::Serialize;

use super::json::Record;
use super::stream;
use crate::chronology::Chronology;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::output::Parts;

/// A row, in column order.
#[derive(Serialize)]
struct Row {
    slug: String,
    title: String,
    date: String,
    end: String,
    precision: String,
    circa: String,
    sort_key: String,
    edtf: String,
    earliest: String,
    latest: String,
    summary: String,
    place: String,
    tags: String,
    actors: String,
    eras: String,
    sources: String,
    stages: String,
    related: String,
    page: String,
    url: String,
}

impl Row {
    fn new(record: &Record<'_>) -> Self {
        let join = |items: &[String]| items.join(";");
        let sources: Vec<String> = record.sources.iter().map(|s| s.id.clone()).collect();
        Row {
            slug: cell(record.slug),
            title: cell(record.title),
            date: cell(&record.date),
            end: cell(record.end.as_deref().unwrap_or_default()),
            precision: cell(record.precision),
            circa: cell(if record.circa { "true" } else { "false" }),
            sort_key: cell(&record.sort_key),
            edtf: cell(&record.edtf),
            earliest: cell(record.earliest.as_deref().unwrap_or_default()),
            latest: cell(record.latest.as_deref().unwrap_or_default()),
            summary: cell(record.summary),
            place: cell(record.place.unwrap_or_default()),
            tags: cell(&join(record.tags)),
            actors: cell(&join(record.actors)),
            eras: cell(&record.eras.join(";")),
            sources: cell(&join(&sources)),
            stages: cell(&stages(record)),
            related: cell(&join(record.related)),
            page: cell(&record.page),
            url: cell(record.url.as_deref().unwrap_or_default()),
        }
    }
}

/// The stages in one cell: `signed 2025-05-07; ratified 2025-06 (Russia)`;
/// a labelled stage is its label.
fn stages(record: &Record<'_>) -> String {
    let stage = |s: &super::json::StageRecord<'_>| {
        let name = s.label.unwrap_or(s.stage);
        match s.by {
            Some(by) => format!("{name} {} ({by})", s.edtf),
            None => format!("{name} {}", s.edtf),
        }
    };
    record
        .stages
        .iter()
        .map(stage)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The CSV file of the chronology's `events` (indices), in parts; the
/// first row comes after the header.
pub(super) fn table<'a>(
    chronology: &'a Chronology,
    config: &'a Config,
    events: &'a [usize],
) -> Parts<'a> {
    stream::items(events.len(), b"", move |n| {
        let index = events[n];
        let event = &chronology.events[index];
        row(
            &Row::new(&Record::new(chronology, config, index, event)),
            n == 0,
        )
    })
}

/// One line of CSV, after the header line when `headers`.
fn row<T: Serialize>(row: &T, headers: bool) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .has_headers(headers)
        .from_writer(Vec::new());
    let failed = |e: String| Error::io(format!("{}/events.csv", super::DIR), io::Error::other(e));
    writer.serialize(row).map_err(|e| failed(e.to_string()))?;
    writer.into_inner().map_err(|e| failed(e.to_string()))
}

/// A cell a spreadsheet will not evaluate.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Treaty"), "Treaty");
        assert_eq!(cell(""), "");
    }
}
