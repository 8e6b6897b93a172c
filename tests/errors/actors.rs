//! Actor declarations, roles and pages: every mistake at its file, line and
//! column, as `annals build` prints it.

use crate::common::break_build;
use crate::one;

const RUSSIA: (&str, &str) = (
    "content/actors/russia.yaml",
    "name: Russian Federation\nshort: Russia\nkind: state\nfrom: 1991-12-26\n",
);

#[test]
fn an_unknown_successor_is_named_with_the_nearest_actor() {
    assert_eq!(
        break_build(&[
            RUSSIA,
            (
                "content/actors/ussr.yaml",
                "name: Union of Soviet Socialist Republics\nshort: USSR\nkind: state\nuntil: 1991-12-26\nsucceeded_by: {name: Rusia, as: continuator}\n",
            ),
        ]),
        one(
            "content/actors/ussr.yaml:5:22: succeeded_by: no actor is declared with the name \"Rusia\": did you mean `Russia`?"
        )
    );
}

#[test]
fn a_bad_kind_or_succession_lists_the_choices() {
    assert_eq!(
        break_build(&[("content/actors/ussr.yaml", "name: USSR\nkind: country\n")]),
        one(
            "content/actors/ussr.yaml:2:7: kind: unknown variant `country`, expected one of `state`, `person`, `organisation`, `organization`, `other`"
        )
    );
    assert_eq!(
        break_build(&[
            RUSSIA,
            (
                "content/actors/ussr.yaml",
                "name: USSR\nkind: state\nsucceeded_by:\n  - {name: Russia, as: heir}\n",
            ),
        ]),
        one(
            "content/actors/ussr.yaml:4:24: succeeded_by[0].as: unknown variant `heir`, expected `successor` or `continuator`"
        )
    );
}

#[test]
fn an_actor_cannot_cease_before_it_begins() {
    assert_eq!(
        break_build(&[(
            "content/actors/ussr.yaml",
            "name: USSR\nkind: state\nfrom: 1922-12-30\nuntil: 1921-12\n",
        )]),
        one(
            "content/actors/ussr.yaml:4: the actor ceases to exist (1921-12) before it begins (1922-12-30)"
        )
    );
}

#[test]
fn a_role_must_be_one_annals_knows() {
    assert_eq!(
        break_build(&[(
            "content/events/treaty.md",
            "---\ntitle: Treaty\ndate: 2025-05-07\nactors:\n  - {name: Vladimir Putin, role: signer}\n---\n",
        )]),
        one(
            "content/events/treaty.md:5:34: actors[0].role: unknown variant `signer`, expected one of `host`, `guest`, `signatory`, `mediator`, `party`, `observer`, `guarantor`, `witness`"
        )
    );
}

#[test]
fn a_page_has_no_date_and_a_translation_no_order() {
    assert_eq!(
        break_build(&[(
            "content/pages/about.md",
            "---\ntitle: About\ndate: 2025\n---\n",
        )]),
        one(
            "content/pages/about.md:3:1: a page has no date: an event with a date goes in content/events/"
        )
    );
    assert_eq!(
        break_build(&[
            (
                "content/pages/about.md",
                "---\ntitle: About\norder: 1\n---\n"
            ),
            (
                "content/pages/about.es.md",
                "---\ntitle: Acerca de\norder: 1\n---\n"
            ),
            (
                "site.yaml",
                "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n"
            ),
        ]),
        one(
            "content/pages/about.es.md:3: `order` belongs to the original page: a translation sets only `title`, `description` and the body"
        )
    );
}

#[test]
fn actor_and_page_errors_are_reported_together() {
    assert_eq!(
        break_build(&[
            (
                "content/actors/ussr.yaml",
                "name: USSR\nkind: state\nwikidata: Q015180\n"
            ),
            ("content/pages/About.md", "---\ntitle: About\n---\n"),
        ]),
        "content/actors/ussr.yaml:3:11: wikidata: \"Q015180\" is not a Wikidata item: write its Q number, such as Q15180\ncontent/pages/About.md: the file name is the page's address and must be lowercase ASCII letters, digits and single hyphens: did you mean about.md?\nerror: 2 problems found; nothing was written\n"
    );
}
