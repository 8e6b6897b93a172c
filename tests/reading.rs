//! What a reader reads on the built pages, parsed from the HTML: each text
//! once (a summary taken from the body is not repeated above it, a year is
//! not written twice), a description of the page itself for search engines
//! and link previews, dates as a historian writes them, and no glyph a
//! reader's fonts may lack.

mod common;

use common::{attrs, build_ok, page, site, texts};
use tempfile::TempDir;

const SITE: &str = "title: \"Rus' and Byzantium\"\n\
description: \"Embassies, raids and treaties between Kiev and Constantinople.\"\n\
languages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n\
eras:\n  - name: \"Rurikid princes\"\n    start: \"0860\"\n    end: \"0945\"\n  \
- name: \"An empty interlude\"\n    start: \"1100\"\n    end: \"1120\"\n";

const RUPTURE: &str = "---\ntitle: \"Siege of Constantinople\"\ndate: \"0860-06-18\"\n\
end: \"0860-08-04\"\nplace: \"Constantinople\"\ntags: [raid]\n---\n\
A fleet of the Rus' appears before Constantinople while the emperor is away.\n\n\
Photius preached two homilies on the attack (*Homiliae* III–IV).\n";

const TREATY: &str = "---\ntitle: \"Treaty of 911\"\ndate: \"0911\"\n\
summary: \"Oleg's envoys agree a treaty of trade in Constantinople.\"\ntags: [raid, treaty]\n---\n\
The *Primary Chronicle* preserves the text, sub anno 6420.\n";

const TREATY_ES: &str = "---\ntitle: \"Tratado de 911\"\n---\n\
El tratado de Oleg, según la *Crónica de Néstor*.\n";

const RUPTURE_ES: &str = "---\ntitle: \"Asedio de Constantinopla\"\n---\n\
Una flota de la Rus' aparece ante Constantinopla.\n";

fn chronicle() -> TempDir {
    let dir = site(&[
        ("site.yaml", SITE),
        ("content/events/0860-siege.md", RUPTURE),
        ("content/events/0860-siege.es.md", RUPTURE_ES),
        ("content/events/0911-treaty.md", TREATY),
        ("content/events/0911-treaty.es.md", TREATY_ES),
    ]);
    build_ok(dir.path());
    dir
}

#[test]
fn a_summary_taken_from_the_body_is_read_once() {
    let dir = chronicle();
    let siege = page(dir.path(), "events/0860-siege.html");
    assert_eq!(texts(&siege, ".event .lede"), Vec::<String>::new());
    assert_eq!(
        texts(&siege, ".body p")[0],
        "A fleet of the Rus' appears before Constantinople while the emperor is away."
    );
    let treaty = page(dir.path(), "events/0911-treaty.html");
    assert_eq!(
        texts(&treaty, ".event .lede"),
        ["Oleg's envoys agree a treaty of trade in Constantinople."],
        "a summary of its own is the lede"
    );
}

#[test]
fn each_page_describes_itself() {
    let dir = chronicle();
    let description =
        |path: &str| attrs(&page(dir.path(), path), "meta[name=description]", "content");
    assert_eq!(
        description("events/0860-siege.html"),
        ["A fleet of the Rus' appears before Constantinople while the emperor is away."]
    );
    assert_eq!(description("tags/raid.html"), ["raid: 2 events, 860–911"]);
    assert_eq!(description("tags/treaty.html"), ["treaty: 1 event, 911"]);
    assert_eq!(
        description("eras/an-empty-interlude.html"),
        ["An empty interlude: no events"]
    );
    assert_eq!(
        description("index.html"),
        ["Embassies, raids and treaties between Kiev and Constantinople."]
    );
}

#[test]
fn an_era_without_events_says_so_in_words() {
    let dir = chronicle();
    let era = page(dir.path(), "eras/an-empty-interlude.html");
    assert_eq!(texts(&era, "main .count"), ["no events"]);
    let index = page(dir.path(), "es/index.html");
    assert_eq!(
        texts(&index, ".era-band .n"),
        ["2 acontecimientos", "sin acontecimientos"]
    );
}

#[test]
fn a_range_within_one_year_writes_the_year_once() {
    let dir = chronicle();
    let when = |path: &str| texts(&page(dir.path(), path), ".event header .when");
    assert_eq!(when("events/0860-siege.html"), ["18 June – 4 August 860"]);
    assert_eq!(
        when("es/events/0860-siege.html"),
        ["18 de junio – 4 de agosto de 860"]
    );
    let index = page(dir.path(), "index.html");
    assert_eq!(
        attrs(&index, "#y860 .when time", "datetime"),
        ["0860-06-18", "0860-08-04"],
        "the machine-readable dates stay whole"
    );
}

#[test]
fn a_year_alone_is_marked_so_the_index_shows_it_once() {
    let dir = chronicle();
    let index = page(dir.path(), "index.html");
    assert_eq!(texts(&index, "#y911 > h3"), ["911"]);
    assert_eq!(attrs(&index, "#y911 .when", "class"), ["when bare-year"]);
    assert_eq!(attrs(&index, "#y860 .when", "class"), ["when"]);
}

#[test]
fn a_place_is_marked_by_an_icon_drawn_in_svg() {
    let dir = chronicle();
    let index = page(dir.path(), "index.html");
    assert_eq!(texts(&index, ".event-card .place"), ["Constantinople"]);
    assert_eq!(
        attrs(&index, ".event-card .place > svg", "aria-hidden"),
        ["true"]
    );
    let css = std::fs::read_to_string(dir.path().join("public/style.css")).unwrap();
    assert!(!css.contains('\u{2316}'), "no ⌖ glyph in the stylesheet");
}
