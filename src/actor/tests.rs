use std::path::PathBuf;

use super::*;

fn file(name: &str, text: &str) -> Text {
    Text {
        path: PathBuf::from(format!("content/actors/{name}.yaml")),
        text: text.to_string(),
    }
}

fn ussr_and_russia() -> Actors {
    Actors::read(&[
        file(
            "russia",
            "name: Russian Federation\nshort: Russia\naliases: [Russie]\nkind: state\nfrom: 1991-12-26\n",
        ),
        file(
            "ussr",
            "name: Union of Soviet Socialist Republics\nshort: USSR\naliases: [Soviet Union, СССР]\nkind: state\nfrom: 1922-12-30\nuntil: 1991-12-26\nsucceeded_by: {name: Russia, as: continuator}\nwikidata: Q15180\ntranslations: {es: {name: Unión Soviética, short: URSS}}\n",
        ),
    ])
    .unwrap()
}

#[test]
fn any_name_finds_the_actor() {
    let actors = ussr_and_russia();
    for name in [
        "USSR",
        "Soviet Union",
        "soviet union",
        "СССР",
        "URSS",
        "Unión Soviética",
    ] {
        assert_eq!(
            actors.resolve(name).map(|a| a.slug.as_str()),
            Some("ussr"),
            "{name}"
        );
    }
    assert_eq!(actors.resolve("Russia").map(|a| a.label()), Some("Russia"));
    assert!(actors.resolve("Venezuela").is_none());
}

#[test]
fn successions_are_resolved_both_ways() {
    let actors = ussr_and_russia();
    let ussr = actors.get("ussr").unwrap();
    assert_eq!(
        ussr.succeeded_by,
        [Successor {
            slug: "russia".into(),
            succession: Succession::Continuator
        }]
    );
    let before: Vec<_> = actors
        .predecessors("russia")
        .map(|(a, s)| (a.slug.as_str(), s))
        .collect();
    assert_eq!(before, [("ussr", Succession::Continuator)]);
    let line: Vec<_> = actors
        .line("russia")
        .iter()
        .map(|a| a.slug.as_str())
        .collect();
    assert_eq!(line, ["russia", "ussr"]);
}

#[test]
fn names_are_translated() {
    let es = ussr_and_russia().in_language("es");
    let ussr = es.get("ussr").unwrap();
    assert_eq!(
        (ussr.name.as_str(), ussr.label()),
        ("Unión Soviética", "URSS")
    );
    assert_eq!(es.resolve("USSR").map(|a| a.slug.as_str()), Some("ussr"));
}

fn error(files: &[Text]) -> String {
    Actors::read(files).unwrap_err().to_string()
}

#[test]
fn mistakes_are_reported_where_they_are() {
    assert_eq!(
        error(&[file(
            "ussr",
            "name: USSR\nkind: state\nsucceeded_by: [Rusia]\n"
        )]),
        "content/actors/ussr.yaml:3:16: succeeded_by: no actor is declared with the name \"Rusia\": declare it in content/actors/"
    );
    assert_eq!(
        error(&[file(
            "ussr",
            "name: USSR\nkind: state\nfrom: 1922\nuntil: 1921\n"
        )]),
        "content/actors/ussr.yaml:4: the actor ceases to exist (1921) before it begins (1922)"
    );
    assert_eq!(
        error(&[file("ussr", "name: USSR\nkind: state\nwikidata: 15180\n")]),
        "content/actors/ussr.yaml:3:11: wikidata: \"15180\" is not a Wikidata item: write its Q number, such as Q15180"
    );
    assert_eq!(
        error(&[file("USSR", "name: USSR\nkind: state\n")]),
        "content/actors/USSR.yaml: the file name is the actor's page and must be lowercase ASCII letters, digits and single hyphens: did you mean ussr.yaml?"
    );
}

#[test]
fn a_name_names_one_actor() {
    assert_eq!(
        error(&[
            file("russia", "name: Russia\nkind: state\n"),
            file(
                "ussr",
                "name: USSR\naliases: [Soviet Union, russia]\nkind: state\n"
            ),
        ]),
        "content/actors/ussr.yaml:2:25: aliases: \"russia\" already names the actor of content/actors/russia.yaml: give each actor its own names"
    );
}

#[test]
fn near_names_are_suggested() {
    assert_eq!(
        raw::nearest("Rusia", ["Russia", "USSR"].into_iter()),
        Some("Russia")
    );
    assert_eq!(raw::nearest("Venezuela", ["Russia"].into_iter()), None);
}
