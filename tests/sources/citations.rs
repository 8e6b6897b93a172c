//! data/sources.json and data/sources.bib read back as reference managers
//! read them: the CSL data schema and citeproc-py, with each date's
//! precision, era and approximation; bibtexparser with every entry and
//! field.

use super::*;

#[test]
fn csl_json_validates_against_the_csl_schema_and_renders_in_citeproc() {
    let mut sites = tools::sites();
    sites.push(("archive", archive()));
    for (name, site) in sites {
        tools::build_with_base(site.path());
        let Some(read) = tools::python("csl", &[&data(site.path(), "sources.json")]) else {
            return;
        };
        assert_eq!(read["dialect"], "Draft7Validator", "{name}");
        assert_eq!(read["errors"], json!([]), "{name}");
        let items = read["items"].as_array().unwrap();
        assert!(!items.is_empty(), "{name}");
        for item in items {
            let id = item["id"].as_str().unwrap();
            let rendered = read["rendered"][id].as_array().unwrap();
            assert_eq!(rendered.len(), 1, "{name}: {id}");
            let title = item["title"].as_str().unwrap();
            assert!(
                rendered[0].as_str().unwrap().contains(title),
                "{name}: {rendered:?}"
            );
        }
        let (cited, items) = ids(site.path(), "");
        let listed: BTreeSet<String> = items
            .iter()
            .map(|i| i["id"].as_str().unwrap().into())
            .collect();
        assert_eq!(
            cited, listed,
            "{name}: events.json cites exactly sources.json's ids"
        );
    }
}

#[test]
fn csl_dates_keep_their_precision_era_and_approximation() {
    let site = archive();
    let (_, items) = ids(site.path(), "");
    let by_title = |title: &str| {
        items
            .iter()
            .find(|i| i["title"].as_str().is_some_and(|t| t.starts_with(title)))
            .unwrap_or_else(|| panic!("no {title}"))
            .clone()
    };
    let treaty = by_title("Egyptian");
    assert_eq!(treaty["type"], "treaty");
    assert_eq!(
        treaty["issued"],
        json!({"date-parts": [[-1259]], "circa": true, "raw": "-1258~"})
    );
    let cable = by_title("Embassy cable");
    assert_eq!(cable["type"], "document");
    assert_eq!(cable["genre"], "Diplomatic cable");
    assert_eq!(
        cable["issued"],
        json!({"date-parts": [[1952, 6]], "circa": true, "raw": "1952-06~"})
    );
    let telesur = by_title("Venezuela y Rusia");
    assert_eq!(telesur["type"], "article-newspaper");
    assert_eq!(telesur["container-title"], "Telesur");
    assert_eq!(telesur["accessed"], json!({"date-parts": [[2026, 11, 30]]}));
    assert_eq!(
        telesur["custom"],
        json!({"archived": {"url": COPY, "date": "2025-05-08"}})
    );
    let communique = by_title("Joint communiqué");
    assert_eq!(
        communique["author"],
        json!([{"family": "Pérez", "given": "Carlos Andrés"}])
    );
    let (cited, spanish) = ids(site.path(), "es/");
    assert!(
        spanish
            .iter()
            .any(|i| i["title"] == "Tratado de paz egipcio-hitita, copia de Karnak")
    );
    let listed: BTreeSet<String> = spanish
        .iter()
        .map(|i| i["id"].as_str().unwrap().into())
        .collect();
    assert_eq!(
        listed, cited,
        "a secondary edition has the sources of its translated events, once"
    );
    assert_eq!((spanish.len(), items.len()), (4, 8));
}

#[test]
fn bibtex_parses_with_every_entry_and_field() {
    let site = archive();
    let Some(read) = tools::python("bibtex", &[&data(site.path(), "sources.bib")]) else {
        return;
    };
    assert_eq!(read["failed"], json!([]));
    let entries = read["entries"].as_array().unwrap();
    let (_, items) = ids(site.path(), "");
    let keys: Vec<&str> = entries.iter().map(|e| e["key"].as_str().unwrap()).collect();
    let listed: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(keys, listed, "one entry per source, in the same order");
    let telesur = &entries[keys.iter().position(|k| *k == "sb858266c1b852299").unwrap()];
    assert_eq!(telesur["type"], "article");
    assert_eq!(
        telesur["fields"],
        json!({
            "title": "Venezuela y Rusia: una relación estratégica",
            "journaltitle": "Telesur",
            "entrysubtype": "newspaper",
            "author": "Redacción",
            "date": "2025-05-07",
            "year": "2025",
            "urldate": "2026-11-30",
            "url": TELESUR,
            "eprint": COPY,
            "eprinttype": "web.archive.org"
        })
    );
    let communique = entries
        .iter()
        .find(|e| e["fields"]["title"].as_str().unwrap().starts_with("Joint"))
        .unwrap();
    assert_eq!(
        communique["fields"]["title"],
        "Joint communiqué: 50\\% more trade \\& a 'new stage' (\\#1, annex\\_2)"
    );
    assert_eq!(
        communique["fields"]["url"],
        "https://www.mid.ru/ru/foreign_policy/news/1976?lang=es&id=%7B12%7D"
    );
    let treaty = entries
        .iter()
        .find(|e| {
            e["fields"]["title"]
                .as_str()
                .unwrap()
                .starts_with("Egyptian")
        })
        .unwrap();
    assert_eq!(treaty["type"], "legislation");
    let treaty = &treaty["fields"];
    assert_eq!(treaty["date"], "-1258~");
    assert_eq!(treaty["year"], "1259 BCE");
}
