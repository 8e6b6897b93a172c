//! What a link or an image in a body points at, told from how it is
//! written, and the form of a URL that a page may hold.
//!
//! A body is written beside its event file, so a relative destination is a
//! path from that file, as GitHub renders it: another event's source file,
//! or a file kept beside it. A destination from the site root
//! (`/img/seal.svg`) breaks when the site is opened from disk or served
//! under a subpath, so it is told apart, to be rewritten or refused. A URL
//! with a scheme is parsed with the `url` crate: one that is not valid is
//! refused, and one that holds characters a URL may not (`"`, spaces) is
//! written percent-encoded.

use std::borrow::Cow;
use std::cell::Cell;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Where a link or an image goes, as written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest<'a> {
    /// The page itself: empty, `#aftermath` or `?q`.
    Here,
    /// Another event's source file, relative to the body's file:
    /// `1952-rupture.md`, `visits.yaml#1976-olga-visit`.
    Event {
        /// The path as written, without `#fragment`.
        path: &'a str,
        /// What follows `#`, if anything.
        fragment: Option<&'a str>,
    },
    /// Any other file, relative to the body's file: `seal.svg`,
    /// `scans/letter.pdf#page=2`.
    File {
        /// The path as written, without `?query` or `#fragment`.
        path: &'a str,
        /// The `?query#fragment` that follows the path, as written.
        rest: &'a str,
    },
    /// A path from the site root: `/img/seal.svg`.
    Rooted {
        /// The path as written, with its leading `/`.
        path: &'a str,
        /// The `?query#fragment` that follows the path, as written.
        rest: &'a str,
    },
    /// An absolute URL of an allowed scheme, in the form a page may hold.
    External(Cow<'a, str>),
    /// A scheme a page may not link to (`javascript:`): the link is dropped.
    Unsafe,
    /// Not a valid URL, and why.
    Invalid(String),
}

/// Tells what `dest` points at.
pub fn classify(dest: &str) -> Dest<'_> {
    if !is_safe_url(dest) {
        return Dest::Unsafe;
    }
    if dest.is_empty() || dest.starts_with(['#', '?']) {
        return Dest::Here;
    }
    if dest.starts_with("//") {
        return Dest::Invalid(
            "it starts with //, so it takes the scheme of the page, which is file: when the site is opened from disk: write https:// instead".into(),
        );
    }
    if has_scheme(dest) {
        return external(dest);
    }
    let (path, rest) = dest.split_at(dest.find(['?', '#']).unwrap_or(dest.len()));
    if path.starts_with('/') {
        Dest::Rooted { path, rest }
    } else if is_event_file(path) {
        let fragment = rest.split_once('#').map(|(_, fragment)| fragment);
        Dest::Event { path, fragment }
    } else {
        Dest::File { path, rest }
    }
}

/// Whether a path names an event file: `.md`, `.markdown`, `.yaml`, `.yml`.
fn is_event_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".md", ".markdown", ".yaml", ".yml"]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

/// Whether a URL may appear in a page: http(s), mailto, or relative.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if !has_scheme(&trimmed) {
        return true;
    }
    let lower = trimmed.to_ascii_lowercase();
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) => !url[..colon].contains(['/', '?', '#']),
        None => false,
    }
}

/// An absolute URL as written when it is a valid URL string, else as the
/// `url` crate serialises it, percent-encoded; or why it is not a URL.
fn external(dest: &str) -> Dest<'_> {
    let violated = Cell::new(false);
    let parsed = url::Url::options()
        .syntax_violation_callback(Some(&|_| violated.set(true)))
        .parse(dest);
    match parsed {
        Err(error) => Dest::Invalid(error.to_string()),
        Ok(_) if !violated.get() && !needs_encoding(dest) => Dest::External(Cow::Borrowed(dest)),
        Ok(url) => {
            let after_host = &url[url::Position::BeforePath..];
            let before = &url[..url::Position::BeforePath];
            Dest::External(Cow::Owned(format!("{before}{}", encode_rest(after_host))))
        }
    }
}

/// What a URL may not hold as written (the characters that are not URL code
/// points, in ASCII), beside controls; `%` is handled on its own.
const NOT_IN_URL: AsciiSet = CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// What a file name may not hold in a URL's path.
const NOT_IN_PATH: AsciiSet = NOT_IN_URL.add(b'#').add(b'?').add(b'%');

/// Whether a byte may not stand as itself in a URL: the same set as
/// [`NOT_IN_URL`], and DEL.
fn not_in_url(byte: u8) -> bool {
    byte < 0x20 || byte == 0x7f || b" \"<>`{}|\\^[]".contains(&byte)
}

fn needs_encoding(text: &str) -> bool {
    text.bytes().any(not_in_url) || !percents_are_escapes(text)
}

fn percents_are_escapes(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(at, &b)| {
        b != b'%'
            || bytes
                .get(at + 1..at + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    })
}

/// The query and fragment of a link (or what follows an URL's host), with
/// what a URL may not hold percent-encoded; a `%` that starts no escape
/// becomes `%25`.
pub fn encode_rest(rest: &str) -> Cow<'_, str> {
    if !needs_encoding(rest) {
        return Cow::Borrowed(rest);
    }
    let mut out = String::with_capacity(rest.len() + 8);
    let bytes = rest.as_bytes();
    for (at, c) in rest.char_indices() {
        let lone_percent = c == '%'
            && !bytes
                .get(at + 1..at + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        if lone_percent {
            out.push_str("%25");
        } else if c.is_ascii() && not_in_url(c as u8) {
            out.push_str(&format!("%{:02X}", c as u8));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file's path (`/`-separated, as it is named on disk) as a URL path:
/// every character a path segment may not hold percent-encoded, non-ASCII
/// ones too.
pub fn path_url(path: &str) -> String {
    path.split('/')
        .map(|segment| utf8_percent_encode(segment, &NOT_IN_PATH).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// A destination's path as the file it names: `%20` and the like decoded.
pub fn decoded(path: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_told_apart() {
        assert_eq!(classify("#aftermath"), Dest::Here);
        assert_eq!(
            classify("visits.yaml#1976-olga"),
            Dest::Event {
                path: "visits.yaml",
                fragment: Some("1976-olga")
            }
        );
        assert_eq!(
            classify("../1952-rupture.MD"),
            Dest::Event {
                path: "../1952-rupture.MD",
                fragment: None
            }
        );
        assert_eq!(
            classify("scans/letter.pdf#page=2"),
            Dest::File {
                path: "scans/letter.pdf",
                rest: "#page=2"
            }
        );
        assert_eq!(
            classify("/img/seal.svg?v=2"),
            Dest::Rooted {
                path: "/img/seal.svg",
                rest: "?v=2"
            }
        );
        assert_eq!(classify("javascript:alert(1)"), Dest::Unsafe);
        assert!(matches!(
            classify("//cdn.example.org/x.js"),
            Dest::Invalid(_)
        ));
    }

    #[test]
    fn valid_urls_stay_as_written_and_others_are_encoded_or_refused() {
        let external = |dest| match classify(dest) {
            Dest::External(url) => Ok(url.into_owned()),
            other => Err(other),
        };
        assert_eq!(
            external("https://example.org"),
            Ok("https://example.org".into())
        );
        assert_eq!(
            external("https://example.org/a\"b c|d"),
            Ok("https://example.org/a%22b%20c%7Cd".into())
        );
        assert_eq!(
            external("https://example.org:99999/"),
            Err(Dest::Invalid("invalid port number".into()))
        );
        assert_eq!(
            external("http://[::1"),
            Err(Dest::Invalid("invalid IPv6 address".into()))
        );
    }

    #[test]
    fn file_paths_become_url_paths() {
        assert_eq!(
            path_url("files/events/1976/Olga \"visit\" #2.jpg"),
            "files/events/1976/Olga%20%22visit%22%20%232.jpg"
        );
        assert_eq!(path_url("files/Évian.svg"), "files/%C3%89vian.svg");
        assert_eq!(encode_rest("#page=2"), "#page=2");
        assert_eq!(encode_rest("?q=a b&p=100%"), "?q=a%20b&p=100%25");
        assert_eq!(decoded("Olga%20visit.jpg"), "Olga visit.jpg");
    }
}
