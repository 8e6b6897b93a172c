//! Templates that would never finish, or finish with something unsafe: a
//! recursion or a huge loop refused before rendering, raw HTML trusted only
//! when asked, and a render that runs too long stopped.

use super::*;

#[test]
fn recursive_templates_are_refused_before_rendering() {
    let error = break_site(&[(
        "templates/macros.html",
        "{% macro when(when) %}\n{{ self::when(when=when) }}\n{% endmacro when %}\n{% macro card(event, heading) %}{% endmacro card %}\n{% macro events(events) %}{% endmacro events %}",
    )]);
    assert_eq!(
        error,
        "templates/macros.html:2: macro macros.html::when calls itself, directly or through other macros: recursive macros could render forever"
    );
    let error = break_site(&[("templates/404.html", "{% include \"404.html\" %}")]);
    assert!(
        error.starts_with("templates/404.html:1: includes itself"),
        "{error}"
    );
}

#[test]
fn huge_template_loops_are_refused() {
    let error = break_site(&[(
        "templates/404.html",
        "{% for i in range(end=1000000000000) %}x{% endfor %}",
    )]);
    assert!(
        error.contains("range: 1000000000000 items is more than the limit of 100000"),
        "{error}"
    );
}

#[test]
fn raw_html_is_trusted_only_when_asked_and_then_with_a_warning() {
    let body = "---\ntitle: X\ndate: 1976\n---\n<span onclick=\"go()\">hi</span>\n";
    let site = common::site(&[("content/x.md", body)]);
    let report = common::build_ok(site.path());
    assert!(report.warnings.iter().all(|w| !w.contains("unsafe_html")));
    let page = common::page(site.path(), "events/x.html");
    assert!(common::attrs(&page, "span", "onclick").is_empty());
    common::write(site.path(), "site.yaml", "unsafe_html: true\n");
    let report = common::build_ok(site.path());
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("unsafe_html is on")),
        "{:?}",
        report.warnings
    );
    let page = common::page(site.path(), "events/x.html");
    assert_eq!(common::attrs(&page, "span", "onclick"), ["go()"]);
}

#[test]
fn a_template_that_never_finishes_is_stopped() {
    let site = common::site(&[("content/events/good.md", common::GOOD)]);
    common::build_ok(site.path());
    let before = common::snapshot(&site.path().join("public"));
    common::write(
        site.path(),
        "templates/404.html",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% for k in range(end=100000) %}x{% endfor %}{% endfor %}{% endfor %}",
    );
    let started = std::time::Instant::now();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["build", "--root"])
        .arg(site.path())
        .env("ANNALS_PAGE_TIME_LIMIT", "2")
        .output()
        .unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "the build was not stopped"
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a page has been rendering for more than 2 s"),
        "{stderr}"
    );
    assert_eq!(before, common::snapshot(&site.path().join("public")));
}
