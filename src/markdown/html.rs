//! Raw HTML in bodies: the links and images it holds.
//!
//! A body may hold raw HTML (`<img src="seal.svg" width="120">`). Its
//! `<a href>` and `<img src>` are links like Markdown's: [`links`] finds
//! them with their offsets, to be checked, and [`rewrite`] puts the page's
//! URLs in their place before the HTML is sanitised. An `<img>` without
//! `alt` is given `alt=""`, which HTML requires. Tags are read as HTML
//! reads them (quoted, unquoted and bare attributes; comments, end tags and
//! the text of `<script>`, `<style>`, `<textarea>` and `<title>` skipped),
//! but no tree is built: ammonia still does the sanitising.

use std::borrow::Cow;
use std::ops::Range;

/// A start tag.
struct Tag {
    /// Lowercase.
    name: String,
    /// Where its `<` is.
    start: usize,
    /// Where `>` or `/>` starts: where an attribute can be added.
    close: usize,
    attrs: Vec<Attr>,
}

/// An attribute of a tag.
struct Attr {
    /// Lowercase.
    name: String,
    /// The whole attribute, name to value.
    span: Range<usize>,
    /// The value, quotes included, if it has one.
    value: Option<Range<usize>>,
}

impl Tag {
    /// A tag from its `<` to where its `>` or `/>` starts.
    fn new(name: String, span: Range<usize>, attrs: Vec<Attr>) -> Tag {
        Tag {
            name,
            start: span.start,
            close: span.end,
            attrs,
        }
    }

    fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|attr| attr.name == name)
    }

    /// The attribute that holds the tag's link: `href` of `<a>`, `src` of
    /// `<img>`.
    fn link(&self) -> Option<&Attr> {
        match self.name.as_str() {
            "a" => self.attr("href"),
            "img" => self.attr("src"),
            _ => None,
        }
    }
}

/// The links of `<a href>` and `<img src>` in `text`: where each value
/// starts (inside its quotes), and the value, its character references
/// decoded.
pub(super) fn links(text: &str) -> Vec<(usize, String)> {
    tags(text)
        .iter()
        .filter_map(|tag| tag.link()?.value.clone())
        .map(|value| {
            let quoted = text[value.clone()].starts_with(['"', '\'']);
            let start = value.start + usize::from(quoted);
            (start, unquote(&text[value]).into_owned())
        })
        .collect()
}

/// The `<img>` tags of `text` without `alt`: where each starts (its `<`),
/// and its `src`.
pub(super) fn images_without_alt(text: &str) -> Vec<(usize, String)> {
    tags(text)
        .iter()
        .filter(|tag| tag.name == "img" && tag.attr("alt").is_none())
        .map(|tag| {
            let src = tag.attr("src").and_then(|attr| attr.value.clone());
            (
                tag.start,
                src.map_or(String::new(), |src| unquote(&text[src]).into_owned()),
            )
        })
        .collect()
}

/// `text` with each link of `<a href>` and `<img src>` replaced by what
/// `resolve` makes of it: `None` removes an `href` and empties a `src`.
/// Every `<img>` gets `alt=""` if it has no `alt`.
pub(super) fn rewrite(text: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for tag in tags(text) {
        if let Some(attr) = tag.link() {
            if let Some(value) = &attr.value {
                let written = unquote(&text[value.clone()]);
                match (resolve(&written), tag.name.as_str()) {
                    (Some(url), _) => edits.push((value.clone(), quote(&url))),
                    (None, "img") => edits.push((value.clone(), "\"\"".into())),
                    (None, _) => edits.push((attr.span.clone(), String::new())),
                }
            }
        }
        if tag.name == "img" && tag.attr("alt").is_none() {
            edits.push((tag.close..tag.close, " alt=\"\"".into()));
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + 16 * edits.len());
    let mut done = 0;
    for (range, replacement) in edits {
        out.push_str(&text[done..range.start]);
        out.push_str(&replacement);
        done = range.end;
    }
    out.push_str(&text[done..]);
    out
}

/// The start tags of `text`, in order.
fn tags(text: &str) -> Vec<Tag> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(lt) = text[at..].find('<').map(|i| at + i) {
        at = lt + 1;
        if text[at..].starts_with("!--") {
            at = text[at..]
                .find("-->")
                .map_or(text.len(), |end| at + end + 3);
            continue;
        }
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let Some((tag, end)) = start_tag(text, lt) else {
            break;
        };
        at = end;
        if ["script", "style", "textarea", "title"].contains(&tag.name.as_str()) {
            at = closing_tag(text, at, &tag.name);
        }
        found.push(tag);
    }
    found
}

/// Where the end tag `</name` first appears from `at`, in any case; the
/// end of the text if nowhere.
fn closing_tag(text: &str, at: usize, name: &str) -> usize {
    text[at..]
        .match_indices("</")
        .map(|(offset, _)| at + offset)
        .find(|&lt| {
            text.as_bytes()
                .get(lt + 2..lt + 2 + name.len())
                .is_some_and(|found| found.eq_ignore_ascii_case(name.as_bytes()))
        })
        .unwrap_or(text.len())
}

/// The start tag whose `<` is at `start`, and where it ends; `None` when
/// the text ends inside it.
fn start_tag(text: &str, start: usize) -> Option<(Tag, usize)> {
    let bytes = text.as_bytes();
    let mut at = start + 1;
    let name_end = at
        + text[at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(text.len() - at);
    let name = text[at..name_end].to_ascii_lowercase();
    at = name_end;
    let mut attrs = Vec::new();
    loop {
        at = skip_space(text, at);
        match bytes.get(at)? {
            b'>' => return Some((Tag::new(name, start..at, attrs), at + 1)),
            b'/' if bytes.get(at + 1) == Some(&b'>') => {
                return Some((Tag::new(name, start..at, attrs), at + 2));
            }
            b'/' | b'=' => at += 1,
            _ => {
                let (attr, end) = attribute(text, at)?;
                attrs.push(attr);
                at = end;
            }
        }
    }
}

/// The attribute starting at `start`, and where it ends.
fn attribute(text: &str, start: usize) -> Option<(Attr, usize)> {
    let bytes = text.as_bytes();
    let name_end = start
        + text[start..]
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '='))
            .unwrap_or(text.len() - start);
    let name = text[start..name_end].to_ascii_lowercase();
    let after = skip_space(text, name_end);
    if bytes.get(after) != Some(&b'=') {
        let span = start..name_end;
        return Some((
            Attr {
                name,
                span,
                value: None,
            },
            name_end,
        ));
    }
    let value_start = skip_space(text, after + 1);
    let value_end = match *bytes.get(value_start)? {
        quote @ (b'"' | b'\'') => {
            let close = text[value_start + 1..].find(quote as char)?;
            value_start + 1 + close + 1
        }
        _ => {
            value_start
                + text[value_start..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(text.len() - value_start)
        }
    };
    let attr = Attr {
        name,
        span: start..value_end,
        value: Some(value_start..value_end),
    };
    Some((attr, value_end))
}

fn skip_space(text: &str, at: usize) -> usize {
    at + text[at..]
        .find(|c: char| !c.is_ascii_whitespace())
        .unwrap_or(text.len() - at)
}

/// An attribute value as written, quotes removed and character references
/// decoded.
fn unquote(value: &str) -> Cow<'_, str> {
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    if !inner.contains('&') {
        return Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character reference at the start of `text` (`&amp;`, `&#39;`,
/// `&#x22;`) and its length.
fn reference(text: &str) -> Option<(char, usize)> {
    let (end, _) = text.char_indices().take(12).find(|(_, c)| *c == ';')?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// A value in double quotes, with `&` and `"` escaped.
fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('&', "&amp;").replace('"', "&quot;"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_of_anchors_and_images_only() {
        let text = "<p><img width=120 src='seal.svg'><a class=x href=\"a&amp;b.pdf\">x</a>\
                    <iframe src=\"no.html\"></iframe><!-- <img src=\"c.svg\"> -->\
                    <script>var s = '<img src=\"d.svg\">';</script><img src=e.png/></p>";
        let found: Vec<String> = links(text).into_iter().map(|(_, v)| v).collect();
        assert_eq!(found, ["seal.svg", "a&b.pdf", "e.png/"]);
        let (at, _) = links(text)[0];
        assert_eq!(&text[at..at + 9], "seal.svg'");
    }

    #[test]
    fn rewrites_links_and_gives_images_an_alt() {
        let out = rewrite(
            "<img\n  src=\"seal.svg\" width=\"120\"> <a href='x.pdf' title=t>scan</a> <img src=\"q.svg\" alt=\"Q\"/>",
            &|dest| (dest != "x.pdf").then(|| format!("../files/{dest}")),
        );
        assert_eq!(
            out,
            "<img\n  src=\"../files/seal.svg\" width=\"120\" alt=\"\"> <a  title=t>scan</a> <img src=\"../files/q.svg\" alt=\"Q\"/>"
        );
    }

    #[test]
    fn images_without_alt_are_found_with_their_src() {
        let text = "a <img src=\"x.svg\"> b <img alt=\"\" src=\"y.svg\"> <IMG SRC=z.svg ALT=z>";
        assert_eq!(images_without_alt(text), [(2, "x.svg".to_string())]);
    }

    #[test]
    fn unfinished_tags_and_odd_references_do_not_panic() {
        for text in [
            "<img src=\"x",
            "<a href=",
            "<img ",
            "<a href='&#xZZ;'>",
            "<é>",
            "<a\u{e9}>",
        ] {
            let _ = rewrite(text, &|d| Some(d.to_string()));
            let _ = links(text);
        }
        assert_eq!(unquote("\"&#34;&#x27;&bogus;&\""), "\"'&bogus;&");
        let long = format!("<a href=\"{}\">", "&".repeat(200_000));
        assert_eq!(links(&long)[0].1.len(), 200_000);
        let scripts = "<script>x</SCRIPT><img src=a.svg>".repeat(20_000);
        assert_eq!(links(&scripts).len(), 20_000);
    }
}
