//! Front matter: `---` splitting, then YAML into a generic mapping, then into
//! a validated event. Errors are fine; panics are bugs.

#![no_main]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use annals::event;
use annals::front_matter;
use annals::load::{Format, SourceFile};
use libfuzzer_sys::fuzz_target;

type Mapping = BTreeMap<String, serde_json::Value>;

fuzz_target!(|text: &str| {
    let path = Path::new("content/events/fuzz.md");
    match front_matter::split(path, text) {
        Ok(split) => {
            assert!(split.body_line > split.yaml_line);
            if let Err(error) = front_matter::parse::<Mapping>(path, split.yaml, split.yaml_line) {
                let _ = error.to_string();
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    let _ = front_matter::key_line(text, "date", 1, usize::MAX);
    let file = SourceFile {
        path: PathBuf::from(path),
        text: text.to_string(),
        format: Format::Markdown,
    };
    if let Err(error) = event::parse_file(&file) {
        let _ = error.to_string();
    }
});
