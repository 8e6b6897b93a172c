//! Every way a body's link or image can be wrong, as the editor reads it:
//! the file, line and column, what is missing, and the likely fix. The
//! previous output is left as it was (see `common::break_site`).

mod common;

use common::break_site;

/// An event of `content/events/bad.md` whose body starts on line 5.
fn bad(body: &str) -> (&'static str, String) {
    (
        "content/events/bad.md",
        format!("---\ntitle: Bad\ndate: 1919\n---\n{body}"),
    )
}

const HALL: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n";

const VISITS: &str = "- title: State visit to France\n  date: 1976-05\n- title: Return visit to Caracas\n  date: 1977-11\n";

fn broken(body: &str, also: &[(&str, &str)]) -> String {
    let (path, text) = bad(body);
    let mut files = vec![(path, text.as_str())];
    files.extend_from_slice(also);
    break_site(&files)
}

#[test]
fn a_missing_event_file_suggests_the_nearest() {
    assert_eq!(
        broken(
            "Intro.\n\nSee [the rupture](1952-rupture.md).\n",
            &[(
                "content/events/1952-ruptura.md",
                "---\ntitle: R\ndate: 1952\n---\n"
            )]
        ),
        "content/events/bad.md:7:5: link to \"1952-rupture.md\": no such event file; did you mean \"1952-ruptura.md\"?"
    );
    assert_eq!(
        broken(
            "[Olga](0957-olga-visit.yml)\n",
            &[(
                "content/old/0957-olga-visit.yaml",
                "title: Olga\ndate: \"0957\"\n"
            )]
        ),
        "content/events/bad.md:5:1: link to \"0957-olga-visit.yml\": no such event file; did you mean \"../old/0957-olga-visit.yaml\"?"
    );
}

#[test]
fn a_yaml_list_is_linked_entry_by_entry() {
    let visits = [("content/events/visits.yaml", VISITS)];
    assert_eq!(
        broken("The [visit](visits.yaml).\n", &visits),
        "content/events/bad.md:5:5: link to \"visits.yaml\": the file holds 2 events: add #slug to say which (#1976-05-state-visit-to-france, #1977-11-return-visit-to-caracas)"
    );
    assert_eq!(
        broken(
            "The [visit](visits.yaml#1976-state-visit-to-france).\n",
            &visits
        ),
        "content/events/bad.md:5:5: link to \"visits.yaml#1976-state-visit-to-france\": the file holds no event with the slug \"1976-state-visit-to-france\"; did you mean \"#1976-05-state-visit-to-france\"?"
    );
}

#[test]
fn a_missing_file_or_image_suggests_the_nearest() {
    assert_eq!(
        broken(
            "![The hall](versailles-hal.svg)\n",
            &[("content/events/versailles-hall.svg", HALL)]
        ),
        "content/events/bad.md:5:1: link to \"versailles-hal.svg\": no such file (content/events/versailles-hal.svg); did you mean \"versailles-hall.svg\"?"
    );
    assert_eq!(
        broken(
            "Scan:\n\n<p>\n  <img alt=\"Page 1\" src=\"scans/Letter.PDF\">\n</p>\n",
            &[("content/events/scans/letter.pdf", "%PDF-1.4\n")]
        ),
        "content/events/bad.md:8:26: link to \"scans/Letter.PDF\": no such file (content/events/scans/Letter.PDF); did you mean \"scans/letter.pdf\"?"
    );
    assert_eq!(
        broken("[A photo](1976/visit.jpg)\n", &[]),
        "content/events/bad.md:5:1: link to \"1976/visit.jpg\": no such file (content/events/1976/visit.jpg)"
    );
}

#[test]
fn a_missing_local_page_suggests_the_nearest() {
    let treaty = (
        "content/events/treaty.md",
        "---\ntitle: T\ndate: 1919\ntags: [treaty]\n---\n",
    );
    assert_eq!(
        broken("All [treaties](../tags/treaties.html).\n", &[treaty]),
        "content/events/bad.md:5:5: link to \"../tags/treaties.html\": no such file (content/tags/treaties.html) or page (tags/treaties.html); did you mean \"../tags/treaty.html\"?"
    );
}

#[test]
fn a_path_from_the_site_root_is_refused_unless_a_file_answers_it() {
    assert_eq!(
        broken("![Seal](/img/seal.svg)\n", &[]),
        "content/events/bad.md:5:1: link to \"/img/seal.svg\": a path from the site root works only when the site is served at a domain's root: it breaks when the site is opened from disk or served under a subpath (as GitHub Pages serves a project, at /<repository>/), and neither static/img/seal.svg nor content/img/seal.svg exists to link to instead: write the path relative to this file"
    );
}

#[test]
fn links_out_of_content_and_to_editor_files_are_refused() {
    assert_eq!(
        broken(
            "![Seal](../../static/img/seal.svg)\n",
            &[("static/img/seal.svg", HALL)]
        ),
        "content/events/bad.md:5:1: link to \"../../static/img/seal.svg\": it leads out of content/: keep the file beside the event, or name a file of static/ by its path there from the site root (static/img/seal.svg as /img/seal.svg)"
    );
    assert_eq!(
        broken(
            "![draft](.hall.svg)\n",
            &[("content/events/.hall.svg", HALL)]
        ),
        "content/events/bad.md:5:1: link to \".hall.svg\": .hall.svg is a hidden or editor file, which is never published: rename it"
    );
}

#[test]
fn urls_that_are_not_valid_are_refused() {
    assert_eq!(
        broken("[archive](https://archive.org:99999/details/x)\n", &[]),
        "content/events/bad.md:5:1: link to \"https://archive.org:99999/details/x\": not a valid URL (invalid port number)"
    );
    assert_eq!(
        broken("<img alt=\"x\" src=\"//cdn.example.org/x.png\">\n", &[]),
        "content/events/bad.md:5:19: link to \"//cdn.example.org/x.png\": not a valid URL (it starts with //, so it takes the scheme of the page, which is file: when the site is opened from disk: write https:// instead)"
    );
}

#[test]
fn a_yaml_body_gives_the_line_and_every_bad_link_is_reported() {
    let yaml = "title: Olga\ndate: \"0957\"\nbody: |\n  Received in the Magnaura.\n\n  ![Seal](seal.svg) and [the treaty](versailles.md).\n";
    assert_eq!(
        break_site(&[("content/events/olga.yaml", yaml)]),
        "content/events/olga.yaml:6: link to \"versailles.md\": no such event file"
    );
    let both = "---\ntitle: Bad\ndate: 1919\n---\n[a](a.md) [b](b.md)\n";
    assert_eq!(
        break_site(&[("content/events/bad.md", both)]),
        "content/events/bad.md:5:1: link to \"a.md\": no such event file\ncontent/events/bad.md:5:11: link to \"b.md\": no such event file"
    );
}
