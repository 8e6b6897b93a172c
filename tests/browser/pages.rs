//! Every page kind, checked: axe-core in each language edition, the Nu
//! HTML Checker on every page (including bodies of raw HTML), the index
//! without JavaScript, and a source followed to the bibliography.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::json;

use super::{ROOT, Site, file_url, files, generated, lifecycles, node, ready, repository};
use crate::common::{attrs, html_pages, texts};

/// The mixed fixture, built: BCE dates, a translation, and an event whose
/// title and body are hostile raw HTML.
pub(super) fn mixed() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| Site::fixture("mixed"))
}

#[test]
fn every_page_kind_has_no_axe_violations() {
    if !ready() {
        return;
    }
    let axe = Path::new(ROOT).join("tests/tools/node_modules/axe-core/axe.min.js");
    // The repository's chronology in each of its languages, then the
    // generated one.
    let editions = [
        (repository(), ""),
        (repository(), "es/"),
        (repository(), "ru/"),
        (generated(), ""),
    ];
    for (site, edition) in editions {
        let base = file_url(&site.out);
        let event = site.reader["firstHref"].as_str().unwrap();
        let pages: Vec<String> = [
            "index.html",
            event,
            &format!("tags/{}.html", site.reader["tagSlug"].as_str().unwrap()),
            "tags/index.html",
            &first_page(&site.out, "actors"),
            "actors/index.html",
            &first_page(&site.out, "eras"),
            "sources/index.html",
            "404.html",
        ]
        .iter()
        .map(|page| format!("{base}{edition}{page}"))
        .collect();
        assert!(site.out.join(format!("{edition}index.html")).is_file());
        // Actors' names are shared by every edition.
        let word = if edition.is_empty() {
            site.reader["word"].clone()
        } else {
            json!("Venezuela")
        };
        let input = json!({"pages": pages, "axe": axe, "word": word});
        let result = node("axe.mjs", &input);
        let found: Vec<String> = result["violations"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| !v.as_array().unwrap().is_empty())
            .map(|(page, v)| format!("{page}: {v}"))
            .collect();
        assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
    }
}

/// The first page of an output folder other than its index.
pub(super) fn first_page(out: &Path, folder: &str) -> String {
    let mut pages: Vec<String> = std::fs::read_dir(out.join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "index.html")
        .collect();
    pages.sort();
    format!("{folder}/{}", pages[0])
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    if !ready() {
        return;
    }
    let mut pages = Vec::new();
    let sites = [
        repository(),
        generated(),
        files::illustrated(),
        mixed(),
        lifecycles::treaties(),
    ];
    for site in sites {
        pages.extend(html_pages(&site.out).into_iter().map(|p| site.out.join(p)));
    }
    super::nu_check(&pages);
    assert!(pages.len() > 300, "checked {} pages", pages.len());
}

#[test]
fn without_javascript_the_index_lists_every_event() {
    if !ready() {
        return;
    }
    for site in [repository(), generated()] {
        let result = node("nojs.mjs", &json!({"base": file_url(&site.out)}));
        let mut listed: Vec<String> = result["hrefs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect();
        listed.sort();
        let mut events: Vec<String> = std::fs::read_dir(site.out.join("events"))
            .unwrap()
            .map(|e| format!("events/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        events.sort();
        assert_eq!(listed, events);
    }
}

#[test]
fn a_source_leads_to_the_bibliography_and_the_other_events_citing_it() {
    if !ready() {
        return;
    }
    let site = repository();
    let read = |path: &str| {
        scraper::Html::parse_document(&std::fs::read_to_string(site.out.join(path)).unwrap())
    };
    let bibliography = read("sources/index.html");
    // The most cited source that is not cited by every event.
    let entries = attrs(&bibliography, ".bibliography > li", "id");
    let citing = |id: &str| texts(&bibliography, &format!("[id='{id}'] .citing a"));
    let all = html_pages(&site.out.join("events")).len();
    let id = entries
        .iter()
        .filter(|id| (2..all).contains(&citing(id).len()))
        .max_by_key(|id| citing(id).len())
        .expect("a source cited by several events");
    let href = attrs(&bibliography, &format!("[id='{id}'] .citing a"), "href")[0].clone();
    let input = json!({
        "base": file_url(&site.out),
        "event": href.trim_start_matches("../"),
        "id": id,
        "titles": citing(id),
    });
    node("sources.mjs", &input);
}
