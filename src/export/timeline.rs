//! `data/timeline.json`: the chronology in the TimelineJS3 JSON format, so
//! it can be embedded with Knight Lab's TimelineJS
//! (<https://timeline.knightlab.com/docs/json-format.html>).
//!
//! Dates keep the precision written (a year-only event has no month or
//! day); BCE years are astronomical, as JavaScript counts them (1274 BCE is
//! -1273), and every slide carries the site's own `display_date`
//! (`c. 1274 BCE`), so approximate and BCE dates read as on the site. Each
//! event's group is its first tag. TimelineJS reads headlines and texts as
//! HTML, so they are escaped here.

use serde::Serialize;

use crate::chronology::Chronology;
use crate::config::Config;
use crate::date::HistoricalDate;
use crate::error::Result;
use crate::event::Event;

/// The whole file.
#[derive(Serialize)]
pub(super) struct Timeline {
    title: Slide,
    eras: Vec<EraBand>,
    /// Always empty here: the slides are written one by one after it (see
    /// [`super::stream::json_document`]).
    events: [(); 0],
}

/// A slide: the title slide or an event.
#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TimelineDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

/// An era band.
#[derive(Serialize)]
struct EraBand {
    start_date: TimelineDate,
    end_date: TimelineDate,
    text: Text,
}

/// Headline and text, both HTML.
#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// A date at the precision written.
#[derive(Serialize)]
struct TimelineDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

impl TimelineDate {
    fn new(date: &HistoricalDate) -> Self {
        TimelineDate {
            year: date.astronomical_year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

impl Timeline {
    /// The file without its event slides.
    pub(super) fn head(chronology: &Chronology, config: &Config) -> Self {
        Timeline {
            title: Slide {
                start_date: None,
                end_date: None,
                display_date: None,
                text: Text {
                    headline: escape(&config.title),
                    text: escape(&config.description),
                },
                group: None,
                unique_id: None,
            },
            events: [],
            eras: chronology
                .eras
                .iter()
                .map(|group| EraBand {
                    start_date: TimelineDate::new(&group.era.start),
                    end_date: TimelineDate::new(&group.era.end),
                    text: Text {
                        headline: escape(&group.era.name),
                        text: escape(group.era.description.as_deref().unwrap_or_default()),
                    },
                })
                .collect(),
        }
    }
}

/// The JSON of the slide of the event at `index`.
pub(super) fn slide(chronology: &Chronology, config: &Config, index: usize) -> Result<Vec<u8>> {
    super::stream::json_item(
        "timeline.json",
        &slide_of(&chronology.events[index], config),
    )
}

fn slide_of(event: &Event, config: &Config) -> Slide {
    let mut text = format!("<p>{}</p>", escape(&event.summary));
    if let Some(url) = config.url(&event.page_path().to_string()) {
        text.push_str(&format!(
            "<p><a href=\"{}\">Read more</a></p>",
            escape(&url)
        ));
    }
    Slide {
        start_date: Some(TimelineDate::new(&event.when.date)),
        end_date: event.when.end.as_ref().map(TimelineDate::new),
        display_date: Some(event.when.human_in(config.locale())),
        text: Text {
            headline: escape(&event.title),
            text,
        },
        group: event.tags.first().cloned(),
        unique_id: Some(event.slug.clone()),
    }
}

/// Text for an HTML context.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
