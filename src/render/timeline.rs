//! The index's time axis as the template receives it: the geometry of
//! [`crate::axis`] with names, links and accessible labels, for the
//! overview and for the detail band of its densest stretch.

use serde::Serialize;

use crate::axis::{self, Axis, Detail, Shape, Span, Tick};
use crate::chronology::Chronology;
use crate::date::HistoricalDate;
use crate::event::Event;
use crate::page_path::{Listing, PagePath};

use super::here::Here;
use crate::date::{Locale, Precision};
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
    /// The densest stretch drawn again, event by event; absent when the
    /// overview shows every event on its own.
    pub(crate) detail: Option<DetailView>,
}

/// The detail band.
#[derive(Serialize)]
pub(crate) struct DetailView {
    pub(crate) height: f64,
    pub(crate) line: f64,
    /// What it shows: `In detail: 7 May 2025 to 9 May 2025`.
    pub(crate) title: String,
    pub(crate) marks: Vec<MarkView>,
    pub(crate) ticks: Vec<TickView>,
    /// The stretch of the overview it details.
    pub(crate) x: f64,
    pub(crate) width: f64,
}

/// The overview and, when it clusters events, its detail.
pub(crate) struct Measured {
    overview: Axis,
    detail: Option<Detail>,
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
    /// What fits inside the band: the name, or its first words with `…`;
    /// absent when not even a short word fits.
    pub(crate) label: Option<String>,
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
    pub(crate) fn new(
        here: Here,
        chronology: &'a Chronology,
        axis: &'a Measured,
        t: &Strings,
    ) -> Self {
        let events = &chronology.events;
        let (overview, detail) = (&axis.overview, axis.detail.as_ref());
        let detailed = detail.map(|d| d.cluster);
        AxisView {
            width: axis::WIDTH,
            height: overview.height,
            line: overview.line,
            title: t.get("axis_title").into(),
            description: description(here, events, chronology.eras.len(), t),
            bands: overview
                .bands
                .iter()
                .map(|band| band_view(here, chronology, band))
                .collect(),
            marks: marks(here, events, overview, detailed, t),
            ticks: ticks(here.locale, &overview.ticks),
            detail: detail.map(|detail| DetailView {
                height: detail.axis.height,
                line: detail.axis.line,
                title: t.fill("axis_detail", &[("when", &window(here.locale, detail))]),
                marks: marks(here, events, &detail.axis, None, t),
                ticks: ticks(here.locale, &detail.axis.ticks),
                x: overview.marks[detail.cluster].x,
                width: overview.marks[detail.cluster].width,
            }),
        }
    }
}

fn band_view<'a>(here: Here, chronology: &'a Chronology, band: &axis::Band) -> BandView<'a> {
    let era = &chronology.eras[band.era].era;
    let label = fit(&era.name, band.width);
    BandView {
        name: &era.name,
        href: here.link(&PagePath::listing(Listing::Era, &era.slug)),
        x: band.x,
        y: band.y,
        width: band.width,
        height: BAND_HEIGHT,
        labelled: label.as_deref() == Some(era.name.as_str()),
        label,
    }
}

/// As much of `name` as fits in a band `width` wide: the whole name, else
/// its first words (or letters) and `…`, else nothing.
fn fit(name: &str, width: f64) -> Option<String> {
    let fits = |text: &str| text.chars().count() as f64 * CHAR_WIDTH + 12.0 <= width;
    if fits(name) {
        return Some(name.to_string());
    }
    let words = name.match_indices(' ').map(|(at, _)| &name[..at]).rev();
    let letters = name.char_indices().map(|(at, _)| &name[..at]).rev();
    let short = |prefix: &&str| prefix.chars().count() >= 3;
    let words = words.filter(short).map(|prefix| format!("{prefix}…"));
    let letters = letters.filter(short).map(|prefix| format!("{prefix}…"));
    words.chain(letters).find(|text| fits(text))
}

fn marks(
    here: Here,
    events: &[Event],
    axis: &Axis,
    detailed: Option<usize>,
    t: &Strings,
) -> Vec<MarkView> {
    let marks = axis.marks.iter().enumerate();
    marks
        .map(|(index, m)| {
            let mut view = mark(here, events, m, t);
            if detailed == Some(index) {
                view.href = "#axis-detail".into();
                view.label = t.fill("axis_detailed", &[("label", &view.label)]);
            }
            view
        })
        .collect()
}

fn ticks(locale: Locale, ticks: &[Tick]) -> Vec<TickView> {
    ticks
        .iter()
        .map(|tick| TickView {
            x: tick.x,
            label: match tick.date.precision() {
                Precision::Year => locale.year_label(tick.year),
                Precision::Month => tick.date.human_in(locale),
                Precision::Day => tick.date.human_before(&tick.date, locale),
            },
        })
        .collect()
}

/// Measures the axis of a chronology, and its detail band.
pub(crate) fn measure(chronology: &Chronology) -> Option<Measured> {
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
    let overview = axis::measure(&events, &eras)?;
    let detail = axis::detail(&events, &overview);
    Some(Measured { overview, detail })
}

/// The stretch a detail band covers, as briefly as it can be said: `May
/// 2025`, `1989`, `1989–1990`.
fn window(locale: Locale, detail: &Detail) -> String {
    use chrono::Datelike;
    let (first, last) = (detail.first, detail.last);
    let month = (first.year(), first.month()) == (last.year(), last.month());
    let date = crate::date::HistoricalDate::from_parts(first.year(), Some(first.month()), None);
    match date {
        Some(date) if month => date.human_in(locale),
        _ => {
            let (from, to) = (crate::date::year_of(first), crate::date::year_of(last));
            let (from, to) = (from.human_in(locale), to.human_in(locale));
            if from == to {
                from
            } else {
                format!("{from}–{to}")
            }
        }
    }
}

/// When a cluster's events happened: one date, or the first and last.
fn cluster_when(here: Here, events: &[Event], mark: &axis::Mark, t: &Strings) -> String {
    let first = &events[mark.events[0]];
    let last = &events[mark.events[mark.events.len() - 1]];
    let (from, to) = (
        first.when.date.human_in(here.locale),
        last.when.date.human_in(here.locale),
    );
    if from == to {
        from
    } else {
        t.fill("axis_range", &[("from", &from), ("to", &to)])
    }
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
            here.event(first),
            format!("{}, {}", first.title, span_text(first, here.locale)),
        ),
        Shape::Cluster => {
            let when = cluster_when(here, events, mark, t);
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
