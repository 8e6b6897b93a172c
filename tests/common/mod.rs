//! Shared helpers for the integration tests: fixture sites in temporary
//! folders, builds, HTML parsing and link checking.
#![allow(dead_code, unreachable_pub)]

pub mod chronicle;
pub mod git;
pub mod tools;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use annals::{BuildOptions, Report};
use scraper::{Html, Selector};
use tempfile::TempDir;

/// `python3 -m http.server` serving a folder on a free loopback port,
/// stopped when dropped.
pub struct StaticServer {
    child: std::process::Child,
    /// The port it listens on, at 127.0.0.1.
    pub port: u16,
}

impl StaticServer {
    /// Starts serving `dir` and waits until the port answers; an error when
    /// `python3` cannot be started.
    pub fn start(dir: &Path) -> std::io::Result<StaticServer> {
        use std::net::{TcpListener, TcpStream};
        use std::time::{Duration, Instant};
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        let server = StaticServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the http server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(server)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of `tests/fixtures/<name>` in a temporary folder.
pub fn fixture(name: &str) -> TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = TempDir::new().unwrap();
    copy_tree(&from, dir.path());
    dir
}

/// A site made of the given files, in a temporary folder.
pub fn site(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// Writes a file, making its folders.
pub fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds `root` into `root/public`.
pub fn build(root: &Path) -> annals::Result<Report> {
    annals::build(&BuildOptions::new(root))
}

/// Builds `root` and panics with the error if it fails.
pub fn build_ok(root: &Path) -> Report {
    build(root).unwrap_or_else(|error| panic!("build failed:\n{error}"))
}

/// A valid event file.
pub const GOOD: &str = "---\ntitle: Good\ndate: 1945-03-14\n---\nFine.\n";

/// Builds a good site, breaks it with `files`, rebuilds, and returns the
/// error message; asserts that the output did not change at all and that no
/// staging folder is left behind.
pub fn break_site(files: &[(&str, &str)]) -> String {
    break_site_with(files, |_| {})
}

/// Like [`break_site`], with a hook to break the site in ways files cannot
/// say (symbolic links, permissions, special files).
pub fn break_site_with(files: &[(&str, &str)], hook: impl FnOnce(&Path)) -> String {
    let site = self::site(&[("content/events/good.md", GOOD)]);
    build_ok(site.path());
    let before = snapshot(&site.path().join("public"));
    for (path, text) in files {
        write(site.path(), path, text);
    }
    hook(site.path());
    let error = build(site.path())
        .expect_err("the build should fail")
        .to_string();
    assert_eq!(
        before,
        snapshot(&site.path().join("public")),
        "output changed after: {error}"
    );
    assert!(
        !site.path().join(".public.annals-staging").exists(),
        "the staging folder is cleaned up"
    );
    error
}

/// The last line `annals build` prints on stderr when it fails on one
/// problem.
pub const BUILD_FAILED: &str = "error: the build failed; the previous output is untouched\n";

/// Like [`break_site`], with `annals build` run as a process, as an editor
/// runs it: asserts exit status 1 and an untouched output, and returns the
/// whole of stderr.
pub fn break_build(files: &[(&str, &str)]) -> String {
    let site = self::site(&[("content/events/good.md", GOOD)]);
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
            .arg("build")
            .current_dir(site.path())
            .output()
            .unwrap()
    };
    assert!(run().status.success(), "the good site builds");
    let before = snapshot(&site.path().join("public"));
    for (path, text) in files {
        write(site.path(), path, text);
    }
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        before,
        snapshot(&site.path().join("public")),
        "output changed after: {stderr}"
    );
    stderr
}

/// Parses an output page.
pub fn page(root: &Path, path: &str) -> Html {
    let file = root.join("public").join(path);
    let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Html::parse_document(&text)
}

/// The trimmed texts of the elements `selector` matches.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|element| {
            element
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The values of `attribute` on the elements `selector` matches.
pub fn attrs(html: &Html, selector: &str, attribute: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|element| element.value().attr(attribute))
        .map(str::to_string)
        .collect()
}

/// Every file of a folder, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            (path, fs::read(entry.path()).unwrap())
        })
        .collect()
}

/// The HTML pages of an output folder, relative to it.
pub fn html_pages(output: &Path) -> Vec<PathBuf> {
    snapshot(output)
        .into_keys()
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// Checks that every link and asset reference of every page is relative and
/// names an existing file (and, with a fragment, an existing id). Returns
/// the problems found. The not-found page's `<base>` (written only with a
/// base URL, for a host that serves it at any depth) is the one absolute
/// path allowed, and on no other page; its links are checked from its own
/// folder, which is where that base puts them on the published site.
pub fn broken_links(output: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<PathBuf, std::collections::HashSet<String>> = BTreeMap::new();
    let selector = Selector::parse("[href]:not(base), [src]").unwrap();
    for page in html_pages(output) {
        let html = Html::parse_document(&fs::read_to_string(output.join(&page)).unwrap());
        let based = html
            .select(&Selector::parse("base").unwrap())
            .next()
            .is_some();
        if based && !page.ends_with("404.html") {
            problems.push(format!(
                "{}: a <base> outside the not-found page",
                page.display()
            ));
        }
        for element in html.select(&selector) {
            let value = element.value();
            let link = value.attr("href").or(value.attr("src")).unwrap();
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            if let Some(problem) = check_link(output, &page, link, &mut ids) {
                problems.push(format!("{}: {link}: {problem}", page.display()));
            }
        }
    }
    problems
}

fn check_link(
    output: &Path,
    page: &Path,
    link: &str,
    ids: &mut BTreeMap<PathBuf, std::collections::HashSet<String>>,
) -> Option<String> {
    if link.starts_with('/') || link.contains("://") {
        return Some("not relative".into());
    }
    let (path, fragment) = link
        .split_once('#')
        .map_or((link, None), |(p, f)| (p, Some(f)));
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let target = if path.is_empty() {
        page.to_path_buf()
    } else {
        normalise(&page.parent().unwrap().join(path.as_ref()))
    };
    let file = output.join(&target);
    if !file.is_file() {
        return Some(format!("{} does not exist", target.display()));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let known = ids.entry(target.clone()).or_insert_with(|| {
        let html = Html::parse_document(&fs::read_to_string(&file).unwrap_or_default());
        let selector = Selector::parse("[id]").unwrap();
        html.select(&selector)
            .filter_map(|element| element.value().attr("id"))
            .map(str::to_string)
            .collect()
    });
    (!known.contains(fragment)).then(|| format!("no id {fragment:?} in {}", target.display()))
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The output path a relative `link` on `page` points at, fragment dropped
/// and percent-escapes decoded.
pub fn resolve(page: &Path, link: &str) -> PathBuf {
    let path = link.split('#').next().unwrap_or(link);
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    normalise(&page.parent().unwrap_or(Path::new("")).join(path.as_ref()))
}
