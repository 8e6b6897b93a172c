//! Dates as the build cache stores them: by their parts. Their own
//! `Deserialize` reads what an editor writes (`1976-11`, `197X`), from a
//! format that says what each value is; the cache's does not.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Certainty, HistoricalDate, Reach, When};

/// A date's parts: astronomical year, month, day.
#[derive(Serialize, Deserialize)]
struct Parts(i32, Option<u32>, Option<u32>);

impl From<HistoricalDate> for Parts {
    fn from(date: HistoricalDate) -> Parts {
        Parts(date.astronomical, date.month, date.day)
    }
}

impl From<Parts> for HistoricalDate {
    fn from(Parts(astronomical, month, day): Parts) -> HistoricalDate {
        HistoricalDate {
            astronomical,
            month,
            day,
        }
    }
}

/// A [`When`]'s parts.
#[derive(Serialize, Deserialize)]
struct WhenParts(Parts, Option<Parts>, Certainty, Reach);

/// `#[serde(with = "crate::date::stored::when")]`
pub mod when {
    use super::*;

    /// Writes `when` by its parts.
    pub fn serialize<S: Serializer>(when: &When, serializer: S) -> Result<S::Ok, S::Error> {
        let end = when.end.map(Parts::from);
        WhenParts(when.date.into(), end, when.certainty, when.reach).serialize(serializer)
    }

    /// Reads a [`When`] from its parts.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<When, D::Error> {
        let WhenParts(date, end, certainty, reach) = WhenParts::deserialize(deserializer)?;
        Ok(When {
            date: date.into(),
            end: end.map(HistoricalDate::from),
            certainty,
            reach,
        })
    }
}

/// `#[serde(with = "crate::date::stored::maybe")]`, for an optional date.
pub mod maybe {
    use super::*;

    /// Writes `date` by its parts.
    pub fn serialize<S: Serializer>(
        date: &Option<HistoricalDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        date.map(Parts::from).serialize(serializer)
    }

    /// Reads an optional date from its parts.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<HistoricalDate>, D::Error> {
        Ok(Option::<Parts>::deserialize(deserializer)?.map(HistoricalDate::from))
    }
}
