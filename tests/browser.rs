//! The generated site in a real browser: Debian's Chromium driven by Node's
//! playwright-core (the scripts in tests/browser/), axe-core and the Nu HTML
//! Checker, on this repository's chronology, on a generated one of 240
//! events across BCE and CE, and on one with images and scans beside its
//! events (see [`files`]).
//!
//! These tests need `chromium`, `node`, `java` and `python3`, and the npm
//! packages of tests/tools (`.ci/run` installs them all). When one is
//! missing they fail if `CI` is set, and otherwise print one line naming
//! what to install and pass.

#[path = "browser/actors.rs"]
mod actors;
mod common;
#[path = "browser/files.rs"]
mod files;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};
use tempfile::TempDir;

use common::{attrs, build_ok, chronicle, html_pages, texts};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What a browser test needs, and the Debian package that provides it.
fn missing_tool() -> Option<&'static str> {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    };
    let tools = Path::new(ROOT).join("tests/tools/node_modules");
    if !Path::new(&chromium()).is_file() {
        Some("chromium (apt-get install chromium)")
    } else if !runs(&common::tools::program("node"), "--version") {
        Some("node (apt-get install nodejs npm)")
    } else if !runs("java", "-version") {
        Some("java (apt-get install default-jre-headless)")
    } else if !runs("python3", "--version") {
        Some("python3 (apt-get install python3)")
    } else if !tools.join("playwright-core").is_dir() || !tools.join("vnu-jar").is_dir() {
        Some("the npm packages of tests/tools (cd tests/tools && npm ci --ignore-scripts)")
    } else {
        None
    }
}

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// True when the browser tests can run; panics under CI when they cannot.
fn ready() -> bool {
    let Some(tool) = missing_tool() else {
        return true;
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "browser tests: missing {tool}"
    );
    eprintln!("skipping browser test: missing {tool}");
    false
}

/// A built site and what a reader should find in it.
struct Site {
    _dir: TempDir,
    out: PathBuf,
    reader: Value,
}

fn repository() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        let out = dir.path().join("out");
        let mut opts = annals::BuildOptions::new(ROOT);
        opts.output = Some(out.clone());
        annals::build(&opts).unwrap_or_else(|e| panic!("{e}"));
        let reader = expectations(Path::new(ROOT), &out, "travelled", "trade");
        Site {
            _dir: dir,
            out,
            reader,
        }
    })
}

fn generated() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        chronicle(dir.path(), 240);
        let report = build_ok(dir.path());
        assert_eq!(report.events, 240);
        let out = dir.path().join("public");
        let reader = expectations(dir.path(), &out, "quodlibet", "tribute");
        Site {
            _dir: dir,
            out,
            reader,
        }
    })
}

/// The journey's expected answers, read from the content and the output:
/// the one event whose file has `word`, the events of `tag`, and the first
/// two events of the index.
fn expectations(root: &Path, out: &Path, word: &str, tag: &str) -> Value {
    let with_word: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .to_lowercase()
                .contains(word)
        })
        .map(|e| e.into_path())
        .collect();
    assert_eq!(with_word.len(), 1, "{word:?} is in one file: {with_word:?}");
    let slug = with_word[0].file_stem().unwrap().to_string_lossy();
    let read = |path: &str| {
        scraper::Html::parse_document(&std::fs::read_to_string(out.join(path)).unwrap())
    };
    let event = read(&format!("events/{slug}.html"));
    let tagged = read(&format!("tags/{tag}.html"));
    let index = read("index.html");
    let titles = texts(&index, ".chronology .event-title");
    json!({
        "word": word,
        "wordTitle": texts(&event, "h1")[0],
        "tag": texts(&tagged, "h1")[0].trim_start_matches("Tag ").to_string(),
        "tagSlug": tag,
        "tagTitles": texts(&tagged, ".event-title"),
        "first": titles[0],
        "second": titles[1],
        "firstHref": attrs(&index, ".chronology .event-title a", "href")[0],
    })
}

/// Runs `tests/browser/<script>` with a JSON argument; returns its JSON
/// result, or panics with what it printed.
fn node(script: &str, input: &Value) -> Value {
    let output = Command::new(common::tools::program("node"))
        .arg(Path::new(ROOT).join("tests/browser").join(script))
        .arg(input.to_string())
        .env("CHROMIUM", chromium())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{script} failed:\n{}{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap()
}

fn file_url(dir: &Path) -> String {
    format!("file://{}/", dir.display())
}

/// A plain static server (`python3 -m http.server`) on a free loopback
/// port, serving `out` as `some-repo/`, as GitHub Pages serves a project.
struct Server {
    _server: common::StaticServer,
    _root: TempDir,
    base: String,
}

impl Server {
    fn start(out: &Path) -> Server {
        let root = TempDir::new().unwrap();
        std::os::unix::fs::symlink(out, root.path().join("some-repo")).unwrap();
        let server = common::StaticServer::start(root.path()).unwrap();
        let base = format!("http://127.0.0.1:{}/some-repo/", server.port);
        Server {
            _server: server,
            _root: root,
            base,
        }
    }
}

fn journey(site: &Site, base: &str) -> Value {
    let mut input = site.reader.clone();
    input["base"] = json!(base);
    node("journey.mjs", &input)
}

#[test]
fn the_reader_journey_works_from_disk() {
    if !ready() {
        return;
    }
    for site in [repository(), generated()] {
        journey(site, &file_url(&site.out));
    }
}

#[test]
fn the_reader_journey_works_under_a_subpath_within_budget() {
    if !ready() {
        return;
    }
    for (name, site) in [("repository", repository()), ("generated", generated())] {
        let server = Server::start(&site.out);
        let result = journey(site, &server.base);
        let bytes = result["weight"]["bytes"].as_u64().unwrap();
        eprintln!(
            "{name} index with everything it loads: {bytes} bytes transferred ({} files)",
            result["weight"]["files"].as_array().unwrap().len()
        );
        if name == "repository" {
            assert!(bytes < 100 * 1024, "index weighs {bytes} bytes: {result}");
        }
    }
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
fn first_page(out: &Path, folder: &str) -> String {
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
    let jar = Path::new(ROOT).join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    let mut pages = Vec::new();
    for site in [repository(), generated(), files::illustrated()] {
        pages.extend(html_pages(&site.out).into_iter().map(|p| site.out.join(p)));
    }
    let output = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .args(&pages)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stderr)
        .unwrap_or_else(|e| panic!("vnu: {e}: {}", String::from_utf8_lossy(&output.stderr)));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect();
    assert!(errors.is_empty(), "Nu HTML Checker:\n{}", errors.join("\n"));
    assert!(output.status.success(), "vnu exited with {}", output.status);
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
fn a_search_whose_index_cannot_load_says_so() {
    if !ready() {
        return;
    }
    let site = generated();
    let dir = TempDir::new().unwrap();
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        let to = dir
            .path()
            .join(entry.path().strip_prefix(&site.out).unwrap());
        // Every file but the word shards, search/w<k>.js.
        let name = entry.file_name().to_string_lossy();
        let word_shard =
            entry.path().parent().is_some_and(|p| p.ends_with("search")) && name.starts_with('w');
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else if !word_shard {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let input = json!({"base": file_url(dir.path()), "word": site.reader["word"]});
    let result = node("broken.mjs", &input);
    assert_eq!(result["status"], "The search index could not be loaded.");
}

#[test]
fn search_is_fast_and_small_at_ten_thousand_events() {
    if !ready() {
        return;
    }
    // ANNALS_BENCH_DIR keeps the generated site there, to look at.
    let dir = TempDir::new().unwrap();
    let root = std::env::var_os("ANNALS_BENCH_DIR").map_or(dir.path().to_path_buf(), PathBuf::from);
    if !root.join("public/index.html").is_file() {
        chronicle(&root, 10_000);
        build_ok(&root);
    }
    let out = root.join("public");
    let whole: u64 = walkdir::WalkDir::new(out.join("search"))
        .into_iter()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .sum();
    let queries = ["treaty venice", "quodlibet", "ruler 7", "bamo"];
    let result = node("speed.mjs", &json!({"dir": out, "queries": queries}));
    let first = &result["firstSearch"];
    let bytes = first["bytes"].as_u64().unwrap();
    eprintln!(
        "first search at 10 000 events: {bytes} bytes transferred, of a {whole}-byte index: {}",
        first["files"]
    );
    // The budget at 100 000 events is 2 MB; scaled to 10 000, 400 KB.
    assert!(bytes < 400 * 1024, "first search: {bytes} bytes: {result}");
    let files: Vec<&String> = first["files"].as_object().unwrap().keys().collect();
    for kind in ["search-index.js", "search.js", "search/w", "search/e16-"] {
        assert!(
            files.iter().any(|f| f.starts_with(kind)),
            "no {kind}: {files:?}"
        );
    }
    // "treaty" and "venice" are in the title, tags or place of these; the
    // generated text's made-up words are never either.
    let both = (0..10_000)
        .filter(|i| i % 15 == 9 && (i % 8 == 0 || i % 12 == 5 || (i * 7 + 3) % 12 == 5))
        .count();
    assert_eq!(
        result["shown"]["treaty venice"],
        format!("{both} events match; the first 50 are shown"),
        "{result}"
    );
    assert_eq!(result["shown"]["quodlibet"], "1 event matches", "{result}");
    eprintln!("search speed at 10 000 events (ms): {result}");
    // Results are in the page when the input handler returns, or once the
    // shards they need have loaded; the frame that shows them follows. The
    // machine may be shared, so the frame's bound allows for waiting on the
    // CPU.
    let handled = result["handled"]["median"].as_f64().unwrap();
    let painted = result["painted"]["median"].as_f64().unwrap();
    assert!(handled < 50.0, "median keystroke to results: {handled} ms");
    assert!(
        painted < 100.0,
        "median keystroke to the next frame: {painted} ms"
    );
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
