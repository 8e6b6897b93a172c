//! What the axis places: the first and last day a date or span can mean,
//! and how the record qualifies it (approximate, doubted, vague, open).

use chrono::NaiveDate;

use super::{PAD, Scale, WIDTH, day};
use crate::date::{HistoricalDate, Reach, When};

/// A span of time to place: an event or an era.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// The first day it can mean.
    pub first: NaiveDate,
    /// The last day it can mean.
    pub last: NaiveDate,
    /// The date is approximate.
    pub circa: bool,
    /// It has an end date (a single date is never a bar, however imprecise).
    pub ranged: bool,
    /// The record gives a stretch within which the date falls (an
    /// interval, an unspecified digit, an open end): a faded bar.
    pub fuzzy: bool,
    /// The record doubts the date (`?`): a hollow mark.
    pub uncertain: bool,
    /// Which end, if any, runs on to the edge of the axis.
    pub open: Open,
}

/// An end of a span that the record leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Open {
    /// Both ends are known.
    #[default]
    Neither,
    /// `../1952`: it runs from the left edge.
    Start,
    /// `1991/..`, or a treaty still in force: it runs to the right edge.
    End,
}

impl Span {
    /// The span of a date, or of a date and its end.
    pub fn of(start: &HistoricalDate, end: Option<&HistoricalDate>, circa: bool) -> Span {
        Span {
            first: start.first_day(),
            last: end.unwrap_or(start).last_day(),
            circa,
            ranged: end.is_some(),
            fuzzy: false,
            uncertain: false,
            open: Open::Neither,
        }
    }

    /// The span of an event's date in any form.
    pub fn when(when: &When) -> Span {
        let open = match when.reach {
            Reach::Before => Open::Start,
            Reach::Onwards => Open::End,
            _ => Open::Neither,
        };
        Span {
            fuzzy: when.is_vague(),
            uncertain: when.certainty.is_uncertain(),
            open,
            ..Span::of(&when.date, when.end.as_ref(), when.is_circa())
        }
    }

    /// The span of a treaty's lifecycle, first stage to last, running on
    /// to the edge while it is in force.
    pub fn lifecycle(first: NaiveDate, last: NaiveDate, open: bool) -> Span {
        Span {
            first,
            last,
            circa: false,
            ranged: true,
            fuzzy: false,
            uncertain: false,
            open: if open { Open::End } else { Open::Neither },
        }
    }

    /// From where to where it is drawn: an open end reaches the edge.
    pub(super) fn reach(&self, scale: &Scale) -> (f64, f64) {
        let x = match self.open {
            Open::Start => PAD,
            _ => scale.x(self.first),
        };
        let right = match self.open {
            Open::End => WIDTH - PAD,
            _ => scale.x_of(day(self.last) as f64 + 1.0),
        };
        (x, right)
    }
}
