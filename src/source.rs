//! Sources as historians cite them: a link, an archival citation written as
//! text, or a reference with title, author, publisher, dates, an archived
//! copy, a locator and a kind.
//!
//! What the editor wrote ([`RawSource`], in `raw`) is validated into a
//! [`Source`]: URLs parsed and normalised (`link`), the kind known, and an
//! identity ([`SourceId`]) derived from the content alone, so that the same
//! source cited by several events is one source ([`crate::chronology::bibliography`]) with one
//! id on every build. Plain citations are kept as written.

mod kind;
mod link;
mod raw;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::HistoricalDate;

pub use kind::Kind;
pub(crate) use raw::RawSource;

/// A source of an event, validated: as cited by that event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The source's identity, shared by every event citing the same source.
    pub id: SourceId,
    /// Its title; for a citation written as text, the whole citation.
    pub title: Option<String>,
    /// Where to read it: an http(s) URL, normalised.
    pub url: Option<String>,
    /// Who published it: a newspaper, a ministry, an archive.
    pub publisher: Option<String>,
    /// Who wrote it, in order.
    pub authors: Vec<String>,
    /// When it was published or written.
    #[serde(with = "crate::date::stored::maybe")]
    pub date: Option<HistoricalDate>,
    /// Whether `date` is approximate.
    pub circa: bool,
    /// When the editor read it online.
    #[serde(with = "crate::date::stored::maybe")]
    pub accessed: Option<HistoricalDate>,
    /// A copy in a web archive.
    pub archived: Option<Archived>,
    /// Where in the source this event's evidence is: page, folio,
    /// paragraph, document number. Belongs to the citation, not the source.
    pub locator: Option<String>,
    /// What kind of source it is, when the editor said.
    pub kind: Option<Kind>,
}

/// A copy of a source in a web archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Archived {
    /// The copy's URL, normalised.
    pub url: String,
    /// The day the copy was made, read from the archive's URL
    /// (`/web/20250508000000/…`), when it says.
    #[serde(with = "crate::date::stored::maybe")]
    pub date: Option<HistoricalDate>,
}

/// A source's identity: a hash of its normalised URL, or of its title,
/// publisher and date when it has no URL. Written `s` and 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceId(u64);

impl SourceId {
    /// The identity of a source with this URL (normalised), else this
    /// title, publisher and date.
    fn of(url: Option<&str>, title: Option<&str>, publisher: Option<&str>, date: &str) -> Self {
        let key = match url {
            Some(url) => format!("url\0{url}"),
            None => format!(
                "text\0{}\0{}\0{date}",
                normal(title.unwrap_or_default()),
                normal(publisher.unwrap_or_default())
            ),
        };
        SourceId(fnv1a(key.as_bytes()))
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{:016x}", self.0)
    }
}

impl Source {
    /// The text a reader sees for it: the title, else the URL.
    pub fn label(&self) -> &str {
        self.title
            .as_deref()
            .or(self.url.as_deref())
            .unwrap_or_default()
    }

    /// Its words for the search index: title, authors, publisher, locator.
    pub fn search_text(&self) -> String {
        let mut parts: Vec<&str> = self.title.as_deref().into_iter().collect();
        parts.extend(self.authors.iter().map(String::as_str));
        parts.extend(self.publisher.as_deref());
        parts.extend(self.locator.as_deref());
        parts.join(" ")
    }
}

/// Whitespace collapsed and Unicode composed, so that two spellings of one
/// title that differ only there are one source.
fn normal(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect()
}

/// 64-bit FNV-1a: stable across builds, platforms and Rust versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
