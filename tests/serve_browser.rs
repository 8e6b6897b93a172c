//! `annals serve` in a real browser: the `annals` binary serves a copy of a
//! site and tests/browser/serve.mjs drives Debian's Chromium through
//! playwright-core, editing the site's files while pages stay open. Open
//! pages follow every save without being navigated: an edited event's page,
//! the index gaining an event, the error overlay of a bad edit and its fix,
//! a folder made while serving, a page that missed a rebuild, a page not
//! found until its file is saved; at `/` and
//! under `--base-path /repo/`, on this repository's chronology (three
//! language editions, so every page reloads on each edit) and on a
//! generated one of one language (where only the pages an edit touched
//! reload).
//!
//! These tests need `chromium`, `node` and the npm packages of
//! tests/tools; when one is missing they fail if `CI` is set, and otherwise
//! print what to install and pass.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// True when Chromium, Node and playwright-core are there; panics under CI
/// when they are not.
fn ready() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    let playwright = Path::new(ROOT).join("tests/tools/node_modules/playwright-core");
    let missing = if !Path::new(&chromium()).is_file() {
        "chromium (apt-get install chromium)"
    } else if !node {
        "node (apt-get install nodejs npm)"
    } else if !playwright.is_dir() {
        "the npm packages of tests/tools (cd tests/tools && npm ci --ignore-scripts)"
    } else {
        return true;
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "browser tests: missing {missing}"
    );
    eprintln!("skipping browser test: missing {missing}");
    false
}

/// A running `annals serve`; killed when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:port/` plus the base path.
    url: String,
    /// What it printed, for a failure's message.
    output: mpsc::Receiver<String>,
}

impl Server {
    fn start(root: &Path, base_path: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["serve", "--port", "0", "--base-path", base_path, "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, output) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let errors = sender.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = errors.send(line);
            }
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) if line.starts_with("serving http://") => {
                    break line["serving ".len()..]
                        .split(' ')
                        .next()
                        .unwrap()
                        .to_string();
                }
                Some(Ok(line)) => sender.send(line).unwrap(),
                _ => panic!(
                    "annals serve exited: {:?}",
                    output.try_iter().collect::<Vec<_>>()
                ),
            }
        };
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        Server { child, url, output }
    }

    /// What the server printed so far.
    fn printed(&self) -> Vec<String> {
        self.output.try_iter().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A site to serve: a folder of its own, and the event file the journeys
/// edit, with the event's page and that of an event it does not neighbour.
struct Site {
    dir: TempDir,
    event: PathBuf,
    page: String,
    other: String,
}

fn repository() -> Site {
    let dir = common::tools::repository_site();
    Site {
        dir,
        event: "content/events/1976-carlos-andres-perez-visit-ussr.md".into(),
        page: "events/1976-carlos-andres-perez-visit-ussr.html".into(),
        other: "events/2025-05-07-energy-mining-investment.html".into(),
    }
}

fn generated() -> Site {
    let dir = TempDir::new().unwrap();
    common::chronicle::chronicle(dir.path(), 60);
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("content/events"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let stem = |name: &str| name.trim_end_matches(".md").to_string();
    Site {
        event: format!("content/events/{}", files[30]).into(),
        page: format!("events/{}.html", stem(&files[30])),
        other: format!("events/{}.html", stem(&files[5])),
        dir,
    }
}

/// Serves `site` under `base_path` and runs the journeys on it; panics
/// with what the script and the server printed when one fails.
fn journeys(site: &Site, base_path: &str) -> Value {
    let server = Server::start(site.dir.path(), base_path);
    let input = json!({
        "base": server.url,
        "root": site.dir.path(),
        "event": site.event,
        "page": site.page,
        "other": site.other,
    });
    let output = Command::new("node")
        .arg(Path::new(ROOT).join("tests/browser/serve.mjs"))
        .arg(input.to_string())
        .env("CHROMIUM", chromium())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Give the server a moment to print the end of what it was doing.
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        output.status.success(),
        "serve.mjs on {} failed:\n{}{stdout}\nannals serve printed:\n{}",
        server.url,
        String::from_utf8_lossy(&output.stderr),
        server.printed().join("\n")
    );
    serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap()
}

const JOURNEYS: [&str; 6] = [
    "an open event page shows its edit",
    "the open index shows an added event",
    "a bad edit shows its error over open pages, and its fix clears it",
    "a folder made while serving is watched",
    "a page that missed a rebuild reloads when its stream opens",
    "a page not found shows its event once the file is saved",
];

#[test]
fn open_pages_follow_edits_at_the_root_and_under_a_base_path() {
    if !ready() {
        return;
    }
    for make in [repository, generated] {
        for base_path in ["/", "/repo/"] {
            let site = make();
            let result = journeys(&site, base_path);
            assert_eq!(result["journeys"], json!(JOURNEYS), "{base_path}: {result}");
        }
    }
}
