use super::*;

fn config(yaml: &str) -> Result<Config> {
    let raw = front_matter::parse(Path::new(FILE), yaml, 1)?;
    validate(raw, yaml)
}

#[test]
fn eras_are_validated() {
    let good =
        config("eras:\n  - name: Soviet era\n    start: 1945\n    end: 1991-12-26\n").unwrap();
    assert_eq!(good.eras[0].slug, "soviet-era");
    let error = config("eras:\n  - name: Backwards\n    start: 1991\n    end: 1945\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "site.yaml:2: era \"Backwards\" ends (1945) before it starts (1991)"
    );
}

#[test]
fn languages_are_checked() {
    let good = config("languages:\n  - {code: en, name: English}\n  - {code: es, name: Español, title: Cronología}\n").unwrap();
    assert_eq!(good.language, "en");
    assert_eq!(good.languages[1].title.as_deref(), Some("Cronología"));
    assert!(good.is_multilingual());
    assert_eq!(config("language: ru\n").unwrap().languages[0].code, "ru");
    let twice = config("languages:\n  - {code: es, name: A}\n  - {code: es, name: B}\n");
    assert_eq!(
        twice.unwrap_err().to_string(),
        "site.yaml:1: languages: \"es\" is listed twice"
    );
    let era = "languages: [{code: en, name: E}]\neras:\n  - name: A\n    start: 1\n    end: 2\n    translations: {fr: {name: B}}\n";
    assert_eq!(
        config(era).unwrap_err().to_string(),
        "site.yaml:3: era \"A\": translations: \"fr\" is not one of the other languages in `languages:`"
    );
}

#[test]
fn base_url_gets_a_slash_and_must_be_http() {
    let good = config("base_url: https://x.github.io/repo\n").unwrap();
    assert_eq!(good.base_url.as_deref(), Some("https://x.github.io/repo/"));
    let error = config("base_url: javascript:alert(1)\n").unwrap_err();
    assert!(error.to_string().contains("must be an absolute http"));
}

#[test]
fn page_urls_name_folders() {
    let config = config("base_url: https://x.github.io/repo\n").unwrap();
    let url = |path| config.page_url(path).unwrap();
    assert_eq!(url("index.html"), "https://x.github.io/repo/");
    assert_eq!(url("tags/index.html"), "https://x.github.io/repo/tags/");
    assert_eq!(
        url("events/a.html"),
        "https://x.github.io/repo/events/a.html"
    );
    assert_eq!(
        url("events/myindex.html"),
        "https://x.github.io/repo/events/myindex.html"
    );
    assert_eq!(Config::default().page_url("index.html"), None);
}

#[test]
fn cname_is_a_bare_domain() {
    let good = config("cname: Chronology.Example.org\n").unwrap();
    assert_eq!(good.cname.as_deref(), Some("chronology.example.org"));
    let error = config("title: X\ncname: https://example.org/\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "site.yaml:2: cname \"https://example.org/\" must be a bare domain name such as chronology.example.org (no https://, no path)"
    );
}

#[test]
fn unknown_keys_and_wrong_types_are_errors() {
    let error = config("titel: X\n").unwrap_err().to_string();
    assert!(error.contains("did you mean `title`?"), "{error}");
    let error = config("eras: 3\n").unwrap_err().to_string();
    assert!(error.starts_with("site.yaml:1:"), "{error}");
}
