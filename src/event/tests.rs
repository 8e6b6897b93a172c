//! Unit tests of event parsing and validation.

use super::*;

fn markdown(text: &str) -> Result<Event> {
    parse_markdown(Path::new("content/events/x.md"), text)
}

fn error(text: &str) -> String {
    markdown(text).unwrap_err().to_string()
}

#[test]
fn a_full_event_parses() {
    let event = markdown(
        "---\ntitle: Treaty\ndate: 2025-05-07\nend: 2025-05-09\ntags: [treaty, Treaty]\nactors: Russia\nsources:\n  - https://example.org/a\n  - {title: T, url: 'https://example.org', publisher: P, date: 2025}\n---\nFirst *para*.\n\nMore.\n",
    )
    .unwrap();
    assert_eq!(event.slug, "x");
    assert_eq!(event.title, "Treaty");
    assert_eq!(event.when.date.to_string(), "2025-05-07");
    assert_eq!(event.tags, ["treaty"]);
    assert_eq!(event.actors, ["Russia"]);
    assert_eq!(event.summary, "First para.");
    assert_eq!(event.sources.len(), 2);
    assert_eq!(event.sources[1].publisher.as_deref(), Some("P"));
    assert_eq!(event.spans.body_line, 11);
}

#[test]
fn a_bare_year_is_a_date() {
    let event = markdown("---\ntitle: Visit\ndate: 1976\n---\n").unwrap();
    assert_eq!(event.when.date.to_string(), "1976");
}

#[test]
fn date_errors_point_at_the_value() {
    assert_eq!(
        error("---\ntitle: X\ndate: 2025-02-30\n---\n"),
        "content/events/x.md:3:7: date: invalid date \"2025-02-30\": February has 28 days in 2025"
    );
}

#[test]
fn unknown_keys_suggest_the_field() {
    assert_eq!(
        error("---\ntitle: X\ndate: 1976\ntgas: [a]\n---\n"),
        "content/events/x.md:4:1: unknown field `tgas`: did you mean `tags`? (free-form data goes under `extra:`)"
    );
}

#[test]
fn end_before_date_names_the_end_line() {
    assert_eq!(
        error("---\ntitle: X\ndate: 1976\nend: 1975\n---\n"),
        "content/events/x.md:4: the event ends (1975) before it starts (1976)"
    );
}

#[test]
fn wrong_types_are_errors() {
    assert!(error("---\ntitle: {a: 1}\ndate: 1976\n---\n").starts_with("content/events/x.md:2:"));
    assert!(
        error("---\ntitle: X\ndate: 1976\ntags: 3\n---\n").starts_with("content/events/x.md:4:")
    );
}

#[test]
fn unsafe_source_urls_are_refused() {
    let message = error("---\ntitle: X\ndate: 1976\nsources: ['javascript:alert(1)']\n---\n");
    assert!(message.contains("must start with http"), "{message}");
}

#[test]
fn explicit_slugs_must_be_clean() {
    let message = error("---\ntitle: X\ndate: 1976\nslug: ../Bad\n---\n");
    assert_eq!(
        message,
        "content/events/x.md:4: slug \"../Bad\" must be lowercase ASCII letters, digits and hyphens: did you mean \"bad\"?"
    );
}

#[test]
fn body_is_for_yaml_files_only() {
    assert!(error("---\ntitle: X\ndate: 1976\nbody: hi\n---\n").contains("only for YAML files"));
}

#[test]
fn yaml_lists_hold_several_events_with_default_slugs() {
    let text = "- title: First one\n  date: 1945\n- title: Second\n  date: 1946-02\n  body: Hello *there*.\n";
    let events = parse_yaml(Path::new("content/list.yaml"), text).unwrap();
    let slugs: Vec<&str> = events.iter().map(|e| e.slug.as_str()).collect();
    assert_eq!(slugs, ["1945-first-one", "1946-02-second"]);
    assert_eq!(events[1].summary, "Hello there.");
    assert_eq!(events[1].spans.origin.line, 3);
}

#[test]
fn yaml_list_errors_name_the_item_line() {
    let text = "- title: A\n  date: 1945\n- title: B\n  date: 1946\n  end: 1900\n";
    let message = parse_yaml(Path::new("content/list.yaml"), text)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "content/list.yaml:5: the event ends (1900) before it starts (1946)"
    );
}

#[test]
fn links_resolve_lexically() {
    assert_eq!(
        resolve_link(Path::new("content/events"), "../x/./y.md"),
        PathBuf::from("content/x/y.md")
    );
}
