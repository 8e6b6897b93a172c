//! schema.org `Event` structured data for an event page, as JSON-LD.
//!
//! Search engines and citation tools read it from a
//! `<script type="application/ld+json">` element. The JSON is embedded raw
//! in HTML, so `<`, `>` and `&` are written as `\u003c`, `\u003e` and
//! `\u0026`: a title containing `</script>` or `<!--` cannot end the script
//! element early, and the JSON still means the same text.

use serde::Serialize;

use crate::date::{HistoricalDate, Reach, When};
use crate::event::{Event, Source};
use crate::i18n::Strings;
use crate::stage::Stage;

/// A schema.org `Event`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<PlaceLd<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<CreativeWorkLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sub_event: Vec<StageLd<'a>>,
}

/// A stage of a treaty's lifecycle, as a schema.org `Event` within the
/// treaty's.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StageLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<PlaceLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl<'a> StageLd<'a> {
    fn new(event: &Event, stage: &'a Stage, t: &Strings) -> Self {
        let (start_date, end_date) = dates(&stage.when);
        StageLd {
            kind: "Event",
            name: format!("{}: {}", event.title, stage.kind.name_in(t)),
            start_date,
            end_date,
            location: stage.place.as_deref().map(|name| PlaceLd {
                kind: "Place",
                name,
            }),
            description: stage
                .by
                .as_deref()
                .map(|by| t.fill("stage_by", &[("name", by)])),
        }
    }
}

/// `startDate` and `endDate` of a date in any form: an open start has no
/// `startDate`, an open end no `endDate`.
fn dates(when: &When) -> (Option<String>, Option<String>) {
    match when.reach {
        Reach::Before => (None, Some(iso_date(&when.date))),
        _ => (Some(iso_date(&when.date)), when.end.as_ref().map(iso_date)),
    }
}

/// A source, as a schema.org `CreativeWork`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreativeWorkLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<PlaceLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<PlaceLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived_at: Option<&'a str>,
}

impl<'a> CreativeWorkLd<'a> {
    fn new(source: &'a Source) -> Self {
        let named = |kind, name| PlaceLd { kind, name };
        CreativeWorkLd {
            kind: "CreativeWork",
            name: source.label(),
            url: source.url.as_deref(),
            author: source.authors.iter().map(|a| named("Person", a)).collect(),
            publisher: source
                .publisher
                .as_deref()
                .map(|p| named("Organization", p)),
            date_published: source.date.as_ref().map(iso_date),
            archived_at: source.archived.as_ref().map(|a| a.url.as_str()),
        }
    }
}

/// A schema.org `Place` (or another thing known by its name).
#[derive(Serialize)]
struct PlaceLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The JSON-LD of an event, ready to put between `<script>` tags. `url` is
/// the page's absolute URL, when the base URL is known.
pub(crate) fn event(event: &Event, url: Option<String>, t: &Strings) -> String {
    let (start_date, end_date) = dates(&event.when);
    let data = EventLd {
        context: "https://schema.org",
        kind: "Event",
        name: &event.title,
        start_date,
        end_date,
        location: event.place.as_deref().map(|name| PlaceLd {
            kind: "Place",
            name,
        }),
        description: &event.summary,
        url,
        citation: event.sources.iter().map(CreativeWorkLd::new).collect(),
        keywords: (!event.tags.is_empty()).then(|| event.tags.join(", ")),
        sub_event: event
            .stages
            .iter()
            .map(|stage| StageLd::new(event, stage, t))
            .collect(),
    };
    embed(&serde_json::to_string(&data).unwrap_or_default())
}

/// ISO 8601 at the precision written: `1976`, `1976-11`, `1945-03-14`.
/// BCE years are astronomical, as ISO 8601 and XML Schema 1.1 count them:
/// 1 BCE is `0000`, 1274 BCE is `-1273`.
pub(crate) fn iso_date(date: &HistoricalDate) -> String {
    date.edtf()
}

/// JSON that cannot end a `<script>` element or open an HTML comment.
pub(super) fn embed(json: &str) -> String {
    json.replace('&', "\\u0026")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> HistoricalDate {
        HistoricalDate::parse(text).unwrap()
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(iso_date(&date("1976")), "1976");
        assert_eq!(iso_date(&date("1976-11")), "1976-11");
        assert_eq!(iso_date(&date("1945-03-14")), "1945-03-14");
        assert_eq!(iso_date(&date("1274 BCE")), "-1273");
        assert_eq!(iso_date(&date("1 BCE")), "0000");
        assert_eq!(iso_date(&date("0044-03 BCE")), "-0043-03");
    }

    #[test]
    fn script_end_tags_cannot_break_out() {
        let embedded = embed(r#"{"name":"</script><!-- & -->"}"#);
        assert_eq!(
            embedded,
            r#"{"name":"\u003c/script\u003e\u003c!-- \u0026 --\u003e"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&embedded).unwrap();
        assert_eq!(back["name"], "</script><!-- & -->");
    }
}
