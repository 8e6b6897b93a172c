//! Language editions in the browser: a secondary edition lists and finds
//! the events it does not translate, and its links open the default
//! edition's pages, from disk and under a subpath.

use serde_json::{Value, json};

use super::{Server, Site, file_url, node, ready};

fn reach_the_untranslated_event(base: &str) -> Value {
    let input = json!({
        "base": base,
        "edition": "es/",
        "slug": "1976-11-talks",
        "lang": "en",
        "marker": "sin traducir",
        "title": "Talks in November",
        "query": "talks",
        "translated": "1976-visit",
    });
    node("editions.mjs", &input)
}

#[test]
fn an_untranslated_event_opens_from_the_default_edition() {
    if !ready() {
        return;
    }
    let site = Site::fixture("multilingual");
    let from_disk = reach_the_untranslated_event(&file_url(&site.out));
    let page = site.out.join("events/1976-11-talks.html");
    let visit = site.out.join("events/1976-visit.html");
    let expected = [&page, &page, &visit].map(|p| p.display().to_string());
    assert_eq!(from_disk["landed"], json!(expected));
    let server = Server::start(&site.out);
    let served = reach_the_untranslated_event(&server.base);
    assert_eq!(
        served["landed"],
        json!([
            "/some-repo/events/1976-11-talks.html",
            "/some-repo/events/1976-11-talks.html",
            "/some-repo/events/1976-visit.html"
        ])
    );
}
