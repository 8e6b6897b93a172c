//! When an event happened, as the record allows: its date, its end, and how
//! sure the record is of them.

use super::{HistoricalDate, Locale, human_span_in};

/// How sure the record is of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Certainty {
    /// As written.
    #[default]
    Exact,
    /// Approximate: "c. 1259".
    Circa,
}

/// When an event happened (or began, and ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The date, or the first day of a span.
    pub date: HistoricalDate,
    /// The end of a span, never before `date`.
    pub end: Option<HistoricalDate>,
    /// How sure the record is.
    pub certainty: Certainty,
}

impl When {
    /// Whether the dates are approximate.
    pub fn is_circa(&self) -> bool {
        self.certainty == Certainty::Circa
    }

    /// The last date named: the end of a span, or the date.
    pub fn last(&self) -> HistoricalDate {
        self.end.unwrap_or(self.date)
    }

    /// As readers write it in `locale`: `c. 7 May 2025`,
    /// `septiembre de 1814 – 9 de junio de 1815`.
    pub fn human_in(&self, locale: Locale) -> String {
        human_span_in(&self.date, self.end.as_ref(), self.is_circa(), locale)
    }
}
