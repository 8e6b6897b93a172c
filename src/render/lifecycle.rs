//! A treaty's lifecycle as its page and the index show it: each stage named
//! in the edition's language and dated, placed along a proportional line,
//! and the agreements with the periods they were in force, for the index's
//! "in force on" filter.

use chrono::NaiveDate;
use serde::Serialize;

use super::here::Here;
use crate::chronology::Chronology;
use crate::date::{Locale, When};
use crate::event::Event;
use crate::i18n::Strings;
use crate::stage::{self, Kind, Stage};

/// `lifecycle` on `event.html`; absent for an event without stages.
#[derive(Serialize)]
pub(crate) struct LifecycleView<'a> {
    pub(crate) stages: Vec<StageView<'a>>,
    /// The agreement is in force with no end recorded: the line runs on.
    pub(crate) open: bool,
}

/// One stage.
#[derive(Serialize)]
pub(crate) struct StageView<'a> {
    /// As written in `stages:`, hyphenated: `in-force`, `other`.
    pub(crate) kind: String,
    /// In the edition's language: `Entry into force`, or the label.
    pub(crate) name: String,
    /// The date in words.
    pub(crate) when: String,
    /// The HTML `datetime` of a plain common-era date.
    pub(crate) datetime: Option<String>,
    /// The EDTF string.
    pub(crate) edtf: String,
    /// `by Russia`, in the edition's language.
    pub(crate) by: Option<String>,
    pub(crate) place: Option<&'a str>,
    /// The numbers of its sources in the event's list.
    pub(crate) sources: Vec<usize>,
    /// Where it falls on the line, 0 to 100.
    pub(crate) at: f64,
}

impl<'a> LifecycleView<'a> {
    /// The lifecycle of `event`, or `None` when it has no stages.
    pub(crate) fn new(event: &'a Event, locale: Locale, t: &Strings) -> Option<Self> {
        let (first, last, open) = stage::extent(&event.stages)?;
        let length = (last - first).num_days().max(1) as f64;
        let at =
            |day: NaiveDate| ((day - first).num_days() as f64 / length * 1000.0).round() / 10.0;
        let stages = event
            .stages
            .iter()
            .map(|stage| StageView {
                kind: stage.kind.written().replace(' ', "-"),
                name: stage.kind.name_in(t),
                when: stage.when.human_in(locale),
                datetime: datetime(&stage.when),
                edtf: stage.when.edtf(),
                by: stage
                    .by
                    .as_deref()
                    .map(|by| t.fill("stage_by", &[("name", by)])),
                place: stage.place.as_deref(),
                sources: stage.sources.iter().map(|index| index + 1).collect(),
                at: stage
                    .when
                    .earliest()
                    .or(stage.when.latest())
                    .map_or(0.0, at),
            })
            .collect();
        Some(LifecycleView { stages, open })
    }
}

/// The `datetime` of a plain, exact or approximate, common-era date.
fn datetime(when: &When) -> Option<String> {
    (when.is_plain() && when.end.is_none())
        .then(|| when.date.datetime())
        .flatten()
}

/// An agreement in the index's list, with when it was in force.
#[derive(Serialize)]
pub(crate) struct AgreementView<'a> {
    pub(crate) title: &'a str,
    pub(crate) href: String,
    pub(crate) lang: Option<&'a str>,
    /// Its periods in force for readers: `in force since 23 June 1961`.
    pub(crate) status: String,
    /// The periods in force as day numbers from 1970-01-01, for the
    /// filter: `from/until` pairs separated by spaces, `until` empty while
    /// in force (`-8226/` ).
    pub(crate) in_force: String,
}

/// Every event with stages, in chronological order.
pub(crate) fn agreements<'a>(
    here: Here,
    chronology: &'a Chronology,
    t: &Strings,
) -> Vec<AgreementView<'a>> {
    chronology
        .events
        .iter()
        .filter(|event| !event.stages.is_empty())
        .map(|event| agreement(here, event, t))
        .collect()
}

fn agreement<'a>(here: Here, event: &'a Event, t: &Strings) -> AgreementView<'a> {
    let periods = stage::in_force(&event.stages);
    let day = |date: NaiveDate| (date - epoch()).num_days().to_string();
    let in_force = periods
        .iter()
        .map(|p| format!("{}/{}", day(p.from), p.until.map(day).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(" ");
    AgreementView {
        title: &event.title,
        href: here.event(event),
        lang: event.shown_in.as_deref(),
        status: status(&event.stages, here.locale, t),
        in_force,
    }
}

/// `in force since 23 June 1961`, `in force 1 June 1988 – 2 August 2019`,
/// or `not in force`: from the first entry into force to the last end.
fn status(stages: &[Stage], locale: Locale, t: &Strings) -> String {
    let opened = stages.iter().find(|s| s.kind == Kind::InForce);
    let closed = stages.iter().rev().find(|s| s.kind.ends_force());
    let periods = stage::in_force(stages);
    let open = periods.last().is_some_and(|p| p.until.is_none());
    match (opened, closed) {
        (None, _) => t.get("not_in_force").to_string(),
        (Some(from), Some(to)) if !open => t.fill(
            "in_force_span",
            &[
                ("from", &from.when.human_in(locale)),
                ("to", &to.when.human_in(locale)),
            ],
        ),
        (Some(from), _) => t.fill("in_force_since", &[("when", &from.when.human_in(locale))]),
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)
}
