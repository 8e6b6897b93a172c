//! Bad input of every kind: a clear error with file and position, a non-zero
//! exit, never a panic, hang or huge allocation, and the previous output
//! left byte-for-byte as it was.

mod common;
#[path = "hardening/templates.rs"]
mod templates;

use common::{BUILD_FAILED, break_build, break_site, break_site_with};

/// (what, front matter of content/events/bad.md, expected message)
const BAD_EVENTS: &[(&str, &str, &str)] = &[
    (
        "a tab used for indentation",
        "---\ntitle: X\ndate: 1976\ntags:\n\t- a\n---\n",
        "content/events/bad.md:5:1: a tab in the indentation: YAML indents with spaces, not tabs: replace the tab with spaces",
    ),
    (
        "an unclosed bracket",
        "---\ntitle: X\ndate: 1976\ntags: [a\n---\n",
        "content/events/bad.md:4:7: the list opened with [ on line 4 is never closed: end it with ]",
    ),
    (
        "a duplicate key",
        "---\ntitle: X\ntitle: Y\ndate: 1976\n---\n",
        "content/events/bad.md:3:1: `title:` is given twice (first on line 2): keep one",
    ),
    (
        "a mapping for the title",
        "---\ntitle: {a: 1}\ndate: 1976\n---\n",
        "content/events/bad.md:2:8: title: expected text, found a mapping: to write text that starts with {, put it in quotes: title: \"{a: 1}\"",
    ),
    (
        "a number for the tags",
        "---\ntitle: X\ndate: 1976\ntags: 3\n---\n",
        "content/events/bad.md:4:7: tags: expected a list of names, such as [diplomacy, trade], found the number 3",
    ),
    (
        "an unterminated front matter",
        "---\ntitle: X\ndate: 1976\n",
        "content/events/bad.md:1:1: the front matter opened here is never closed: expected a line `---` after the YAML",
    ),
    (
        "an empty file",
        "",
        "content/events/bad.md:1:1: the file is empty: expected front matter between two `---` lines, with at least `title` and `date`",
    ),
    (
        "a file of only ---",
        "---\n",
        "content/events/bad.md:1:1: the front matter opened here is never closed: expected a line `---` after the YAML",
    ),
    (
        "year 0",
        "---\ntitle: X\ndate: 0\n---\n",
        "content/events/bad.md:3:7: date: invalid date \"0\": there is no year 0: 1 BCE is followed by 1",
    ),
    (
        "year 300000",
        "---\ntitle: X\ndate: 300000\n---\n",
        "content/events/bad.md:3:7: date: invalid date \"300000\": the year must be between 1 and 9999",
    ),
    (
        "month 00",
        "---\ntitle: X\ndate: 2025-00\n---\n",
        "content/events/bad.md:3:7: date: invalid date \"2025-00\": the month must be 01 to 12",
    ),
    (
        "day 32",
        "---\ntitle: X\ndate: 2025-01-32\n---\n",
        "content/events/bad.md:3:7: date: invalid date \"2025-01-32\": January has 31 days in 2025",
    ),
    (
        "one-digit month and day",
        "---\ntitle: X\ndate: 2025-2-3\n---\n",
        "content/events/bad.md:3:7: date: invalid date \"2025-2-3\": the month has two digits, 01 to 12",
    ),
    (
        "a plus sign",
        "---\ntitle: X\ndate: \"+2025\"\n---\n",
        "content/events/bad.md:3:7: date: invalid date \"+2025\": expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by \" BCE\"",
    ),
    (
        "a time of day",
        "---\ntitle: X\ndate: 2025-05-07T10:00\n---\n",
        "content/events/bad.md:3:7: date: invalid date \"2025-05-07T10:00\": a date has no time of day; expected YYYY-MM-DD",
    ),
    (
        "an end before the date",
        "---\ntitle: X\ndate: 2025\nend: 2024-12-31\n---\n",
        "content/events/bad.md:4: the event ends (2024-12-31) before it starts (2025)",
    ),
    (
        "a slug that escapes the folder",
        "---\ntitle: X\ndate: 2025\nslug: ../x\n---\n",
        "content/events/bad.md:4: slug \"../x\" must be lowercase ASCII letters, digits and hyphens: did you mean \"x\"?",
    ),
    (
        "a slug with a separator",
        "---\ntitle: X\ndate: 2025\nslug: a/b\n---\n",
        "content/events/bad.md:4: slug \"a/b\" must be lowercase ASCII letters, digits and hyphens: did you mean \"a-b\"?",
    ),
    (
        "a reserved slug",
        "---\ntitle: X\ndate: 2025\nslug: CON\n---\n",
        "content/events/bad.md:4: slug \"CON\" must be lowercase ASCII letters, digits and hyphens: did you mean \"con-page\"?",
    ),
    (
        "a dot slug",
        "---\ntitle: X\ndate: 2025\nslug: \".\"\n---\n",
        "content/events/bad.md:4: slug \".\" must be lowercase ASCII letters, digits and hyphens: did you mean \"\"?",
    ),
    (
        "an empty slug",
        "---\ntitle: X\ndate: 2025\nslug: \"\"\n---\n",
        "content/events/bad.md:4: no slug can be made from the file name: add `slug:` with letters or digits",
    ),
    (
        "a 300-character slug",
        "---\ntitle: X\ndate: 2025\nslug: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n---\n",
        "content/events/bad.md:4: slug \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" must be lowercase ASCII letters, digits and hyphens: did you mean \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"?",
    ),
    (
        "a tag with no letters",
        "---\ntitle: X\ndate: 2025\ntags: [\"..\"]\n---\n",
        "content/events/bad.md:4: tags: \"..\" needs at least one letter or digit",
    ),
    (
        "an actor with no letters",
        "---\ntitle: X\ndate: 2025\nactors: [\"/\"]\n---\n",
        "content/events/bad.md:4: actors: \"/\" needs at least one letter or digit",
    ),
];

#[test]
fn every_bad_event_gets_a_clear_error_and_leaves_the_output() {
    let mut failures = Vec::new();
    for (what, text, expected) in BAD_EVENTS {
        let error = break_build(&[("content/events/bad.md", text)]);
        if error != format!("{expected}\n{BUILD_FAILED}") {
            failures.push(format!(
                "{what}:\n  expected: {expected}\n  got:      {error}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut yaml = String::from(
        "---\ntitle: X\ndate: 1976\nextra:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..9 {
        let prev = level - 1;
        yaml.push_str(&format!("  a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    yaml.push_str("---\n");
    let error = break_site(&[("content/events/bad.md", &yaml)]);
    assert!(error.starts_with("content/events/bad.md:"), "{error}");
    assert!(error.contains("repetition limit exceeded"), "{error}");
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        "---\ntitle: X\ndate: 1976\nextra:\n  x: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let error = break_site(&[("content/events/bad.md", &deep)]);
    assert!(error.starts_with("content/events/bad.md:5:"), "{error}");
    assert!(error.contains("recursion limit exceeded"), "{error}");
}

#[test]
fn huge_files_are_refused_before_reading() {
    let big = format!(
        "---\ntitle: X\ndate: 1976\n---\n{}\n",
        "a".repeat(10 * 1024 * 1024)
    );
    let error = break_site(&[("content/events/bad.md", &big)]);
    assert_eq!(
        error,
        "content/events/bad.md: the file is 10485789 bytes; the limit is 8388608 bytes: split it into several files"
    );
}

#[test]
fn a_fifty_megabyte_file_is_refused() {
    let error = break_site_with(&[], |root| {
        let file = std::fs::File::create(root.join("content/events/big.md")).unwrap();
        file.set_len(50 * 1024 * 1024).unwrap();
    });
    assert!(
        error.starts_with("content/events/big.md: the file is 52428800 bytes; the limit is"),
        "{error}"
    );
}

#[test]
fn nul_bytes_and_bad_encodings_are_refused() {
    let error = break_site(&[(
        "content/events/bad.md",
        "---\ntitle: X\0\ndate: 1976\n---\n",
    )]);
    assert_eq!(
        error,
        "content/events/bad.md:2:9: the file contains a NUL byte: is it a binary file?"
    );
}

#[test]
fn slugs_that_collide_after_slugification_name_both_files() {
    let error = break_site(&[
        ("content/events/Café.md", "---\ntitle: A\ndate: 1976\n---\n"),
        ("content/events/cafe.md", "---\ntitle: B\ndate: 1976\n---\n"),
    ]);
    assert_eq!(
        error,
        "content/events/cafe.md:2: slug \"cafe\" is already used by content/events/Café.md:2: give one of them another `slug:`"
    );
}

#[test]
fn symbolic_links_in_content_and_static_are_refused() {
    let error = break_site_with(&[], |root| {
        std::os::unix::fs::symlink("/etc/passwd", root.join("content/events/outside.md")).unwrap();
    });
    assert_eq!(
        error,
        "content/events/outside.md: symbolic links are not followed (they may leave the site or loop): copy the file instead"
    );
    let error = break_site_with(&[], |root| {
        std::os::unix::fs::symlink("..", root.join("content/events/loop")).unwrap();
    });
    assert!(
        error.starts_with("content/events/loop: symbolic links are not followed"),
        "{error}"
    );
    let error = break_site_with(&[("static/ok.css", "x")], |root| {
        std::os::unix::fs::symlink("/etc", root.join("static/etc")).unwrap();
    });
    assert!(
        error.starts_with("static/etc: symbolic links are not followed"),
        "{error}"
    );
}

#[test]
fn special_files_are_refused_not_read() {
    let error = break_site_with(&[], |root| {
        let fifo = root.join("content/events/pipe.md");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
    });
    assert_eq!(
        error,
        "content/events/pipe.md: not a regular file (a pipe, socket or device); remove it"
    );
}

#[test]
fn unreadable_files_are_named() {
    use std::os::unix::fs::PermissionsExt;
    let site = common::site(&[
        ("content/events/good.md", common::GOOD),
        ("content/events/secret.md", common::GOOD),
    ]);
    let path = site.path().join("content/events/secret.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root reads any file: check as an unprivileged user when running as root.
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let mut command = if is_root {
        for dir in [
            site.path(),
            &site.path().join("content"),
            &site.path().join("content/events"),
        ] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let mut command = std::process::Command::new("setpriv");
        command.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_annals"),
        ]);
        command
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
    };
    let output = command
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("content/events/secret.md: Permission denied"),
        "{stderr}"
    );
}

#[test]
fn a_static_file_that_collides_with_a_page_is_refused() {
    let error = break_site(&[("static/index.html", "<p>mine</p>")]);
    assert!(
        error.ends_with(
            "static/index.html: would overwrite the generated file index.html; rename it or remove it"
        ),
        "{error}"
    );
}

#[test]
fn site_yaml_with_wrong_types_is_refused() {
    for (yaml, expected) in [
        (
            "title: [a, b]\n",
            "site.yaml:1:8: title: expected text, found a list: to write text that starts with [, put it in quotes: title: \"[a, b]\"",
        ),
        (
            "eras: {a: 1}\n",
            "site.yaml:1:7: eras: expected a list, found a mapping",
        ),
        (
            "eras:\n  - name: X\n    start: 1990\n",
            "site.yaml:2:5: eras[0]: missing field `end`",
        ),
        (
            "base_url: 3\n",
            "site.yaml:1: base_url \"3\" must be an absolute http:// or https:// URL",
        ),
        (
            "- a\n- b\n",
            "site.yaml:1:1: expected a mapping of `key: value` lines, found a list",
        ),
    ] {
        assert_eq!(break_site(&[("site.yaml", yaml)]), expected);
    }
}
