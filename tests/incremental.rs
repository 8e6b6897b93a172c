//! Builds after edits are what a clean build gives: random sequences of
//! edits (an event added, deleted, renamed, redated, retagged, its body
//! rewritten; a template, a translation, site.yaml edited), and after each
//! the output of `annals build` into the same folder, and the pages of
//! `annals serve`'s in-memory site, are byte for byte those of a build into
//! a fresh folder. A broken build cache gives a full build, never a wrong
//! one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use annals::BuildOptions;
use annals::rebuild::Live;
use annals::watch::Change;
use proptest::prelude::*;

#[path = "incremental/single.rs"]
mod single;

/// One edit an editor makes.
#[derive(Debug, Clone)]
enum Edit {
    Add(u8),
    Delete(u8),
    Rename(u8),
    Redate(u8, u16),
    Retag(u8, u8),
    Body(u8),
    /// A paragraph added after the first, which gives the summary.
    Paragraph(u8),
    Template,
    Translation,
    Settings,
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any::<u8>().prop_map(Edit::Add),
        2 => any::<u8>().prop_map(Edit::Delete),
        2 => any::<u8>().prop_map(Edit::Rename),
        3 => (any::<u8>(), 1890u16..1990).prop_map(|(e, y)| Edit::Redate(e, y)),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(e, t)| Edit::Retag(e, t)),
        3 => any::<u8>().prop_map(Edit::Body),
        3 => any::<u8>().prop_map(Edit::Paragraph),
        1 => Just(Edit::Template),
        1 => Just(Edit::Translation),
        1 => Just(Edit::Settings),
    ]
}

/// The Spanish translation of the first event, while the site has a
/// Spanish edition.
const TRANSLATION: &str = "content/events/treaty.es.md";

const TAGS: [&str; 5] = ["treaty", "trade", "border", "embassy", "loan"];

/// An event file as a chronology's editor writes one.
fn event(title: &str, year: u16, tag: u8, body: &str) -> String {
    let first = TAGS[usize::from(tag) % TAGS.len()];
    let second = TAGS[usize::from(tag / 7) % TAGS.len()];
    format!(
        "---\ntitle: \"{title}\"\ndate: \"{year}-03\"\ntags: [{first}, {second}]\nactors: [Chile, Peru]\nsources:\n  - title: \"Memoria del Ministerio de Relaciones Exteriores, {year}\"\n    locator: \"leg. {tag}, f. 12\"\n---\n\n{body}\n"
    )
}

/// A site of a dozen events across two eras, with its own event template
/// and a Spanish translation of one event.
struct Site {
    dir: tempfile::TempDir,
    /// The event files, by path, with title, year, tag and body.
    events: BTreeMap<String, (String, u16, u8, String)>,
    next: u32,
    clock: SystemTime,
}

impl Site {
    fn new() -> Site {
        let mut site = Site {
            dir: tempfile::tempdir().unwrap(),
            events: BTreeMap::new(),
            next: 0,
            clock: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        };
        site.write("site.yaml", &settings(false));
        let template =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/event.html"))
                .unwrap();
        site.write("templates/event.html", &template);
        for n in 0..8u16 {
            site.add((n * 37 % 256) as u8);
        }
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file with a modification time of its own, as an editor's
    /// save a moment after the last.
    fn write(&mut self, path: &str, text: &str) {
        let path = self.root().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        self.clock += Duration::from_secs(1);
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(self.clock).unwrap();
    }

    fn add(&mut self, seed: u8) -> String {
        self.next += 1;
        let path = match self.next {
            1 => "content/events/treaty.md".to_string(),
            n => format!("content/events/{}/e{n:03}.md", 1900 + u32::from(seed) % 4),
        };
        let fields = (
            format!("Accord {}", self.next),
            1900 + u16::from(seed) % 80,
            seed,
            format!("Signed after talks on [the treaty](../treaty.md) ({seed})."),
        );
        self.events.insert(path.clone(), fields);
        self.save(&path);
        path
    }

    fn save(&mut self, path: &str) {
        let (title, year, tag, body) = self.events[path].clone();
        let body = match path.ends_with("treaty.md") {
            true => format!("The treaty of {year}."),
            false => body,
        };
        self.write(path, &event(&title, year, tag, &body));
    }

    /// The path of the `n`th event but the first (which others link to).
    fn pick(&self, n: u8) -> Option<String> {
        let others: Vec<&String> = self
            .events
            .keys()
            .filter(|p| !p.ends_with("treaty.md"))
            .collect();
        (!others.is_empty()).then(|| others[usize::from(n) % others.len()].clone())
    }

    /// Makes `edit`; returns what `serve`'s watcher would hand on.
    fn apply(&mut self, edit: &Edit) -> Change {
        let content = |paths: &[&str]| {
            Change::Content(paths.iter().map(PathBuf::from).collect::<BTreeSet<_>>())
        };
        match *edit {
            Edit::Add(seed) => {
                let path = self.add(seed);
                content(&[&path])
            }
            Edit::Delete(n) | Edit::Rename(n) => {
                let Some(path) = self.pick(n) else {
                    return Change::Everything;
                };
                let fields = self.events.remove(&path).unwrap();
                fs::remove_file(self.root().join(&path)).unwrap();
                if let Edit::Rename(_) = edit {
                    let to = path.replace(".md", "-renamed.md");
                    self.events.insert(to.clone(), fields);
                    self.save(&to);
                    return content(&[&path, &to]);
                }
                content(&[&path])
            }
            Edit::Redate(n, year) => self.change(n, |fields| fields.1 = year),
            Edit::Retag(n, tag) => self.change(n, |fields| fields.2 = tag),
            Edit::Body(n) => self.change(n, |fields| fields.3.push_str(" Ratified later.")),
            Edit::Paragraph(n) => self.change(n, |fields| {
                fields.3.push_str("\n\nRatified in 1931 by Congress.")
            }),
            Edit::Template => {
                let path = self.root().join("templates/event.html");
                let text = fs::read_to_string(&path).unwrap();
                self.write("templates/event.html", &format!("{text}\n<!-- revised -->"));
                Change::Everything
            }
            Edit::Translation => {
                let Ok(text) = fs::read_to_string(self.root().join(TRANSLATION)) else {
                    return Change::Everything;
                };
                self.write(TRANSLATION, &format!("{text}Ratificado.\n"));
                content(&[TRANSLATION])
            }
            Edit::Settings => {
                let text = fs::read_to_string(self.root().join("site.yaml")).unwrap();
                let spanish = !text.contains("languages");
                self.write("site.yaml", &settings(spanish));
                match spanish {
                    true => self.write(
                        TRANSLATION,
                        "---\ntitle: \"Tratado de límites\"\n---\n\nFirmado en Lima.\n",
                    ),
                    false => fs::remove_file(self.root().join(TRANSLATION)).unwrap(),
                }
                Change::Everything
            }
        }
    }

    fn change(&mut self, n: u8, edit: impl FnOnce(&mut (String, u16, u8, String))) -> Change {
        let Some(path) = self.pick(n) else {
            return Change::Everything;
        };
        edit(self.events.get_mut(&path).unwrap());
        self.save(&path);
        Change::Content(BTreeSet::from([PathBuf::from(path)]))
    }
}

/// site.yaml, with a Spanish edition or without.
fn settings(spanish: bool) -> String {
    let languages = match spanish {
        true => "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n",
        false => "",
    };
    format!(
        "title: Chile and Peru\nbase_url: \"https://example.org/chronology/\"\ncname: example.org\neras:\n  - {{name: Before the war, start: \"1890\", end: \"1929\"}}\n  - {{name: After, start: \"1930\", end: \"1990\"}}\n{languages}"
    )
}

/// Every file of a folder, by path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(dir).unwrap();
            (
                path.to_string_lossy().into_owned(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

/// Asserts two sets of files are the same, naming the first that is not.
fn assert_same(
    actual: &BTreeMap<String, Vec<u8>>,
    expected: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let paths: BTreeSet<&String> = actual.keys().chain(expected.keys()).collect();
    for path in paths {
        let text = |files: &BTreeMap<String, Vec<u8>>| {
            files
                .get(path)
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        assert_eq!(text(actual), text(expected), "{path} {what}");
    }
}

/// A build of the site into a fresh folder: what every build must give.
fn clean_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let mut opts = BuildOptions::new(root);
    opts.output = Some(out.path().join("site"));
    annals::build(&opts).unwrap();
    files(&out.path().join("site"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn builds_and_serve_after_edits_equal_clean_builds(steps in prop::collection::vec(edits(), 1..5)) {
        let mut site = Site::new();
        let out = tempfile::tempdir().unwrap();
        let mut opts = BuildOptions::new(site.root());
        opts.output = Some(out.path().join("site"));
        annals::build(&opts).unwrap();
        let mut live = Live::new(BuildOptions::new(site.root()));
        live.apply(&Change::Everything).unwrap();
        for (step, edit) in steps.iter().enumerate() {
            let change = site.apply(edit);
            let what = format!("after {:?}", &steps[..=step]);
            annals::build(&opts).unwrap();
            let expected = clean_build(site.root());
            assert_same(&files(&out.path().join("site")), &expected, &format!("(build) {what}"));
            let served = live.apply(&change).unwrap();
            let served: BTreeMap<String, Vec<u8>> = served.pages.iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
            let mut expected = expected;
            expected.remove(".annals-output");
            assert_same(&served, &expected, &format!("(serve) {what}"));
        }
    }
}
