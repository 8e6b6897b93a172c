//! The editor's commands: `check` warnings and `--strict`, `new` with all
//! its fields.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn annals(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .current_dir(dir)
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SOURCED: &str = "sources: [{title: \"A report\", url: \"https://example.org/\", archived: \"https://web.archive.org/web/20200101000000/https://example.org/\"}]";

/// Settings without warnings of their own.
const SITE_YAML: (&str, &str) = ("site.yaml", "base_url: \"https://example.org/\"\n");

fn doubtful_site() -> tempfile::TempDir {
    common::site(&[
        SITE_YAML,
        (
            "content/a.md",
            &format!("---\ntitle: Treaty\ndate: \"1945\"\nactors: [Venezuela]\n{SOURCED}\n---\n"),
        ),
        (
            "content/b.md",
            &format!("---\ntitle: Visit\ndate: \"1946\"\nactors: [Venezuela]\n{SOURCED}\n---\n"),
        ),
        (
            "content/c.md",
            "---\ntitle: treaty\ndate: \"1945\"\nactors: [venezuela]\ntags: [trade]\nsources: [\"https://example.org/\"]\n---\n",
        ),
        (
            "content/d.md",
            "---\ntitle: Unsourced\ndate: \"1950\"\ntags: [trade]\n---\n",
        ),
    ])
}

const WARNINGS: [&str; 4] = [
    "warning: content/c.md:2: \"treaty\" on 1945 is also the title of content/a.md:2: the same event twice?",
    "warning: content/c.md:2: actor \"venezuela\" is used only here; \"Venezuela\" (used 2 times) differs only by case or accents",
    "warning: content/c.md:2: source 1 of \"treaty\" (https://example.org/) has no title: write it as {title, url}",
    "warning: content/d.md:2: \"Unsourced\" has no sources: add `sources:`",
];

#[test]
fn check_warns_about_likely_mistakes() {
    let site = doubtful_site();
    let check = annals(&["check"], site.path());
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(stderr(&check).lines().collect::<Vec<_>>(), WARNINGS);
}

#[test]
fn strict_check_fails_on_warnings() {
    let site = doubtful_site();
    let check = annals(&["check", "--strict"], site.path());
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let errors: Vec<String> = WARNINGS
        .iter()
        .map(|w| w.replace("warning: ", ""))
        .collect();
    let printed = stderr(&check);
    assert_eq!(printed.lines().take(4).collect::<Vec<_>>(), errors);
    let clean = common::site(&[
        SITE_YAML,
        (
            "content/a.md",
            &format!("---\ntitle: Treaty\ndate: \"1945\"\n{SOURCED}\n---\n"),
        ),
    ]);
    let check = annals(&["check", "--strict"], clean.path());
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn new_writes_every_field_and_yaml_on_request() {
    let site = common::site(&[("site.yaml", "title: T\n")]);
    let args = [
        "new",
        "--date",
        "1814-09",
        "--end",
        "1815-06-09",
        "--actor",
        "Austria",
        "--actor",
        "Russia",
        "--place",
        "Vienna",
        "--tag",
        "congress",
        "--yaml",
        "Congress of Vienna",
    ];
    let new = annals(&args, site.path());
    assert!(new.status.success(), "{}", stderr(&new));
    let path = String::from_utf8_lossy(&new.stdout).trim().to_string();
    assert_eq!(path, "./content/events/1814-09-congress-of-vienna.yaml");
    let build = annals(&["build"], site.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let page = common::page(site.path(), "events/1814-09-congress-of-vienna.html");
    let text = common::texts(&page, "main").join(" ");
    for expected in [
        "September 1814 – 9 June 1815",
        "Vienna",
        "Austria",
        "Russia",
        "congress",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
}

#[test]
fn new_edit_opens_the_editor_or_says_how() {
    let site = common::site(&[("site.yaml", "title: T\n")]);
    let without = annals(&["new", "--date", "1945", "--edit", "A"], site.path());
    assert_eq!(without.status.code(), Some(2));
    assert!(
        stderr(&without).contains("set $EDITOR"),
        "{}",
        stderr(&without)
    );
    let with = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["new", "--date", "1946", "--edit", "B"])
        .current_dir(site.path())
        .env_remove("VISUAL")
        .env("EDITOR", "sed -i s/What/Edited/")
        .output()
        .unwrap();
    assert!(with.status.success(), "{}", stderr(&with));
    let text = std::fs::read_to_string(site.path().join("content/events/1946-b.md")).unwrap();
    assert!(text.contains("Edited happened"), "{text}");
}
