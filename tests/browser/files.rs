//! Images and files kept beside events, in a real browser: the illustrated
//! chronology (tests/fixtures/illustrated) opened from disk, over a static
//! server under a subpath as GitHub Pages serves a project, and from
//! `annals serve` under a base path, before and after an edit adds an image.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;

use super::{Server, Site, file_url, node, ready};
use crate::common;

/// The illustrated chronology, built.
pub(super) fn illustrated() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| Site::fixture("illustrated"))
}

const TALKS: &str = "events/1976-05-14-talks-at-the-elysee.html";

/// The pages to open, with the text of a body link to another event to
/// follow on each.
fn pages() -> Value {
    json!([
        {"path": "events/1919-06-28-treaty-of-versailles.html", "follow": "Olga's"},
        {"path": "es/events/1919-06-28-treaty-of-versailles.html", "follow": "Olga"},
        {"path": "events/0957-olga-of-kiev-received-in-constantinople.html", "follow": "state visit of 1976"},
        {"path": "es/events/0957-olga-of-kiev-received-in-constantinople.html"},
        {"path": "events/1976-05-state-visit-to-france.html", "follow": "talks"},
        {"path": TALKS, "follow": "treaty"},
        {"path": "events/1977-11-return-visit-to-caracas.html", "follow": "visit of the year before"},
    ])
}

/// Opens the pages at `base` and checks that every image of their bodies
/// loaded and, over HTTP, that every link to a file answered 200.
fn check_pages(out: &Path, base: &str, pages: &Value) -> Value {
    let result = node("files.mjs", &json!({"base": base, "pages": pages}));
    for page in pages.as_array().unwrap() {
        let path = page["path"].as_str().unwrap();
        let html = scraper::Html::parse_document(&std::fs::read_to_string(out.join(path)).unwrap());
        let written = common::attrs(&html, ".body img", "src");
        let images = result[path]["images"].as_array().unwrap();
        let shown: Vec<&str> = images.iter().map(|i| i["src"].as_str().unwrap()).collect();
        assert_eq!(shown, written, "{base}{path}");
        for image in images {
            assert_eq!(image["loaded"], true, "{base}{path}: {image}");
        }
        for (href, status) in result[path]["files"].as_object().unwrap() {
            assert_eq!(status, 200, "{base}{path}: {href}");
        }
    }
    result
}

#[test]
fn images_beside_events_load_from_disk_and_under_a_subpath() {
    if !ready() {
        return;
    }
    let site = illustrated();
    check_pages(&site.out, &file_url(&site.out), &pages());
    let server = Server::start(&site.out);
    let result = check_pages(&site.out, &server.base, &pages());
    let scans = &result["events/1919-06-28-treaty-of-versailles.html"]["files"];
    assert_eq!(
        scans.as_object().unwrap().keys().collect::<Vec<_>>(),
        [&format!(
            "{}files/events/scans/treaty%20page%201.pdf",
            server.base
        )]
    );
}

#[test]
fn images_beside_events_load_from_annals_serve_and_after_an_edit() {
    if !ready() {
        return;
    }
    let site = common::fixture("illustrated");
    let built = TempDir::new().unwrap();
    let mut opts = annals::BuildOptions::new(site.path());
    opts.output = Some(built.path().join("out"));
    annals::build(&opts).unwrap();
    let serve = Serve::start(site.path());
    check_pages(&built.path().join("out"), &serve.base, &pages());
    common::write(site.path(), "content/events/1976/elysee.svg", ELYSEE);
    let talks = site
        .path()
        .join("content/events/1976/1976-05-14-talks-at-the-elysee.md");
    let text = std::fs::read_to_string(&talks).unwrap();
    std::fs::write(
        &talks,
        format!("{text}\n![The Élysée palace](elysee.svg)\n"),
    )
    .unwrap();
    serve.wait_until_page_has(TALKS, "files/events/1976/elysee.svg");
    let result = node(
        "files.mjs",
        &json!({"base": serve.base, "pages": [{"path": TALKS}]}),
    );
    let images = result[TALKS]["images"].as_array().unwrap();
    assert_eq!(images.len(), 2, "{result}");
    assert_eq!(images[1]["src"], "../files/events/1976/elysee.svg");
    assert!(
        images.iter().all(|image| image["loaded"] == true),
        "{result}"
    );
}

const ELYSEE: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"32\"><title>The Élysée</title><rect width=\"48\" height=\"32\" fill=\"#dde\"/><rect x=\"8\" y=\"10\" width=\"32\" height=\"20\" fill=\"#889\"/></svg>\n";

/// `annals serve` of a site under `/some-repo/`; stopped when dropped.
struct Serve {
    child: Child,
    address: String,
    base: String,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args([
                "serve",
                "--port",
                "0",
                "--base-path",
                "/some-repo/",
                "--root",
            ])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (sender, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let line = lines
            .iter()
            .find(|line| line.starts_with("serving "))
            .expect("annals serve started");
        let base = line["serving ".len()..]
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        let address = base["http://".len()..]
            .split('/')
            .next()
            .unwrap()
            .to_string();
        Serve {
            child,
            address,
            base,
        }
    }

    /// Waits (at most 20 s) until the served page at `path` holds `text`.
    fn wait_until_page_has(&self, path: &str, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut stream = std::net::TcpStream::connect(&self.address).unwrap();
            write!(stream, "GET /some-repo/{path} HTTP/1.0\r\n\r\n").unwrap();
            let mut page = String::new();
            let _ = stream.read_to_string(&mut page);
            if page.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never showed {text}:\n{page}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
