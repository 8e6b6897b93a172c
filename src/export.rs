//! Open data: the chronology under `data/`, in formats other tools read.
//!
//! - `events.json` and its JSON Schema `events.schema.json`: every field;
//! - `events.csv`: one row per event, for spreadsheets;
//! - `events.ics`: an iCalendar file of all-day events, for calendars;
//! - `timeline.json`: the TimelineJS3 format, to embed the chronology in
//!   a TimelineJS timeline;
//! - `sources.json` and `sources.bib`: every distinct source, as CSL-JSON
//!   and as BibLaTeX, for reference managers;
//! - `actors.json`: every actor, declared or named, and the country pairs.
//!
//! Every export is written from the model in chronological order and
//! depends on nothing else (no clock, no locale), so a build is
//! byte-identical run to run. Absolute URLs appear only when the base URL
//! is known.

mod actors;
mod bibtex;
mod csl;
mod csv;
mod ics;
mod json;
mod stream;
mod timeline;

use crate::chronology::Chronology;
use crate::config::Config;
use crate::error::Result;
use crate::output::Sink;

/// The folder of the output the exports go in.
pub const DIR: &str = "data";

/// Writes every export into `sink`, each in parts. An edition's exports
/// hold the events it has its own text of: in a secondary edition, the
/// translated ones (and their sources), since the default edition's
/// exports already hold every other event as written.
pub fn write(chronology: &Chronology, config: &Config, sink: &dyn Sink) -> Result<()> {
    let own = |index: usize| chronology.events[index].shown_in.is_none();
    let events: Vec<usize> = (0..chronology.events.len()).filter(|&i| own(i)).collect();
    let events = &events;
    let head = json::Document::head(config);
    let records = stream::json_document("events.json", &head, events.len(), move |n| {
        json::record(chronology, config, events[n])
    })?;
    sink.put_parts(&path("events.json"), records)?;
    sink.put(&path("events.schema.json"), json::SCHEMA.as_bytes())?;
    sink.put_parts(&path("events.csv"), csv::table(chronology, config, events))?;
    sink.put_parts(
        &path("events.ics"),
        ics::calendar(chronology, config, events),
    )?;
    let sources = crate::chronology::bibliography::Bibliography::of_events(chronology, &own);
    sink.put(&path("sources.json"), &csl::document(&sources))?;
    sink.put(&path("sources.bib"), &bibtex::document(&sources))?;
    sink.put(&path("actors.json"), &actors::document(chronology, config))?;
    let head = timeline::Timeline::head(chronology, config);
    let slides = stream::json_document("timeline.json", &head, events.len(), move |n| {
        timeline::slide(chronology, config, events[n])
    })?;
    sink.put_parts(&path("timeline.json"), slides)
}

/// What the exports leave out, worth a warning.
pub fn warnings(chronology: &Chronology) -> Vec<String> {
    let left_out = ics::left_out(chronology);
    if left_out == 0 {
        return Vec::new();
    }
    vec![format!(
        "{DIR}/events.ics leaves out {left_out} event{} that a calendar cannot hold \
         (before the common era, after 9999 or with an open end)",
        if left_out == 1 { "" } else { "s" }
    )]
}

fn path(name: &str) -> String {
    format!("{DIR}/{name}")
}
