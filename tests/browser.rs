//! The generated site in a real browser: Debian's Chromium driven by Node's
//! playwright-core (the scripts in tests/browser/), axe-core and the Nu HTML
//! Checker, on this repository's chronology, on a generated one of 240
//! events across BCE and CE, and on one with images and scans beside its
//! events (see [`files`]): the reader's journey here, every page kind's
//! checks in [`pages`], search in [`search`], and the layout at three
//! widths, the axis and the theme switch in [`layout`].
//!
//! These tests need `chromium`, `node`, `java` and `python3`, and the npm
//! packages of tests/tools (`.ci/run` installs them all). When one is
//! missing they fail if `CI` is set, and otherwise print one line naming
//! what to install and pass.

#[path = "browser/actors.rs"]
mod actors;
mod common;
#[path = "browser/editions.rs"]
mod editions;
#[path = "browser/files.rs"]
mod files;
#[path = "browser/layout.rs"]
mod layout;
#[path = "browser/lifecycles.rs"]
mod lifecycles;
#[path = "browser/pages.rs"]
mod pages;
#[path = "browser/search.rs"]
mod search;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};
use tempfile::TempDir;

use common::chronicle::chronicle;
use common::{attrs, build_ok, texts};

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
    } else if !runs("fc-list", "--version") {
        Some("fc-list (apt-get install fontconfig)")
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

impl Site {
    /// The fixture `name` of tests/fixtures, built into its `public/`.
    fn fixture(name: &str) -> Site {
        let dir = common::fixture(name);
        common::build_ok(dir.path());
        let out = dir.path().join("public");
        Site {
            _dir: dir,
            out,
            reader: json!({}),
        }
    }
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
/// Runs the Nu HTML Checker over `pages` and fails on any error it reports.
fn nu_check(pages: &[PathBuf]) {
    let jar = Path::new(ROOT).join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .args(pages)
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
}

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
fn the_published_not_found_page_works_at_any_depth_under_a_subpath() {
    if !ready() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    let mut opts = annals::BuildOptions::new(ROOT);
    opts.output = Some(out.clone());
    opts.base_url = Some("https://example.org/some-repo/".into());
    annals::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    let server = Server::start(&out);
    let input = json!({"base": server.base, "notFound": out.join("404.html")});
    let result = node("notfound.mjs", &input);
    let default_font = "\"Times New Roman\"";
    assert_ne!(
        result["styled"], default_font,
        "the stylesheet loaded: {result}"
    );
    for key in ["broken", "failed", "errors"] {
        assert_eq!(result[key], json!([]), "{key}: {result}");
    }
    let home = format!("{}index.html", server.base);
    let links: Vec<&str> = result["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(links.contains(&home.as_str()), "{links:?}");
    let outside: Vec<&&str> = links
        .iter()
        .filter(|l| !l.starts_with(&server.base) && !l.starts_with("https://"))
        .collect();
    assert!(outside.is_empty(), "links leave the site: {outside:?}");
}
