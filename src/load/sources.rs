//! Everything a site is made of, read in one place.
//!
//! [`Sources::read`] is the first stage of every build, check and serve:
//! it reads `site.yaml`, the site's own templates and interface strings, and
//! lists the content and static files. No later stage opens a site file by
//! itself. Content files are listed here and read by [`super::read_each`]
//! as they are parsed, so that a large site's texts are never all in memory
//! at once; static files are copied by the output stage as they are. The
//! content's git history is read here too, once (`changes.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Changes, Format, Others, content, read_text, walk_named};
use crate::error::{Error, Result};

/// The site's settings file.
pub const SITE_YAML: &str = "site.yaml";

/// The folder of a site's interface strings (`i18n/es.yaml`).
pub const STRINGS_DIR: &str = "i18n";

/// A file of the site, read: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Relative to the site root.
    pub path: PathBuf,
    /// UTF-8 text without BOM, with `\n` line endings.
    pub text: String,
}

/// Everything a site is made of.
#[derive(Debug)]
pub struct Sources {
    /// The site's folder.
    pub root: PathBuf,
    /// `site.yaml`, when the site has one.
    pub site: Option<Text>,
    /// Content files (events and translations), in path order, with their
    /// formats; read as they are parsed.
    pub content: Vec<(PathBuf, Format)>,
    /// Files under `content/` that are not content: published when an
    /// event links to them.
    pub others: Others,
    /// The site's own templates by name (`event.html`, `partials/x.html`),
    /// each overriding the built-in one of that name.
    pub templates: Vec<(String, Text)>,
    /// The site's own interface strings, by language code.
    pub strings: BTreeMap<String, Text>,
    /// The site's static files: each file and where it goes in the output.
    pub statics: Vec<(PathBuf, String)>,
    /// When the content files last changed (their git history), and the
    /// build's source date: for the feed.
    pub changes: Changes,
    /// Actor declarations, `content/actors/*.yaml`, in path order.
    pub actors: Vec<Text>,
    /// Pages that are not events, `content/pages/*.md` and their
    /// translations, in path order.
    pub pages: Vec<Text>,
}

impl Sources {
    /// Reads the site at `root`; every unreadable file is reported. A
    /// folder with neither `site.yaml` nor `content/` is refused: most
    /// likely the wrong folder, where a build would write an empty site.
    pub fn read(root: &Path) -> Result<Sources> {
        require_site(root)?;
        let history = Changes::start(root);
        let site = Path::new(SITE_YAML);
        let site = match root.join(site).is_file() {
            true => Some(read(root, site.to_path_buf())?),
            false => None,
        };
        let (content, others) = content(root)?;
        let templates = named(root, "templates")?
            .into_iter()
            .map(|(path, name)| Ok((name, read(root, path)?)))
            .collect::<Result<Vec<_>>>()?;
        let mut strings = BTreeMap::new();
        for (path, name) in named(root, STRINGS_DIR)? {
            if let Some(code) = name.strip_suffix(".yaml").filter(|c| !c.contains('/')) {
                strings.insert(code.to_string(), read(root, path)?);
            }
        }
        Ok(Sources {
            root: root.to_path_buf(),
            site,
            content,
            others,
            templates,
            strings,
            statics: named(root, "static")?,
            changes: history.finish(),
            actors: declared(root, "content/actors", "yaml")?,
            pages: declared(root, "content/pages", "md")?,
        })
    }
}

impl Sources {
    /// Lists `content/` again, after files or folders came or went.
    pub fn relist_content(&mut self) -> Result<()> {
        (self.content, self.others) = content(&self.root)?;
        self.actors = declared(&self.root, "content/actors", "yaml")?;
        self.pages = declared(&self.root, "content/pages", "md")?;
        Ok(())
    }
}

/// The `.extension` files of `root/dir`, read; any other file there is an
/// error, since it would silently do nothing.
fn declared(root: &Path, dir: &str, extension: &str) -> Result<Vec<Text>> {
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for (path, _) in named(root, dir)? {
        match path.extension().is_some_and(|e| e == extension) {
            true => texts.push(read(root, path)?),
            false => errors.push(Error::content(
                crate::Position::file(&path),
                format!("{dir}/ holds only .{extension} files: move this file elsewhere"),
            )),
        }
    }
    Error::collect(errors)?;
    Ok(texts)
}

/// The files of `root/dir` with their names inside it.
fn named(root: &Path, dir: &str) -> Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for file in walk_named(root, dir) {
        match file {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    Ok(files)
}

fn read(root: &Path, path: PathBuf) -> Result<Text> {
    let text = read_text(root, &path)?;
    Ok(Text { path, text })
}

/// Refuses a folder that is no annals site: one with neither `site.yaml`
/// nor `content/`.
pub fn require_site(root: &Path) -> Result<()> {
    if root.join(SITE_YAML).is_file() || root.join("content").is_dir() {
        return Ok(());
    }
    let shown = root
        .canonicalize()
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf());
    let why = match root.is_dir() {
        true => "it has neither a site.yaml nor a content/ folder",
        false => "the folder does not exist",
    };
    Err(Error::Usage(format!(
        "no annals site in {}: {why}; run annals in a site's folder, pass --root DIR, or create a site with `annals init DIR`",
        shown.display()
    )))
}
