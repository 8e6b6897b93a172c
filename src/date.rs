//! `HistoricalDate`: the one date type of annals.
//!
//! Chronologies give dates at the precision the sources allow: a year (`1976`),
//! a month (`1976-11`) or a day (`1945-03-14`), before or after the common era
//! (`1259 BCE`). A date is never widened into a day nobody wrote and never
//! shifted by a time zone: it is a calendar date, proleptic Gregorian, with an
//! explicit [`Precision`].

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserialize, Deserializer, Visitor};

mod edtf;
mod human;
pub mod stored;
mod when;

pub use human::{Locale, human_span_in};
pub use when::{Certainty, Reach, When};

/// How much of a date the editor wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `1976`
    Year,
    /// `1976-11`
    Month,
    /// `1945-03-14`
    Day,
}

/// A calendar date at year, month or day precision, BCE or CE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HistoricalDate {
    /// Astronomical year: 1 BCE is 0, 2 BCE is -1; 1 CE is 1.
    astronomical: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// The largest year a date may have, before or after the common era.
pub const MAX_YEAR: u32 = 9999;

const GRAMMAR: &str = "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by \" BCE\"";

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl HistoricalDate {
    /// Parses the date grammar: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally
    /// followed by ` BCE`. The year has one to four digits and is not 0.
    pub fn parse(text: &str) -> Result<Self, String> {
        let fail = |why: &str| format!("invalid date {text:?}: {why}");
        let trimmed = text.trim();
        let (body, bce) = match trimmed.strip_suffix("BCE") {
            Some(rest) if rest.ends_with(' ') => (rest.trim_end(), true),
            Some(_) => return Err(fail("write a space before \"BCE\", as in \"1259 BCE\"")),
            None => (trimmed, false),
        };
        if body.contains(['T', ':']) {
            return Err(fail("a date has no time of day; expected YYYY-MM-DD"));
        }
        let parts: Vec<&str> = body.split('-').collect();
        if parts.len() > 3 || parts.iter().any(|p| !is_digits(p)) {
            return Err(fail(GRAMMAR));
        }
        let year = parse_year(parts[0]).map_err(|why| fail(&why))?;
        let month = parts
            .get(1)
            .map(|m| parse_month(m))
            .transpose()
            .map_err(|why| fail(&why))?;
        let astronomical = if bce { 1 - year as i32 } else { year as i32 };
        let day = match (month, parts.get(2)) {
            (Some(month), Some(day)) => {
                Some(parse_day(astronomical, month, day).map_err(|why| fail(&why))?)
            }
            _ => None,
        };
        Ok(HistoricalDate {
            astronomical,
            month,
            day,
        })
    }

    /// A CE date from its parts; `None` when they name no calendar day.
    pub fn from_parts(year: i32, month: Option<u32>, day: Option<u32>) -> Option<Self> {
        let date = HistoricalDate {
            astronomical: year,
            month,
            day,
        };
        Self::parse(&date.to_string()).ok().filter(|d| *d == date)
    }

    /// How much of the date was written.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// True before the common era.
    pub fn is_bce(&self) -> bool {
        self.astronomical <= 0
    }

    /// The year as people write it: 1259 for 1259 BCE.
    pub fn year(&self) -> u32 {
        if self.is_bce() {
            (1 - self.astronomical) as u32
        } else {
            self.astronomical as u32
        }
    }

    /// The astronomical year: 1 BCE is 0, so years can be subtracted.
    pub fn astronomical_year(&self) -> i32 {
        self.astronomical
    }

    /// The month, 1 to 12, when written.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// The day of the month, when written.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// The first day the date can mean (1976 → 1 January 1976).
    pub fn first_day(&self) -> NaiveDate {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        ymd(self.astronomical, month, day)
    }

    /// The last day the date can mean (1976 → 31 December 1976).
    pub fn last_day(&self) -> NaiveDate {
        let month = self.month.unwrap_or(12);
        let day = self
            .day
            .unwrap_or_else(|| days_in_month(self.astronomical, month));
        ymd(self.astronomical, month, day)
    }

    /// The value of an HTML `datetime` attribute (`1976`, `1976-11`,
    /// `1945-03-14`), or `None` for BCE dates, which HTML cannot express.
    pub fn datetime(&self) -> Option<String> {
        (!self.is_bce()).then(|| self.to_string())
    }

    /// The date in EDTF and ISO 8601 at the precision written, years
    /// astronomical (1 BCE is `0000`, 1259 BCE is `-1258`).
    pub fn edtf(&self) -> String {
        let year = self.astronomical;
        let mut text = match year < 0 {
            true => format!("-{:04}", -year),
            false => format!("{year:04}"),
        };
        if let Some(month) = self.month {
            text.push_str(&format!("-{month:02}"));
        }
        if let Some(day) = self.day {
            text.push_str(&format!("-{day:02}"));
        }
        text
    }

    /// The date as editors write it, for messages: the grammar without the
    /// year's zero padding (`988-02-30`, `44 BCE`, not `0988-02-30`).
    pub fn plain(&self) -> String {
        let text = self.to_string();
        text.trim_start_matches('0').to_string()
    }

    /// The date for readers, in English: `14 March 1945`, `November 1976`,
    /// `1976`, `1259 BCE`.
    pub fn human(&self) -> String {
        self.human_in(Locale::English)
    }

    /// A key that sorts dates as [`Ord`] does and reads as text: years are
    /// offset so that BCE sorts first (`"05945-03-14"` style, never negative).
    pub fn sort_key(&self) -> String {
        let shifted = self.astronomical + MAX_YEAR as i32;
        format!(
            "{shifted:05}-{:02}-{:02}-{}",
            self.month.unwrap_or(1),
            self.day.unwrap_or(1),
            self.precision() as u8
        )
    }
}

/// A readable span: `September 1814 – 9 June 1815`, `c. 1259 BCE`.
pub fn human_span(start: &HistoricalDate, end: Option<&HistoricalDate>, circa: bool) -> String {
    human_span_in(start, end, circa, Locale::English)
}

impl Ord for HistoricalDate {
    /// Earliest day first, then year before month before day precision.
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for HistoricalDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for HistoricalDate {
    /// The canonical grammar, which [`HistoricalDate::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year())?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        if self.is_bce() {
            write!(f, " BCE")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for HistoricalDate {
    /// Accepts a string in the date grammar, or a bare year (`date: 1976`),
    /// which YAML reads as an integer.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = HistoricalDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by \" BCE\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        HistoricalDate::parse(text).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, year: u64) -> Result<Self::Value, E> {
        self.visit_str(&year.to_string())
    }

    fn visit_i64<E: de::Error>(self, year: i64) -> Result<Self::Value, E> {
        self.visit_str(&year.to_string())
    }
}

fn is_digits(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
}

fn parse_year(part: &str) -> Result<u32, String> {
    if part.len() > 4 {
        return Err(format!("the year must be between 1 and {MAX_YEAR}"));
    }
    match part.parse::<u32>() {
        Ok(0) => Err("there is no year 0: 1 BCE is followed by 1".into()),
        Ok(year) => Ok(year),
        Err(_) => Err(GRAMMAR.into()),
    }
}

fn parse_month(part: &str) -> Result<u32, String> {
    match part.parse::<u32>() {
        Ok(month @ 1..=12) if part.len() == 2 => Ok(month),
        _ if part.len() != 2 => Err("the month has two digits, 01 to 12".into()),
        _ => Err("the month must be 01 to 12".into()),
    }
}

fn parse_day(astronomical: i32, month: u32, part: &str) -> Result<u32, String> {
    if part.len() != 2 {
        return Err("the day has two digits, as in 2025-05-07".into());
    }
    let days = days_in_month(astronomical, month);
    match part.parse::<u32>() {
        Ok(day) if (1..=days).contains(&day) => Ok(day),
        _ => {
            let era = if astronomical <= 0 { " BCE" } else { "" };
            let year = if astronomical <= 0 {
                1 - astronomical
            } else {
                astronomical
            };
            Err(format!(
                "{} has {days} days in {year}{era}",
                MONTHS[month as usize - 1]
            ))
        }
    }
}

/// Days in a month of the proleptic Gregorian calendar, by astronomical year.
fn days_in_month(astronomical: i32, month: u32) -> u32 {
    let first = ymd(astronomical, month, 1);
    let next = if month == 12 {
        ymd(astronomical + 1, 1, 1)
    } else {
        ymd(astronomical, month + 1, 1)
    };
    (next - first).num_days() as u32
}

/// A day that the grammar has already validated; chrono covers years far
/// beyond ±9999, so this cannot fail for a parsed date.
fn ymd(astronomical: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(astronomical, month, day).unwrap_or(NaiveDate::MIN)
}

/// The year a day falls in, as the date grammar writes it.
pub fn year_of(day: NaiveDate) -> HistoricalDate {
    HistoricalDate {
        astronomical: day.year(),
        month: None,
        day: None,
    }
}

#[cfg(test)]
mod tests;
