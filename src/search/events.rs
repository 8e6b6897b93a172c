//! What the search needs of each event besides its words: the record a
//! result shows, the tags, actors and eras the filters test, and the years.
//!
//! Records are in blocks of consecutive events, twice over: blocks of
//! [`SMALL`] events, so that a page of results scattered across the
//! centuries loads little more than it shows, and the same records in blocks
//! of [`LARGE`], so that a long list ("show all") needs few files.

use rayon::prelude::*;
use serde::Serialize;

use super::encode::{numbers, postings, zigzag};
use super::{array, script};
use crate::chronology::{Chronology, Group};
use crate::date::Locale;
use crate::error::Result;
use crate::event::Event;

/// Events per small block of records.
pub(crate) const SMALL: usize = 16;

/// Events per large block of records: a whole number of small blocks.
pub(crate) const LARGE: usize = 256;

/// Each event's tags and actors, as positions in the chronology's lists.
pub(crate) struct Memberships {
    /// Tag positions, ascending, per event.
    pub(crate) tags: Vec<Vec<u32>>,
    /// Actor positions, ascending, per event.
    pub(crate) actors: Vec<Vec<u32>>,
}

impl Memberships {
    /// The memberships of every event of `chronology`.
    pub(crate) fn of(chronology: &Chronology) -> Memberships {
        let count = chronology.events.len();
        Memberships {
            tags: members(&chronology.tags, count),
            actors: members(&chronology.actors, count),
        }
    }
}

/// Per event, the positions of the groups it is in.
fn members(groups: &[Group], count: usize) -> Vec<Vec<u32>> {
    let mut of = vec![Vec::new(); count];
    for (position, group) in groups.iter().enumerate() {
        for &event in &group.events {
            of[event].push(position as u32);
        }
    }
    of
}

/// Each event's place, tag names and actor names, as one text.
pub(crate) fn names(chronology: &Chronology, members: &Memberships) -> Vec<String> {
    chronology
        .events
        .par_iter()
        .enumerate()
        .map(|(index, event)| {
            let tags = members.tags[index]
                .iter()
                .map(|&t| &chronology.tags[t as usize]);
            let actors = members.actors[index]
                .iter()
                .map(|&a| &chronology.actors[a as usize]);
            let mut names: Vec<&str> = event.place.as_deref().into_iter().collect();
            names.extend(tags.chain(actors).map(|group| group.name.as_str()));
            names.join(" ")
        })
        .collect()
}

/// One event as a result shows it: slug, title, when, place, tags, and,
/// for an event the edition has no translation of, the language it is
/// shown in (its page is the default edition's); the place and tags are
/// left out when empty and last.
fn record(event: &Event, tags: &[u32], locale: Locale) -> String {
    let when = event.when.human_in(locale);
    let place = event.place.as_deref().unwrap_or("");
    if let Some(lang) = &event.shown_in {
        let record = (&event.slug, &event.title, when, place, tags, lang);
        return serde_json::to_string(&record).unwrap_or_default();
    }
    let json = match (place, tags) {
        ("", []) => serde_json::to_string(&(&event.slug, &event.title, when)),
        (_, []) => serde_json::to_string(&(&event.slug, &event.title, when, place)),
        _ => serde_json::to_string(&(&event.slug, &event.title, when, place, tags)),
    };
    json.unwrap_or_default()
}

/// The blocks of records, as (file name, script): `e16-<k>` and `e256-<k>`.
pub(crate) fn records(
    chronology: &Chronology,
    members: &Memberships,
    locale: Locale,
    emit: &mut dyn FnMut(String, String) -> Result<()>,
) -> Result<()> {
    let records: Vec<String> = chronology
        .events
        .par_iter()
        .zip(&members.tags)
        .map(|(event, tags)| record(event, tags, locale))
        .collect();
    for size in [SMALL, LARGE] {
        for (k, block) in records.chunks(size).enumerate() {
            let name = format!("e{size}-{k}");
            let text = script(&name, &array(block));
            emit(name, text)?;
        }
    }
    Ok(())
}

/// Every group's posting list, in order: tags, actors, then eras.
pub(crate) fn groups(chronology: &Chronology) -> Vec<String> {
    let lists: Vec<&[usize]> = chronology
        .tags
        .iter()
        .chain(&chronology.actors)
        .map(|group| group.events.as_slice())
        .chain(chronology.eras.iter().map(|era| era.events.as_slice()))
        .collect();
    lists
        .par_iter()
        .map(|events| {
            let ids: Vec<u32> = events.iter().map(|&e| e as u32).collect();
            serde_json::to_string(&postings(&ids)).unwrap_or_default()
        })
        .collect()
}

/// The years the year filter tests, as two number streams.
#[derive(Serialize)]
pub(crate) struct Years {
    /// Runs of events that start in the same (astronomical) year: the
    /// change of year from the previous run, zigzag-encoded (the first from
    /// year 0), and how many events.
    from: String,
    /// The events that end in a later year than they start: the gap from
    /// the previous such event (the first from position 0), and how many
    /// years later, zigzag-encoded.
    to: String,
}

/// The years of every event.
pub(crate) fn years(events: &[Event]) -> Years {
    let mut runs: Vec<(i32, u64)> = Vec::new();
    let mut spans = Vec::new();
    let mut last_span = 0;
    for (index, event) in events.iter().enumerate() {
        let from = event.when.date.astronomical_year();
        match runs.last_mut() {
            Some((year, count)) if *year == from => *count += 1,
            _ => runs.push((from, 1)),
        }
        let to = event.when.end.map_or(from, |end| end.astronomical_year());
        if to != from {
            spans.push((index - last_span) as u64);
            spans.push(zigzag(i64::from(to) - i64::from(from)));
            last_span = index;
        }
    }
    let mut previous = 0;
    let from = runs.into_iter().flat_map(|(year, count)| {
        let change = zigzag(i64::from(year) - i64::from(previous));
        previous = year;
        [change, count]
    });
    Years {
        from: numbers(from.collect::<Vec<u64>>()),
        to: numbers(spans),
    }
}
