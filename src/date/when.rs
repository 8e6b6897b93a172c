//! When an event happened, as the record allows: its date, its end, how far
//! the record reaches (a decade, an open end) and how sure it is.
//!
//! [`When`] is what the EDTF level-1 forms of `date:` parse into (see
//! [`super::edtf`]): the named date and its end are always days, months or
//! years that were written (`197X` is 1970 to 1979), never a day invented.

use serde::{Deserialize, Serialize};

use super::{HistoricalDate, Locale};

/// How sure the record is of a date: EDTF's `~`, `?` and `%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Certainty {
    /// As written.
    #[default]
    Exact,
    /// Approximate: `1976~`, `circa: true`, "c. 1976".
    Circa,
    /// Uncertain: `1976?`, "1976?".
    Uncertain,
    /// Both approximate and uncertain: `1976%`, "c. 1976?".
    UncertainCirca,
}

impl Certainty {
    /// The certainty once `circa: true` is added to it.
    pub fn with_circa(self) -> Certainty {
        match self {
            Certainty::Exact | Certainty::Circa => Certainty::Circa,
            Certainty::Uncertain | Certainty::UncertainCirca => Certainty::UncertainCirca,
        }
    }

    /// Whether the date is approximate (`~` or `%`).
    pub fn is_circa(self) -> bool {
        matches!(self, Certainty::Circa | Certainty::UncertainCirca)
    }

    /// Whether the record doubts the date (`?` or `%`).
    pub fn is_uncertain(self) -> bool {
        matches!(self, Certainty::Uncertain | Certainty::UncertainCirca)
    }

    /// The EDTF qualifier: ``, `~`, `?` or `%`.
    pub fn qualifier(self) -> &'static str {
        match self {
            Certainty::Exact => "",
            Certainty::Circa => "~",
            Certainty::Uncertain => "?",
            Certainty::UncertainCirca => "%",
        }
    }
}

/// How far a date reaches beyond the day, month or year it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Reach {
    /// The date, or the date to its `end:`.
    #[default]
    Closed,
    /// `1976-11/1977-02`: some time within an interval, written in `date:`.
    Interval,
    /// `197X` (1 digit) or `19XX` (2 digits): some year of a decade or
    /// century; the date is its first year and the end its last.
    Unspecified(u8),
    /// `../1952`: on or before the date.
    Before,
    /// `1991/..`: from the date on, with no end known.
    Onwards,
}

/// When an event happened (or began, and ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The date named: the first day of a span, or for `../1952` the date
    /// the event came before. Events sort by it.
    pub date: HistoricalDate,
    /// The end of a span, never before `date`.
    pub end: Option<HistoricalDate>,
    /// How sure the record is.
    pub certainty: Certainty,
    /// How far the record reaches.
    pub reach: Reach,
}

impl When {
    /// A date as written, exact.
    pub fn on(date: HistoricalDate) -> When {
        When {
            date,
            end: None,
            certainty: Certainty::Exact,
            reach: Reach::Closed,
        }
    }

    /// Whether the dates are approximate.
    pub fn is_circa(&self) -> bool {
        self.certainty.is_circa()
    }

    /// Whether a plain date or span with at most "c." says it all: no `?`,
    /// no unspecified digit, no open end.
    pub fn is_plain(&self) -> bool {
        matches!(self.reach, Reach::Closed | Reach::Interval) && !self.certainty.is_uncertain()
    }

    /// The last date named: the end of a span, or the date.
    pub fn last(&self) -> HistoricalDate {
        self.end.unwrap_or(self.date)
    }

    /// Whether the record gives a stretch of time within which the date
    /// falls, rather than the date: an interval, an unspecified digit, an
    /// open end.
    pub fn is_vague(&self) -> bool {
        self.reach != Reach::Closed
    }

    /// The earliest day it can mean; `None` before an open start.
    pub fn earliest(&self) -> Option<chrono::NaiveDate> {
        (self.reach != Reach::Before).then(|| self.date.first_day())
    }

    /// The latest day it can mean; `None` after an open end.
    pub fn latest(&self) -> Option<chrono::NaiveDate> {
        (self.reach != Reach::Onwards).then(|| self.last().last_day())
    }

    /// As readers write it in `locale`: `c. 7 May 2025`, `1970s`,
    /// `antes de 1952`, `septiembre de 1814 – 9 de junio de 1815`.
    pub fn human_in(&self, locale: Locale) -> String {
        super::human::when_in(self, locale)
    }

    /// The EDTF string (Library of Congress, level 1): `1976?`, `197X`,
    /// `1976-11/1977-02`, `../1952`, `-1258~` for c. 1259 BCE.
    pub fn edtf(&self) -> String {
        let q = self.certainty.qualifier();
        let date = self.date.edtf();
        match (self.reach, self.end) {
            (Reach::Unspecified(digits), _) => {
                let keep = date.len() - digits as usize;
                format!("{}{}{q}", &date[..keep], "X".repeat(digits as usize))
            }
            (Reach::Before, _) => format!("../{date}{q}"),
            (Reach::Onwards, _) => format!("{date}{q}/.."),
            (Reach::Closed | Reach::Interval, Some(end)) => format!("{date}{q}/{}{q}", end.edtf()),
            (Reach::Closed | Reach::Interval, None) => format!("{date}{q}"),
        }
    }
}
