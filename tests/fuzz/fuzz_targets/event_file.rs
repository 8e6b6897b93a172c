//! Whole event files: arbitrary bytes through the loader's decoding, then
//! parsed as both a Markdown and a YAML event file. Errors are fine; panics
//! are bugs.

#![no_main]

use std::path::{Path, PathBuf};

use annals::event;
use annals::load::{self, Format, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = match load::decode(Path::new("content/events/fuzz"), bytes.to_vec()) {
        Ok(text) => text,
        Err(error) => {
            let _ = error.to_string();
            return;
        }
    };
    for (format, name) in [(Format::Markdown, "fuzz.md"), (Format::Yaml, "fuzz.yaml")] {
        let file = SourceFile {
            path: PathBuf::from("content/events").join(name),
            text: text.clone(),
            format,
        };
        match event::parse_file(&file) {
            Ok(events) => {
                for event in &events {
                    assert!(!event.slug.is_empty(), "{name}: empty slug");
                    assert!(event.end.is_none_or(|end| end >= event.date), "{name}");
                    let _ = (event.page_path(), event.latest_day(), event.dir());
                }
            }
            Err(error) => {
                let _ = error.to_string();
            }
        }
    }
});
