//! Language editions: a fixture in English, Spanish and Russian with
//! partial translations, read as a reader (and a crawler) would.

mod common;
#[path = "editions/translations.rs"]
mod translations;

use std::fs;
use std::path::{Path, PathBuf};

use common::{attrs, broken_links, build_ok, fixture, html_pages, page, resolve, texts};

const EDITIONS: [(&str, &str); 3] = [("en", ""), ("es", "es/"), ("ru", "ru/")];

fn built() -> tempfile::TempDir {
    let site = fixture("multilingual");
    build_ok(site.path());
    site
}

#[test]
fn every_edition_has_every_page_in_its_language() {
    let site = built();
    let root = site.path();
    for path in [
        "index.html",
        "events/1945-03-14-relations.html",
        "tags/diplomacy.html",
        "eras/soviet-era.html",
    ] {
        for (code, prefix) in EDITIONS {
            let html = page(root, &format!("{prefix}{path}"));
            assert_eq!(attrs(&html, "html", "lang"), [code], "{prefix}{path}");
        }
    }
    assert_eq!(
        attrs(&page(root, "es/events/1976-visit.html"), "html", "lang"),
        ["es"]
    );
    assert_eq!(
        texts(&page(root, "es/index.html"), ".site-title"),
        ["Relaciones: una cronología"]
    );
    assert_eq!(
        texts(&page(root, "ru/eras/soviet-era.html"), "h1"),
        ["Период Советский период"]
    );
    assert_eq!(texts(&page(root, "es/tags/index.html"), "h1"), ["Temas"]);
}

#[test]
fn hreflang_alternates_resolve_both_ways() {
    let site = built();
    let output = site.path().join("public");
    let pages = html_pages(&output);
    assert!(pages.len() > 30, "{pages:?}");
    for page_path in pages.iter().filter(|p| !p.ends_with("404.html")) {
        let html = page(site.path(), page_path.to_str().unwrap());
        let langs = attrs(&html, "link[rel=alternate][hreflang]", "hreflang");
        // An event is in the editions that translate it, and only there.
        let name = page_path.file_name().unwrap().to_str().unwrap();
        let expected: &[&str] = match name {
            "1976-visit.html" => &["en", "es", "x-default"],
            "1259-bce-an-ancient-treaty.html" => &["en", "ru", "x-default"],
            "1976-11-talks.html" | "2001-notes-de.html" => &[],
            _ => &["en", "es", "ru", "x-default"],
        };
        assert_eq!(langs, expected, "{}", page_path.display());
        for href in attrs(&html, "link[rel=alternate][hreflang]", "href") {
            let target = resolve(page_path, &href);
            let other = page(site.path(), target.to_str().unwrap());
            let back: Vec<PathBuf> = attrs(&other, "link[rel=alternate][hreflang]", "href")
                .iter()
                .map(|href| resolve(&target, href))
                .collect();
            assert!(
                back.contains(page_path),
                "{} → {} → {back:?}",
                page_path.display(),
                target.display()
            );
        }
    }
}

#[test]
fn the_switcher_lands_on_the_same_event() {
    let site = built();
    let from = Path::new("es/events/1945-03-14-relations.html");
    let html = page(site.path(), from.to_str().unwrap());
    let nav = "nav.languages a";
    assert_eq!(texts(&html, nav), ["English", "Español", "Русский"]);
    assert_eq!(attrs(&html, nav, "lang"), ["en", "es", "ru"]);
    assert_eq!(attrs(&html, nav, "hreflang"), ["en", "es", "ru"]);
    assert_eq!(
        attrs(&html, "nav.languages a[aria-current=page]", "lang"),
        ["es"]
    );
    let targets: Vec<PathBuf> = attrs(&html, nav, "href")
        .iter()
        .map(|h| resolve(from, h))
        .collect();
    assert_eq!(
        targets,
        [
            PathBuf::from("events/1945-03-14-relations.html"),
            PathBuf::from("es/events/1945-03-14-relations.html"),
            PathBuf::from("ru/events/1945-03-14-relations.html"),
        ]
    );
    let titles: Vec<Vec<String>> = targets
        .iter()
        .map(|t| texts(&page(site.path(), t.to_str().unwrap()), "article.event h1"))
        .collect();
    assert_eq!(
        titles,
        [
            ["Diplomatic relations established"],
            ["Se establecen relaciones diplomáticas"],
            ["Установлены дипломатические отношения"],
        ]
    );
}

#[test]
fn dates_read_naturally_in_each_language() {
    let site = built();
    let when = |path: &str| texts(&page(site.path(), path), "#browse .event-card .when");
    assert_eq!(
        when("index.html"),
        [
            "c. 1259 BCE",
            "14 March 1945",
            "1976",
            "November 1976",
            "February 2001"
        ]
    );
    assert_eq!(
        when("es/index.html"),
        [
            "h. 1259 a. C.",
            "14 de marzo de 1945",
            "1976",
            "noviembre de 1976",
            "febrero de 2001"
        ]
    );
    assert_eq!(
        when("ru/index.html"),
        [
            "ок. 1259 г. до н. э.",
            "14 марта 1945 г.",
            "1976 г.",
            "ноябрь 1976 г.",
            "февраль 2001 г."
        ]
    );
    let count = |path: &str| texts(&page(site.path(), path), ".masthead .count");
    assert_eq!(
        count("ru/index.html"),
        ["5 событий · 1259 г. до н. э.–2001"]
    );
    assert_eq!(
        count("es/index.html"),
        ["5 acontecimientos · 1259 a. C.–2001"]
    );
}

#[test]
fn untranslated_events_are_listed_from_the_default_edition_and_marked() {
    let site = built();
    let output = site.path().join("public");
    // No edition copies an event it does not translate.
    for absent in [
        "es/events/1976-11-talks.html",
        "es/events/1259-bce-an-ancient-treaty.html",
        "ru/events/1976-visit.html",
        "ru/events/1976-11-talks.html",
    ] {
        assert!(!output.join(absent).exists(), "{absent} was written");
    }
    let translated = page(site.path(), "es/events/1976-visit.html");
    assert_eq!(
        attrs(&translated, "article.event h1", "lang"),
        Vec::<String>::new()
    );
    assert_eq!(
        texts(&translated, "article.event > header .untranslated"),
        Vec::<String>::new()
    );
    // Its neighbours that Spanish does not translate are the default
    // edition's pages, marked.
    assert_eq!(
        attrs(&translated, "nav.pager a[hreflang]", "href"),
        ["../../events/1976-11-talks.html"]
    );
    assert_eq!(
        texts(&translated, "nav.pager .untranslated"),
        ["sin traducir"]
    );
    // The listings link to the default edition's page, marked in its
    // language and with the edition's "not translated".
    let from = Path::new("es/index.html");
    let index = page(site.path(), from.to_str().unwrap());
    let untranslated = "#browse .event-title[lang] a";
    assert_eq!(
        attrs(&index, untranslated, "href"),
        [
            "../events/1259-bce-an-ancient-treaty.html",
            "../events/1976-11-talks.html",
            "../events/2001-notes-de.html"
        ]
    );
    assert_eq!(attrs(&index, untranslated, "hreflang"), ["en", "en", "en"]);
    assert_eq!(
        texts(&index, "#browse .event-card .untranslated"),
        ["sin traducir", "sin traducir", "sin traducir"]
    );
    for href in attrs(&index, untranslated, "href") {
        let target = resolve(from, &href);
        let html = page(site.path(), target.to_str().unwrap());
        assert_eq!(attrs(&html, "html", "lang"), ["en"], "{}", target.display());
    }
    let tag = page(site.path(), "ru/tags/diplomacy.html");
    let marked: Vec<String> = attrs(&tag, ".event-title[lang] a", "href");
    assert!(
        marked.iter().all(|href| href.starts_with("../../events/")),
        "{marked:?}"
    );
    assert_eq!(
        texts(&tag, ".event-card .untranslated").len(),
        marked.len(),
        "{marked:?}"
    );
    // The default edition's page offers only the editions that have it.
    let visit = page(site.path(), "events/1976-visit.html");
    assert_eq!(texts(&visit, "nav.languages a"), ["English", "Español"]);
    let talks = page(site.path(), "events/1976-11-talks.html");
    assert_eq!(texts(&talks, "nav.languages a"), Vec::<String>::new());
}

#[test]
fn every_relative_link_resolves() {
    let site = built();
    assert_eq!(
        broken_links(&site.path().join("public")),
        Vec::<String>::new()
    );
}

#[test]
fn feeds_search_and_exports_are_per_edition() {
    let site = built();
    let output = site.path().join("public");
    let atom = fs::read_to_string(output.join("es/atom.xml")).unwrap();
    assert!(
        atom.contains("<title>Se establecen relaciones diplomáticas</title>"),
        "{atom}"
    );
    assert!(
        atom.contains("https://example.org/chronology/es/events/1976-visit.html"),
        "{atom}"
    );
    let records = fs::read_to_string(output.join("ru/search/e16-0.js")).unwrap();
    assert!(
        records.contains("\"Древний договор\",\"ок. 1259 г. до н. э.\""),
        "{records}"
    );
    let manifest = fs::read_to_string(output.join("ru/search-index.js")).unwrap();
    let english = fs::read_to_string(output.join("search-index.js")).unwrap();
    assert_ne!(manifest, english, "each edition has its own index");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(output.join("es/data/events.json")).unwrap())
            .unwrap();
    assert_eq!(json["language"], "es");
    let titles: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Se establecen relaciones diplomáticas",
            "Una visita de Estado"
        ],
        "the translated events only: the others are the default edition's"
    );
    assert_eq!(
        json["events"][0]["page"], "events/1945-03-14-relations.html",
        "a page of the edition"
    );
    let id = &json["events"][0]["sources"][0]["id"];
    let sources: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(output.join("es/data/sources.json")).unwrap())
            .unwrap();
    let source = sources.as_array().unwrap().iter().find(|s| &s["id"] == id);
    assert_eq!(
        source.unwrap()["title"],
        "Una fuente",
        "the translated title"
    );
    let sitemap = fs::read_to_string(output.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://example.org/chronology/es/events/1976-visit.html"));
    assert!(
        !sitemap.contains("https://example.org/chronology/ru/events/1976-visit.html"),
        "an untranslated event has one page: {sitemap}"
    );
    assert!(!sitemap.contains("404.html"), "{sitemap}");
    assert!(!output.join("es/style.css").exists() && output.join("style.css").exists());
}
