//! `data/sources.json`: every distinct source as CSL-JSON, the format
//! Zotero, Pandoc and every citeproc read (valid against the CSL data
//! schema, csl-data.json 1.0).
//!
//! Items are in bibliography order, each `id` the source's id (the one
//! `events.json` cites). Dates keep the precision written: `date-parts`
//! holds one, two or three parts; BCE years are negative, as CSL counts
//! them (44 BCE is -44); an approximate date has `circa`; and a date CSL
//! processors could read two ways (BCE, approximate) also carries its
//! EDTF form in `raw` (`-0043`, `1976~`). A linked source's archived copy
//! is in `custom.archived`; a source known only by its copy has that as
//! its `URL`.

use serde::Serialize;

use crate::chronology::bibliography::Bibliography;
use crate::date::{HistoricalDate, Precision};
use crate::source::{Kind, Source};

/// One CSL-JSON item.
#[derive(Serialize)]
struct Item<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Name<'a>>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<Date>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom: Option<Custom<'a>>,
}

/// A CSL name: `family` and `given` when written "Family, Given", else
/// the name as written.
#[derive(Serialize)]
struct Name<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    literal: Option<&'a str>,
}

/// A CSL date.
#[derive(Serialize)]
struct Date {
    #[serde(rename = "date-parts")]
    parts: [Vec<i32>; 1],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<String>,
}

/// What CSL has no field for.
#[derive(Serialize)]
struct Custom<'a> {
    archived: Archived<'a>,
}

/// An archived copy: its URL and, when known, the day it was made (ISO).
#[derive(Serialize)]
struct Archived<'a> {
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// The CSL-JSON of every source in `bibliography`, one item a line.
pub(super) fn document(bibliography: &Bibliography<'_>) -> Vec<u8> {
    let items: Vec<String> = bibliography
        .entries
        .iter()
        .map(|entry| serde_json::to_string(&item(&entry.source)).unwrap_or_default())
        .collect();
    match items.is_empty() {
        true => b"[]\n".to_vec(),
        false => format!("[\n{}\n]\n", items.join(",\n")).into_bytes(),
    }
}

fn item(source: &Source) -> Item<'_> {
    let kind = source.kind;
    let periodical = kind.is_some_and(Kind::in_periodical);
    let (url, custom) = match (&source.url, &source.archived) {
        (Some(url), Some(archived)) => (Some(url.as_str()), Some(custom(archived))),
        (Some(url), None) => (Some(url.as_str()), None),
        (None, archived) => (archived.as_ref().map(|a| a.url.as_str()), None),
    };
    Item {
        id: source.id.to_string(),
        kind: kind.map_or(
            if url.is_some() { "webpage" } else { "document" },
            Kind::csl_type,
        ),
        title: Some(source.label()).filter(|title| !title.is_empty()),
        author: source.authors.iter().map(|name| self::name(name)).collect(),
        container_title: source.publisher.as_deref().filter(|_| periodical),
        publisher: source.publisher.as_deref().filter(|_| !periodical),
        genre: genre(kind),
        issued: source
            .date
            .as_ref()
            .map(|date| csl_date(date, source.circa)),
        accessed: source.accessed.as_ref().map(|date| csl_date(date, false)),
        url,
        custom,
    }
}

fn custom(archived: &crate::source::Archived) -> Custom<'_> {
    Custom {
        archived: Archived {
            url: &archived.url,
            date: archived.date.map(|date| date.to_string()),
        },
    }
}

/// What a kind CSL files as a document is.
fn genre(kind: Option<Kind>) -> Option<&'static str> {
    match kind? {
        Kind::Cable => Some("Diplomatic cable"),
        Kind::Memorandum => Some("Memorandum"),
        Kind::Letter => Some("Letter"),
        _ => None,
    }
}

fn name(written: &str) -> Name<'_> {
    match written.split_once(',') {
        Some((family, given)) if !family.trim().is_empty() && !given.trim().is_empty() => Name {
            family: Some(family.trim()),
            given: Some(given.trim()),
            literal: None,
        },
        _ => Name {
            family: None,
            given: None,
            literal: Some(written),
        },
    }
}

/// A date at the precision written.
fn csl_date(date: &HistoricalDate, circa: bool) -> Date {
    let year = date.year() as i32;
    let mut parts = vec![if date.is_bce() { -year } else { year }];
    parts.extend(date.month().map(|m| m as i32));
    parts.extend(date.day().map(|d| d as i32));
    let raw = (date.is_bce() || circa).then(|| edtf(date, circa));
    Date {
        parts: [parts],
        circa,
        raw,
    }
}

/// The EDTF form of a date: astronomical years (1 BCE is `0000`), the
/// precision written, `~` when approximate.
pub(super) fn edtf(date: &HistoricalDate, circa: bool) -> String {
    let year = date.astronomical_year();
    let mut text = match year < 0 {
        true => format!("-{:04}", -year),
        false => format!("{year:04}"),
    };
    if date.precision() != Precision::Year {
        text.push_str(&format!("-{:02}", date.month().unwrap_or(1)));
    }
    if let Some(day) = date.day() {
        text.push_str(&format!("-{day:02}"));
    }
    if circa {
        text.push('~');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str, circa: bool) -> serde_json::Value {
        let date = HistoricalDate::parse(text).unwrap();
        serde_json::to_value(csl_date(&date, circa)).unwrap()
    }

    #[test]
    fn dates_keep_their_written_precision() {
        assert_eq!(
            date("1976", false),
            serde_json::json!({"date-parts": [[1976]]})
        );
        assert_eq!(
            date("1976-11", true),
            serde_json::json!({"date-parts": [[1976, 11]], "circa": true, "raw": "1976-11~"})
        );
        assert_eq!(
            date("0044-03-15 BCE", false),
            serde_json::json!({"date-parts": [[-44, 3, 15]], "raw": "-0043-03-15"})
        );
        assert_eq!(date("1 BCE", false)["raw"], "0000");
    }

    #[test]
    fn names_are_split_only_where_the_editor_put_a_comma() {
        let json = |n: &str| serde_json::to_value(name(n)).unwrap();
        assert_eq!(
            json("Pérez, Carlos Andrés"),
            serde_json::json!({"family": "Pérez", "given": "Carlos Andrés"})
        );
        assert_eq!(
            json("Redacción"),
            serde_json::json!({"literal": "Redacción"})
        );
    }
}
