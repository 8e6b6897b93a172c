//! Open data: the chronology under `data/`, in formats other tools read.
//!
//! - `events.json` and its JSON Schema `events.schema.json`: every field;
//! - `events.csv`: one row per event, for spreadsheets;
//! - `events.ics`: an iCalendar file of all-day events, for calendars;
//! - `timeline.json`: the TimelineJS3 format, to embed the chronology in
//!   a TimelineJS timeline.
//!
//! Every export is written from the model in chronological order and
//! depends on nothing else (no clock, no locale), so a build is
//! byte-identical run to run. Absolute URLs appear only when the base URL
//! is known.

mod csv;
mod ics;
mod json;
mod timeline;

use serde::Serialize;

use crate::chronology::Chronology;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::render::Sink;

/// The folder of the output the exports go in.
pub const DIR: &str = "data";

/// Writes every export into `sink`.
pub fn write(chronology: &Chronology, config: &Config, sink: &dyn Sink) -> Result<()> {
    let events = json::Document::new(chronology, config);
    put(sink, "events.json", &pretty("events.json", &events)?)?;
    put(sink, "events.schema.json", json::SCHEMA.as_bytes())?;
    let csv = csv::table(&events.events).map_err(|e| Error::io(format!("{DIR}/events.csv"), e))?;
    put(sink, "events.csv", &csv)?;
    put(
        sink,
        "events.ics",
        ics::calendar(chronology, config).as_bytes(),
    )?;
    let timeline = timeline::Timeline::new(chronology, config);
    put(sink, "timeline.json", &pretty("timeline.json", &timeline)?)
}

/// What the exports leave out, worth a warning.
pub fn warnings(chronology: &Chronology) -> Vec<String> {
    let left_out = ics::left_out(chronology);
    if left_out == 0 {
        return Vec::new();
    }
    vec![format!(
        "{DIR}/events.ics leaves out {left_out} event{} that a calendar cannot hold \
         (before the common era or after 9999)",
        if left_out == 1 { "" } else { "s" }
    )]
}

fn put(sink: &dyn Sink, name: &str, bytes: &[u8]) -> Result<()> {
    sink.put(&format!("{DIR}/{name}"), bytes)
}

/// Indented JSON ending in a newline.
fn pretty<T: Serialize>(name: &str, value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| Error::io(format!("{DIR}/{name}"), e.into()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
