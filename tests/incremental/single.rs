//! Single edits, and what each renders: one event's edit only the pages
//! it touched, a later paragraph only its page and the search index, a
//! translation's edit in the editions it concerns; a broken or missing
//! cache, a full build.

use super::*;

/// The site built once into `out/site`, then edited in one event's body.
fn built_then_edited(out: &Path) -> (Site, BuildOptions) {
    let mut site = Site::new();
    let mut opts = BuildOptions::new(site.root());
    opts.output = Some(out.join("site"));
    annals::build(&opts).unwrap();
    site.apply(&Edit::Body(3));
    (site, opts)
}

#[test]
fn one_edit_renders_only_the_pages_it_touched() {
    let out = tempfile::tempdir().unwrap();
    let (site, opts) = built_then_edited(out.path());
    let report = annals::build(&opts).unwrap();
    let expected = clean_build(site.root());
    assert_same(
        &files(&out.path().join("site")),
        &expected,
        "after one edit",
    );
    let event_pages = expected.keys().filter(|p| p.starts_with("events/")).count();
    assert!(
        report.rendered < report.pages - event_pages / 2,
        "{} of {} pages rendered for one edit",
        report.rendered,
        report.pages
    );
}

#[test]
fn a_later_paragraph_renders_only_its_events_page_and_the_search_index() {
    let out = tempfile::tempdir().unwrap();
    let mut site = Site::new();
    let mut opts = BuildOptions::new(site.root());
    opts.output = Some(out.path().join("site"));
    annals::build(&opts).unwrap();
    let before = files(&out.path().join("site"));
    site.apply(&Edit::Paragraph(3));
    let report = annals::build(&opts).unwrap();
    let after = files(&out.path().join("site"));
    assert_same(&after, &clean_build(site.root()), "after a later paragraph");
    let changed: BTreeSet<&str> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes) && *path != ".annals-output")
        .map(|(path, _)| path.split('/').next().unwrap())
        .collect();
    assert_eq!(
        changed,
        BTreeSet::from(["events", "search", "search-index.js"]),
        "folders changed"
    );
    assert_eq!(report.rendered, 1, "pages rendered");
}

/// The build cache, beside the output folder.
fn cache(out: &Path) -> PathBuf {
    out.join(".site.annals-cache")
}

/// What breaks a cache's bytes; given the edited event's title, which its
/// stored events hold.
type Breakage = fn(&mut Vec<u8>, &[u8]);

#[test]
fn a_broken_or_missing_cache_gives_a_full_build_not_a_wrong_one() {
    let breakages: [(&str, Breakage); 5] = [
        ("truncated", |bytes, _| bytes.truncate(bytes.len() / 2)),
        ("emptied", |bytes, _| bytes.clear()),
        ("garbled in its header", |bytes, _| bytes[60] ^= 0x55),
        ("garbled in the edited file's events", |bytes, edited| {
            let at = bytes.windows(edited.len()).position(|w| w == edited);
            bytes[at.unwrap() + edited.len() - 2] ^= 0x55;
        }),
        ("of another format", |bytes, _| bytes[0] = b'X'),
    ];
    for (what, breakage) in breakages {
        let out = tempfile::tempdir().unwrap();
        let (site, opts) = built_then_edited(out.path());
        let mut bytes = fs::read(cache(out.path())).unwrap();
        let edited = &site.events[&site.pick(3).unwrap()].0;
        breakage(&mut bytes, edited.as_bytes());
        fs::write(cache(out.path()), bytes).unwrap();
        let report = annals::build(&opts).unwrap();
        assert_same(
            &files(&out.path().join("site")),
            &clean_build(site.root()),
            what,
        );
        assert_eq!(
            report.rendered, report.pages,
            "a full build when the cache is {what}"
        );
    }
    let out = tempfile::tempdir().unwrap();
    let (site, opts) = built_then_edited(out.path());
    fs::remove_file(cache(out.path())).unwrap();
    let report = annals::build(&opts).unwrap();
    assert_same(
        &files(&out.path().join("site")),
        &clean_build(site.root()),
        "with no cache",
    );
    assert_eq!(report.rendered, report.pages, "a full build with no cache");
}

/// A site with a Spanish edition, built once into `out/site` and served.
fn bilingual(out: &Path) -> (Site, BuildOptions, Live) {
    let mut site = Site::new();
    site.apply(&Edit::Settings);
    let mut opts = BuildOptions::new(site.root());
    opts.output = Some(out.join("site"));
    annals::build(&opts).unwrap();
    let mut live = Live::new(BuildOptions::new(site.root()));
    live.apply(&Change::Everything).unwrap();
    (site, opts, live)
}

#[test]
fn edits_to_translations_render_only_the_pages_they_touched() {
    let out = tempfile::tempdir().unwrap();
    let (mut site, opts, mut live) = bilingual(out.path());
    let second = site.pick(1).unwrap();
    let translated = second.replace(".md", ".es.md");
    let edits: [(&str, &str, Option<&str>); 5] = [
        (
            "a translation edited",
            TRANSLATION,
            Some("---\ntitle: \"Tratado de límites\"\n---\n\nFirmado en Lima y ratificado.\n"),
        ),
        (
            "a translation's later paragraph edited",
            TRANSLATION,
            Some(
                "---\ntitle: \"Tratado de límites\"\n---\n\nFirmado en Lima y ratificado.\n\nCanjeado en Quito.\n",
            ),
        ),
        (
            "a translation added",
            &translated,
            Some(
                "---\ntitle: \"Acuerdo\"\nsummary: \"Firmado tras las conversaciones.\"\n---\n\nFirmado tras [el tratado](../treaty.md).\n",
            ),
        ),
        ("an original edited beside its translation", &second, None),
        ("a translation deleted", &translated, None),
    ];
    for (what, path, text) in edits {
        match (text, path == second) {
            (Some(text), _) => site.write(path, text),
            (None, true) => {
                site.change(1, |fields| fields.3.push_str(" Ratified later."));
            }
            (None, false) => fs::remove_file(site.root().join(path)).unwrap(),
        }
        let report = annals::build(&opts).unwrap();
        let expected = clean_build(site.root());
        assert_same(
            &files(&out.path().join("site")),
            &expected,
            &format!("(build) after {what}"),
        );
        let spanish = expected
            .keys()
            .filter(|p| p.starts_with("es/events/"))
            .count();
        assert!(
            spanish > 0 && report.rendered < report.pages - spanish,
            "{what}: {} of {} pages rendered",
            report.rendered,
            report.pages
        );
        let change = Change::Content(BTreeSet::from([PathBuf::from(path)]));
        let served = live.apply(&change).unwrap();
        let served: BTreeMap<String, Vec<u8>> = served
            .pages
            .iter()
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect();
        let mut expected = expected;
        expected.remove(".annals-output");
        assert_same(&served, &expected, &format!("(serve) after {what}"));
    }
}
