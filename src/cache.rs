//! What the last build was made from, kept beside its output, so that the
//! next `annals build` re-parses and re-renders only what changed.
//!
//! The cache is one file beside the output folder (`.public.annals-cache`
//! for `public/`), never inside it, so it is not published. It holds the
//! output marker's fingerprint (the cache describes that output and no
//! other), a digest of everything but the content files (settings,
//! templates, interface strings, the static and other files, the build
//! options, annals itself), the files the render wrote, each content
//! file's digest with what it parsed into or, when that is not known, its
//! text (an unchanged file is not parsed again, and the previous build's
//! model is made from what the changed ones were, to tell which pages an
//! edit touched),
//! and the terms of each edition's search index, which an edit patches.
//!
//! Anything unexpected (no cache, another format or annals, a digest that
//! does not match, a truncated file) reads as no cache, and the build is a
//! full one: a cache can make a build faster, never different.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Seek, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::BuildOptions;
use crate::load::Sources;
use crate::search::Terms;

/// The first line of a cache file: its format.
const FORMAT: &str = "annals build cache 4";

/// What the cache says about the build that wrote the output.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Header {
    /// The annals that wrote it.
    tool: String,
    /// The fingerprint in the marker of the output it describes.
    pub(crate) fingerprint: String,
    /// The digest of everything the build read but the content files.
    pub(crate) settings: u64,
    /// Every file the render wrote (pages, feeds, exports), not the static
    /// files.
    pub(crate) written: BTreeSet<String>,
    /// Each content file, in the order their texts follow.
    files: Vec<Stored>,
    /// Each edition's folder with the digest and length of its search
    /// index's terms, in the order they follow the texts.
    terms: Vec<(String, u64, u64)>,
}

/// A content file in the cache: the digest of its text, and the digest
/// and length of what it parsed into or else the length of its text.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    path: PathBuf,
    digest: u64,
    parsed: Option<(u64, u64)>,
    text: Option<u64>,
}

/// A content file as [`write`] stores it.
pub(crate) struct File<'a> {
    pub(crate) path: &'a Path,
    /// Its text's [`digest`].
    pub(crate) digest: u64,
    /// What it parsed into, as bytes, when known.
    pub(crate) parsed: Option<Vec<u8>>,
    /// Its text, stored when what it parsed into is not known.
    pub(crate) text: Option<&'a str>,
}

/// Where a piece of the cache file is: its offset, length and digest.
type Place = (u64, u64, u64);

/// A cache, read: its header, and where each text and terms are.
pub(crate) struct Cache {
    pub(crate) header: Header,
    file: fs::File,
    texts: HashMap<PathBuf, (u64, Option<Place>, Option<Place>)>,
    terms: BTreeMap<String, Place>,
}

/// The cache of the output folder `output`.
pub(crate) fn path_of(output: &Path) -> PathBuf {
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let name = output.file_name().unwrap_or_default().to_string_lossy();
    let parent = output.parent().unwrap_or(Path::new("/"));
    parent.join(format!(".{name}.annals-cache"))
}

/// The digest of a text.
pub(crate) fn digest(text: &str) -> u64 {
    bytes_digest(text.as_bytes())
}

/// Which annals this is: its version and its executable's size and time.
fn tool() -> String {
    let exe = std::env::current_exe().ok();
    let meta = exe.and_then(|exe| fs::metadata(exe).ok());
    let time = meta
        .as_ref()
        .and_then(|meta| meta.modified().ok()?.duration_since(UNIX_EPOCH).ok());
    let size = meta.map(|meta| meta.len());
    format!(
        "{} {size:?} {time:?}",
        env!("CARGO_PKG_VERSION"),
        time = time.map(|t| t.as_nanos())
    )
}

/// The digest of everything a build of `sources` reads but the event
/// files' texts (actor declarations and pages included, and the history
/// and source date that times come from): if it changed, every page may
/// have.
pub(crate) fn settings(sources: &Sources, opts: &BuildOptions) -> u64 {
    let mut hasher = DefaultHasher::new();
    (&opts.base_url, format!("{:?}", opts.drafts)).hash(&mut hasher);
    sources
        .site
        .as_ref()
        .map(|site| &site.text)
        .hash(&mut hasher);
    for (name, text) in &sources.templates {
        (name, &text.text).hash(&mut hasher);
    }
    for (code, text) in &sources.strings {
        (code, &text.text).hash(&mut hasher);
    }
    for text in sources.actors.iter().chain(&sources.pages) {
        (&text.path, &text.text).hash(&mut hasher);
    }
    sources.statics.hash(&mut hasher);
    // The feed's and events' times come from the history and the source
    // date, which both models of an incremental build would read alike.
    let changes = &sources.changes;
    changes.source_date.hash(&mut hasher);
    let mut commits: Vec<_> = changes.commits.iter().collect();
    commits.sort();
    commits.hash(&mut hasher);
    for path in &sources.others {
        (path, stat(&sources.root.join(path))).hash(&mut hasher);
    }
    hasher.finish()
}

/// A file's size and modification time, without following links.
fn stat(path: &Path) -> Option<(u64, u128)> {
    let meta = fs::symlink_metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((meta.len(), modified.as_nanos()))
}

impl Cache {
    /// The cache of `output`, if there is a usable one.
    pub(crate) fn read(output: &Path) -> Option<Cache> {
        let mut reader = BufReader::new(fs::File::open(path_of(output)).ok()?);
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        (line.trim_end() == FORMAT).then_some(())?;
        line.clear();
        reader.read_line(&mut line).ok()?;
        let (length, sum) = line.trim_end().split_once(' ')?;
        let mut header = vec![0; length.parse().ok()?];
        reader.read_exact(&mut header).ok()?;
        let header = String::from_utf8(header).ok()?;
        (format!("{:016x}", digest(&header)) == sum).then_some(())?;
        let header: Header = serde_json::from_str(&header).ok()?;
        (header.tool == tool()).then_some(())?;
        let mut offset = reader.stream_position().ok()?;
        let mut texts = HashMap::with_capacity(header.files.len());
        for stored in &header.files {
            let mut place = |piece: Option<(u64, u64)>| {
                let (sum, length) = piece?;
                let at = offset;
                offset = offset.checked_add(length)?;
                Some((at, length, sum))
            };
            let parsed = place(stored.parsed);
            let text = place(stored.text.map(|length| (stored.digest, length)));
            texts.insert(stored.path.clone(), (stored.digest, parsed, text));
        }
        let mut terms = BTreeMap::new();
        for (prefix, sum, length) in &header.terms {
            terms.insert(prefix.clone(), (offset, *length, *sum));
            offset = offset.checked_add(*length)?;
        }
        let file = reader.into_inner();
        (file.metadata().ok()?.len() == offset).then_some(())?;
        Some(Cache {
            header,
            file,
            texts,
            terms,
        })
    }

    /// The digest of the content file at `path` as the build read it.
    pub(crate) fn digest_of(&self, path: &Path) -> Option<u64> {
        self.texts.get(path).map(|&(sum, _, _)| sum)
    }

    /// The content files the build read, in the order it read them.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &Path> {
        self.header.files.iter().map(|stored| stored.path.as_path())
    }

    /// The text of the content file at `path` as the build read it, when
    /// the cache holds it; `None` when it is not there or not what its
    /// digest says.
    pub(crate) fn text(&self, path: &Path) -> Option<String> {
        let (_, _, Some(place)) = self.texts.get(path)? else {
            return None;
        };
        let text = String::from_utf8(self.bytes(place)?).ok()?;
        (digest(&text) == place.2).then_some(text)
    }

    /// What the content file at `path` parsed into, as [`write`] was given
    /// it, when the cache holds it and it is what its digest says.
    pub(crate) fn parsed(&self, path: &Path) -> Option<Vec<u8>> {
        let (_, Some(place), _) = self.texts.get(path)? else {
            return None;
        };
        self.checked(place)
    }

    /// The terms of the search index of the edition in the folder
    /// `prefix`, as the build left them; `None` when they are not there or
    /// not what their digest says.
    pub(crate) fn terms(&self, prefix: &str) -> Option<Terms> {
        Terms::from_bytes(&self.terms_bytes(prefix)?)
    }

    /// [`Cache::terms`], as the bytes [`write`] was given.
    pub(crate) fn terms_bytes(&self, prefix: &str) -> Option<Vec<u8>> {
        self.checked(self.terms.get(prefix)?)
    }

    /// The bytes at `place`, when they are what its digest says.
    fn checked(&self, place: &Place) -> Option<Vec<u8>> {
        let bytes = self.bytes(place)?;
        (bytes_digest(&bytes) == place.2).then_some(bytes)
    }

    /// The bytes at `(offset, length, _)` of the cache file: read at
    /// their offset, so that threads may read at once.
    fn bytes(&self, &(offset, length, _): &Place) -> Option<Vec<u8>> {
        let mut bytes = vec![0; usize::try_from(length).ok()?];
        self.file.read_exact_at(&mut bytes, offset).ok()?;
        Some(bytes)
    }
}

/// The digest of some bytes.
fn bytes_digest(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Writes the cache of `output`: the build of `fingerprint` and `settings`
/// wrote `written` from the content `files`, and the search index of each
/// edition's folder from its `terms`. A cache that cannot be written is
/// removed: the next build is then a full one.
pub(crate) fn write(
    output: &Path,
    fingerprint: &str,
    settings: u64,
    written: BTreeSet<String>,
    files: &[File<'_>],
    terms: &[(String, Vec<u8>)],
) {
    let path = path_of(output);
    let header = Header {
        tool: tool(),
        fingerprint: fingerprint.to_string(),
        settings,
        written,
        files: files
            .iter()
            .map(|file| Stored {
                path: file.path.to_path_buf(),
                digest: file.digest,
                parsed: file
                    .parsed
                    .as_ref()
                    .map(|b| (bytes_digest(b), b.len() as u64)),
                text: (file.parsed.is_none())
                    .then(|| file.text.map(|text| text.len() as u64))
                    .flatten(),
            })
            .collect(),
        terms: terms
            .iter()
            .map(|(prefix, bytes)| (prefix.to_string(), bytes_digest(bytes), bytes.len() as u64))
            .collect(),
    };
    let blobs = files
        .iter()
        .map(|file| match (&file.parsed, file.text) {
            (Some(parsed), _) => parsed.as_slice(),
            (None, text) => text.unwrap_or_default().as_bytes(),
        })
        .chain(terms.iter().map(|(_, bytes)| bytes.as_slice()));
    let written = serde_json::to_string(&header)
        .map_err(std::io::Error::other)
        .and_then(|header| write_file(&path, &header, blobs));
    if written.is_err() {
        remove(output);
    }
}

/// Removes the cache of `output`: the next build is a full one.
pub(crate) fn remove(output: &Path) {
    let _ = fs::remove_file(path_of(output));
}

/// Writes the cache file beside and renames it into place.
fn write_file<'a>(
    path: &Path,
    header: &str,
    blobs: impl Iterator<Item = &'a [u8]>,
) -> std::io::Result<()> {
    let partial = path.with_extension("annals-cache-partial");
    let mut out = std::io::BufWriter::new(fs::File::create(&partial)?);
    writeln!(out, "{FORMAT}")?;
    writeln!(out, "{} {:016x}", header.len(), digest(header))?;
    out.write_all(header.as_bytes())?;
    for blob in blobs {
        out.write_all(blob)?;
    }
    out.into_inner().map_err(|e| e.into_error())?;
    fs::rename(&partial, path)
}
