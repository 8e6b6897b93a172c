use std::fs;
use std::path::Path;

use super::*;

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn event(title: &str, date: &str, tags: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: \"{date}\"\ntags: [{tags}]\n{extra}---\n\n{title} happened.\n"
    )
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.yaml",
        "title: T\nbase_url: \"https://example.org/c/\"\ncname: example.org\neras:\n  - {name: Early, start: \"1900\", end: \"1949\"}\n",
    );
    for year in 1940..1960 {
        let tags = if year % 2 == 0 {
            "even, all"
        } else {
            "odd, all"
        };
        let extra = if year == 1950 {
            "related: [\"1941\"]\n"
        } else {
            ""
        };
        let text = event(&format!("Event {year}"), &year.to_string(), tags, extra);
        write(root, &format!("content/{year}.md"), &text);
    }
    write(
        root,
        "content/links.md",
        &event("Links", "1955", "", "").replace("happened.", "see [x](1942.md)."),
    );
    dir
}

/// Builds the whole site afresh, for comparison.
fn fresh(root: &Path) -> Pages {
    let mut live = Live::new(BuildOptions::new(root));
    Pages::clone(&live.apply(&Change::Everything).unwrap().pages)
}

/// Applies an edit incrementally and checks the result is what a full
/// build gives, page for page; returns how many pages were rendered.
fn edit_matches_full_build(live: &mut Live, root: &Path, path: &str, text: Option<&str>) -> usize {
    match text {
        Some(text) => write(root, path, text),
        None => fs::remove_file(root.join(path)).unwrap(),
    }
    let change = Change::Content(BTreeSet::from([PathBuf::from(path)]));
    let rebuilt = live.apply(&change).unwrap();
    let expected = fresh(root);
    let mut paths: Vec<_> = expected.keys().chain(rebuilt.pages.keys()).collect();
    paths.sort();
    paths.dedup();
    for page in paths {
        assert_eq!(
            rebuilt
                .pages
                .get(page)
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            expected
                .get(page)
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            "{page} after editing {path}"
        );
    }
    rebuilt.rendered
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let dir = site();
    let root = dir.path();
    let mut live = Live::new(BuildOptions::new(root));
    let all = live.apply(&Change::Everything).unwrap().rendered;
    let edits: [(&str, Option<String>); 7] = [
        (
            "content/1945.md",
            Some(event("Renamed 1945", "1945", "odd, all", "")),
        ),
        (
            "content/1941.md",
            Some(event("Related one", "1941", "odd, all", "")),
        ),
        (
            "content/1942.md",
            Some(event("Linked", "1942", "new tag", "")),
        ),
        ("content/1947.md", Some(event("Moved", "1958", "odd", ""))),
        ("content/1948.md", None),
        (
            "content/new.md",
            Some(event("New", "1951", "all", "aliases: [old-new]\n")),
        ),
        (
            "content/new.md",
            Some(event("New", "1951", "all", "aliases: [older]\n")),
        ),
    ];
    for (path, text) in edits {
        let rendered = edit_matches_full_build(&mut live, root, path, text.as_deref());
        assert!(rendered < all, "{path}: {rendered} of {all} pages rendered");
    }
}

#[test]
fn folders_moved_in_and_out_are_seen() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/sub/a.md",
        &event("In a folder", "1950", "all", ""),
    );
    let mut live = Live::new(BuildOptions::new(root));
    live.apply(&Change::Everything).unwrap();
    fs::rename(root.join("content/sub"), root.join("content/moved")).unwrap();
    let paths = ["content/sub", "content/moved"].map(PathBuf::from);
    let rebuilt = live.apply(&Change::Content(BTreeSet::from(paths))).unwrap();
    assert_eq!(*rebuilt.pages, fresh(root));
    fs::remove_dir_all(root.join("content/moved")).unwrap();
    let paths = BTreeSet::from([PathBuf::from("content/moved")]);
    let rebuilt = live.apply(&Change::Content(paths)).unwrap();
    assert!(!rebuilt.pages.contains_key("events/a.html"));
    assert_eq!(*rebuilt.pages, fresh(root));
}

#[test]
fn a_body_edit_renders_only_what_shows_it() {
    let dir = site();
    let root = dir.path();
    let mut live = Live::new(BuildOptions::new(root));
    live.apply(&Change::Everything).unwrap();
    let text = event("Event 1953", "1953", "odd, all", "").replace("happened", "really happened");
    let rendered = edit_matches_full_build(&mut live, root, "content/1953.md", Some(&text));
    // its page, its two neighbours, the index, the tag and actor indexes,
    // the bibliography, and its tags' pages (odd, all)
    assert_eq!(rendered, 3 + 4 + 2);
}

#[test]
fn a_bad_edit_keeps_the_last_good_build() {
    let dir = site();
    let root = dir.path();
    let mut live = Live::new(BuildOptions::new(root));
    let good = live.apply(&Change::Everything).unwrap().pages;
    write(
        root,
        "content/1945.md",
        "---\ntitle: X\ndate: 1945-02-30\n---\n",
    );
    let change = Change::Content(BTreeSet::from([PathBuf::from("content/1945.md")]));
    let error = live.apply(&change).unwrap_err().to_string();
    assert!(error.starts_with("content/1945.md:3:7: "), "{error}");
    assert!(Arc::ptr_eq(&live.pages().unwrap(), &good));
    write(root, "content/1945.md", &event("Fixed", "1945", "odd", ""));
    let fixed = live.apply(&change).unwrap().pages;
    let page = String::from_utf8_lossy(&fixed["events/1945.html"]).into_owned();
    assert!(page.contains("Fixed"), "{page}");
}

#[test]
fn event_pages_come_before_the_pages_that_list_every_event() {
    let dir = site();
    let root = dir.path();
    let mut live = Live::new(BuildOptions::new(root));
    live.apply(&Change::Everything).unwrap();
    write(
        root,
        "content/1953.md",
        &event("Retitled", "1953", "odd, all", ""),
    );
    let change = Change::Content(BTreeSet::from([PathBuf::from("content/1953.md")]));
    let mut steps = Vec::new();
    let last = live
        .apply_in_steps(&change, &mut |step| steps.push(step.changed))
        .unwrap();
    let paths = |names: &[&str]| Changed::Paths(names.iter().map(|n| n.to_string()).collect());
    assert_eq!(
        steps,
        [paths(&[
            "events/1952.html",
            "events/1953.html",
            "events/1954.html"
        ])]
    );
    let lists = [
        "CNAME",
        "actors/index.html",
        "atom.xml",
        "data/actors.json",
        "data/events.csv",
        "data/events.ics",
        "data/events.json",
        "data/events.schema.json",
        "data/sources.bib",
        "data/sources.json",
        "data/timeline.json",
        "index.html",
        "robots.txt",
        "search-index.js",
        "search/e16-0.js",
        "search/e16-1.js",
        "search/e256-0.js",
        "search/g0.js",
        "search/stem.js",
        "search/w0.js",
        "search/years.js",
        "sitemap.xml",
        "sources/index.html",
        "tags/all.html",
        "tags/index.html",
        "tags/odd.html",
    ];
    assert_eq!(last.changed, paths(&lists));
    assert_eq!(*last.pages, fresh(root));
}

#[test]
fn editions_follow_edits_to_events_and_translations() {
    let dir = site();
    let root = dir.path();
    let settings = "title: T\nbase_url: \"https://example.org/c/\"\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n";
    write(root, "site.yaml", settings);
    write(
        root,
        "content/1945.es.md",
        "---\ntitle: Evento 1945\n---\n\nOcurrió.\n",
    );
    let mut live = Live::new(BuildOptions::new(root));
    live.apply(&Change::Everything).unwrap();
    let translation = "---\ntitle: Evento 1946\n---\n\nOcurrió.\n";
    let edits: [(&str, Option<&str>); 4] = [
        ("content/1946.es.md", Some(translation)),
        (
            "content/1946.md",
            Some("---\ntitle: Retitled\ndate: \"1946\"\n---\n"),
        ),
        ("content/1945.es.md", None),
        ("content/1946.es.md", Some("---\ntitle: Otra vez\n---\n")),
    ];
    for (path, text) in edits {
        edit_matches_full_build(&mut live, root, path, text);
    }
    let pages = live.pages().unwrap();
    let page = |path: &str| String::from_utf8_lossy(&pages[path]).into_owned();
    assert!(page("es/events/1946.html").contains("Otra vez"));
    assert!(page("events/1946.html").contains("Retitled"));
    let mut in_english = pages.iter().filter(|(path, _)| path.starts_with("events/"));
    assert!(in_english.all(|(_, page)| !String::from_utf8_lossy(page).contains("Otra vez")));
    // With one language again, a `.es.md` file is an event of its own.
    write(root, "site.yaml", "title: T\n");
    let error = live.apply(&Change::Everything).unwrap_err().to_string();
    assert!(error.starts_with("content/1946.es.md:"), "{error}");
    assert!(error.contains("`date`"), "{error}");
}

#[test]
fn citing_a_source_updates_every_page_that_counts_its_citations() {
    let dir = site();
    let root = dir.path();
    let cited = "sources: [\"Archivo General de la Nación, legajo 12\"]\n";
    write(
        root,
        "content/1941.md",
        &event("Event 1941", "1941", "odd", cited),
    );
    let mut live = Live::new(BuildOptions::new(root));
    live.apply(&Change::Everything).unwrap();
    let citing = event("Event 1957", "1957", "odd, all", cited);
    edit_matches_full_build(&mut live, root, "content/1957.md", Some(&citing));
    let page = String::from_utf8_lossy(&live.pages().unwrap()["events/1941.html"]).into_owned();
    assert!(page.contains(">cited in 2 events</a>"), "{page}");
    edit_matches_full_build(&mut live, root, "content/1957.md", None);
}

#[test]
fn edits_to_actors_and_pages_are_served_as_a_build_gives_them() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/actors/ussr.yaml",
        "name: Union of Soviet Socialist Republics\nshort: USSR\naliases: [Soviet Union]\nkind: state\n",
    );
    write(
        root,
        "content/pages/about.md",
        "---\ntitle: About\n---\nWhat it covers.\n",
    );
    let mut live = Live::new(BuildOptions::new(root));
    live.apply(&Change::Everything).unwrap();
    let visit = "---\ntitle: Visit\ndate: \"1946\"\nactors: [Soviet Union]\n---\nA visit.\n";
    edit_matches_full_build(&mut live, root, "content/1946.md", Some(visit));
    let renamed = "name: Soviet Union\nshort: USSR\naliases: [Soviet Union, СССР]\nkind: state\n";
    edit_matches_full_build(&mut live, root, "content/actors/ussr.yaml", Some(renamed));
    let about = "---\ntitle: About this chronology\n---\nWhat it covers, and why.\n";
    edit_matches_full_build(&mut live, root, "content/pages/about.md", Some(about));
    let pages = live.pages().unwrap();
    let actor = String::from_utf8_lossy(&pages["actors/ussr.html"]).into_owned();
    assert!(actor.contains("Visit"), "{actor}");
    let page = String::from_utf8_lossy(&pages["about.html"]).into_owned();
    assert!(page.contains("<h1>About this chronology</h1>"), "{page}");
}

#[test]
fn a_stored_parse_reads_back_as_what_was_parsed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = fs::read_to_string(root.join("site.yaml")).unwrap();
    let config = crate::config::Config::parse(&site).unwrap();
    let (mut events, mut translations) = (0, 0);
    for entry in fs::read_dir(root.join("content/events")).unwrap() {
        let path = entry.unwrap().path();
        let path = path.strip_prefix(root).unwrap();
        let text = fs::read_to_string(root.join(path)).unwrap();
        let parsed = files::Parsed::new(path, text.clone(), &config);
        let Some(stored) = parsed.stored() else {
            continue;
        };
        let again = files::Parsed::from_stored(path, (text, parsed.digest()), &stored, &config);
        let again = again.unwrap();
        assert_eq!(again.events(), parsed.events(), "{}", path.display());
        assert_eq!(
            again.translation(),
            parsed.translation(),
            "{}",
            path.display()
        );
        events += parsed
            .events()
            .map_or(0, |e| e.as_ref().map_or(0, Vec::len));
        translations += usize::from(parsed.translation().is_some_and(|t| t.is_ok()));
    }
    assert!(events >= 10, "{events} events read back");
    assert!(translations >= 10, "{translations} translations read back");
}
