//! The command line: exit codes, `init`, `new`, `check`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn annals(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn init_then_build_gives_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let init = annals(&["init", "chronicle"], dir.path());
    assert!(init.status.success(), "{}", stderr(&init));
    let site = dir.path().join("chronicle");
    let build = annals(&["build"], &site);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stdout(&build).starts_with("built 1 event, 9 pages in "),
        "{}",
        stdout(&build)
    );
    let unchanged = annals(&["build"], &site);
    assert!(
        stdout(&unchanged).starts_with("nothing changed: 1 event, 9 pages in "),
        "{}",
        stdout(&unchanged)
    );
    let check = annals(&["check"], &site);
    assert_eq!(stdout(&check), "ok: 1 event, 9 pages would be written\n");
    let index = common::page(&site, "index.html");
    assert_eq!(common::texts(&index, ".event-title"), ["An example event"]);
    let again = annals(&["init", "chronicle"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("is not empty"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn init_writes_the_pages_workflow_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    let init = annals(&["init", "with"], dir.path());
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(
        stdout(&init).contains("created with/.github/workflows/pages.yml"),
        "{}",
        stdout(&init)
    );
    let without = annals(&["init", "--no-workflow", "without"], dir.path());
    assert!(without.status.success(), "{}", stderr(&without));
    assert!(!dir.path().join("without/.github").exists());
    assert!(dir.path().join("without/site.yaml").is_file());
}

#[test]
fn build_with_a_base_url_publishes_the_feed_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let init = annals(&["init", "site"], dir.path());
    assert!(init.status.success(), "{}", stderr(&init));
    let site = dir.path().join("site");
    let build = annals(
        &["build", "--base-url", "https://user.github.io/site"],
        &site,
    );
    assert!(build.status.success(), "{}", stderr(&build));
    assert_eq!(stderr(&build), "");
    assert!(site.join("public/atom.xml").is_file());
    let plain = annals(&["build"], &site);
    assert_eq!(
        stderr(&plain)
            .lines()
            .filter(|l| l.contains("base_url"))
            .count(),
        1,
        "{}",
        stderr(&plain)
    );
}

#[test]
fn new_writes_an_event_that_builds_and_never_overwrites() {
    let site = common::fixture("mixed");
    let new = annals(
        &[
            "new",
            "--date",
            "2025-05-07",
            "--tag",
            "treaty",
            "--tag",
            "state visit",
            "Tratado: \"Asociación\" estratégica",
        ],
        site.path(),
    );
    assert!(new.status.success(), "{}", stderr(&new));
    let path = stdout(&new).trim().to_string();
    assert_eq!(
        path,
        "./content/events/2025-05-07-tratado-asociacion-estrategica.md"
    );
    let build = annals(&["build"], site.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let event = common::page(
        site.path(),
        "events/2025-05-07-tratado-asociacion-estrategica.html",
    );
    assert_eq!(
        common::texts(&event, "h1"),
        ["Tratado: \"Asociación\" estratégica"]
    );
    assert_eq!(
        common::texts(&event, ".facts a[href^='../tags/']"),
        ["treaty", "state visit"]
    );
    let written = std::fs::read(site.path().join(&path)).unwrap();
    let again = annals(
        &[
            "new",
            "--date",
            "2025-05-07",
            "Tratado: \"Asociación\" estratégica",
        ],
        site.path(),
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read(site.path().join(&path)).unwrap(), written);
}

#[test]
fn content_errors_exit_1_and_usage_errors_exit_2() {
    let site = common::site(&[("content/a.md", "---\ntitle: A\ndate: 1976-13\n---\n")]);
    let build = annals(&["build"], site.path());
    assert_eq!(build.status.code(), Some(1));
    assert!(
        stderr(&build).starts_with("content/a.md:3:7: date: invalid date \"1976-13\""),
        "{}",
        stderr(&build)
    );
    let check = annals(&["check"], site.path());
    assert_eq!(check.status.code(), Some(1));
    let usage = annals(&["build", "--no-such-flag"], site.path());
    assert_eq!(usage.status.code(), Some(2));
    let bad_date = annals(&["new", "--date", "yesterday", "X"], site.path());
    assert_eq!(bad_date.status.code(), Some(2));
    let backwards = annals(&["new", "--date", "988", "--end", "900", "X"], site.path());
    assert_eq!(backwards.status.code(), Some(2));
    assert_eq!(stderr(&backwards), "--end 900 is before --date 988\n");
}

#[test]
fn check_writes_nothing() {
    let site = common::fixture("mixed");
    let check = annals(&["check"], site.path());
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(
        stdout(&check).trim(),
        "ok: 9 events, 34 pages would be written"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn the_repository_site_builds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = annals(&["check"], root);
    assert!(check.status.success(), "{}", stderr(&check));
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let build = annals(&["build", "--output", output.to_str().unwrap()], root);
    assert!(build.status.success(), "{}", stderr(&build));
    let problems = common::broken_links(&output);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let index =
        scraper::Html::parse_document(&std::fs::read_to_string(output.join("index.html")).unwrap());
    let whens = common::texts(&index, ".chronology .when");
    assert_eq!(whens.first().map(String::as_str), Some("14 March 1945"));
    assert!(
        whens.contains(&"1976".to_string()),
        "the 1976 visit has no day: {whens:?}"
    );
    assert!(whens.contains(&"7 May 2025".to_string()));
}

#[test]
fn build_check_and_serve_refuse_a_folder_that_is_no_site() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let expected = format!(
        "no annals site in {}: it has neither a site.yaml nor a content/ folder; run annals in a site's folder, pass --root DIR, or create a site with `annals init DIR`\n",
        folder.display()
    );
    for command in ["build", "check"] {
        let run = annals(&[command], &folder);
        assert_eq!(run.status.code(), Some(2), "{command}: {}", stderr(&run));
        assert_eq!(stderr(&run), expected, "{command}");
        assert_eq!(stdout(&run), "", "{command}");
    }
    let serve = serve_until_exit(&folder);
    assert_eq!(serve.status.code(), Some(2), "serve: {}", stderr(&serve));
    assert_eq!(stderr(&serve), expected, "serve");
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        0,
        "nothing written"
    );
    let elsewhere = annals(&["build", "--root", "no-such-folder"], &folder);
    assert_eq!(elsewhere.status.code(), Some(2));
    assert_eq!(
        stderr(&elsewhere),
        format!(
            "no annals site in {}: the folder does not exist; run annals in a site's folder, pass --root DIR, or create a site with `annals init DIR`\n",
            folder.join("no-such-folder").display()
        )
    );
}

/// Runs `annals serve --port 0` in `dir`, killing it if it is still
/// running after 20 seconds (it should exit at once).
fn serve_until_exit(dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn templates_read_extra_from_site_yaml_and_from_events() {
    let site = common::site(&[
        (
            "site.yaml",
            "title: Venezuela and Russia\nextra:\n  archive: Archivo Histórico de Miraflores\n  funders: [Fundación A, Fundación B]\n",
        ),
        (
            "content/events/1945-relations.md",
            "---\ntitle: Relations established\ndate: 1945-03-14\nextra:\n  fond: \"Fond 5, opis 1\"\n---\nNotes were exchanged.\n",
        ),
        (
            "templates/meta.html",
            "<meta name=\"archive\" content=\"{{ site.extra.archive }}\"><meta name=\"funders\" content=\"{{ site.extra.funders | join(sep=' & ') }}\">",
        ),
        (
            "templates/event.html",
            "{% extends \"base.html\" %}{% block main %}<p class=\"fond\">{{ extra.fond }}</p><p class=\"archive\">{{ site.extra.archive }}</p>{% endblock main %}",
        ),
    ]);
    let build = annals(&["build"], site.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let index = common::page(site.path(), "index.html");
    assert_eq!(
        common::attrs(&index, "meta[name=archive]", "content"),
        ["Archivo Histórico de Miraflores"]
    );
    assert_eq!(
        common::attrs(&index, "meta[name=funders]", "content"),
        ["Fundación A & Fundación B"]
    );
    let event = common::page(site.path(), "events/1945-relations.html");
    assert_eq!(common::texts(&event, ".fond"), ["Fond 5, opis 1"]);
    assert_eq!(
        common::texts(&event, ".archive"),
        ["Archivo Histórico de Miraflores"]
    );
    common::write(site.path(), "site.yaml", "title: X\nextra: [a, b]\n");
    let refused = annals(&["build"], site.path());
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        "site.yaml:2:8: extra: expected a mapping of names to values, found a list\nerror: the build failed; the previous output is untouched\n"
    );
}

#[test]
fn check_names_actors_no_declaration_answers_to() {
    let site = common::fixture("succession");
    common::write(
        site.path(),
        "content/events/1992-embassy.md",
        "---\ntitle: Venezuela's embassy in Moscow reopens\ndate: 1992\nactors: [Venezuela, Rusia Federation]\nsources: [\"Embassy records, 1992\"]\n---\n",
    );
    let check = annals(&["check"], site.path());
    assert!(check.status.success(), "{}", stderr(&check));
    let undeclared: Vec<String> = stderr(&check)
        .lines()
        .filter(|line| line.contains("matches no declared actor"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        undeclared,
        [
            "warning: content/events/1992-embassy.md:2: actor \"Rusia Federation\" matches no declared actor: did you mean `Russian Federation`?",
            "warning: content/events/2001-05-chavez-moscow.md:2: actor \"Hugo Chávez\" matches no declared actor: declare it in content/actors/hugo-chavez.yaml if it needs a page of its own",
            "warning: content/events/2025-05-07-treaty.md:2: actor \"Nicolás Maduro\" matches no declared actor: declare it in content/actors/nicolas-maduro.yaml if it needs a page of its own",
            "warning: content/events/2025-05-07-treaty.md:2: actor \"Vladimir Putin\" matches no declared actor: declare it in content/actors/vladimir-putin.yaml if it needs a page of its own",
        ]
    );
}
