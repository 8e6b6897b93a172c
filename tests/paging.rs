//! Long listings are split into pages, so no page grows without bound, and
//! every event stays reachable in order.

mod common;

use common::{attrs, build_ok, page, texts};

const EVENTS: usize = 2300;

fn big_site() -> tempfile::TempDir {
    let site = common::site(&[]);
    for i in 0..EVENTS {
        common::write(
            site.path(),
            &format!("content/e{i:05}.md"),
            &format!(
                "---\ntitle: Event {i:05}\ndate: {}\ntags: [all{}]\n---\nText.\n",
                1000 + i,
                if i % 2 == 0 { ", even" } else { "" }
            ),
        );
    }
    site
}

#[test]
fn the_index_and_large_listings_are_split_into_pages_in_order() {
    let site = big_site();
    build_ok(site.path());
    let mut titles = Vec::new();
    for (number, file) in ["index.html", "index.2.html", "index.3.html"]
        .iter()
        .enumerate()
    {
        let html = page(site.path(), file);
        let listed = texts(&html, "#browse .event-title");
        assert!(listed.len() <= 1000, "{file} lists {} events", listed.len());
        titles.extend(listed);
        let current = attrs(&html, ".pager-pages [aria-current=page]", "href");
        assert_eq!(
            current.len(),
            2,
            "{file}: the pager marks the page, top and bottom"
        );
        let labels = texts(&html, ".pager-pages li");
        assert_eq!(
            labels[..3],
            ["1000–1999", "2000–2999", "3000–3299"],
            "{file} (page {})",
            number + 1
        );
    }
    assert!(!site.path().join("public/index.4.html").exists());
    let expected: Vec<String> = (0..EVENTS).map(|i| format!("Event {i:05}")).collect();
    assert_eq!(
        titles, expected,
        "every event once, in order, across the pages"
    );
    let first = page(site.path(), "index.html");
    assert_eq!(
        texts(&first, ".axis").len(),
        1,
        "the axis is on the first page"
    );
    assert!(texts(&page(site.path(), "index.2.html"), ".axis").is_empty());

    let all = page(site.path(), "tags/all.html");
    assert_eq!(texts(&all, ".count"), [format!("{EVENTS} events")]);
    assert_eq!(texts(&all, ".event-title").len(), 1000);
    assert!(site.path().join("public/tags/all.3.html").is_file());
    assert!(!site.path().join("public/tags/all.4.html").exists());
    assert_eq!(
        texts(&page(site.path(), "tags/even.html"), ".event-title").len(),
        1000
    );
    assert_eq!(
        texts(&page(site.path(), "tags/even.2.html"), ".event-title").len(),
        150
    );

    let problems = common::broken_links(&site.path().join("public"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
