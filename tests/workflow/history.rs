//! The feed is dated by the site's history: the Pages workflows check out
//! the whole history, and a site deployed from it dates each event by its
//! commit.

use super::*;

#[test]
fn the_pages_workflows_check_out_the_history_the_feed_is_dated_by() {
    for path in [
        repo().join(".github/workflows/pages.yml"),
        repo().join("src/scaffold/pages.yml"),
    ] {
        let workflow: Value = serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
        let checkout = steps.iter().find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with("actions/checkout@"))
        });
        let depth = &checkout.unwrap()["with"]["fetch-depth"];
        assert_eq!(
            depth.as_u64(),
            Some(0),
            "{}: the whole history",
            path.display()
        );
    }
}

#[test]
fn a_new_site_deployed_from_its_history_dates_each_event_by_its_commit() {
    if !ready() {
        return;
    }
    let scratch = TempDir::new().unwrap();
    let (_server, download) = serve_built_release(scratch.path());
    let origin = init_site(scratch.path());
    let Some(()) = common::git::commit(&origin, "2024-01-02T03:04:05Z") else {
        return;
    };
    let event = "---\ntitle: \"Envoys in 1046\"\ndate: 1046\n---\nAdded later.\n";
    common::write(&origin, "content/events/1046-envoys.md", event);
    common::git::commit(&origin, "2025-06-01T12:00:00Z").unwrap();
    let workspace = scratch.path().join("workspace");
    fs::create_dir_all(&workspace).unwrap();
    let workflow = Workflow::read(&origin.join(".github/workflows/pages.yml"));
    let mut runner = pages_runner(&workspace, scratch.path(), &download);
    let mut uploaded = Vec::new();
    let ran = runner.run_job(
        &workflow,
        "build",
        pages_actions_from(Some(&origin), &mut uploaded),
    );
    for step in &ran {
        assert!(!step.failed(), "{} failed:\n{}", step.name, step.log());
    }
    let Some(feed) = common::tools::python("feed", &[&workspace.join("public/atom.xml")]) else {
        return;
    };
    let entries = feed["entries"].as_array().unwrap();
    let dated: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e["title"].as_str().unwrap(), e["updated"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dated,
        [
            ("Envoys in 1046", "2025-06-01T12:00:00Z"),
            ("An example event", "2024-01-02T03:04:05Z")
        ],
        "each event its own commit's time, not the newest commit's; the latest first"
    );
}
