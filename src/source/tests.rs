use super::*;
use crate::event::parse_file;
use crate::load::{Format, SourceFile};

fn sources(yaml: &str) -> Vec<Source> {
    let file = SourceFile {
        path: "content/x.yaml".into(),
        text: format!("title: A\ndate: 1976\nsources:\n{yaml}"),
        format: Format::Yaml,
    };
    parse_file(&file).unwrap().remove(0).sources
}

fn error(yaml: &str) -> String {
    let file = SourceFile {
        path: "content/x.yaml".into(),
        text: format!("title: A\ndate: 1976\nsources:\n{yaml}"),
        format: Format::Yaml,
    };
    parse_file(&file).unwrap_err().to_string()
}

#[test]
fn strings_are_links_or_citations() {
    let found = sources(
        "  - \"Embassy Cable, file 1980/990, folio 242\"\n  - https://www.telesurtv.net/news/x\n",
    );
    assert_eq!(
        found[0].title.as_deref(),
        Some("Embassy Cable, file 1980/990, folio 242")
    );
    assert_eq!(found[0].url, None);
    assert_eq!(
        found[1].url.as_deref(),
        Some("https://www.telesurtv.net/news/x")
    );
    assert_eq!(found[1].title, None);
}

#[test]
fn every_field_of_a_mapping_is_read() {
    let found = sources(
        "  - title: \"Venezuela y Rusia: una relación estratégica\"\n    url: https://www.telesurtv.net/news/venezuela-rusia\n    publisher: Telesur\n    author: [Redacción, \"Pérez, Ana\"]\n    date: 2025-05-07\n    circa: true\n    accessed: 2026-11-30\n    archived: https://web.archive.org/web/20250508000000/https://www.telesurtv.net/news/venezuela-rusia\n    locator: 4\n    kind: article\n",
    );
    let source = &found[0];
    assert_eq!(source.publisher.as_deref(), Some("Telesur"));
    assert_eq!(source.authors, ["Redacción", "Pérez, Ana"]);
    assert_eq!(
        source.date.map(|d| d.to_string()).as_deref(),
        Some("2025-05-07")
    );
    assert!(source.circa);
    assert_eq!(
        source.accessed.map(|d| d.to_string()).as_deref(),
        Some("2026-11-30")
    );
    let archived = source.archived.as_ref().unwrap();
    assert_eq!(
        archived.date.map(|d| d.to_string()).as_deref(),
        Some("2025-05-08")
    );
    assert_eq!(source.locator.as_deref(), Some("4"));
    assert_eq!(source.kind, Some(Kind::Article));
    let one = sources("  - {title: T, author: Redacción}\n");
    assert_eq!(one[0].authors, ["Redacción"]);
}

#[test]
fn one_source_has_one_id_however_it_is_cited() {
    let found = sources(
        "  - https://WWW.telesurtv.net\n  - {title: Other title, url: \"https://www.telesurtv.net/\", locator: p. 4}\n  - {title: \"Archivo,  legajo 12\", publisher: AGN, date: 1950}\n  - {title: \"Archivo, legajo 12\", publisher: AGN, date: 1950, locator: folio 3}\n  - {title: \"Archivo, legajo 12\", publisher: AGN, date: 1951}\n  - \"Archivo, legajo 12\"\n",
    );
    let ids: Vec<String> = found.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(ids[0], ids[1], "the same normalised URL");
    assert_eq!(ids[2], ids[3], "the same title, publisher and date");
    assert_ne!(ids[3], ids[4], "another date");
    assert_ne!(ids[3], ids[5], "no publisher");
    assert!(ids.iter().all(|id| id.len() == 17 && id.starts_with('s')));
    assert_eq!(
        ids[0], "s56f390388ffe7e7c",
        "stable across builds and versions"
    );
}

#[test]
fn mistakes_in_a_source_are_placed_at_their_value() {
    assert_eq!(
        error("  - {title: T, url: \"https://exa mple.org/\"}\n"),
        "content/x.yaml:4:22: source URL \"https://exa mple.org/\" is not a valid URL: its host name is not a valid domain name (no spaces or symbols)"
    );
    assert_eq!(
        error("  - title: T\n    archived: ftp://web.archive.org/x\n"),
        "content/x.yaml:5:15: archived URL \"ftp://web.archive.org/x\" must start with http:// or https://"
    );
    assert_eq!(
        error("  - title: T\n    kind: telegram\n"),
        "content/x.yaml:5:11: unknown source kind `telegram`: expected one of `article`, `magazine`, `journal`, `document`, `cable`, `letter`, `memorandum`, `treaty`, `law`, `book`, `chapter`, `report`, `thesis`, `web`, `interview`, `speech`, `broadcast`, `video`, `map`, `photograph`, `manuscript`, `dataset`"
    );
    assert_eq!(
        error("  - \"  \"\n"),
        "content/x.yaml:3: a source is empty: write a URL or a citation"
    );
}

#[test]
fn unknown_keys_suggest_the_nearest() {
    assert_eq!(
        error("  - title: T\n    archvied: https://web.archive.org/web/2020/x\n"),
        "content/x.yaml:5:5: sources[0]: unknown field `archvied`: did you mean `archived`?"
    );
}

#[test]
fn search_text_holds_what_a_reader_would_search_for() {
    let found = sources(
        "  - {title: Cable 242, publisher: Embassy, author: [A. Smith], locator: folio 9}\n",
    );
    assert_eq!(found[0].search_text(), "Cable 242 A. Smith Embassy folio 9");
}
