//! Links and files beside events, on a chronology that keeps its drawings,
//! photographs and scans next to its event files (tests/fixtures/illustrated):
//! every link and image of a body must lead to a file the build wrote, in
//! every language edition, with every URL relative.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use annals::BuildOptions;
use annals::rebuild::Live;
use annals::watch::Change;
use common::{attrs, broken_links, build_ok, fixture, page, resolve, snapshot};
use scraper::Selector;

const VERSAILLES: &str = "events/1919-06-28-treaty-of-versailles.html";
const OLGA: &str = "events/0957-olga-of-kiev-received-in-constantinople.html";

/// The `src` of every image and the `href` of every link of a page's body,
/// in order.
fn body_links(root: &Path, path: &str) -> Vec<String> {
    let html = page(root, path);
    let selector = Selector::parse(".body img, .body a").unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr("src").or(e.value().attr("href")))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_link_and_image_of_every_page_names_a_file_of_the_output() {
    let site = fixture("illustrated");
    build_ok(site.path());
    assert_eq!(
        broken_links(&site.path().join("public")),
        Vec::<String>::new()
    );
}

#[test]
fn files_beside_events_are_published_once_under_files() {
    let site = fixture("illustrated");
    let report = build_ok(site.path());
    let published: Vec<PathBuf> = snapshot(&site.path().join("public/files"))
        .into_keys()
        .collect();
    let expected = [
        "events/1976/visit.jpg",
        "events/scans/tratado.pdf",
        "events/scans/treaty page 1.pdf",
        "events/versailles-hall.svg",
    ];
    assert_eq!(published, expected.map(PathBuf::from));
    for file in expected {
        let out = fs::read(site.path().join("public/files").join(file)).unwrap();
        assert_eq!(
            out,
            fs::read(site.path().join("content").join(file)).unwrap(),
            "{file}"
        );
    }
    assert!(
        !site.path().join("public/es/files").exists(),
        "one copy for every edition"
    );
    assert_eq!(
        report.warnings[0],
        "content/events/notes.txt: not an event file (.md, .yaml or .yml) and no published event links to it; not published"
    );
}

#[test]
fn bodies_link_their_files_and_events_relatively_in_every_edition() {
    let site = fixture("illustrated");
    build_ok(site.path());
    assert_eq!(
        body_links(site.path(), VERSAILLES),
        [
            "../files/events/versailles-hall.svg",
            "../files/events/scans/treaty%20page%201.pdf",
            "0957-olga-of-kiev-received-in-constantinople.html",
            "1976-05-state-visit-to-france.html",
            "1976-05-14-talks-at-the-elysee.html",
            "../tags/treaty.html",
            "../files/events/versailles-hall.svg",
            "https://archive.org/search?query=%22Treaty%20of%20Versailles%22",
        ]
    );
    let spanish = format!("es/{VERSAILLES}");
    assert_eq!(
        body_links(site.path(), &spanish),
        [
            "../../files/events/versailles-hall.svg",
            "../../files/events/scans/tratado.pdf",
            "../../files/events/scans/treaty%20page%201.pdf",
            "0957-olga-of-kiev-received-in-constantinople.html",
        ]
    );
    let out = site.path().join("public");
    for page in [VERSAILLES, &spanish] {
        for link in body_links(site.path(), page)
            .iter()
            .filter(|l| !l.contains("://"))
        {
            let target = out.join(resolve(Path::new(page), link));
            assert!(target.is_file(), "{page}: {link} → {}", target.display());
        }
    }
}

#[test]
fn links_to_yaml_events_lead_to_their_pages() {
    let site = fixture("illustrated");
    build_ok(site.path());
    assert_eq!(
        body_links(site.path(), OLGA)[1..],
        [
            "1919-06-28-treaty-of-versailles.html",
            "1976-05-state-visit-to-france.html"
        ]
    );
    assert_eq!(
        body_links(site.path(), "events/1977-11-return-visit-to-caracas.html"),
        [
            "1976-05-state-visit-to-france.html",
            "../files/events/1976/visit.jpg",
            "../files/events/1976/visit.jpg"
        ]
    );
    assert_eq!(
        body_links(site.path(), "events/1976-05-14-talks-at-the-elysee.html"),
        [
            "1976-05-state-visit-to-france.html",
            "../files/events/1976/visit.jpg",
            "../files/events/versailles-hall.svg",
            "1919-06-28-treaty-of-versailles.html#reparations",
        ]
    );
}

#[test]
fn a_path_from_the_site_root_becomes_relative_to_the_static_file() {
    let site = fixture("illustrated");
    build_ok(site.path());
    assert_eq!(body_links(site.path(), OLGA)[0], "../img/seal.svg");
    assert_eq!(
        body_links(site.path(), &format!("es/{OLGA}"))[0],
        "../../img/seal.svg"
    );
    assert!(site.path().join("public/img/seal.svg").is_file());
}

#[test]
fn raw_images_get_an_empty_alt_and_check_says_so() {
    let site = fixture("illustrated");
    build_ok(site.path());
    let versailles = page(site.path(), VERSAILLES);
    assert_eq!(attrs(&versailles, "figure img", "alt"), [""]);
    let caracas = page(site.path(), "events/1977-11-return-visit-to-caracas.html");
    assert_eq!(attrs(&caracas, ".body img", "alt"), [""]);
    let talks = page(site.path(), "events/1976-05-14-talks-at-the-elysee.html");
    assert_eq!(
        attrs(&talks, ".body img", "alt"),
        ["The delegation at Orly, three days before"]
    );
    let report = annals::check(&BuildOptions::new(site.path())).unwrap();
    let lints: Vec<String> = report.lints.iter().map(ToString::to_string).collect();
    let images: Vec<&String> = lints.iter().filter(|l| l.contains(" <img ")).collect();
    assert_eq!(
        images,
        [
            "content/events/1919-06-28-treaty-of-versailles.md:29:3: <img src=\"versailles-hall.svg\"> has no alt text, so it is published with alt=\"\" (skipped by screen readers, as decoration is): describe the image in alt=\"…\" unless it is decoration",
            "content/events/visits.yaml:26: <img src=\"1976/visit.jpg\"> has no alt text, so it is published with alt=\"\" (skipped by screen readers, as decoration is): describe the image in alt=\"…\" unless it is decoration",
        ]
    );
}

#[test]
fn unchanged_files_are_linked_from_the_previous_build() {
    use std::os::unix::fs::MetadataExt;
    let site = fixture("illustrated");
    build_ok(site.path());
    let photo = site.path().join("public/files/events/1976/visit.jpg");
    let before = fs::metadata(&photo).unwrap();
    let talks = site
        .path()
        .join("content/events/1976/1976-05-14-talks-at-the-elysee.md");
    let edited = fs::read_to_string(&talks)
        .unwrap()
        .replace("Part of", "Held during");
    fs::write(&talks, edited).unwrap();
    assert!(!build_ok(site.path()).unchanged);
    let after = fs::metadata(&photo).unwrap();
    assert_eq!(after.ino(), before.ino(), "the same file, linked");
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
}

#[test]
fn the_served_site_has_the_files_and_follows_edits_to_them() {
    let site = common::site(&[
        (
            "content/events/1815-congress.md",
            "---\ntitle: Congress of Vienna\ndate: 1814-09\n---\n![The hall](hall.svg)\n",
        ),
        ("content/events/hall.svg", HALL),
        (
            "content/events/1945-yalta.md",
            "---\ntitle: Yalta\ndate: 1945-02\n---\nText.\n",
        ),
    ]);
    let mut live = Live::new(BuildOptions::new(site.path()));
    let first = live.apply(&Change::Everything).unwrap();
    assert_eq!(
        first.pages["files/events/hall.svg"].as_ref(),
        HALL.as_bytes()
    );
    common::write(site.path(), "content/events/scans/yalta.svg", HALL);
    common::write(
        site.path(),
        "content/events/1945-yalta.md",
        "---\ntitle: Yalta\ndate: 1945-02\n---\n![The palace](scans/yalta.svg)\n",
    );
    let changed: BTreeSet<PathBuf> = [
        "content/events/1945-yalta.md",
        "content/events/scans/yalta.svg",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect();
    let edit = live.apply(&Change::Content(changed)).unwrap();
    assert_eq!(
        edit.pages["files/events/scans/yalta.svg"].as_ref(),
        HALL.as_bytes()
    );
    assert!(edit.pages.contains_key("files/events/hall.svg"));
    let yalta = String::from_utf8_lossy(&edit.pages["events/1945-yalta.html"]).into_owned();
    assert!(
        yalta.contains("src=\"../files/events/scans/yalta.svg\""),
        "{yalta}"
    );
    // An image replaced in place is served anew.
    let redrawn = HALL.replace("width=\"8\" height=\"8\"/>", "width=\"4\" height=\"4\"/>");
    common::write(site.path(), "content/events/hall.svg", &redrawn);
    let hall = BTreeSet::from([PathBuf::from("content/events/hall.svg")]);
    let edit = live.apply(&Change::Content(hall)).unwrap();
    assert_eq!(
        edit.pages["files/events/hall.svg"].as_ref(),
        redrawn.as_bytes()
    );
    // An edit to an event alone renders only what it touched.
    common::write(
        site.path(),
        "content/events/1945-yalta.md",
        "---\ntitle: Yalta Conference\ndate: 1945-02\n---\n![The palace](scans/yalta.svg)\n",
    );
    let yalta = BTreeSet::from([PathBuf::from("content/events/1945-yalta.md")]);
    let edit = live.apply(&Change::Content(yalta)).unwrap();
    assert!(edit.rendered < first.rendered, "only what the edit touched");
}

const HALL: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\"/></svg>\n";
