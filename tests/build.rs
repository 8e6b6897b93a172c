//! Builds fixture sites and checks what a reader sees.

mod common;
#[path = "build/repeat.rs"]
mod repeat;

use std::fs;

use common::{attrs, broken_links, build_ok, fixture, page, texts};

#[test]
fn index_lists_published_events_in_chronological_order() {
    let site = fixture("mixed");
    let report = build_ok(site.path());
    assert_eq!(report.events, 9);
    let index = page(site.path(), "index.html");
    assert_eq!(
        texts(&index, ".chronology .event-title"),
        [
            "Battle of Kadesh",
            "Egyptian–Hittite peace treaty",
            "Congress of Vienna",
            "Establecimiento de relaciones diplomáticas",
            "Visit to the USSR",
            "<script>alert('x')</script> & friends",
            "More than 350 agreements",
            "Договор о стратегическом партнёрстве",
            "Victory Day parade",
        ]
    );
}

#[test]
fn index_groups_by_decade_and_year_with_a_jump_list() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = page(site.path(), "index.html");
    let decades = texts(&index, ".decade > h2");
    assert_eq!(
        decades,
        [
            "1270s BCE",
            "1250s BCE",
            "1810s",
            "1940s",
            "1970s",
            "2010s",
            "2020s"
        ]
    );
    assert_eq!(texts(&index, "nav.jump a"), decades);
    assert_eq!(
        texts(&index, "#d1970 .year > h3"),
        ["1976"],
        "1976 and 1976-11 share a year"
    );
    assert_eq!(
        texts(&index, "#eras .era-band > a"),
        ["Bronze Age", "Guerra Fría"]
    );
}

#[test]
fn dates_are_shown_at_their_precision_with_time_elements() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = page(site.path(), "index.html");
    let whens = texts(&index, ".chronology .when");
    assert_eq!(whens[0], "c. 1274 BCE");
    assert_eq!(whens[2], "September 1814 – 9 June 1815");
    assert_eq!(whens[3], "14 March 1945");
    assert_eq!(whens[4], "1976");
    assert_eq!(whens[5], "November 1976");
    let datetimes = attrs(&index, ".chronology time", "datetime");
    assert_eq!(
        datetimes[..4],
        ["1814-09", "1815-06-09", "1945-03-14", "1976"]
    );
}

#[test]
fn every_relative_link_resolves() {
    let site = fixture("mixed");
    build_ok(site.path());
    let problems = broken_links(&site.path().join("public"));
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn event_pages_link_previous_and_next() {
    let site = fixture("mixed");
    build_ok(site.path());
    let congress = page(site.path(), "events/congress.html");
    assert_eq!(attrs(&congress, "a[rel=prev]", "href"), ["treaty.html"]);
    assert_eq!(attrs(&congress, "a[rel=next]", "href"), ["relaciones.html"]);
    assert_eq!(
        attrs(&congress, "link[rel=next]", "href"),
        ["relaciones.html"]
    );
    let first = page(site.path(), "events/kadesh.html");
    assert!(attrs(&first, "a[rel=prev]", "href").is_empty());
    let last = page(site.path(), "events/2025-05-09-victory-day-parade.html");
    assert!(attrs(&last, "a[rel=next]", "href").is_empty());
}

#[test]
fn event_pages_show_facts_sources_related_and_era() {
    let site = fixture("mixed");
    build_ok(site.path());
    let event = page(site.path(), "events/relaciones.html");
    assert_eq!(
        texts(&event, "h1"),
        ["Establecimiento de relaciones diplomáticas"]
    );
    assert_eq!(
        texts(&event, ".facts a[href^='../actors/']"),
        ["Venezuela", "Unión Soviética"]
    );
    assert_eq!(
        attrs(&event, ".facts a[href^='../actors/']", "href"),
        ["../actors/venezuela.html", "../actors/union-sovietica.html"]
    );
    assert_eq!(
        texts(&event, ".sources li a.title"),
        ["Telesur"],
        "a source with a title links its URL"
    );
    assert!(
        texts(&event, ".facts a[href^='../eras/']").is_empty(),
        "1945 is before the era"
    );
    let visit = page(site.path(), "events/1976-visit-to-the-ussr.html");
    assert_eq!(texts(&visit, ".facts a[href^='../eras/']"), ["Guerra Fría"]);
    let moscow = page(site.path(), "events/moscow.html");
    assert_eq!(
        texts(&moscow, ".related a"),
        [
            "Establecimiento de relaciones diplomáticas",
            "Visit to the USSR"
        ]
    );
    assert_eq!(
        texts(&moscow, ".facts dd").first().map(String::as_str),
        Some("Москва")
    );
}

#[test]
fn md_links_become_page_links() {
    let site = fixture("mixed");
    build_ok(site.path());
    let event = page(site.path(), "events/relaciones.html");
    assert_eq!(
        attrs(&event, ".body a", "href"),
        ["congress.html", "treaty.html"]
    );
    let treaty = page(site.path(), "events/treaty.html");
    assert_eq!(attrs(&treaty, ".body a", "href"), ["kadesh.html#aftermath"]);
}

#[test]
fn titles_and_bodies_are_escaped_and_sanitised() {
    let site = fixture("mixed");
    build_ok(site.path());
    let hostile = page(site.path(), "events/hostile.html");
    assert_eq!(
        texts(&hostile, "h1"),
        ["<script>alert('x')</script> & friends"]
    );
    assert_eq!(
        attrs(&hostile, "script[src]", "src"),
        ["../annals.js"],
        "the only script with code to run is the theme's own"
    );
    assert_eq!(
        texts(&hostile, "script:not([type=\"application/ld+json\"])"),
        [""],
        "and no script has inline code"
    );
    assert!(
        attrs(&hostile, "a", "href")
            .iter()
            .all(|h| !h.contains("javascript"))
    );
    assert_eq!(
        texts(&hostile, ".body p"),
        ["Body with raw HTML and a bad link."]
    );
    let raw = fs::read_to_string(site.path().join("public/events/hostile.html")).unwrap();
    assert_eq!(
        raw.matches("<script").count(),
        2,
        "the raw page has the theme's script and the JSON-LD, nothing else"
    );
    assert!(!raw.contains("<script>"), "the title never opens a script");
    assert_eq!(raw.matches("</script>").count(), 2, "nor closes one");
}

#[test]
fn tag_actor_and_era_pages_list_their_events_in_order() {
    let site = fixture("mixed");
    build_ok(site.path());
    let treaty = page(site.path(), "tags/treaty.html");
    assert_eq!(
        texts(&treaty, ".event-title"),
        [
            "Egyptian–Hittite peace treaty",
            "Congress of Vienna",
            "Договор о стратегическом партнёрстве"
        ]
    );
    let egypt = page(site.path(), "tags/egypt.html");
    assert_eq!(
        texts(&egypt, "h1"),
        ["Tag Egypt"],
        "two spellings, one page"
    );
    assert_eq!(texts(&egypt, ".event-title").len(), 2);
    let diplomacia = page(site.path(), "tags/diplomacia.html");
    assert_eq!(texts(&diplomacia, ".event-title").len(), 2);
    let ramesses = page(site.path(), "actors/ramesses-ii.html");
    assert_eq!(
        texts(&ramesses, ".event-title"),
        ["Battle of Kadesh", "Egyptian–Hittite peace treaty"]
    );
    let tags = page(site.path(), "tags/index.html");
    assert!(texts(&tags, ".groups a").contains(&"state visit".to_string()));
    let putin = site.path().join("public/actors/vladimir-putin.html");
    assert!(putin.is_file(), "Cyrillic names are transliterated");
    let bronze = page(site.path(), "eras/bronze-age.html");
    assert_eq!(
        texts(&bronze, ".event-title"),
        ["Battle of Kadesh", "Egyptian–Hittite peace treaty"]
    );
    let cold_war = page(site.path(), "eras/guerra-fria.html");
    assert_eq!(
        texts(&cold_war, ".event-title"),
        ["Visit to the USSR", "<script>alert('x')</script> & friends"]
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = fixture("mixed");
    build_ok(site.path());
    assert!(!site.path().join("public/events/draft.html").exists());
    let mut opts = annals::BuildOptions::new(site.path());
    opts.drafts = annals::Drafts::Include;
    annals::build(&opts).unwrap();
    assert!(site.path().join("public/events/draft.html").is_file());
}

#[test]
fn yaml_files_hold_one_or_many_events() {
    let site = fixture("mixed");
    build_ok(site.path());
    let visit = page(site.path(), "events/1976-visit-to-the-ussr.html");
    assert_eq!(texts(&visit, ".body em"), ["milestone"]);
    assert!(
        site.path()
            .join("public/events/2019-more-than-350-agreements.html")
            .is_file()
    );
    assert!(
        site.path()
            .join("public/events/2025-05-09-victory-day-parade.html")
            .is_file()
    );
}

#[test]
fn junk_is_ignored_and_unlinked_files_are_reported() {
    let site = fixture("mixed");
    let report = build_ok(site.path());
    assert_eq!(
        report.warnings[0],
        "content/modern/notes.txt: not an event file (.md, .yaml or .yml) and no published event links to it; not published"
    );
    assert!(!site.path().join("public/files/modern/notes.txt").exists());
}

#[test]
fn every_page_is_semantic_html5() {
    let site = fixture("mixed");
    build_ok(site.path());
    for path in common::html_pages(&site.path().join("public")) {
        let html = page(site.path(), path.to_str().unwrap());
        let name = path.display();
        assert_eq!(attrs(&html, "html", "lang"), ["en"], "{name}");
        assert_eq!(
            attrs(&html, "meta[charset]", "charset"),
            ["utf-8"],
            "{name}"
        );
        assert_eq!(texts(&html, "main").len(), 1, "{name}");
        assert!(!texts(&html, "nav").is_empty(), "{name}");
        assert_eq!(texts(&html, "h1").len(), 1, "{name}");
    }
}

#[test]
fn output_has_the_documented_layout() {
    let site = fixture("mixed");
    build_ok(site.path());
    let out = site.path().join("public");
    for file in [
        "index.html",
        "404.html",
        ".nojekyll",
        "style.css",
        "favicon.svg",
        "tags/index.html",
        "actors/index.html",
        "eras/bronze-age.html",
        "events/kadesh.html",
    ] {
        assert!(out.join(file).is_file(), "{file} is missing");
    }
}

#[test]
fn a_site_without_config_or_templates_builds() {
    let site = common::site(&[("content/a.md", "---\ntitle: A\ndate: 2000\n---\nText.\n")]);
    build_ok(site.path());
    let index = page(site.path(), "index.html");
    assert_eq!(texts(&index, ".event-title"), ["A"]);
}

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let site = common::site(&[
        ("content/a.md", "---\ntitle: A\ndate: 2000\n---\n"),
        (
            "templates/404.html",
            "<!DOCTYPE html><title>x</title><h1>Custom {{ site.title }}</h1>",
        ),
        ("static/style.css", "body { color: red }"),
    ]);
    build_ok(site.path());
    assert_eq!(
        texts(&page(site.path(), "404.html"), "h1"),
        ["Custom Chronology"]
    );
    let css = fs::read_to_string(site.path().join("public/style.css")).unwrap();
    assert_eq!(css, "body { color: red }");
}

#[test]
fn listings_show_date_and_title_and_the_index_the_whole_card() {
    let site = fixture("mixed");
    build_ok(site.path());
    let treaty = page(site.path(), "tags/treaty.html");
    let card = "article[id=\"treaty\"]";
    assert_eq!(texts(&treaty, &format!("{card} .when")), ["c. 1259 BCE"]);
    assert_eq!(
        attrs(&treaty, &format!("{card} .event-title a"), "href"),
        ["../events/treaty.html"]
    );
    let extra = texts(&treaty, ".chronology .summary, .chronology .meta");
    assert_eq!(extra, Vec::<String>::new(), "no summary, place or tags");
    let index = page(site.path(), "index.html");
    assert_eq!(
        texts(&index, &format!("{card} .summary")),
        ["One of the earliest surviving peace treaties, following Kadesh."]
    );
    assert_eq!(
        texts(&index, &format!("{card} .meta a.tag")),
        ["treaty", "egypt"]
    );
}
