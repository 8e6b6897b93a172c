//! `data/events.ics`: the chronology as an iCalendar file (RFC 5545).
//!
//! Each event is one all-day `VEVENT`, and so is each stage of a treaty's
//! lifecycle (named in the site's language): `DTSTART` and `DTEND` are
//! `VALUE=DATE`, and an event written to the year or the month spans the
//! whole period (`1976` runs from 1 January to 31 December; `DTEND` is the
//! day after, as the RFC counts it). The `UID` is the event's slug at the
//! site's host, so it stays the same from build to build; `DTSTAMP` is the
//! latest day the event's data names, never the clock. Calendars cannot hold
//! dates before the common era (or past 9999): those events are left out,
//! and [`left_out`] counts them for the build's warning. Lines are escaped
//! and folded at 75 octets, as the RFC requires.

use chrono::{Datelike, Days, NaiveDate};

use crate::chronology::Chronology;
use crate::config::Config;
use crate::date::When;
use crate::event::Event;
use crate::i18n::Strings;
use crate::output::Parts;

use super::stream;

/// The calendar of the chronology's `events` (indices) a calendar can
/// hold, in parts.
pub(super) fn calendar<'a>(
    chronology: &'a Chronology,
    config: &'a Config,
    events: &'a [usize],
) -> Parts<'a> {
    let mut head = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:-//annals//annals {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".to_string(),
        format!("X-WR-CALNAME:{}", text(&config.title)),
    ];
    if !config.description.is_empty() {
        head.push(format!("X-WR-CALDESC:{}", text(&config.description)));
    }
    let host = host(config);
    let t = Strings::new(&config.language, None, true).unwrap_or_default();
    let events = stream::items(events.len(), b"", move |n| {
        let event = &chronology.events[events[n]];
        let mut lines = span(event)
            .map(|span| vevent(event, span, &host, config))
            .unwrap_or_default();
        lines.extend(stage_vevents(event, &host, config, &t));
        Ok(folded(&lines))
    });
    stream::around(folded(&head), events, folded(&["END:VCALENDAR".into()]))
}

/// Lines, folded, as bytes.
fn folded(lines: &[String]) -> Vec<u8> {
    lines
        .iter()
        .map(|line| fold(line))
        .collect::<String>()
        .into_bytes()
}

/// How many events the calendar leaves out.
pub(super) fn left_out(chronology: &Chronology) -> usize {
    chronology
        .events
        .iter()
        .filter(|event| span(event).is_none())
        .count()
}

/// The first day and the day after the last, when a calendar can hold them.
fn span(event: &Event) -> Option<(NaiveDate, NaiveDate)> {
    days(&event.when)
}

/// The first day and the day after the last of a date, when a calendar can
/// hold them: not before the common era, not past 9999, no open end.
fn days(when: &When) -> Option<(NaiveDate, NaiveDate)> {
    let first = when.earliest().filter(|_| !when.date.is_bce())?;
    let after = when.latest()?.checked_add_days(Days::new(1))?;
    (after.year() <= 9999).then_some((first, after))
}

/// One `VEVENT`: an event, or a stage of its lifecycle.
struct Entry<'a> {
    uid: String,
    days: (NaiveDate, NaiveDate),
    summary: String,
    description: String,
    place: Option<&'a str>,
    event: &'a Event,
}

fn vevent(event: &Event, days: (NaiveDate, NaiveDate), host: &str, config: &Config) -> Vec<String> {
    let prefix = match (event.when.is_plain(), event.when.is_circa()) {
        (true, true) => "c. ".to_string(),
        (true, false) => String::new(),
        (false, _) => format!("{}: ", event.when.human_in(config.locale())),
    };
    let entry = Entry {
        uid: format!("{}@{host}", event.slug),
        days,
        summary: format!("{prefix}{}", event.title),
        description: event.dated_summary(config.locale()),
        place: event.place.as_deref(),
        event,
    };
    lines(&entry, config)
}

/// One entry per stage a calendar can hold: `Antarctic Treaty: Entry into
/// force`, its UID the event's with the stage's place in the list.
fn stage_vevents(event: &Event, host: &str, config: &Config, t: &Strings) -> Vec<String> {
    let locale = config.locale();
    let mut all = Vec::new();
    for (number, stage) in event.stages.iter().enumerate() {
        let Some(days) = days(&stage.when) else {
            continue;
        };
        let name = stage.kind.name_in(t);
        let by = stage
            .by
            .as_deref()
            .map(|by| format!(" ({by})"))
            .unwrap_or_default();
        let entry = Entry {
            uid: format!("{}.stage-{}@{host}", event.slug, number + 1),
            days,
            summary: format!("{}: {name}{by}", event.title),
            description: format!("{}: {name}{by}", stage.when.human_in(locale)),
            place: stage.place.as_deref(),
            event,
        };
        all.extend(lines(&entry, config));
    }
    all
}

fn lines(entry: &Entry, config: &Config) -> Vec<String> {
    let (start, end) = entry.days;
    let event = entry.event;
    let stamp = event.latest_day().unwrap_or(start);
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", entry.uid),
        format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")),
        format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
        format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
        format!("SUMMARY:{}", text(&entry.summary)),
        format!("DESCRIPTION:{}", text(&entry.description)),
    ];
    if let Some(place) = entry.place {
        lines.push(format!("LOCATION:{}", text(place)));
    }
    if !event.tags.is_empty() {
        let tags: Vec<String> = event.tags.iter().map(|tag| text(tag)).collect();
        lines.push(format!("CATEGORIES:{}", tags.join(",")));
    }
    if let Some(url) = config.url(&event.page_path().to_string()) {
        lines.push(format!("URL:{url}"));
    }
    lines.push("TRANSP:TRANSPARENT".to_string());
    lines.push("END:VEVENT".to_string());
    lines
}

/// The host part of `UID`s: the base URL's host and path
/// (`user.github.io/repo`), or `annals.invalid` when it is not known.
fn host(config: &Config) -> String {
    config
        .base_url
        .as_deref()
        .and_then(|url| url.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/').to_string())
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "annals.invalid".to_string())
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line
/// breaks escaped; other control characters dropped.
fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// One content line, folded (§3.1): no line longer than 75 octets, never
/// splitting a UTF-8 character; continuation lines start with a space.
/// Every line ends in CRLF.
fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            folded.push_str("\r\n ");
            width = 1;
        }
        folded.push(c);
        width += c.len_utf8();
    }
    folded.push_str("\r\n");
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "Договор ".repeat(12));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets: {part:?}", part.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a;b,c\\d\ne\r"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn hosts_come_from_the_base_url() {
        let mut config = Config::default();
        assert_eq!(host(&config), "annals.invalid");
        config.set_base_url("https://user.github.io/repo/").unwrap();
        assert_eq!(host(&config), "user.github.io/repo");
    }
}
