//! What a release ships: the crate `cargo package` makes holds every file
//! the build embeds and none of the repository's CI, fuzzing workspace or
//! screenshot; the release workflow builds every platform on a version tag
//! and asks for write access only where it publishes. (Its packaging step
//! runs in tests/workflow.rs.)

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files `cargo package` would put in the crate.
fn packaged() -> BTreeSet<String> {
    let output = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(repo())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every file an `include_str!` or `include_bytes!` of src/ names,
/// relative to the repository.
fn embedded() -> Vec<String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        for marker in ["include_str!(\"", "include_bytes!(\""] {
            for part in text.split(marker).skip(1) {
                let name = part.split('"').next().unwrap();
                let path = normalise(&entry.path().parent().unwrap().join(name));
                let relative = path.strip_prefix(repo()).unwrap();
                files.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    files
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn the_package_holds_every_embedded_file_and_nothing_of_ci() {
    let packaged = packaged();
    let embedded = embedded();
    assert!(embedded.len() >= 20, "{embedded:#?}");
    let missing: Vec<&String> = embedded.iter().filter(|f| !packaged.contains(*f)).collect();
    assert!(missing.is_empty(), "not packaged: {missing:#?}");
    for needed in [
        "Cargo.lock",
        "LICENSE",
        "README.md",
        "src/scaffold/pages.yml",
    ] {
        assert!(packaged.contains(needed), "{needed} is not packaged");
    }
    let unwanted: Vec<&String> = packaged
        .iter()
        .filter(|file| {
            [".ci/", ".github/", "docs/", "tests/fuzz/", "target/"]
                .iter()
                .any(|prefix| file.starts_with(prefix))
                || file.ends_with(".py") && file.starts_with("bench/")
        })
        .collect();
    assert!(unwanted.is_empty(), "packaged: {unwanted:#?}");
}

fn release_workflow() -> Value {
    let path = repo().join(".github/workflows/release.yml");
    serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_version_tag_builds_every_platform() {
    let workflow = release_workflow();
    assert_eq!(
        serde_yaml::to_string(&workflow["on"]).unwrap(),
        "push:\n  tags:\n  - v*\n"
    );
    let targets: BTreeSet<&str> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|row| row["target"].as_str().unwrap())
        .collect();
    let expected = BTreeSet::from([
        "aarch64-apple-darwin",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
        "x86_64-unknown-linux-gnu",
    ]);
    assert_eq!(targets, expected);
}

#[test]
fn only_the_publishing_job_may_write() {
    let workflow = release_workflow();
    let permissions = |value: &Value| serde_yaml::to_string(value).unwrap();
    assert_eq!(permissions(&workflow["permissions"]), "contents: read\n");
    let jobs = workflow["jobs"].as_mapping().unwrap();
    for (name, job) in jobs {
        let expected = match name.as_str() {
            Some("release") => "contents: write\n",
            _ => "null\n",
        };
        assert_eq!(permissions(&job["permissions"]), expected, "{name:?}");
    }
    assert_eq!(jobs.len(), 2);
}
