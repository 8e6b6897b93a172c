//! EDTF date forms and treaty stages: every form the grammar refuses, and
//! every stage out of order, is reported at its line and column with what
//! to write instead, as `annals build` prints it.

use crate::common::break_build;
use crate::one;

fn bad(front_matter: &str) -> String {
    break_build(&[("content/events/bad.md", front_matter)])
}

#[test]
fn bad_edtf_forms_say_what_to_write_instead() {
    let cases = [
        (
            "date: 197x",
            "content/events/bad.md:3:7: date: invalid date \"197x\": write unspecified digits as a capital X: 197X",
        ),
        (
            "date: 1985-XX",
            "content/events/bad.md:3:7: date: invalid date \"1985-XX\": only the digits of a year can be unspecified: for a month not known write the year alone, as in 1985",
        ),
        (
            "date: 1976?~",
            "content/events/bad.md:3:7: date: invalid date \"1976?~\": write one qualifier: ? uncertain, ~ approximate, % both",
        ),
        (
            "date: 1977-02/1976-11",
            "content/events/bad.md:3:7: date: invalid date \"1977-02/1976-11\": the interval ends (1976-11) before it starts (1977-02)",
        ),
        (
            "date: \"1976~/1977\"",
            "content/events/bad.md:3:7: date: invalid date \"1976~/1977\": the ends of an interval are plain dates; for an approximate one write `date:` and `end:` with `circa: true`",
        ),
    ];
    for (line, expected) in cases {
        assert_eq!(
            bad(&format!("---\ntitle: Bad\n{line}\n---\n")),
            one(expected),
            "{line}"
        );
    }
}

#[test]
fn an_end_cannot_follow_a_date_with_its_own_reach() {
    assert_eq!(
        bad("---\ntitle: Bad\ndate: 197X\nend: 1985\n---\n"),
        one(
            "content/events/bad.md:4: `end` cannot be added to \"197X\", which has its own reach: write the whole span in `date:`, as in 1976-11/1977-02"
        )
    );
}

#[test]
fn a_stage_before_the_signature_is_an_error_at_its_line() {
    assert_eq!(
        bad(
            "---\ntitle: Treaty\ndate: 2025-05-07\nstages:\n  - {stage: signed, date: 2025-05-07, place: Moscow}\n  - {stage: ratified, date: 2025-04, by: Russia}\n---\n"
        ),
        one(
            "content/events/bad.md:6:5: the stage \"ratified\" (2025-04) is before the signature (2025-05-07)"
        )
    );
}

#[test]
fn in_force_before_any_signature_or_ratification_is_an_error() {
    assert_eq!(
        bad(
            "---\ntitle: Treaty\ndate: 2025\nstages:\n  - stage: in force\n    date: 2025-03-01\n  - stage: ratified\n    date: 2025-06~\n    by: Venezuela\n---\n"
        ),
        one(
            "content/events/bad.md:5:5: the stage \"in force\" (2025-03-01) is before any signature or ratification (the first: ratified 2025-06~)"
        )
    );
}

#[test]
fn unknown_and_unlabelled_stages_say_what_is_accepted() {
    assert_eq!(
        bad("---\ntitle: Treaty\ndate: 2025\nstages:\n  - {stage: ratifed, date: 2025}\n---\n"),
        one(
            "content/events/bad.md:5:5: unknown stage \"ratifed\": did you mean \"ratified\"? a stage is one of signed, ratified, acceded, in force, suspended, denounced, expired, terminated, or {stage: other, label: \"…\"}"
        )
    );
    assert_eq!(
        bad(
            "---\ntitle: Treaty\ndate: 2025\nstages:\n  - {stage: signed, date: 2025}\n  - {stage: other, date: 2025-06}\n---\n"
        ),
        one(
            "content/events/bad.md:6:5: a stage `other` needs a `label` saying what happened, as in {stage: other, label: \"provisional application\"}"
        )
    );
}

#[test]
fn a_bad_stage_date_is_an_error_at_its_column() {
    assert_eq!(
        bad("---\ntitle: Treaty\ndate: 2025\nstages:\n  - stage: signed\n    date: 2025-13\n---\n"),
        one(
            "content/events/bad.md:6:11: stages[0].date: invalid date \"2025-13\": the month must be 01 to 12"
        )
    );
}
