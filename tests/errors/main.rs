//! Every class of bad input gets a clear error naming the file, line and
//! column, and leaves the previous output byte-for-byte untouched.

mod actors;
#[path = "../common/mod.rs"]
mod common;
mod dates;
mod sources;
mod templates;
mod yaml;

use std::path::Path;

use common::{
    BUILD_FAILED, GOOD, break_build, break_site, build, build_ok, fixture, snapshot, write,
};

fn bad_event(front_matter: &str) -> String {
    break_site(&[("content/events/bad.md", front_matter)])
}

/// What `annals build` prints on stderr for one problem.
pub(crate) fn one(message: &str) -> String {
    format!("{message}\n{BUILD_FAILED}")
}
#[test]
fn unknown_fields_suggest_the_nearest() {
    assert_eq!(
        bad_event("---\ntitle: Bad\ndate: 1976\ntgas: [a]\n---\n"),
        "content/events/bad.md:4:1: unknown field `tgas`: did you mean `tags`? (free-form data goes under `extra:`)"
    );
}

#[test]
fn invalid_dates_say_why() {
    assert_eq!(
        bad_event("---\ntitle: Bad\ndate: 2025-02-30\n---\n"),
        "content/events/bad.md:3:7: date: invalid date \"2025-02-30\": February has 28 days in 2025"
    );
    assert_eq!(
        bad_event("---\ntitle: Bad\ndate: \"2025-2-3\"\n---\n"),
        "content/events/bad.md:3:7: date: invalid date \"2025-2-3\": the month has two digits, 01 to 12"
    );
}

#[test]
fn missing_required_fields_are_named() {
    assert_eq!(
        bad_event("---\ntitle: Bad\n---\n"),
        "content/events/bad.md:2:1: missing field `date`"
    );
}

#[test]
fn an_end_before_the_start_is_an_error() {
    assert_eq!(
        bad_event("---\ntitle: Bad\ndate: 1976\nend: 1975-01\n---\n"),
        "content/events/bad.md:4: the event ends (1975-01) before it starts (1976)"
    );
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Baptism of Rus'\ndate: 0988\nend: 0987-06\n---\n"
        )]),
        one("content/events/bad.md:4: the event ends (987-06) before it starts (988)")
    );
    assert_eq!(
        break_build(&[(
            "site.yaml",
            "eras:\n  - name: Kievan Rus'\n    start: 0988\n    end: 0882\n"
        )]),
        one("site.yaml:2: era \"Kievan Rus'\" ends (882) before it starts (988)")
    );
}

#[test]
fn front_matter_must_be_present_and_closed() {
    assert!(bad_event("").starts_with("content/events/bad.md:1:1: the file is empty"));
    assert!(
        bad_event("---\ntitle: Bad\n")
            .starts_with("content/events/bad.md:1:1: the front matter opened here is never closed")
    );
    assert!(bad_event("---\n---\n").starts_with("content/events/bad.md:2: the YAML is empty"));
}

#[test]
fn duplicate_slugs_name_both_files() {
    assert_eq!(
        break_site(&[("content/other/good.md", GOOD)]),
        "content/other/good.md:2: slug \"good\" is already used by content/events/good.md:2: give one of them another `slug:`"
    );
}

#[test]
fn unknown_related_slugs_point_at_the_slug_and_suggest_the_nearest() {
    let relations = "---\ntitle: Diplomatic relations established\ndate: 1945-03-14\n---\n";
    let visit = "---\ntitle: Visit\ndate: 1976\nrelated:\n  - 1945-03-14-relations\n  - 1945-03-14-relatons\n---\n";
    assert_eq!(
        break_build(&[
            ("content/events/1945-03-14-relations.md", relations),
            ("content/events/1976-visit.md", visit),
        ]),
        one(
            "content/events/1976-visit.md:6:5: related: no event has the slug \"1945-03-14-relatons\": did you mean `1945-03-14-relations`?"
        )
    );
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Bad\ndate: 1976\nrelated: [good, nowhere]\n---\n"
        )]),
        one("content/events/bad.md:4:17: related: no event has the slug \"nowhere\"")
    );
}

#[test]
fn bad_sources_point_at_their_own_line() {
    let text = "---\ntitle: Bad\ndate: 1976\nsources:\n  - https://www.mid.ru/ru/foreign_policy/\n  - ftp://archive.example.org/fond-5\n  - title: Pravda, 23 November 1976\n    publisher: Pravda\n    url: \"javascript:alert(1)\"\n  - publisher: TASS\n---\n";
    assert_eq!(
        break_build(&[("content/events/bad.md", text)]),
        [
            "content/events/bad.md:6:5: source URL \"ftp://archive.example.org/fond-5\" must start with http:// or https://",
            "content/events/bad.md:9:11: source URL \"javascript:alert(1)\" must start with http:// or https://",
            "content/events/bad.md:10:16: a source needs a `title` or a `url`",
            "error: 3 problems found; nothing was written\n",
        ]
        .join("\n")
    );
}

#[test]
fn broken_md_links_give_line_and_column() {
    assert_eq!(
        bad_event(
            "---\ntitle: Bad\ndate: 1976\n---\nFirst line.\n\nSee [the rupture](1952-rupture.md).\n"
        ),
        "content/events/bad.md:7:5: link to \"1952-rupture.md\": no such event file"
    );
}

#[test]
fn other_encodings_are_refused() {
    let site = common::site(&[("content/events/good.md", GOOD)]);
    build_ok(site.path());
    let before = snapshot(&site.path().join("public"));
    std::fs::write(
        site.path().join("content/events/latin1.md"),
        b"---\ntitle: Caf\xe9\ndate: 1976\n---\n",
    )
    .unwrap();
    let error = build(site.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        "content/events/latin1.md:2:11: the file is not valid UTF-8: save it as UTF-8"
    );
    assert_eq!(before, snapshot(&site.path().join("public")));
}

#[test]
fn eras_that_end_before_they_start_are_named() {
    assert_eq!(
        break_site(&[(
            "site.yaml",
            "title: X\neras:\n  - name: Backwards\n    start: 1991\n    end: 1945\n"
        )]),
        "site.yaml:3: era \"Backwards\" ends (1945) before it starts (1991)"
    );
}
#[test]
fn every_bad_file_is_reported_in_one_run() {
    let error = break_site(&[
        ("content/events/a.md", "---\ntitle: A\ndate: 1976-13\n---\n"),
        ("content/events/b.md", "---\ntitle: B\n---\n"),
        ("content/events/c.md", "no front matter\n"),
    ]);
    let lines: Vec<&str> = error.lines().collect();
    assert_eq!(lines.len(), 3, "{error}");
    assert!(lines[0].starts_with("content/events/a.md:3:7:"), "{error}");
    assert!(lines[1].starts_with("content/events/b.md:2:1:"), "{error}");
    assert!(lines[2].starts_with("content/events/c.md:1:1:"), "{error}");
}

#[test]
fn unsafe_output_folders_are_refused() {
    let site = fixture("mixed");
    let root = site.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    for (output, why) in [
        (root.to_path_buf(), "it is the site root or contains it"),
        (
            root.parent().unwrap().to_path_buf(),
            "it is the site root or contains it",
        ),
        (root.join("content"), "inside the site's content/ folder"),
        (
            root.join("content/sub"),
            "inside the site's content/ folder",
        ),
        (
            root.join("templates"),
            "inside the site's templates/ folder",
        ),
        (root.join("static"), "inside the site's static/ folder"),
    ] {
        let error = refuse(root, &output);
        assert!(error.contains(why), "{}: {error}", output.display());
    }
    let foreign = root.join("mine");
    write(root, "mine/notes.txt", "precious");
    let error = refuse(root, &foreign);
    assert!(
        error.contains("not empty and was not written by annals"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "precious"
    );
}

fn refuse(root: &Path, output: &Path) -> String {
    let before = snapshot(root);
    let mut opts = annals::BuildOptions::new(root);
    opts.output = Some(output.to_path_buf());
    let error = annals::build(&opts)
        .expect_err("the output is refused")
        .to_string();
    assert_eq!(
        before,
        snapshot(root),
        "nothing changed for {}",
        output.display()
    );
    error
}

#[test]
fn an_earlier_output_may_be_rebuilt_into() {
    let site = fixture("mixed");
    let mut opts = annals::BuildOptions::new(site.path());
    opts.output = Some(site.path().join("elsewhere/site"));
    annals::build(&opts).unwrap();
    annals::build(&opts).unwrap();
    assert!(site.path().join("elsewhere/site/index.html").is_file());
}
