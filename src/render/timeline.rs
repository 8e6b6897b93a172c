//! The index's time axis as the template receives it: the geometry of
//! [`crate::axis`] with names, links and accessible labels.

use serde::Serialize;

use crate::axis::{self, Axis, Shape, Span};
use crate::chronology::Chronology;
use crate::date::HistoricalDate;
use crate::event::Event;

use super::views::Here;

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
    pub(crate) ticks: Vec<TickView<'a>>,
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
    /// The event's page, or for a cluster its first year on the index.
    pub(crate) href: String,
    /// The accessible name: title and date, or how many events and when.
    pub(crate) label: String,
    pub(crate) count: usize,
}

/// A year tick.
#[derive(Serialize)]
pub(crate) struct TickView<'a> {
    pub(crate) x: f64,
    pub(crate) label: &'a str,
}

impl<'a> AxisView<'a> {
    /// The axis of the index page, with links relative to `here`.
    pub(crate) fn new(here: Here, chronology: &'a Chronology, axis: &'a Axis) -> Self {
        let events = &chronology.events;
        AxisView {
            width: axis::WIDTH,
            height: axis.height,
            line: axis.line,
            title: "Time axis".into(),
            description: description(events, chronology.eras.len()),
            bands: axis
                .bands
                .iter()
                .map(|band| {
                    let era = &chronology.eras[band.era].era;
                    BandView {
                        name: &era.name,
                        href: here.url(&format!("eras/{}.html", era.slug)),
                        x: band.x,
                        y: band.y,
                        width: band.width,
                        height: BAND_HEIGHT,
                        labelled: era.name.chars().count() as f64 * CHAR_WIDTH + 12.0 <= band.width,
                    }
                })
                .collect(),
            marks: axis.marks.iter().map(|m| mark(here, events, m)).collect(),
            ticks: axis
                .ticks
                .iter()
                .map(|tick| TickView {
                    x: tick.x,
                    label: &tick.label,
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
        .map(|e| Span::of(&e.date, e.end.as_ref(), e.circa))
        .collect();
    let eras: Vec<Span> = chronology
        .eras
        .iter()
        .map(|g| Span::of(&g.era.start, Some(&g.era.end), false))
        .collect();
    axis::measure(&events, &eras)
}

fn mark(here: Here, events: &[Event], mark: &axis::Mark) -> MarkView {
    let first = &events[mark.events[0]];
    let (shape, href, label) = match mark.shape {
        Shape::Dot | Shape::Bar => (
            if mark.shape == Shape::Dot {
                "dot"
            } else {
                "bar"
            },
            here.url(&format!("events/{}.html", first.slug)),
            format!("{}, {}", first.title, span_text(first)),
        ),
        Shape::Cluster => {
            let last = &events[mark.events[mark.events.len() - 1]];
            let (from, to) = (first.date.human(), last.date.human());
            let when = if from == to {
                from
            } else {
                format!("{from} to {to}")
            };
            let n = mark.events.len();
            (
                "cluster",
                format!(
                    "{}#{}",
                    super::paging::index_page(here, mark.events[0]),
                    year_id(&first.date)
                ),
                format!("{n} events, {when}"),
            )
        }
    };
    MarkView {
        shape,
        x: mark.x,
        y: mark.y,
        width: mark.width,
        circa: mark.circa,
        href,
        label,
        count: mark.events.len(),
    }
}

fn span_text(event: &Event) -> String {
    crate::date::human_span(&event.date, event.end.as_ref(), event.circa)
}

fn description(events: &[Event], eras: usize) -> String {
    let (Some(first), Some(last)) = (events.first(), events.last()) else {
        return String::new();
    };
    let bands = if eras > 0 {
        " Coloured bands above them are the eras."
    } else {
        ""
    };
    format!(
        "{} events from {} to {}, placed so that distance is time. Each dot or bar links to \
         an event; a numbered mark stands for events too close together to tell apart and \
         links to their year on this page.{bands}",
        events.len(),
        first.date.human(),
        last.date.human(),
    )
}

/// The id of a year's section on the index: `y1976`, `y1274bce`.
pub(crate) fn year_id(date: &HistoricalDate) -> String {
    let suffix = if date.is_bce() { "bce" } else { "" };
    format!("y{}{suffix}", date.year())
}
