//! Sources as historians write them: citations build, and every mistake
//! in a source is reported at its own line and column.

use crate::common::{break_build, build_ok, page, site, texts};
use crate::one;

#[test]
fn a_citation_without_a_url_builds() {
    let site = site(&[(
        "content/events/1980-cable.md",
        "---\ntitle: Cable on the oil talks\ndate: 1980-06\nsources:\n  - \"Embassy Cable, file 1980/990, folio 242\"\n---\n",
    )]);
    build_ok(site.path());
    let event = page(site.path(), "events/1980-cable.html");
    assert_eq!(
        texts(&event, ".sources .citation"),
        ["Embassy Cable, file 1980/990, folio 242"]
    );
}

#[test]
fn a_url_that_does_not_parse_is_an_error_at_its_column() {
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Bad\ndate: 1976\nsources:\n  - title: Pravda, 23 November 1976\n    url: \"https://pravda .ru/1976\"\n---\n"
        )]),
        one(
            "content/events/bad.md:6:11: source URL \"https://pravda .ru/1976\" is not a valid URL: its host name is not a valid domain name (no spaces or symbols)"
        )
    );
}

#[test]
fn a_script_link_is_an_error_at_the_sources_own_line() {
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Bad\ndate: 1976\nsources:\n  - \"Archivo General de la Nación, legajo 12\"\n  - javascript:alert(1)\n---\n"
        )]),
        one(
            "content/events/bad.md:6:5: source URL \"javascript:alert(1)\" must start with http:// or https://"
        )
    );
}

#[test]
fn unknown_source_keys_and_kinds_suggest_the_nearest() {
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Bad\ndate: 1976\nsources:\n  - title: Note verbale no. 12\n    publsher: Cancillería\n---\n"
        )]),
        one(
            "content/events/bad.md:6:5: sources[0]: unknown field `publsher`: did you mean `publisher`?"
        )
    );
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Bad\ndate: 1976\nsources:\n  - title: Note verbale no. 12\n    kind: cabel\n---\n"
        )]),
        one("content/events/bad.md:6:11: unknown source kind `cabel`: did you mean `cable`?")
    );
}

#[test]
fn an_archived_copy_must_be_a_web_link_and_dates_must_be_dates() {
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Bad\ndate: 1976\nsources:\n  - url: https://www.mid.ru/\n    archived: web.archive.org/web/2020/https://www.mid.ru/\n---\n"
        )]),
        one(
            "content/events/bad.md:6:15: archived URL \"web.archive.org/web/2020/https://www.mid.ru/\" must start with http:// or https://"
        )
    );
    assert_eq!(
        break_build(&[(
            "content/events/bad.md",
            "---\ntitle: Bad\ndate: 1976\nsources:\n  - title: Pravda\n    accessed: 2025-02-30\n---\n"
        )]),
        one(
            "content/events/bad.md:6:15: sources[0].accessed: invalid date \"2025-02-30\": February has 28 days in 2025"
        )
    );
}
