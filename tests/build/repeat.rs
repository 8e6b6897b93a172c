//! Builds again: byte-identical output whatever the machine's settings,
//! unchanged pages left as they were, and nothing done when nothing changed.

use std::fs;

use crate::common::{self, build_ok, fixture, page, snapshot, texts};

#[test]
fn rebuilds_are_byte_identical() {
    let site = fixture("mixed");
    build_ok(site.path());
    let first = snapshot(&site.path().join("public"));
    build_ok(site.path());
    assert_eq!(first, snapshot(&site.path().join("public")));
}

#[test]
fn output_does_not_depend_on_time_zone_locale_threads_or_memory() {
    let site = fixture("mixed");
    let run = |out: &str, envs: &[(&str, &str)]| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["build", "--root"])
            .arg(site.path())
            .arg("--output")
            .arg(site.path().join(out))
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        snapshot(&site.path().join(out))
    };
    let a = run(
        "a",
        &[("TZ", "UTC"), ("LC_ALL", "C"), ("RAYON_NUM_THREADS", "1")],
    );
    let b = run(
        "b",
        &[
            ("TZ", "Pacific/Kiritimati"),
            ("LC_ALL", "ru_RU.UTF-8"),
            ("RAYON_NUM_THREADS", "7"),
            // Every body read back from its file rather than kept.
            ("ANNALS_BODY_BUDGET", "0"),
        ],
    );
    assert_eq!(a, b);
}

#[test]
fn unchanged_pages_keep_their_modification_time() {
    let site = fixture("mixed");
    build_ok(site.path());
    let out = site.path().join("public");
    let kadesh = out.join("events/kadesh.html");
    let before = fs::metadata(&kadesh).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    common::write(
        site.path(),
        "content/modern/congress.md",
        "---\ntitle: Congress of Vienna (edited)\ndate: 1814-09\nend: 1815-06-09\n---\nEdited.\n",
    );
    build_ok(site.path());
    assert_eq!(fs::metadata(&kadesh).unwrap().modified().unwrap(), before);
    let congress = page(site.path(), "events/congress.html");
    assert_eq!(texts(&congress, "h1"), ["Congress of Vienna (edited)"]);
}

#[test]
fn a_rebuild_with_nothing_changed_stops_early_and_touches_nothing() {
    let site = fixture("mixed");
    let first = build_ok(site.path());
    assert!(!first.unchanged);
    let out = site.path().join("public");
    let times = |dir: &std::path::Path| -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let before = times(&out);
    let again = build_ok(site.path());
    assert!(again.unchanged);
    assert_eq!((again.events, again.pages), (first.events, first.pages));
    assert_eq!(again.warnings, first.warnings, "warnings are repeated");
    assert_eq!(times(&out), before);
    common::write(
        site.path(),
        "content/modern/single.yml",
        "title: \"Victory Day\"\ndate: \"2025-05-09\"\n",
    );
    let edited = build_ok(site.path());
    assert!(!edited.unchanged);
    let index = page(site.path(), "index.html");
    assert!(texts(&index, ".event-title").contains(&"Victory Day".to_string()));
}
