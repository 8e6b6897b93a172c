//! Sources as a historian cites them, the way readers and tools meet them:
//! on event pages, on the bibliography of every edition, in JSON-LD, and in
//! data/sources.json and data/sources.bib read back by citeproc-py,
//! bibtexparser and the CSL data schema; and what `annals check` says.

#[path = "sources/citations.rs"]
mod citations;
mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::tools::{self, BASE};
use common::{attrs, page, texts};
use serde_json::{Value, json};

const TELESUR: &str = "https://www.telesurtv.net/news/venezuela-rusia-relacion-estrategica";
const COPY: &str = "https://web.archive.org/web/20250508000000/https://www.telesurtv.net/news/venezuela-rusia-relacion-estrategica";
const LEGAJO: &str = "Archivo Histórico del Ministerio de Relaciones Exteriores, Caracas, Dirección de Política Internacional, legajo 12, folio 4";

fn archive() -> tempfile::TempDir {
    let site = common::fixture("archive");
    tools::build_with_base(site.path());
    site
}

fn data(root: &Path, name: &str) -> std::path::PathBuf {
    root.join("public/data").join(name)
}

#[test]
fn event_pages_show_citations_links_and_archived_copies() {
    let site = archive();
    let event = page(site.path(), "events/1945-03-14-relations.html");
    assert_eq!(texts(&event, ".sources .citation")[0], LEGAJO);
    assert_eq!(
        texts(&event, ".sources li")[2],
        format!(
            "Redacción, Venezuela y Rusia: una relación estratégica, Telesur, 7 May 2025, accessed 30 November 2026 (archived 8 May 2025) {TELESUR} cited in 2 events"
        )
    );
    let original = ".sources a.title";
    assert_eq!(attrs(&event, original, "href"), [TELESUR]);
    assert_eq!(attrs(&event, original, "data-versionurl"), [COPY]);
    assert_eq!(attrs(&event, original, "data-versiondate"), ["2025-05-08"]);
    let copy = ".sources a.archived";
    assert_eq!(attrs(&event, copy, "href"), [COPY]);
    assert_eq!(attrs(&event, copy, "data-originalurl"), [TELESUR]);
    assert_eq!(attrs(&event, copy, "data-versiondate"), ["2025-05-08"]);
    let spanish = page(site.path(), "es/events/1945-03-14-relations.html");
    assert_eq!(
        texts(&spanish, ".sources a.archived"),
        ["archivado el 8 de mayo de 2025"]
    );
    assert_eq!(
        texts(&spanish, ".sources .citation")[1],
        "Canje de notas por el que se establecen relaciones diplomáticas",
        "source titles stay translatable"
    );
}

#[test]
fn the_bibliography_lists_every_source_with_the_events_citing_it() {
    let site = archive();
    // The Spanish edition lists the sources of its one translated event.
    let editions = [
        ("", "cited in 2 events", 2, 8),
        ("es/", "citada en 1 evento", 1, 4),
    ];
    for (edition, cited, citing_events, sources) in editions {
        let event = page(
            site.path(),
            &format!("{edition}events/1945-03-14-relations.html"),
        );
        let link = attrs(&event, ".sources a.cited", "href")[0].clone();
        let (file, id) = link.split_once('#').unwrap();
        assert_eq!(file, "../sources/index.html");
        assert_eq!(texts(&event, ".sources a.cited")[0], cited);
        let nav = attrs(&event, "header.site nav a", "href");
        assert!(
            nav.contains(&"../sources/index.html".to_string()),
            "{nav:?}"
        );
        let bibliography = page(site.path(), &format!("{edition}sources/index.html"));
        let citing = texts(&bibliography, &format!("[id='{id}'] .citing a"));
        assert_eq!(citing.len(), citing_events, "{edition}: {citing:?}");
        let entries = texts(&bibliography, ".bibliography > li > .source");
        assert_eq!(entries.len(), sources, "{edition}");
        let sorted: Vec<String> = entries.iter().map(|e| deaccent(e)).collect();
        assert!(sorted.is_sorted(), "{edition}: {entries:#?}");
    }
    let spanish = page(site.path(), "es/sources/index.html");
    assert_eq!(
        attrs(&spanish, ".lede a", "href"),
        ["../../sources/index.html"],
        "the complete bibliography, in the default edition"
    );
    assert_eq!(texts(&spanish, ".lede a"), ["Todas las fuentes"]);
    let bibliography = page(site.path(), "sources/index.html");
    let telesur = "[id='sb858266c1b852299']";
    assert_eq!(
        texts(&bibliography, &format!("{telesur} .citing li")),
        [
            "Diplomatic relations established 14 March 1945",
            "Relations broken off c. June 1952 · para. 3"
        ],
        "one source, its citations in order, each with its locator"
    );
    assert_eq!(texts(&bibliography, ".count"), ["8 sources"]);
}

fn deaccent(text: &str) -> String {
    let text = text.to_lowercase();
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    text.replace(['á', 'à'], "a")
        .replace('é', "e")
        .replace('ó', "o")
}

#[test]
fn json_ld_cites_each_source_as_a_creative_work() {
    let site = archive();
    let event = page(site.path(), "events/1945-03-14-relations.html");
    let script = texts(&event, "script[type='application/ld+json']")[0].clone();
    let ld: Value = serde_json::from_str(&script).unwrap();
    assert_eq!(
        ld["citation"][0],
        json!({"@type": "CreativeWork", "name": LEGAJO})
    );
    assert_eq!(
        ld["citation"][2],
        json!({
            "@type": "CreativeWork",
            "name": "Venezuela y Rusia: una relación estratégica",
            "url": TELESUR,
            "author": [{"@type": "Person", "name": "Redacción"}],
            "publisher": {"@type": "Organization", "name": "Telesur"},
            "datePublished": "2025-05-07",
            "archivedAt": COPY
        })
    );
}

/// The ids every edition's events.json cites, and its sources.json's.
fn ids(root: &Path, edition: &str) -> (BTreeSet<String>, Vec<Value>) {
    let events = tools::read_json(&root.join(format!("public/{edition}data/events.json")));
    let cited = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["sources"].as_array().unwrap().clone())
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let items = tools::read_json(&root.join(format!("public/{edition}data/sources.json")));
    (cited, items.as_array().unwrap().clone())
}

#[test]
fn events_json_cites_sources_by_id_with_their_locators() {
    let site = archive();
    let schema = data(site.path(), "events.schema.json");
    let json = data(site.path(), "events.json");
    if let Some(result) = tools::python("schema", &[&schema, &json]) {
        assert_eq!(result["errors"], json!([]));
    }
    let events = tools::read_json(&json);
    assert_eq!(events["version"], 3);
    let rupture = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "1952-06-rupture")
        .unwrap()
        .clone();
    assert_eq!(
        rupture["sources"][2],
        json!({"id": "sb858266c1b852299", "locator": "para. 3"})
    );
    assert!(rupture["url"].as_str().unwrap().starts_with(BASE));
}

fn check(root: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_annals"))
        .arg("check")
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr),
    )
}

#[test]
fn check_warns_about_sources_and_lists_them() {
    let site = common::fixture("archive");
    let (status, stdout, stderr) = check(site.path(), &["--sources"]);
    assert_eq!(status, Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning: content/"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: content/events/1945-03-14-relations.md:2: publisher \"Telesur\" differs from \"teleSUR\" (used 1 time) only by case or accents: write it one way",
            "warning: content/events/1976-visit.md:2: source 2 of \"President Pérez visits the USSR\" (https://www.mid.ru/ru/foreign_policy/news/1976?lang=es&id={12}) has no archived copy: links rot; add `archived:` with a web archive's copy",
            "warning: content/events/1976-visit.md:2: source 3 of \"President Pérez visits the USSR\" (https://www.presidencia.gob.ve/) has no archived copy: links rot; add `archived:` with a web archive's copy",
            "warning: content/events/1976-visit.md:2: source 3 of \"President Pérez visits the USSR\" (https://www.presidencia.gob.ve/) has no title: write it as {title, url}",
        ]
    );
    let listed: Vec<&str> = stdout.lines().collect();
    assert_eq!(listed[0], "events  source id          source");
    assert_eq!(listed[1], format!("    2  sf48451488bed393e  {LEGAJO}"));
    assert_eq!(
        listed[2..4],
        [
            "    1  s63a33ee546c51cd4  Cerrada la legación soviética, El Universal, 1952-06-14",
            "    1  s32d10a830633801e  Egyptian–Hittite peace treaty, Karnak copy, c. 1259 BCE",
        ]
    );
    assert_eq!(listed.len(), 1 + 8 + 1, "{stdout}");
    // The Spanish edition has pages for its one translated event only.
    assert_eq!(listed[9], "ok: 4 events, 22 pages would be written");
    let (status, _, stderr) = check(site.path(), &["--strict"]);
    assert_eq!(status, Some(1));
    assert!(stderr.contains("has no archived copy"), "{stderr}");
}

#[test]
fn a_site_with_its_own_strings_from_before_builds_with_the_built_in_ones() {
    let english = std::fs::read_to_string(tools::repo().join("src/i18n/en.yaml")).unwrap();
    let before: String = english
        .lines()
        .filter(|line| {
            ![
                "archived",
                "accessed",
                "cited_in",
                "sources_count",
                "bibliography_intro",
            ]
            .iter()
            .any(|key| line.starts_with(key))
        })
        .map(|line| format!("{}\n", line.replace("Sources", "Sources (fr)")))
        .collect();
    let site = common::site(&[
        (
            "site.yaml",
            "title: T\nlanguages:\n  - {code: en, name: English}\n  - {code: fr, name: Français}\n",
        ),
        ("i18n/fr.yaml", &before),
        ("content/a.fr.md", "---\ntitle: A\n---\nTexte.\n"),
        (
            "content/a.md",
            "---\ntitle: A\ndate: 1945\nsources: [{url: \"https://x.org/\", archived: \"https://web.archive.org/web/20200101000000/https://x.org/\"}]\n---\n",
        ),
    ]);
    common::build_ok(site.path());
    let french = page(site.path(), "fr/events/a.html");
    assert_eq!(texts(&french, ".sources h2"), ["Sources (fr)"]);
    assert_eq!(
        texts(&french, ".sources a.archived"),
        ["archived 1 January 2020"]
    );
}
