//! The index's time axis, filters and search index, as built for the mixed
//! fixture: parsed, not eyeballed.

mod common;

use std::fs;

use common::{attrs, broken_links, build_ok, fixture, page, texts};
use serde_json::Value;

#[test]
fn the_axis_links_every_event_in_time_order() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = page(site.path(), "index.html");
    assert_eq!(texts(&index, "svg > title"), ["Time axis"]);
    assert_eq!(texts(&index, "svg > desc").len(), 1);
    let labels = attrs(&index, ".axis .mark", "aria-label");
    assert_eq!(
        labels,
        [
            "Battle of Kadesh, c. 1274 BCE",
            "Egyptian–Hittite peace treaty, c. 1259 BCE",
            "Congress of Vienna, September 1814 – 9 June 1815",
            "Establecimiento de relaciones diplomáticas, 14 March 1945",
            "Visit to the USSR, 1976",
            "<script>alert('x')</script> & friends, November 1976",
            "More than 350 agreements, 2019",
            "Договор о стратегическом партнёрстве, 7 May 2025",
            "Victory Day parade, 9 May 2025",
        ],
        "one mark per event, left to right; nine months of 3300 years is a dot"
    );
    assert_eq!(attrs(&index, ".axis .mark.dot", "href").len(), 9);
    assert_eq!(
        attrs(&index, ".axis .mark", "href")[0],
        "events/kadesh.html"
    );
    assert_eq!(
        attrs(&index, ".axis .mark.circa", "aria-label"),
        [
            "Battle of Kadesh, c. 1274 BCE",
            "Egyptian–Hittite peace treaty, c. 1259 BCE"
        ]
    );
    assert_eq!(
        attrs(&index, ".axis .band", "aria-label"),
        ["Era: Bronze Age", "Era: Guerra Fría"]
    );
    let ticks = texts(&index, ".axis .ticks text");
    assert_eq!(ticks.first().map(String::as_str), Some("1000 BCE"));
    assert_eq!(ticks.last().map(String::as_str), Some("2000"));
    let problems = broken_links(&site.path().join("public"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_filters_name_every_tag_actor_and_era() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = page(site.path(), "index.html");
    let tags = page(site.path(), "tags/index.html");
    assert_eq!(
        texts(&index, "fieldset.checks:nth-of-type(1) label"),
        texts(&tags, ".groups a")
    );
    assert_eq!(
        attrs(&index, "input[name=era]", "value"),
        ["bronze-age", "guerra-fria"]
    );
    assert_eq!(attrs(&index, "#finder", "hidden"), [""], "hidden until JS");
    assert_eq!(
        attrs(&index, "script", "src"),
        ["annals.js", "search-index.js", "search.js"]
    );
}

fn search_index(root: &std::path::Path) -> Value {
    let text = fs::read_to_string(root.join("public/search-index.js")).unwrap();
    let json = text
        .strip_prefix("window.annalsSearch=")
        .and_then(|rest| rest.strip_suffix(";\n"))
        .expect("a script that assigns one object");
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_search_index_holds_every_event_and_body_word() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = search_index(site.path());
    assert_eq!(index["v"], 1);
    let events = index["events"].as_array().unwrap();
    let slugs: Vec<&str> = events.iter().map(|e| e[0].as_str().unwrap()).collect();
    assert_eq!(slugs.len(), 9);
    assert_eq!(slugs[0], "kadesh");
    assert_eq!(events[0][2], "c. 1274 BCE");
    assert_eq!(events[0][3], -1273, "astronomical year of 1274 BCE");
    let words: Vec<&str> = index["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w[0].as_str().unwrap())
        .collect();
    let mut sorted = words.clone();
    sorted.sort_unstable();
    assert_eq!(words, sorted, "sorted for prefix search");
    let aftermath = index["words"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w[0] == "aftermath")
        .expect("a body heading's word");
    assert_eq!(aftermath[1], "0", "only the first event (kadesh) has it");
    for word in ["alert", "javascript"] {
        assert!(
            !words.contains(&word),
            "{word}: a body's raw HTML and link targets are not indexed"
        );
    }
    assert!(words.contains(&"raw"), "but its text is");
}
