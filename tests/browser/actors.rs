//! Declared actors, country pairs and pages that are not events, in a real
//! browser: the succession fixture (tests/fixtures/succession), which uses
//! every form of actor declaration, role and page, read as a reader reads
//! it, then checked with axe and the Nu HTML Checker.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::{ROOT, Site, file_url, node, ready};
use crate::common::html_pages;

/// The succession chronology, built.
fn succession() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| Site::fixture("succession"))
}

#[test]
fn a_reader_follows_successions_pairs_and_pages() {
    if !ready() {
        return;
    }
    let site = succession();
    let seen = node("actors.mjs", &json!({"base": file_url(&site.out)}));
    let strings = |value: &Value| -> Vec<String> {
        let list = value.as_array().unwrap_or_else(|| panic!("{value}"));
        list.iter()
            .map(|v| v.as_str().unwrap().trim().to_string())
            .collect()
    };
    assert_eq!(
        strings(&seen["nav"]),
        [
            "Chronology",
            "Tags",
            "Actors",
            "Sources",
            "About",
            "Method and sources"
        ]
    );
    assert!(
        seen["about"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/about.html")
    );
    assert_eq!(strings(&seen["about"]["strong"]), ["Venezuela's relations"]);
    assert!(
        seen["aboutEs"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/es/about.html")
    );
    assert_eq!(strings(&seen["aboutEs"]["h1"]), ["Acerca de"]);
    assert_eq!(
        strings(&seen["aboutEs"]["nav"])[4..],
        ["Acerca de", "Método y fuentes"]
    );
    assert_eq!(strings(&seen["methodRu"]["h1"]), ["Method and sources"]);
    assert_eq!(seen["methodRu"]["lang"], "en");
    assert_eq!(
        strings(&seen["methodRu"]["note"]),
        ["Эта страница ещё не переведена; она показана на языке оригинала."]
    );
    assert_eq!(strings(&seen["search "]), ["Method and sources"]);
    assert_eq!(strings(&seen["search es/"]), ["Método y fuentes"]);
    assert!(
        seen["searchOpened"]
            .as_str()
            .unwrap()
            .ends_with("/es/method.html")
    );
    assert_successions(&seen);
    assert!(
        seen["pair"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/actors/russia--venezuela.html")
    );
    assert_eq!(
        strings(&seen["pair"]["h1"]),
        ["Bilateral relations Russia – Venezuela"]
    );
    assert_eq!(
        strings(&seen["pair"]["titles"]),
        [
            "Hugo Chávez visits Moscow",
            "Strategic Partnership and Cooperation Treaty"
        ]
    );
    assert_eq!(
        strings(&seen["roles"]),
        ["Russia (host)", "Venezuela (guest)", "Hugo Chávez"]
    );
    assert_eq!(
        strings(&seen["rolesEs"]),
        ["Rusia (anfitrión)", "Venezuela (invitado)", "Hugo Chávez"]
    );
}

fn assert_successions(seen: &Value) {
    let ussr = &seen["ussr"];
    assert_eq!(ussr["h1"], json!(["State USSR"]));
    assert_eq!(
        ussr["succession"],
        json!([
            "Russia, 26 December 1991 (as continuator state)",
            "Ukraine, 26 December 1991 (as successor state)"
        ])
    );
    assert_eq!(ussr["jsonLd"]["@type"], "Country");
    assert_eq!(
        ussr["jsonLd"]["sameAs"],
        "https://www.wikidata.org/wiki/Q15180"
    );
    assert!(
        seen["russia"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/actors/russia.html")
    );
    assert_eq!(
        seen["russia"]["succession"],
        json!(["USSR, 26 December 1991 (as continuator state)"])
    );
    assert_eq!(
        seen["line"]["h1"],
        json!(["Continuous line Russia and USSR"])
    );
    assert_eq!(
        seen["line"]["dates"],
        json!([
            "1945-03-14",
            "1991-12-21",
            "1991-12-25",
            "2001-05",
            "2025-05-07"
        ])
    );
}

#[test]
fn actor_pair_line_and_content_pages_have_no_axe_violations() {
    if !ready() {
        return;
    }
    let site = succession();
    let axe = Path::new(ROOT).join("tests/tools/node_modules/axe-core/axe.min.js");
    let base = file_url(&site.out);
    let mut pages = vec![format!("{base}index.html")];
    for edition in ["", "es/", "ru/"] {
        for page in [
            "actors/ussr.html",
            "actors/russia.html",
            "actors/russia--venezuela.html",
            "actors/russia.line.html",
            "actors/united-nations.html",
            "about.html",
            "method.html",
        ] {
            pages.push(format!("{base}{edition}{page}"));
        }
    }
    // Each edition's page of an event it translates.
    for page in [
        "events/2001-05-chavez-moscow.html",
        "es/events/2001-05-chavez-moscow.html",
        "ru/events/1991-12-25-resignation.html",
    ] {
        pages.push(format!("{base}{page}"));
    }
    let result = node(
        "axe.mjs",
        &json!({"pages": pages, "axe": axe, "word": "Moscow"}),
    );
    let found: Vec<String> = result["violations"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !v.as_array().unwrap().is_empty())
        .map(|(page, v)| format!("{page}: {v}"))
        .collect();
    assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
}

#[test]
fn actor_pair_line_and_content_pages_pass_the_nu_html_checker() {
    if !ready() {
        return;
    }
    let site = succession();
    let pages: Vec<_> = html_pages(&site.out)
        .into_iter()
        .map(|p| site.out.join(p))
        .collect();
    super::nu_check(&pages);
    assert!(pages.len() > 60, "checked {} pages", pages.len());
}
