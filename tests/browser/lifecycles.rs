//! Treaty lifecycles and dates as uncertain as the record, in Chromium:
//! the treaties fixture (tests/fixtures/treaties: every EDTF form, every
//! kind of stage, three editions) opened from disk as a reader opens it.

use std::sync::OnceLock;

use serde_json::{Value, json};

use super::{ROOT, Site, file_url, node, ready};
use crate::common::{self, build_ok};

/// The treaties chronology, built.
pub(super) fn treaties() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| Site::fixture("treaties"))
}

/// The fixture without its oldest and longest-running events, so that the
/// axis has room to draw each of the rest as its own mark.
fn axis_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = common::fixture("treaties");
        let content = dir.path().join("content");
        std::fs::remove_dir_all(content.join("ancient")).unwrap();
        for file in [
            "agreements/1648-westphalia.md",
            "agreements/1950-sino-soviet-treaty.md",
            "archive/19XX-embassy-photograph.md",
        ] {
            std::fs::remove_file(content.join(file)).unwrap();
        }
        build_ok(dir.path());
        let out = dir.path().join("public");
        Site {
            _dir: dir,
            out,
            reader: json!({}),
        }
    })
}

const INF: &str = "events/1987-inf-treaty.html";
const ANTARCTIC: &str = "Antarctic Treaty";
const INF_TITLE: &str = "Intermediate-Range Nuclear Forces Treaty";
const SINO_SOVIET: &str = "Sino-Soviet Treaty of Friendship, Alliance and Mutual Assistance";

/// What the reader saw, from one run of the browser for every test here.
fn check() -> &'static Value {
    static RESULT: OnceLock<Value> = OnceLock::new();
    RESULT.get_or_init(run)
}

fn run() -> Value {
    let axe = std::path::Path::new(ROOT).join("tests/tools/node_modules/axe-core/axe.min.js");
    let site = treaties();
    let input = json!({
        "base": file_url(&site.out),
        "axisBase": file_url(&axis_site().out),
        "axe": axe,
        "queries": ["1999", "1979", "1985", "2019-01", "2019-03", "1961-06-22", "1961-06-23", "19x9", ""],
        "events": [INF, format!("es/{INF}"), format!("ru/{INF}"), "events/1959-antarctic-treaty.html",
            "events/197x-undated-cable.html", "events/before-1952-consular-note.html"],
    });
    node("lifecycles.mjs", &input)
}

fn shown(result: &Value, query: &str) -> Vec<String> {
    let shown = result["filter"][query]["shown"].as_array();
    let titles = shown.unwrap_or_else(|| panic!("no result for {query}: {result}"));
    titles
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_in_force_filter_answers_which_agreements_were_in_force() {
    if !ready() {
        return;
    }
    let result = check();
    let all = [SINO_SOVIET, ANTARCTIC, INF_TITLE];
    assert_eq!(shown(result, "1999"), [ANTARCTIC, INF_TITLE]);
    assert_eq!(shown(result, "1979"), [SINO_SOVIET, ANTARCTIC]);
    assert_eq!(shown(result, "1985"), [ANTARCTIC]);
    assert_eq!(shown(result, "2019-01"), [ANTARCTIC, INF_TITLE]);
    assert_eq!(
        shown(result, "2019-03"),
        [ANTARCTIC],
        "suspended in February 2019"
    );
    assert_eq!(shown(result, "1961-06-22"), [SINO_SOVIET]);
    assert_eq!(shown(result, "1961-06-23"), [SINO_SOVIET, ANTARCTIC]);
    assert_eq!(
        shown(result, "19x9"),
        all,
        "a query that is no date filters nothing"
    );
    assert_eq!(result["filter"]["19x9"]["invalid"], "true");
    assert_eq!(shown(result, ""), all);
    assert_eq!(
        result["filter"]["1999"]["status"],
        "In force on 1999: 2 of 3."
    );
    assert_eq!(
        result["filter"]["es/1999"]["status"],
        "En vigor el 1999: 2 de 3."
    );
    assert_eq!(
        result["filter"]["ru/1999"]["status"],
        "В силе на 1999: 2 из 3."
    );
    assert_eq!(shown(result, "ru/1985"), [ANTARCTIC]);
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
fn an_event_page_lists_its_stages_along_a_proportional_line() {
    if !ready() {
        return;
    }
    let result = check();
    let stages = |path: &str| -> Vec<String> {
        let list = result["events"][path]["stages"].as_array().unwrap();
        list.iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        stages(INF),
        [
            "8 December 1987 Signature · Washington",
            "c. May 1988 Ratification by United States",
            "1 June 1988 Entry into force",
            "2 February 2019 Suspension by United States",
            "2 August 2019 Termination",
        ]
    );
    assert_eq!(
        stages(&format!("es/{INF}")),
        [
            "8 de diciembre de 1987 Firma · Washington",
            "h. mayo de 1988 Ratificación por United States",
            "1 de junio de 1988 Entrada en vigor",
            "2 de febrero de 2019 Suspensión por United States",
            "2 de agosto de 2019 Terminación",
        ]
    );
    assert_eq!(
        stages(&format!("ru/{INF}"))[2],
        "1 июня 1988 г. Вступление в силу"
    );
    assert_eq!(
        stages("events/1959-antarctic-treaty.html"),
        [
            "1 December 1959 Signature · Washington [1]",
            "8 June 1961 Accession by Poland",
            "23 June 1961 Entry into force",
            "4 October 1991 Madrid Protocol signed · Madrid",
        ]
    );
    let ticks: Vec<f64> = result["events"][INF]["ticks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_f64().unwrap())
        .collect();
    assert_eq!(
        ticks,
        [0.0, 1.3, 1.5, 98.4, 100.0],
        "days apart, in proportion"
    );
    assert!(result["events"][INF]["lineWidth"].as_f64().unwrap() > 300.0);
    assert_eq!(
        result["events"]["events/197x-undated-cable.html"]["when"],
        "1970s"
    );
    assert_eq!(
        result["events"]["events/before-1952-consular-note.html"]["when"],
        "before 1952"
    );
}

#[test]
fn the_axis_fades_vague_dates_hollows_doubted_ones_and_spans_treaties() {
    if !ready() {
        return;
    }
    let result = check();
    let marks = result["axis"].as_array().unwrap();
    let mark = |label: &str| {
        marks
            .iter()
            .find(|m| m["label"].as_str().unwrap().starts_with(label))
            .unwrap_or_else(|| panic!("no mark for {label}: {marks:?}"))
    };
    let classes = |label: &str| mark(label)["classes"].as_str().unwrap().to_string();
    assert_eq!(classes("Undated cable"), "mark bar fuzzy");
    assert_eq!(
        classes("Round of talks"),
        "mark dot fuzzy",
        "four months: too narrow for a bar"
    );
    assert_eq!(classes("Consular note"), "mark bar fuzzy");
    assert_eq!(classes("Trade delegation visit"), "mark dot uncertain");
    assert_eq!(classes("Fisheries memorandum"), "mark dot circa uncertain");
    assert_eq!(classes(INF_TITLE), "mark bar");
    let right_edge = 940.0;
    assert_eq!(
        mark(ANTARCTIC)["right"].as_f64(),
        Some(right_edge),
        "in force: open-ended"
    );
    assert_eq!(
        mark("Permanent mission")["right"].as_f64(),
        Some(right_edge)
    );
    assert!(
        mark(INF_TITLE)["right"].as_f64().unwrap() < right_edge,
        "terminated"
    );
    assert_eq!(
        mark("Consular note")["x"].as_f64(),
        Some(20.0),
        "before 1952: from the left edge"
    );
}
