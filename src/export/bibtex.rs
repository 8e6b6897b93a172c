//! `data/sources.bib`: every distinct source as a BibLaTeX entry (which
//! BibTeX reads too), keyed by the source's id.
//!
//! Entry types follow the kind (`@article`, `@book`, `@report`,
//! `@legislation`, `@letter`, `@misc`…; a link of no kind is `@online`);
//! dates are EDTF, as BibLaTeX reads them (`date = {1976-11}`,
//! `{-0043}`, `{1976~}`), with a BibTeX `year` beside them; `urldate` is
//! when the source was accessed. A linked source's archived copy is its
//! `eprint` (`eprinttype` naming the archive); a source known only by its
//! copy has that as its `url`. Text is escaped for LaTeX (`&`, `%`, `#`,
//! `_`, `$`, `{`, `}`, `~`, `^`, `\`); URLs are verbatim fields, with any
//! brace or backslash percent-encoded.

use super::csl::edtf;
use crate::chronology::bibliography::Bibliography;
use crate::source::{Kind, Source};

/// The BibLaTeX file of every source in `bibliography`.
pub(super) fn document(bibliography: &Bibliography<'_>) -> Vec<u8> {
    let mut out = String::new();
    for entry in &bibliography.entries {
        out.push_str(&entry_text(&entry.source));
        out.push('\n');
    }
    out.into_bytes()
}

fn entry_text(source: &Source) -> String {
    let kind = source.kind;
    let entry_type = kind.map_or(
        if source.url.is_some() {
            "online"
        } else {
            "misc"
        },
        Kind::bibtex_type,
    );
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut text = |name: &'static str, value: Option<&str>| {
        if let Some(value) = value.filter(|value| !value.trim().is_empty()) {
            fields.push((name, escape(value)));
        }
    };
    text("title", Some(source.label()));
    if let Some(publisher) = source.publisher.as_deref() {
        let field = match kind {
            Some(kind) if kind.in_periodical() => "journaltitle",
            Some(Kind::Report | Kind::Thesis) => "institution",
            Some(Kind::Book | Kind::Chapter) => "publisher",
            _ => "organization",
        };
        text(field, Some(publisher));
    }
    text("type", genre(kind));
    text(
        "entrysubtype",
        (kind == Some(Kind::Article)).then_some("newspaper"),
    );
    if !source.authors.is_empty() {
        let names: Vec<String> = source.authors.iter().map(|name| author(name)).collect();
        fields.push(("author", names.join(" and ")));
    }
    if let Some(date) = &source.date {
        fields.push(("date", edtf(date, source.circa)));
        fields.push(("year", year(date)));
    }
    if let Some(accessed) = &source.accessed {
        fields.push(("urldate", edtf(accessed, false)));
    }
    links(source, &mut fields);
    let body: Vec<String> = fields
        .iter()
        .map(|(name, value)| format!("  {name} = {{{value}}}"))
        .collect();
    format!("@{entry_type}{{{},\n{}\n}}\n", source.id, body.join(",\n"))
}

/// `url`, and the archived copy as `eprint` (or as `url` when it is the
/// only link).
fn links(source: &Source, fields: &mut Vec<(&str, String)>) {
    match (&source.url, &source.archived) {
        (Some(url), archived) => {
            fields.push(("url", verbatim(url)));
            if let Some(archived) = archived {
                let host = url::Url::parse(&archived.url).ok();
                let host = host
                    .as_ref()
                    .and_then(url::Url::host_str)
                    .unwrap_or("web archive");
                fields.push(("eprint", verbatim(&archived.url)));
                fields.push(("eprinttype", escape(host)));
            }
        }
        (None, Some(archived)) => fields.push(("url", verbatim(&archived.url))),
        (None, None) => {}
    }
}

fn genre(kind: Option<Kind>) -> Option<&'static str> {
    match kind? {
        Kind::Cable => Some("Diplomatic cable"),
        Kind::Memorandum => Some("Memorandum"),
        Kind::Interview => Some("Interview"),
        Kind::Speech => Some("Speech"),
        Kind::Broadcast => Some("Broadcast"),
        Kind::Map => Some("Map"),
        _ => None,
    }
}

/// A BibTeX year: `1976`, or `44 BCE`.
fn year(date: &crate::date::HistoricalDate) -> String {
    match date.is_bce() {
        true => format!("{} BCE", date.year()),
        false => date.year().to_string(),
    }
}

/// A name as BibTeX splits it: "Family, Given" as written; a name of an
/// organisation (more than three words, or a word in lower case, or
/// "and") in braces, so that it is not split.
fn author(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let personal = name.contains(',')
        || (words.len() <= 3
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase)));
    match personal && !words.contains(&"and") {
        true => escape(name),
        false => format!("{{{}}}", escape(name)),
    }
}

/// Text with LaTeX's special characters escaped, on one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '$' | '&' | '#' | '%' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a verbatim field: braces and backslashes percent-encoded.
fn verbatim(url: &str) -> String {
    url.replace('\\', "%5C")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_specials_are_escaped() {
        assert_eq!(
            escape("AT&T 50% #1 {x} $5 a_b ~ ^ \\"),
            "AT\\&T 50\\% \\#1 \\{x\\} \\$5 a\\_b \\~{} \\^{} \\textbackslash{}"
        );
        assert_eq!(verbatim("https://x.org/?q={a}"), "https://x.org/?q=%7Ba%7D");
    }

    #[test]
    fn organisations_are_kept_whole() {
        assert_eq!(author("Pérez, Carlos Andrés"), "Pérez, Carlos Andrés");
        assert_eq!(author("Carlos Andrés Pérez"), "Carlos Andrés Pérez");
        assert_eq!(
            author("Ministerio del Poder Popular para Relaciones Exteriores"),
            "{Ministerio del Poder Popular para Relaciones Exteriores}"
        );
        assert_eq!(author("Marx and Engels"), "{Marx and Engels}");
    }
}
