//! The proportional time axis of the index: geometry only, no markup.
//!
//! Distance is time: every date becomes a day number (proleptic Gregorian,
//! astronomical years, so BCE and CE share one line), and days map linearly
//! onto a fixed-width drawing. Ranges become bars in a few lanes above the
//! line, single dates become dots stacked a few deep, and where more dates
//! crowd one stretch of the line than can be told apart they merge into one
//! numbered cluster. The number of shapes is therefore bounded by the width,
//! not by the number of events, so the axis stays legible (and small) from 5
//! events to tens of thousands. Ticks fall on round years (1, 2, 5, 10, 20, 50
//! … years apart), chosen so that about ten fit. The template turns this into
//! SVG; this module only measures.
//!
//! Where a cluster hides events, [`detail`] measures a second band that
//! zooms into the densest one (overview and detail, as SIMILE Timeline's
//! bands do), with ticks on months or days when it spans less than years.

use chrono::{Datelike, NaiveDate};

mod span;

pub use span::{Open, Span};

mod detail;
mod ticks;

pub use detail::{Detail, detail};
pub use ticks::Tick;

/// The drawing's width in SVG user units.
pub const WIDTH: f64 = 960.0;
/// Room left and right of the line, so marks at the ends are whole.
const PAD: f64 = 20.0;
/// Width of one stretch of line whose dates are stacked or clustered.
const BUCKET: f64 = 14.0;
/// How many dots one stretch shows before they become a cluster.
const STACK: usize = 3;
/// How many lanes ranges get before the rest are drawn as dots.
const RANGE_LANES: usize = 3;
/// A range narrower than this is drawn as a dot.
const MIN_BAR: f64 = 6.0;
/// How far one era band may overlap the next in the same row: eras that
/// hand over on one day (one ends as the next starts) share a row.
const BAND_OVERLAP: f64 = 4.0;
/// Height of an era row.
const ERA_ROW: f64 = 24.0;
/// Height of one range lane.
const RANGE_ROW: f64 = 10.0;
/// Height of one dot lane.
const DOT_ROW: f64 = 12.0;
/// Room under the line for tick labels.
const TICK_ROOM: f64 = 26.0;
/// Mean days in a Gregorian year.
const YEAR_DAYS: f64 = 365.2425;

/// What a mark stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One event with a single date.
    Dot,
    /// One event with an end date.
    Bar,
    /// Several events too close to tell apart.
    Cluster,
}

/// One shape on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// What it stands for.
    pub shape: Shape,
    /// Left edge (bars, clusters) or centre (dots).
    pub x: f64,
    /// Width; 0 for dots.
    pub width: f64,
    /// Vertical centre.
    pub y: f64,
    /// Any of its events is approximate.
    pub circa: bool,
    /// A stretch within which the date falls: drawn faded.
    pub fuzzy: bool,
    /// A date the record doubts: drawn hollow.
    pub uncertain: bool,
    /// The events it stands for, as indices into the spans given, in order.
    pub events: Vec<usize>,
}

/// An era's band.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Index into the eras given.
    pub era: usize,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub width: f64,
    /// Top edge.
    pub y: f64,
}

/// The measured axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Total height.
    pub height: f64,
    /// Where the line is.
    pub line: f64,
    /// Era bands.
    pub bands: Vec<Band>,
    /// Event marks, left to right within each kind.
    pub marks: Vec<Mark>,
    /// Ticks, left to right.
    pub ticks: Vec<Tick>,
}

/// How a band is drawn: the overview, or the detail of a dense span.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The least room, in days, left before the first and after the last
    /// event.
    margin: f64,
    /// How many dots one stretch shows before they become a cluster.
    stack: usize,
}

/// The whole chronology: half a year of room, clusters past [`STACK`].
const OVERVIEW: Frame = Frame {
    margin: YEAR_DAYS / 2.0,
    stack: STACK,
};

/// Maps days onto the drawing.
#[derive(Debug, Clone, Copy)]
struct Scale {
    low: f64,
    high: f64,
}

impl Scale {
    fn new(events: &[Span], frame: Frame) -> Option<Scale> {
        let low = events.iter().map(|s| day(s.first)).min()?;
        let high = events.iter().map(|s| day(s.last)).max()?;
        let (low, high) = (low as f64, high as f64 + 1.0);
        let margin = ((high - low) * 0.02).max(frame.margin);
        Some(Scale {
            low: low - margin,
            high: high + margin,
        })
    }

    fn x(&self, date: NaiveDate) -> f64 {
        self.x_of(day(date) as f64)
    }

    /// The middle of a span: a year-precision date sits mid-year.
    fn centre(&self, span: &Span) -> f64 {
        self.x_of((day(span.first) + day(span.last) + 1) as f64 / 2.0)
    }

    fn x_of(&self, day: f64) -> f64 {
        let ratio = (day - self.low) / (self.high - self.low);
        round(PAD + ratio.clamp(0.0, 1.0) * (WIDTH - 2.0 * PAD))
    }

    fn years(&self) -> f64 {
        (self.high - self.low) / YEAR_DAYS
    }
}

/// Measures the axis for events (in chronological order) and eras; `None`
/// when there are no events.
pub fn measure(events: &[Span], eras: &[Span]) -> Option<Axis> {
    measure_in(events, eras, OVERVIEW)
}

fn measure_in(events: &[Span], eras: &[Span], frame: Frame) -> Option<Axis> {
    let scale = Scale::new(events, frame)?;
    let (bands, era_lanes) = bands(&scale, eras);
    let ranges_top = era_lanes as f64 * ERA_ROW + if era_lanes > 0 { 6.0 } else { 0.0 };
    let (bars, dots, range_lanes) = split(&scale, events, ranges_top);
    let dots_top = ranges_top + range_lanes as f64 * RANGE_ROW;
    let mut stacked = stack(&scale, events, &dots, frame.stack);
    let tallest = stacked.iter().map(|m| -m.y).fold(DOT_ROW / 2.0, f64::max);
    let line = round(dots_top + tallest + DOT_ROW / 2.0 + 2.0);
    for mark in &mut stacked {
        mark.y = round(mark.y + line);
    }
    let mut marks = bars;
    marks.extend(stacked);
    Some(Axis {
        height: line + TICK_ROOM,
        line,
        bands,
        marks,
        ticks: ticks::ticks(&scale),
    })
}

/// Era bands, in as many rows as overlaps need; returns the row count.
fn bands(scale: &Scale, eras: &[Span]) -> (Vec<Band>, usize) {
    let mut ends: Vec<f64> = Vec::new();
    let mut bands = Vec::new();
    for (era, span) in eras.iter().enumerate() {
        let (x, right) = (scale.x(span.first), scale.x_of(day(span.last) as f64 + 1.0));
        if right <= PAD || x >= WIDTH - PAD {
            continue;
        }
        let row = lane(&mut ends, x, right - BAND_OVERLAP, usize::MAX);
        bands.push(Band {
            era,
            x,
            width: round((right - x).max(2.0)),
            y: row.unwrap_or(0) as f64 * ERA_ROW,
        });
    }
    (bands, ends.len())
}

/// Ranges wide enough to show as bars, in lanes; every other event (by
/// index) is left for the dots. Returns the bars, the dots and the lanes used.
fn split(scale: &Scale, events: &[Span], top: f64) -> (Vec<Mark>, Vec<usize>, usize) {
    let mut ends: Vec<f64> = Vec::new();
    let mut bars = Vec::new();
    let mut dots = Vec::new();
    for (index, span) in events.iter().enumerate() {
        let (x, right) = span.reach(scale);
        let ranged = span.ranged || span.open != Open::Neither;
        let lane = (ranged && right - x >= MIN_BAR)
            .then(|| lane(&mut ends, x, right, RANGE_LANES))
            .flatten();
        match lane {
            Some(lane) => bars.push(Mark {
                shape: Shape::Bar,
                x,
                width: round(right - x),
                y: top + lane as f64 * RANGE_ROW + RANGE_ROW / 2.0,
                circa: span.circa,
                fuzzy: span.fuzzy,
                uncertain: span.uncertain,
                events: vec![index],
            }),
            None => dots.push(index),
        }
    }
    (bars, dots, ends.len())
}

/// The first lane (of at most `max`) free at `x`, claimed up to `right`.
fn lane(ends: &mut Vec<f64>, x: f64, right: f64, max: usize) -> Option<usize> {
    if let Some(free) = ends.iter().position(|&end| end + 2.0 <= x) {
        ends[free] = right;
        return Some(free);
    }
    if ends.len() < max {
        ends.push(right);
        return Some(ends.len() - 1);
    }
    None
}

/// Dots stacked upwards from the line (at 0), a stretch of line at a time;
/// a stretch with more than `limit` dates becomes one cluster. `dots` are
/// indices in chronological order, so each stretch is a run of them.
fn stack(scale: &Scale, events: &[Span], dots: &[usize], limit: usize) -> Vec<Mark> {
    let line = 0.0;
    let mut marks = Vec::new();
    let bucket_of = |index: usize| ((scale.centre(&events[index]) - PAD) / BUCKET).floor() as i64;
    let mut start = 0;
    while start < dots.len() {
        let bucket = bucket_of(dots[start]);
        let mut end = start + 1;
        while end < dots.len() && bucket_of(dots[end]) == bucket {
            end += 1;
        }
        let run = &dots[start..end];
        if run.len() > limit {
            marks.push(cluster(scale, events, run, line));
        } else {
            marks.extend(run.iter().enumerate().map(|(level, &index)| {
                dot(
                    scale,
                    events,
                    index,
                    line - DOT_ROW / 2.0 - level as f64 * DOT_ROW,
                )
            }));
        }
        start = end;
    }
    marks
}

fn dot(scale: &Scale, events: &[Span], index: usize, y: f64) -> Mark {
    let span = events[index];
    Mark {
        shape: Shape::Dot,
        x: scale.centre(&span),
        width: 0.0,
        y,
        circa: span.circa,
        fuzzy: span.fuzzy,
        uncertain: span.uncertain,
        events: vec![index],
    }
}

/// One mark for a run of events: it spans them, at least nearly a bucket
/// wide.
fn cluster(scale: &Scale, events: &[Span], run: &[usize], line: f64) -> Mark {
    let first = run[0];
    let last = run[run.len() - 1];
    let left = scale.centre(&events[first]);
    let right = scale.centre(&events[last]).max(left + BUCKET - 2.0);
    Mark {
        shape: Shape::Cluster,
        x: left,
        width: round(right - left),
        y: line - DOT_ROW,
        circa: run.iter().any(|&i| events[i].circa),
        fuzzy: false,
        uncertain: false,
        events: run.to_vec(),
    }
}

/// A day as a number; BCE days are negative.
fn day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn from_day(day: f64) -> NaiveDate {
    let day = day.round().clamp(i32::MIN as f64, i32::MAX as f64) as i32;
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// Coordinates to a tenth of a unit: short markup, stable output.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests;
