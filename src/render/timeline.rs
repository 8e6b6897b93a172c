//! The index's time axis as the template receives it: the geometry of
//! [`crate::axis`] with names, links and accessible labels.

use serde::Serialize;

use crate::axis::{self, Axis, Shape, Span};
use crate::chronology::Chronology;
use crate::date::HistoricalDate;
use crate::event::Event;
use crate::page_path::{Listing, PagePath};

use super::here::Here;
use crate::date::Locale;
use crate::i18n::Strings;

/// Height of an era band, a little less than its row.
const BAND_HEIGHT: f64 = 20.0;
/// About how wide one character of a band label is, in SVG units.
const CHAR_WIDTH: f64 = 6.6;

/// `axis` in `index.html`.
#[derive(Serialize)]
pub(crate) struct AxisView<'a> {
    pub(crate) width: f64,
    pub(crate) height: f64,
    pub(crate) line: f64,
    /// For `<title>`.
    pub(crate) title: String,
    /// For `<desc>`.
    pub(crate) description: String,
    pub(crate) bands: Vec<BandView<'a>>,
    pub(crate) marks: Vec<MarkView>,
    pub(crate) ticks: Vec<TickView>,
}

/// An era band.
#[derive(Serialize)]
pub(crate) struct BandView<'a> {
    pub(crate) name: &'a str,
    pub(crate) href: String,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) width: f64,
    pub(crate) height: f64,
    /// The name fits inside the band.
    pub(crate) labelled: bool,
}

/// An event, or a cluster of events, on the axis.
#[derive(Serialize)]
pub(crate) struct MarkView {
    /// `dot`, `bar` or `cluster`.
    pub(crate) shape: &'static str,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) width: f64,
    pub(crate) circa: bool,
    /// A stretch within which the date falls: faded.
    pub(crate) fuzzy: bool,
    /// A date the record doubts: hollow.
    pub(crate) uncertain: bool,
    /// The event's page, or for a cluster its first year on the index.
    pub(crate) href: String,
    /// The accessible name: title and date, or how many events and when.
    pub(crate) label: String,
    pub(crate) count: usize,
}

/// A year tick.
#[derive(Serialize)]
pub(crate) struct TickView {
    pub(crate) x: f64,
    pub(crate) label: String,
}

impl<'a> AxisView<'a> {
    /// The axis of the index page, with links relative to `here`.
    pub(crate) fn new(here: Here, chronology: &'a Chronology, axis: &'a Axis, t: &Strings) -> Self {
        let events = &chronology.events;
        AxisView {
            width: axis::WIDTH,
            height: axis.height,
            line: axis.line,
            title: t.get("axis_title").into(),
            description: description(here, events, chronology.eras.len(), t),
            bands: axis
                .bands
                .iter()
                .map(|band| {
                    let era = &chronology.eras[band.era].era;
                    BandView {
                        name: &era.name,
                        href: here.link(&PagePath::listing(Listing::Era, &era.slug)),
                        x: band.x,
                        y: band.y,
                        width: band.width,
                        height: BAND_HEIGHT,
                        labelled: era.name.chars().count() as f64 * CHAR_WIDTH + 12.0 <= band.width,
                    }
                })
                .collect(),
            marks: axis
                .marks
                .iter()
                .map(|m| mark(here, events, m, t))
                .collect(),
            ticks: axis
                .ticks
                .iter()
                .map(|tick| TickView {
                    x: tick.x,
                    label: here.locale.year_label(tick.year),
                })
                .collect(),
        }
    }
}

/// Measures the axis of a chronology.
pub(crate) fn measure(chronology: &Chronology) -> Option<Axis> {
    let events: Vec<Span> = chronology
        .events
        .iter()
        .map(|e| match crate::stage::extent(&e.stages) {
            Some((first, last, open)) => Span::lifecycle(first, last, open),
            None => Span::when(&e.when),
        })
        .collect();
    let eras: Vec<Span> = chronology
        .eras
        .iter()
        .map(|g| Span::of(&g.era.start, Some(&g.era.end), false))
        .collect();
    axis::measure(&events, &eras)
}

fn mark(here: Here, events: &[Event], mark: &axis::Mark, t: &Strings) -> MarkView {
    let first = &events[mark.events[0]];
    let (shape, href, label) = match mark.shape {
        Shape::Dot | Shape::Bar => (
            if mark.shape == Shape::Dot {
                "dot"
            } else {
                "bar"
            },
            here.link(&PagePath::event(&first.slug)),
            format!("{}, {}", first.title, span_text(first, here.locale)),
        ),
        Shape::Cluster => {
            let last = &events[mark.events[mark.events.len() - 1]];
            let (from, to) = (
                first.when.date.human_in(here.locale),
                last.when.date.human_in(here.locale),
            );
            let when = if from == to {
                from
            } else {
                t.fill("axis_range", &[("from", &from), ("to", &to)])
            };
            let n = t.count("events_count", mark.events.len());
            (
                "cluster",
                format!(
                    "{}#{}",
                    super::paging::index_page(here, mark.events[0]),
                    year_id(&first.when.date)
                ),
                t.fill("axis_cluster", &[("n", &n), ("when", &when)]),
            )
        }
    };
    MarkView {
        shape,
        x: mark.x,
        y: mark.y,
        width: mark.width,
        circa: mark.circa,
        fuzzy: mark.fuzzy,
        uncertain: mark.uncertain,
        href,
        label,
        count: mark.events.len(),
    }
}

fn span_text(event: &Event, locale: Locale) -> String {
    event.when.human_in(locale)
}

fn description(here: Here, events: &[Event], eras: usize, t: &Strings) -> String {
    let (Some(first), Some(last)) = (events.first(), events.last()) else {
        return String::new();
    };
    let bands = if eras > 0 { t.get("axis_eras") } else { "" };
    let text = t.fill(
        "axis_description",
        &[
            ("n", &t.count("events_count", events.len())),
            ("from", &first.when.date.human_in(here.locale)),
            ("to", &last.when.date.human_in(here.locale)),
        ],
    );
    format!("{text}{bands}")
}

/// The id of a year's section on the index: `y1976`, `y1274bce`.
pub(crate) fn year_id(date: &HistoricalDate) -> String {
    let suffix = if date.is_bce() { "bce" } else { "" };
    format!("y{}{suffix}", date.year())
}
