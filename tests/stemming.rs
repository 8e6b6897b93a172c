//! Search by word family, as a reader meets it in Chromium: the stemmer the
//! page runs gives the build's stems on Snowball's own vocabularies and on
//! every word of this repository's chronology; on the repository's site
//! "treaties" finds the treaty events and "Москве" as many as "Москва";
//! exact forms rank above their family.
//!
//! Like tests/browser.rs, these need Chromium, Node and tests/tools'
//! packages: under `CI` a missing one fails the test, elsewhere it is
//! named and the test passes.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_stemmers::{Algorithm, Stemmer};
use serde_json::{Value, json};
use tempfile::TempDir;

use common::tools::{self, missing, repo};
use common::{build_ok, site};

/// Runs tests/browser/words.mjs; `None` when the browser tools are missing.
fn words_mjs(input: &Value) -> Option<Value> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        return missing("chromium (apt-get install chromium)");
    }
    if !repo()
        .join("tests/tools/node_modules/playwright-core")
        .is_dir()
    {
        return missing("tests/tools/node_modules: run `npm ci --ignore-scripts` in tests/tools");
    }
    let output = Command::new(tools::program("node"))
        .arg(repo().join("tests/browser/words.mjs"))
        .arg(input.to_string())
        .env("CHROMIUM", chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "words.mjs failed:\n{}{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap())
}

/// This repository's chronology, built.
fn repository() -> (TempDir, PathBuf) {
    let dir = tools::repository_site();
    build_ok(dir.path());
    let out = dir.path().join("public");
    (dir, out)
}

/// The folder of the rust-stemmers package, which ships Snowball's
/// vocabularies (test_data/voc_<language>.txt): the version Cargo.lock
/// pins, as cargo unpacked it to build the tests. (`cargo metadata` would
/// fetch every platform's crates first, which an offline machine cannot.)
fn rust_stemmers() -> PathBuf {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap();
    let version = lock
        .split("[[package]]")
        .find(|package| package.contains("name = \"rust-stemmers\""))
        .and_then(|package| package.split("version = \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("rust-stemmers in Cargo.lock");
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let registries = home.join("registry/src");
    std::fs::read_dir(&registries)
        .unwrap()
        .map(|registry| {
            registry
                .unwrap()
                .path()
                .join(format!("rust-stemmers-{version}"))
        })
        .find(|dir| dir.join("test_data").is_dir())
        .unwrap_or_else(|| {
            panic!(
                "rust-stemmers {version} is not under {}",
                registries.display()
            )
        })
}

/// The lowercase words of the repository's events in one language: the
/// files `*.<suffix>md` (`""` for the default language, English).
fn content_words(suffix: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for entry in std::fs::read_dir(repo().join("content/events")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let translation = name.ends_with(".es.md") || name.ends_with(".ru.md");
        let ours = match suffix {
            "" => !translation,
            _ => name.ends_with(&format!(".{suffix}md")),
        };
        if ours {
            let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
            let split = text.split(|c: char| !c.is_alphanumeric());
            words.extend(split.filter(|w| !w.is_empty()).map(str::to_string));
        }
    }
    words
}

#[test]
fn the_page_stems_every_word_as_the_build_does() {
    let (_dir, out) = repository();
    let vocabularies = rust_stemmers().join("test_data");
    let editions = [
        ("", "en", Algorithm::English),
        ("es/", "es", Algorithm::Spanish),
        ("ru/", "ru", Algorithm::Russian),
    ];
    for (edition, language, algorithm) in editions {
        let suffix = edition.replace('/', ".");
        let mut words = content_words(&suffix);
        let vocabulary = vocabularies.join(format!("voc_{language}.txt"));
        let text = std::fs::read_to_string(&vocabulary)
            .unwrap_or_else(|e| panic!("{}: {e}", vocabulary.display()));
        words.extend(text.lines().filter(|w| !w.is_empty()).map(str::to_string));
        assert!(words.len() > 25_000, "{language}: {} words", words.len());
        let words: Vec<String> = words.into_iter().collect();
        let list = TempDir::new().unwrap();
        let file = list.path().join("words.txt");
        std::fs::write(&file, words.join("\n")).unwrap();
        let stemmer = out.join(edition).join("search/stem.js");
        let input = json!({"stemmer": stemmer, "words": file});
        let Some(result) = words_mjs(&input) else {
            return;
        };
        let page: Vec<&str> = result["stems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let build = Stemmer::create(algorithm);
        let differ: Vec<String> = words
            .iter()
            .zip(&page)
            .filter(|(word, stem)| build.stem(word) != **stem)
            .map(|(word, stem)| format!("{word}: page {stem}, build {}", build.stem(word)))
            .collect();
        assert_eq!(page.len(), words.len());
        assert!(differ.is_empty(), "{language}: {}", differ.join("\n"));
        eprintln!(
            "{language}: the page and the build agree on {} words",
            words.len()
        );
    }
}

/// What one search shows: its status and its results' titles.
struct Shown {
    status: String,
    titles: Vec<String>,
    results: Vec<Value>,
}

/// Types each of `queries` ([page, query]) into the search box of `out`'s
/// `page`, from disk.
fn searches(out: &Path, queries: &[(&str, &str)]) -> Option<Vec<Shown>> {
    let base = format!("file://{}/", out.display());
    let result = words_mjs(&json!({"base": base, "queries": queries}))?;
    let all = result["searches"].as_array().unwrap();
    let shown = all.iter().map(|search| {
        let results = search["results"].as_array().unwrap().clone();
        Shown {
            status: search["status"].as_str().unwrap().to_string(),
            titles: results
                .iter()
                .map(|r| r["title"].as_str().unwrap().to_string())
                .collect(),
            results,
        }
    });
    Some(shown.collect())
}

/// How many of the repository's events in one language have a word
/// matching `pattern` (lowercase) in their file.
fn files_with(suffix: &str, pattern: &[&str]) -> usize {
    let events = std::fs::read_dir(repo().join("content/events")).unwrap();
    events
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            match suffix {
                "" => !name.ends_with(".es.md") && !name.ends_with(".ru.md"),
                _ => name.ends_with(&format!(".{suffix}.md")),
            }
        })
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap().to_lowercase();
            let mut words = text.split(|c: char| !c.is_alphanumeric());
            words.any(|word| pattern.contains(&word))
        })
        .count()
}

#[test]
fn on_the_repository_site_a_word_finds_its_whole_family() {
    let (_dir, out) = repository();
    let queries = [
        ("index.html", "treaty"),
        ("index.html", "treaties"),
        ("index.html", "trea"),
        ("ru/index.html", "Москва"),
        ("ru/index.html", "Москве"),
        ("es/index.html", "moscu"),
        ("es/index.html", "tratados"),
    ];
    let Some(shown) = searches(&out, &queries) else {
        return;
    };
    let [treaty, treaties, trea, moskva, moskve, moscu, tratados] = &shown[..] else {
        panic!("{} searches", shown.len());
    };
    let set = |s: &Shown| s.titles.iter().cloned().collect::<BTreeSet<_>>();
    let treaty_events = files_with("", &["treaty", "treaties"]);
    assert_eq!(treaty.titles.len(), treaty_events, "{}", treaty.status);
    assert_eq!(
        set(treaties),
        set(treaty),
        "treaties finds the treaty events"
    );
    assert_eq!(treaties.status, format!("{treaty_events} events match"));
    assert!(
        set(trea).is_superset(&set(treaty)),
        "a prefix as the reader types"
    );
    let moscow_events = files_with("ru", &["москва", "москве", "москву", "москвы", "москвой"]);
    assert_eq!(moskva.titles.len(), moscow_events, "{}", moskva.status);
    assert_eq!(set(moskve), set(moskva), "Москве finds as many as Москва");
    let in_moscu = files_with("es", &["moscú", "moscu"]);
    assert_eq!(
        moscu.titles.len(),
        in_moscu,
        "accents stay optional: {}",
        moscu.status
    );
    let tratado = files_with("es", &["tratado", "tratados"]);
    assert_eq!(tratados.titles.len(), tratado, "{}", tratados.status);
    let first = &treaties.results[0];
    assert_eq!(
        first["marked"],
        json!(["Treaty"]),
        "the family is highlighted: {first}"
    );
}

#[test]
fn exact_forms_rank_above_their_family_in_each_field() {
    let event = |date: &str, title: &str, body: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n{body}\n")
    };
    let earlier = event(
        "1900-01-01",
        "Envoys meet at Ghent",
        "A treaty was drafted.",
    );
    let later = event(
        "1910-01-01",
        "Peace signed at Vienna",
        "The treaties were ratified.",
    );
    let titled = event("1920-01-01", "Treaty of Utrecht", "Signed by the envoys.");
    let dir = site(&[
        ("site.yaml", "title: \"Treaties\"\n"),
        ("content/events/ghent.md", &earlier),
        ("content/events/vienna.md", &later),
        ("content/events/utrecht.md", &titled),
    ]);
    build_ok(dir.path());
    let queries = [("index.html", "treaties"), ("index.html", "treaty")];
    let Some(shown) = searches(&dir.path().join("public"), &queries) else {
        return;
    };
    assert_eq!(
        shown[0].titles,
        [
            "Treaty of Utrecht",
            "Peace signed at Vienna",
            "Envoys meet at Ghent"
        ],
        "the title first; then the text with \"treaties\" as written, before the one with \"treaty\""
    );
    assert_eq!(
        shown[1].titles,
        [
            "Treaty of Utrecht",
            "Envoys meet at Ghent",
            "Peace signed at Vienna"
        ],
        "and the other way round for \"treaty\""
    );
    assert_eq!(shown[0].results[1]["inText"], json!(["treaties"]));
    assert_eq!(shown[1].results[1]["inText"], json!(["treaty"]));
}
