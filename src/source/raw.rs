//! A source as the editor writes it, and its validation into a [`Source`].
//!
//! A string is a link when it starts with a URL scheme, else a citation
//! kept as written; a mapping names its fields, and a key it does not know
//! is an error with a suggestion (the front matter's explanation of serde's
//! "unknown field"). Problems found after deserialising carry the text they
//! are about, so that the event can place them at their line and column.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{Archived, Kind, Source, SourceId, link};
use crate::date::HistoricalDate;

/// A source as written: a string or a mapping.
#[derive(Debug, Clone)]
pub(crate) enum RawSource {
    /// A URL or a citation.
    Text(String),
    /// A mapping of fields.
    Fields(Box<Fields>),
}

/// A source's fields as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Fields {
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    #[serde(default, deserialize_with = "names")]
    author: Vec<String>,
    date: Option<HistoricalDate>,
    #[serde(default)]
    circa: bool,
    accessed: Option<HistoricalDate>,
    archived: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    locator: Option<String>,
    kind: Option<String>,
}

/// What is wrong with a source, and the text it is about (to find its line
/// and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Text written in the source, to point at; empty for the source as a
    /// whole.
    pub(crate) written: String,
    /// What is wrong.
    pub(crate) message: String,
}

impl RawSource {
    /// The source, validated, or every problem with it.
    pub(crate) fn validate(self) -> Result<Source, Vec<Problem>> {
        match self {
            RawSource::Text(text) => from_text(&text).map_err(|problem| vec![problem]),
            RawSource::Fields(fields) => from_fields(*fields),
        }
    }
}

fn problem(written: &str, message: impl Into<String>) -> Problem {
    Problem {
        written: written.to_string(),
        message: message.into(),
    }
}

fn from_text(text: &str) -> Result<Source, Problem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(problem("", "a source is empty: write a URL or a citation"));
    }
    let (title, url) = match link::is_link(trimmed) {
        true => (
            None,
            Some(link::parse(text).map_err(|why| problem(text, why))?),
        ),
        false => (Some(trimmed.to_string()), None),
    };
    Ok(Source {
        id: SourceId::of(url.as_deref(), title.as_deref(), None, ""),
        title,
        url,
        publisher: None,
        authors: Vec::new(),
        date: None,
        circa: false,
        accessed: None,
        archived: None,
        locator: None,
        kind: None,
    })
}

fn from_fields(fields: Fields) -> Result<Source, Vec<Problem>> {
    let text = |value: Option<String>| {
        value
            .map(|value| value.trim().to_string())
            .filter(|value| !value.is_empty())
    };
    let (title, publisher) = (text(fields.title), text(fields.publisher));
    let mut problems = Vec::new();
    let url = fields.url.as_deref().and_then(|written| {
        link::parse(written)
            .map_err(|why| problems.push(problem(written, why)))
            .ok()
    });
    let archived = fields.archived.as_deref().and_then(|written| {
        let url = link::parse(written).map_err(|why| {
            problems.push(problem(
                written,
                why.replacen("source URL", "archived URL", 1),
            ));
        });
        url.ok().map(|url| Archived {
            date: link::archive_date(&url),
            url,
        })
    });
    let kind = fields.kind.as_deref().and_then(|written| {
        Kind::parse(written)
            .map_err(|why| problems.push(problem(written, why)))
            .ok()
    });
    if title.is_none() && fields.url.is_none() {
        let written = [&fields.archived, &publisher, &fields.locator, &fields.kind]
            .into_iter()
            .find_map(|value| value.clone())
            .unwrap_or_default();
        problems.push(problem(&written, "a source needs a `title` or a `url`"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let date = fields.date.map_or(String::new(), |date| date.to_string());
    Ok(Source {
        id: SourceId::of(
            url.as_deref(),
            title.as_deref(),
            publisher.as_deref(),
            &date,
        ),
        title,
        url,
        publisher,
        authors: fields
            .author
            .iter()
            .filter_map(|a| text(Some(a.clone())))
            .collect(),
        date: fields.date,
        circa: fields.circa,
        accessed: fields.accessed,
        archived,
        locator: text(fields.locator),
        kind,
    })
}

impl<'de> Deserialize<'de> for RawSource {
    /// A string (a URL or a citation), or a mapping of fields.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SourceVisitor;
        impl<'de> Visitor<'de> for SourceVisitor {
            type Value = RawSource;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a URL, a citation, or a mapping with title, url, publisher and date")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawSource, E> {
                Ok(RawSource::Text(text.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSource, A::Error> {
                let fields = Fields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawSource::Fields(Box::new(fields)))
            }
        }
        deserializer.deserialize_any(SourceVisitor)
    }
}

/// `author: Redacción` means `author: [Redacción]`.
fn names<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    crate::front_matter::one_or_many(deserializer, "a name or a list of names")
}

/// A locator written as text or as a number (`locator: 4`).
fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct Scalar;
    impl Visitor<'_> for Scalar {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a page, folio or document number, such as \"p. 4\"")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(Some(text.to_string()))
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
    }
    deserializer.deserialize_any(Scalar)
}
