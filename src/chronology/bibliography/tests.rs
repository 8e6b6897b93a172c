use super::*;
use crate::chronology::Drafts;
use crate::config::Config;
use crate::event::parse_file;
use crate::load::{Format, SourceFile};

fn chronology(yaml: &str) -> Chronology {
    let file = SourceFile {
        path: "content/x.yaml".into(),
        text: yaml.to_string(),
        format: Format::Yaml,
    };
    let events = parse_file(&file).unwrap();
    Chronology::new(events, &Config::default(), Drafts::Exclude).unwrap()
}

const EVENTS: &str = "\
- title: Rupture
  date: 1952
  sources:
    - {title: \"Informe, legajo 4\", publisher: Cancillería, locator: folio 9}
    - https://www.telesurtv.net/
- title: Relations
  date: 1945-03-14
  sources:
    - {title: \"Informe, legajo 4\", publisher: Cancillería, date: 1945, locator: folio 2}
    - {title: Venezuela y Rusia, url: \"https://www.telesurtv.net\", author: Redacción}
- title: Visit
  date: 1976
  sources:
    - \"Archivo General de la Nación, legajo 12\"
    - {title: \"Informe, legajo 4\", publisher: Cancillería, locator: folio 30}
";

#[test]
fn one_source_cited_by_several_events_is_one_entry() {
    let chronology = chronology(EVENTS);
    let bibliography = Bibliography::of(&chronology);
    let labels: Vec<&str> = bibliography
        .entries
        .iter()
        .map(|e| e.source.label())
        .collect();
    assert_eq!(
        labels,
        [
            "Archivo General de la Nación, legajo 12",
            "Informe, legajo 4",
            "Informe, legajo 4",
            "Venezuela y Rusia"
        ],
        "sorted by author, else title, then date"
    );
    let telesur = &bibliography.entries[3];
    assert_eq!(telesur.source.authors, ["Redacción"]);
    let citing: Vec<(usize, usize)> = telesur
        .citations
        .iter()
        .map(|c| (c.event, c.number))
        .collect();
    assert_eq!(
        citing,
        [(0, 2), (1, 2)],
        "in chronological order, with their numbers"
    );
    let undated = &bibliography.entries[1];
    assert_eq!(undated.source.date, None);
    let locators: Vec<Option<&str>> = undated.citations.iter().map(|c| c.locator).collect();
    assert_eq!(
        locators,
        [Some("folio 9"), Some("folio 30")],
        "locators stay with their citations"
    );
    assert_eq!(bibliography.pages, 1);
}

#[test]
fn later_citations_fill_in_what_earlier_ones_left_out() {
    let chronology = chronology(
        "- {title: A, date: 1945, sources: [\"https://x.org/a\"]}\n\
         - {title: B, date: 1946, sources: [{url: \"https://x.org/a\", title: The page, publisher: X}]}\n\
         - {title: C, date: 1947, sources: [{url: \"https://x.org/a\", title: Another title}]}\n",
    );
    let bibliography = Bibliography::of(&chronology);
    assert_eq!(bibliography.entries.len(), 1);
    let source = &bibliography.entries[0].source;
    assert_eq!(source.title.as_deref(), Some("The page"));
    assert_eq!(source.publisher.as_deref(), Some("X"));
}

#[test]
fn long_bibliographies_are_paged_and_every_source_found() {
    let yaml: String = (0..PAGE_LINES)
        .map(|i| {
            format!(
                "- {{title: E{i}, date: 1900, slug: e{i}, sources: [\"Archivo, legajo {i:05}\"]}}\n"
            )
        })
        .collect();
    let chronology = chronology(&yaml);
    let bibliography = Bibliography::of(&chronology);
    assert_eq!(bibliography.pages, 2);
    assert_eq!(bibliography.page(1).len(), PAGE_LINES / 2);
    assert_eq!(
        bibliography.page(1).len() + bibliography.page(2).len(),
        PAGE_LINES
    );
    let last = &bibliography.entries[PAGE_LINES - 1];
    assert_eq!(bibliography.get(last.source.id).map(|e| e.page), Some(2));
    assert!(bibliography.page(3).is_empty());
}
