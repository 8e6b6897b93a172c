//! Stable links: aliases write redirect pages at old addresses, and an alias
//! that takes another page's address is an error.

mod common;

fn event(title: &str, aliases: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: \"1945\"\naliases: {aliases}\n---\n\nBody.\n")
}

#[test]
fn aliases_redirect_from_old_addresses_with_relative_links() {
    let site = common::site(&[(
        "content/events/new-name.md",
        &event("Renamed", "[old-name, archive/1945/relations.html, old/]"),
    )]);
    common::build_ok(site.path());
    for (alias, href) in [
        ("events/old-name.html", "new-name.html"),
        ("archive/1945/relations.html", "../../events/new-name.html"),
        ("old/index.html", "../events/new-name.html"),
    ] {
        let page = common::page(site.path(), alias);
        assert_eq!(
            common::attrs(&page, "link[rel=canonical]", "href"),
            [href],
            "{alias}"
        );
        assert_eq!(
            common::attrs(&page, "meta[http-equiv=refresh]", "content"),
            [format!("0; url={href}")],
            "{alias}"
        );
        assert_eq!(common::attrs(&page, "a", "href"), [href], "{alias}");
    }
    let output = site.path().join("public");
    assert_eq!(common::broken_links(&output), Vec::<String>::new());
}

#[test]
fn an_alias_taking_a_pages_address_names_both_files() {
    let site = common::site(&[
        ("content/events/taken.md", &event("Taken", "[]")),
        ("content/events/thief.md", &event("Thief", "[taken]")),
    ]);
    let error = common::build(site.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        "content/events/thief.md:4: alias events/taken.html is already the page of content/events/taken.md: remove one of them"
    );
}

#[test]
fn two_aliases_at_one_address_name_both_files() {
    let site = common::site(&[
        ("content/events/a.md", &event("A", "[old]")),
        ("content/events/b.md", &event("B", "[events/old.html]")),
    ]);
    let error = annals::check(&annals::BuildOptions::new(site.path()))
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "content/events/b.md:4: alias events/old.html is already an alias of content/events/a.md: remove one of them"
    );
}

#[test]
fn aliases_that_leave_the_site_are_refused() {
    let site = common::site(&[("content/events/a.md", &event("A", "[../../etc/x.html]"))]);
    let error = common::build(site.path()).unwrap_err().to_string();
    assert!(
        error.starts_with("content/events/a.md:4: alias \"../../etc/x.html\""),
        "{error}"
    );
}
