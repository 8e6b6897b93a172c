//! What the index shows besides its cards: its span of years and its
//! grouping into decades and years.

use super::here::Here;
use super::timeline;
use super::views::{Card, Decade, Year};
use crate::chronology::Chronology;
use crate::event::Event;

/// The first and last years for readers: `1945–2025`, `1274 BCE–2020`.
pub(super) fn span(here: Here, chronology: &Chronology) -> Option<String> {
    label(here, years(chronology)?)
}

/// The same for some of the events, by index: one year alone when they
/// share it (`2025`).
pub(super) fn span_of(here: Here, chronology: &Chronology, events: &[usize]) -> Option<String> {
    let events = events.iter().filter_map(|&i| chronology.events.get(i));
    label(here, years_of(events)?)
}

fn label(here: Here, (first, last): (i32, i32)) -> Option<String> {
    let label = |year: i32| here.locale.year_label(year.into());
    Some(match first == last {
        true => label(first),
        false => format!("{}–{}", label(first), label(last)),
    })
}

/// The first and last years of the chronology, negative before the common
/// era.
pub(super) fn years(chronology: &Chronology) -> Option<(i32, i32)> {
    years_of(chronology.events.iter())
}

fn years_of<'a>(events: impl Iterator<Item = &'a Event> + Clone) -> Option<(i32, i32)> {
    let signed = |date: &crate::date::HistoricalDate| {
        let year = date.year() as i32;
        if date.is_bce() { -year } else { year }
    };
    let first = events.clone().next()?;
    let last = events.map(|e| e.when.end.unwrap_or(e.when.date)).max()?;
    Some((signed(&first.when.date), signed(&last)))
}

/// The index's grouping: decades of years of events, BCE first.
pub(super) fn decades<'a>(
    here: Here,
    chronology: &'a Chronology,
    events: &[usize],
) -> Vec<Decade<'a>> {
    let mut decades: Vec<Decade<'a>> = Vec::new();
    for event in events.iter().map(|&index| &chronology.events[index]) {
        let (year, bce) = (event.when.date.year(), event.when.date.is_bce());
        let id_suffix = if bce { "bce" } else { "" };
        let decade = year / 10 * 10;
        let decade_id = format!("d{decade}{id_suffix}");
        if decades.last().is_none_or(|d| d.id != decade_id) {
            decades.push(Decade {
                label: here.locale.decade_label(decade, bce),
                id: decade_id,
                count: 0,
                years: Vec::new(),
            });
        }
        let Some(current) = decades.last_mut() else {
            continue;
        };
        current.count += 1;
        let year_id = timeline::year_id(&event.when.date);
        if current.years.last().is_none_or(|y| y.id != year_id) {
            current.years.push(Year {
                label: here
                    .locale
                    .year_label(if bce { -i64::from(year) } else { year.into() }),
                id: year_id,
                events: Vec::new(),
            });
        }
        if let Some(current_year) = current.years.last_mut() {
            current_year.events.push(Card::new(here, chronology, event));
        }
    }
    decades
}
