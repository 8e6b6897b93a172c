//! data/events.ics read back by Python's icalendar: one all-day event per
//! datable event, and a partial date spanning its whole period.

use super::*;

#[test]
fn icalendar_reads_one_all_day_event_per_datable_event() {
    for (name, site) in tools::sites() {
        let report = tools::build_with_base(site.path());
        let ics = data(site.path(), "events.ics");
        let Some(calendar) = tools::python("ics", &[&ics]) else {
            return;
        };
        let all = events(site.path());
        let expected: Vec<&Value> = all.iter().filter(|event| datable(event)).collect();
        let left_out = report.events - expected.len();
        let (stages, vevents): (Vec<&Value>, Vec<&Value>) = calendar["events"]
            .as_array()
            .unwrap()
            .iter()
            .partition(|vevent| vevent["uid"].as_str().unwrap().contains(".stage-"));
        assert_eq!(vevents.len(), expected.len(), "{name}");
        let datable_stages = all
            .iter()
            .flat_map(|event| event["stages"].as_array().unwrap())
            .filter(|stage| datable(stage))
            .count();
        assert_eq!(stages.len(), datable_stages, "{name}: one entry per stage");
        for (vevent, event) in vevents.iter().zip(&expected) {
            for key in ["uid", "dtstamp", "dtstart", "dtend"] {
                assert!(vevent[key].is_string(), "{name}: {key} in {vevent}");
            }
            assert_eq!(vevent["all_day"], true, "{name}: {vevent}");
            assert_eq!(vevent["url"], event["url"], "{name}");
            let slug = event["slug"].as_str().unwrap();
            assert_eq!(vevent["uid"], format!("{slug}@example.github.io/annals"));
            assert_eq!(
                vevent["location"].as_str(),
                event["place"].as_str(),
                "{name}"
            );
        }
        let warned = report
            .warnings
            .iter()
            .any(|w| w.starts_with(&format!("data/events.ics leaves out {left_out} event")));
        assert_eq!(warned, left_out > 0, "{name}: {:?}", report.warnings);
        let text = fs::read_to_string(&ics).unwrap();
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{name}: {} octets: {line}", line.len());
            assert!(!line.contains('\n'), "{name}: bare LF in {line:?}");
        }
    }
}

/// Whether a calendar can hold a date: common era, both ends known.
fn datable(record: &Value) -> bool {
    let bce = record["date"].as_str().is_some_and(|d| d.ends_with("BCE"));
    let day = |key: &str| record[key].as_str().filter(|day| !day.starts_with('-'));
    !bce && day("earliest").is_some() && day("latest").is_some()
}

#[test]
fn partial_dates_span_their_period_in_the_calendar() {
    let site = common::fixture("mixed");
    tools::build_with_base(site.path());
    let Some(calendar) = tools::python("ics", &[&data(site.path(), "events.ics")]) else {
        return;
    };
    let span = |summary: &str| {
        let vevent = calendar["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["summary"] == summary)
            .unwrap_or_else(|| panic!("no {summary}"))
            .clone();
        (vevent["dtstart"].clone(), vevent["dtend"].clone())
    };
    assert_eq!(
        span("Visit to the USSR"),
        ("1976-01-01".into(), "1977-01-01".into())
    );
    assert_eq!(
        span("<script>alert('x')</script> & friends"),
        ("1976-11-01".into(), "1976-12-01".into())
    );
    assert_eq!(
        span("Congress of Vienna"),
        ("1814-09-01".into(), "1815-06-10".into())
    );
    assert_eq!(
        span("Договор о стратегическом партнёрстве"),
        ("2025-05-07".into(), "2025-05-08".into())
    );
}
