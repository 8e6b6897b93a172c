//! A fingerprint of everything a build reads, so that a build with nothing
//! changed can stop early.
//!
//! The fingerprint covers the site's inputs (`site.yaml`, `content/`,
//! `templates/`, `static/`, `i18n/`: each file's path, size and modification
//! time), the build options (not the output folder, which holds the
//! stamp), the last commit and `SOURCE_DATE_EPOCH` (which the feed's times
//! come from), and the annals executable itself. It is stored
//! in the output's marker file with the counts and warnings of the build that
//! wrote it; when a new build finds the same fingerprint there, the output
//! is already what it would write.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::BuildOptions;

/// The inputs a build reads, below the site root.
const INPUTS: [&str; 5] = ["site.yaml", "content", "templates", "static", "i18n"];

/// What the marker file records about the build that wrote an output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The inputs' fingerprint, in hex.
    pub fingerprint: String,
    /// Published events.
    pub events: usize,
    /// Pages rendered.
    pub pages: usize,
    /// The build's warnings.
    pub warnings: Vec<String>,
}

/// The fingerprint of a build's inputs, in hex.
pub fn of(opts: &BuildOptions) -> String {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    if let Ok(exe) = std::env::current_exe() {
        stat(&exe).hash(&mut hasher);
    }
    opts.base_url.hash(&mut hasher);
    format!("{:?}", opts.drafts).hash(&mut hasher);
    crate::load::history_fingerprint(&opts.root).hash(&mut hasher);
    for input in INPUTS {
        let entries: Vec<_> = WalkDir::new(opts.root.join(input))
            .sort_by_file_name()
            .into_iter()
            .collect();
        // The files are looked at on every core, and hashed in their order.
        let stats: Vec<_> = entries
            .par_iter()
            .map(|entry| entry.as_ref().ok().map(|entry| stat(entry.path())))
            .collect();
        for (entry, stat) in entries.iter().zip(stats) {
            match entry {
                Ok(entry) => {
                    entry.path().strip_prefix(&opts.root).ok().hash(&mut hasher);
                    stat.flatten().hash(&mut hasher);
                }
                Err(error) => error.to_string().hash(&mut hasher),
            }
        }
    }
    format!("{:016x}", hasher.finish())
}

/// Size, modification time and kind of a file, without following links.
fn stat(path: &Path) -> Option<(u64, u128, bool, bool)> {
    let meta = fs::symlink_metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((
        meta.len(),
        modified.as_nanos(),
        meta.is_dir(),
        meta.is_symlink(),
    ))
}

impl Stamp {
    /// The marker file's text.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "This folder is written by annals; it is replaced on every build.\nfingerprint: {}\nevents: {}\npages: {}\n",
            self.fingerprint, self.events, self.pages
        );
        for warning in &self.warnings {
            text.push_str(&format!("warning: {}\n", warning.replace('\n', " ")));
        }
        text
    }

    /// Reads a marker file's text; `None` when it holds no stamp.
    pub fn parse(text: &str) -> Option<Stamp> {
        let field = |name: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
        };
        Some(Stamp {
            fingerprint: field("fingerprint")?.to_string(),
            events: field("events")?.parse().ok()?,
            pages: field("pages")?.parse().ok()?,
            warnings: text
                .lines()
                .filter_map(|line| line.strip_prefix("warning: "))
                .map(str::to_string)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip() {
        let stamp = Stamp {
            fingerprint: "00ff".into(),
            events: 3,
            pages: 9,
            warnings: vec!["a: b".into()],
        };
        assert_eq!(Stamp::parse(&stamp.to_text()), Some(stamp));
        assert_eq!(Stamp::parse("This folder is written by annals.\n"), None);
    }

    #[test]
    fn any_input_change_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/a.md"), "x").unwrap();
        let opts = BuildOptions::new(dir.path());
        let first = of(&opts);
        assert_eq!(of(&opts), first);
        fs::write(dir.path().join("content/a.md"), "xy").unwrap();
        let second = of(&opts);
        assert_ne!(second, first);
        fs::write(dir.path().join("site.yaml"), "title: T").unwrap();
        assert_ne!(of(&opts), second);
        let mut drafts = BuildOptions::new(dir.path());
        drafts.drafts = crate::Drafts::Include;
        assert_ne!(of(&drafts), of(&opts));
    }
}
