//! The GitHub Pages workflow that `annals init` writes, run the way GitHub
//! runs it: its `run:` steps in order in bash, on a new site, installing
//! annals from a release archive that the release workflow's own packaging
//! step made from the freshly built binary, served from 127.0.0.1. The
//! steps' PATH holds no annals, and `cargo` on it is a stand-in that records
//! its arguments and fails, since building from source would need GitHub.

mod common;
#[path = "workflow/history.rs"]
mod history;
#[path = "workflow/runner.rs"]
mod runner;

use std::fs;
use std::path::{Path, PathBuf};

use common::StaticServer;
use runner::{Ran, Runner, Workflow};
use serde_yaml::Value;
use tempfile::TempDir;

/// What actions/configure-pages reports for a project site.
const PAGES_URL: &str = "https://example.github.io/repo";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// True when the programs the steps call are here; under `CI` a missing
/// one fails the test.
fn ready() -> bool {
    let tools = [
        ("curl", "apt-get install curl"),
        ("sha256sum", "apt-get install coreutils"),
        ("tar", "apt-get install tar"),
        ("python3", "apt-get install python3"),
    ];
    tools
        .iter()
        .all(|(program, install)| common::tools::run(program, &["--version"], install).is_some())
}

fn target() -> String {
    format!("{}-unknown-linux-gnu", std::env::consts::ARCH)
}

fn archive_name() -> String {
    format!("annals-v{VERSION}-{}.tar.gz", target())
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The host's PATH without any folder that holds an `annals`, behind a
/// folder whose `cargo` appends its arguments to `calls` and fails.
fn steps_path(scratch: &Path, calls: &Path) -> Vec<PathBuf> {
    let stand_ins = scratch.join("stand-ins");
    fs::create_dir_all(&stand_ins).unwrap();
    let cargo = stand_ins.join("cargo");
    let script = format!(
        "#!/bin/sh\necho \"$*\" >> '{}'\necho 'cargo: no network here' >&2\nexit 101\n",
        calls.display()
    );
    fs::write(&cargo, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&cargo, fs::Permissions::from_mode(0o755)).unwrap();
    let host = std::env::var_os("PATH").unwrap_or_default();
    let mut path = vec![stand_ins];
    path.extend(std::env::split_paths(&host).filter(|dir| !dir.join("annals").exists()));
    path
}

/// Runs the release workflow's packaging steps on a checkout holding the
/// test build of annals; returns the folder with the archive and its
/// checksum.
fn release_archive(scratch: &Path) -> PathBuf {
    let checkout = scratch.join("checkout");
    let bin = checkout.join("target").join(target()).join("release");
    fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_annals"), bin.join("annals")).unwrap();
    for file in ["README.md", "LICENSE"] {
        fs::copy(repo().join(file), checkout.join(file)).unwrap();
    }
    let release = Workflow::read(&repo().join(".github/workflows/release.yml"));
    let calls = scratch.join("cargo-calls");
    let mut runner = Runner::new(
        &checkout,
        &scratch.join("runner"),
        steps_path(scratch, &calls),
    );
    runner.set_context("github.ref_name", &format!("v{VERSION}"));
    runner.set_context("matrix.target", &target());
    let package = runner.run_step(&release, "build", release.step("build", "Package"));
    assert_ok(&package);
    let check = release.step("release", "Check every archive against its checksum");
    assert_ok(&runner.run_step(&release, "release", check));
    checkout.join("dist")
}

fn assert_ok(ran: &Ran) {
    let output = ran
        .output
        .as_ref()
        .unwrap_or_else(|| panic!("{}: skipped", ran.name));
    assert!(
        output.status.success(),
        "{} failed:\n{}",
        ran.name,
        ran.log()
    );
}

/// A new site made by `annals init`, in `dir/site`.
fn init_site(dir: &Path) -> PathBuf {
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["init", "site"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    dir.join("site")
}

/// This build's release archive and its checksum, made in `scratch` and
/// served as a release download: the server and the download's base URL.
fn serve_built_release(scratch: &Path) -> (StaticServer, String) {
    let dist = release_archive(scratch);
    let files: Vec<(String, Vec<u8>)> = [archive_name(), format!("{}.sha256", archive_name())]
        .into_iter()
        .map(|name| (name.clone(), fs::read(dist.join(&name)).unwrap()))
        .collect();
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    serve_release(scratch, &files)
}

/// Serves `files` as the release `v<version>` of a download folder.
fn serve_release(dir: &Path, files: &[(&str, &[u8])]) -> (StaticServer, String) {
    let release = dir.join("releases").join(format!("v{VERSION}"));
    fs::create_dir_all(&release).unwrap();
    for (name, bytes) in files {
        fs::write(release.join(name), bytes).unwrap();
    }
    let server = StaticServer::start(&dir.join("releases")).expect("python3 -m http.server");
    let base = format!("http://127.0.0.1:{}", server.port);
    (server, base)
}

/// A runner for the new site's build job, downloading from `download`.
fn pages_runner(site: &Path, scratch: &Path, download: &str) -> Runner {
    let calls = scratch.join("cargo-calls");
    let mut runner = Runner::new(site, &scratch.join("runner"), steps_path(scratch, &calls));
    runner.override_env("ANNALS_DOWNLOAD", download);
    runner
}

/// The Pages actions, standing in for a first run: the checkout is the
/// site itself, the cache is empty, and the upload records its folder.
fn pages_actions(uploaded: &mut Vec<String>) -> impl FnMut(&mut Runner, &str, &Value) + '_ {
    pages_actions_from(None, uploaded)
}

/// The same, with a checkout that clones `origin` into the workspace as
/// actions/checkout does: the last `fetch-depth` commits (1 by default),
/// every one for 0.
fn pages_actions_from<'a>(
    origin: Option<&'a Path>,
    uploaded: &'a mut Vec<String>,
) -> impl FnMut(&mut Runner, &str, &Value) + 'a {
    move |runner, action, step| {
        let id = step["id"].as_str().unwrap_or_default();
        match action.split('@').next().unwrap_or_default() {
            "actions/checkout" => {
                let Some(origin) = origin else { return };
                let depth = step["with"]["fetch-depth"].as_u64().unwrap_or(1);
                let url = format!("file://{}", origin.display());
                let shallow = format!("--depth={depth}");
                let args = match depth {
                    0 => vec!["clone", "-q", &url, "."],
                    _ => vec!["clone", "-q", &shallow, &url, "."],
                };
                let clone = runner.shell(&format!("git {}", args.join(" ")));
                assert!(clone.status.success(), "{clone:?}");
            }
            "actions/configure-pages" => runner.set_outputs(id, &[("base_url", PAGES_URL)]),
            "actions/cache" => runner.set_outputs(id, &[("cache-hit", "false")]),
            "actions/upload-pages-artifact" => {
                uploaded.push(step["with"]["path"].as_str().unwrap().to_string());
            }
            other => panic!("no stand-in for {other}"),
        }
    }
}

fn log_of<'a>(ran: &'a [Ran], name: &str) -> &'a Ran {
    ran.iter()
        .find(|step| step.name == name)
        .unwrap_or_else(|| panic!("step {name:?} did not run"))
}

fn read_archive_listing(archive: &Path) -> Vec<String> {
    let list = std::process::Command::new("tar")
        .arg("-tzf")
        .arg(archive)
        .output()
        .unwrap();
    assert!(list.status.success(), "{list:?}");
    let mut names: Vec<String> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

#[test]
fn the_release_archive_holds_the_binary_readme_and_license() {
    if !ready() {
        return;
    }
    let scratch = TempDir::new().unwrap();
    let dist = release_archive(scratch.path());
    let archive = dist.join(archive_name());
    assert_eq!(
        read_archive_listing(&archive),
        ["LICENSE", "README.md", "annals"]
    );
    let checksum = fs::read_to_string(dist.join(format!("{}.sha256", archive_name()))).unwrap();
    let (hash, name) = checksum.trim_end().split_once("  ").unwrap();
    assert_eq!(name, archive_name());
    assert_eq!(hash.len(), 64, "{checksum}");
}

#[test]
fn a_new_site_deploys_with_the_release_binary() {
    if !ready() {
        return;
    }
    let scratch = TempDir::new().unwrap();
    let (_server, download) = serve_built_release(scratch.path());
    let site = init_site(scratch.path());
    let workflow = Workflow::read(&site.join(".github/workflows/pages.yml"));
    let mut runner = pages_runner(&site, scratch.path(), &download);
    let before = runner.shell("command -v annals");
    assert!(
        !before.status.success(),
        "annals is already on PATH: {before:?}"
    );
    let mut uploaded = Vec::new();
    let ran = runner.run_job(&workflow, "build", pages_actions(&mut uploaded));
    for step in &ran {
        assert!(!step.failed(), "{} failed:\n{}", step.name, step.log());
    }
    let install = log_of(&ran, "Install annals").log();
    assert!(
        install.contains(&format!("{}: OK", archive_name())),
        "{install}"
    );
    let version = log_of(&ran, "Put annals on PATH").log();
    assert_eq!(version.trim(), format!("annals {VERSION}"));
    let which = runner.shell("command -v annals");
    let installed = runner.home().join(".annals/bin/annals");
    assert_eq!(
        String::from_utf8_lossy(&which.stdout).trim(),
        installed.to_str().unwrap()
    );
    assert!(!scratch.path().join("cargo-calls").exists(), "cargo ran");
    assert_eq!(uploaded, ["public/"]);
    check_site(&site.join("public"));
}

/// The published folder: every relative link of every page names a file,
/// and every absolute URL of the index, the feed and the sitemap is under
/// the Pages URL and names a file there.
fn check_site(public: &Path) {
    let index = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(index.contains("An example event"), "{index}");
    let problems = common::broken_links(public);
    assert!(problems.is_empty(), "{problems:#?}");
    let html = scraper::Html::parse_document(&index);
    let canonical = common::attrs(&html, "link[rel=canonical]", "href");
    assert_eq!(canonical, [format!("{PAGES_URL}/")]);
    let mut urls = Vec::new();
    for attribute in ["href", "src", "content"] {
        let selector = format!("[{attribute}]");
        urls.extend(common::attrs(&html, &selector, attribute));
    }
    for file in ["atom.xml", "sitemap.xml"] {
        let text = fs::read_to_string(public.join(file)).unwrap();
        urls.extend(xml_urls(&text));
    }
    let absolute: Vec<&String> = urls.iter().filter(|url| url.contains("://")).collect();
    assert!(absolute.len() >= 6, "{absolute:#?}");
    for url in absolute {
        let path = url
            .strip_prefix(&format!("{PAGES_URL}/"))
            .unwrap_or_else(|| panic!("{url} is not under {PAGES_URL}/"));
        let file = match path {
            "" => public.join("index.html"),
            path if path.ends_with('/') => public.join(path).join("index.html"),
            path => public.join(path),
        };
        assert!(file.is_file(), "{url}: no {}", file.display());
    }
}

/// The `href="…"` values and `<loc>`/`<id>` texts of a feed or sitemap
/// that are URLs.
fn xml_urls(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for (open, close) in [("href=\"", "\""), ("<loc>", "</loc>"), ("<id>", "</id>")] {
        for part in text.split(open).skip(1) {
            let value = part.split(close).next().unwrap_or_default();
            if value.starts_with("http") {
                urls.push(value.to_string());
            }
        }
    }
    urls
}

#[test]
fn a_wrong_checksum_fails_the_install() {
    if !ready() {
        return;
    }
    let scratch = TempDir::new().unwrap();
    let name = archive_name();
    let wrong = format!("{}  {name}\n", "0".repeat(64));
    let sha = format!("{name}.sha256");
    let files: [(&str, &[u8]); 2] = [(&name, b"not the release"), (&sha, wrong.as_bytes())];
    let (_server, download) = serve_release(scratch.path(), &files);
    let site = init_site(scratch.path());
    let workflow = Workflow::read(&site.join(".github/workflows/pages.yml"));
    let mut runner = pages_runner(&site, scratch.path(), &download);
    let ran = runner.run_job(&workflow, "build", pages_actions(&mut Vec::new()));
    let last = ran.last().unwrap();
    assert_eq!(last.name, "Install annals");
    assert!(last.failed(), "{}", last.log());
    assert!(
        last.log().contains(&format!("{}: FAILED", archive_name())),
        "{}",
        last.log()
    );
    assert!(!runner.home().join(".annals/bin/annals").exists());
    assert!(
        !scratch.path().join("cargo-calls").exists(),
        "no build from source"
    );
}

#[test]
fn without_a_release_the_install_builds_the_tag_from_source() {
    if !ready() {
        return;
    }
    let scratch = TempDir::new().unwrap();
    let (_server, download) = serve_release(scratch.path(), &[]);
    let site = init_site(scratch.path());
    let workflow = Workflow::read(&site.join(".github/workflows/pages.yml"));
    let mut runner = pages_runner(&site, scratch.path(), &download);
    let ran = runner.run_job(&workflow, "build", pages_actions(&mut Vec::new()));
    let last = ran.last().unwrap();
    assert_eq!(last.name, "Install annals");
    let warning = format!(
        "::warning::no annals release at {download}/v{VERSION}/{}; building v{VERSION} from source",
        archive_name()
    );
    assert!(last.log().contains(&warning), "{}", last.log());
    let calls = fs::read_to_string(scratch.path().join("cargo-calls")).unwrap();
    let root = runner.home().join(".annals");
    assert_eq!(
        calls,
        format!(
            "install --locked --root {} --git https://github.com/annals-chronology/annals --tag v{VERSION}\n",
            root.display()
        )
    );
    assert!(last.failed(), "the stand-in cargo fails: {}", last.log());
}
