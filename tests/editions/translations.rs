//! Translations as an editor writes them: what a translation may set, the
//! errors for a missing original or interface string, a site's own
//! strings, and `annals check` on translations gone out of date.

use std::fs;
use std::path::Path;

use crate::built;
use crate::common::{self, break_site, build_ok, fixture, page, texts};

#[test]
fn a_file_for_another_language_is_an_ordinary_event() {
    let site = built();
    let html = page(site.path(), "events/2001-notes-de.html");
    assert_eq!(
        texts(&html, "article.event h1"),
        ["An event whose file name ends in .de.md"]
    );
}

const LANGUAGES: &str =
    "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n";
const EVENT: &str = "---\ntitle: Good\ndate: 1976\n---\nText.\n";

#[test]
fn a_translation_may_not_set_what_the_original_owns() {
    let error = break_site(&[
        ("site.yaml", LANGUAGES),
        ("content/events/x.md", EVENT),
        (
            "content/events/x.es.md",
            "---\ntitle: Bueno\nslug: otro\n---\nTexto.\n",
        ),
    ]);
    assert_eq!(
        error,
        "content/events/x.es.md:3: `slug` belongs to the original event: a translation sets only title, summary, body, place and source titles"
    );
    let error = break_site(&[
        ("site.yaml", LANGUAGES),
        (
            "content/events/list.yaml",
            "- title: A\n  date: 1976\n  translations:\n    es:\n      title: B\n      tags: [x]\n",
        ),
    ]);
    assert_eq!(
        error,
        "content/events/list.yaml:6: `tags` belongs to the original event: a translation sets only title, summary, body, place and source titles"
    );
}

#[test]
fn a_translation_needs_its_original() {
    let error = break_site(&[
        ("site.yaml", LANGUAGES),
        ("content/events/gone.es.md", "---\ntitle: Huérfano\n---\n"),
    ]);
    assert_eq!(
        error,
        "content/events/gone.es.md: translates content/events/gone.md, which does not exist: name a translation after its event's file"
    );
}

#[test]
fn a_missing_interface_string_is_named() {
    let error = break_site(&[
        (
            "site.yaml",
            "languages:\n  - {code: en, name: English}\n  - {code: fr, name: Français}\n",
        ),
        ("i18n/fr.yaml", "sources: Sources\n"),
    ]);
    let first = error.lines().next().unwrap_or_default();
    assert_eq!(first, "i18n/fr.yaml: missing key `actor`");
    let error = break_site(&[
        ("site.yaml", LANGUAGES),
        (
            "i18n/es.yaml",
            "sources: \"Fuentes consultadas\"\nskip: [a]\n",
        ),
    ]);
    assert!(error.starts_with("i18n/es.yaml:2:"), "{error}");
}

#[test]
fn a_site_can_override_built_in_strings() {
    let site = fixture("multilingual");
    common::write(
        site.path(),
        "i18n/es.yaml",
        "sources: \"Fuentes consultadas\"\n",
    );
    build_ok(site.path());
    let html = page(site.path(), "es/events/1945-03-14-relations.html");
    assert_eq!(texts(&html, "#sources-h"), ["Fuentes consultadas"]);
}

#[test]
fn check_reports_missing_and_outdated_translations() {
    let site = fixture("multilingual");
    let translation = site.path().join("content/events/1976-visit.es.md");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let file = fs::File::options().write(true).open(&translation).unwrap();
    file.set_modified(an_hour_ago).unwrap();
    let report = annals::check(&annals::BuildOptions::new(site.path())).unwrap();
    assert_eq!(
        report.notes,
        [
            "es: 3 events not translated: content/events/ancient.yaml (An ancient treaty), content/events/1976-11-talks.md, content/events/2001-notes.de.md",
            "ru: 3 events not translated: content/events/1976-visit.md, content/events/1976-11-talks.md, content/events/2001-notes.de.md",
        ]
    );
    let outdated: Vec<&String> = report
        .warnings
        .iter()
        .filter(|w| w.contains("changed after"))
        .collect();
    assert_eq!(
        outdated,
        [
            "content/events/1976-visit.es.md: content/events/1976-visit.md changed after this translation: check that it still says the same"
        ]
    );
}

/// Commits every file of `site` as of `time` (seconds since 1970).
fn commit(site: &Path, time: u64) {
    let date = format!("@{time} +0000");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-qm", "edit"],
    ] {
        let status = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=Editor",
                "-c",
                "user.email=editor@example.org",
            ])
            .args(args)
            .current_dir(site)
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }
}

#[test]
fn an_original_changed_only_where_its_translation_is_silent_is_not_outdated() {
    let site = fixture("multilingual");
    let root = site.path();
    commit(root, 1_700_000_000);
    let original = root.join("content/events/1976-visit.md");
    let text = fs::read_to_string(&original).unwrap();
    let retagged = text.replace("tags: [diplomacy]", "tags: [diplomacy, visit]");
    fs::write(&original, &retagged).unwrap();
    commit(root, 1_700_000_100);
    let outdated = |root: &Path| -> Vec<String> {
        let report = annals::check(&annals::BuildOptions::new(root)).unwrap();
        let warnings = report.warnings.into_iter();
        warnings.filter(|w| w.contains("changed after")).collect()
    };
    assert_eq!(outdated(root), Vec::<String>::new());
    fs::write(&original, retagged.replace("visited.", "visited Moscow.")).unwrap();
    commit(root, 1_700_000_200);
    assert_eq!(
        outdated(root),
        [
            "content/events/1976-visit.es.md: content/events/1976-visit.md changed after this translation: check that it still says the same"
        ]
    );
}
