//! A sitemap lists at most 50 000 URLs (sitemaps.org): past that, the
//! sitemap is split, and `sitemap.xml` is the index of the parts.

use std::fs;
use std::process::Command;

use annals::chronology::Drafts;
use annals::output::Memory;
use annals::{Chronology, Config};

use super::tools::{self, BASE};

/// The sitemaps of a build that wrote `pages`, written into a folder.
fn sitemaps(pages: usize) -> tempfile::TempDir {
    let config = Config {
        base_url: Some(BASE.into()),
        ..Config::default()
    };
    let chronology = Chronology::new(Vec::new(), &config, Drafts::Exclude).unwrap();
    let pages: Vec<String> = (0..pages).map(|n| format!("events/e{n}.html")).collect();
    let memory = Memory::default();
    annals::feed::write(&chronology, &config, &pages, &memory).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in memory.into_pages() {
        fs::write(dir.path().join(name), &bytes[..]).unwrap();
    }
    dir
}

/// What `xpath` finds in the XML file at `path`, one text per line.
fn xpath(path: &std::path::Path, xpath: &str) -> Vec<String> {
    let output = Command::new("xmllint")
        .args(["--xpath", xpath, path.to_str().unwrap()])
        .output()
        .expect("xmllint");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines().map(str::to_string).collect()
}

#[test]
fn past_fifty_thousand_urls_the_sitemap_is_an_index_of_valid_sitemaps() {
    let xsd = tools::repo().join("tests/tools/node_modules/sitemap/schema/sitemap.xsd");
    if !xsd.is_file() {
        return tools::missing("the npm package sitemap: run `npm ci` in tests/tools")
            .unwrap_or(());
    }
    if tools::run("xmllint", &["--version"], "apt-get install libxml2-utils").is_none() {
        return;
    }
    let one = sitemaps(50_000);
    assert!(
        !one.path().join("sitemap-1.xml").exists(),
        "50 000 fit in one"
    );

    let dir = sitemaps(50_001);
    let index = dir.path().join("sitemap.xml");
    let parts = xpath(
        &index,
        "/*[local-name()='sitemapindex']/*[local-name()='sitemap']/*[local-name()='loc']/text()",
    );
    assert_eq!(
        parts,
        [
            format!("{BASE}sitemap-1.xml"),
            format!("{BASE}sitemap-2.xml")
        ]
    );
    let mut urls = Vec::new();
    for number in [1, 2] {
        let part = dir.path().join(format!("sitemap-{number}.xml"));
        let args = [
            "--noout",
            "--schema",
            xsd.to_str().unwrap(),
            part.to_str().unwrap(),
        ];
        let output = tools::run("xmllint", &args, "apt-get install libxml2-utils").unwrap();
        assert!(output.status.success(), "{output:?}");
        let locs = "/*[local-name()='urlset']/*[local-name()='url']/*[local-name()='loc']/text()";
        urls.extend(xpath(&part, locs));
    }
    assert_eq!(urls.len(), 50_001);
    assert_eq!(urls[0], format!("{BASE}events/e0.html"));
    assert_eq!(urls[50_000], format!("{BASE}events/e50000.html"));
    let robots = fs::read_to_string(dir.path().join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}
