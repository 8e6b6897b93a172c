use std::path::PathBuf;

use super::*;

fn file(name: &str, text: &str) -> Text {
    Text {
        path: PathBuf::from(format!("content/pages/{name}")),
        text: text.to_string(),
    }
}

fn config() -> Config {
    let yaml = "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n";
    Config::parse(yaml).unwrap()
}

#[test]
fn pages_are_in_declared_order_then_by_name() {
    let pages = read_all(
        &[
            file("zeta.md", "---\ntitle: Zeta\n---\n"),
            file("method.md", "---\ntitle: Method\norder: 2\n---\n"),
            file(
                "about.md",
                "---\ntitle: About\norder: 1\n---\nWhat it covers.\n",
            ),
            file("alpha.md", "---\ntitle: Alpha\n---\n"),
        ],
        &config(),
    )
    .unwrap();
    let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["about", "method", "alpha", "zeta"]);
}

#[test]
fn translations_replace_the_text_and_the_rest_is_marked() {
    let pages = read_all(
        &[
            file("about.md", "---\ntitle: About\n---\nEnglish.\n"),
            file("about.es.md", "---\ntitle: Acerca de\n---\nEspañol.\n"),
        ],
        &config(),
    )
    .unwrap();
    let es = pages[0].in_language("es", "en");
    assert_eq!(
        (es.text.title.as_str(), es.text.body.as_str()),
        ("Acerca de", "Español.\n")
    );
    assert_eq!(es.shown_in, None);
    let ru = pages[0].in_language("ru", "en");
    assert_eq!(ru.shown_in.as_deref(), Some("en"));
}

#[test]
fn mistakes_name_the_file() {
    let error = |files: &[Text]| read_all(files, &config()).unwrap_err().to_string();
    assert_eq!(
        error(&[file("About.md", "---\ntitle: About\n---\n")]),
        "content/pages/About.md: the file name is the page's address and must be lowercase ASCII letters, digits and single hyphens: did you mean about.md?"
    );
    assert_eq!(
        error(&[file("about.es.md", "---\ntitle: Acerca de\n---\n")]),
        "content/pages/about.es.md: this translates content/pages/about.md, which does not exist: name it after the page it translates"
    );
    assert_eq!(
        error(&[
            file("about.md", "---\ntitle: About\n---\n"),
            file("about.es.md", "---\ntitle: Acerca de\norder: 3\n---\n"),
        ]),
        "content/pages/about.es.md:3: `order` belongs to the original page: a translation sets only `title`, `description` and the body"
    );
    assert_eq!(
        error(&[file("about.md", "---\ntitle: About\ndate: 2025\n---\n")]),
        "content/pages/about.md:3:1: a page has no date: an event with a date goes in content/events/"
    );
    assert_eq!(
        error(&[file("about.md", "---\ntitle: About\nordre: 1\n---\n")]),
        "content/pages/about.md:3:1: unknown field `ordre`: did you mean `order`?"
    );
}
