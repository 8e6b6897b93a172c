//! Unit tests of periods in force and the lifecycle's extent.

use super::*;
use crate::date::When;

fn stage(kind: Kind, date: &str) -> Stage {
    Stage {
        kind,
        when: When::parse(date).unwrap(),
        by: None,
        place: None,
        sources: Vec::new(),
        at: Position::at(std::path::Path::new("content/x.md"), 1, 0),
    }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_treaty_in_force_stays_open() {
    let stages = [
        stage(Kind::Signed, "1959-12-01"),
        stage(Kind::InForce, "1961-06-23"),
    ];
    let open = InForce {
        from: day("1961-06-23"),
        until: None,
    };
    assert_eq!(in_force(&stages), [open]);
    assert_eq!(
        extent(&stages),
        Some((day("1959-12-01"), day("1961-06-23"), true))
    );
}

#[test]
fn suspension_ends_a_period_and_a_new_entry_into_force_opens_one() {
    let stages = [
        stage(Kind::Signed, "1987-12-08"),
        stage(Kind::InForce, "1988-06-01"),
        stage(Kind::Suspended, "2019-02-02"),
        stage(Kind::InForce, "2019-03"),
        stage(Kind::Terminated, "2019-08-02"),
    ];
    let periods = in_force(&stages);
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[0].until, Some(day("2019-02-02")));
    assert_eq!(periods[1].from, day("2019-03-01"));
    assert_eq!(periods[1].until, Some(day("2019-08-02")));
    assert_eq!(extent(&stages).map(|e| e.2), Some(false));
}

#[test]
fn labelled_stages_have_no_string_key() {
    assert_eq!(
        Kind::InForce.string_key().as_deref(),
        Some("stage_in_force")
    );
    assert_eq!(
        Kind::Other("provisional application".into()).string_key(),
        None
    );
    assert_eq!(Kind::Other("x".into()).written(), "other");
}
