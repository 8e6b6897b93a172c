//! Treaty lifecycles and EDTF dates carried into every export, read back
//! by the parsers other tools use (Python's json, csv and icalendar), and
//! into each event page's schema.org JSON-LD (`subEvent`).

mod common;

use std::path::Path;

use common::tools;
use serde_json::Value;

fn built() -> tempfile::TempDir {
    let site = common::fixture("treaties");
    tools::build_with_base(site.path());
    site
}

fn event<'a>(events: &'a [Value], slug: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["slug"] == slug)
        .unwrap_or_else(|| panic!("no event {slug}"))
}

fn data(root: &Path, name: &str) -> std::path::PathBuf {
    root.join("public/data").join(name)
}

#[test]
fn events_json_keeps_the_edtf_string_beside_the_computed_bounds() {
    let site = built();
    let document = tools::read_json(&data(site.path(), "events.json"));
    let events = document["events"].as_array().unwrap();
    let bounds = |slug: &str| {
        let e = event(events, slug);
        (
            e["edtf"].clone(),
            e["earliest"].clone(),
            e["latest"].clone(),
        )
    };
    let cases = [
        (
            "kadesh-treaty",
            "-1258~",
            Value::from("-1258-01-01"),
            Value::from("-1258-12-31"),
        ),
        (
            "197x-undated-cable",
            "197X",
            "1970-01-01".into(),
            "1979-12-31".into(),
        ),
        (
            "19xx-embassy-photograph",
            "19XX",
            "1900-01-01".into(),
            "1999-12-31".into(),
        ),
        (
            "1976-trade-delegation",
            "1976?",
            "1976-01-01".into(),
            "1976-12-31".into(),
        ),
        (
            "1976-fisheries-memorandum",
            "1976%",
            "1976-01-01".into(),
            "1976-12-31".into(),
        ),
        (
            "1976-11-talks",
            "1976-11/1977-02",
            "1976-11-01".into(),
            "1977-02-28".into(),
        ),
        (
            "before-1952-consular-note",
            "../1952",
            Value::Null,
            "1952-12-31".into(),
        ),
        (
            "1991-onwards-mission",
            "1991/..",
            "1991-01-01".into(),
            Value::Null,
        ),
    ];
    for (slug, edtf, earliest, latest) in cases {
        assert_eq!(bounds(slug), (edtf.into(), earliest, latest), "{slug}");
    }
}

#[test]
fn stages_travel_into_events_json_and_the_csv() {
    let site = built();
    let document = tools::read_json(&data(site.path(), "events.json"));
    let events = document["events"].as_array().unwrap();
    let inf = &event(events, "1987-inf-treaty")["stages"];
    let kinds: Vec<&str> = inf
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["signed", "ratified", "in force", "suspended", "terminated"]
    );
    assert_eq!(inf[1]["edtf"], "1988-05~");
    assert_eq!(inf[1]["by"], "United States");
    assert_eq!(
        (&inf[1]["earliest"], &inf[1]["latest"]),
        (&"1988-05-01".into(), &"1988-05-31".into())
    );
    let antarctic = &event(events, "1959-antarctic-treaty")["stages"];
    assert_eq!(antarctic[3]["stage"], "other");
    assert_eq!(antarctic[3]["label"], "Madrid Protocol signed");
    let cited = antarctic[0]["sources"][0].as_str().unwrap();
    let sources: Vec<&str> = event(events, "1959-antarctic-treaty")["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sources, [cited], "a stage's source is the event's too");
    let Some(table) = tools::python("csv", &[&data(site.path(), "events.csv")]) else {
        return;
    };
    let row = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["slug"] == "1987-inf-treaty")
        .unwrap()
        .clone();
    assert_eq!(
        row["stages"],
        "signed 1987-12-08; ratified 1988-05~ (United States); in force 1988-06-01; suspended 2019-02-02 (United States); terminated 2019-08-02"
    );
    assert_eq!(row["edtf"], "1987-12-08");
}

#[test]
fn the_calendar_has_one_entry_per_stage() {
    let site = built();
    let Some(calendar) = tools::python("ics", &[&data(site.path(), "events.ics")]) else {
        return;
    };
    let entries = calendar["events"].as_array().unwrap();
    let entry = |summary: &str| {
        entries
            .iter()
            .find(|e| e["summary"] == summary)
            .unwrap_or_else(|| panic!("no entry {summary}: {entries:?}"))
    };
    let in_force = entry("Intermediate-Range Nuclear Forces Treaty: Entry into force");
    assert_eq!(
        (&in_force["dtstart"], &in_force["dtend"]),
        (&"1988-06-01".into(), &"1988-06-02".into())
    );
    assert_eq!(
        in_force["uid"],
        "1987-inf-treaty.stage-3@example.github.io/annals"
    );
    let ratified = entry("Intermediate-Range Nuclear Forces Treaty: Ratification (United States)");
    assert_eq!(
        (&ratified["dtstart"], &ratified["dtend"]),
        (&"1988-05-01".into(), &"1988-06-01".into())
    );
    let protocol = entry("Antarctic Treaty: Madrid Protocol signed");
    assert_eq!(protocol["location"], "Madrid");
    assert!(
        entries
            .iter()
            .all(|e| e["summary"] != "Consular note on visas"),
        "an open start is left out, not given a day"
    );
    let decade = entry("1970s: Undated cable on the fisheries talks");
    assert_eq!(
        (&decade["dtstart"], &decade["dtend"]),
        (&"1970-01-01".into(), &"1980-01-01".into())
    );
}

fn json_ld(root: &Path, page: &str) -> Value {
    let html = common::page(root, page);
    let script = common::texts(&html, "script[type=\"application/ld+json\"]");
    serde_json::from_str(&script[0]).unwrap()
}

#[test]
fn json_ld_gives_each_stage_as_a_sub_event_in_the_editions_language() {
    let site = built();
    let ld = json_ld(site.path(), "events/1987-inf-treaty.html");
    let names: Vec<&str> = ld["subEvent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[2],
        "Intermediate-Range Nuclear Forces Treaty: Entry into force"
    );
    assert_eq!(ld["subEvent"][2]["startDate"], "1988-06-01");
    assert_eq!(ld["subEvent"][1]["description"], "by United States");
    assert_eq!(ld["subEvent"][0]["location"]["name"], "Washington");
    let ru = json_ld(site.path(), "ru/events/1987-inf-treaty.html");
    assert_eq!(
        ru["subEvent"][2]["name"],
        "Договор о ликвидации ракет средней и меньшей дальности: Вступление в силу"
    );
    let before = json_ld(site.path(), "events/before-1952-consular-note.html");
    assert_eq!(
        (&before["startDate"], &before["endDate"]),
        (&Value::Null, &"1952".into())
    );
    assert!(json_ld(site.path(), "events/197x-undated-cable.html")["subEvent"].is_null());
}

#[test]
fn the_repositorys_treaty_is_signed_in_moscow_in_every_edition() {
    let site = tools::repository_site();
    tools::build_with_base(site.path());
    let page = "events/2025-05-07-strategic-partnership-treaty.html";
    for (edition, stage) in [
        ("", "7 May 2025 Signature · Moscow"),
        ("es/", "7 de mayo de 2025 Firma · Moscú"),
        ("ru/", "7 мая 2025 г. Подписание · Москва"),
    ] {
        let html = common::page(site.path(), &format!("{edition}{page}"));
        let shown: Vec<String> = common::texts(&html, ".lifecycle .stage")
            .iter()
            .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(shown, [stage], "{edition}");
    }
}

#[test]
fn an_actors_page_lists_the_stages_it_took_in_every_edition() {
    let site = common::fixture("succession");
    common::build_ok(site.path());
    let stages = |page: &str| {
        let html = common::page(site.path(), page);
        common::texts(&html, ".party-stages li")
    };
    let treaty = "Strategic Partnership and Cooperation Treaty";
    assert_eq!(
        stages("actors/russia.html"),
        [format!("Ratification, c. June 2025: {treaty}")]
    );
    assert_eq!(stages("actors/venezuela.html"), Vec::<String>::new());
    assert_eq!(
        stages("es/actors/russia.html"),
        ["Ratificación, h. junio de 2025: Tratado de Asociación Estratégica y Cooperación"]
    );
}

#[test]
fn a_stage_by_an_undeclared_actor_is_an_error_at_the_stage() {
    let site = common::fixture("succession");
    let path = site.path().join("content/events/2025-05-07-treaty.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("by: Russia}", "by: Russsia}")).unwrap();
    let error = annals::build(&annals::BuildOptions::new(site.path())).unwrap_err();
    assert_eq!(
        error.to_string(),
        "content/events/2025-05-07-treaty.md:12:5: by: no actor is declared with the name \"Russsia\": did you mean `Russia`?"
    );
}
