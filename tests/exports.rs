//! Open data under data/, read back by the parsers other tools use: Python's
//! jsonschema, csv and icalendar, and TimelineJS3 itself in headless
//! Chromium.

#[path = "exports/calendar.rs"]
mod calendar;
mod common;

use std::fs;
use std::path::Path;

use common::build_ok;
use common::tools::{self, BASE};
use serde_json::Value;

fn events(root: &Path) -> Vec<Value> {
    let document = tools::read_json(&root.join("public/data/events.json"));
    document["events"].as_array().unwrap().clone()
}

fn data(root: &Path, name: &str) -> std::path::PathBuf {
    root.join("public/data").join(name)
}

#[test]
fn events_json_validates_against_the_schema_it_ships() {
    for (name, site) in tools::sites() {
        let report = tools::build_with_base(site.path());
        let schema = data(site.path(), "events.schema.json");
        let json = data(site.path(), "events.json");
        let Some(result) = tools::python("schema", &[&schema, &json]) else {
            return;
        };
        assert_eq!(result["dialect"], "Draft202012Validator", "{name}");
        assert_eq!(result["errors"], Value::Array(vec![]), "{name}");
        let events = events(site.path());
        assert_eq!(events.len(), report.events, "{name}");
        let keys: Vec<&str> = events
            .iter()
            .map(|e| e["sort_key"].as_str().unwrap())
            .collect();
        assert!(keys.is_sorted(), "{name}: in chronological order");
        assert!(
            events
                .iter()
                .all(|e| e["url"].as_str().unwrap().starts_with(BASE))
        );
    }
}

#[test]
fn events_json_holds_a_record_a_line_and_leaves_bodies_to_the_pages() {
    let site = common::fixture("mixed");
    tools::build_with_base(site.path());
    let text = fs::read_to_string(data(site.path(), "events.json")).unwrap();
    let records: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("{\"slug\""))
        .collect();
    let events = events(site.path());
    assert_eq!(records.len(), events.len(), "one line per event:\n{text}");
    for event in &events {
        assert_eq!(event.get("body"), None, "{event}");
        let page = common::page(site.path(), event["page"].as_str().unwrap());
        let body = common::texts(&page, ".body");
        assert_eq!(body.len(), 1, "{} has its body", event["page"]);
    }
}

#[test]
fn the_schema_rejects_a_malformed_export() {
    let site = common::fixture("mixed");
    build_ok(site.path());
    let json = data(site.path(), "events.json");
    let broken = fs::read_to_string(&json).unwrap().replacen(
        "\"date\":\"1945-03-14\"",
        "\"date\":\"14/03/1945\"",
        1,
    );
    fs::write(&json, broken).unwrap();
    let schema = data(site.path(), "events.schema.json");
    let Some(result) = tools::python("schema", &[&schema, &json]) else {
        return;
    };
    let errors = result["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].as_str().unwrap().starts_with("events/3/date:"),
        "{errors:?}"
    );
}

#[test]
fn python_csv_loads_one_row_per_event() {
    for (name, site) in tools::sites() {
        tools::build_with_base(site.path());
        let Some(table) = tools::python("csv", &[&data(site.path(), "events.csv")]) else {
            return;
        };
        let rows = table["rows"].as_array().unwrap();
        let events = events(site.path());
        assert_eq!(rows.len(), events.len(), "{name}");
        for (row, event) in rows.iter().zip(&events) {
            for key in [
                "slug",
                "title",
                "date",
                "precision",
                "sort_key",
                "summary",
                "url",
            ] {
                assert_eq!(row[key], event[key], "{name}: {key}");
            }
            let edtf = event["edtf"].as_str().unwrap();
            let safe = match edtf.starts_with('-') {
                true => format!("'{edtf}"),
                false => edtf.to_string(),
            };
            assert_eq!(
                row["edtf"],
                safe.as_str(),
                "{name}: a BCE year is text, not a formula"
            );
            let joined = |key: &str| {
                let items: Vec<&str> = event[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                items.join(";")
            };
            for key in ["tags", "actors", "eras", "related"] {
                assert_eq!(row[key], joined(key), "{name}: {key}");
            }
        }
    }
}

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let site = common::site(&[
        (
            "content/a.md",
            "---\ntitle: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\ndate: 1990\ntags: [\"+tag\", \"@home\"]\nplace: \"-1\"\n---\n\nLine one, \"quoted\"\nline two.\n",
        ),
        (
            "content/b.md",
            "---\ntitle: \"Plain; with, commas\"\ndate: 1991\n---\n",
        ),
    ]);
    build_ok(site.path());
    let Some(table) = tools::python("csv", &[&data(site.path(), "events.csv")]) else {
        return;
    };
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows[0]["title"], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(rows[0]["tags"], "'+tag;@home");
    assert_eq!(rows[0]["place"], "'-1");
    assert_eq!(rows[0]["summary"], "Line one, \"quoted\" line two.");
    assert_eq!(rows[1]["title"], "Plain; with, commas");
    let bytes = fs::read(data(site.path(), "events.csv")).unwrap();
    assert!(bytes.ends_with(b"\r\n"), "RFC 4180 line ends");
}

#[test]
fn exports_are_byte_identical_from_build_to_build() {
    let site = common::fixture("mixed");
    tools::build_with_base(site.path());
    let first = common::snapshot(&site.path().join("public"));
    tools::build_with_base(site.path());
    let second = common::snapshot(&site.path().join("public"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{} changed", path.display());
    }
    for name in [
        "data/events.json",
        "data/events.csv",
        "data/events.ics",
        "atom.xml",
    ] {
        assert!(first.contains_key(Path::new(name)), "{name}");
    }
}

#[test]
fn timelinejs_shows_one_slide_per_event() {
    let timelinejs = tools::repo().join("tests/tools/node_modules/@knight-lab/timelinejs/dist");
    if !timelinejs.is_dir() {
        return tools::missing("@knight-lab/timelinejs: run `npm ci` in tests/tools").unwrap_or(());
    }
    if !Path::new("/usr/bin/chromium").exists() && std::env::var_os("CHROMIUM").is_none() {
        return tools::missing("chromium: apt-get install chromium").unwrap_or(());
    }
    for (name, site) in tools::sites() {
        let report = tools::build_with_base(site.path());
        let served = tempfile::tempdir().unwrap();
        fs::copy(
            data(site.path(), "timeline.json"),
            served.path().join("timeline.json"),
        )
        .unwrap();
        fs::copy(
            tools::script("timeline.html"),
            served.path().join("index.html"),
        )
        .unwrap();
        std::os::unix::fs::symlink(&timelinejs, served.path().join("timelinejs")).unwrap();
        let Some(server) = common::StaticServer::start(served.path())
            .ok()
            .or_else(|| tools::missing("python3 not found: install Python 3"))
        else {
            return;
        };
        let url = format!("http://127.0.0.1:{}/index.html", server.port);
        let Some(output) = tools::node("timeline.mjs", &[&url]) else {
            return;
        };
        drop(server);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let seen: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
            panic!(
                "{name}: {e}\n{stdout}{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        assert_eq!(seen["errors"], Value::Array(vec![]), "{name}");
        assert_eq!(seen["slides"], report.events, "{name}: one slide per event");
        assert_eq!(seen["title_slides"], 1, "{name}");
        let titles: Vec<Value> = events(site.path())
            .iter()
            .map(|e| e["title"].clone())
            .collect();
        assert_eq!(seen["headlines"], Value::Array(titles), "{name}");
    }
}

#[test]
fn declared_actors_pairs_roles_and_pages_are_exported() {
    let site = common::fixture("succession");
    tools::build_with_base(site.path());
    let schema = data(site.path(), "events.schema.json");
    let json = data(site.path(), "events.json");
    if let Some(result) = tools::python("schema", &[&schema, &json]) {
        assert_eq!(
            result["errors"],
            Value::Array(vec![]),
            "roles fit the schema"
        );
    }
    let visit = events(site.path())
        .into_iter()
        .find(|e| e["slug"] == "2001-05-chavez-moscow")
        .unwrap();
    assert_eq!(
        visit["roles"],
        serde_json::json!({"Rusia": "host", "Venezuela": "guest"})
    );
    let actors = tools::read_json(&data(site.path(), "actors.json"));
    let ussr = actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "ussr")
        .unwrap();
    assert_eq!(
        (&ussr["from"], &ussr["until"], &ussr["wikidata"]),
        (&"1922-12-30".into(), &"1991-12-26".into(), &"Q15180".into())
    );
    assert_eq!(
        ussr["succeeded_by"],
        serde_json::json!([{"slug": "russia", "as": "continuator"}, {"slug": "ukraine", "as": "successor"}])
    );
    assert_eq!(
        ussr["events"],
        serde_json::json!(["1945-03-14-relations", "1991-12-25-resignation"])
    );
    let pairs: Vec<(String, usize)> = actors["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["page"].as_str().unwrap().to_string(),
                p["events"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("actors/russia--ukraine.html".to_string(), 1),
            ("actors/russia--venezuela.html".to_string(), 2),
            ("actors/ussr--venezuela.html".to_string(), 1),
        ]
    );
    let spanish = tools::read_json(&site.path().join("public/es/data/actors.json"));
    let names: Vec<&str> = spanish["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["declared"] == true)
        .map(|a| a["short"].as_str().or(a["name"].as_str()).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Mijaíl Gorbachov",
            "Rusia",
            "Ucrania",
            "ONU",
            "URSS",
            "Venezuela"
        ]
    );
    let sitemap = fs::read_to_string(site.path().join("public/sitemap.xml")).unwrap();
    for page in [
        "about.html",
        "es/about.html",
        "ru/method.html",
        "actors/russia--venezuela.html",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{BASE}{page}</loc>")),
            "{page} in {sitemap}"
        );
    }
}
